"""Choose the FAQ matcher's fusion weights and threshold rule on the development data only.

    .venv/bin/python benchmarks/faq_tune.py [--seed N]

Two domains: the shared development set (../shared/faq-eval) and xSID (../shared/external/xsid-id, with the
development set's out-of-scope questions as its out-of-scope cases). Each case set is split in two halves
(stratified by expected entry, seeded); settings are chosen on the tuning halves and reported on the
validation halves. The blind set (faq/eval/) is never read here.

The objective is top-1 (the answer given, null when rejected), plus the right entry first among the
candidates (what suggestions offer), plus out-of-scope rejection (the mean of the near out-of-scope
questions' and the other domain's questions'), averaged over the two domains: the decision the help desk makes, not the ranking alone. The threshold of each knowledge base
comes from its own phrasings (faq.calibration); what is tuned is the rule that turns them into a threshold.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faq.calibration import threshold_from  # noqa: E402
from faq.cli import Case, load_cases  # noqa: E402
from faq.entries import load_entries  # noqa: E402
from faq.matcher import Matcher, Settings  # noqa: E402
from faq.semantic import available, default_cache_dir  # noqa: E402
from nlu.normalize import load_lexicon  # noqa: E402

DEV_DIR = ROOT.parent / "shared" / "faq-eval"
XSID_DIR = ROOT.parent / "shared" / "external" / "xsid-id"
SIGNALS = ("raw", "norm", "words", "answers", "fuzzy")


def split(cases: Sequence[Case], seed: int) -> tuple[list[Case], list[Case]]:
    """Half of each expected entry's cases (and of the out-of-scope ones) for tuning, the rest to validate."""
    groups: dict[str | None, list[Case]] = defaultdict(list)
    for case in cases:
        groups[case[1]].append(case)
    rng = random.Random(seed)
    tuning: list[Case] = []
    validation: list[Case] = []
    for key in sorted(groups, key=str):
        group = groups[key][:]
        rng.shuffle(group)
        half = (len(group) + rng.randrange(2)) // 2
        tuning.extend(group[:half])
        validation.extend(group[half:])
    return tuning, validation


@dataclass
class Domain:
    """Every signal precomputed for a set's cases and for its knowledge base's held-out phrasings."""

    name: str
    ids: list[str]
    cases: list[Case]
    case_signals: list[dict[str, np.ndarray]]
    far_signals: list[dict[str, np.ndarray]]  # questions from the other domain, all out of scope
    sizes: np.ndarray
    held_out: list[tuple[int, dict[str, np.ndarray]]]  # (owner entry, signals with the phrasing left out)


def cosine_signal(cosines: np.ndarray, floor: float) -> np.ndarray:
    return np.maximum(cosines - floor, 0.0) / (1 - floor)


def prepare(name: str, faq: Path, cases: list[Case], far: list[str]) -> Domain:
    entries = load_entries(faq)
    semantic = available()
    matcher = Matcher(
        entries,
        load_lexicon(),
        Settings(threshold=0.0, semantic_floor=0.0),
        semantic=semantic,
        cache_dir=default_cache_dir() if semantic else None,
    )
    held = [
        (int(matcher.owner[k]), matcher.signals(p, exclude=k, fuzzy=True))
        for k, p in enumerate(matcher.phrasings)
    ]
    return Domain(
        name,
        [e.id for e in entries],
        cases,
        [matcher.signals(q, fuzzy=True) for q, _ in cases],
        [matcher.signals(q, fuzzy=True) for q in far],
        np.bincount(matcher.owner, minlength=len(entries)),
        held,
    )


@dataclass(frozen=True)
class Choice:
    w_semantic: float
    floor: float
    quantile: float
    own_quantile: float
    position: float
    weights: Settings


def combine(sig: dict[str, np.ndarray], choice: Choice) -> np.ndarray:
    s = choice.weights
    total = sum(getattr(s, f"w_{name}") * sig[name] for name in SIGNALS)
    if "semantic" in sig and choice.w_semantic:
        total = total + choice.w_semantic * cosine_signal(sig["semantic"], choice.floor)
    return total


