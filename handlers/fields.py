"""Field parsers and displays shared by the intake forms: each turns typed text into a stored value or
raises :class:`Invalid` with a kind, specific re-ask."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.dates import format_date

from bot.clock import utcnow
from bot.forms import Invalid
from bot.i18n import _, current_language
from nlu.names import name_problem
from nlu.parsing import (
    ParsedDate,
    country_name,
    find_niks,
    find_passports,
    nik_problem,
    parse_country,
    parse_date,
    parse_nik,
)
from nlu.route import route
from nlu.text import blank, strip_controls

MAX_SHORT = 200
MAX_LONG = 3000


def short_text(text: str, _today: date) -> str:
    value = " ".join(strip_controls(text).split())
    if len(value) < 2:
        raise Invalid(_("Jawaban terlalu pendek. Mohon tulis sedikit lebih lengkap."))
    if len(value) > MAX_SHORT:
        raise Invalid(
            _("Jawaban terlalu panjang (maksimal {n} huruf). Mohon singkat saja.").format(n=MAX_SHORT)
        )
    return value


def person_name(text: str, today: date) -> str:
    """A person's name; a sentence, a relationship or a number in its place is refused, saying why."""
    problem = name_problem(text)
    if problem == "family":
        raise Invalid(
            _(
                "Sepertinya itu hubungan keluarga, bukan nama. Mohon tulis namanya saja, misalnya: Siti "
                "Aminah."
            )
        )
    if problem == "digits":
        raise Invalid(_("Nama tidak berisi angka. Mohon tulis namanya dengan huruf, misalnya: Siti Aminah."))
    if problem in ("sentence", "long"):
        raise Invalid(
            _(
                "Sepertinya itu kalimat, bukan nama. Cerita Anda akan kami tanyakan nanti; di sini cukup "
                "namanya saja, misalnya: Siti Aminah."
            )
        )
    return short_text(text, today)


def own_name(text: str, today: date) -> str:
    """The worker's own name; someone who answers as a family member is shown the family report."""
    try:
        return person_name(text, today)
    except Invalid as problem:
        if name_problem(text) != "family":
            raise
        raise Invalid(
            problem.message
            + "\n"
            + _(
                "Formulir ini untuk pekerja yang melapor sendiri. Jika Anda keluarga pekerja, ketik *batal* "
                "lalu pilih *Laporkan masalah keluarga*."
            )
        ) from None


def long_text(text: str, _today: date) -> str:
    value = strip_controls(text).strip()
    if len(value) < 3:
        raise Invalid(_("Mohon ceritakan sedikit lebih lengkap."))
    return value[:MAX_LONG]


def nik(text: str, _today: date) -> str:
    value = parse_nik(text)
    if value is not None:
        return value
    problem = nik_problem(text)
    if problem == "birth_date":
        raise Invalid(
            _(
                "Nomor itu sudah 16 angka, tetapi angka ke-7 sampai ke-12 (tanggal lahir) tidak mungkin. "
                "Mohon cocokkan lagi dengan KTP, atau ketik *lewati*."
            )
        )
    if problem in ("region", "serial"):
        raise Invalid(
            _(
                "Nomor itu sudah 16 angka, tetapi bukan susunan NIK (kode wilayah atau nomor urutnya tidak "
                "ada). Mohon cocokkan lagi dengan KTP, atau ketik *lewati*."
            )
        )
    raise Invalid(_("NIK terdiri dari 16 angka, seperti di KTP. Mohon periksa lagi, atau ketik *lewati*."))


def identity_number(text: str, today: date) -> str:
    """A passport number or a NIK (or both, separated by a space): the domain asks for "passport and/or NIK",
    in one question. Sixteen digits are read as a NIK and checked as one."""
    found_niks = list(find_niks(text))
    rest = text
    for start, end, _nik in found_niks:  # a NIK's digits right after a passport number are not part of it
        rest = blank(rest, start, end)
    passports = [number for _start, _end, number in find_passports(rest)]
    niks = [number for _start, _end, number in found_niks]
    if not passports and not niks:
        if sum(character.isdigit() for character in text) >= 16:
            return nik(text, today)  # raises, saying what is wrong with the NIK's digits
        raise Invalid(
            _(
                "Nomor itu bukan nomor paspor atau NIK. Paspor Indonesia: 1-2 huruf dan 6-7 angka, misalnya "
                "C1234567; NIK: 16 angka di KTP. Mohon periksa lagi, atau ketik *lewati*."
            )
        )
    return " ".join([*passports[:1], *niks[:1]])


def identity_keys(values: dict[str, Any]) -> dict[str, Any]:
    """The form's answers with the identity answer (:func:`identity_number`: the numbers, space-separated)
    split into the ticket's ``passport_number`` and ``nik``."""
    rest = {key: value for key, value in values.items() if key != "identity"}
    for number in (values.get("identity") or "").split():
        rest["nik" if number.isdigit() else "passport_number"] = number
    return rest


_LAST_NEWS = re.compile(
    r"\b(?:terakhir|trakhir|terakir|sejak|sjk|semenjak|dari|dr|udah|udh|sudah|sdh|wis|sampun)\b"
)


def last_contact_from_story(values: dict[str, Any]) -> dict[str, str] | None:
    """When a lost worker was last heard of, read from the story ("terakhir telpon bln juni", "udh 5 bln ga ada
    kabar"); None when the story does not say (the summary shows it for correction)."""
    story = str(values.get("description") or "")
    for clause in re.split(r"[,.;\n]", story):
        if _LAST_NEWS.search(clause.lower()) and (parsed := parse_date(clause, utcnow().date())):
            return stored_date(parsed)
    return None


def placement_route(values: dict[str, Any]) -> str:
    """The procedural answer read from the agency and the story: "no" on a plain sign, else "unknown"."""
    told = " ".join(str(values.get(key) or "") for key in ("agency", "description"))
    return route(told) or "unknown"


def country(text: str, _today: date) -> str:
    value = parse_country(text)
    if value is None:
        raise Invalid(
            _(
                "Maaf, negara itu belum kami kenali. Tulis nama negaranya, misalnya Taiwan, Malaysia, "
                "Hong Kong, atau Arab Saudi."
            )
        )
    return value


def past_date(text: str, today: date) -> dict[str, str]:
    parsed = parse_date(text, today)
    if parsed is None and parse_date(text, today, allow_future=True) is not None:
        raise Invalid(
            _(
                "Tanggal itu belum lewat (sesudah hari ini). Mohon tulis tanggal yang sudah terjadi, "
                "misalnya 12/3/2024 atau 3 bulan lalu."
            )
        )
    if parsed is None:
        raise Invalid(
            _(
                "Tanggalnya belum bisa kami baca. Contoh yang bisa dipakai: 12/3/2024, maret 2024, "
                "atau 3 bulan lalu."
            )
        )
    return stored_date(parsed)


def show_country(code: Any) -> str:
    return country_name(str(code), current_language())


def stored_date(parsed: ParsedDate) -> dict[str, str]:
    """How a date answer is kept in a form and on the ticket: the day and how much of it was told."""
    return {"date": parsed.value.isoformat(), "precision": parsed.precision}


def show_date(value: Any) -> str:
    day = date.fromisoformat(value["date"])
    pattern = {"day": "d MMMM y", "month": "MMMM y", "year": "y"}[value["precision"]]
    return format_date(day, pattern, locale=current_language())
