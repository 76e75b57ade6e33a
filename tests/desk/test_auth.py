"""Login, lockout with back-off, sessions, cookies, CSRF and security headers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import OfficerSession
from desk import auth
from tests.desk.conftest import PASSWORD, add_officer


def test_officer_logs_in_with_right_password_and_not_with_wrong(console) -> None:
    add_officer("ani")
    view = console()
    assert view.login("ani", "wrong password!").status_code == 401
    assert view.login("ani").status_code == 303
    assert view.get("/console/").status_code == 200


def test_console_pages_need_a_login(console) -> None:
    response = console().get("/console/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login"


def test_session_cookie_is_httponly_and_samesite_lax_and_secure_on_https(console) -> None:
    add_officer("ani")
    plain = console().login("ani").headers["set-cookie"]
    assert "HttpOnly" in plain and "SameSite=lax" in plain and "Secure" not in plain
    view = console(base_url="https://testserver")
    secure = view.login("ani").headers["set-cookie"]
    assert "Secure" in secure


def test_post_without_csrf_token_is_refused(console) -> None:
    add_officer("ani")
    view = console("ani")
    response = view.client.post("/console/logout", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert view.client.post("/console/logout", data={"csrf": "forged"}).status_code == 403
    assert view.get("/console/").status_code == 200  # still logged in


def test_login_form_without_its_csrf_cookie_is_refused(console) -> None:
    add_officer("ani")
    view = console()
    response = view.client.post("/console/login", data={"username": "ani", "password": PASSWORD, "csrf": "x"})
    assert response.status_code == 403


def test_repeated_failures_lock_the_account_with_growing_back_off() -> None:
    add_officer("ani")
    policy = get_config().console
    now = utcnow()
    with session_scope() as db:
        for _ in range(policy.lockout_after_failures):
            result = auth.authenticate(db, "ani", "wrong password!", policy, now)
        assert result.locked_until == now + timedelta(seconds=policy.lockout_base_seconds)
        # while locked, even the right password is refused
        assert auth.authenticate(db, "ani", PASSWORD, policy, now).officer is None
        later = now + timedelta(seconds=policy.lockout_base_seconds + 1)
        second = auth.authenticate(db, "ani", "wrong again!!", policy, later)
        assert second.locked_until == later + timedelta(seconds=policy.lockout_base_seconds * 2)
        after = later + timedelta(seconds=policy.lockout_base_seconds * 2 + 1)
        assert auth.authenticate(db, "ani", PASSWORD, policy, after).officer is not None
        assert auth.authenticate(db, "ani", "wrong password!", policy, after).locked_until is None


def test_locked_account_sees_lockout_message(console) -> None:
    add_officer("ani")
    view = console()
    for _ in range(get_config().console.lockout_after_failures):
        view.login("ani", "wrong password!")
    response = view.login("ani")
    assert response.status_code == 401
    assert "dikunci" in response.text


def test_idle_and_old_sessions_expire() -> None:
    officer_id = add_officer("ani")
    policy = get_config().console
    now = utcnow()
    with session_scope() as db:
        from bot.models import Officer

        cookie = auth.start_session(db, db.get(Officer, officer_id), now)  # type: ignore[arg-type]
    with session_scope() as db:
        assert auth.load_session(db, cookie, policy, now + timedelta(minutes=5)) is not None
    with session_scope() as db:
        idle = now + timedelta(minutes=5 + policy.session_idle_minutes + 1)
        assert auth.load_session(db, cookie, policy, idle) is None
        assert db.exec(select(OfficerSession)).first() is None  # the expired row is gone


def test_logout_ends_the_session(console) -> None:
    add_officer("ani")
    view = console("ani")
    cookie = view.client.cookies.get(auth.COOKIE)
    assert view.post("/console/logout").status_code == 303
    view.client.cookies.set(auth.COOKIE, cookie, path="/console")
    assert view.get("/console/", follow_redirects=False).status_code == 303


def test_tampered_cookie_is_not_a_session(console) -> None:
    add_officer("ani")
    view = console("ani")
    cookie = view.client.cookies.get(auth.COOKIE)
    view.client.cookies.clear()
    view.client.cookies.set(auth.COOKIE, cookie[:-2] + "xx", path="/console")
    assert view.get("/console/", follow_redirects=False).status_code == 303


def test_short_passwords_are_refused() -> None:
    with pytest.raises(ValueError):
        auth.hash_password("short")
