"""The rejection threshold of one knowledge base, derived from the knowledge base itself.

Every agency writes its own entries, with its own wording and its own close neighbours, so a threshold that
suits one knowledge base over-rejects (or over-answers) on another. The knowledge base holds the evidence:

- *own*: each phrasing, left out of the index, scored against its own entry's other phrasings: how similar a
  genuine paraphrase is to its entry (entries with a single phrasing have none to give);
- *other*: the same phrasing's best score against every other entry: how similar a question about something
  else can look.

Questions people type are shorter and more informal than the knowledge base's own phrasings, so they score
lower on both sides. The threshold is placed a fixed fraction of the way from a low quantile of the *other*
scores up to a low quantile of the *own* scores: ``threshold = other_q + POSITION * (own_q - other_q)``, with
the quantiles and the position chosen on the development knowledge bases (``benchmarks/faq_tune.py``), never on
the blind set. Both statistics move with the knowledge base's wording, which is what makes the threshold
portable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from faq.matcher import Matcher

OTHER_QUANTILE = 0.1  # of the best-other-entry scores
OWN_QUANTILE = 0.1  # of the own-entry scores
POSITION = 0.25  # from the first quantile (0) towards the second (1)
SAMPLE = 400  # phrasings scored at most: keeps building a 3,000-phrasing index within seconds
FALLBACK = 0.2775  # a knowledge base without two phrasings anywhere gives no evidence on its own side


@dataclass(frozen=True)
class Calibration:
    threshold: float
    own: np.ndarray  # held-out phrasing vs its own entry's other phrasings
    other: np.ndarray  # held-out phrasing vs the best other entry


def held_out_scores(matcher: Matcher, sample: int = SAMPLE) -> tuple[np.ndarray, np.ndarray]:
    """Own-entry and best-other-entry similarities of (a deterministic, evenly spread sample of) the
    knowledge base's phrasings, each left out of the index in turn."""
    count = len(matcher.phrasings)
    chosen = np.unique(np.linspace(0, count - 1, min(sample, count)).round().astype(int))
    sizes = np.bincount(matcher.owner, minlength=len(matcher.entries))
    own: list[float] = []
    other: list[float] = []
    for k in chosen.tolist():
        entry = int(matcher.owner[k])
        similarity = matcher.similarities(matcher.phrasings[k], exclude=k)
        if sizes[entry] > 1:
            own.append(float(similarity[entry]))
        similarity[entry] = -np.inf
        if len(matcher.entries) > 1:
            other.append(float(similarity.max()))
    return np.asarray(own), np.asarray(other)


def threshold_from(
    own: np.ndarray,
    other: np.ndarray,
    other_quantile: float = OTHER_QUANTILE,
    own_quantile: float = OWN_QUANTILE,
    position: float = POSITION,
) -> float:
    if not len(own) or not len(other):
        return FALLBACK
    base = float(np.quantile(other, other_quantile))
    return base + position * (float(np.quantile(own, own_quantile)) - base)


def calibrate(matcher: Matcher) -> Calibration:
    own, other = held_out_scores(matcher)
    return Calibration(threshold_from(own, other), own, other)
