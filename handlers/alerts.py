"""Subscribing to warnings for a destination country ("berlangganan taiwan") and stopping them ("berhenti").

Subscribing is the person's own request, so it needs nothing but the country; stopping works at any time outside
a form and takes effect at once (:func:`bot.alerts.unsubscribe` withdraws what was not yet delivered).
"""

from __future__ import annotations

import re

from bot import alerts
from bot.i18n import _, current_language
from bot.turn import Turn
from handlers.start import menu
from nlu.parsing import country_name, parse_country
from nlu.text import fold

STATE = "alerts_country"
_SUBSCRIBE = re.compile(
    r"^(?:/?berlangganan|/?langganan|subscribe|/subscribe|daftar (?:info|peringatan)|langganan (?:info|peringatan)"
    r"|info lowongan|minta info (?:penipuan|lowongan palsu))\b\s*(?:info|peringatan|untuk|ke|di|negara)?\s*(.*)$"
)
STOP_WORDS = frozenset(
    {
        "berhenti",
        "stop",
        "berhenti berlangganan",
        "stop berlangganan",
        "stop info",
        "unsubscribe",
        "/unsubscribe",
        "/stop",
        "jangan kirim lagi",
    }
)


def requested(turn: Turn) -> bool:
    """Answer the message if it subscribes, or stops a subscription the person has."""
    contact_id = turn.contact.id
    assert contact_id is not None
    if turn.says(STOP_WORDS) and alerts.subscribed_countries(turn.session, contact_id):
        alerts.unsubscribe(turn.session, contact_id)
        menu(
            turn,
            _("Anda tidak akan menerima peringatan lagi. Ketik *berlangganan* kapan saja untuk mulai lagi."),
        )
        return True
    found = _SUBSCRIBE.match(fold(turn.text).strip(" .!?"))
    if found is None:
        return False
    country = parse_country(found.group(1)) if found.group(1) else None
    if country is None:
        turn.goto(STATE)
        turn.say(
            _("Peringatan untuk negara tujuan mana? Contoh: Taiwan, Malaysia, Hong Kong."),
            [(_("Menu"), "menu")],
        )
    else:
        _subscribe(turn, country)
    return True


def on_country(turn: Turn) -> None:
    country = parse_country(turn.text) if turn.text else None
    if country is None:
        turn.say(
            _("Maaf, negaranya belum kami kenali. Tulis nama negaranya, misalnya: Taiwan."),
            [(_("Menu"), "menu")],
        )
        return
    _subscribe(turn, country)


def _subscribe(turn: Turn, country: str) -> None:
    contact_id = turn.contact.id
    assert contact_id is not None
    alerts.subscribe(turn.session, contact_id, country)
    turn.goto("menu")
    menu(
        turn,
        _(
            "Anda akan menerima peringatan tentang {country} (misalnya lowongan palsu yang sedang beredar). Ketik "
            "*berhenti* kapan saja untuk berhenti."
        ).format(country=country_name(country, current_language())),
    )
