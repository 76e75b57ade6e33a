"""The English catalog: complete, placeholder-safe, and current with the code.

Msgids are Indonesian (the source language), so ``locales/en`` must translate every one of them. A missing
translation shows Indonesian to an English reader; a lost or renamed ``{placeholder}`` raises ``KeyError``
when ``.format()`` runs; a string added to the code but not merged into the catalog (``make locales``) is
never translated at all.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
EN_PO = ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po"
SOURCES = ("bot", "handlers", "faq", "desk")  # as SOURCES in the Makefile
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}  # pybabel extract -k N_


@cache
def en_catalog() -> Catalog:
    with EN_PO.open("rb") as fh:
        return read_po(fh, locale="en")


def messages() -> list:
    return [m for m in en_catalog() if m.id]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` that ``str.format`` fills in ``text``."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


@cache
def extracted_msgids() -> frozenset[str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: set[str | tuple[str, ...]] = set()
    for source in SOURCES:
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / source, method_map, options_map, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else tuple(message))
    return frozenset(found)


def test_catalog_is_not_empty() -> None:
    assert len(messages()) > 50


def test_every_message_is_translated() -> None:
    untranslated = [m.id for m in messages() if not all(s.strip() for s in as_tuple(m.string))]
    assert not untranslated, f"{len(untranslated)} msgids without an English msgstr: {untranslated[:10]}"


def test_no_fuzzy_translations() -> None:
    """Fuzzy entries are left out of the compiled .mo, so they would show Indonesian."""
    fuzzy = [m.id for m in messages() if m.fuzzy]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"


def test_placeholders_match() -> None:
    wrong = []
    for m in messages():
        wanted = set().union(*(placeholders(i) for i in as_tuple(m.id)))
        for translated in as_tuple(m.string):
            if placeholders(translated) != wanted:
                wrong.append((m.id, translated))
    assert not wrong, f"placeholders differ: {wrong[:5]}"


def test_line_breaks_match() -> None:
    wrong = [m.id for m in messages() if as_tuple(m.id)[0].count("\n") != as_tuple(m.string)[0].count("\n")]
    assert not wrong, f"line breaks differ: {wrong[:5]}"


def test_catalog_is_current_with_the_code() -> None:
    """Every string marked in the code is in the English catalog. If this fails, run ``make locales``
    and translate the new entries in locales/en/LC_MESSAGES/messages.po."""
    in_catalog = {m.id for m in messages()}
    missing = sorted(map(str, extracted_msgids() - in_catalog))
    assert not missing, f"{len(missing)} strings not in the English catalog: {missing[:10]}"


@pytest.mark.parametrize(
    "msgid", ["Setuju", "Tidak setuju", "Kirim", "Ubah", "Batal", "Lewati", "Kembali", "Selesai"]
)
def test_button_labels_are_short(msgid: str) -> None:
    message = en_catalog().get(msgid)
    assert message is not None
    assert 0 < len(message.string) <= 16
