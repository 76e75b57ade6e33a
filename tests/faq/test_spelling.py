"""Unknown words repaired against the knowledge base's own vocabulary, real words left alone."""

from __future__ import annotations

import pytest

from faq.spelling import Speller, is_dictionary_word
from nlu.normalize import Normalizer, load_lexicon

PHRASINGS = [
    "Kapan saya boleh berangkat ke negara tujuan?",
    "Bagaimana cara pendaftaran calon pekerja migran?",
    "Siapa yang merawat pekerja yang sakit? Perawat dari agensi?",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    vocabulary = frozenset(w for p in PHRASINGS for w in p.lower().replace("?", "").split())
    return Speller(Normalizer(load_lexicon(), vocabulary), PHRASINGS)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("brgkt", "berangkat"),
        ("pendaftran", "pendaftaran"),
        ("pendaftarn", "pendaftaran"),
        ("prawat", "perawat"),
    ],
)
def test_typos_and_abbreviations_of_the_knowledge_base_words(
    speller: Speller, typed: str, meant: str
) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("word", ["pesawat", "tetangga", "bawa", "xyz", "2025", "ok"])
def test_real_words_numbers_and_short_words_are_left_alone(speller: Speller, word: str) -> None:
    assert speller.correct(word) == word


def test_the_dictionary_knows_derived_forms() -> None:
    assert is_dictionary_word("pesawat")
    assert is_dictionary_word("dibawanya")
    assert not is_dictionary_word("brgkt")


def test_text_is_corrected_word_by_word(speller: Speller) -> None:
    assert speller.text("Kpn aku brgkt?") == "kpn aku berangkat"
