"""The understanding reader's cost per message (``nlu.understanding.understand``, danger rules included).

    python benchmarks/understanding.py     # every message of the development set, 5 rounds

Prints the first round (tables and parsers loading, once per process) and p50/p99/max over the messages of
each message's best of the rounds after it (on a shared machine another process's burst is not the reader's
cost). One thread: the figure for one worker.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu.text import fold  # noqa: E402
from nlu.understanding import understand  # noqa: E402
from nlu.understanding_eval import load_cases  # noqa: E402

ROUNDS = 5
DEV_SET = ROOT / "nlu" / "corpus" / "understanding-dev.yaml"


def main() -> None:
    texts = [case.q for case in load_cases(DEV_SET)]
    started = time.perf_counter()
    for text in texts:  # one unmeasured round: tables and parsers load on the first message that needs them
        understand(text)
    print(
        f"first round: {(time.perf_counter() - started) * 1000:.0f} ms (loading included, once per process)"
    )
    best = [float("inf")] * len(texts)
    for _ in range(ROUNDS):
        for k, text in enumerate(texts):
            fold.cache_clear()  # every message is new to the bot: no folding left over from the last round
            started = time.perf_counter()
            understand(text)
            best[k] = min(best[k], (time.perf_counter() - started) * 1000)
    ms = sorted(best)
    print(
        f"{len(texts)} messages x {ROUNDS} rounds, mean length {statistics.mean(map(len, texts)):.0f} chars"
    )
    print(
        f"p50 {ms[len(ms) // 2]:.3f} ms  p99 {ms[int(len(ms) * 0.99)]:.3f} ms  max {ms[-1]:.3f} ms  "
        f"mean {statistics.mean(ms):.3f} ms"
    )


if __name__ == "__main__":
    main()
