"""Field parsers and displays shared by the intake forms: each turns typed text into a stored value or
raises :class:`Invalid` with a kind, specific re-ask."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from bot.forms import Invalid
from bot.i18n import _, current_language
from nlu.parsing import country_name, parse_country, parse_date, parse_nik, parse_passport, parse_phone
from nlu.text import strip_controls

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


def long_text(text: str, _today: date) -> str:
    value = strip_controls(text).strip()
    if len(value) < 3:
        raise Invalid(_("Mohon ceritakan sedikit lebih lengkap."))
    return value[:MAX_LONG]


def passport(text: str, _today: date) -> str:
    value = parse_passport(text)
    if value is None:
        raise Invalid(
            _(
                "Nomor paspor Indonesia biasanya 1-2 huruf diikuti 6-7 angka, misalnya C1234567. "
                "Mohon periksa lagi, atau ketik *lewati*."
            )
        )
    return value


def nik(text: str, _today: date) -> str:
    value = parse_nik(text)
    if value is None:
        raise Invalid(
            _("NIK terdiri dari 16 angka, seperti di KTP. Mohon periksa lagi, atau ketik *lewati*.")
        )
    return value


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
    if parsed is None:
        raise Invalid(
            _(
                "Tanggalnya belum bisa kami baca. Contoh yang bisa dipakai: 12/3/2024, maret 2024, "
                "atau 3 bulan lalu."
            )
        )
    return {"date": parsed.value.isoformat(), "precision": parsed.precision}


def phone(text: str, _today: date) -> str:
    value = parse_phone(text)
    if value is None:
        raise Invalid(
            _(
                "Nomor HP belum benar. Tulis dengan kode negara, misalnya +62 812 3456 7890, "
                "atau ketik *lewati*."
            )
        )
    return value


def show_country(code: Any) -> str:
    return country_name(str(code), current_language())


def show_date(value: Any) -> str:
    day = date.fromisoformat(value["date"])
    pattern = {"day": "d MMMM y", "month": "MMMM y", "year": "y"}[value["precision"]]
    return format_date(day, pattern, locale=current_language())
