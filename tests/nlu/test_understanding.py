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
from nlu.category import detect_category
from nlu.danger import Danger, read_danger
from nlu.entities import read_entities
from nlu.understanding import understand
from nlu.understanding_eval import Case, part_of, select


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


@pytest.mark.parametrize(
    ("text", "danger", "intent", "category"),
    [
        # the model alone, beside an everyday complaint: the complaint is what the message is for
        ("sy kerja di jedah, dah 8 bulan ga digaji", Danger("trafficking", None, 0.52), "report_self", "unpaid_wages"),
        ("saya sakit di taichung, majikan ga mau bawa ke dokter", Danger("medical", None, 0.81), "report_self", "illness"),
        # a bare cry for help beside one
        ("tolong bantu saya, majikan ga mau bayar gaji", Danger("sos", None, 0.54), "report_self", "unpaid_wages"),
        ("i have not been paid for four months, please help me", Danger("sos", "please help", 0.62), "report_self",
         "unpaid_wages"),
        # medical emergency words keep the model's verdict, also beside "sakit"
        ("aku sesak napas dari tadi, dada sakit banget", Danger("medical", None, 0.99), "danger", "illness"),
        ("aku pendarahan, majikan ga mau bawa ke rs", Danger("medical", None, 0.91), "danger", "illness"),
        # the model alone with no word of harm, fear or emergency; with one
        ("tolong pulangkan saya, saya tidak kuat lagi kerja di sini", Danger("trafficking", None, 0.62), "report_self",
         "repatriation"),
        ("saya dipaksa tanda tangan surat pengunduran diri", Danger("suicide", None, 0.95), "report_self",
         "contract_violation"),
        ("majikan ngunci aku di kamar dari pagi", Danger("confinement", None, 0.93), "danger", None),
        ("maaf semuanya, ini pesan terakhir aku", Danger("suicide", None, 0.9), "danger", None),
        ("saya sudah tidak ingin hidup lagi", Danger("suicide", None, 0.43), "danger", None),
        # a danger word keeps the verdict beside an everyday complaint
        ("gaji ga dibayar, kalau tanya dipukul", Danger("violence", "dipukul", 0.52), "danger", "violence"),
        # the cry names its harm
        ("tolongin aku mba, majikan mau nyekik", Danger("sos", "tolongin aku mba,", 0.99), "danger", "violence"),
        ("tolong aku, anak majikan maksa aku tidur sama dia", Danger("sos", "tolong aku,", 1.0), "danger",
         "sexual_violence"),
    ],
)  # fmt: skip
def test_a_danger_verdict_no_danger_word_backs_yields_to_an_everyday_complaint(
    text: str, danger: Danger, intent: str, category: str | None
) -> None:
    got = understand(text, danger=danger)
    assert (got.intent, got.entities.get("category")) == (intent, category)
    assert got.danger is danger  # the verdict is kept for the alarm: only the intent reads it differently


def test_a_verdict_of_the_model_alone_on_a_question_or_an_officer_request_is_not_danger() -> None:
    assert understand(
        "kenapa harus ikut orientasi pra pemberangkatan", danger=Danger("medical", None, 0.22)
    ).intent == ("question")
    assert understand("tolong hubungi saya di 0821 4455 6677", danger=Danger("sos", None, 0.29)).intent == (
        "talk_to_officer"
    )
    assert understand(
        "aku pengen curhat langsung sama orang, bukan mesin", danger=Danger("suicide", None, 0.26)
    ).intent == ("talk_to_officer")


def test_cheated_over_a_job_in_a_scam_country_is_fraud_held_there_is_trafficking() -> None:
    cheated = understand("ditipu lowongan kerja ke kamboja, disuruh kirim uang 3 jt buat visa")
    assert (cheated.intent, cheated.entities.get("category")) == ("report_self", "job_fraud")
    held = understand("kami disekap di kamboja, disuruh nipu online, paspor diambil")
    assert (held.intent, held.entities.get("category"), held.entities.get("country")) == (
        "danger",
        "trafficking",
        "KH",
    )


