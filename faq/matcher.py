"""Match a chat message to an FAQ entry: combined lexical signals, calibrated score, three outcomes.

Signals, each a similarity in [0, 1] per entry:

- ``raw``:   character n-gram TF-IDF cosine between the folded query and each phrasing (best phrasing wins);
             robust to typos and unknown spellings.
- ``norm``:  the same on normalised text (slang rewritten, concepts mapped to head words, stop words gone).
- ``words``: word TF-IDF cosine (light stems) between the normalised query and the pooled words of all of an
             entry's phrasings and tags, so a paraphrase can borrow words from several phrasings.
- ``fuzzy``: rapidfuzz ``token_set_ratio`` on normalised text, only for the shortlisted entries (it is the
             slowest signal and only re-ranks).

Optional semantic stage (:mod:`faq.semantic`, ``FAQ_SEMANTIC``): a query the lexical signals accept is still
"unknown" when its multilingual-e5 cosine with every phrasing stays below ``semantic_floor``. On the
development set e5 did not improve ranking over the lexical signals, so it only vetoes: it catches queries
from another domain that share a word or two with the knowledge base ("batalkan alarm" vs "batal berangkat").

The weighted sum is mapped through a logistic curve centred on the rejection threshold, so ``score >= 0.5``
means "in scope" and the score is comparable across knowledge bases of different sizes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

from faq.entries import Entry
from faq.semantic import SemanticIndex, default_cache_dir, enabled
from nlu.normalize import Lexicon, Normalizer, load_lexicon
from nlu.text import fold

Outcome = Literal["answer", "suggest", "unknown"]
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float


@dataclass(frozen=True)
class MatchResult:
    query: str
    outcome: Outcome
    id: str | None
    score: float
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Settings:
    """Weights of the signals and the decision points; one setting for every knowledge base."""

    w_raw: float = 0.10
    w_norm: float = 0.30
    w_words: float = 0.45
    w_fuzzy: float = 0.25
    w_answers: float = 0.30
    threshold: float = 0.2775  # combined similarity below which the matcher says "I don't know"
    steepness: float = 12.0  # slope of the logistic calibration around the threshold
    confident: float = 0.70  # calibrated score needed for a single answer ...
    lead: float = 0.20  # ... and the best similarity's relative lead over the runner-up's
    shortlist: int = 5
    semantic_floor: float = 0.82  # e5 cosine with the closest phrasing below which a query is out of scope


def char_ngrams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """Character n-grams inside word boundaries (words padded with spaces), like scikit-learn's char_wb."""
    grams: Counter[str] = Counter()
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            for i in range(len(padded) - n + 1):
                grams[padded[i : i + n]] += 1
    return grams


