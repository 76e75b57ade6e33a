"""Training the danger model from the corpus (``helpdesk danger train``), reproducibly.

The corpus is every ``nlu/corpus/danger-*.yaml`` file (``q``, ``urgent``, ``kind``, ``lang``, ``from``). The
regularisation strength and the two thresholds (``threshold``, and the lower ``rule_floor`` for a message a
rule fired on) are chosen on validation folds of the corpus (five stratified folds, fixed seed: each message
is scored by a model that never saw it), never on the blind evaluation set: the pair with the fewest false
alarms among those whose validation recall reaches ``TARGET_RECALL``. Missing a person in danger costs far
more than an officer's minute, so recall comes first.

Imports scikit-learn, which the bot itself never loads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from nlu.danger import MODEL_MIN_WORDS
from nlu.danger_forms import interrupts_form
from nlu.danger_model import WORD_BLOCK_WEIGHT, DangerModel, features, is_char_gram
from nlu.danger_rules import match_rules

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
TARGET_RECALL = 0.98
C_GRID = (3.0, 10.0, 30.0)
FOLDS = 5
SEED = 20261201
_DIGITS = 6  # weights are rounded so that the artefact is small and the same on every machine


@dataclass(frozen=True)
class Case:
    q: str
    urgent: bool
    kind: str = ""
    lang: str = ""
    source: str = ""  # "from": the worker or a family member
    field: str = ""  # the form question the message answers ("" for a first message; development sets only)


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Case(
            q=str(row["q"]),
            urgent=bool(row["urgent"]),
            kind=str(row.get("kind") or ""),
            lang=str(row.get("lang") or ""),
            source=str(row.get("from") or ""),
            field=str(row.get("field") or ""),
        )
        for row in data.get("cases") or ()
    ]


def load_corpus(directory: Path = CORPUS_DIR) -> list[Case]:
    return [case for path in sorted(directory.glob("danger-*.yaml")) for case in load_cases(path)]


@dataclass(frozen=True)
class Validation:
    """Out-of-fold figures of the chosen settings, on the corpus."""

    c: float
    threshold: float
    rule_floor: float
    recall: float
    false_alarms: float
    flagged: tuple[bool, ...] = ()
    """The out-of-fold decision on every case of the corpus, in order (for the figures per kind and language)."""
    scores: tuple[float, ...] = ()
    """The out-of-fold probability of every case (read only for messages of ``MODEL_MIN_WORDS`` or more)."""


@lru_cache(maxsize=8192)
def _analyzer(text: str) -> tuple[str, ...]:
    """A message's features, computed once for both blocks (and for every fold)."""
    hit = match_rules(text)
    return tuple(features(text, hit.kind if hit else None))


