"""The unit the matcher indexes: one FAQ entry with its phrasings, in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Entry:
    id: str
    question: str
    variants: tuple[str, ...] = ()
    answer: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.question, *self.variants)


def load_entries(path: str | Path) -> list[Entry]:
    """Read a flat FAQ file (``locale`` + ``entries``), the format of the shared evaluation sets."""
    with Path(path).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return [
        Entry(
            id=str(item["id"]),
            question=str(item["question"]),
            variants=tuple(str(v) for v in item.get("variants") or ()),
            answer=str(item.get("answer") or ""),
            tags=tuple(str(t) for t in item.get("tags") or ()),
        )
        for item in data.get("entries") or ()
    ]
