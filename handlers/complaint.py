"""A worker's own complaint: the intake form and what happens when it is confirmed."""

from __future__ import annotations

from typing import Any

from bot import agencies, forms
from bot.forms import Field, Form, choices
from bot.i18n import N_, _
from bot.models import Attachment, Ticket
from bot.tickets import NewTicket
from bot.turn import Turn
from handlers import danger, fields, officer, placing
from handlers.labels import CATEGORY_CHOICES, SAFE
from handlers.start import menu
from nlu.category import detect_category
from nlu.route import not_departed

YES_NO_UNKNOWN = choices(
    "yes_no_unknown", ("yes", N_("Ya")), ("no", N_("Tidak")), ("unknown", N_("Tidak tahu"))
)
OUTCOMES = choices(
    "outcome",
    ("paid", N_("Gaji/hak saya dibayar")),
    ("go_home", N_("Pulang ke Indonesia")),
    ("documents", N_("Dokumen dikembalikan")),
    ("new_employer", N_("Pindah majikan")),
    ("refund", N_("Uang dikembalikan")),
    ("other", N_("Lainnya (ceritakan ke petugas)")),
)

FORM = Form(
    name="complaint",
    title=N_("laporan masalah"),
    # the order a report is told in (domain brief: placement, then the case); the identity number comes last,
    # optional, so a person who does not have it at hand is not stopped at the second question
    fields=(
        Field("name", N_("Nama"), N_("Siapa nama lengkap Anda (sesuai paspor)?"), fields.own_name),
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
            none=not_departed,
        ),
        Field(
            "employer",
            N_("Majikan/perusahaan"),
            N_("Siapa nama majikan atau perusahaan tempat Anda bekerja?"),
            fields.short_text,
            optional=True,
            none=not_departed,
        ),
        Field(
            "agency",
            N_("Agensi/P3MI"),
            N_("Lewat agensi atau PT (P3MI) apa Anda berangkat?"),
            fields.short_text,
            optional=True,
            none=not_departed,
        ),
        Field(
            "departure_date",
            N_("Tanggal berangkat"),
            N_("Kapan Anda berangkat? Contoh: 12/3/2024, maret 2024, atau 2 tahun lalu."),
            fields.past_date,
            optional=True,
            none=not_departed,
            show=fields.show_date,
        ),
        Field(
            "procedural",
            N_("Berangkat resmi (prosedural)"),
            N_("Apakah Anda berangkat secara resmi (lewat P3MI/Disnaker, punya visa kerja)?"),
            choices=YES_NO_UNKNOWN,
            unknown="unknown",
            derive=fields.placement_route,
        ),
        Field(
            "category",
            N_("Jenis masalah"),
            N_("Masalah apa yang Anda alami? Pilih yang paling sesuai."),
            choices=CATEGORY_CHOICES,
            unknown="other",
            understand=detect_category,
        ),
        Field(
            "description",
            N_("Kronologi"),
            N_("Ceritakan apa yang terjadi: sejak kapan, siapa, dan apa yang sudah Anda lakukan."),
            fields.long_text,
        ),
        Field("safe_now", N_("Aman sekarang"), N_("Apakah Anda aman sekarang?"), choices=SAFE, alarm="no"),
        Field(
            "desired_outcome",
            N_("Yang Anda harapkan"),
            N_("Apa yang Anda harapkan dari laporan ini?"),
            choices=OUTCOMES,
            unknown="other",
            lenient=True,
        ),
        Field(
            "identity",
            N_("Nomor paspor/NIK"),
            N_(
                "Jika ada, ketik nomor paspor Anda atau NIK (16 angka di KTP), agar petugas bisa mencocokkan "
                "data Anda. Ketik *lewati* jika tidak ada."
            ),
            fields.identity_number,
            optional=True,
            secret=True,
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
    place=placing.place,
    on_cancel=lambda turn: menu(turn),
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
            intake=agencies.with_register_check(turn.session, fields.identity_keys(values), turn.now.date()),
            urgent=values.get("safe_now") == "no",
        )
    )
    link_evidence(turn, ticket.id, values.get("evidence"))
    announce(turn, ticket, pin)


def link_evidence(turn: Turn, ticket_id: int | None, attachment_ids: list[int] | None) -> None:
    for attachment_id in attachment_ids or ():
        attachment = turn.session.get(Attachment, attachment_id)
        if attachment is not None:
            attachment.ticket_id = ticket_id
            turn.session.add(attachment)


def announce(turn: Turn, ticket: Ticket, pin: str) -> None:
    """Tell the person their reference, PIN, what happens next and when; a report of someone not safe goes
    to an officer at once, with the emergency contacts of the country."""
    if ticket.urgent:
        if ticket.reporter_relationship == "self":
            why = _("Karena Anda menjawab tidak aman, laporan Anda kami teruskan ke petugas sebagai DARURAT.")
        else:
            why = _("Karena dia mungkin tidak aman, laporan Anda kami teruskan ke petugas sebagai DARURAT.")
        turn.say(
            why
            + "\n"
            + _(
                "Nomor laporan: *{ref}*\nPIN: *{pin}*\nPetugas akan segera membalas di chat ini. Tulis saja "
                "pesan Anda: semua langsung diteruskan ke petugas."
            ).format(ref=ticket.ref, pin=pin)
        )
        turn.say(danger.emergency_contacts(turn, ticket.worker_country))
        officer.hand_over(turn, ticket)
        return
    hours = turn.config.queues[ticket.queue].first_response_hours
    turn.say(
        _(
            "Laporan Anda sudah kami terima.\nNomor laporan: *{ref}*\nPIN: *{pin}*\nSimpan nomor dan PIN ini: "
            "keduanya diperlukan untuk mengecek laporan dari nomor lain. Petugas akan membaca laporan Anda dan "
            "menanggapi paling lambat dalam {hours} jam. Jawaban petugas akan dikirim ke chat ini. Ketik "
            "*status* kapan saja untuk melihat perkembangan."
        ).format(ref=ticket.ref, pin=pin, hours=f"{hours:g}")
    )
    menu(turn, _("Ada lagi yang bisa kami bantu?"))
