"""Signed WhatsApp webhook posts against ``helpdesk serve`` on PostgreSQL (1 and 2 workers), and against a bare
ASGI endpoint that answers 200, on this machine in the same run.

The load comes from a separate process (asyncio + httpx, a fixed number of requests in flight), only to
127.0.0.1. Each message is signed with Twilio's RequestValidator; 5% are replays of an earlier MessageSid.
A request that fails (an error status or a broken connection) is posted again, up to three times with the same
MessageSid, as Twilio retries; every failure is printed with what went wrong. After each run the database is
counted: every distinct MessageSid sent must be stored exactly once (the run exits non-zero otherwise), and an
acknowledged message that was not stored would be a lost one.

    .venv/bin/python benchmarks/webhooks.py [--messages 3000] [--concurrency 32]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/bench_webhooks;
the database is dropped and created).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
HELPDESK = ROOT / ".venv" / "bin" / "helpdesk"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_webhooks"
)
TOKEN = "bench-auth-token"
TEXTS = [
    "halo",
    "1",
    "gaji saya belum dibayar 3 bulan",
    "bagaimana cara perpanjang paspor",
    "menu",
    "paspor saya ditahan majikan",
    "berapa biaya penempatan ke taiwan",
    "terima kasih",
]
RETRIES = 3
BARE_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def reset_database() -> None:
    base, name = DATABASE_URL.rsplit("/", 1)
    engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start")


def start_helpdesk(port: int, workers: int, data_dir: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886",
        "TWILIO_API_BASE_URL": "http://127.0.0.1:9",  # never reached: every reply goes back as TwiML
        "SECRET_KEY": "bench",
        "DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
    }
    command = [str(HELPDESK), "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
    return process


def start_bare(port: int, workers: int, folder: str) -> subprocess.Popen[bytes]:
    Path(folder, "bare_app.py").write_text(BARE_APP)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bare_app:app",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, cwd=folder, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/", process)
    return process


def requests_for(port: int, messages: int, run: str) -> list[tuple[str, dict[str, str]]]:
    """(body, headers) of every post, signed in advance; 5% replay an earlier MessageSid."""
    url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
    validator = RequestValidator(TOKEN)
    rng = random.Random(7)
    forms: list[dict[str, str]] = []
    for number in range(messages):
        if forms and rng.random() < 0.05:
            forms.append(rng.choice(forms))
            continue
        sender = f"whatsapp:+62812{rng.randrange(1000):04d}{run}"
        forms.append(
            {
                "MessageSid": f"SM{run}{number:028d}",
                "From": sender,
                "To": "whatsapp:+14155238886",
                "Body": rng.choice(TEXTS),
                "NumMedia": "0",
                "ProfileName": "Bench",
            }
        )
    return [
        (
            urlencode(form),
            {
                "X-Twilio-Signature": validator.compute_signature(url, form),
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        for form in forms
    ]


def load(
    url: str, requests: list[tuple[str, dict[str, str]]], concurrency: int, out: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    """The load process: posts everything with ``concurrency`` in flight; reports latencies and failures."""

    async def main() -> tuple[float, list[float], list[tuple[str, str]]]:
        latencies: list[float] = []
        outcomes: list[tuple[str, str]] = []  # (MessageSid, "200" or what went wrong)
        queue = iter(requests)
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def post(body: str, headers: dict[str, str]) -> str:
                try:
                    response = await client.post(url, content=body, headers=headers)
                except httpx.HTTPError as error:
                    return f"{type(error).__name__}: {error}"[:120]
                return str(response.status_code)

            async def worker() -> None:
                for body, headers in queue:
                    started = time.perf_counter()
                    outcome = await post(body, headers)
                    latencies.append(time.perf_counter() - started)
                    outcomes.append((_sid(body), outcome))
                    for _ in range(RETRIES):  # as Twilio does: the same MessageSid again, stored at most once
                        if outcome == "200":
                            break
                        outcome = await post(body, headers)
                        outcomes.append((_sid(body), "retry " + outcome))

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return time.perf_counter() - started, latencies, outcomes

    out.put(asyncio.run(main()))


def _sid(body: str) -> str:
    return body.split("&", 1)[0].removeprefix("MessageSid=")


def measure(url: str, requests: list[tuple[str, dict[str, str]]], concurrency: int) -> dict[str, Any]:
    out: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    warmup = multiprocessing.Process(target=load, args=(url, requests[:200], concurrency, out))
    warmup.start()
    _, _, warmup_outcomes = out.get()
    warmup.join()
    process = multiprocessing.Process(target=load, args=(url, requests[200:], concurrency, out))
    process.start()
    elapsed, latencies, outcomes = out.get()
    process.join()
    latencies.sort()
    outcomes = warmup_outcomes + outcomes
    failed = [(sid, outcome) for sid, outcome in outcomes if not outcome.endswith("200")]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "failures": sum(1 for _, outcome in failed if not outcome.startswith("retry")),
        "failed": failed,
        "acknowledged": {sid for sid, outcome in outcomes if outcome.endswith("200")},
    }


def stored_sids(run: str) -> tuple[set[str], int, int]:
    """(the MessageSids stored as inbound messages, inbound rows, inbox rows) of this run, from the database."""
    engine = create_engine(DATABASE_URL)
    with engine.connect() as connection:
        sids = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT channel_message_id FROM message "
                    "WHERE direction = 'in' AND channel = 'whatsapp' AND channel_message_id LIKE :run"
                ),
                {"run": f"SM{run}%"},
            )
        }
        rows = connection.execute(
            text(
                "SELECT count(*) FROM message "
                "WHERE direction = 'in' AND channel = 'whatsapp' AND channel_message_id LIKE :run"
            ),
            {"run": f"SM{run}%"},
        ).scalar_one()
        inbox = connection.execute(
            text("SELECT count(*) FROM inboxevent WHERE channel = 'whatsapp' AND event_id LIKE :run"),
            {"run": f"SM{run}%"},
        ).scalar_one()
    engine.dispose()
    return sids, int(rows), int(inbox)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    reset_database()
    subprocess.run(
        [str(HELPDESK), "db", "upgrade"], env={**os.environ, "DATABASE_URL": DATABASE_URL}, check=True
    )
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for workers in (1, 2):
            port = free_port()
            bare = start_bare(port, workers, folder)
            try:
                bare_result = measure(
                    f"http://127.0.0.1:{port}/", requests_for(port, args.messages, "0"), args.concurrency
                )
            finally:
                bare.terminate()
                bare.wait()
            port = free_port()
            run = str(workers)
            requests = requests_for(port, args.messages, run)
            server = start_helpdesk(port, workers, folder)
            try:
                ours = measure(f"http://127.0.0.1:{port}/webhooks/whatsapp", requests, args.concurrency)
            finally:
                server.terminate()
                server.wait()
            sent = {_sid(body) for body, _ in requests}
            stored, rows_in, inbox = stored_sids(run)
            rows.append((workers, bare_result, ours, sent, stored, rows_in, inbox))
    print(f"{args.messages} signed WhatsApp webhook posts per run, {args.concurrency} in flight, loopback")
    print(
        "| workers | bare ASGI req/s | helpdesk req/s | share | p50 ms | p99 ms | failed (retried) | sids sent "
        "| stored | acknowledged, not stored | duplicates |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    lost = 0
    for workers, bare_result, ours, sent, stored, rows_in, inbox in rows:
        unstored = ours["acknowledged"] - stored
        lost += len(sent - stored)
        print(
            f"| {workers} | {bare_result['rps']:.0f} | {ours['rps']:.0f} | {ours['rps'] / bare_result['rps']:.0%} "
            f"| {ours['p50']:.1f} | {ours['p99']:.1f} | {ours['failures']:.0f} | {len(sent)} | {len(stored)} "
            f"| {len(unstored)} | {rows_in - len(stored) + max(inbox - len(stored), 0)} |"
        )
        for sid, outcome in ours["failed"]:
            print(f"  {workers} worker(s): {sid} {outcome}{'' if sid in stored else ' (never stored)'}")
    if lost:
        raise SystemExit(f"{lost} sent messages were never stored")


if __name__ == "__main__":
    main()
