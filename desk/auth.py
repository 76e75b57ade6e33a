"""Passwords, login with lockout, console sessions and CSRF tokens.

The session cookie holds a random token signed with the server key; the database keeps only its SHA-256, so
a copy of the database does not let anyone in. Each session has its own CSRF token, checked on every POST.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, col, delete, select

from bot import throttle
from bot.config import ConsolePolicy
from bot.keys import secret_key
from bot.models import Officer, OfficerSession

COOKIE = "desk_session"
LOGIN_CSRF_COOKIE = "desk_login_csrf"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified instead of a real hash when no account's password is checked (unknown name, locked account,
    throttled address), so refusals take as long as a wrong password. Made once, at the first login, not at
    import (an argon2 hash costs a fifth of a second)."""
    return _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def _password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class LoginResult:
    """``locked_until`` is the account's lock, for the server's log only: the person is told the same for
    every refusal."""

    officer: Officer | None
    locked_until: datetime | None = None


def authenticate(
    db: Session, username: str, password: str, policy: ConsolePolicy, now: datetime, address: str
) -> LoginResult:
    """Check a password from client network ``address``.

    After ``lockout_after_failures`` wrong ones the account is locked for a back-off that doubles with each
    further failure; while locked, even the right password is refused. After ``login_per_address`` failures
    (any account, known or not) the address is refused before any account is looked at, so its attempts no
    longer count on (and lock) an officer's account. The address's and the account's rows are locked for the
    whole check (address first, then account, always in that order): parallel attempts are checked one after
    another against the count the ones before left, and every failure is counted. Every refusal verifies a
    password hash, so none is quicker than another."""
    gate = throttle.hold(db, f"login:{address}", policy.login_per_address, now)
    if gate.locked:
        _password_matches(_dummy_hash(), password)
        return LoginResult(None)
    officer = db.exec(
        select(Officer).where(Officer.username == username.strip().lower()).with_for_update()
    ).first()
    if officer is None or not officer.active or _locked(officer, now):
        _password_matches(_dummy_hash(), password)
        gate.fail()
        return LoginResult(None, officer.locked_until if officer is not None else None)
    if _password_matches(officer.password_hash, password):
        officer.failed_logins, officer.locked_until = 0, None
        if _hasher.check_needs_rehash(officer.password_hash):
            officer.password_hash = _hasher.hash(password)
        db.add(officer)
        return LoginResult(officer)
    gate.fail()
    _count_failure(officer, policy, now)
    db.add(officer)
    return LoginResult(None, officer.locked_until)


def _locked(officer: Officer, now: datetime) -> bool:
    return officer.locked_until is not None and officer.locked_until > now


def _count_failure(officer: Officer, policy: ConsolePolicy, now: datetime) -> None:
    """One more wrong password on ``officer`` (whose row the caller holds locked)."""
    officer.failed_logins += 1
    excess = officer.failed_logins - policy.lockout_after_failures
    if excess >= 0:
        delay = min(policy.lockout_base_seconds * 2**excess, policy.lockout_max_seconds)
        officer.locked_until = now + timedelta(seconds=delay)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(secret_key(), salt="desk-session")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Session, officer: Officer, now: datetime) -> str:
    """Create a session and return the cookie value."""
    assert officer.id is not None
    token = secrets.token_urlsafe(32)
    db.add(
        OfficerSession(
            id=_digest(token),
            officer_id=officer.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    return _serializer().dumps(token)


def load_session(
    db: Session, cookie: str | None, policy: ConsolePolicy, now: datetime
) -> tuple[OfficerSession, Officer] | None:
    """The live session behind ``cookie``; expired sessions (idle or too old) are deleted."""
    if not cookie:
        return None
    try:
        token = _serializer().loads(cookie)
    except BadSignature:
        return None
    row = db.get(OfficerSession, _digest(str(token)))
    if row is None:
        return None
    officer = db.get(Officer, row.officer_id)
    idle = now - row.last_seen_at > timedelta(minutes=policy.session_idle_minutes)
    old = now - row.created_at > timedelta(hours=policy.session_max_hours)
    if officer is None or not officer.active or idle or old:
        db.delete(row)
        return None
    if now - row.last_seen_at > timedelta(minutes=1):  # one write a minute at most, not one per request
        row.last_seen_at = now
        db.add(row)
    return row, officer


def end_session(db: Session, row: OfficerSession) -> None:
    db.delete(row)


def end_all_sessions(db: Session, officer_id: int) -> None:
    """Log an officer out everywhere (password change, account disabled)."""
    db.exec(delete(OfficerSession).where(col(OfficerSession.officer_id) == officer_id))


def csrf_ok(expected: str | None, submitted: object) -> bool:
    return bool(expected) and isinstance(submitted, str) and hmac.compare_digest(expected or "", submitted)


def new_token() -> str:
    return secrets.token_urlsafe(32)
