"""The learned half of the danger reader: a linear model over character and word n-grams.

Trained by :mod:`nlu.danger_training` (scikit-learn's TF-IDF and logistic regression) on the labelled corpus in
``nlu/corpus/``; what ships is a small JSON artefact (``nlu/models/danger.json.gz``) with, for every feature,
its inverse document frequency and its weights. Scoring needs no scikit-learn: it recomputes the same
sublinear, L2-normalised TF-IDF vector and the dot products here, in plain Python, so the bot loads nothing
heavy and a message costs a fraction of a millisecond. The training code checks that both agree.

Two models share the features: ``urgent`` (the probability that a first message needs a human at once) and
``kind`` (which danger, for the advice and the ticket's category, when the rules did not name one).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from nlu.danger_modality import markers
from nlu.normalize import Normalizer, load_lexicon
from nlu.text import fold

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "danger.json.gz"
CHAR_NGRAMS = (2, 5)
"""Character n-grams inside word boundaries ("char_wb"): robust to typos, affixes and glued words."""
FORMAT = 2
"""Version of the artefact's features: 2 added the modality markers (:mod:`nlu.danger_modality`) and the
two normalised blocks (:data:`WORD_BLOCK_WEIGHT`)."""


@cache
def _normalizer() -> Normalizer:
    return Normalizer(load_lexicon(), frozenset())


def features(text: str, rule_kind: str | None) -> list[str]:
    """The features of one message: character n-grams of the folded text (``c:``), single words and word
    pairs after the shared vocabulary has rewritten slang and synonyms (``w:``), so "digebukin" and "dipukul"
    meet in "pukul", the kind of the rule that fired (``r:``), so that the model learns when a rule's
    words are a joke ("dihajar ahma main mahjong wkwk"), and the modality markers (``m:``: past, resolved,
    only asking, now, fear, joke), alone and beside the rule's kind (``rm:``), so that "dulu ... dipukul, skrg
    udh aman" can weigh differently from "dipukul" now. The same function feeds training and scoring."""
    folded = fold(text)
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    for word in folded.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    content = _normalizer().normalize(folded)
    grams.extend("w:" + word for word in content)
    grams.extend(f"w:{a} {b}" for a, b in pairwise(content))
    found = markers(folded)
    grams.extend("m:" + name for name in found)
    if rule_kind is not None:
        grams.extend(("r:any", "r:" + rule_kind))
        grams.extend(f"rm:{name}" for name in found)
        grams.extend(f"rm:{rule_kind}:{name}" for name in found)
    return grams


WORD_BLOCK_WEIGHT = 0.5
"""The character n-grams and the other features (words, rule, markers) are two blocks, each L2-normalised on
its own, the second scaled by this weight. In one block the hundreds of character n-grams of a message drown
its dozen words, its rule and its markers; weighed apart, validation folds of the corpus had three points fewer
false alarms at the same recall (0.5 and 0.6 did best among 0.25-2)."""


def is_char_gram(feature: str) -> bool:
    return feature.startswith("c:")


def _tfidf(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear term frequency times idf over the features the model knows (as scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True)``), each block L2-normalised apart (:data:`WORD_BLOCK_WEIGHT`)."""
    vector: dict[str, float] = {}
    for chars in (True, False):
        block = {
            f: (1.0 + math.log(n)) * idf[f]
            for f, n in counts.items()
            if f in idf and is_char_gram(f) == chars
        }
        norm = math.sqrt(sum(v * v for v in block.values()))
        scale = (1.0 if chars else WORD_BLOCK_WEIGHT) / norm if norm else 0.0
        vector.update((f, v * scale) for f, v in block.items())
    return vector


@dataclass(frozen=True)
class DangerModel:
    """The shipped artefact: feature idf, urgent weights, kind weights, and the decision thresholds."""

    idf: dict[str, float]
    urgent_weights: dict[str, float]
    urgent_bias: float
    c: float
    """The regularisation strength it was trained with (chosen on validation folds)."""
    threshold: float
    """Urgent at or above this probability."""
    rule_floor: float
    """A message a rule fired on is urgent at or above this (lower) probability."""
    kinds: tuple[str, ...]
    kind_weights: dict[str, tuple[float, ...]]
    kind_biases: tuple[float, ...]

    def vector(self, text: str, rule_kind: str | None) -> dict[str, float]:
        """The message's TF-IDF vector, computed once and read by both :meth:`urgent_probability` and
        :meth:`kind`."""
        return _tfidf(Counter(features(text, rule_kind)), self.idf)

    def urgent_probability(self, vector: dict[str, float]) -> float:
        z = self.urgent_bias + sum(v * self.urgent_weights.get(f, 0.0) for f, v in vector.items())
        return 1.0 / (1.0 + math.exp(-z))

    def urgent(self, probability: float, rule_kind: str | None) -> bool:
        return probability >= (self.threshold if rule_kind is None else self.rule_floor)

    def kind(self, vector: dict[str, float]) -> str:
        """The most likely danger kind of an urgent message (the kind model was trained on the same vectors)."""
        scores = list(self.kind_biases)
        for feature, value in vector.items():
            for k, weight in enumerate(self.kind_weights.get(feature, ())):
                scores[k] += value * weight
        return self.kinds[max(range(len(scores)), key=scores.__getitem__)]

    def to_json(self) -> dict[str, object]:
        names = sorted(self.idf)
        return {
            "format": FORMAT,
            "char_ngrams": list(CHAR_NGRAMS),
            "c": self.c,
            "threshold": self.threshold,
            "rule_floor": self.rule_floor,
            "urgent_bias": self.urgent_bias,
            "kinds": list(self.kinds),
            "kind_biases": list(self.kind_biases),
            "features": {
                name: [
                    self.idf[name],
                    self.urgent_weights.get(name, 0.0),
                    *self.kind_weights.get(name, (0.0,) * len(self.kinds)),
                ]
                for name in names
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> DangerModel:
        if data.get("format") != FORMAT or tuple(data["char_ngrams"]) != CHAR_NGRAMS:
            raise ValueError("danger model was built by another version: run `helpdesk danger train`")
        kinds = tuple(data["kinds"])
        rows = data["features"]
        return cls(
            idf={name: row[0] for name, row in rows.items()},
            urgent_weights={name: row[1] for name, row in rows.items() if row[1]},
            urgent_bias=data["urgent_bias"],
            c=data["c"],
            threshold=data["threshold"],
            rule_floor=data["rule_floor"],
            kinds=kinds,
            kind_weights={name: tuple(row[2:]) for name, row in rows.items() if any(row[2:])},
            kind_biases=tuple(data["kind_biases"]),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        """Byte-for-byte reproducible: sorted keys, no timestamp in the gzip header."""
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
            fh.write(payload.encode("utf-8"))


def load(path: Path = MODEL_PATH) -> DangerModel:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return DangerModel.from_json(json.load(fh))


@cache
def shipped() -> DangerModel | None:
    """The model that ships with the code, loaded once per process; None when it is missing (the rules
    alone then decide, and the start-up log says so)."""
    try:
        return load()
    except FileNotFoundError:
        log.warning("no danger model at %s: the rules alone decide", MODEL_PATH)
        return None