class _BlockVectorizer:
    """Two ``TfidfVectorizer``s side by side, as :func:`nlu.danger_model._tfidf` scores: the character n-grams
    and the other features, each L2-normalised, the second scaled by ``WORD_BLOCK_WEIGHT``."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        def block(chars: bool) -> TfidfVectorizer:
            return TfidfVectorizer(
                analyzer=lambda text: [f for f in _analyzer(text) if is_char_gram(f) == chars],
                sublinear_tf=True,
                min_df=2,
                dtype=np.float64,
            )

        self._blocks = (block(True), block(False))

    def _stack(self, matrices):
        from scipy.sparse import hstack

        return hstack([matrices[0], WORD_BLOCK_WEIGHT * matrices[1]]).tocsr()

    def fit_transform(self, texts: Sequence[str]):
        return self._stack([b.fit_transform(texts) for b in self._blocks])

    def transform(self, texts: Sequence[str]):
        return self._stack([b.transform(texts) for b in self._blocks])

    def get_feature_names_out(self) -> np.ndarray:
        return np.concatenate([b.get_feature_names_out() for b in self._blocks])

    @property
    def idf_(self) -> np.ndarray:
        return np.concatenate([b.idf_ for b in self._blocks])


def _vectorizer() -> _BlockVectorizer:
    return _BlockVectorizer()


def _urgent_classifier(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=2000)


RULE_FLOORS = (0.1, 0.15, 0.2, 0.3)
"""A rule's words count for more than the model's threshold, but not so much that the model cannot overrule
them: below 0.1 a joke or a locked account ("akun dana sy dikunci") the model is 95% sure of would still open
an urgent ticket, and validation folds chose 0.05 once the corpus grew (for one point fewer false alarms)."""


def _thresholds(
    probabilities: np.ndarray, urgent: np.ndarray, ruled: np.ndarray, read: np.ndarray
) -> tuple[float, float, float, float]:
    """(false alarms, recall, threshold, rule floor) of the pair with the fewest false alarms among those
    reaching ``TARGET_RECALL`` (or, if none does, with the highest recall), as :func:`nlu.danger.read_danger`
    decides: the model reads only the messages in ``read``."""
    candidates = []
    for threshold in np.unique(probabilities):
        for floor in (f for f in RULE_FLOORS if f <= threshold):
            by_model = (probabilities >= threshold) | (ruled & (probabilities >= floor))
            flagged = np.where(read, by_model, ruled)
            recall = float(flagged[urgent].mean())
            candidates.append((float(flagged[~urgent].mean()), recall, float(threshold), floor))
    reaching = [c for c in candidates if c[1] >= TARGET_RECALL]
    if reaching:
        return min(reaching, key=lambda c: (c[0], -c[1]))
    return max(candidates, key=lambda c: (c[1], -c[0]))


def validate(
    cases: Sequence[Case], progress: Callable[[str], None] = lambda _: None, c_grid: Sequence[float] = C_GRID
) -> Validation:
    """Choose C and the thresholds on stratified out-of-fold probabilities."""
    from sklearn.model_selection import StratifiedKFold

    texts = [c.q for c in cases]
    urgent = np.array([c.urgent for c in cases])
    ruled = np.array([match_rules(t) is not None for t in texts])
    read = np.array([len(t.split()) >= MODEL_MIN_WORDS for t in texts])
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, urgent))
    best: Validation | None = None
    for c in c_grid:
        probabilities = np.zeros(len(texts))
        for train, held_out in folds:
            vectorizer = _vectorizer()
            x = vectorizer.fit_transform([texts[i] for i in train])
            model = _urgent_classifier(c).fit(x, urgent[train])
            probabilities[held_out] = model.predict_proba(vectorizer.transform([texts[i] for i in held_out]))[
                :, 1
            ]
        false_alarms, recall, threshold, floor = _thresholds(probabilities, urgent, ruled, read)
        flagged = np.where(read, (probabilities >= threshold) | (ruled & (probabilities >= floor)), ruled)
        found = Validation(
            c,
            threshold,
            floor,
            recall,
            false_alarms,
            tuple(bool(f) for f in flagged),
            tuple(float(p) for p in probabilities),
        )
        progress(
            f"C={c:g}: threshold {threshold:.3f}, rule floor {floor:.2f}: "
            f"recall {recall:.3f}, false alarms {false_alarms:.3f}"
        )
        if best is None or (found.false_alarms, -found.recall) < (best.false_alarms, -best.recall):
            best = found
    assert best is not None
    return best


def fit(cases: Sequence[Case], chosen: Validation) -> DangerModel:
    """Both models on the whole corpus, as the shippable artefact."""
    from sklearn.linear_model import LogisticRegression

    texts = [case.q for case in cases]
    vectorizer = _vectorizer()
    x = vectorizer.fit_transform(texts)
    names = vectorizer.get_feature_names_out()
    urgent_model = _urgent_classifier(chosen.c).fit(x, [case.urgent for case in cases])
    urgent_rows = [i for i, case in enumerate(cases) if case.urgent]
    kind_model = LogisticRegression(C=chosen.c, max_iter=5000).fit(
        x[urgent_rows], [cases[i].kind for i in urgent_rows]
    )
    kinds = tuple(str(k) for k in kind_model.classes_)
    kind_coef = kind_model.coef_ if len(kinds) > 2 else np.vstack([-kind_model.coef_[0], kind_model.coef_[0]])
    kind_bias = (
        kind_model.intercept_
        if len(kinds) > 2
        else np.array([-kind_model.intercept_[0], kind_model.intercept_[0]])
    )

    def rounded(value: float) -> float:
        return round(float(value), _DIGITS)

    return DangerModel(
        idf={name: rounded(v) for name, v in zip(names, vectorizer.idf_, strict=True)},
        urgent_weights={
            name: rounded(w) for name, w in zip(names, urgent_model.coef_[0], strict=True) if rounded(w)
        },
        urgent_bias=rounded(urgent_model.intercept_[0]),
        c=chosen.c,
        threshold=rounded(chosen.threshold),
        rule_floor=rounded(chosen.rule_floor),
        kinds=kinds,
        kind_weights={name: tuple(rounded(w) for w in kind_coef[:, j]) for j, name in enumerate(names)},
        kind_biases=tuple(rounded(b) for b in kind_bias),
    )


def form_decisions(cases: Sequence[Case], chosen: Validation, model: DangerModel, field: str) -> list[bool]:
    """The out-of-fold decisions of ``chosen`` read as answers to the form question ``field``
    (:func:`nlu.danger_forms.interrupts_form` on each alarm, with its out-of-fold score). The kind of an alarm
    no rule raised comes from ``model``, trained on every case: only the kind, not the decision, has seen it."""
    decisions = []
    for case, flagged, score in zip(cases, chosen.flagged, chosen.scores, strict=True):
        hit = match_rules(case.q)
        read = len(case.q.split()) >= MODEL_MIN_WORDS
        kind = hit.kind if hit else model.kind(model.vector(case.q, None))
        decisions.append(
            flagged
            and interrupts_form(case.q, field, kind, hit.matched if hit else None, score if read else None)
        )
    return decisions
