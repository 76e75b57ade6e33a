"""Acting on what a message says (:func:`handlers.reading.read`): answer the question, show the status, or
start the right report with what the message already told, so nothing said is lost or asked again.

Questions and status checks need no consent: answering them is the help desk's public-service task (UU PDP
art. 20(2)), and each answered question records that basis (:class:`bot.models.FaqQuestion`). A report
collects personal data, so it waits for consent, kept in the conversation (``start.PENDING``) meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from bot import forms
from bot.forms import Form
from bot.i18n import _
from bot.turn import Turn
from handlers import complaint, family, questions, start, status
from handlers.labels import CATEGORY_LABELS
from handlers.reading import FAMILY_REPORT, MENU, OTHER, QUESTION, REPORT, SELF_REPORT, STATUS, Reading, read
from nlu import commands
from nlu.names import bare_name
from nlu.parsing import parse_country

OFFER_YES, OFFER_NO = "offer_yes", "offer_no"
WHOSE = "whose"  # a pending action: ask whose problem the report is about, once consent is given
REPORT_FORMS: dict[str, Form] = {start.MENU_REPORT: complaint.FORM, start.MENU_FAMILY: family.FORM}
#: Typed answers to "whose problem is it?" that mean the writer's own (a family answer reads as a family report).
MYSELF_WORDS = frozenset(
    {"saya", "sy", "aku", "sendiri", "saya sendiri", "diri sendiri", "myself", "me", "mine"}
)


def before_consent(turn: Turn) -> None:
    """A message from someone who has not accepted the privacy notice (and is not answering it): a new person
    is greeted; a question is answered at once; a report is kept and consent asked; a first "halo" gets the
    notice."""
    first = turn.state == "new"
    if first:
        start.greet(turn)
    reading = read(turn.text, turn.session, turn.understanding)
    if first and reading.kind == OTHER:
        start.ask_consent(turn)
        return
    pending = turn.data.get(start.PENDING)
    if pending and (turn.says(commands.CANCEL) or turn.says(commands.BACK)):  # the report is not wanted now
        turn.data.pop(start.PENDING)
        turn.goto("menu")
        turn.say(_("Baik, laporannya tidak kami lanjutkan. Anda tetap bisa bertanya apa saja."))
        return
    if turn.state == "consent" and pending and reading.kind == OTHER:  # a report waits: ask again, briefly
        start.ask_consent(turn, pending)
        return
    if turn.state in ("new", "consent"):
        turn.goto("menu")
    act(turn, reading, confirmed=True)


def on_message(turn: Turn) -> None:
    """Free text at the menu."""
    act(turn, read(turn.text, turn.session, turn.understanding), confirmed=False)


def act(turn: Turn, reading: Reading, *, confirmed: bool) -> None:
    """Do what ``reading`` asks. A report the person has ``confirmed`` (by answering the privacy notice
    with it) starts at once; otherwise a message naming a problem is offered a report first, since it may
    be a question in disguise."""
    if not turn.text:
        turn.say(_("Pesan Anda kami terima. Silakan ketik pertanyaan Anda, atau pilih dari menu."))
        return
    if reading.kind == STATUS:
        assert reading.reference is not None
        status.look_up(turn, reading.reference, reading.pin)
    elif reading.kind == MENU:
        from handlers.router import MENU_ACTIONS  # the menu's actions are the router's table

        MENU_ACTIONS[reading.menu or ""](turn)
    elif reading.kind == REPORT:
        if start.ask_consent(
            turn, {"action": WHOSE, "fields": reading.fields, "messages": [turn.message_id]}
        ):
            ask_whose(turn, reading.fields)
    elif reading.kind in (SELF_REPORT, FAMILY_REPORT):
        action = start.MENU_FAMILY if reading.kind == FAMILY_REPORT else start.MENU_REPORT
        if confirmed or reading.wish or "category" not in reading.fields:
            start_report(turn, action, reading.fields, [turn.message_id])
        else:
            _offer(turn, action, reading.fields)
    else:
        assert reading.kind in (QUESTION, OTHER)
        questions.answer_question(turn, turn.text, reading.faq)


def start_report(
    turn: Turn, action: str, fields: dict[str, str] | None = None, earlier: list[int] | None = None
) -> None:
    """Open the report form for ``action`` (``MENU_REPORT`` or ``MENU_FAMILY``) with what is already known,
    once consent is there; the rest is asked in the form's order, the order people tell a report in."""
    fields = dict(fields or {})
    if not start.ask_consent(turn, {"action": action, "fields": fields, "messages": list(earlier or [])}):
        return
    form = REPORT_FORMS[action]
    names = {field.name for field in form.fields}
    prefill = {name: value for name, value in fields.items() if name in names and value}
    profile = family.reporter(turn) if action == start.MENU_FAMILY else {}  # the channel's profile name
    forms.start(turn, form, prefill, earlier, profile=profile)


