"""Which flow answers a message. The order matters and is the help desk's policy:

0. a contact over the flood limit gets at most a "slow down" notice a minute (danger still goes through);
1. danger (the reader in :mod:`nlu.danger`) opens an urgent ticket at once, in any state, even before consent,
   and in a message over the size limit (any other such message is refused kindly); the answer to a form
   question is read as one (:func:`nlu.danger.as_answer`: a past chronology or a short answer does not
   interrupt the form, present danger and suicidal words do);
2. a form left too long is dropped with a gentle note;
3. "menu" works everywhere (and leaves an officer chat); a button of an earlier message is answered as such;
4. while an officer holds the chat, messages go to the ticket ("batal" leaves);
5. before the privacy notice is accepted, questions, status checks and the menu work (public-service basis,
   UU PDP art. 20(2)); a report waits for consent, kept in the conversation, and starts when it is given
   (handlers.listening);
6. outside a form, after consent, "minta data saya" / "hapus data saya" are privacy requests
   (handlers.privacy), and "berlangganan ..." / "berhenti" subscribe to or stop alerts (handlers.alerts);
7. "batal"/"kembali" outside a form go back to the menu; otherwise the current state's handler answers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot import flood, forms
from bot.forms import Form
from bot.i18n import _
from bot.turn import Turn
from handlers import (
    agency,
    alerts,
    complaint,
    danger,
    family,
    job_offer,
    listening,
    officer,
    privacy,
    questions,
    rating,
    start,
    status,
)
from handlers.reading import read
from nlu import commands
from nlu.danger import as_answer

FORMS: dict[str, Form] = {form.name: form for form in (complaint.FORM, family.FORM)}
RETURNING_AFTER = timedelta(hours=1)


def on_menu(turn: Turn) -> None:
    choice = turn.choice
    if choice is not None and choice.startswith(("faq:", "faq_")):
        questions.on_faq_choice(turn, choice)
        return
    action = MENU_ACTIONS.get(choice or "")
    if action is not None:
        action(turn)
    elif not (job_offer.asked(turn) or agency.asked(turn)):
        listening.on_message(turn)


def on_form(turn: Turn) -> None:
    state = forms.saved(turn)
    if state is None or state["name"] not in FORMS:
        start.menu(turn)
        return
    # a family member in the worker's own form says so at its name question ("sy ibunya, bkn sy yg kerja")
    if (
        turn.choice is None
        and state["cursor"] == "name"
        and listening.to_family_form(turn, read(turn.text, turn.session, turn.understanding))
    ):
        return
    last = turn.conversation.last_inbound_at
    returning = last is not None and turn.now - last > RETURNING_AFTER
    forms.handle(turn, FORMS[state["name"]], returning=returning)


def resume_form(turn: Turn) -> None:
    state = forms.saved(turn)
    if state is None or state["name"] not in FORMS:
        start.menu(turn, _("Tidak ada laporan yang belum selesai."))
        return
    forms.resume(turn, FORMS[state["name"]])


def answer_stale_button(turn: Turn) -> None:
    """A press on a button of an earlier message (an old summary's "Kirim"): never run, never read as text;
    what is asked now is asked again."""
    turn.say(_("Tombol itu dari pesan lama, jadi tidak kami jalankan."))
    state = forms.saved(turn)
    offered = turn.data.get("buttons") or []
    if turn.state == "form" and state is not None and state["name"] in FORMS:
        forms.ask_again(turn, FORMS[state["name"]])
    elif offered:
        turn.say(_("Silakan pilih dari pilihan terbaru ini:"), [(label, value) for label, value in offered])
    else:
        start.menu(turn)


def ask_question(turn: Turn) -> None:
    turn.say(_("Silakan ketik pertanyaan Anda. Contoh: berapa biaya kerja ke Taiwan?"))


MENU_ACTIONS: dict[str, Callable[[Turn], None]] = {
    start.MENU_FAQ: ask_question,
    start.MENU_REPORT: lambda turn: listening.start_report(turn, start.MENU_REPORT),
    start.MENU_FAMILY: lambda turn: listening.start_report(turn, start.MENU_FAMILY),
    start.MENU_STATUS: status.start,
    start.MENU_OFFICER: officer.talk_to_officer,
    start.MENU_LANGUAGE: start.choose_language,
    start.MENU_RESUME: resume_form,
    agency.REPORT: listening.needs_consent(agency.REPORT, agency.start_report),
    job_offer.REPORT: listening.needs_consent(job_offer.REPORT, job_offer.start_report),
}

STATES: dict[str, Callable[[Turn], None]] = {
    "new": listening.before_consent,
    "consent": lambda turn: on_consent(turn),
    "menu": on_menu,
    "language": start.on_language,
    "form": on_form,
    "offer_report": listening.on_offer,
    "report_whose": listening.on_whose,
    "status_ref": status.on_ref,
    "status_pin": status.on_pin,
    "status_shown": status.on_shown,
    "status_add": status.on_add,
    "danger_location": danger.on_location,
    "danger_safe": danger.on_safe,
    "rating": rating.on_rating,
    "rating_comment": rating.on_comment,
    agency.STATE: agency.on_name,
    job_offer.STATE: job_offer.on_message,
    alerts.STATE: alerts.on_country,
}
DANGER_STATES = ("danger_location", "danger_safe")


def on_consent(turn: Turn) -> None:
    if start.on_consent(turn):
        listening.after_consent(turn)


def dispatch_state(turn: Turn) -> None:
    STATES.get(turn.state, on_menu)(turn)


def respond(turn: Turn) -> None:
    if flood.held_back(turn):
        return
    held = officer.held_ticket(turn) if turn.conversation.handoff_ticket_id else None
    form = forms.saved(turn) if turn.state == "form" else None
    # an answer to a form question needs stronger evidence than a first message (past chronology, short answers)
    alarm = as_answer(turn.danger, turn.text, form["cursor"] if form else None)
    if turn.state in DANGER_STATES or (held is not None and held.urgent):
        alarm = None  # already handled as an emergency: the words go to the danger flow or the officer
    elif alarm is not None and job_offer.pasted_offer_alarm(
        turn.text, alarm.kind, turn.config.placement.scam_countries
    ):
        alarm = (
            None  # an advertisement's own words ("paspor dipegang agen"): checked as an offer, report offered
        )
    if len(turn.inbound.text) > turn.config.conversation.max_inbound_chars:
        if alarm is not None:  # a long cry for help is still a cry for help: no "please write shorter" first
            danger.raise_alarm(turn, alarm)
            return
        turn.say(
            _(
                "Pesan Anda terlalu panjang (lebih dari {n} huruf). Mohon kirim dalam beberapa pesan yang lebih "
                "pendek."
            ).format(n=turn.config.conversation.max_inbound_chars)
        )
        return
    if forms.expired(turn, turn.config.conversation.form_expiry_hours):
        turn.data.pop("form", None)
        turn.say(
            _(
                "Laporan yang belum selesai sudah kami hapus karena lama tidak dilanjutkan. Tidak apa-apa, "
                "Anda bisa mulai lagi kapan saja."
            )
        )
        if turn.state == "form":
            turn.goto("menu")
    if alarm is not None:
        danger.raise_alarm(turn, alarm)
        return
    if _is_menu_command(turn):
        officer.release(turn)
        if turn.contact.consent_at is None and not turn.data.get(start.NOTICE_SHOWN):
            start.welcome(turn)
        else:
            start.menu(turn)
        return
    if turn.stale_button:
        answer_stale_button(turn)
        return
    if turn.contact.consent_at is None and start.answers_consent(turn):
        on_consent(turn)
        if held is not None and turn.contact.consent_at is not None:
            officer.hand_over(turn, held)
        return
    if held is not None:
        if turn.says(commands.CANCEL):
            officer.release(turn)
            start.menu(
                turn,
                _(
                    "Anda kembali ke layanan otomatis. Laporan {ref} tetap terbuka dan jawaban petugas "
                    "tetap dikirim ke sini."
                ).format(ref=held.ref),
            )
        else:
            officer.on_message(turn, held)
            danger.privacy_notice_after_reply(turn, held)
        return
    if turn.contact.consent_at is None and turn.state in ("new", "consent"):
        listening.before_consent(turn)
        return
    consented = turn.contact.consent_at is not None  # both open a ticket or keep data: they need consent
    outside = turn.state not in ("form", *DANGER_STATES)
    if consented and outside and (privacy.requested(turn) or alerts.requested(turn)):
        return
    if turn.state not in ("form", *DANGER_STATES) and (
        turn.says(commands.CANCEL) or turn.says(commands.BACK)
    ):
        if forms.saved(turn) and turn.says(commands.CANCEL):
            forms.cancel(turn)
        start.menu(turn)
        return
    dispatch_state(turn)


def _is_menu_command(turn: Turn) -> bool:
    folded = turn.folded
    return turn.choice == "menu" or turn.says(commands.MENU) or folded.startswith("/start ")
