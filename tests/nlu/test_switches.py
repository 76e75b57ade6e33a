"""One spelling for every on/off switch of the environment: the danger model's and the FAQ's semantic stage."""

from __future__ import annotations

import pytest

from faq import semantic
from nlu import danger
from nlu.switches import switch


@pytest.mark.parametrize(("value", "expected"), [("on", True), ("YES", True), (" 1 ", True), ("no", False)])
def test_the_danger_model_and_the_faq_switch_read_the_same_words(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv(danger.MODEL_SWITCH, value)
    monkeypatch.setenv(semantic.ENV_SWITCH, value)
    monkeypatch.setattr(semantic, "available", lambda: True)
    assert danger.model_enabled() is expected
    assert semantic.enabled() is expected


def test_an_unset_switch_takes_its_default_and_a_misspelt_one_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOME_SWITCH", raising=False)
    assert switch("SOME_SWITCH", default=True) is True
    assert switch("SOME_SWITCH", default=False) is False
    monkeypatch.setenv("SOME_SWITCH", "maybe")
    with pytest.raises(ValueError, match="SOME_SWITCH"):
        switch("SOME_SWITCH", default=True)


def test_the_danger_model_is_on_unless_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "udah 2 hari pendarahan tp majikan gak ngizinin ke dokter"  # no rule's words: the model's alone
    monkeypatch.delenv(danger.MODEL_SWITCH, raising=False)
    assert danger.model_enabled() is True
    assert danger.read_danger(text) is not None
    monkeypatch.setenv(danger.MODEL_SWITCH, "off")
    assert danger.read_danger(text) is None
