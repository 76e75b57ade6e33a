"""Engine throughput: simulated people each completing a complaint (about 15 turns) through bot.engine.handle.

    python benchmarks/engine.py                       # SQLite (temporary file), 1,000 people
    python benchmarks/engine.py --database postgresql+psycopg://postgres@127.0.0.1:5432/bench --people 1000

Prints messages per second and p50/p99 per message. One process, one thread: the figure for one worker.
A PostgreSQL database is created if missing and emptied (schema dropped and re-created) first: point it at a
database of its own, not one the tests use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCRIPT = [
    ("halo", None), ("Setuju", "consent_yes"), ("Laporkan masalah saya", "menu_report"), ("Siti Aminah", None),
    ("C1234567", None), ("lewati", None), ("taiwan", None), ("Taipei", None), ("Mr Chen", None),
    ("PT Maju Jaya", None), ("maret 2023", None), ("Ya", "yes"), ("Gaji tidak dibayar", "unpaid_wages"),
    ("Gaji saya tidak dibayar sejak tiga bulan.", None), ("Ya, saya aman", "yes"),
    ("Gaji/hak saya dibayar", "paid"), ("lewati", None), ("Kirim", "form_send"),
]  # fmt: skip


def create_database_if_missing(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        )
        if exists.first() is None:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def prepare(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "benchmark")
    from sqlalchemy import text

    from bot import db

    if url.startswith("postgresql"):
        create_database_if_missing(url)
        with db.make_engine(url).begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.upgrade()


def run(people: int) -> list[float]:
    from app import wiring
    from bot.engine import handle
    from bot.messages import Inbound

    wiring.install()
    timings: list[float] = []
    for person in range(people):
        user = f"bench-{person}"
        for turn, (text, button) in enumerate(SCRIPT):
            inbound = Inbound(channel="bench", chat_id=user, user_id=user, text=text, button=button,
                              channel_message_id=f"{user}-{turn}")  # fmt: skip
            start = time.perf_counter()
            replies = handle(inbound, inline=False)
            timings.append(time.perf_counter() - start)
            assert replies, "every message gets a reply"
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="", help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    prepare(url)
    from sqlalchemy import func
    from sqlmodel import select

    from bot.db import session_scope
    from bot.models import Ticket

    started = time.perf_counter()
    timings = run(args.people)
    elapsed = time.perf_counter() - started
    with session_scope() as session:
        tickets = session.exec(select(func.count()).select_from(Ticket)).one()
    ordered = sorted(timings)
    backend = url.split(":", 1)[0]
    print(f"engine on {backend}: {args.people} people, {len(timings)} messages in {elapsed:.1f} s")
    print(f"  throughput   {len(timings) / elapsed:8.0f} messages/s")
    print(f"  p50          {statistics.median(ordered) * 1000:8.2f} ms")
    print(f"  p99          {ordered[int(len(ordered) * 0.99) - 1] * 1000:8.2f} ms")
    print(f"  tickets      {tickets:8d} (expected {args.people})")


if __name__ == "__main__":
    main()
