"""A family member's report about a worker. The worker's data is third-party data: the ticket records who
supplied it (UU PDP)."""

from __future__ import annotations

from typing import Any

from bot import agencies, forms
from bot.forms import Field, Form
from bot.i18n import N_
from bot.tickets import NewTicket
from bot.turn import Turn
from handlers import fields
from handlers.complaint import announce
from handlers.labels import CATEGORY_CHOICES, RELATIONSHIP_CHOICES

FORM = Form(
    name="family",
    title=N_("laporan keluarga"),
    fields=(
        Field("reporter_name", N_("Nama pelapor"), N_("Siapa nama Anda (pelapor)?"), fields.short_text),
        Field(
            "relationship",
            N_("Hubungan dengan pekerja"),
            N_("Apa hubungan Anda dengan pekerja migran itu?"),
            choices=RELATIONSHIP_CHOICES,
        ),
        Field(
            "reporter_phone",
            N_("Nomor HP pelapor"),
            N_("Nomor HP yang bisa dihubungi petugas? Ketik *lewati* untuk memakai chat ini saja."),
            fields.phone,
            optional=True,
        ),
        Field(
            "worker_name", N_("Nama pekerja"), N_("Siapa nama lengkap pekerja migran itu?"), fields.short_text
        ),
        Field(
            "country",
            N_("Negara tempat bekerja"),
            N_("Di negara mana dia bekerja?"),
            fields.country,
            show=fields.show_country,
        ),
        Field(
            "employer",
            N_("Majikan/perusahaan"),
            N_("Nama majikan atau perusahaannya, jika tahu?"),
            fields.short_text,
            optional=True,
        ),
        Field(
            "agency",
            N_("Agensi/P3MI"),
            N_("Agensi atau PT (P3MI) yang memberangkatkan, jika tahu?"),
            fields.short_text,
            optional=True,
        ),
        Field(
            "last_contact",
            N_("Terakhir ada kabar"),
            N_("Kapan terakhir Anda berhubungan dengannya? Contoh: 2 bulan lalu, atau 5/8/2024."),
            fields.past_date,
            show=fields.show_date,
        ),
        Field(
            "category",
            N_("Jenis masalah"),
            N_("Masalah apa yang terjadi? Pilih yang paling sesuai."),
            choices=CATEGORY_CHOICES,
        ),
        Field(
            "description",
            N_("Kronologi"),
            N_("Ceritakan apa yang Anda ketahui tentang kejadiannya."),
            fields.long_text,
        ),
    ),
    on_confirm=lambda turn, values: confirm(turn, values),
)


def start(turn: Turn) -> None:
    forms.start(turn, FORM)


def confirm(turn: Turn, values: dict[str, Any]) -> None:
    ticket, pin = turn.open_ticket(
        NewTicket(
            category=values["category"],
            description=values["description"],
            country=values.get("country"),
            reporter_name=values["reporter_name"],
            relationship=values["relationship"],
            worker_name=values["worker_name"],
            intake=agencies.with_register_check(turn.session, values, turn.now.date()),
            supplied_by="reporter",
        )
    )
    announce(turn, ticket.ref, pin, ticket.queue)
