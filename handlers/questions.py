"""Free-text questions answered from the FAQ knowledge base, with "did you mean" and honest "I don't know".

Every question is stored (:class:`FaqQuestion`) so the knowledge-base editors see what people ask and which
answers did not help.
"""

from __future__ import annotations

from bot.i18n import _, current_language
from bot.models import FaqQuestion
from bot.turn import Turn
from faq.service import get_faq_service
from handlers import complaint
from handlers.labels import CATEGORY_LABELS
from handlers.start import MENU_OFFICER, MENU_REPORT, menu
from nlu import commands
from nlu.category import detect_category

HELPFUL, NOT_HELPFUL, NONE_OF_THESE = "faq_yes", "faq_no", "faq_none"
TOPIC_PREFIX = "faq:"
OFFER_YES, OFFER_NO = "offer_yes", "offer_no"


def on_free_text(turn: Turn) -> None:
    """Something typed at the menu: a complaint gets a report offered, anything else is a question."""
    if not turn.text:
        turn.say(_("Pesan Anda kami terima. Silakan ketik pertanyaan Anda, atau pilih dari menu."))
        return
    category = detect_category(turn.text)
    if category is not None:
        turn.data["offer"] = {"category": category, "text": turn.text[:2000], "message": turn.message_id}
        turn.goto("offer_report")
        turn.say(
            _(
                "Sepertinya Anda mengalami masalah: {category}. Mau kami buatkan laporan sekarang? Petugas akan "
                "menanganinya."
            ).format(category=_(CATEGORY_LABELS[category])),
            [(_("Ya, buat laporan"), OFFER_YES), (_("Tidak, saya hanya bertanya"), OFFER_NO)],
        )
        return
    answer_question(turn, turn.text)


def on_offer(turn: Turn) -> None:
    offer = turn.data.pop("offer", None) or {}
    turn.goto("menu")
    if turn.choice == OFFER_YES or (turn.choice is None and _says_yes(turn)):
        complaint.start(
            turn,
            {"category": offer.get("category"), "description": offer.get("text")},
            earlier=[offer["message"]] if offer.get("message") else None,
        )
    elif turn.choice == OFFER_NO or _says_no(turn):
        answer_question(turn, offer.get("text") or turn.text)
    else:
        on_free_text(turn)


def _says_yes(turn: Turn) -> bool:
    return turn.says(commands.YES)


def _says_no(turn: Turn) -> bool:
    return turn.says(commands.NO)


def answer_question(turn: Turn, text: str) -> None:
    service = get_faq_service()
    result = service.match(text, turn.session)
    assert turn.contact.id is not None
    logged = FaqQuestion(
        contact_id=turn.contact.id,
        text=text[:2000],
        topic_id=result.id,
        score=result.score,
        outcome=result.outcome,
    )
    turn.session.add(logged)
    turn.session.flush()
    turn.data["faq_question"] = logged.id
    language = current_language()
    if result.outcome == "answer" and result.id:
        _send_answer(turn, result.id)
    elif result.outcome == "suggest":
        turn.say(
            _("Maksud Anda salah satu dari ini?"),
            [
                (service.question(c.id, language, turn.session), TOPIC_PREFIX + c.id)
                for c in result.suggestions
            ]
            + [(_("Bukan semuanya"), NONE_OF_THESE)],
        )
    else:
        dont_know(turn)


def _send_answer(turn: Turn, topic_id: str) -> None:
    turn.say(get_faq_service().answer(topic_id, current_language(), turn.session))
    turn.say(
        _("Apakah jawaban ini membantu?"), [(_("Ya, membantu"), HELPFUL), (_("Tidak membantu"), NOT_HELPFUL)]
    )


def dont_know(turn: Turn) -> None:
    turn.say(
        _(
            "Maaf, saya belum bisa menjawab pertanyaan itu dengan yakin. Anda bisa membuat laporan, atau bicara "
            "langsung dengan petugas."
        ),
        [(_("Buat laporan"), MENU_REPORT), (_("Bicara dengan petugas"), MENU_OFFICER)],
    )


def on_faq_choice(turn: Turn, choice: str) -> None:
    """A press on one of the FAQ buttons offered last turn."""
    question = _logged_question(turn)
    if choice.startswith(TOPIC_PREFIX):
        topic_id = choice.removeprefix(TOPIC_PREFIX)
        if question is not None:
            question.topic_id, question.outcome = topic_id, "chosen"
        _send_answer(turn, topic_id)
    elif choice == NONE_OF_THESE:
        if question is not None:
            question.outcome = "unknown"
        dont_know(turn)
    elif choice in (HELPFUL, NOT_HELPFUL):
        if question is not None:
            question.helpful = choice == HELPFUL
        if choice == HELPFUL:
            menu(turn, _("Terima kasih atas masukannya. Ada lagi yang bisa kami bantu?"))
        else:
            turn.say(_("Terima kasih, masukan Anda membantu kami memperbaiki jawaban."))
            dont_know(turn)


def _logged_question(turn: Turn) -> FaqQuestion | None:
    question_id = turn.data.get("faq_question")
    return turn.session.get(FaqQuestion, question_id) if question_id else None
