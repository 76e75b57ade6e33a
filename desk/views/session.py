"""Login, logout and the interface language."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot import i18n
from bot.clock import utcnow
from bot.config import get_config
from bot.db import retry_dropped, session_scope
from bot.web.body import read_form
from bot.web.security import client_network
from desk import auth
from desk.web import Ctx, local_path, render, set_cookie

log = logging.getLogger(__name__)


async def login(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    return await run_in_threadpool(_login, request, form)


@retry_dropped
def _login(request: Request, form: FormData | None) -> Response:
    language = i18n.normalise_language(request.query_params.get("lang"))
    with i18n.use_language(language):
        if form is None:
            return _login_page(request)
        if not auth.csrf_ok(request.cookies.get(auth.LOGIN_CSRF_COOKIE), form.get("csrf")):
            return PlainTextResponse("invalid CSRF token", status_code=403)
        asked = str(form.get("next", ""))
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        username = username.replace("\x00", "\ufffd")  # no account's name; PostgreSQL refuses a NUL
        now = utcnow()
        with session_scope() as db:
            address = client_network(request.scope)
            result = auth.authenticate(db, username, password, get_config().console, now, address)
            if result.officer is None:  # one answer for every refusal: it tells no one which accounts exist
                locked = result.locked_until is not None and result.locked_until > now
                log.info("console login refused%s", " (account locked)" if locked else "")
                return _login_page(request, error="invalid", status_code=401)
            cookie = auth.start_session(db, result.officer, now)
            log.info("officer %s logged in", result.officer.id)
    response = RedirectResponse(local_path(asked), status_code=303)
    set_cookie(response, request, auth.COOKIE, cookie, max_age=None)
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/console")
    return response


def _login_page(request: Request, error: str = "", status_code: int = 200) -> Response:
    token = auth.new_token()
    asked = request.query_params.get("next", "")
    response = render(
        request, "login.html", status_code, csrf=token, error=error, officer=None, next=local_path(asked, "")
    )
    set_cookie(response, request, auth.LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


def logout(ctx: Ctx) -> Response:
    auth.end_session(ctx.db, ctx.login)
    response = ctx.redirect("/console/login")
    response.delete_cookie(auth.COOKIE, path="/console")
    return response


def language(ctx: Ctx) -> Response:
    ctx.officer.language = i18n.normalise_language(ctx.field("language"))
    ctx.db.add(ctx.officer)
    return ctx.redirect(local_path(ctx.field("next")))
