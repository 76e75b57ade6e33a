"""The understanding reader: intents and entity values of representative messages, the ``helpdesk nlu eval``
command on a tiny case file, and the turn's hook that reuses the danger reading."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from bot.messages import Inbound
from bot.turn import Turn
from nlu import understanding
from nlu.danger import read_danger
from nlu.understanding import understand


@pytest.mark.parametrize(
    ("text", "intent", "entities"),
    [
        (
            "gaji saya 3 bulan tidak dibayar majikan di taiwan",
            "report_self",
            {"country": "TW", "category": "unpaid_wages"},
        ),
        (
            "sy mau lapor anak sy yg di malaysia",
            "report_family",
            {"country": "MY", "relationship": "parent"},
        ),
        ("sy ibunya, bkn sy yg kerja", "report_family", {"relationship": "parent"}),
        (
            "cek status PMI-CM4AB7 pin 845308",
            "status_check",
            {"reference": "PMI-CM4AB7", "pin": "845308"},
        ),
        ("pmi 4tz7wb", "status_check", {"reference": "PMI-4TZ7WB"}),
        ("845308", "status_check", {"pin": "845308"}),
        ("laporan saya sudah sampai mana ya?", "status_check", {}),
        ("mau ngomong sama petugas, bukan bot", "talk_to_officer", {}),
        ("tolong telpon saya di 0813 5522 7140", "talk_to_officer", {"phone": "+6281355227140"}),
        ("batal", "menu", {}),
        ("makasih kak 🙏", "menu", {}),
        ("👍", "menu", {}),
        ("biaya resmi kerja ke hongkong brp?", "question", {"country": "HK"}),
        ("kalo paspor ilang di malaysia ngurusnya kemana", "question", {"country": "MY"}),
        ("tolong", "danger", {}),
        ("tolong saya dipukul majikan sekarang", "danger", {"category": "violence"}),
        (
            "saya dulu pernah dipukul majikan di jeddah, skrg sdh aman di shelter",
            "report_self",
            {"country": "SA", "city": "Jeddah", "category": "violence"},
        ),
        (
            "kerja di kl sama madam chan, gaji RM 1.500 ga dibayar",
            "report_self",
            {
                "country": "MY",
                "city": "Kuala Lumpur",
                "employer": "Madam Chan",
                "amount": "MYR 1500",
                "category": "unpaid_wages",
            },
        ),
        (
            "saya sudah bayar 15jt ke PT Sinar Jaya Abadi tapi ga berangkat2",
            "report_self",
            {"amount": "IDR 15000000", "agency": "PT Sinar Jaya Abadi", "category": "failed_departure"},
        ),
        (
            "kakak saya berangkat mei 2021 ke malaysia, sejak itu tidak ada kabar",
            "report_family",
            {"date": "2021-05", "country": "MY", "relationship": "sibling", "category": "lost_contact"},
        ),
    ],
)
def test_reads_intent_and_entities(text: str, intent: str, entities: dict[str, str]) -> None:
    got = understand(text)
    assert (got.intent, dict(got.entities)) == (intent, entities)


def test_relative_dates_are_not_marked_but_absolute_ones_are() -> None:
    assert "date" not in understand("gaji saya 2 bulan lalu terakhir dibayar").entities
    assert understand("saya berangkat 12 maret 2023 ke taiwan").entities["date"] == "2023-03-12"


def test_identity_numbers_are_not_read_as_phones_or_pins() -> None:
    got = understand("aku lupa nomor laporan, nik ku 3507124508950003")
    assert got.intent == "status_check"
    assert dict(got.entities) == {"nik": "3507124508950003"}


def test_a_question_about_a_relative_marks_no_relationship_or_category() -> None:
    got = understand("kalau anak saya mau kerja ke taiwan biayanya berapa?")
    assert got.intent == "question"
    assert "relationship" not in got.entities and "category" not in got.entities


def test_given_danger_reading_is_used_instead_of_reading_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(text: str) -> None:
        raise AssertionError("the danger reader ran a second time")

    danger = read_danger("tolong saya dipukul majikan")
    monkeypatch.setattr(understanding, "read_danger", must_not_run)
    assert understand("tolong saya dipukul majikan", danger=danger).intent == "danger"
    assert understand("tolong saya dipukul majikan", danger=None).intent != "danger"


def test_turn_understanding_reuses_the_turns_danger_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    turn = Turn(
        session=None,  # type: ignore[arg-type]
        config=None,  # type: ignore[arg-type]
        contact=None,  # type: ignore[arg-type]
        conversation=None,  # type: ignore[arg-type]
        inbound=Inbound("web", "c1", "u1", text="anak saya di malaysia disiksa majikan"),
        message_id=1,
        now=datetime(2026, 12, 1, tzinfo=UTC),
        data={},
    )
    assert turn.danger is not None
    monkeypatch.setattr(understanding, "read_danger", lambda text: None)
    got = turn.understanding
    assert got.intent == "danger" and got.danger is turn.danger
    assert got.entities["relationship"] == "parent" and got.entities["country"] == "MY"


CASES = """\
cases:
  - q: "gaji saya di taiwan 3 bulan tidak dibayar"
    intent: report_self
    entities:
      country: TW
      category: unpaid_wages
  - q: "menu"
    intent: menu
    entities: {}
  - q: "biaya ke hongkong berapa?"
    intent: report_self
    entities:
      country: JP
"""


def test_eval_command_prints_accuracy_confusions_and_entity_scores(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["nlu", "eval", "--cases", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("intent accuracy") and "2/3" in line for line in lines)
    assert any(line.split()[:1] == ["report_self"] and "1/2" in line for line in lines)
    assert "  report_self -> question: 1" in lines
    country = next(line for line in lines if line.strip().startswith("country"))
    assert country.split()[1:] == ["0.500", "0.500", "0.500", "2"]  # HK read where JP was expected


def test_eval_command_json(tmp_path: Path) -> None:
    import json

    path = tmp_path / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["nlu", "eval", "--cases", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["intent"]["n"] == 3 and figures["intent"]["accuracy"] == pytest.approx(2 / 3)
    assert figures["by_entity"]["category"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "n": 1}
