"""Measuring the danger reader on a set of cases: recall, false alarms, per kind and per language, with 95%
Wilson intervals (small sets are noisy: a kind of 16 cases moves 6 points a miss), and the cost per message."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from nlu.danger import Danger
from nlu.danger_training import Case


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Tally:
    hits: int = 0
    n: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.n += 1

    def line(self, label: str) -> str:
        low, high = wilson(self.hits, self.n)
        share = self.hits / self.n if self.n else 0.0
        return f"{label:<28} {share:6.3f}  [{low:.3f}, {high:.3f}]  {self.hits}/{self.n}"


@dataclass
class Report:
    recall: Tally = field(default_factory=Tally)
    false_alarms: Tally = field(default_factory=Tally)
    recall_by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    alarms_by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_by_lang: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    alarms_by_lang: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_by_source: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Case] = field(default_factory=list)
    alarms: list[tuple[Case, Danger]] = field(default_factory=list)
    timings_ms: list[float] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.timings_ms)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0

    def lines(self, show_cases: bool = True) -> list[str]:
        out = [
            self.recall.line("recall (urgent found)"),
            self.false_alarms.line("false alarms (not urgent)"),
            f"latency per message: p50 {self.percentile(0.5):.2f} ms, p99 {self.percentile(0.99):.2f} ms",
            "",
            "recall by kind:",
            *(t.line("  " + k) for k, t in sorted(self.recall_by_kind.items())),
            "false alarms by kind:",
            *(t.line("  " + k) for k, t in sorted(self.alarms_by_kind.items())),
            "recall by language:",
            *(t.line("  " + k) for k, t in sorted(self.recall_by_lang.items())),
            "false alarms by language:",
            *(t.line("  " + k) for k, t in sorted(self.alarms_by_lang.items())),
            "recall by writer:",
            *(t.line("  " + k) for k, t in sorted(self.recall_by_source.items())),
        ]
        if show_cases:
            out += ["", f"missed ({len(self.misses)}):"]
            out += [f"  [{c.kind}/{c.lang}] {c.q}" for c in self.misses]
            out += [f"false alarms ({len(self.alarms)}):"]
            out += [f"  [{c.kind}/{c.lang}] {d.kind} by {d.reason}: {c.q}" for c, d in self.alarms]
        return out

    def add(self, case: Case, danger: Danger | None) -> None:
        """Count one decision on ``case``."""
        flagged = danger is not None
        if case.urgent:
            self.recall.add(flagged)
            self.recall_by_kind[case.kind or "-"].add(flagged)
            self.recall_by_lang[case.lang or "-"].add(flagged)
            self.recall_by_source[case.source or "-"].add(flagged)
            if not flagged:
                self.misses.append(case)
        else:
            self.false_alarms.add(flagged)
            self.alarms_by_kind[case.kind or "-"].add(flagged)
            self.alarms_by_lang[case.lang or "-"].add(flagged)
            if danger is not None:
                self.alarms.append((case, danger))


def evaluate(
    cases: Sequence[Case], reader: Callable[[str, str | None], Danger | None], field: str | None = None
) -> Report:
    """Read every case with ``reader(text, field)``: the case's own ``field`` (the form question it answers),
    else ``field`` (None: as a first message)."""
    report = Report()
    for case in cases:
        started = time.perf_counter()
        danger = reader(case.q, case.field or field)
        report.timings_ms.append((time.perf_counter() - started) * 1000)
        report.add(case, danger)
    return report


def of_decisions(cases: Sequence[Case], flagged: Sequence[bool]) -> Report:
    """The figures of decisions already made (the out-of-fold decisions of :func:`nlu.danger_training.validate`),
    without kinds or timings."""
    report = Report()
    for case, urgent in zip(cases, flagged, strict=True):
        report.add(case, Danger("-", None, None) if urgent else None)
    return report
