"""A worker's own complaint: the intake form and what happens when it is confirmed."""

from __future__ import annotations

from typing import Any

from bot import agencies, forms
from bot.forms import Choice, Field, Form
from bot.i18n import N_, _
from bot.models import Attachment
from bot.tickets import NewTicket
from bot.turn import Turn
from handlers import fields
from handlers.labels import CATEGORY_CHOICES
from handlers.start import menu

YES_NO_UNKNOWN = (
    Choice("yes", N_("Ya"), ("ya", "iya", "yes", "y", "resmi")),
    Choice("no", N_("Tidak"), ("tidak", "tdk", "gak", "ga", "no", "n", "ilegal", "unprocedural")),
    Choice("unknown", N_("Tidak tahu"), ("tidak tahu", "gak tau", "ga tau", "gk tau", "tdk tau", "entah")),
)
SAFE = (
    Choice("yes", N_("Ya, saya aman"), ("ya", "iya", "aman", "yes", "safe", "y")),
    Choice("no", N_("Tidak aman"), ("tidak", "tdk", "gak", "ga", "no", "tidak aman", "not safe", "bahaya")),
)
OUTCOMES = (
    Choice("paid", N_("Gaji/hak saya dibayar"), ("gaji", "dibayar", "bayar", "paid")),
    Choice("go_home", N_("Pulang ke Indonesia"), ("pulang", "mudik", "go home", "balik")),
    Choice("documents", N_("Dokumen dikembalikan"), ("dokumen", "paspor", "documents")),
    Choice("new_employer", N_("Pindah majikan"), ("pindah", "ganti majikan", "change employer")),
    Choice("refund", N_("Uang dikembalikan"), ("refund", "uang kembali", "balikin uang")),
    Choice("other", N_("Lainnya (ceritakan ke petugas)"), ("lainnya", "lain", "other")),
)

FORM = Form(
    name="complaint",
    title=N_("laporan masalah"),
    fields=(
        Field("name", N_("Nama"), N_("Siapa nama lengkap Anda (sesuai paspor)?"), fields.short_text),
        Field(
            "passport_number",
            N_("Nomor paspor"),
            N_("Berapa nomor paspor Anda? Ketik *lewati* jika tidak tahu."),
            fields.passport,
            optional=True,
            secret=True,
        ),
        Field(
            "nik",
            N_("NIK"),
            N_("Berapa NIK Anda (16 angka di KTP)? Ketik *lewati* jika tidak tahu."),
            fields.nik,
            optional=True,
            secret=True,
        ),
        Field(
            "country",
            N_("Negara tempat bekerja"),
            N_("Di negara mana Anda bekerja sekarang?"),
            fields.country,
            show=fields.show_country,
        ),
        Field(
            "city",
            N_("Kota"),
            N_("Di kota mana? Ketik *lewati* jika tidak tahu."),
            fields.short_text,
            optional=True,
        ),
        Field(
            "employer",
            N_("Majikan/perusahaan"),
            N_("Siapa nama majikan atau perusahaan tempat Anda bekerja?"),
            fields.short_text,
            optional=True,
        ),
        Field(
            "agency",
            N_("Agensi/P3MI"),
            N_("Lewat agensi atau PT (P3MI) apa Anda berangkat?"),
            fields.short_text,
            optional=True,
        ),
        Field(
            "departure_date",
            N_("Tanggal berangkat"),
            N_("Kapan Anda berangkat? Contoh: 12/3/2024, maret 2024, atau 2 tahun lalu."),
            fields.past_date,
            optional=True,
            show=fields.show_date,
        ),
        Field(
            "procedural",
            N_("Berangkat resmi (prosedural)"),
            N_("Apakah Anda berangkat secara resmi (lewat P3MI/Disnaker, punya visa kerja)?"),
            choices=YES_NO_UNKNOWN,
        ),
        Field(
            "category",
            N_("Jenis masalah"),
            N_("Masalah apa yang Anda alami? Pilih yang paling sesuai."),
            choices=CATEGORY_CHOICES,
        ),
        Field(
            "description",
            N_("Kronologi"),
            N_("Ceritakan apa yang terjadi: sejak kapan, siapa, dan apa yang sudah Anda lakukan."),
            fields.long_text,
        ),
        Field("safe_now", N_("Aman sekarang"), N_("Apakah Anda aman sekarang?"), choices=SAFE),
        Field(
            "desired_outcome",
            N_("Yang Anda harapkan"),
            N_("Apa yang Anda harapkan dari laporan ini?"),
            choices=OUTCOMES,
        ),
        Field(
            "evidence",
            N_("Bukti"),
            N_(
                "Kirim bukti jika ada (foto kontrak, slip gaji, foto luka, dokumen), "
                "lalu ketik *selesai*. Ketik *lewati* jika tidak ada."
            ),
            optional=True,
            attachments=True,
        ),
    ),
    on_confirm=lambda turn, values: confirm(turn, values),
)


def start(turn: Turn, prefill: dict[str, Any] | None = None, earlier: list[int] | None = None) -> None:
    """Open the form; a channel display name is often a nickname, so the name is always asked."""
    forms.start(turn, FORM, {key: value for key, value in (prefill or {}).items() if value}, earlier)


def confirm(turn: Turn, values: dict[str, Any]) -> None:
    ticket, pin = turn.open_ticket(
        NewTicket(
            category=values["category"],
            description=values["description"],
            country=values.get("country"),
            reporter_name=values["name"],
            relationship="self",
            worker_name=values["name"],
            intake=agencies.with_register_check(turn.session, values, turn.now.date()),
            urgent=values.get("safe_now") == "no",
        )
    )
    link_evidence(turn, ticket.id, values.get("evidence"))
    announce(turn, ticket.ref, pin, ticket.queue)


def link_evidence(turn: Turn, ticket_id: int | None, attachment_ids: list[int] | None) -> None:
    for attachment_id in attachment_ids or ():
        attachment = turn.session.get(Attachment, attachment_id)
        if attachment is not None:
            attachment.ticket_id = ticket_id
            turn.session.add(attachment)


def announce(turn: Turn, ref: str, pin: str, queue: str) -> None:
    """Tell the person their reference, PIN, what happens next and when."""
    hours = turn.config.queues[queue].first_response_hours
    turn.say(
        _(
            "Laporan Anda sudah kami terima.\nNomor laporan: *{ref}*\nPIN: *{pin}*\nSimpan nomor dan PIN ini: "
            "keduanya diperlukan untuk mengecek laporan dari nomor lain. Petugas akan membaca laporan Anda dan "
            "menanggapi paling lambat dalam {hours} jam. Jawaban petugas akan dikirim ke chat ini. Ketik "
            "*status* kapan saja untuk melihat perkembangan."
        ).format(ref=ref, pin=pin, hours=f"{hours:g}")
    )
    menu(turn, _("Ada lagi yang bisa kami bantu?"))
