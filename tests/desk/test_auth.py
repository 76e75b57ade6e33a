"""Login, lockout with back-off, sessions, cookies, CSRF and security headers."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Officer, OfficerSession, Throttle
from desk import auth
from tests.desk.conftest import PASSWORD, add_officer

ADDRESS = "203.0.113.1"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """argon2 with small parameters: these tests check hundreds of passwords on a shared 2-core machine;
    what they assert (which hashes are checked, what is counted) does not depend on the cost."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    auth._dummy_hash.cache_clear()
    yield
    auth._dummy_hash.cache_clear()


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
            result = auth.authenticate(db, "ani", "wrong password!", policy, now, ADDRESS)
        assert result.locked_until == now + timedelta(seconds=policy.lockout_base_seconds)
        # while locked, even the right password is refused
        assert auth.authenticate(db, "ani", PASSWORD, policy, now, ADDRESS).officer is None
        later = now + timedelta(seconds=policy.lockout_base_seconds + 1)
        second = auth.authenticate(db, "ani", "wrong again!!", policy, later, ADDRESS)
        assert second.locked_until == later + timedelta(seconds=policy.lockout_base_seconds * 2)
        after = later + timedelta(seconds=policy.lockout_base_seconds * 2 + 1)
        assert auth.authenticate(db, "ani", PASSWORD, policy, after, ADDRESS).officer is not None
        assert auth.authenticate(db, "ani", "wrong password!", policy, after, ADDRESS).locked_until is None


def login_error(response) -> str:  # type: ignore[no-untyped-def]
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text)
    assert match, "no error on the page"
    return match.group(1)


def test_a_locked_account_and_an_unknown_one_get_the_same_answer(console) -> None:
    add_officer("ani")
    view = console()
    wrong = login_error(view.login("ani", "wrong password!"))
    for _ in range(get_config().console.lockout_after_failures):
        view.login("ani", "wrong password!")
    locked, unknown = view.login("ani"), view.login("nobody-here")
    assert locked.status_code == unknown.status_code == 401
    assert login_error(locked) == login_error(unknown) == wrong


def test_every_refusal_verifies_a_password_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown, locked and throttled take as long as a wrong password: each checks one argon2 hash."""
    add_officer("ani")
    checks: list[str] = []
    real = auth._password_matches
    monkeypatch.setattr(
        auth, "_password_matches", lambda stored, pw: checks.append(stored) or real(stored, pw)
    )
    policy = get_config().console
    now = utcnow()
    with session_scope() as db:
        for _ in range(policy.lockout_after_failures):
            auth.authenticate(db, "ani", "wrong password!", policy, now, "198.51.100.1")
        checks.clear()
        auth.authenticate(db, "nobody", PASSWORD, policy, now, "198.51.100.1")  # unknown
        auth.authenticate(db, "ani", PASSWORD, policy, now, "198.51.100.1")  # locked
        for _ in range(policy.login_per_address.failures):
            auth.authenticate(db, "nobody", PASSWORD, policy, now, "198.51.100.2")
        auth.authenticate(db, "ani", PASSWORD, policy, now, "198.51.100.2")  # throttled address
    assert len(checks) == 3 + policy.login_per_address.failures


def test_importing_desk_auth_computes_no_password_hash() -> None:
    probe = (
        "import argon2\n"
        "calls = []\n"
        "real = argon2.PasswordHasher.hash\n"
        "argon2.PasswordHasher.hash = lambda self, *a, **k: calls.append(1) or real(self, *a, **k)\n"
        "import desk.auth\n"
        "assert not calls, 'a hash was computed at import time'\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=Path(__file__).resolve().parents[2])


def test_one_address_cannot_keep_an_officer_locked_out() -> None:
    add_officer("ani")
    policy = get_config().console
    attacker, office = "203.0.113.66", "198.51.100.10"
    now = utcnow()
    with session_scope() as db:
        for _ in range(policy.login_per_address.failures):  # locks ani, then the attacker's address
            auth.authenticate(db, "ani", "wrong password!", policy, now, attacker)
        assert db.exec(select(Officer).where(Officer.username == "ani")).one().failed_logins == (
            policy.lockout_after_failures
        )
    later = now + timedelta(seconds=policy.lockout_base_seconds + 1)  # ani's lock is over, the address's not
    with session_scope() as db:
        for _ in range(5):
            assert auth.authenticate(db, "ani", "wrong password!", policy, later, attacker).officer is None
        assert auth.authenticate(db, "ani", PASSWORD, policy, later, office).officer is not None


def in_parallel(attempts: list[tuple[str, str, str]]) -> list[auth.LoginResult]:
    """Each (user, password, address) on its own thread and connection, all released together."""
    barrier = threading.Barrier(len(attempts))
    results: list[auth.LoginResult] = []
    policy = get_config().console

    def attempt(username: str, password: str, address: str) -> None:
        barrier.wait()
        with session_scope() as db:
            results.append(auth.authenticate(db, username, password, policy, utcnow(), address))

    threads = [threading.Thread(target=attempt, args=args) for args in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(results) == len(attempts), "an attempt failed"
    return results


def test_parallel_wrong_passwords_are_all_counted_and_only_the_allowed_ones_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_officer("ani")
    with session_scope() as db:
        stored = db.exec(select(Officer).where(Officer.username == "ani")).one().password_hash
    checked: list[bool] = []
    real = auth._password_matches
    monkeypatch.setattr(
        auth,
        "_password_matches",
        lambda h, pw: (checked.append(True) if h == stored else None) or real(h, pw),
    )
    in_parallel([("ani", "wrong password!", f"192.0.2.{n}") for n in range(40)])
    limit = get_config().console.lockout_after_failures
    assert len(checked) == limit  # the others found the account locked
    with session_scope() as db:
        ani = db.exec(select(Officer).where(Officer.username == "ani")).one()
        assert ani.failed_logins == limit and ani.locked_until is not None


def test_right_password_after_parallel_wrong_ones_is_refused() -> None:
    add_officer("ani")
    results = in_parallel([("ani", "wrong password!", f"192.0.2.{n}") for n in range(30)])
    assert all(result.officer is None for result in results)
    with session_scope() as db:
        policy = get_config().console
        assert auth.authenticate(db, "ani", PASSWORD, policy, utcnow(), "192.0.2.200").officer is None


def test_parallel_failures_from_one_address_lock_that_address() -> None:
    add_officer("ani")
    policy = get_config().console
    in_parallel([(f"guess-{n}", "wrong password!", "203.0.113.9") for n in range(40)])
    with session_scope() as db:
        row = db.get(Throttle, "login:203.0.113.9")
        assert row is not None and row.failures == policy.login_per_address.failures
        assert auth.authenticate(db, "ani", PASSWORD, policy, utcnow(), "203.0.113.9").officer is None
        assert auth.authenticate(db, "ani", PASSWORD, policy, utcnow(), "203.0.113.10").officer is not None


def test_idle_and_old_sessions_expire() -> None:
    officer_id = add_officer("ani")
    policy = get_config().console
    now = utcnow()
    with session_scope() as db:
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
