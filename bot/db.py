"""One way to open a session: ``with session_scope() as session``. One way to get the schema: migrations."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine, select

from bot import hooks
from bot.clock import utcnow
from bot.config import HelpdeskConfig, get_config, get_settings
from bot.models import Lease, Queue

if TYPE_CHECKING:  # alembic is imported only when there is a migration to run
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
P = ParamSpec("P")
R = TypeVar("R")


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs to serialise conversation updates."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite_begin_immediate(engine)
        return engine
    # No pool_pre_ping: a connection the server dropped fails its first statement, SQLAlchemy then empties the
    # pool, and bot.engine.handle runs the turn again (the outbox and the scheduler retry on their own).
    return create_engine(url, pool_size=10, max_overflow=10)


def _sqlite_begin_immediate(engine: Engine) -> None:
    """Take SQLite's write lock when a transaction starts, not at its first write, so two processes
    handling the same chat wait for each other instead of failing with 'database is locked' mid-turn."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # freed pages zeroed: erased texts do not linger
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back if it raises."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, session.begin():
        yield session


HEALTH_LEASE = "healthz"


def database_writable(engine: Engine | None = None) -> None:
    """Commit one small write (the ``healthz`` row of the lease table); raises when the database cannot."""
    from sqlalchemy.dialects import postgresql, sqlite

    engine = engine or get_engine()
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    now = utcnow()
    statement = (
        dialect.insert(Lease)
        .values(name=HEALTH_LEASE, holder="healthz", expires_at=now)
        .on_conflict_do_update(index_elements=["name"], set_={"expires_at": now})
    )
    with session_scope(engine) as session:
        session.exec(statement)


def retry_dropped(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` (one whole transaction) once more when its connection turns out to have been dropped by
    the server (a restart, a failover): SQLAlchemy has then emptied the pool, so the second run gets a new
    connection. What :func:`bot.engine.handle` does for turns, for webhooks, the web chat and console views;
    it stands in for ``pool_pre_ping``, which costs a round trip on every checkout."""

    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
        return func(*args, **kwargs)

    return run


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine | None = None) -> None:
    """Bring the schema up to date and mirror the configured queues into the database. Every command calls
    this, so a database already at the newest migration is told by one query, without loading alembic."""
    engine = engine or get_engine()
    if applied_revisions(engine) != head_revisions():
        from alembic import command

        with engine.begin() as connection:
            cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    sync_queues(get_config(), engine)


def ensure_schema() -> None:
    """What every command that touches the database calls first: the schema brought up to date (cheap when it
    is current), then the seeding steps the composition root registered (:func:`bot.hooks.after_upgrade`: an
    empty knowledge base gets the shipped FAQ)."""
    upgrade(get_engine())
    for step in hooks.seeding_steps():
        step()


def applied_revisions(engine: Engine) -> frozenset[str]:
    """The revisions alembic recorded in the database (none before the first migration)."""
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "alembic_version"):
            return frozenset()
        return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def head_revisions() -> frozenset[str]:
    """The newest revisions in ``migrations/versions``: those no other migration follows. Read from each
    script's ``revision`` and ``down_revision`` assignments, as alembic reads them, without importing it."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _assignments(ast.parse(path.read_text(encoding="utf-8"))):
            if name == "revision":
                revisions.add(str(value))
            elif name == "down_revision" and isinstance(value, str):
                followed.add(value)
            elif name == "down_revision" and isinstance(value, tuple):  # a merge of branches
                followed.update(str(item) for item in value)
    return frozenset(revisions - followed)


def _assignments(module: ast.Module) -> Iterator[tuple[str, object]]:
    """``name = literal`` and ``name: type = literal`` at a module's top level."""
    for node in module.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            yield target.id, ast.literal_eval(value)


def sync_queues(config: HelpdeskConfig, engine: Engine | None = None) -> None:
    with session_scope(engine) as session:
        existing = {queue.name: queue for queue in session.exec(select(Queue))}
        for name, spec in config.queues.items():
            row = existing.get(name) or Queue(
                name=name, label=spec.label, first_response_hours=0, resolution_hours=0
            )
            row.label = spec.label
            row.first_response_hours = spec.first_response_hours
            row.resolution_hours = spec.resolution_hours
            session.add(row)
