"""Alerts to the people who asked for them: a supervisor's warning for one destination country (a fake job
advertisement circulating for Cambodia, a new ban) sent through the outbox to that country's subscribers.

Only subscribers get an alert, and an opt-out takes effect at once: alert messages not yet delivered to the
person are withdrawn. On WhatsApp outside the 24-hour window free text is refused, so the alert is held and only
the approved template (``TWILIO_ALERT_TEMPLATE_SID``) is sent; the alert follows when the person answers. Without
that template such recipients are skipped and counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from bot import outbox
from bot.models import Alert, AlertSubscription, Contact, Conversation, Message
from bot.reply_window import outside_window

WITHDRAWN = "withdrawn"  # the status of an alert message the person opted out of before it went out


@dataclass(frozen=True)
class Recipient:
    contact: Contact
    conversation: Conversation


def subscribe(session: Session, contact_id: int, country: str) -> bool:
    """Subscribe to ``country``'s alerts; False when already subscribed."""
    existing = session.exec(
        select(AlertSubscription).where(
            AlertSubscription.contact_id == contact_id, AlertSubscription.country == country
        )
    ).first()
    if existing is not None:
        return False
    session.add(AlertSubscription(contact_id=contact_id, country=country))
    return True


def subscribed_countries(session: Session, contact_id: int) -> list[str]:
    rows = session.exec(
        select(AlertSubscription.country)
        .where(AlertSubscription.contact_id == contact_id)
        .order_by(col(AlertSubscription.country))
    )
    return list(rows)


def unsubscribe(session: Session, contact_id: int) -> int:
    """End every subscription of the person and withdraw the alerts not yet delivered; the number ended."""
    ended = len(subscribed_countries(session, contact_id))
    session.exec(delete(AlertSubscription).where(col(AlertSubscription.contact_id) == contact_id))
    conversations = select(Conversation.id).where(Conversation.contact_id == contact_id)
    session.exec(
        update(Message)
        .where(
            col(Message.conversation_id).in_(conversations.scalar_subquery()),
            col(Message.alert_id).is_not(None),
            col(Message.status).in_(("pending", "held")),
        )
        .values(status=WITHDRAWN, next_attempt_at=None)
    )
    return ended


def recipients(session: Session, country: str, language: str) -> list[Recipient]:
    """Subscribers to ``country`` whose language is ``language``, each with their latest conversation."""
    contacts = session.exec(
        select(Contact)
        .join(AlertSubscription, col(AlertSubscription.contact_id) == col(Contact.id))
        .where(AlertSubscription.country == country, Contact.language == language)
        .order_by(col(Contact.id))
    ).all()
    found = []
    for contact in contacts:
        conversation = session.exec(
            select(Conversation)
            .where(Conversation.contact_id == contact.id)
            .order_by(col(Conversation.last_inbound_at).desc())
        ).first()
        if conversation is not None:
            found.append(Recipient(contact, conversation))
    return found


def send(
    session: Session,
    *,
    country: str,
    language: str,
    text: str,
    author: str,
    alert_template: str,
    now: datetime,
) -> Alert:
    """Record the alert and queue one message per subscriber (the outbox delivers them at the channels' rates)."""
    targets = recipients(session, country, language)
    alert = Alert(country=country, language=language, text=text, author=author, recipients=len(targets))
    session.add(alert)
    session.flush()
    for target in targets:
        conversation = target.conversation
        assert conversation.id is not None
        refused = outside_window(conversation.channel, conversation.last_inbound_at, now)
        if refused and not alert_template:
            continue  # counted as not sent: no approved template to open the conversation with
        message = Message(
            conversation_id=conversation.id,
            direction="out",
            channel=conversation.channel,
            author=author,
            text=text,
            status="held" if refused else "pending",
            next_attempt_at=None if refused else now,
            alert_id=alert.id,
            created_at=now,
        )
        session.add(message)
        if refused:
            outbox.queue_notice(session, conversation.id, conversation.channel, alert_template)
    return alert


def delivery(session: Session, alert: Alert) -> dict[str, int]:
    """How the alert's messages stand: pending, sent, delivered, read, held, failed, withdrawn, and not sent."""
    rows = session.exec(
        select(Message.status, func.count()).where(Message.alert_id == alert.id).group_by(col(Message.status))
    ).all()
    counts = Counter({status: int(n) for status, n in rows})
    counts["not_sent"] = alert.recipients - sum(counts.values())
    return dict(counts)
