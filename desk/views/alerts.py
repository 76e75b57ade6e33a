"""Alerts for supervisors: write a warning for one destination country and language, preview it with the
number of subscribers it reaches, send it through the outbox, and follow its delivery."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.responses import Response

from bot import alerts
from bot.config import get_settings
from bot.i18n import LANGUAGES, current_language
from bot.models import Alert
from desk import labels
from desk.web import Ctx
from nlu.parsing import country_name
from nlu.parsing.countries import DESTINATIONS

MAX_TEXT = 1500  # one WhatsApp message


def show(ctx: Ctx, *, draft: dict[str, str] | None = None, error: str = "") -> Response:
    sent = ctx.db.exec(select(Alert).order_by(col(Alert.created_at).desc()).limit(50)).all()
    preview = None
    if draft and not error:
        preview = len(alerts.recipients(ctx.db, draft["country"], draft["language"]))
    return ctx.render(
        "alerts.html",
        countries=sorted(
            ((code, country_name(code, current_language())) for code in DESTINATIONS), key=lambda c: c[1]
        ),
        languages=LANGUAGES,
        draft=draft or {"country": "", "language": "id", "text": ""},
        preview=preview,
        error=error,
        sent=[(alert, alerts.delivery(ctx.db, alert)) for alert in sent],
        delivery_labels=labels.ALERT_DELIVERY_LABELS,
        country_names={alert.country: country_name(alert.country, current_language()) for alert in sent},
    )


def _draft(ctx: Ctx) -> tuple[dict[str, str], str]:
    draft = {
        "country": ctx.field("country").upper(),
        "language": ctx.field("language"),
        "text": ctx.field("text").strip()[:MAX_TEXT],
    }
    if draft["country"] not in DESTINATIONS or draft["language"] not in LANGUAGES:
        return draft, "country"
    if not draft["text"]:
        return draft, "text"
    return draft, ""


def preview(ctx: Ctx) -> Response:
    draft, error = _draft(ctx)
    return show(ctx, draft=draft, error=error)


def send(ctx: Ctx) -> Response:
    draft, error = _draft(ctx)
    if error:
        return show(ctx, draft=draft, error=error)
    alerts.send(
        ctx.db,
        country=draft["country"],
        language=draft["language"],
        text=draft["text"],
        author=ctx.actor,
        alert_template=get_settings().twilio_alert_template_sid,
        now=ctx.now,
    )
    return ctx.redirect("/console/alerts")
