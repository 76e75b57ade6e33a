"""The register of licensed recruitment agencies (P3MI): imported from the agency's CSV, looked up by name.

The CSV has one row per agency: ``name``, ``licence`` (SIP3MI number, the key), ``head_office``, ``branches``
and ``countries`` (separated by ``;``), ``status`` (active, suspended, revoked) and ``valid_until``
(YYYY-MM-DD). An import checks every row before it writes one: a malformed file changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, select

from bot.clock import utcnow
from bot.models import Agency
from nlu import agency_names
from nlu.parsing import parse_country

STATUSES = frozenset({"active", "suspended", "revoked"})
COLUMNS = ("name", "licence", "head_office", "branches", "status", "valid_until", "countries")
REQUIRED = frozenset({"name", "licence", "status"})
Outcome = Literal["licensed", "expired", "suspended", "revoked", "unsure", "unknown"]


class RegisterError(ValueError):
    """A row of the file that cannot be imported, with its line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # licence -> the fields that changed
    unchanged: int = 0
    not_in_file: list[str] = field(
        default_factory=list
    )  # kept as they are: a file may cover part of the register


@dataclass(frozen=True)
class Lookup:
    """What the register says of a typed name."""

    outcome: Outcome
    agency: Agency | None = None
    branch: str | None = None  # the branch the person named, when it is one of the agency's
    candidates: tuple[Agency, ...] = ()  # close names, when unsure


def parse_rows(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Every row as the fields of an :class:`Agency`; :class:`RegisterError` for the first bad row."""
    reader = csv.DictReader(lines)
    missing = REQUIRED - set(reader.fieldnames or ())
    if missing:
        raise RegisterError(1, f"missing columns: {', '.join(sorted(missing))}")
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        values = {column: (row.get(column) or "").strip() for column in COLUMNS}
        if not values["name"] or not values["licence"]:
            raise RegisterError(line, "name and licence are required")
        if values["licence"] in seen:
            raise RegisterError(line, f"licence {values['licence']} appears twice")
        seen.add(values["licence"])
        status = values["status"].lower()
        if status not in STATUSES:
            raise RegisterError(line, f"status must be one of {', '.join(sorted(STATUSES))}, not {status!r}")
        rows.append(
            {
                "licence": values["licence"],
                "name": values["name"],
                "head_office": values["head_office"],
                "branches": _split(values["branches"]),
                "status": status,
                "valid_until": _date(values["valid_until"], line),
                "countries": [_country(value, line) for value in _split(values["countries"])],
            }
        )
    return rows


def import_rows(session: Session, rows: Sequence[dict[str, Any]]) -> ImportReport:
    """Write parsed rows: new licences added, changed ones updated; run again, it changes nothing."""
    existing = {agency.licence: agency for agency in session.exec(select(Agency))}
    report = ImportReport()
    for row in rows:
        agency = existing.pop(row["licence"], None)
        if agency is None:
            session.add(Agency(**row))
            report.added.append(row["licence"])
            continue
        changed = [name for name, value in row.items() if getattr(agency, name) != value]
        if not changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(agency, name, row[name])
        agency.updated_at = utcnow()
        session.add(agency)
        report.changed[agency.licence] = changed
    report.not_in_file = sorted(existing)
    return report


def lookup(session: Session, typed: str, today: date) -> Lookup:
    """The register's answer for a name typed in any form ("pt. SJA", "sukses jaya abadi cabang malang")."""
    agencies = {agency.licence: agency for agency in session.exec(select(Agency))}
    ranked = agency_names.rank(typed, {licence: [a.name] for licence, a in agencies.items()})
    best = agency_names.sure(ranked)
    if best is None:
        candidates = tuple(agencies[m.key] for m in agency_names.close(ranked))
        return Lookup("unsure" if candidates else "unknown", candidates=candidates)
    agency = agencies[best.key]
    _name, branch = agency_names.split_branch(typed)
    known_branch = (
        branch if branch and branch in {agency_names.normalize_name(b) for b in agency.branches} else None
    )
    return Lookup(outcome(agency, today), agency, known_branch)


def licensed_names(session: Session, today: date) -> Callable[[str], bool]:
    """Whether a name is a licensed agency's, for the job-offer check (:func:`nlu.job_offer.read_offer`)."""
    return lambda name: lookup(session, name, today).outcome == "licensed"


def with_register_check(session: Session, intake: dict[str, Any], today: date) -> dict[str, Any]:
    """A form's answers with what the register says of the agency named in them (``agency_register``), so the
    ticket shows "not licensed" at a glance; unchanged when no agency was named."""
    typed = intake.get("agency")
    if not typed:
        return intake
    return {**intake, "agency_register": lookup(session, str(typed), today).outcome}


def outcome(agency: Agency, today: date) -> Outcome:
    """Licensed, or why not: revoked, suspended, or its licence past its date."""
    if agency.status == "revoked":
        return "revoked"
    if agency.status == "suspended":
        return "suspended"
    if agency.valid_until is not None and agency.valid_until < today:
        return "expired"
    return "licensed"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _date(value: str, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RegisterError(line, f"valid_until must be YYYY-MM-DD, not {value!r}") from None


def _country(value: str, line: int) -> str:
    code = value.upper() if len(value) == 2 and value.isalpha() else parse_country(value)
    if not code:
        raise RegisterError(line, f"unknown country {value!r}")
    return code
