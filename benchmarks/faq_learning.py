"""FAQ learning curve: how top-1 grows as officers add the questions people asked as phrasings.

    .venv/bin/python benchmarks/faq_learning.py [--faq FILE --cases FILE] [--max-added 3]

Defaults to the blind set (faq/eval/kb.yaml + cases.yaml), as issue 12 asks: it is a benchmark here, nothing
is tuned on it. Each entry's in-scope cases are split in two halves (seeded); the questions of one half are
added to their entry as phrasings, 0, 1, 2, 3 per entry (fewer where the half has fewer), as officers would
from the questions collected in use; top-1 (the answer given, null when rejected) and rejection are measured
on the other half and the out-of-scope cases. Then the halves swap, and the counts of both folds are added.
The threshold is calibrated again on each grown knowledge base, as the help desk does.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faq.cli import Case, evaluate, load_cases  # noqa: E402
from faq.entries import Entry, load_entries  # noqa: E402
from faq.matcher import Matcher  # noqa: E402
from nlu.evaluation import wilson  # noqa: E402

BLIND = ROOT / "faq" / "eval"


def halves(cases: Sequence[Case], seed: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each entry's in-scope questions, shuffled and cut in two."""
    by_entry: dict[str, list[str]] = defaultdict(list)
    for query, expected in cases:
        if expected is not None:
            by_entry[expected].append(query)
    rng = random.Random(seed)
    first: dict[str, list[str]] = {}
    second: dict[str, list[str]] = {}
    for entry in sorted(by_entry):
        questions = by_entry[entry][:]
        rng.shuffle(questions)
        cut = (len(questions) + 1) // 2
        first[entry], second[entry] = questions[:cut], questions[cut:]
    return first, second


def grown(entries: Sequence[Entry], added: dict[str, list[str]], per_entry: int) -> list[Entry]:
    return [replace(e, variants=(*e.variants, *added.get(e.id, [])[:per_entry])) for e in entries]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=Path, default=BLIND / "kb.yaml")
    parser.add_argument("--cases", type=Path, default=BLIND / "cases.yaml")
    parser.add_argument("--max-added", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    entries, cases = load_entries(args.faq), load_cases(args.cases)
    out_of_scope = [(q, None) for q, e in cases if e is None]
    first, second = halves(cases, args.seed)
    print(f"{len(entries)} entries; {sum(e is not None for _, e in cases)} in-scope cases in two folds")
    print(
        f"{'added per entry':<16} {'top-1':>6}  {'95% interval':<16} {'hits/n':>9} {'first':>6} {'offered':>7} "
        f"{'reject':>7}  threshold"
    )
    for per_entry in range(args.max_added + 1):
        hits = n = firsts = given = rejected = n_out = 0
        thresholds = []
        for added, tested in ((first, second), (second, first)):
            matcher = Matcher.build(grown(entries, added, per_entry))
            test = [(q, entry) for entry, questions in tested.items() for q in questions]
            result = evaluate(matcher.match, test + out_of_scope)
            hits, n = hits + result.top1_hits, n + result.in_scope
            firsts, given = firsts + result.first_hits, given + result.offered_hits
            rejected, n_out = rejected + result.rejected, n_out + result.out_of_scope
            thresholds.append(f"{matcher.threshold:.3f}")
        low, high = wilson(hits, n)
        print(
            f"{per_entry:<16} {hits / n:>6.3f}  [{low:.3f}, {high:.3f}]   {hits:>4}/{n:<4} {firsts / n:>6.3f} "
            f"{given / n:>7.3f} {rejected / n_out:>7.3f}  {' '.join(thresholds)}"
        )


if __name__ == "__main__":
    main()
