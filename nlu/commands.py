"""Words people type instead of pressing buttons, folded (see :func:`nlu.text.fold`), read from the
``commands`` section of the shared vocabulary. Indonesian, informal spellings, Javanese/Malay forms and English
side by side, because people mix them."""

from __future__ import annotations

from nlu.normalize import vocabulary_section
from nlu.text import fold


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(str(word)) for word in vocabulary_section("commands")[name])


MENU = _words("menu")
CANCEL = _words("cancel")
BACK = _words("back")
UNKNOWN = _words("unknown")
""""I don't know": the answer of a field that allows it, a skip of an optional field otherwise."""
SKIP = _words("skip") | UNKNOWN
YES = _words("yes")
NO = _words("no")
DONE = _words("done")
