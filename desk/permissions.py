"""Who may see and do what. Officers and supervisors work the queues listed on their account; admins all.
Supervisors also see reports, reassign tickets and see their queues' officers' work."""

from __future__ import annotations

from bot import pii
from bot.config import ConsolePolicy, get_config
from bot.i18n import N_
from bot.models import Officer, Ticket

ROLES = ("officer", "supervisor", "admin")
ROLE_LABELS = {"officer": N_("petugas"), "supervisor": N_("supervisor"), "admin": N_("admin")}


def queues_of(officer: Officer) -> list[str]:
    configured = list(get_config().queues)
    if officer.role == "admin":
        return configured
    return [queue for queue in officer.queues if queue in configured]


def can_view(officer: Officer, ticket: Ticket) -> bool:
    return ticket.queue in queues_of(officer)


def can_supervise(officer: Officer) -> bool:
    """Reports, reassignment to other officers and queues."""
    return officer.role in ("supervisor", "admin")


def is_admin(officer: Officer) -> bool:
    return officer.role == "admin"


def sees_identity_numbers(officer: Officer, policy: ConsolePolicy) -> bool:
    """Passport numbers and NIK in full (others see them masked)."""
    return officer.role in policy.passport_roles


def exports_personal_data(officer: Officer, policy: ConsolePolicy) -> bool:
    return officer.role in policy.export_personal_roles


def mask(value: str | None) -> str:
    """``A1234567`` -> ``A•••••67``: enough to compare with what the person says, not to reuse."""
    if not value:
        return ""
    return value[0] + "•" * max(len(value) - 3, 1) + value[-2:]


def conceal_identity(text: str | None, full: bool) -> str:
    """Free text (a message, the story, a note) with the identity numbers in it masked unless ``full``."""
    if not text:
        return ""
    return text if full else pii.mask_text(text, mask)
