"""Alerts: people opt in per destination country and out at any time; a supervisor's alert reaches only the
opted-in people of that country and language, through the outbox; on WhatsApp outside the 24-hour window only the
approved template goes out; an opt-out withdraws what was not yet delivered."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot import alerts, privacy
from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Alert, AlertSubscription, Contact, Conversation, Message
from tests.support import Chat

WARNING = "Hati-hati: lowongan admin online ke Kamboja yang beredar di Facebook adalah penipuan."


def subscriptions() -> list[tuple[str, str]]:
    with session_scope() as session:
        rows = session.exec(
            select(Contact.external_id, AlertSubscription.country).join(
                AlertSubscription, col(AlertSubscription.contact_id) == col(Contact.id)
            )
        )
        return sorted(rows)


def send_alert(country: str = "KH", language: str = "id", template: str = "") -> Alert:
    with session_scope() as session:
        return alerts.send(
            session, country=country, language=language, text=WARNING, author="officer:1", alert_template=template,
            now=utcnow(),
        )  # fmt: skip


def alert_messages() -> list[tuple[str, str]]:
    """(chat id, status) of every alert message."""
    with session_scope() as session:
        rows = session.exec(
            select(Conversation.chat_id, Message.status)
            .join(Conversation, col(Conversation.id) == col(Message.conversation_id))
            .where(col(Message.alert_id).is_not(None))
        )
        return sorted(rows)


def test_people_opt_in_per_country_by_keyword_with_or_without_the_country() -> None:
    rina, dewi = Chat(user="rina"), Chat(user="dewi")
    rina.consent()
    rina.send("berlangganan kamboja")
    assert "Anda akan menerima peringatan tentang Kamboja" in rina.text
    dewi.consent()
    dewi.send("langganan info")
    assert "negara tujuan mana" in dewi.text
    dewi.send("malaysia")
    assert "peringatan tentang Malaysia" in dewi.text
    assert subscriptions() == [("dewi", "MY"), ("rina", "KH")]


def test_an_alert_reaches_only_the_opted_in_people_of_its_country_and_language() -> None:
    subscriber, elsewhere, english, stranger = (Chat(user=u) for u in ("s1", "s2", "s3", "s4"))
    for chat in (subscriber, elsewhere, english, stranger):
        chat.consent()
    subscriber.send("berlangganan kamboja")
    elsewhere.send("berlangganan taiwan")
    english.send("bahasa")
    english.press("English")
    english.send("subscribe cambodia")
    alert = send_alert("KH", "id")
    assert alert.recipients == 1
    assert alert_messages() == [("s1", "pending")]
    with session_scope() as session:
        assert alerts.delivery(session, session.get(Alert, alert.id)) == {"pending": 1, "not_sent": 0}


def test_opting_out_is_honoured_at_once_and_withdraws_an_undelivered_alert() -> None:
    chat = Chat(user="rina")
    chat.consent()
    chat.send("berlangganan kamboja")
    send_alert()
    chat.send("berhenti")
    assert "tidak akan menerima peringatan lagi" in chat.text
    assert subscriptions() == []
    assert alert_messages() == [("rina", alerts.WITHDRAWN)]
    assert send_alert().recipients == 0
    chat.send("stop")  # no subscription left: "stop" is the ordinary cancel again
    assert "tidak akan menerima peringatan" not in chat.text


def test_on_whatsapp_outside_the_window_only_the_approved_template_goes_out() -> None:
    chat = Chat(user="whatsapp:+6281200000001", channel="whatsapp")
    chat.consent()
    chat.send("berlangganan kamboja")
    with session_scope() as session:
        conversation = session.exec(select(Conversation)).one()
        conversation.last_inbound_at = utcnow() - timedelta(days=2)
        session.add(conversation)
    without = send_alert()
    assert alert_messages() == []  # no template: nobody is written to outside the window
    with session_scope() as session:
        assert alerts.delivery(session, session.get(Alert, without.id)) == {"not_sent": 1}
    send_alert(template="HXalert")
    with session_scope() as session:
        outbound = session.exec(
            select(Message).where(Message.direction == "out", Message.author != "bot")
        ).all()
        notices = session.exec(select(Message).where(col(Message.template).is_not(None))).all()
    assert [(m.status, m.alert_id is not None) for m in outbound] == [("held", True)]
    assert [(n.template, n.status) for n in notices] == [("HXalert", "pending")]


def test_a_persons_subscriptions_are_in_their_data_export_and_gone_with_erasure() -> None:
    chat = Chat(user="rina")
    chat.consent()
    chat.send("berlangganan taiwan")
    with session_scope() as session:
        contact = session.exec(select(Contact)).one()
        assert [s["country"] for s in privacy.export_contact(session, contact)["alert_subscriptions"]] == [
            "TW"
        ]
        privacy.erase_contact(session, contact, "officer:1")
    assert subscriptions() == []


def test_an_alert_is_not_written_as_free_text_in_the_last_minute_of_the_window() -> None:
    """The sender holds free text from a minute short of 24 h: the alert takes the template path from then on."""
    chat = Chat(user="whatsapp:+6281200000003", channel="whatsapp")
    chat.consent()
    chat.send("berlangganan kamboja")
    with session_scope() as session:
        conversation = session.exec(select(Conversation)).one()
        conversation.last_inbound_at = utcnow() - timedelta(hours=23, minutes=59, seconds=30)
        session.add(conversation)

    alert = send_alert()

    assert alert_messages() == []
    with session_scope() as session:
        assert alerts.delivery(session, session.get(Alert, alert.id)) == {"not_sent": 1}
