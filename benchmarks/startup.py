"""Start-up of the command line as fresh processes, and the memory of an idle ``helpdesk serve`` worker.

Each command runs ``--runs`` times as a new process (the way a person or a script runs it) on a migrated
SQLite database in a temporary folder; printed are the median and the quickest wall-clock time and the median
CPU time of the process (the CPU figure moves less when other programs share the machine). Then
``helpdesk serve`` is started with 1 and with 2 workers (WhatsApp configured, as in production, so Twilio's
library is loaded), left idle after its first /healthz answer, and the resident memory (RSS) of each worker
process is read from /proc.

    .venv/bin/python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from webhooks import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
HELPDESK = ROOT / ".venv" / "bin" / "helpdesk"
COMMANDS: list[tuple[str, list[str], str]] = [
    ("helpdesk --help", ["--help"], ""),
    # each run a new person's first message ({run}: the run's number)
    ("helpdesk chat --json, a greeting", ["chat", "--json", "--user", "g{run}"], "halo\n"),
    ("helpdesk chat --json, a question", ["chat", "--json", "--user", "q{run}"], "berapa biaya ke taiwan\n"),
    ("helpdesk tickets list", ["tickets", "list"], ""),
]


def timed_run(arguments: list[str], stdin: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(HELPDESK), *arguments], input=stdin, text=True, env=env, check=True, capture_output=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def idle_worker_rss(workers: int, env: dict[str, str]) -> list[float]:
    """RSS in MB of each worker of an idle ``helpdesk serve`` (with one worker, the server process is it)."""
    port = free_port()
    command = [str(HELPDESK), "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        time.sleep(2)  # the other worker finishes starting; the first request's work is done
        if workers == 1:
            return [rss_mb(process.pid)]
        # uvicorn's supervisor -> (multiprocessing's resource tracker,) the worker processes
        return sorted(rss_mb(pid) for pid in children(process.pid) if _is_worker(pid))
    finally:
        process.terminate()
        process.wait(timeout=30)


def _is_worker(pid: int) -> bool:
    return "resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/helpdesk.db",
            "DATA_DIR": folder,
            "SECRET_KEY": "bench",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run([str(HELPDESK), "db", "upgrade"], env=env, check=True, capture_output=True)
        print(f"{'command':<36} {'median':>8} {'quickest':>9} {'CPU median':>11}   ({args.runs} runs each)")
        for label, arguments, stdin in COMMANDS:
            runs = [
                timed_run([part.format(run=run) for part in arguments], stdin, env)
                for run in range(args.runs)
            ]
            walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
            print(
                f"{label:<36} {statistics.median(walls):>7.2f}s {min(walls):>8.2f}s "
                f"{statistics.median(cpus):>10.2f}s"
            )
        whatsapp = {
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "TWILIO_AUTH_TOKEN": "bench",
            "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886",
        }
        for workers in (1, 2):
            sizes = ", ".join(f"{size:.0f} MB" for size in idle_worker_rss(workers, {**env, **whatsapp}))
            print(f"helpdesk serve --workers {workers}: idle RSS per worker {sizes}")
        load = os.getloadavg()
        print(
            f"load average while measuring: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    sys.exit(main())
