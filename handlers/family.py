"""A family member's report about a worker. The worker's data is third-party data: the ticket records who
supplied it (UU PDP)."""

from __future__ import annotations

from typing import Any

from bot import agencies
from bot.forms import Field, Form, choices
from bot.i18n import N_
from bot.tickets import NewTicket
from bot.turn import Turn
from handlers import fields, placing
from handlers.complaint import announce
from handlers.labels import CATEGORY_CHOICES, RELATIONSHIP_CHOICES
from handlers.start import menu
from nlu.category import detect_category
from nlu.names import name_problem
from nlu.route import not_departed

WORKER_SAFE = choices(
    "worker_safe", ("yes", N_("Ya, dia aman")), ("no", N_("Tidak aman")), ("unknown", N_("Tidak tahu"))
)
FAMILY_OUTCOMES = choices(
    "family_outcome",
    ("contact", N_("Ada kabar/bisa dihubungi lagi")),
    ("paid", N_("Gajinya dibayar")),
    ("go_home", N_("Dia dipulangkan")),
    ("documents", N_("Dokumennya dikembalikan")),
    ("remains", N_("Jenazah dipulangkan")),
    ("refund", N_("Uang dikembalikan")),
    ("other", N_("Lainnya (ceritakan ke petugas)")),
)


def _not_a_death(values: dict[str, Any]) -> bool:
    """Nobody is asked whether a worker who died is safe."""
    return values.get("category") != "death"


FORM = Form(
    name="family",
    title=N_("laporan keluarga"),
    # the worker's placement, then the case, as a worker's own report; the reporter's name comes from the
    # chat when the channel gives one (shown in the summary), and is asked last otherwise
    fields=(
        Field(
            "relationship",
            N_("Hubungan dengan pekerja"),
            N_("Apa hubungan Anda dengan pekerja migran itu?"),
            choices=RELATIONSHIP_CHOICES,
        ),
        Field(
            "worker_name",
            N_("Nama pekerja"),
            N_("Siapa nama lengkap pekerja migran itu?"),
            fields.person_name,
        ),
        Field(
            "country",
            N_("Negara tempat bekerja"),
            N_("Di negara mana dia bekerja?"),
            fields.country,
            show=fields.show_country,
        ),
        Field(
            "city",
            N_("Kota"),
            N_("Di kota mana dia bekerja? Ketik *lewati* jika tidak tahu."),
            fields.short_text,
            optional=True,
            none=not_departed,
        ),
        Field(
            "employer",
            N_("Majikan/perusahaan"),
            N_("Nama majikan atau perusahaannya, jika tahu?"),
            fields.short_text,
            optional=True,
            none=not_departed,
        ),
        Field(
            "agency",
            N_("Agensi/P3MI"),
            N_("Agensi atau PT (P3MI) yang memberangkatkan, jika tahu?"),
            fields.short_text,
            optional=True,
            none=not_departed,
        ),
        Field(
            "departure_date",
            N_("Tanggal berangkat"),
            N_("Kapan dia berangkat? Contoh: 12/3/2024, maret 2024, atau 2 tahun lalu."),
            fields.past_date,
            optional=True,
            none=not_departed,
            show=fields.show_date,
        ),
        Field(
            "category",
            N_("Jenis masalah"),
            N_("Masalah apa yang terjadi? Pilih yang paling sesuai."),
            choices=CATEGORY_CHOICES,
            unknown="other",
            understand=detect_category,
        ),
        Field(
            "description",
            N_("Kronologi"),
            N_("Ceritakan apa yang Anda ketahui tentang kejadiannya."),
            fields.long_text,
        ),
        Field(
            "last_contact",
            N_("Terakhir ada kabar"),
            N_("Kapan terakhir Anda berhubungan dengannya? Contoh: 2 bulan lalu, atau 5/8/2024."),
            fields.past_date,
            optional=True,
            show=fields.show_date,
            when=lambda values: values.get("category") == "lost_contact",
            derive=fields.last_contact_from_story,
        ),
        Field(
            "safe_now",
            N_("Pekerja aman sekarang"),
            N_("Sepengetahuan Anda, apakah dia aman sekarang?"),
            choices=WORKER_SAFE,
            unknown="unknown",
            when=_not_a_death,
            alarm="no",
        ),
        Field(
            "desired_outcome",
            N_("Yang Anda harapkan"),
            N_("Apa yang Anda harapkan dari laporan ini?"),
            choices=FAMILY_OUTCOMES,
            unknown="other",
            lenient=True,
        ),
        Field("reporter_name", N_("Nama pelapor"), N_("Siapa nama Anda (pelapor)?"), fields.person_name),
    ),
    on_confirm=lambda turn, values: confirm(turn, values),
    place=placing.place,
    on_cancel=lambda turn: menu(turn),
)


def reporter(turn: Turn) -> dict[str, str]:
    """The reporter's name as the channel gives it (a Telegram or WhatsApp profile name), when it reads as a
    name: asked at the end otherwise."""
    name = (turn.contact.display_name or "").strip()
    return {"reporter_name": name} if name and name_problem(name) is None else {}


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
            urgent=values.get("safe_now") == "no",
        )
    )
    announce(turn, ticket, pin)
