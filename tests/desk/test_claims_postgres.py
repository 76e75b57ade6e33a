"""Claims under concurrency on PostgreSQL: two sessions racing for one ticket, and "next ticket" with
``FOR UPDATE SKIP LOCKED`` handing two officers two different tickets."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session

from bot import tickets
from bot.db import get_engine
from bot.models import Ticket
from tests.conftest import TEST_DATABASE_URL
from tests.desk.conftest import add_officer, ticket_from_chat

pytestmark = pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="row locks need PostgreSQL (TEST_DATABASE_URL)"
)


def test_two_officers_claiming_at_the_same_moment_exactly_one_wins() -> None:
    ticket = ticket_from_chat()
    officers = [add_officer("ani"), add_officer("budi")]
    barrier = threading.Barrier(2)
    results: dict[int, bool] = {}

    def race(officer_id: int) -> None:
        with Session(get_engine()) as db, db.begin():
            row = db.get(Ticket, ticket.id)
            assert row is not None
            barrier.wait()
            results[officer_id] = tickets.claim(db, row, officer_id)

    threads = [threading.Thread(target=race, args=(officer_id,)) for officer_id in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == [False, True]
    with Session(get_engine()) as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None
        winner = next(officer for officer, won in results.items() if won)
        assert row.assignee_id == winner


def test_next_ticket_skips_a_row_another_officer_is_claiming() -> None:
    first, second = ticket_from_chat("worker-1"), ticket_from_chat("worker-2")
    ani, budi = add_officer("ani"), add_officer("budi")
    with Session(get_engine()) as db_a, db_a.begin():
        taken_a = tickets.claim_next(db_a, ["helpdesk"], ani)  # holds its row lock until commit
        with Session(get_engine()) as db_b, db_b.begin():
            taken_b = tickets.claim_next(db_b, ["helpdesk"], budi)
            assert taken_a is not None and taken_b is not None
            assert {taken_a.id, taken_b.id} == {first.id, second.id}
