"""The danger reader's cost per message: rules alone, and rules with the model (as ``DANGER_MODEL=on``).

    python benchmarks/danger.py            # every message of the corpus and the blind evaluation set, 5 rounds

Prints the model's load time (once per process) and p50/p99 per message for each reader. One thread: the
figure for one worker.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu import danger_model  # noqa: E402
from nlu.danger import read_danger  # noqa: E402
from nlu.danger_training import load_cases, load_corpus  # noqa: E402

ROUNDS = 5


def timings(texts: list[str], use_model: bool) -> list[float]:
    out = []
    for _ in range(ROUNDS):
        for text in texts:
            started = time.perf_counter()
            read_danger(text, use_model=use_model)
            out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    texts = [c.q for c in load_corpus()] + [c.q for c in load_cases(ROOT / "nlu" / "eval" / "danger.yaml")]
    started = time.perf_counter()
    danger_model.shipped()
    print(f"model load: {(time.perf_counter() - started) * 1000:.0f} ms (once per process)")
    print(
        f"{len(texts)} messages x {ROUNDS} rounds, mean length {statistics.mean(map(len, texts)):.0f} chars"
    )
    for label, use_model in (("rules only", False), ("rules + model", True)):
        ms = sorted(timings(texts, use_model))
        p50, p99 = ms[len(ms) // 2], ms[int(len(ms) * 0.99)]
        print(f"{label:<14} p50 {p50:.3f} ms  p99 {p99:.3f} ms  mean {statistics.mean(ms):.3f} ms")


if __name__ == "__main__":
    main()
