"""One language at a time: every console page, rendered with every status, ticket event, category, danger kind,
queue, channel and intake field, shows no stored code and, in Indonesian, no English word of the catalogs."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from functools import cache

import pytest
import yaml
from sqlmodel import select

from bot import tickets
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import CannedAnswer, Mention, Message, StaffNotice, Ticket, TicketEvent
from desk import labels
from desk.queries import RESPONSE_OUTCOMES, week_of
from nlu.kinds import CATEGORIES, DANGER_KINDS
from tests.desk.conftest import add_officer, ticket_from_chat
from tests.test_translations import ROOT, messages

EVENT_DETAILS = {
    "created": {},
    "message": {"message_id": 1},
    "status": {"old": "new", "new": "waiting_on_reporter", "reason": "claimed"},
    "urgent": {"reason": "officer", "old_queue": "helpdesk", "new_queue": "urgent"},
    "not_urgent": {"old_queue": "urgent", "new_queue": "asia_pacific"},
    "claimed": {},
    "reply": {},
    "note": {"text": "catatan untuk rekan"},
    "labels": {"old": [], "new": ["gaji"]},
    "rated": {"rating": 4, "comment": False},
    "rating_requested": {},
    "escalated": {"reason": "first_response_overdue"},
    "erased": {"reason": "erasure_done"},
    "privacy_request": {"request": "erasure"},
    "danger": {"danger": "confinement", "rule": "dikurung", "score": 0.91},
    "silence_warning": {"close_at": "2026-12-09T00:00:00"},
    "assigned": {"old_officer": None, "new_officer": 1, "old_queue": "helpdesk", "new_queue": "asia_pacific"},
}
#: Codes that are also ordinary words of the interface ("web" in "Obrolan web").
NOT_RAW = {"web", "status"}
#: English words that are also Indonesian, names, or the same in both catalogs.
SHARED_WORDS = {"admin", "supervisor", "status", "model", "label", "telegram", "whatsapp", "taiwan", "bot"}


def _codes() -> set[str]:
    config = get_config()
    found = {*tickets.STATUSES, *CATEGORIES, *DANGER_KINDS, *EVENT_DETAILS, *config.queues}
    found |= {*labels.CHANNEL_LABELS, *labels.REASON_LABELS, *labels.EXTRA_INTAKE_LABELS}
    found |= {
        "pending",
        "held",
        "failed",
        "first_response_overdue",
        "contact",
        "scheduler",
        *RESPONSE_OUTCOMES,
    }
    return found - NOT_RAW


@cache
def _english_only_words() -> frozenset[str]:
    """Words of the English catalog's translations that no Indonesian msgid uses."""
    words = lambda text: {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}  # noqa: E731
    english, indonesian = set(), set()
    for message in messages():
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            indonesian |= words(msgid)
        for msgstr in message.string if isinstance(message.string, tuple) else (message.string,):
            english |= words(msgstr or "")
    return frozenset(english - indonesian - SHARED_WORDS)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|code)\b.*?</\1>", " ", page, flags=re.S)  # code: commands, placeholders
    page = re.sub(r'\b(?:placeholder|aria-label|title|alt)="([^"]*)"', r"> \1 <", page)  # read aloud or shown
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _problems(text: str) -> list[str]:
    found = [
        f"raw key {code!r}" for code in _codes() if re.search(rf"(?<![\w/-]){re.escape(code)}(?![\w-])", text)
    ]
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return found + [f"English word {word!r}" for word in sorted(words & _english_only_words())]


