"""A person asks for a copy of their data or for its erasure (UU 27/2022 PDP), in their own words.

Both become a ticket with a ``privacy_request`` event: an officer sends the copy (``helpdesk privacy export``),
and erasure waits for an officer's confirmation on the ticket page (a supervisor or admin presses "erase"),
because erasing cannot be undone and a chat account may be used by someone else."""

from __future__ import annotations

from bot import actors, tickets
from bot.i18n import _
from bot.tickets import NewTicket
from bot.turn import Turn

EXPORT_WORDS = frozenset(
    {"minta data saya", "salinan data saya", "lihat data saya", "data saya", "my data", "send me my data"}
)
ERASE_WORDS = frozenset(
    {"hapus data saya", "hapus data", "hapus semua data saya", "delete my data", "erase my data"}
)
EXPORT, ERASE = "export", "erase"


def requested(turn: Turn) -> bool:
    """Answer a privacy request if this message is one."""
    if turn.says(EXPORT_WORDS):
        _open(turn, EXPORT, _("Permintaan salinan data pribadi."))
        turn.say(
            _(
                "Permintaan salinan data Anda sudah kami catat. Petugas akan mengirimkan salinan semua data "
                "Anda yang kami simpan melalui chat ini."
            )
        )
        return True
    if turn.says(ERASE_WORDS):
        _open(turn, ERASE, _("Permintaan penghapusan data pribadi."))
        turn.say(
            _(
                "Permintaan penghapusan data Anda sudah kami catat. Penghapusan perlu dikonfirmasi petugas "
                "terlebih dahulu; setelah itu nama, nomor identitas, pesan, dan berkas Anda dihapus."
            )
        )
        return True
    return False


def _open(turn: Turn, request: str, description: str) -> None:
    ticket, _pin = turn.open_ticket(NewTicket(category="other", description=description))
    tickets.record(turn.session, ticket, actors.contact(turn.contact.id), "privacy_request", request=request)
