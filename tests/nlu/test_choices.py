"""The typed-answer matcher (nlu.choices) on its development set, and the helpers the forms' re-asks use."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handlers.complaint import OUTCOMES, SAFE, YES_NO_UNKNOWN
from handlers.labels import CATEGORY_CHOICES, RELATIONSHIP_CHOICES
from nlu.choices import Option, Reading, read_choice
from nlu.names import name_problem
from nlu.parsing import nik_problem

OPTION_SETS = {
    "safe": SAFE,
    "outcome": OUTCOMES,
    "relationship": RELATIONSHIP_CHOICES,
    "category": CATEGORY_CHOICES,
    "yes_no_unknown": YES_NO_UNKNOWN,
}
CASES = [
    (group, str(typed), str(expected))
    for group, answers in yaml.safe_load((Path(__file__).parent / "choice_answers.yaml").read_text()).items()
    for typed, expected in answers.items()
]


def expected_reading(expected: str) -> Reading:
    if expected == "-":
        return Reading()
    return Reading(guess=expected[1:]) if expected.startswith("?") else Reading(value=expected)


@pytest.mark.parametrize(("group", "typed", "expected"), CASES)
def test_typed_answer_names_its_option(group: str, typed: str, expected: str) -> None:
    options = [Option(c.value, (c.label, *c.synonyms)) for c in OPTION_SETS[group]]
    assert read_choice(typed, options) == expected_reading(expected)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Siti Aminah", None),
        ("Ibu Sumiati", None),
        ("Adi Saputra", None),
        ("Ni Made Sari", None),
        ("Muhammad bin Abdullah", None),
        ("sy ibunya, bkn sy yg kerja", "family"),
        ("anak saya", "family"),
        ("gaji saya belum dibayar", "sentence"),
        ("tolong saya", "sentence"),
        ("Dewi 123", "digits"),
    ],
)
def test_name_problem(text: str, problem: str | None) -> None:
    assert name_problem(text) == problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("3201234507900001", None),
        ("3201234567890001", "birth_date"),
        ("3201 2345 6789 0001", "birth_date"),
        ("9901234507900001", "region"),
        ("3201234507900000", "serial"),
        ("1234", "length"),
    ],
)
def test_nik_problem_names_the_wrong_part(text: str, problem: str | None) -> None:
    assert nik_problem(text) == problem
