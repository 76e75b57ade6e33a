"""Measuring the understanding reader on labelled messages (``helpdesk nlu eval --cases FILE``): intent
accuracy overall and per intent with 95% Wilson intervals, the confusions, and entity precision, recall and F1
per kind.

Entity values are compared case-insensitively with whitespace collapsed ("mr wong" is "Mr Wong"); a kind the
reader names that the case does not is a false positive, one it misses a false negative, a different value
both.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nlu.evaluation import Tally, wilson
from nlu.understanding import Understanding


@dataclass(frozen=True)
class Case:
    q: str
    intent: str
    entities: dict[str, str]


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Case(
            q=str(row["q"]),
            intent=str(row["intent"]),
            entities={str(k): str(v) for k, v in (row.get("entities") or {}).items()},
        )
        for row in data.get("cases") or ()
    ]


PARTS = ("all", "tune", "validation")
VALIDATION_SHARE = 3
"""One development message in three is held out for validation (:func:`part_of`)."""


def part_of(text: str) -> str:
    """``"tune"`` or ``"validation"``: a stable hash of the message decides, so a message keeps its part when
    cases are added, reordered or moved to another file."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "validation" if int.from_bytes(digest[:8], "big") % VALIDATION_SHARE == 0 else "tune"


def select(cases: Sequence[Case], part: str) -> list[Case]:
    """The cases of ``part`` (one of :data:`PARTS`)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    return [case for case in cases if part == "all" or part_of(case.q) == part]


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass
class EntityTally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def n(self) -> int:
        """Cases whose label has this kind."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.n if self.n else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    cases: int = 0
    intent: Tally = field(default_factory=Tally)
    by_intent: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    entities: dict[str, EntityTally] = field(default_factory=lambda: defaultdict(EntityTally))
    misread: list[tuple[Case, Understanding]] = field(default_factory=list)
    timings_ms: list[float] = field(default_factory=list)

    @property
    def all_entities(self) -> EntityTally:
        total = EntityTally()
        for tally in self.entities.values():
            total.true_positives += tally.true_positives
            total.false_positives += tally.false_positives
            total.false_negatives += tally.false_negatives
        return total

    def percentile(self, p: float) -> float:
        ordered = sorted(self.timings_ms)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0

    def as_dict(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            low, high = wilson(t.hits, t.n)
            return {"accuracy": t.hits / t.n if t.n else 0.0, "n": t.n, "interval": [low, high]}

        def entity(t: EntityTally) -> dict[str, Any]:
            return {"precision": t.precision, "recall": t.recall, "f1": t.f1, "n": t.n}

        return {
            "cases": self.cases,
            "intent": tally(self.intent),
            "by_intent": {k: tally(t) for k, t in sorted(self.by_intent.items())},
            "confusions": [
                {"expected": e, "read": r, "count": c} for (e, r), c in self.confusions.most_common()
            ],
            "entities": entity(self.all_entities),
            "by_entity": {k: entity(t) for k, t in sorted(self.entities.items())},
            "latency_ms": {"p50": self.percentile(0.5), "p99": self.percentile(0.99)},
        }

    def lines(self, show_cases: bool = True) -> list[str]:
        total = self.all_entities
        out = [
            self.intent.line("intent accuracy"),
            *(t.line("  " + k) for k, t in sorted(self.by_intent.items())),
            "",
            "confusions (expected -> read):",
            *(f"  {e} -> {r}: {c}" for (e, r), c in self.confusions.most_common()),
            "",
            f"{'entities':<28} {'prec':>6} {'recall':>6} {'F1':>6}  n",
            _entity_line("all", total),
            *(_entity_line("  " + k, t) for k, t in sorted(self.entities.items())),
            "",
            f"latency per message: p50 {self.percentile(0.5):.2f} ms, p99 {self.percentile(0.99):.2f} ms",
        ]
        if show_cases:
            out += ["", f"misread ({len(self.misread)}):"]
            for case, got in self.misread:
                out.append(f"  {case.q}")
                out.append(f"    expected {case.intent} {case.entities}")
                out.append(f"    read     {got.intent} {dict(got.entities)}")
        return out


def _entity_line(label: str, t: EntityTally) -> str:
    return f"{label:<28} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}  {t.n}"


def evaluate(cases: Sequence[Case], reader: Callable[[str], Understanding]) -> Report:
    report = Report(cases=len(cases))
    for case in cases:
        started = time.perf_counter()
        got = reader(case.q)
        report.timings_ms.append((time.perf_counter() - started) * 1000)
        right = got.intent == case.intent
        report.intent.add(right)
        report.by_intent[case.intent].add(right)
        if not right:
            report.confusions[(case.intent, got.intent)] += 1
        entities_right = True
        for kind in {*case.entities, *got.entities}:
            expected, read = case.entities.get(kind), got.entities.get(kind)
            tally = report.entities[kind]
            if expected is not None and read is not None and _same(expected, read):
                tally.true_positives += 1
                continue
            entities_right = False
            tally.false_negatives += expected is not None
            tally.false_positives += read is not None
        if not (right and entities_right):
            report.misread.append((case, got))
    return report
