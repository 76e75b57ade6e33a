"""The danger reader in a form: answers to form questions need stronger evidence than a first message before
they interrupt the form, and present danger still interrupts every question."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu import evaluation
from nlu.danger import Danger, as_answer, read, read_danger
from nlu.danger_modality import RESOLVED, told_in_past
from nlu.danger_training import Case, load_cases
from nlu.text import fold

DEV_SET = Path(__file__).resolve().parents[2] / "nlu" / "corpus" / "form-danger-dev.yaml"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("paspor dipegang majikan dr awal", "description"),  # the complaint the form is recording
        ("paspor ditahan agen", "agency"),
        ("Kamboja, kerja online", "country"),
        ("dulu sy pernah dikurung agen di penampungan, skrg udh aman", "description"),
    ],
)
def test_form_answers_a_first_message_would_escalate_do_not_interrupt_the_form(text: str, field: str) -> None:
    assert read(text, use_model=True) is not None  # as a first message: urgent
    assert read(text, field, use_model=True) is None


@pytest.mark.parametrize("field", ["description", "name", "city", "agency", "safe_now", "departure_date"])
@pytest.mark.parametrize(
    "text",
    [
        "skrg sy dikunci di kamar",
        "tolong sy dipukul",
        "sy mau bunuh diri",
        "help",
        "tadi majikan nampar sy sampe berdarah",
        "paspor ditahan, sy takut bgt",
    ],
)
def test_present_danger_interrupts_every_form_question(text: str, field: str) -> None:
    assert read(text, field, use_model=True) is not None


def test_danger_told_in_the_story_still_interrupts_when_it_goes_on() -> None:
    """Every time I ask, I am hit: a chronology, but of a danger that is not over."""
    text = "dr bulan agustus gaji ga dikasih, tiap sy tanya malah dipukul"
    assert read(text, "description", use_model=True) is not None


def test_a_first_message_is_read_as_before() -> None:
    for text in ("paspor dipegang majikan dr awal", "gaji sy blm dibayar 3 bulan", "sy dikunci majikan"):
        assert read(text, use_model=True) == read_danger(text, use_model=True)


def test_a_verdict_already_read_is_kept_or_withheld_as_read_would() -> None:
    for text, field in (("paspor dipegang majikan dr awal", "description"), ("skrg sy dikunci", "city")):
        first = read_danger(text, use_model=True)
        assert as_answer(first, text, field) == read(text, field, use_model=True)


def test_the_form_development_set_figures() -> None:
    """Every answer that must interrupt the form does; at most two of its 43 routine answers do (one today:
    "majikan sy yg lama meninggal, skrg sy ikut anaknya", a death the "skrg" makes look present)."""
    report = evaluation.evaluate(load_cases(DEV_SET), lambda text, field: read(text, field, use_model=True))
    assert report.recall.n == 26 and report.recall.hits == 26
    assert report.false_alarms.n == 43 and report.false_alarms.hits <= 2


def test_a_case_answers_its_own_form_question_before_the_default_one() -> None:
    seen: list[str | None] = []

    def reader(_text: str, field: str | None) -> Danger | None:
        seen.append(field)
        return None

    cases = [Case("Taipei", False, field="city"), Case("sy dikunci", True)]
    evaluation.evaluate(cases, reader, field="description")
    assert seen == ["city", "description"]


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("dulu sy dipukul majikan lama", True),
        ("anak sy dulu disiksa", True),
        ("tahun lalu paspor sy ditahan", True),
        ("kejadiannya 2 thn lalu", True),
        ("jgn bales dulu ya, nanti ketauan", False),  # "dulu": for now
        ("hrs bayar 15jt dulu baru boleh pulang", False),  # "dulu": first
        ("dari dulu dipukul terus", False),  # all along
        ("sy gk pernah boleh keluar rumah", False),  # never
    ],
)
def test_a_danger_told_in_the_past_is_told_by_its_time_words(text: str, past: bool) -> None:
    assert told_in_past(fold(text)) is past


@pytest.mark.parametrize(
    ("text", "over"),
    [
        ("skrg udh aman di rumah", True),
        ("aman sih kak", True),
        ("kasusnya udh selesai", True),
        ("kontrak tos beres, abdi dikonci di bumi majikan", False),  # the contract is over, not the danger
        ("udh minta pindah majikan tp agen ga jawab", False),
    ],
)
def test_a_danger_is_over_when_the_writer_says_so(text: str, over: bool) -> None:
    assert (RESOLVED.search(fold(text)) is not None) is over
