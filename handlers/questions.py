"""Free-text questions answered from the FAQ knowledge base, with "did you mean" and honest "I don't know".

Every question is stored (:class:`FaqQuestion`) so the knowledge-base editors see what people ask and which
answers did not help, with its legal basis: consent, or before consent the public-service task of answering
(UU PDP art. 20(2)), so questions are answered without waiting for the privacy notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import _, current_language
from bot.models import FaqQuestion
from bot.turn import Turn
from faq.service import get_faq_service
from handlers.start import MENU_OFFICER, MENU_REPORT, menu

if TYPE_CHECKING:  # the matcher (numpy, scipy) loads when the first question is matched
    from faq.matcher import MatchResult

HELPFUL, NOT_HELPFUL, NONE_OF_THESE = "faq_yes", "faq_no", "faq_none"
TOPIC_PREFIX = "faq:"


def answer_question(turn: Turn, text: str, result: MatchResult | None = None) -> None:
    """Answer ``text`` (``result``: the matcher's verdict on it, when already read)."""
    service = get_faq_service()
    result = result or service.match(text, turn.session)
    assert turn.contact.id is not None
    logged = FaqQuestion(
        contact_id=turn.contact.id,
        text=text[:2000],
        topic_id=result.id,
        score=result.score,
        outcome=result.outcome,
        legal_basis="consent" if turn.contact.consent_at is not None else "public_service",
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
