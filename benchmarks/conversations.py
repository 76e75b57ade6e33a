"""The bot end to end on the blind scripted conversations (``nlu/eval/conversations.yaml``, issue 11).

    python benchmarks/conversations.py                      # danger model as the environment says (on)
    python benchmarks/conversations.py --danger-model both  # on, then off, and what changed between them
    python benchmarks/conversations.py --show ID            # one conversation's transcript, turn by turn

Measurement, not a test: it prints figures per group and one line per failing conversation. Each conversation
gets a fresh SQLite database (a copy of one migrated and seeded file, as the tests do) and is run in-process
through ``bot.engine.handle`` on the console channel. Every scripted line is typed as text, never as a button
press: a line equal to a button's label is what a person types, and the bot reads it as that choice.

How the end state is judged:

- ``ticket``: a ticket of this chat with the category, the country (``worker_country``) and, for family
  reports, the relationship; a corrected field named in the script (``departure_date``, ``city``, ``agency``) must
  be in the ticket's intake (the date's month, the city or agency's words contained in what was stored). The
  scripts stop at the last field of the brief; when the bot then asks for evidence or shows its summary, the
  person types "lewati" and "Kirim" (at most three closing turns: the identity number, the evidence, the
  summary; listed as such), as anyone finishing would. Each message carries a profile name, as WhatsApp and
  Telegram send one.
- ``answer``: a knowledge-base answer was sent (a stored question with outcome ``answer`` or ``chosen``) on a
  topic that fits the script's ``topic`` (:data:`ANSWER_TOPICS`, chosen from the knowledge base's questions
  before any run), and no ticket was opened.
- ``status``: the status of the script's reference was shown. The scripts assume a report made earlier from
  another chat (each gives a PIN), so that ticket is created first on another contact, with the script's
  reference and its last 6-digit number as the PIN (the corrected one where a PIN is corrected).
- ``officer``: the chat is handed over to an officer at the end.

A question is a bot turn that waits for an answer: the privacy notice, a form field (a re-ask counts again), "which
did you mean", "whose problem is it", a report offer, a reference or PIN request, the danger flow's "where are
you" and "are you safe". A form's summary (a confirmation, not a new fact) and the menu are not counted. Asked
again: a fact of ``already_told`` whose form field (:data:`FACT_FIELDS`), reference or PIN request, or "whose
problem is it" (the relationship) the bot asked for.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from app import wiring  # noqa: E402
from bot import config, db, keys, tickets  # noqa: E402
from bot.clock import utcnow  # noqa: E402
from bot.db import session_scope  # noqa: E402
from bot.engine import handle  # noqa: E402
from bot.messages import Inbound  # noqa: E402
from bot.models import Contact, Conversation, FaqQuestion, Ticket  # noqa: E402
from bot.tickets import NewTicket  # noqa: E402
from faq import store  # noqa: E402

CASES = ROOT / "nlu" / "eval" / "conversations.yaml"
CHANNEL = "console"
GROUPS = ("worker reports", "family reports", "questions", "status", "officer", "question-to-report")

#: Knowledge-base topics that answer each script's ``topic`` (the knowledge base has no entry with the number
#: of the embassy in Kuala Lumpur: the two entries that say how to reach the Indonesian representation count).
ANSWER_TOPICS: dict[str, frozenset[str]] = {
    "placement costs for caregivers going to Taiwan": frozenset({"biaya-penempatan", "jabatan-bebas-biaya"}),
    "what a worker can do about unpaid wages in Malaysia": frozenset({"gaji-tidak-dibayar"}),
    "BPJS Ketenagakerjaan benefits for migrant workers": frozenset(
        {"bpjs-kepesertaan", "bpjs-kecelakaan-kerja", "bpjs-santunan-kematian", "bpjs-manfaat-khusus"}
    ),
    "how to check that a recruitment agency is licensed": frozenset({"cek-izin-p3mi"}),
    "placement cost waiver for domestic workers": frozenset({"jabatan-bebas-biaya", "biaya-penempatan"}),
    "contacting the Indonesian embassy in Kuala Lumpur": frozenset(
        {"lapor-diri-perwakilan", "nomor-darurat"}
    ),
    "requirements for the Korea EPS (G to G) programme": frozenset({"g2g-korea-eps", "program-g2g"}),
    "documents needed to work in Japan": frozenset({"dokumen-calon-pmi", "syarat-calon-pmi"}),
    # the development set's (nlu/corpus/conversations-dev.yaml)
    "biaya penempatan": frozenset({"biaya-penempatan", "jabatan-bebas-biaya"}),
    "cek agensi resmi": frozenset({"cek-izin-p3mi"}),
    "bpjs": frozenset(
        {"bpjs-kepesertaan", "bpjs-kecelakaan-kerja", "bpjs-manfaat-khusus", "bpjs-cara-klaim"}
    ),
    "syarat kerja ke korea": frozenset({"g2g-korea-eps", "program-g2g", "syarat-calon-pmi"}),
    "kontak kbri": frozenset({"lapor-diri-perwakilan", "nomor-darurat"}),
    "perpanjang kontrak": frozenset({"perpanjang-kontrak", "habis-kontrak"}),
    "biaya magang jepang": frozenset({"biaya-penempatan", "pelatihan-kerja", "jalur-penempatan"}),
    "dokumen syarat kerja ke hongkong": frozenset({"dokumen-calon-pmi", "syarat-calon-pmi"}),
}

#: The form field each fact of ``already_told`` is asked by, per form: the family form asks the worker's facts
#: as the worker's own form does, and whose problem it is.
_CASE_FACTS = {
    "country": "country",
    "city": "city",
    "employer": "employer",
    "agency": "agency",
    "departure_date": "departure_date",
    "category": "category",
    "description": "what_happened",
    "safe_now": "safe_now",
    "desired_outcome": "desired_outcome",
}
FACT_FIELDS: dict[str, dict[str, str]] = {
    "complaint": {"name": "worker_name", **_CASE_FACTS},
    "family": {"relationship": "relationship", "worker_name": "worker_name", **_CASE_FACTS},
}
STATE_FACTS = {"status_ref": "reference", "status_pin": "pin", "report_whose": "relationship"}
NOT_ASKING = frozenset({"new", "menu", "status_shown", "handoff"})
#: What a person whose script has ended types to the optional questions after the brief's last field (the
#: identity number, evidence) and to the summary.
CLOSING = {"identity": "lewati", "evidence": "lewati", "_confirm": "Kirim"}
#: The profile name a messaging channel gives with each message (WhatsApp's ProfileName, Telegram's first name).
PROFILE_NAME = "Ani"


@dataclass
class Script:
    id: str
    who: str
    messages: list[str]
    end: dict[str, Any]
    already_told: list[str]
    max_questions: int

    @property
    def group(self) -> str:
        kind = self.end["kind"]
        if kind == "answer":
            return "questions"
        if kind in ("status", "officer"):
            return kind
        if self.id.startswith("question-then-report"):
            return "question-to-report"
        return "worker reports" if self.who == "worker" else "family reports"


@dataclass
class Step:
    """One turn: what the person typed and what the bot did."""

    typed: str
    replies: list[str]
    state: str
    asked: str | None  # what the bot waits for after this turn (a field, "consent", ...), None if nothing
    closing: bool = False


@dataclass
class Result:
    script: Script
    steps: list[Step] = field(default_factory=list)
    ended_right: bool = False
    reason: str = ""
    asked_again: set[str] = field(default_factory=set)
    urgent: bool = False  # an urgent (danger) ticket was opened: none of the scripts is a present danger

    @property
    def questions(self) -> int:
        return sum(1 for step in self.steps if step.asked not in (None, "summary"))


def load_scripts(path: Path = CASES) -> list[Script]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    return [
        Script(c["id"], c["who"], c["messages"], c["must_end_in"], c["already_told"], c["max_questions"])
        for c in raw
    ]


def make_template(directory: Path) -> Path:
    """One migrated database with the shipped knowledge base and the queues, copied for each conversation."""

    path = directory / "template.db"
    use_database(f"sqlite:///{path}")
    db.upgrade()
    store.seed_if_empty()
    db.sync_queues(config.get_config())
    db.get_engine().dispose()
    return path


def use_database(url: str) -> None:

    os.environ["DATABASE_URL"] = url
    for cached in (config.get_settings, config.get_config, db.get_engine, keys.secret_key, keys.data_keys):
        cached.cache_clear()


def seed_earlier_report(reference: str, pin: str) -> int:
    """The report a status script asks about, made earlier from another chat; returns its id."""

    with session_scope() as session:
        contact = Contact(channel=CHANNEL, external_id="earlier-phone", consent_at=utcnow())
        session.add(contact)
        session.flush()
        assert contact.id is not None
        conversation = Conversation(channel=CHANNEL, chat_id="earlier-phone", contact_id=contact.id)
        session.add(conversation)
        session.flush()
        new = NewTicket(category="unpaid_wages", description="Gaji tidak dibayar.", country="TW")
        ticket, _pin = tickets.open_ticket(
            session, contact=contact, conversation=conversation, new=new, actor="bot"
        )
        ticket.ref = reference
        ticket.pin_hash = tickets._pin_hash(reference, pin)  # the script's PIN, not the random one
        session.add(ticket)
        session.flush()
        assert ticket.id is not None
        return ticket.id


def last_pin(messages: list[str]) -> str:
    found = [pin for message in messages for pin in re.findall(r"\b\d{6}\b", message)]
    return found[-1]


def snapshot(chat: str) -> tuple[str, dict[str, Any]]:

    with session_scope() as session:
        row = session.exec(select(Conversation).where(Conversation.chat_id == chat)).one()
        return row.state, dict(row.data or {})


def waiting_for(state: str, data: dict[str, Any], buttons: list[str]) -> str | None:
    """What the bot waits for after a turn (see the module's docstring), or None."""
    if any(value.startswith("faq:") for value in buttons):
        return "faq_suggestion"
    if state in NOT_ASKING:
        return None
    if state == "form":
        form = data.get("form") or {}
        if form.get("guess"):
            return f"{form['cursor']}?"
        return "summary" if form.get("cursor") == "_confirm" else form.get("cursor")
    return state


def run(script: Script, template: Path, directory: Path) -> Result:

    path = directory / f"{script.id}.db"
    shutil.copy(template, path)
    use_database(f"sqlite:///{path}")
    seeded = None
    if script.end["kind"] == "status":
        seeded = seed_earlier_report(script.end["reference"], last_pin(script.messages))
    result = Result(script)
    status_shown = False

    def send(text: str, closing: bool) -> None:
        nonlocal status_shown
        inbound = Inbound(
            channel=CHANNEL,
            chat_id="person",
            user_id="person",
            text=text,
            display_name=PROFILE_NAME,
            channel_message_id=f"m{len(result.steps)}",
        )
        replies = handle(inbound)
        state, data = snapshot("person")
        asked = waiting_for(state, data, [button.value for reply in replies for button in reply.buttons])
        form_name = (data.get("form") or {}).get("name", "")
        fact = FACT_FIELDS.get(form_name, {}).get(asked or "") or STATE_FACTS.get(state)
        if fact in script.already_told:
            result.asked_again.add(fact)
        status_shown = status_shown or (seeded is not None and data.get("status_ticket") == seeded)
        result.steps.append(Step(text, [reply.text for reply in replies], state, asked, closing))

    for text in script.messages:
        send(text, closing=False)
    for _ in CLOSING:
        prompt = _closing(result)
        if prompt is None:
            break
        send(CLOSING[prompt], closing=True)
    result.ended_right, result.reason = judge(script, result, status_shown)
    db.get_engine().dispose()
    return result


def _closing(result: Result) -> str | None:
    """The closing prompt the bot is at after the last turn (identity, evidence or summary), if any."""
    last = result.steps[-1]
    cursor = "_confirm" if last.asked == "summary" else last.asked
    return cursor if cursor in CLOSING and last.state == "form" else None


def judge(script: Script, result: Result, status_shown: bool) -> tuple[bool, str]:
    """Whether the conversation ended where its script must, and if not, what the bot did instead."""

    end = script.end
    with session_scope() as session:
        conversation = session.exec(select(Conversation).where(Conversation.chat_id == "person")).one()
        own = list(session.exec(select(Ticket).where(Ticket.contact_id == conversation.contact_id)))
        result.urgent = any(ticket.urgent for ticket in own)
        answered = list(
            session.exec(select(FaqQuestion).where(FaqQuestion.contact_id == conversation.contact_id))
        )
        handoff = conversation.handoff_ticket_id
        made = ", ".join(_describe_ticket(t) for t in own) or "no ticket"
        if end["kind"] == "ticket":
            fitting = [t for t in own if _ticket_fits(t, end, script.who)]
            if fitting:  # an urgent ticket fits too, but the report form was never filled: said in the output
                return True, "urgent danger ticket, no report form" if all(t.urgent for t in fitting) else ""
            return False, f"{made}; {_where(result)}"
        if end["kind"] == "answer":
            topics = ANSWER_TOPICS[end["topic"]]
            good = [q for q in answered if q.outcome in ("answer", "chosen") and q.topic_id in topics]
            given = ", ".join(f"{q.outcome}:{q.topic_id or '-'}" for q in answered) or "no FAQ lookup"
            if good and not own:
                return True, ""
            return False, f"FAQ {given}; {made}; {_where(result)}"
        if end["kind"] == "status":
            return (True, "") if status_shown else (False, f"status not shown; {_where(result)}")
        assert end["kind"] == "officer"
        return (True, "") if handoff is not None else (False, f"not handed over; {made}; {_where(result)}")


def _ticket_fits(ticket: Any, end: dict[str, Any], who: str) -> bool:
    if ticket.category != end["category"] or ticket.worker_country != end["country"]:
        return False
    if who == "family" and ticket.reporter_relationship != end.get("relationship"):
        return False
    intake = ticket.intake or {}
    if "departure_date" in end:
        stored = (intake.get("departure_date") or {}).get("date", "")
        if not stored.startswith(end["departure_date"]):
            return False
    for name in ("city", "agency"):
        if name in end and _words(end[name]) not in _words(str(intake.get(name) or "")):
            return False
    return True


def _words(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _describe_ticket(ticket: Any) -> str:
    urgent = " URGENT" if ticket.urgent else ""
    return f"ticket {ticket.category}/{ticket.worker_country or '-'}/{ticket.reporter_relationship}{urgent}"


def _where(result: Result) -> str:
    """The questions the bot asked, in order (closing turns marked +), and where it stood at the end."""
    asked = [
        ("+" if step.closing else "") + (step.asked or ("menu" if step.state == "menu" else step.state))
        for step in result.steps
    ]
    return "turns: " + " > ".join(asked)


def report(results: list[Result], title: str, seconds: float) -> None:
    print(f"\n== {title}: {len(results)} conversations in {seconds:.1f} s")
    print(
        f"{'group':<20} {'n':>3} {'ended right':>12} {'within max_q':>13} {'asked again':>12} {'all three':>10}"
    )
    for group in (*GROUPS, "all"):
        chosen = [r for r in results if group in ("all", r.script.group)]
        right = sum(r.ended_right for r in chosen)
        within = sum(r.questions <= r.script.max_questions for r in chosen)
        again = sum(len(r.asked_again) for r in chosen)
        told = sum(len(r.script.already_told) for r in chosen)
        perfect = sum(
            r.ended_right and r.questions <= r.script.max_questions and not r.asked_again for r in chosen
        )
        print(f"{group:<20} {len(chosen):>3} {right:>12} {within:>13} {again:>6} of {told:<4} {perfect:>10}")
    print(
        "asked again: facts of already_told asked for (of all told); all three: ended right, within, none asked"
    )
    print("failing:")
    for r in results:
        if not r.ended_right:
            print(f"  {r.script.id} [{r.questions}/{r.script.max_questions} q]: {r.reason}")
    print("ended right, but over max_questions, asking again, or through the danger path:")
    for r in results:
        if r.ended_right and (r.questions > r.script.max_questions or r.asked_again or r.reason):
            again = ", ".join(sorted(r.asked_again)) or "-"
            note = f"; {r.reason}" if r.reason else ""
            print(
                f"  {r.script.id}: {r.questions}/{r.script.max_questions} questions, asked again: {again}{note}"
            )
    urgent = sum(r.urgent for r in results)
    print(
        f"urgent danger tickets opened: {urgent} of {len(results)} conversations (no script is a present danger)"
    )
    reports = [r for r in results if r.script.end["kind"] == "ticket"]
    by_form = sum(r.ended_right and not r.reason for r in reports)
    print(f"right tickets from a filled report form: {by_form} of {len(reports)}")
    causes = Counter(f for r in results for f in r.asked_again)
    print("facts asked again:", ", ".join(f"{f} {n}" for f, n in causes.most_common()) or "none")


def run_all(scripts: list[Script], directory: Path, template: Path) -> tuple[list[Result], float]:
    started = time.perf_counter()
    results = [run(script, template, directory) for script in scripts]
    return results, time.perf_counter() - started


def show(result: Result) -> None:
    print(f"{result.script.id}: {'ended right' if result.ended_right else result.reason}")
    for step in result.steps:
        print(f"> {'(closing) ' if step.closing else ''}{step.typed}")
        for reply in step.replies:
            print("    " + reply.replace("\n", "\n    "))
        print(f"    [state {step.state}, waiting for {step.asked}]")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--danger-model", choices=("env", "on", "off", "both"), default="env")
    parser.add_argument("--show", metavar="ID", help="print one conversation's transcript")
    parser.add_argument(
        "--cases", type=Path, default=CASES, help="a conversation file (default: the blind evaluation set)"
    )
    args = parser.parse_args()
    wiring.install()
    directory = Path(tempfile.mkdtemp(prefix="conversations-"))
    os.environ.setdefault("SECRET_KEY", "benchmark")
    os.environ["DATA_DIR"] = str(directory / "data")
    scripts = load_scripts(args.cases)
    if args.show:
        scripts = [s for s in scripts if s.id == args.show]
    started = time.perf_counter()
    template = make_template(directory)
    print(f"template database: {time.perf_counter() - started:.1f} s")
    settings = (
        ["env"]
        if args.danger_model == "env"
        else ["on", "off"]
        if args.danger_model == "both"
        else [args.danger_model]
    )
    runs: dict[str, list[Result]] = {}
    for setting in settings:
        if setting != "env":
            os.environ["DANGER_MODEL"] = setting
        results, seconds = run_all(scripts, directory, template)
        runs[setting] = results
        if args.show:
            show(results[0])
        else:
            report(results, f"DANGER_MODEL={os.environ.get('DANGER_MODEL', 'on (default)')}", seconds)
    if len(runs) == 2 and not args.show:
        changed = [
            (on.script.id, on.ended_right, off.ended_right, on.questions, off.questions)
            for on, off in zip(runs["on"], runs["off"], strict=True)
            if (on.ended_right, on.questions, on.asked_again)
            != (off.ended_right, off.questions, off.asked_again)
        ]
        print("\nchanged by the danger model (id: ended right on/off, questions on/off):")
        for cid, right_on, right_off, q_on, q_off in changed:
            print(f"  {cid}: {right_on}/{right_off}, {q_on}/{q_off}")
        if not changed:
            print("  none")
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
