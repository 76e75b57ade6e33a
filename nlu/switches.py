"""On/off settings read from the environment, spelt the same way for every switch (``DANGER_MODEL``,
``FAQ_SEMANTIC``): ``on``/``off``, or ``1``/``0``, ``true``/``false``, ``yes``/``no``, any case. A misspelt
value is an error at start-up rather than a silent default."""

from __future__ import annotations

import os

ON = frozenset({"on", "1", "true", "yes"})
OFF = frozenset({"off", "0", "false", "no"})


def switch(name: str, *, default: bool) -> bool:
    """The switch ``name``; ``default`` when it is unset or empty."""
    setting = os.environ.get(name, "").strip().lower()
    if not setting:
        return default
    if setting not in ON | OFF:
        raise ValueError(f"{name} must be 'on' or 'off', not {setting!r}")
    return setting in ON
