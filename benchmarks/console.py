"""Officer console server time on a large PostgreSQL database: the queue page, the ticket page and search.

    python benchmarks/console.py                                   # 10,000 tickets, 100,000 messages
    python benchmarks/console.py --tickets 100000 --messages 1000000 --requests 300

Synthetic tickets, contacts, conversations and messages are bulk-loaded with COPY into a database of its own
(created if missing, schema dropped and re-created: do not point it at a database the tests use), then each
page is requested in-process through the console app as a logged-in officer of every queue. Prints p50/p99
milliseconds per page. Targets: p99 <= 150 ms for the pages, <= 300 ms for search, <= 50 ms for the polls.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine import prepare

FIRST = [
    "Siti",
    "Sri",
    "Dewi",
    "Nur",
    "Ani",
    "Rina",
    "Yuni",
    "Tini",
    "Wati",
    "Lestari",
    "Eka",
    "Fitri",
    "Ayu",
    "Indah",
    "Ratna",
    "Suci",
    "Endang",
    "Sumi",
    "Tuti",
]
LAST = [
    "Aminah",
    "Rahayu",
    "Wulandari",
    "Hidayah",
    "Lestari",
    "Susanti",
    "Handayani",
    "Kusuma",
    "Purnama",
    "Sari",
    "Utami",
    "Astuti",
    "Wahyuni",
]
COUNTRIES = ["TW", "HK", "MY", "SG", "SA", "KR", "JP", "BN", "TR", "IT", None]
CATEGORIES = [
    "unpaid_wages",
    "repatriation",
    "failed_departure",
    "overcharging",
    "job_fraud",
    "violence",
    "other",
]
STATUSES = ["new", "open", "open", "waiting_on_reporter", "resolved", "closed", "closed"]
QUEUES = ["complaints", "asia_pacific", "middle_east", "pre_departure", "helpdesk", "urgent"]
SYLLABLES = [
    "ba",
    "bi",
    "bu",
    "ka",
    "ki",
    "ku",
    "ma",
    "mi",
    "mu",
    "na",
    "ni",
    "nu",
    "pa",
    "pi",
    "pu",
    "sa",
    "si",
    "su",
    "ta",
    "ti",
    "tu",
    "ja",
    "ji",
    "ju",
    "ga",
    "gi",
    "gu",
    "la",
    "li",
    "lu",
    "ra",
    "ri",
    "ru",
]
COMMON = [
    "saya",
    "gaji",
    "majikan",
    "agen",
    "paspor",
    "tolong",
    "pulang",
    "bulan",
    "kerja",
    "kontrak",
    "sakit",
    "dipukul",
    "bayar",
    "potong",
]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size] + COMMON * 20


def copy(connection, table: str, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)


def load(url: str, tickets: int, messages: int, seed: int = 7) -> dict[str, list[str]]:
    """Bulk-load the synthetic data; returns sample search terms and references."""
    import psycopg

    rng = random.Random(seed)
    words = vocabulary(rng)
    now = datetime.now(UTC)
    samples: dict[str, list[str]] = {"refs": [], "names": [], "passports": [], "phrases": []}
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        connection.execute("DROP INDEX IF EXISTS ix_message_text_trgm")  # built once after the load: faster
        copy(
            connection,
            "contact",
            ("id", "channel", "external_id", "display_name", "language", "unreachable", "created_at"),
            ((i, "telegram", str(i), None, "id", False, now) for i in range(1, tickets + 1)),
        )
        copy(
            connection,
            "conversation",
            ("id", "channel", "chat_id", "contact_id", "state", "data", "version", "updated_at"),
            ((i, "telegram", str(i), i, "menu", "{}", 0, now) for i in range(1, tickets + 1)),
        )
        refs = set()

        def ticket_rows() -> Iterator[tuple]:
            for i in range(1, tickets + 1):
                ref = "PMI-" + "".join(rng.choice(ALPHABET) for _ in range(7))
                while ref in refs:
                    ref = "PMI-" + "".join(rng.choice(ALPHABET) for _ in range(7))
                refs.add(ref)
                created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(FIRST)}"
                passport = rng.choice("ABCXE") + f"{rng.randint(0, 9_999_999):07d}"
                status = rng.choice(STATUSES)
                responded = created + timedelta(hours=rng.uniform(0.1, 48)) if status != "new" else None
                urgent = rng.random() < 0.03
                if i % max(tickets // 50, 1) == 0:
                    samples["refs"].append(ref)
                    samples["names"].append(name.rsplit(" ", 1)[0])
                    samples["passports"].append(passport)
                yield (
                    i, ref, "x", status, rng.choice(CATEGORIES), urgent, "urgent" if urgent else rng.choice(QUEUES),
                    "telegram", i, i, "consent", "self", name, "self", name, rng.choice(COUNTRIES),
                    " ".join(rng.choices(words, k=12)), json.dumps({"passport_number": passport}),
                    created + timedelta(hours=24), created + timedelta(days=14), responded, False, "[]",
                    created, created,
                )  # fmt: skip

        copy(
            connection,
            "ticket",
            ("id", "ref", "pin_hash", "status", "category", "urgent", "queue", "channel", "contact_id",
             "conversation_id", "legal_basis", "supplied_by", "reporter_name", "reporter_relationship",
             "worker_name", "worker_country", "description", "intake", "first_response_due", "resolution_due",
             "first_response_at", "escalated", "labels", "created_at", "updated_at"),
            ticket_rows(),
        )  # fmt: skip

        def message_rows() -> Iterator[tuple]:
            for n in range(messages):
                conversation = rng.randint(1, tickets)
                text = " ".join(rng.choices(words, k=rng.randint(4, 20)))
                if n % max(messages // 50, 1) == 0:
                    samples["phrases"].append(" ".join(text.split()[1:3]))
                inbound = rng.random() < 0.5
                yield (
                    conversation, conversation if rng.random() < 0.3 else None, "in" if inbound else "out",
                    "telegram", "contact" if inbound else "bot", text, "[]", "received" if inbound else "sent", 0,
                    now - timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                )  # fmt: skip

        copy(
            connection,
            "message",
            ("conversation_id", "ticket_id", "direction", "channel", "author", "text", "buttons", "status",
             "attempts", "created_at"),
            message_rows(),
        )  # fmt: skip
        connection.execute("CREATE INDEX ix_message_text_trgm ON message USING gin (text gin_trgm_ops)")
        for table in ("contact", "conversation", "ticket"):
            connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {tickets})")
        connection.execute(
            "SELECT setval(pg_get_serial_sequence('message', 'id'), (SELECT max(id) FROM message))"
        )
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")
    return samples


def reloaded_samples() -> dict[str, list[str]]:
    """Search terms and references drawn from data a previous run loaded (``--reuse``)."""
    from sqlalchemy import text

    from bot.db import session_scope

    with session_scope() as db:
        run = db.connection().exec_driver_sql
        tickets = run(
            "SELECT ref, worker_name, intake::text FROM ticket TABLESAMPLE SYSTEM (1) LIMIT 50"
        ).all()
        texts = run("SELECT text FROM message TABLESAMPLE SYSTEM (0.1) LIMIT 50").all()
        db.execute(text("DELETE FROM officersession"))
        db.execute(text("DELETE FROM ticketseen"))  # the previous run's looks, which name its officer
        db.execute(text("DELETE FROM officer WHERE username = 'bench'"))
    return {
        "refs": [ref for ref, _name, _intake in tickets],
        "names": [name.rsplit(" ", 1)[0] for _ref, name, _intake in tickets],
        "passports": [json.loads(intake)["passport_number"] for _ref, _name, intake in tickets],
        "phrases": [" ".join(row[0].split()[1:3]) for row in texts],
    }


def officer_client():  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from app.web import create_app
    from bot.clock import utcnow
    from bot.db import session_scope
    from bot.models import Officer
    from desk import auth

    with session_scope() as db:
        officer = Officer(
            username="bench", display_name="Bench", role="officer", queues=QUEUES, password_hash="x"
        )
        db.add(officer)
        db.flush()
        cookie = auth.start_session(db, officer, utcnow())
    client = TestClient(create_app(channels=[]))
    client.cookies.set(auth.COOKIE, cookie)
    return client


def measure(name: str, requests: int, path: Callable[[int], str], client) -> tuple[str, float, float]:  # type: ignore[no-untyped-def]
    for i in range(min(20, requests)):  # warm caches and connections
        client.get(path(i))
    timings = []
    for i in range(requests):
        start = time.perf_counter()
        response = client.get(path(i))
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path(i), response.status_code)
    timings.sort()
    return name, statistics.median(timings), timings[min(int(len(timings) * 0.99), len(timings) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_console")
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--reuse", action="store_true", help="measure the data a previous run loaded")
    args = parser.parse_args()
    if not args.database.startswith("postgresql"):
        parser.error("the console benchmark needs PostgreSQL")
    os.environ["LOG_LEVEL"] = "WARNING"
    if args.reuse:
        os.environ["DATABASE_URL"] = args.database
        samples = reloaded_samples()
    else:
        prepare(args.database)
        started = time.perf_counter()
        samples = load(args.database, args.tickets, args.messages)
        elapsed = time.perf_counter() - started
        print(f"loaded {args.tickets:,} tickets and {args.messages:,} messages in {elapsed:.0f} s")
    client = officer_client()
    rng = random.Random(1)
    views = ["all", "unassigned", "mine", "urgent"]
    filters = ["", "&status=open", "&country=TW", "&overdue=1", "&category=unpaid_wages", "&page=3"]
    terms = [*samples["refs"], *samples["names"], *samples["passports"], *samples["phrases"]]
    rng.shuffle(terms)
    results = [
        measure(
            "queue page",
            args.requests,
            lambda i: f"/console/?view={views[i % 4]}{filters[i % len(filters)]}",
            client,
        ),
        measure(
            "ticket page",
            args.requests,
            lambda i: f"/console/t/{samples['refs'][i % len(samples['refs'])]}",
            client,
        ),
        measure("search", args.requests, lambda i: f"/console/?q={terms[i % len(terms)]}", client),
        measure(
            "list poll",
            args.requests,
            lambda i: f"/console/inbox.json?view={views[i % 4]}{filters[i % len(filters)]}",
            client,
        ),
        measure(
            "ticket poll",
            args.requests,
            lambda i: f"/console/t/{samples['refs'][i % len(samples['refs'])]}/live.json?after=0",
            client,
        ),
    ]
    results.append(  # every console page, every 15 s: new urgent notices and the unread mentions count
        measure("notice poll", args.requests, lambda i: "/console/notices.json?after=0", client)
    )
    version = client.get("/console/inbox.json").json()[
        "version"
    ]  # after the audit rows the pages above wrote
    results.append(
        measure(
            "list unchanged",
            args.requests,
            lambda i: f"/console/inbox.json?view=all&version={version}",
            client,
        )
    )
    print(f"{'page':<14}{'p50 ms':>10}{'p99 ms':>10}")
    for name, p50, p99 in results:
        print(f"{name:<14}{p50:>10.1f}{p99:>10.1f}")


if __name__ == "__main__":
    main()