def _every_kind_of_ticket(officer_id: int) -> list[str]:
    """Tickets with every status, category and danger kind, every event kind and the outbound message states,
    first responses in time, late and awaited, and a colleague's mention of the officer on each."""
    colleague = add_officer("budi")
    refs = []
    for index, category in enumerate(CATEGORIES):
        ticket = ticket_from_chat(f"worker-{index}")
        with session_scope() as db:
            row = db.get(Ticket, ticket.id)
            assert row is not None
            row.category = category
            row.status = tickets.STATUSES[index % len(tickets.STATUSES)]
            row.worker_country = "TW"
            row.intake = {
                **row.intake,
                "danger": DANGER_KINDS[index % len(DANGER_KINDS)],
                "location": "asrama",
                "safe_now": "no",
                "last_news": "kemarin",
            }
            row.urgent = index % 2 == 0
            row.escalated = index % 3 == 0
            if index % 3 and row.first_response_due:  # in time and late, besides those still awaited
                row.first_response_at = row.first_response_due + timedelta(hours=1 if index % 3 == 2 else -1)
            db.add(row)
            db.add(Mention(officer_id=officer_id, ticket_id=row.id, author_id=colleague, read_at=None))
            for kind, detail in EVENT_DETAILS.items():
                actor = {"message": "contact:1", "rating_requested": "bot", "silence_warning": "scheduler"}
                detail = (
                    {**detail, "danger": DANGER_KINDS[index % len(DANGER_KINDS)]}
                    if kind == "danger"
                    else detail
                )
                db.add(
                    TicketEvent(
                        ticket_id=row.id,
                        actor=actor.get(kind, f"officer:{officer_id}"),
                        kind=kind,
                        detail=detail,
                    )
                )
            for status in ("pending", "held", "failed"):
                db.add(
                    Message(
                        conversation_id=row.conversation_id,
                        ticket_id=row.id,
                        direction="out",
                        channel=row.channel,
                        author=f"officer:{officer_id}",
                        text="Pesan dari petugas:\n*Baik*, kami bantu.",
                        status=status,
                    )
                )
            db.add(
                StaffNotice(
                    ticket_id=row.id, queue=row.queue, kind="urgent", text=tickets.urgent_notice_text(row)
                )
            )
            db.add(StaffNotice(ticket_id=row.id, queue=row.queue, kind="urgent_more", text="", count=3))
        refs.append(ticket.ref)
    with session_scope() as db:
        db.add(CannedAnswer(title="Salam", language="en", text="Halo, kami bantu."))
    return refs


def _pages(refs: list[str]) -> list[str]:
    pages = ["/console/", "/console/admin", "/console/reports", "/console/?country=taiwan"]
    pages += [f"/console/?view={view}" for view in ("mine", "unassigned", "all", "urgent")]
    pages += [f"/console/?status={status}" for status in tickets.STATUSES]
    pages += [f"/console/t/{ref}" for ref in refs]
    pages += ["/console/mentions", f"/console/t/{refs[0]}?unmentioned=@siapa"]
    pages += [
        f"/console/?status=any&week={week_of(utcnow())}&response={outcome}" for outcome in RESPONSE_OUTCOMES
    ]
    return pages


@pytest.fixture
def every_page(console):  # type: ignore[no-untyped-def]
    admin = add_officer("ani", role="admin", queues=tuple(get_config().queues))
    refs = _every_kind_of_ticket(admin)
    return console("ani"), _pages(refs), refs


def test_indonesian_console_shows_no_code_and_no_english_word(every_page) -> None:
    view, pages, refs = every_page
    problems = {}
    for path in pages:
        response = view.get(path)
        assert response.status_code == 200, path
        found = _problems(_visible_text(response.text))
        if found:
            problems[path] = found
    for ref in refs[:3]:
        with session_scope() as db:
            ticket = tickets.find_by_ref(db, ref)
            assert ticket is not None and ticket.id is not None
            first = db.exec(
                select(Message.id).where(Message.ticket_id == ticket.id).order_by(Message.id)
            ).first()
        live = view.get(f"/console/t/{ref}/live.json", params={"after": first}).json()["html"]
        if found := _problems(_visible_text(live)):
            problems[f"{ref} live"] = found
    notices = view.get("/console/notices.json", params={"after": 0}).json()["notices"]
    for notice in notices:
        if found := _problems(notice["text"]):
            problems[f"notice {notice['id']}"] = found
    assert notices and not problems, problems


def test_english_console_shows_no_code(every_page) -> None:
    """Codes made of English words ("urgent") are ordinary words in English: only compound codes count."""
    view, pages, _refs = every_page
    assert view.post("/console/language", {"language": "en", "next": "/console/"}).status_code == 303
    problems = {}
    for path in pages:
        text = _visible_text(view.get(path).text)
        raw = [problem for problem in _problems(text) if problem.startswith("raw key '") and "_" in problem]
        if raw:
            problems[path] = raw
    assert not problems, problems
    assert "Waiting for the reporter" in view.get("/console/?status=waiting_on_reporter").text


def test_default_queue_names_are_in_the_catalogs() -> None:
    with (ROOT / "bot" / "defaults" / "helpdesk.yaml").open() as fh:
        configured = {queue["label"] for queue in yaml.safe_load(fh)["queues"].values()}
    assert configured == set(labels.DEFAULT_QUEUE_LABELS)
