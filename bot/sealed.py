"""Column types that keep identity numbers typed in free text encrypted at rest (see :func:`bot.pii.seal_text`).

Values are sealed when written and unsealed when read, so handlers, delivery and the person's export work on
the text as typed, while the database, its backups and anyone with SQL access see only tokens. Comparisons
(the console's ILIKE search) bind their operand unsealed: a number is found through its blind index instead
(:func:`bot.pii.text_index`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import JSON, MetaData
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel.sql.sqltypes import AutoString

from bot import pii


def walk(value: Any, change: Any) -> Any:
    """``value`` (JSON) with ``change`` applied to every string in it, keys excepted."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {key: walk(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [walk(item, change) for item in value]
    return value


class SealedText(TypeDecorator[str]):
    """Text with its passport numbers and NIK sealed."""

    impl = AutoString
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else pii.seal_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else pii.unseal_text(value)

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        return AutoString()


class SealedJSON(TypeDecorator[Any]):
    """JSON whose strings have their passport numbers and NIK sealed."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return walk(value, pii.seal_text)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return walk(value, pii.unseal_text)

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        return JSON()


#: table -> (text columns, JSON columns): where bot.models uses these types
Columns = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


def sealed_columns(metadata: MetaData) -> Columns:
    """The columns of ``metadata`` declared with these types."""
    found: Columns = {}
    for table in metadata.sorted_tables:
        texts = tuple(c.name for c in table.columns if isinstance(c.type, SealedText))
        jsons = tuple(c.name for c in table.columns if isinstance(c.type, SealedJSON))
        if texts or jsons:
            found[table.name] = (texts, jsons)
    return found


def rewrite(connection: Connection, columns: Columns, change: Callable[[str], str]) -> int:
    """Apply ``change`` to every string stored in ``columns`` as the database holds it (tokens, not clear
    text), row by row; returns how many rows changed. Migrations seal and unseal with it, key rotation
    re-encrypts."""
    changed = 0
    for name, (texts, jsons) in columns.items():
        table = sa.table(
            name,
            sa.column("id"),
            *(sa.column(c, sa.Text) for c in texts),
            *(sa.column(c, JSON) for c in jsons),
        )
        stored = [table.c[c] for c in (*texts, *jsons)]
        for row in connection.execute(sa.select(table.c.id, *stored)).all():
            values = {c.name: walk(getattr(row, c.name), change) for c in stored}
            values = {key: value for key, value in values.items() if value != getattr(row, key)}
            if values:
                connection.execute(table.update().where(table.c.id == row.id).values(**values))
                changed += 1
    return changed


def reseal_text(text: str) -> str:
    """``text`` (as stored) encrypted again under the current key, with the current index key's hashes."""
    return pii.seal_text(pii.unseal_text(text))
