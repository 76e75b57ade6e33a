"""Soak: nothing lost, nothing doubled, across two workers that are killed with SIGKILL and restarted.

``helpdesk serve --workers 2`` runs on a PostgreSQL database of its own against the fake Telegram and Twilio
servers; SOAK_PEOPLE simulated people (default 150) talk to it through signed webhooks, an officer answers
their tickets through the console, and a worker is killed SOAK_KILLS times (default 4) meanwhile (uvicorn's
supervisor starts a new one). When the outbox and the inbox have drained, the database and the fake servers
are counted. Needs SOAK_DATABASE_URL (the database is dropped and created); ``make soak`` sets it.

    SOAK_PEOPLE=2000 SOAK_KILLS=10 make soak
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from tests.fakes.servers import bot_api_app, twilio_app
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, WHATSAPP_FROM
from tests.soak.counts import count, unfinished
from tests.soak.people import TELEGRAM_SECRET, CountingBotApi, CountingTwilio, Ledger, Load, run_people
from tests.web_support import free_port, serve_in_thread

SOAK_DATABASE_URL = os.environ.get("SOAK_DATABASE_URL", "")
PEOPLE = int(os.environ.get("SOAK_PEOPLE", "150"))
KILLS = int(os.environ.get("SOAK_KILLS", "4"))
ROOT = Path(__file__).resolve().parents[2]
HELPDESK = ROOT / ".venv" / "bin" / "helpdesk"
OFFICER, PASSWORD = "soak-officer", "soak-password-123"

# Opt-in: without SOAK_DATABASE_URL the suite's conftest deselects this test (make soak sets it).
pytestmark = pytest.mark.soak


def fresh_database(url: str) -> Engine:
    base, name = url.rsplit("/", 1)
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return create_engine(url)


def workers(server: subprocess.Popen[bytes]) -> list[int]:
    """The uvicorn worker processes under the supervisor ``server``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == server.pid and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def helpdesk(
    tmp_path: Path,
) -> Iterator[tuple[str, Engine, CountingBotApi, CountingTwilio, subprocess.Popen[bytes]]]:
    engine = fresh_database(SOAK_DATABASE_URL)
    bot_api, twilio = CountingBotApi(), CountingTwilio()
    port = free_port()
    with (
        serve_in_thread(bot_api_app(bot_api)) as telegram_url,
        serve_in_thread(twilio_app(twilio)) as twilio_url,
    ):
        env = {
            **os.environ,
            "DATABASE_URL": SOAK_DATABASE_URL,
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "TELEGRAM_BOT_TOKEN": "123456:soak",
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            "TELEGRAM_API_BASE_URL": telegram_url,
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
            "TWILIO_API_BASE_URL": twilio_url,
            "SECRET_KEY": "soak-secret-key",
            "DATA_DIR": str(tmp_path / "data"),
            "LOG_LEVEL": "WARNING",
            "FAQ_SEMANTIC": "off",  # the e5 stage costs CPU, not correctness; the soak is about delivery
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        }
        (tmp_path / "metrics").mkdir()
        subprocess.run([str(HELPDESK), "db", "upgrade"], env=env, check=True, capture_output=True)
        subprocess.run(
            [str(HELPDESK), "officers", "add", OFFICER, "--role", "admin", "--password-stdin"],
            env=env,
            input=PASSWORD.encode(),
            check=True,
            capture_output=True,
        )
        command = [str(HELPDESK), "serve", "--port", str(port), "--workers", "2"]
        server = subprocess.Popen(command, env=env, cwd=tmp_path)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_up(base_url, server)
            yield base_url, engine, bot_api, twilio, server
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            engine.dispose()


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "helpdesk serve exited"
        try:
            if httpx.get(base_url + "/healthz", timeout=2).status_code == 200 and len(workers(server)) == 2:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("helpdesk serve did not start")


