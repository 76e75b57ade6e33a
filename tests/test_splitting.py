"""Long texts are cut at the best boundary: paragraph, line, sentence, word, and only then mid-word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.channels.splitting import split_text


def test_a_short_text_is_one_part() -> None:
    assert split_text("Halo. Apa kabar?", 4096) == ["Halo. Apa kabar?"]


def test_a_long_text_is_cut_after_a_sentence() -> None:
    text = "Kalimat pertama cukup panjang. Kalimat kedua juga panjang! Kalimat ketiga?"

    assert split_text(text, 40) == [
        "Kalimat pertama cukup panjang.",
        "Kalimat kedua juga panjang!",
        "Kalimat ketiga?",
    ]


def test_paragraphs_win_over_sentences() -> None:
    text = "Satu. Dua.\n\nTiga empat lima enam."

    assert split_text(text, 25) == ["Satu. Dua.", "Tiga empat lima enam."]


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    assert split_text("a" * 10, 4) == ["aaaa", "aaaa", "aa"]


@given(st.text(min_size=0, max_size=3000), st.integers(min_value=20, max_value=1600))
def test_parts_respect_the_limit_and_keep_every_word(text: str, limit: int) -> None:
    parts = split_text(text, limit)

    assert all(0 < len(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