class _Tfidf:
    """Sublinear TF-IDF with L2 norm over any feature extractor; scores are cosines against each document."""

    def __init__(self, features: Sequence[Counter[str]]) -> None:
        vocabulary: dict[str, int] = {}
        document_frequency: Counter[str] = Counter()
        for feats in features:
            document_frequency.update(feats.keys())
        for term in document_frequency:
            vocabulary[term] = len(vocabulary)
        n_docs = len(features)
        self.vocabulary = vocabulary
        self.idf = np.array(
            [math.log((1 + n_docs) / (1 + document_frequency[t])) + 1 for t in vocabulary], dtype=np.float32
        )
        self._max_idf = float(self.idf.max(initial=1.0))
        rows, cols, values = [], [], []
        for row, feats in enumerate(features):
            idx, weights = self._weigh(feats)
            rows.extend([row] * len(idx))
            cols.extend(idx.tolist())
            values.extend(weights.tolist())
        from scipy import sparse  # here, not at import: a turn that asks no question does not load scipy

        by_term = sparse.csr_matrix(
            (np.asarray(values, dtype=np.float32), (cols, rows)), shape=(len(vocabulary), n_docs)
        )
        # postings, terms x documents: a query gathers only the rows of its own terms
        self._indptr, self._docs, self._weights = by_term.indptr, by_term.indices, by_term.data
        self.n_docs = n_docs

    def _weigh(self, feats: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        known = [(self.vocabulary[t], c) for t, c in feats.items() if t in self.vocabulary]
        idx = np.fromiter((i for i, _ in known), dtype=np.int64, count=len(known))
        tf = 1 + np.log(np.fromiter((c for _, c in known), dtype=np.float32, count=len(known)))
        weights = tf * self.idf[idx]
        # the norm counts unseen terms too (with the highest idf), so a query of unknown words scores low
        unseen = sum(1 + math.log(c) for t, c in feats.items() if t not in self.vocabulary) * self._max_idf
        norm = math.sqrt(float(weights @ weights) + unseen**2)
        return idx, weights / norm if norm else weights

    def scores(self, feats: Counter[str]) -> np.ndarray:
        idx, weights = self._weigh(feats)
        if not len(idx):
            return np.zeros(self.n_docs, dtype=np.float32)
        starts, ends = self._indptr[idx], self._indptr[idx + 1]
        lengths = ends - starts
        # positions of all postings of the query terms, without a Python loop
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(int(lengths.sum()))
        contributions = self._weights[positions] * np.repeat(weights, lengths)
        return np.bincount(self._docs[positions], weights=contributions, minlength=self.n_docs)


def _words(tokens: Iterable[str]) -> Counter[str]:
    return Counter(tokens)


class Matcher:
    """An index over the phrasings of FAQ entries. Build once, match many times (reads are thread-safe)."""

    def __init__(
        self,
        entries: Sequence[Entry],
        lexicon: Lexicon,
        settings: Settings,
        semantic: bool = False,
        cache_dir: Path | None = None,
    ) -> None:
        if not entries:
            raise ValueError("cannot build a matcher without entries")
        self.entries = tuple(entries)
        self.settings = settings
        phrasings = [(i, p) for i, e in enumerate(self.entries) for p in e.phrasings]
        owner = np.array([i for i, _ in phrasings], dtype=np.int64)
        # each entry's phrasings are contiguous and there is at least one (the question), as reduceat needs
        self._starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        self._ends = np.r_[self._starts[1:], len(phrasings)]
        vocabulary = {w for _, p in phrasings for w in fold(p).split()}
        self.normalizer = Normalizer(lexicon, frozenset(vocabulary))
        normalised = [self._normalised(p) for _, p in phrasings]
        self._normalised_phrasings = [" ".join(n) for n in normalised]
        self._raw = _Tfidf([char_ngrams(fold(p)) for _, p in phrasings])
        self._norm = _Tfidf([char_ngrams(text) for text in self._normalised_phrasings])
        pooled: list[Counter[str]] = [Counter() for _ in self.entries]
        for (i, _), words in zip(phrasings, normalised, strict=True):
            pooled[i].update(self.normalizer.stems(words))
        for i, entry in enumerate(self.entries):
            pooled[i].update(self.normalizer.stems(self._normalised(" ".join(entry.tags))))
        self._words = _Tfidf(pooled)
        answers = [self._normalised(_PLACEHOLDER.sub(" ", e.answer)) for e in self.entries]
        self._answers = _Tfidf([Counter(self.normalizer.stems(words)) for words in answers])
        self.semantic = SemanticIndex([p for _, p in phrasings], cache_dir) if semantic else None

    @classmethod
    def build(cls, entries: Sequence[Entry], settings: Settings | None = None) -> Matcher:
        """The matcher with the lexicon, and the semantic stage when ``FAQ_SEMANTIC`` allows it."""
        semantic = enabled()
        cache_dir = default_cache_dir() if semantic else None
        return cls(entries, load_lexicon(), settings or Settings(), semantic, cache_dir)

    def _normalised(self, text: str) -> tuple[str, ...]:
        return self.normalizer.normalize(text)

    def _per_entry(self, phrasing_scores: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(phrasing_scores, self._starts)

    def signals(self, query: str) -> dict[str, np.ndarray]:
        """Each lexical signal's similarity of the query to every entry."""
        return self._signals(self.normalizer.strip_names(query))

    def _signals(self, query: str) -> dict[str, np.ndarray]:
        normalised = self._normalised(query)
        norm_text = " ".join(normalised)
        stems = Counter(self.normalizer.stems(normalised))
        return {
            "raw": self._per_entry(self._raw.scores(char_ngrams(fold(query)))),
            "norm": self._per_entry(self._norm.scores(char_ngrams(norm_text))),
            "words": self._words.scores(stems),
            "answers": self._answers.scores(stems),
        }

    def similarities(self, query: str) -> np.ndarray:
        """Combined similarity of the query to every entry, before calibration."""
        s = self.settings
        query = self.normalizer.strip_names(query)  # proper names are not content (see Normalizer)
        sig = self._signals(query)
        norm_text = " ".join(self._normalised(query))
        combined = (
            s.w_raw * sig["raw"]
            + s.w_norm * sig["norm"]
            + s.w_words * sig["words"]
            + s.w_answers * sig["answers"]
        )
        fuzzy = np.zeros_like(combined)
        if norm_text:
            shortlist = np.argsort(-combined)[: s.shortlist]
            for entry in shortlist:
                phrasings = self._normalised_phrasings[self._starts[entry] : self._ends[entry]]
                fuzzy[entry] = max(fuzz.token_set_ratio(norm_text, p) for p in phrasings) / 100
        return combined + s.w_fuzzy * fuzzy

    def calibrate(self, similarity: float) -> float:
        s = self.settings
        return 1 / (1 + math.exp(-s.steepness * (similarity - s.threshold)))

    def match(self, query: str, top: int = 3) -> MatchResult:
        s = self.settings
        similarity = self.similarities(query)
        order = np.argsort(-similarity)[: max(top, 2)]
        scores = [round(self.calibrate(float(similarity[i])), 4) for i in order]
        candidates = tuple(
            Candidate(self.entries[i].id, score) for i, score in zip(order[:top], scores, strict=False)
        )
        best = scores[0]
        if best >= 0.5 and self.semantic is not None and self.semantic.best(query) < s.semantic_floor:
            # vetoed: scale every score below 0.5, keeping the order the lexical signals gave
            factor = 0.4999 / best
            candidates = tuple(Candidate(c.id, round(c.score * factor, 4)) for c in candidates)
            best = candidates[0].score
        if best < 0.5:
            return MatchResult(query, "unknown", None, best, candidates)
        # the lead is measured before calibration, where close scores are not squeezed together near 1
        first, second = similarity[order[0]], similarity[order[1]] if len(order) > 1 else 0.0
        clear = first - second >= s.lead * first
        outcome: Outcome = "answer" if best >= s.confident and clear else "suggest"
        return MatchResult(query, outcome, self.entries[order[0]].id, best, candidates)
