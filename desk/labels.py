"""Names officers read for the codes the console shows (statuses, channels, ticket events, actors), as msgids.

Worker-facing names live in :mod:`handlers.labels` ("Menunggu jawaban Anda" is said to the worker); the console
says the same states from the officer's side. Categories and danger kinds read the same to both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import actors
from bot.config import get_config
from bot.i18n import N_, _, current_language, fmt_date
from desk.queries import week_start
from handlers.labels import DANGER_LABELS
from nlu.parsing.countries import country_name

STATUS_LABELS: dict[str, str] = {
    "new": N_("Baru"),
    "open": N_("Sedang ditangani"),
    "waiting_on_reporter": N_("Menunggu jawaban pelapor"),
    "resolved": N_("Selesai"),
    "closed": N_("Ditutup"),
}

CHANNEL_LABELS: dict[str, str] = {
    "telegram": N_("Telegram"),
    "whatsapp": N_("WhatsApp"),
    "web": N_("Obrolan web"),
    "console": N_("Uji coba konsol"),
}

EVENT_LABELS: dict[str, str] = {
    "created": N_("tiket dibuat"),
    "message": N_("pesan dari pelapor"),
    "status": N_("status diubah"),
    "urgent": N_("ditandai darurat"),
    "not_urgent": N_("ditandai bukan darurat"),
    "claimed": N_("diambil"),
    "reply": N_("jawaban petugas"),
    "note": N_("catatan internal"),
    "labels": N_("label diubah"),
    "rated": N_("dinilai pelapor"),
    "rating_requested": N_("penilaian diminta"),
    "escalated": N_("dieskalasi"),
    "erased": N_("data dihapus"),
    "privacy_request": N_("permintaan hak atas data"),
    "danger": N_("tanda bahaya terbaca"),
    "silence_warning": N_("pelapor diingatkan (tidak ada kabar)"),
    "assigned": N_("diserahkan"),
}

#: Reasons the code writes (status changes: :data:`bot.tickets.REASON_CODES`; escalations:
#: :func:`desk.scheduler.escalate_overdue`; marked urgent by an officer); officers type the others.
REASON_LABELS: dict[str, str] = {
    "reporter_replied": N_("pelapor menjawab"),
    "claimed": N_("diambil petugas"),
    "replied": N_("petugas menjawab"),
    "reporter_silent": N_("pelapor tidak memberi kabar"),
    "erasure_done": N_("data dihapus"),
    "officer": N_("oleh petugas"),
    "first_response_overdue": N_("respons pertama lewat tenggat"),
    "resolution_overdue": N_("penyelesaian lewat tenggat"),
}

MESSAGE_STATUS_LABELS: dict[str, str] = {
    "pending": N_("sedang dikirim"),
    "held": N_("tertahan: di luar 24 jam WhatsApp, terkirim setelah orang ini menulis"),
    "failed": N_("gagal terkirim"),
}

#: How an alert's messages stand (the alerts page counts them).
ALERT_DELIVERY_LABELS: dict[str, str] = {
    "pending": N_("menunggu dikirim"),
    "sending": N_("sedang dikirim"),
    "sent": N_("terkirim"),
    "delivered": N_("diterima"),
    "read": N_("dibaca"),
    "held": N_("menunggu balasan (templat terkirim)"),
    "failed": N_("gagal"),
    "withdrawn": N_("dibatalkan (berhenti berlangganan)"),
    "not_sent": N_("tidak dikirim (di luar 24 jam, tanpa templat)"),
}

LANGUAGE_NAMES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}  # each in its own language

#: Actors that are not an officer or a contact.
ACTOR_LABELS: dict[str, str] = {"bot": N_("Bot"), "scheduler": N_("Jadwal otomatis"), "system": N_("Sistem")}

#: Intake keys written by flows other than the forms (the danger flow), with value names where they are codes.
EXTRA_INTAKE_LABELS: dict[str, str] = {
    "danger": N_("Jenis bahaya"),
    "location": N_("Lokasi"),
    "safe_now": N_("Aman sekarang"),
    "last_news": N_("Kabar terakhir"),
}
YES_NO: dict[str, str] = {"yes": N_("ya"), "no": N_("tidak")}

#: A ticket's first response against its deadline (:data:`desk.queries.RESPONSE_OUTCOMES`).
RESPONSE_LABELS: dict[str, str] = {
    "met": N_("tepat waktu"),
    "late": N_("terlambat"),
    "waiting": N_("belum dijawab, masih dalam tenggat"),
}

NOTICE_LABELS: dict[str, str] = {
    "urgent": N_("DARURAT"),
    "escalated": N_("Dieskalasi"),
    "urgent_more": N_("DARURAT (lebih banyak)"),
    "escalated_more": N_("Dieskalasi (lebih banyak)"),
}


def label(table: Mapping[str, str], code: str | None) -> str:
    """The translated name of ``code``, or the code itself when it has none (configured data, old rows)."""
    if not code:
        return "—"
    return _(table[code]) if code in table else code


def actor(code: str, officer_names: Mapping[str, str]) -> str:
    """Who did something: an officer's name, "Pelapor" for the person, or the bot, scheduler or system."""
    if code in officer_names:
        return officer_names[code]
    if actors.is_contact(code):
        return _("Pelapor")
    if actors.is_officer(code):
        return _("Petugas")
    return label(ACTOR_LABELS, code)


def event_text(kind: str, detail: Mapping[str, Any], queue_labels: Mapping[str, str]) -> str:
    """One line of a ticket's history: what happened, with the new status, reason or queue."""
    text = label(EVENT_LABELS, kind)
    if kind == "status" and detail.get("new"):
        text += " → " + label(STATUS_LABELS, detail["new"])
    if kind == "danger" and detail.get("danger"):
        text += ": " + label(DANGER_LABELS, detail["danger"])
    moved = detail.get("new_queue") and detail.get("new_queue") != detail.get(
        "old_queue", detail["new_queue"]
    )
    if kind in ("urgent", "not_urgent", "assigned") and moved:
        text += " → " + queue_labels.get(detail["new_queue"], detail["new_queue"])
    if kind == "rated" and detail.get("rating"):
        text += f" ({detail['rating']}/5)"
    reason = detail.get("reason")
    if reason and kind in ("status", "urgent", "escalated", "erased"):
        text += " (" + label(REASON_LABELS, reason) + ")"
    return text


#: The default configuration's queue names (bot/defaults/helpdesk.yaml), declared so the catalogs translate
#: them; a deployment's own names are shown as configured.
DEFAULT_QUEUE_LABELS = (
    N_("Darurat / Urgent"),
    N_("Pengaduan umum"),
    N_("Asia Pasifik (TW, HK, MY, SG, BN, KR, JP)"),
    N_("Timur Tengah"),
    N_("Pra-penempatan (gagal berangkat, biaya, penipuan)"),
    N_("Pertanyaan untuk petugas"),
)


def week(code: str) -> str:
    """An ISO week ("2026-W48") as officers say it: "Minggu 48 (mulai 23 Nov 2026)"."""
    start = week_start(code)
    if start is None:
        return code
    return _("Minggu %(week)d (mulai %(date)s)") % {
        "week": start.isocalendar()[1],
        "date": fmt_date(start.date(), "medium"),
    }


def queue_labels() -> dict[str, str]:
    """The configured queues' names in the officer's language (the default names are in the catalogs)."""
    return {name: _(queue.label) for name, queue in get_config().queues.items()}


def country(code: str | None) -> str:
    """A country code as its name in the officer's language (the code itself when it names none)."""
    if not code:
        return "—"
    try:
        return country_name(code, current_language())
    except KeyError:
        return code