def after_consent(turn: Turn) -> None:
    """Consent was just given: do what waited for it, or show the menu."""
    pending = turn.data.pop(start.PENDING, None)
    if not pending:
        start.menu(turn)
        return
    action = pending.get("action", "")
    if action == WHOSE:
        ask_whose(turn, pending.get("fields") or {}, pending.get("messages"))
        return
    if action in REPORT_FORMS:
        start_report(turn, action, pending.get("fields"), pending.get("messages"))
        return
    from handlers.router import MENU_ACTIONS

    MENU_ACTIONS.get(action, start.menu)(turn)


def needs_consent(action: str, run: Callable[[Turn], None]) -> Callable[[Turn], None]:
    """``run`` (a menu action that collects personal data, e.g. handing the chat to an officer) once consent
    is given, kept as ``action`` until then."""

    def gated(turn: Turn) -> None:
        if start.ask_consent(turn, {"action": action}):
            run(turn)

    return gated


def ask_whose(turn: Turn, fields: dict[str, str], messages: list[int] | None = None) -> None:
    """ "lapor" alone: ask whose problem it is, so a family member following our advice ("ketik *lapor*")
    reaches the family form."""
    turn.data["whose"] = {"fields": fields, "messages": messages or [turn.message_id]}
    turn.goto("report_whose")
    turn.say(
        _("Laporan ini tentang masalah siapa?"),
        [
            (_("Masalah saya sendiri"), start.MENU_REPORT),
            (_("Masalah anggota keluarga saya"), start.MENU_FAMILY),
        ],
    )


def on_whose(turn: Turn) -> None:
    known = turn.data.pop("whose", None) or {}
    fields, earlier = dict(known.get("fields") or {}), known.get("messages")
    turn.goto("menu")
    reading = read(turn.text, turn.session, turn.understanding) if turn.choice is None else None
    if turn.choice in REPORT_FORMS:
        start_report(turn, turn.choice, fields, earlier)
    elif reading is not None and (reading.kind == FAMILY_REPORT or "relationship" in reading.fields):
        start_report(
            turn, start.MENU_FAMILY, {**fields, **reading.fields}, [*(earlier or []), turn.message_id]
        )
    elif turn.says(MYSELF_WORDS):
        start_report(turn, start.MENU_REPORT, fields, earlier)
    elif reading is not None and (name := _introduces_themselves(turn.text)) is not None:
        # a name where "whose problem?" was asked: the writer's own report, begun with their name
        start_report(turn, start.MENU_REPORT, {**fields, "name": name}, [*(earlier or []), turn.message_id])
    else:
        from handlers.router import dispatch_state  # something else instead of an answer: take it as it is

        dispatch_state(turn)


def _introduces_themselves(text: str) -> str | None:
    """A bare capitalised name ("Rosmini binti Darto"), as the first answer of a worker's own report."""
    name = bare_name(text)
    return name if name is not None and parse_country(name) is None else None


def to_family_form(turn: Turn, reading: Reading) -> bool:
    """A family member who landed in the worker's own form says so (``reading`` of their answer): the report
    moves to the family form with what was already known."""
    state = forms.saved(turn)
    if state is None or state["name"] != complaint.FORM.name or reading.kind != FAMILY_REPORT:
        return False
    turn.data.pop("form")
    known = {name: value for name, value in state["values"].items() if not complaint.FORM.field(name).secret}
    fields = {**known, **reading.fields}
    turn.say(_("Baik, ini laporan tentang anggota keluarga Anda."))
    start_report(turn, start.MENU_FAMILY, fields, [*state.get("messages", []), turn.message_id])
    return True


def _offer(turn: Turn, action: str, fields: dict[str, str]) -> None:
    turn.data["offer"] = {"action": action, "fields": fields, "message": turn.message_id, "text": turn.text}
    turn.goto("offer_report")
    category = _(CATEGORY_LABELS[fields["category"]])
    if action == start.MENU_FAMILY:
        text = _(
            "Sepertinya keluarga Anda mengalami masalah: {category}. Mau kami buatkan laporan sekarang? Petugas "
            "akan menanganinya."
        )
    else:
        text = _(
            "Sepertinya Anda mengalami masalah: {category}. Mau kami buatkan laporan sekarang? Petugas akan "
            "menanganinya."
        )
    turn.say(
        text.format(category=category),
        [(_("Ya, buat laporan"), OFFER_YES), (_("Tidak, saya hanya bertanya"), OFFER_NO)],
    )


def on_offer(turn: Turn) -> None:
    offer = turn.data.pop("offer", None) or {}
    turn.goto("menu")
    agrees = turn.choice is None and (turn.says(commands.YES) or start.consent_in_words(turn) is True)
    if turn.choice == OFFER_YES or agrees:
        message = offer.get("message")
        start_report(
            turn, offer.get("action", start.MENU_REPORT), offer.get("fields"), [message] if message else None
        )
    elif turn.choice == OFFER_NO or turn.says(commands.NO):
        questions.answer_question(turn, offer.get("text") or turn.text)
    else:
        on_message(turn)