def threshold(domain: Domain, choice: Choice) -> float:
    own, other = [], []
    for entry, sig in domain.held_out:
        similarity = combine(sig, choice)
        if domain.sizes[entry] > 1:
            own.append(similarity[entry])
        similarity[entry] = -np.inf
        other.append(similarity.max())
    return threshold_from(
        np.asarray(own), np.asarray(other), choice.quantile, choice.own_quantile, choice.position
    )


def far_rejection(domain: Domain, choice: Choice, part: int) -> float:
    """Rejection of every other (``part`` 0) or every other but one (1) question from the other domain."""
    limit = threshold(domain, choice)
    chosen = domain.far_signals[part::2]
    return float(np.mean([combine(sig, choice).max() < limit for sig in chosen]))


def score(domain: Domain, choice: Choice, indices: Sequence[int]) -> tuple[float, float, float]:
    """top-1, first candidate, rejection over the cases at ``indices``."""
    limit = threshold(domain, choice)
    hits = firsts = rejected = in_scope = out = 0
    for i in indices:
        expected = domain.cases[i][1]
        similarity = combine(domain.case_signals[i], choice)
        best = int(np.argmax(similarity))
        accepted = similarity[best] >= limit
        if expected is None:
            out += 1
            rejected += not accepted
        else:
            in_scope += 1
            firsts += domain.ids[best] == expected
            hits += accepted and domain.ids[best] == expected
    return hits / max(in_scope, 1), firsts / max(in_scope, 1), rejected / max(out, 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    dev_cases = load_cases(DEV_DIR / "dev-cases.yaml")
    xsid_cases = load_cases(XSID_DIR / "cases.yaml")
    dev_out = [(q, None) for q, e in dev_cases if e is None]
    # far out of scope: the other domain's questions (few near-domain questions exist, so both count)
    domains = [
        prepare("dev", DEV_DIR / "dev-faq.yaml", dev_cases, [q for q, _ in xsid_cases]),
        prepare("xsid", XSID_DIR / "faq.yaml", xsid_cases + dev_out, [q for q, e in dev_cases if e]),
    ]
    halves = {}
    for domain in domains:
        positions = {case: k for k, case in enumerate(domain.cases)}
        tuning, validation = split(domain.cases, args.seed)
        halves[domain.name] = ([positions[c] for c in tuning], [positions[c] for c in validation])
    grid = [
        Choice(w, f, q, o, p, Settings())
        for w, f, q, o, p in itertools.product(
            (0.0, 0.2, 0.3, 0.45, 0.6, 0.9),
            (0.3, 0.4, 0.5),
            (0.1, 0.25, 0.5),
            (0.1, 0.25, 0.5),
            (-0.25, 0.0, 0.25, 0.5, 0.75, 1.0),
        )
        if available() or w == 0.0
    ]

    def objective(choice: Choice, part: int) -> float:
        totals = []
        for domain in domains:
            top1, first, rejection = score(domain, choice, halves[domain.name][part])
            totals.append(top1 + first + (rejection + far_rejection(domain, choice, part)) / 2)
        return float(np.mean(totals))

    ranked = sorted(grid, key=lambda c: objective(c, 0), reverse=True)
    print("best settings on the tuning halves (w_semantic, floor, other quantile, own quantile, position):")
    for choice in ranked[:12]:
        print(
            f"  {choice.w_semantic:.2f} {choice.floor:.2f} {choice.quantile:.2f} {choice.own_quantile:.2f} "
            f"{choice.position:+.2f}  "
            f"tuning {objective(choice, 0):.3f}  validation {objective(choice, 1):.3f}"
        )
    best = ranked[0]
    lexical = max((c for c in grid if c.w_semantic == 0.0), key=lambda c: objective(c, 0))
    for label, choice in (("chosen", best), ("best lexical-only", lexical)):
        print(
            f"\n{label}: w_semantic {choice.w_semantic}, floor {choice.floor}, quantile {choice.quantile}, "
            f"own quantile {choice.own_quantile}, position {choice.position}"
        )
        for domain in domains:
            top1, first, rejection = score(domain, choice, halves[domain.name][1])
            print(
                f"  {domain.name:<5} validation half: top-1 {top1:.3f}, first {first:.3f}, "
                f"rejection {rejection:.3f} (other domain {far_rejection(domain, choice, 1):.3f}), "
                f"threshold {threshold(domain, choice):.3f}"
            )


if __name__ == "__main__":
    main()