@pytest.mark.parametrize(
    "text",
    [
        "bisa ngomong sama orang langsung?",
        "tolong telpon sy balik",
        "boleh cakap dengan pegawai",
        "tolong saya mau ditelpon aja, ga bisa ngetik panjang",
        "ada yg bisa ditelpon ga? sy bingung pake bot",
        "aku pingin matur kalih petugas mawon",
        "males sama bot, mau sama orang",
        "sy ga bisa baca tulis lancar, tolong telpon aja",
    ],
)
def test_officer_requests_in_sentences(text: str) -> None:
    assert understand(text).intent == "talk_to_officer"


def test_not_being_reachable_is_a_lost_contact_not_a_call_request() -> None:
    got = understand("anak saya ga bisa ditelpon")
    assert (got.intent, got.entities.get("category")) == ("report_family", "lost_contact")


@pytest.mark.parametrize(
    "text",
    [
        "is my complaint being processed?",
        "any news about my report",
        "has anyone looked at my case yet?",
        "what happened to my complaint from last week",
        "udah ada petugas yg pegang laporan saya?",
    ],
)
def test_status_checks_in_words(text: str) -> None:
    assert understand(text).intent == "status_check"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("sy mau daftar ke taiwan, harus lewat pt ya?", "question"),  # going, not there yet
        ("gaji ditahan majikan itu melanggar aturan kan?", "question"),  # about the rules, nobody's case
        ("bener ga bpjs bisa dibayar dari luar negeri?", "question"),
        ("gaji saya ditahan majikan, itu melanggar aturan kan?", "report_self"),  # the writer's own case
        (
            "tolong sy mau pulang, ibu sy di kampung sakit",
            "report_self",
        ),  # the relative at home is not the worker
        ("setahun lalu aku dipukuli majikan, sekarang sudah pulang ke indonesia, mau lapor", "report_self"),
        (
            "aku cuma boleh libur sebulan sekali padahal janjinya tiap minggu",
            "report_self",
        ),  # "boleh" tells here
        ("nek pengen mulih sakdurunge kontrak entek piye carane", "question"),  # Javanese "nek" = "kalau"
        ("ini nik saya 3510156804870002 buat cari laporan", "status_check"),  # "laporan" names no problem
        ("aduan kemarin gimana min", "status_check"),
        ("ada nomor yg bisa saya telpon?", "talk_to_officer"),
        ("jam kerja aku lebih dari 18 jam tiap hari", "report_self"),  # telling, asking nothing
        ("hello, I need help with my salary please", "question"),  # asking for help names no problem yet
        ("aku lulusan sd bisa ga kerja di malaysia", "question"),  # a yes/no question without a question word
        ("aku diancam dibunuh kalau lapor", "danger"),
        ("saya kabur dari majikan karena sering dipukul, sekarang di shelter aman", "report_self"),
        ("aduan tentang agen saya sudah ada hasil?", "status_check"),
        ("saya perlu bantuan orang, bukan jawaban otomatis", "talk_to_officer"),
        ("is it legal for agency to keep my passport?", "question"),
        ("what are my rights if my contract is terminated early in taiwan", "question"),
        ("gimana caranya aku bisa pulang, majikan tahan paspor", "report_self"),  # how, about the own case
        ("saya mau tau hak-hak pmi di hongkong", "question"),
        ("gimana nasib laporan saya?", "status_check"),
        ("bisa telpon ke wa saya? +886 933 456 789", "talk_to_officer"),
        ("camne nak lapor majikan yang tak bayar gaji", "question"),  # how to report, nobody's case
        ("pmi yg meninggal di luar negeri dapat santunan berapa", "question"),  # workers in general
        ("laporan soal suami saya gimana kabarnya", "status_check"),
        ("my complaint was sent 2 weeks ago, no reply yet", "status_check"),
        ("mau ngobrol via telpon aja min", "talk_to_officer"),
        ("ada admin yang bisa diajak ngobrol?", "talk_to_officer"),
        ("menu please", "menu"),
        ("udah ada kabar soal aduan anak saya?", "status_check"),
        ("pin laporan saya 447219", "status_check"),
        ("tak jadi", "menu"),
        ("wassalamualaikum", "menu"),
    ],
)
def test_question_report_and_menu_apart(text: str, intent: str) -> None:
    assert understand(text).intent == intent


