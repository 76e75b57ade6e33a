"""Test fixtures: a fresh database per test (SQLite by default, PostgreSQL when TEST_DATABASE_URL is set),
and a :class:`Chat` that talks to the engine the way a person does."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from app import wiring
from bot import config, db, keys
from faq import store
from tests.support import Chat

pytest_plugins = ["tests.web_support"]
wiring.install()  # the flows and the FAQ seed, as every entry point hands them to the runtime

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def _reset_caches() -> None:
    config.get_settings.cache_clear()
    config.get_config.cache_clear()
    db.get_engine.cache_clear()
    keys.secret_key.cache_clear()
    keys.data_keys.cache_clear()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once keeps the suite fast)."""
    path = tmp_path_factory.mktemp("template") / "helpdesk.db"
    engine = db.make_engine(f"sqlite:///{path}")
    os.environ["SECRET_KEY"] = "test-secret"
    _reset_caches()
    db.upgrade(engine)
    store.seed_if_empty(engine=engine)  # the shipped FAQ, as helpdesk's first start gives it
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> bool:
    if not TEST_DATABASE_URL:
        return False
    engine = db.make_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    engine.dispose()
    return True


@pytest.fixture(autouse=True)
def database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[str]:
    """Every test gets an empty, migrated database and its own data folder."""
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    if TEST_DATABASE_URL:
        request.getfixturevalue("postgres_migrated")
        url = TEST_DATABASE_URL
        engine = db.make_engine(url)
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables if t.name != "queue")
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        seed = True
    else:
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "helpdesk.db"
        shutil.copy(template, path)
        url = f"sqlite:///{path}"
        seed = False
    monkeypatch.setenv("DATABASE_URL", url)
    _reset_caches()
    db.sync_queues(config.get_config())
    if seed:
        store.seed_if_empty()
    yield url
    db.get_engine().dispose()
    _reset_caches()


@pytest.fixture
def chat() -> Chat:
    return Chat()
