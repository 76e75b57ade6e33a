"""Properties of the FAQ normaliser that hold for any text a person can send (hypothesis): it never raises,
its words are folded (lowercase, no accents, controls or spaces), and invisible or case differences do not
change what it understands."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.normalize import Normalizer, load_lexicon
from nlu.text import fold

ANY_TEXT = st.text(max_size=300)
CHAT = st.text(alphabet=string.ascii_letters + string.digits + " -.,?!'", max_size=120)
INVISIBLE = st.sampled_from(["\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\x07"])


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(load_lexicon(), frozenset({"gaji", "paspor", "majikan", "kontrak", "pulang"}))


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT)
def test_never_raises_and_yields_folded_words(normalizer: Normalizer, text: str) -> None:
    words = normalizer.normalize(text)

    assert isinstance(words, tuple)
    for word in words:
        assert word and word == word.lower() and word == fold(word)
        assert not any(ch.isspace() for ch in word)
    assert normalizer.normalize(text) == words  # the cache gives the same answer


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
def test_no_stop_word_no_bare_number_no_word_repeated_in_a_row(normalizer: Normalizer, text: str) -> None:
    words = normalizer.normalize(text)

    assert not set(words) & normalizer.lexicon.stopwords
    assert not any(word.isdigit() for word in words)
    assert all(words[k] != words[k - 1] for k in range(1, len(words)))


@settings(max_examples=200, deadline=None)
@given(text=CHAT)
def test_letter_case_does_not_change_the_words(normalizer: Normalizer, text: str) -> None:
    assert normalizer.normalize(text.upper()) == normalizer.normalize(text.lower())


@settings(max_examples=200, deadline=None)
@given(text=CHAT, mark=INVISIBLE)
def test_invisible_marks_around_words_change_nothing(normalizer: Normalizer, text: str, mark: str) -> None:
    marked = " ".join(f"{mark}{word}{mark}" for word in text.split(" "))

    assert normalizer.normalize(marked) == normalizer.normalize(text)


@settings(max_examples=100, deadline=None)
@given(text=CHAT)
def test_a_fresh_normaliser_agrees_with_the_cached_one(normalizer: Normalizer, text: str) -> None:
    fresh = Normalizer(normalizer.lexicon, normalizer.vocabulary)

    assert fresh.normalize(text) == normalizer.normalize(text) == normalizer.normalize(text)