def test_an_ordinary_word_in_a_message_is_not_a_misspelt_country() -> None:
    assert "country" not in read_entities("udah ada petugas yg pegang laporan saya?")  # not Penang
    assert read_entities("sy kerja di taiwam")["country"] == "TW"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("majikan lama suka megang2 aku, sekarang udah pindah majikan", "sexual_violence"),
        ("ibuku kerjo neng malaysia, paspore dicekel majikan", "document_retention"),
        ("majikan ga mau balikin paspor saya padahal kontrak sudah habis", "document_retention"),
        ("dijanjiin kerja di korea, udah transfer 8jt, orangnya ilang", "job_fraud"),
        ("suami saya di sarawak tak dapat gaji 3 bulan", "unpaid_wages"),
        ("my boss keeps delaying my salary, now 2 months", "unpaid_wages"),
        ("anakku neng hongkong wis 3 wulan ora iso dihubungi", "lost_contact"),
        ("di kontrak jaga lansia tapi disuruh kerja di toko jg", "contract_violation"),
        ("majikan tak mahu bayar gaji saya bulan lepas", "unpaid_wages"),
        ("permit saya sudah tamat, majikan tak nak renew", "other"),
        ("istri saya di riyadh dilarang pulang sama majikan", "repatriation"),
        ("saya hamil, majikan mau pulangkan saya tanpa gaji", "illness"),  # the pregnancy is the case
        ("suami saya dipecat di pabrik ansan tanpa pesangon", "unpaid_wages"),
        ("ibu saya sakit keras di saudi dan ingin pulang", "illness"),
        ("ada orang nawarin kerja ke jepang, minta dp 3 jt, sekarang wa ku diblokir", "job_fraud"),
        ("tolong saya, saya mau dibunuh", "violence"),
    ],
)
def test_complaint_categories_of_new_wordings(text: str, category: str) -> None:
    assert detect_category(text) == category


def test_development_parts_are_stable_and_disjoint() -> None:
    cases = [Case(f"pesan nomor {k}", "question", {}) for k in range(300)]
    tune, validation = select(cases, "tune"), select(cases, "validation")
    assert len(tune) + len(validation) == 300 and 70 < len(validation) < 130
    assert all(part_of(case.q) == "validation" for case in validation)
    assert select(list(reversed(cases)), "validation") == list(reversed(validation))
    with pytest.raises(ValueError):
        select(cases, "blind")


def test_eval_command_reads_several_files_and_one_part(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(CASES, encoding="utf-8")
    second.write_text('cases:\n  - {q: "halo", intent: menu, entities: {}}\n', encoding="utf-8")
    texts = ["gaji saya di taiwan 3 bulan tidak dibayar", "menu", "biaya ke hongkong berapa?", "halo"]
    held_out = sum(part_of(text) == "validation" for text in texts)
    args = ["nlu", "eval", "--cases", str(first), "--cases", str(second), "--quiet"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "4 cases" in result.output.splitlines()[0]
    result = CliRunner().invoke(cli, [*args, "--part", "validation"])
    assert result.exit_code == 0, result.output
    assert f"{held_out} cases (validation part)" in result.output.splitlines()[0]


def test_a_friend_named_with_the_kind_of_friend_writes_as_other() -> None:
    got = understand("temen serumah saya pingsan ga bangun2", danger=Danger("medical", None, 0.8))
    assert (got.intent, got.entities.get("relationship"), got.entities.get("category")) == (
        "danger",
        "other",
        "illness",
    )


@pytest.mark.parametrize(
    "text",
    [
        "yaudah sy tanya aja, kalo kontrak abis boleh perpanjang di taiwan ga atau hrs pulang dulu",
        "sy mau tanya aja, anak sy mau ke jepang jalur magang, bayarnya berapa yg wajar",
        "cuma nanya, biaya ke hongkong brp",
    ],
)
def test_someone_who_says_they_are_only_asking_asks_a_question(text: str) -> None:
    assert understand(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "tiap bln disuruh cicil ke LPK 50rb yen, katanya utang biaya pelatihan",
        "adek sy di jepang ditarik biaya lagi sm LPK Sakura Mandiri 40 jt padahal udh kerja",
        "hi sir, my agency keep cutting my salary for extra fee",
    ],
)
def test_fees_told_as_instalments_charges_or_cuts_are_overcharging(text: str) -> None:
    from nlu.category import detect_category

    assert detect_category(text) == "overcharging"
