"""Match a chat message to an FAQ entry: fused lexical and semantic signals, a threshold calibrated on the
knowledge base itself, three outcomes.

Signals, each a similarity per entry:

- ``raw``:      character n-gram TF-IDF cosine between the folded query and each phrasing (best phrasing wins);
                robust to typos and unknown spellings.
- ``norm``:     the same on normalised text (slang rewritten, concepts mapped to head words, stop words gone).
- ``words``:    word TF-IDF cosine (light stems) between the normalised query and the pooled words of all of an
                entry's phrasings and tags, so a paraphrase can borrow words from several phrasings.
- ``answers``:  the same against the entry's answer.
- ``semantic``: USE-multilingual cosine with the closest phrasing (:mod:`faq.semantic`), above a floor that
                unrelated sentences reach; absent when the model is not installed or ``FAQ_SEMANTIC=off``.
- ``fuzzy``:    rapidfuzz ``token_set_ratio`` on normalised text, only for the shortlisted entries (it is the
                slowest lexical signal and only re-ranks).

The weighted sum is mapped through a logistic curve centred on the rejection threshold, so ``score >= 0.5``
means "in scope". The threshold is not a constant: :mod:`faq.calibration` derives it from the knowledge base
(how its held-out phrasings score against their own entry and against the others), because a threshold that
suits one agency's knowledge base over-rejects on another's.
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
from faq.spelling import Speller
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
    suggestions: tuple[Candidate, ...] = ()  # what a "suggest" outcome offers: close candidates only, <= 3


@dataclass(frozen=True)
class Settings:
    """Weights of the signals and the decision points (chosen on the development data, see
    ``benchmarks/faq_tune.py``); the rejection threshold comes from the knowledge base (``threshold=None``)
    unless one is given."""

    w_raw: float = 0.10
    w_norm: float = 0.30
    w_words: float = 0.45
    w_fuzzy: float = 0.25
    w_answers: float = 0.30
    w_semantic: float = 0.30
    semantic_floor: float = 0.50  # USE cosine loosely related sentences reach: the signal counts above it
    threshold: float | None = None  # combined similarity below which the matcher says "I don't know"
    steepness: float = 12.0  # slope of the logistic calibration around the threshold
    confident: float = 0.70  # calibrated score needed for a single answer ...
    lead: float = 0.20  # ... and the best similarity's relative lead over the runner-up's
    close: float = 0.75  # a suggestion's similarity relative to the best one: no unrelated option
    shortlist: int = 5
    spelling: bool = True  # repair unknown words against the knowledge base's vocabulary (faq.spelling)


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

    def cosine(self, query: Counter[str], document: Counter[str]) -> float:
        """Cosine of two feature bags weighed like this index's documents (for a document not indexed)."""
        q_idx, q_weights = self._weigh(query)
        d_idx, d_weights = self._weigh(document)
        shared = dict(zip(d_idx.tolist(), d_weights.tolist(), strict=True))
        return float(
            sum(w * shared.get(i, 0.0) for i, w in zip(q_idx.tolist(), q_weights.tolist(), strict=True))
        )

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
        self.owner = np.array([i for i, _ in phrasings], dtype=np.int64)
        self.phrasings = tuple(p for _, p in phrasings)
        # each entry's phrasings are contiguous and there is at least one (the question), as reduceat needs
        self._starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])
        self._ends = np.r_[self._starts[1:], len(phrasings)]
        vocabulary = {w for _, p in phrasings for w in fold(p).split()}
        self.normalizer = Normalizer(lexicon, frozenset(vocabulary))
        texts = [
            *self.phrasings,
            *(t for e in self.entries for t in e.tags),
            *(e.answer for e in self.entries),
        ]
        self.speller = Speller(self.normalizer, texts)
        normalised = [self._normalised(p) for p in self.phrasings]
        self._normalised_phrasings = [" ".join(n) for n in normalised]
        self._raw = _Tfidf([char_ngrams(fold(p)) for p in self.phrasings])
        self._norm = _Tfidf([char_ngrams(text) for text in self._normalised_phrasings])
        self._phrasing_stems = [Counter(self.normalizer.stems(words)) for words in normalised]
        self._pooled: list[Counter[str]] = [Counter() for _ in self.entries]
        for i, stems in zip(self.owner, self._phrasing_stems, strict=True):
            self._pooled[i].update(stems)
        for i, entry in enumerate(self.entries):
            self._pooled[i].update(self.normalizer.stems(self._normalised(" ".join(entry.tags))))
        self._words = _Tfidf(self._pooled)
        answers = [self._normalised(_PLACEHOLDER.sub(" ", e.answer)) for e in self.entries]
        self._answers = _Tfidf([Counter(self.normalizer.stems(words)) for words in answers])
        self.semantic = SemanticIndex(self.phrasings, cache_dir) if semantic else None
        if settings.threshold is not None:
            self.threshold = settings.threshold
        else:
            from faq.calibration import calibrate

            self.threshold = calibrate(self).threshold

    @classmethod
    def build(cls, entries: Sequence[Entry], settings: Settings | None = None) -> Matcher:
        """The matcher with the lexicon, and the semantic signal when ``FAQ_SEMANTIC`` allows it."""
        semantic = enabled()
        cache_dir = default_cache_dir() if semantic else None
        return cls(entries, load_lexicon(), settings or Settings(), semantic, cache_dir)

    def _normalised(self, text: str) -> tuple[str, ...]:
        return self.normalizer.normalize(text)

    def _per_entry(self, phrasing_scores: np.ndarray, exclude: int | None) -> np.ndarray:
        if exclude is not None:
            phrasing_scores = phrasing_scores.copy()
            phrasing_scores[exclude] = -np.inf
        return np.maximum.reduceat(phrasing_scores, self._starts)

    def signals(self, query: str, exclude: int | None = None, fuzzy: bool = False) -> dict[str, np.ndarray]:
        """Each signal's similarity of the query to every entry. ``exclude``: a phrasing left out of the index
        (its entry scored on its other phrasings, for calibration); ``fuzzy``: compute the fuzzy signal for
        every entry, not only for a shortlist (for tuning)."""
        query = self.normalizer.strip_names(query)  # proper names are not content (see Normalizer)
        normalised = self._normalised(self.speller.text(query) if self.settings.spelling else query)
        norm_text = " ".join(normalised)
        stems = Counter(self.normalizer.stems(normalised))
        words = self._words.scores(stems)
        if exclude is not None:
            entry = int(self.owner[exclude])
            words[entry] = self._words.cosine(stems, self._pooled[entry] - self._phrasing_stems[exclude])
        sig = {
            "raw": self._per_entry(self._raw.scores(char_ngrams(fold(query))), exclude),
            "norm": self._per_entry(self._norm.scores(char_ngrams(norm_text)), exclude),
            "words": words,
            "answers": self._answers.scores(stems),
        }
        if self.semantic is not None:
            floor = self.settings.semantic_floor
            cosines = self._per_entry(self.semantic.scores(query), exclude)
            sig["semantic"] = np.maximum(cosines - floor, 0.0) / (1 - floor)
        entries = (
            range(len(self.entries)) if fuzzy else np.argsort(-self._combine(sig))[: self.settings.shortlist]
        )
        sig["fuzzy"] = self._fuzzy(norm_text, entries, exclude)
        return sig

    def _fuzzy(self, norm_text: str, entries: Iterable[int], exclude: int | None) -> np.ndarray:
        scores = np.zeros(len(self.entries))
        if not norm_text:
            return scores
        for entry in entries:
            indices = range(self._starts[entry], self._ends[entry])
            texts = [self._normalised_phrasings[k] for k in indices if k != exclude]
            scores[entry] = max((fuzz.token_set_ratio(norm_text, p) for p in texts), default=0.0) / 100
        return scores

    def _combine(self, sig: dict[str, np.ndarray]) -> np.ndarray:
        s = self.settings
        weights = {
            "raw": s.w_raw,
            "norm": s.w_norm,
            "words": s.w_words,
            "answers": s.w_answers,
            "semantic": s.w_semantic,
            "fuzzy": s.w_fuzzy,
        }
        return sum((weights[name] * values for name, values in sig.items()), np.zeros(len(self.entries)))

    def similarities(self, query: str, exclude: int | None = None) -> np.ndarray:
        """Combined similarity of the query to every entry, before calibration."""
        return self._combine(self.signals(query, exclude))

    def calibrate(self, similarity: float) -> float:
        return 1 / (1 + math.exp(-self.settings.steepness * (similarity - self.threshold)))

    def match(self, query: str, top: int = 3) -> MatchResult:
        s = self.settings
        similarity = self.similarities(query)
        order = np.argsort(-similarity)[: max(top, 2)]
        scores = [round(self.calibrate(float(similarity[i])), 4) for i in order]
        candidates = tuple(
            Candidate(self.entries[i].id, score) for i, score in zip(order[:top], scores, strict=False)
        )
        best = scores[0]
        if best < 0.5:
            return MatchResult(query, "unknown", None, best, candidates, ())
        # the lead is measured before calibration, where close scores are not squeezed together near 1
        first = similarity[order[0]]
        second = similarity[order[1]] if len(order) > 1 else 0.0
        clear = first - second >= s.lead * first
        outcome: Outcome = "answer" if best >= s.confident and clear else "suggest"
        suggestions = tuple(
            c
            for i, c in zip(order[:3], candidates[:3], strict=False)
            if c.score >= 0.5 and similarity[i] >= s.close * first
        )
        return MatchResult(query, outcome, self.entries[order[0]].id, best, candidates, suggestions)
