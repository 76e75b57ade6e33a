"""Generic repair of the words the lexicon does not know, against the knowledge base's own vocabulary.

The curated lexicon covers common chat spellings, but every agency's knowledge base brings words it has never
seen, and people misspell and abbreviate those too. Two rules that depend on no word list:

- a typo: one edit (two for words of eight letters or more) away from a known word with the same first
  letter ("pasport" -> "paspor", "pendaftran" -> "pendaftaran");
- an abbreviation written without (most) vowels: the word's letters in order, same first and last letter,
  at least four letters and half the length ("brgkt" -> "berangkat", "dftr" -> "daftar").

Known words are the knowledge base's words and the lexicon's; where several fit, the one the knowledge base
uses most wins (then the shorter). Words that the normaliser can already repair or stem are left to it, and so
are real Indonesian words the knowledge base happens not to use ("pesawat" is not a typo of "perawat"): a word
is real when it or one of its light stems is in the root-word dictionary of Sastrawi (``pysastrawi``, MIT,
29,900 roots; only its word list is used, not its stemmer).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nlu.normalize import Normalizer, stem_candidates
from nlu.text import fold, words

_MIN_TYPO = 5  # shorter words are too often another word one edit away
_LONG = 8
_MIN_ABBREVIATION = 4


@cache
def root_words() -> frozenset[str]:
    """Sastrawi's dictionary of Indonesian root words."""
    return frozenset((files("Sastrawi.Stemmer.data") / "kata-dasar.txt").read_text(encoding="utf-8").split())


def is_dictionary_word(token: str) -> bool:
    roots = root_words()
    return token in roots or any(stem in roots for stem in stem_candidates(token))


def _is_abbreviation(token: str, word: str) -> bool:
    """``token`` is ``word`` with letters left out (the caller matched the first and last letters)."""
    if len(token) * 2 < len(word) or len(token) >= len(word):
        return False
    letters = iter(word)
    return all(ch in letters for ch in token)  # a subsequence, in order


class Speller:
    """Corrects unknown words of a query; built once per index (reads are thread-safe)."""

    def __init__(self, normalizer: Normalizer, texts: Iterable[str]) -> None:
        self.normalizer = normalizer
        frequency: Counter[str] = Counter(w for text in texts for w in words(fold(text)) if w.isalpha())
        known = set(frequency) | {w for w in normalizer.lexicon.words if w.isalpha()}
        self._frequency = frequency
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)  # first and last letter
        for word in sorted(known):
            if len(word) >= _MIN_ABBREVIATION - 1:
                self._by_initial[word[0]].append(word)
                self._by_ends[word[0], word[-1]].append(word)
        self._cache: dict[str, str] = {}

    def _best(self, options: list[str]) -> str | None:
        if not options:
            return None
        return min(options, key=lambda w: (-self._frequency[w], len(w), w))

    def correct(self, token: str) -> str:
        """The known word ``token`` stands for, or ``token`` itself."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        result = token
        if (
            token.isalpha()
            and len(token) >= _MIN_ABBREVIATION
            and not self.normalizer.is_known(token)
            and self.normalizer.repair(token) == (token,)
            and not is_dictionary_word(token)
        ):
            typos: list[str] = []
            if len(token) >= _MIN_TYPO:
                limit = 2 if len(token) >= _LONG else 1
                pool = self._by_initial.get(token[0], [])
                found = process.extract(
                    token, pool, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
                )
                closest = min((d for _, d, _ in found), default=limit + 1)
                typos = [w for w, d, _ in found if d == closest]
            ends = self._by_ends.get((token[0], token[-1]), [])
            abbreviations = [] if typos else [w for w in ends if _is_abbreviation(token, w)]
            result = self._best(typos) or self._best(abbreviations) or token
        if len(self._cache) < 50_000:
            self._cache[token] = result
        return result

    def text(self, text: str) -> str:
        """``text`` folded, with each unknown word replaced by its correction."""
        return " ".join(self.correct(w) for w in words(fold(text)))
