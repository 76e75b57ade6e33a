"""The console's plumbing: one wrapper runs every view with the officer's session, CSRF check, role check,
language and a database transaction; templates are Jinja2 with autoescape and the bot's gettext catalog."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from bot import actors, i18n
from bot.clock import utcnow
from bot.config import ConsolePolicy, get_config
from bot.db import retry_dropped, session_scope
from bot.markup import configured_short_numbers, to_html
from bot.models import Officer, OfficerSession
from bot.web.body import read_form
from bot.web.params import row_id
from bot.web.security import is_https
from desk import auth, durations, labels, mentions
from desk.permissions import ROLE_LABELS, conceal_identity
from nlu.text import storable

HERE = Path(__file__).resolve().parent


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]  # added by the i18n extension
    env.globals["fmt_datetime"] = i18n.fmt_datetime
    env.globals["urlencode"] = urlencode
    env.filters["conceal_pin"] = conceal_pin
    env.filters["conceal_identity"] = conceal_identity
    env.filters["markup"] = markup
    env.globals["role_labels"] = ROLE_LABELS
    env.globals["labels"] = labels
    env.globals["time_left"] = durations.time_left
    env.globals["span"] = durations.span
    return env


_PIN = re.compile(r"(\bPIN\W{0,3})\d{6}\b")


def conceal_pin(text: str) -> str:
    """A ticket PIN in the bot's message hidden from officers: it lets its holder check the report from another
    chat, and an officer never needs it."""
    return _PIN.sub(r"\1••••••", text)


def markup(text: str) -> Markup:
    """A message as safe HTML with the bot's markup, phone numbers and web addresses rendered, as the web
    chat shows it."""
    return to_html(text, configured_short_numbers())


TEMPLATES = _templates()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(name).render(request=request, lang=i18n.current_language(), **context)
    return HTMLResponse(html, status_code=status_code)


def secure_cookies(request: Request) -> bool:
    """Secure cookies when served over https (directly or behind a proxy) or when configured for https."""
    return is_https(request.scope)


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/console",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )


@dataclass
class Ctx:
    """What a console view gets: the request, its form, the signed-in officer and an open transaction."""

    request: Request
    db: Session
    officer: Officer
    login: OfficerSession
    form: FormData | None
    now: datetime = field(default_factory=utcnow)

    @property
    def actor(self) -> str:
        return actors.officer(self.officer.id)

    @property
    def policy(self) -> ConsolePolicy:
        return get_config().console

    def field(self, name: str, default: str = "") -> str:
        """A text field as every database can store it (no NUL: PostgreSQL refuses it in text and JSON)."""
        value = self.form.get(name, default) if self.form is not None else default
        return storable(value) if isinstance(value, str) else default

    def path_id(self, name: str) -> int | None:
        """A numeric id from the URL, or None when no row can have it (beyond a 64-bit integer)."""
        return row_id(self.request.path_params[name])

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        assert self.officer.id is not None
        return render(
            self.request,
            name,
            status_code,
            officer=self.officer,
            csrf=self.login.csrf_token,
            unread_mentions=mentions.unread_count(self.db, self.officer),
            **context,
        )

    def fragment(self, name: str, **context: Any) -> str:
        """A partial template as HTML text, for the live updates' JSON."""
        return TEMPLATES.get_template(name).render(
            request=self.request, lang=i18n.current_language(), **context
        )

    def redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)


View = Callable[[Ctx], Response]


def page(
    view: View, *, allow: Callable[[Officer], bool] | None = None
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a synchronous view: signed-in officer required (else the login page), CSRF token on every POST,
    ``allow`` for role checks. The view runs in a worker thread inside one transaction."""

    async def endpoint(request: Request) -> Response:
        form = await read_form(request) if request.method == "POST" else None
        return await run_in_threadpool(_run, view, allow, request, form)

    return endpoint


@retry_dropped
def _run(
    view: View, allow: Callable[[Officer], bool] | None, request: Request, form: FormData | None
) -> Response:
    now = utcnow()
    with session_scope() as db:
        found = auth.load_session(db, request.cookies.get(auth.COOKIE), get_config().console, now)
        if found is None:
            if request.method == "GET":
                asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                back = "" if asked == "/console/" else "?" + urlencode({"next": asked})
                return RedirectResponse(f"/console/login{back}", status_code=303)
            return PlainTextResponse("login required", status_code=401)
        login, officer = found
        if form is not None and not auth.csrf_ok(login.csrf_token, form.get("csrf")):
            return PlainTextResponse("invalid CSRF token", status_code=403)
        with i18n.use_language(officer.language):
            if allow is not None and not allow(officer):
                return forbidden(request, officer, login)
            return view(Ctx(request=request, db=db, officer=officer, login=login, form=form, now=now))


def local_path(url: str, default: str = "/console/") -> str:
    """``url`` if it is a path inside the console, else ``default``: a link cannot send an officer who logs
    in (or switches language) to another site."""
    parts = urlsplit(url)
    inside = not (parts.scheme or parts.netloc) and parts.path.startswith("/console/")
    return url if inside and "\\" not in url and not url.startswith("//") else default


def forbidden(request: Request, officer: Officer, login: OfficerSession) -> HTMLResponse:
    return render(request, "error.html", 403, officer=officer, csrf=login.csrf_token, code=403)


def not_found(ctx: Ctx) -> HTMLResponse:
    """Missing and not-yours look the same, so URLs do not reveal which references exist."""
    return ctx.render("error.html", 404, code=404)