class Officer(threading.Thread):
    """An officer logged in to the console, answering the tickets of people who finished their script (an
    answer mid-form would change what the script expects). A reply post that got no answer is not repeated,
    as a person would look at the ticket first; the replies acknowledged are counted."""

    def __init__(self, base_url: str, engine: Engine, finished: set[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base_url, self.engine, self.finished, self.stop = base_url, engine, finished, stop
        self.acknowledged: set[str] = set()
        self.answered: set[str] = set()
        self.errors = 0

    def run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=20) as client:
            token = self._login(client)
            while not self.stop.is_set() or self._waiting():
                for ref in self._waiting():
                    self._reply(client, token, ref)
                time.sleep(0.5)

    def _login(self, client: httpx.Client) -> str:
        page = client.get("/console/login")
        client.post(
            "/console/login",
            data={"username": OFFICER, "password": PASSWORD, "csrf": _csrf(page.text)},
        )
        return _csrf(client.get("/console/").text)

    def _waiting(self) -> list[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT t.ref, c.chat_id FROM ticket t JOIN conversation c ON c.contact_id = t.contact_id"
                )
            ).all()
        return [ref for ref, chat in rows if chat in self.finished and ref not in self.answered]

    def _reply(self, client: httpx.Client, token: str, ref: str) -> None:
        mark = f"soak-{ref}"
        self.answered.add(ref)
        data = {"csrf": token, "text": f"Kami sedang menangani laporan Anda. {mark}", "confirm_night": "1"}
        try:
            response = client.post(f"/console/t/{ref}/reply", data=data)
        except httpx.HTTPError:
            self.errors += 1
            return
        if response.status_code in (200, 303):
            self.acknowledged.add(mark)
        else:
            self.errors += 1


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the console page"
    return match.group(1)


class Killer(threading.Thread):
    """Kills a random worker with SIGKILL every ``every`` seconds, ``times`` times, waiting for its successor."""

    def __init__(self, server: subprocess.Popen[bytes], times: int, every: float, rng: random.Random) -> None:
        super().__init__(daemon=True)
        self.server, self.times, self.every, self.rng = server, times, every, rng
        self.kills = 0

    def run(self) -> None:
        for _ in range(self.times):
            time.sleep(self.every)
            alive = workers(self.server)
            if not alive:
                continue
            os.kill(self.rng.choice(alive), signal.SIGKILL)
            self.kills += 1
            deadline = time.monotonic() + 60
            while len(workers(self.server)) < 2 and time.monotonic() < deadline:
                time.sleep(0.2)


def test_nothing_is_lost_or_doubled_across_two_workers_killed_several_times(helpdesk) -> None:  # type: ignore[no-untyped-def]
    base_url, engine, bot_api, twilio, server = helpdesk
    rng = random.Random(20251)
    ledger = Ledger()
    load = Load(base_url, bot_api, twilio, ledger, rng, engine)
    stop = threading.Event()
    officer = Officer(base_url, engine, ledger.finished, stop)
    ramp = max(10.0, PEOPLE / 10)
    killer = Killer(server, KILLS, every=ramp / max(KILLS, 1) + 2, rng=rng)
    started = time.monotonic()
    officer.start()
    killer.start()
    asyncio.run(run_people(load, PEOPLE, ramp))
    killer.join()
    stop.set()
    officer.join(timeout=300)
    deadline = time.monotonic() + 240
    while unfinished(engine) and time.monotonic() < deadline:
        time.sleep(1)
    elapsed = time.monotonic() - started
    counts = count(engine, ledger, bot_api, twilio, officer.acknowledged)

    print(
        f"\nsoak: {PEOPLE} people ({dict(ledger.people)}), {elapsed:.0f} s, {killer.kills} workers killed\n"
        f"  webhook deliveries {ledger.deliveries} (retries {ledger.retries}, replays {ledger.replays}, "
        f"given up {ledger.gave_up}), answers that took over {load.answer_wait:.0f} s {ledger.unanswered}\n"
        f"  inbound: acknowledged {counts.inbound_acknowledged}, stored {counts.inbound_stored}, "
        f"lost {counts.inbound_lost}, doubled {counts.inbound_doubled}\n"
        f"  outbound: rows {counts.outbound_rows}, delivered {counts.outbound_delivered}, "
        f"lost {counts.outbound_lost}, doubled {counts.outbound_doubled}, sent again after a kill between "
        f"the peer's accept and our record (the documented window) {counts.outbound_doubled_crash_window}\n"
        f"  officer replies: acknowledged {counts.officer_replies}, lost {counts.officer_replies_lost}, "
        f"doubled {counts.officer_replies_doubled} (posts without an answer: {officer.errors})\n"
        f"  tickets {counts.tickets}, stuck conversations {counts.stuck_conversations}"
    )
    assert killer.kills == KILLS
    assert ledger.gave_up == 0
    assert counts.problems() == {}
