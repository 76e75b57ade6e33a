"""Personal data never reaches a log line."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.logs import MaskingFormatter, mask
from tests.fakes import eventually
from tests.fakes.servers import bot_api_app
from tests.fakes.telegram import RecordingBotApi, text_update
from tests.web_support import free_port, serve_in_thread


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("passport C1234567 stored", "1234567"),
        ("paspor x 1234567", "1234567"),
        ("nik 3174015501900001 given", "3174015501900001"),
        ("NIK 3174.0155.0190.0001", "0190"),
        ("from whatsapp:+6281234567890", "81234567890"),
        ("call +62 812-3456-7890 now", "3456"),
        ("mail siti.aminah@example.com", "siti.aminah"),
        ('203.0.113.45:51234 - "GET /chat HTTP/1.1" 200', "113.45"),
    ],
)
def test_identifiers_are_masked(line: str, secret: str) -> None:
    assert secret not in mask(line)


@pytest.mark.parametrize(
    "line",
    [
        "ticket PMI-7K3Q9F created",
        "handled 42 messages in 3.5 s",
        "queue urgent",
        "due 2026-11-28 16:37:04, escalated 2026-11-28T17:00:00+00:00",
        "Uvicorn running on http://127.0.0.1:8000",
    ],
)
def test_ordinary_lines_are_left_alone(line: str) -> None:
    assert mask(line) == line


def test_tracebacks_are_masked_too() -> None:
    formatter = MaskingFormatter("%(message)s")
    try:
        raise ValueError("bad passport C7654321")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info())
    assert "7654321" not in formatter.format(record)


def test_a_formatted_line_keeps_its_time_and_masks_its_message() -> None:
    formatter = MaskingFormatter("%(asctime)s %(name)s: %(message)s")
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "from %s", ("+6281234567890",), None)
    line = formatter.format(record)
    assert line.startswith(formatter.formatTime(record)) and "81234567890" not in line
    assert line.endswith("bot.x: from +**********")


TOKEN = "7391048265:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"  # the shape of a real Bot API token
WEBHOOK_SECRET = "webhook-secret-for-the-log-test"
SEARCHES = {  # what an officer typed into the console's search, and traces of it that must not reach the log
    "c 1234567": ["1234567"],  # (not short numbers alone: a port or process id may contain them)
    "3174 0155 0101 0001": ["3174+0155", "0155+0101", "0101+0001", "0155%200101"],
    "+886 912 345 678": ["886+912", "912+345", "345+678", "%2B886"],
    "siti@example.com": ["siti%40example", "siti@example"],
    "Siti Aminah": ["Siti+Aminah", "Aminah"],
}
CLIENT_IPV6 = "2001:db8:85a3::8a2e:370:7334"


def served_log(tmp_path: Path, requests: Callable[[str], None]) -> str:
    """The log of ``helpdesk serve`` (its own logging configuration, LOG_LEVEL=INFO, Telegram on, talking to
    the fake Bot API over HTTP) while ``requests`` runs against its base URL."""
    port = free_port()
    api = RecordingBotApi()
    log_path = tmp_path / "serve.log"
    with serve_in_thread(bot_api_app(api)) as bot_api_url, log_path.open("wb") as log_file:
        env = {
            **os.environ,
            "FAQ_SEMANTIC": "off",
            "LOG_LEVEL": "INFO",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "TELEGRAM_API_BASE_URL": bot_api_url,
        }
        command = [sys.executable, "-c", "from app.cli import main; main()", "serve", "--port", str(port)]
        server = subprocess.Popen(command, env=env, stderr=log_file, stdout=subprocess.DEVNULL)
        try:
            base_url = f"http://127.0.0.1:{port}"
            eventually(lambda: _up(base_url), timeout=60)
            headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
            answer = httpx.post(f"{base_url}/webhooks/telegram", json=text_update(1, "halo"), headers=headers)
            assert answer.status_code == 200
            eventually(api.sent)  # the reply went out through the Bot API, over httpx
            requests(base_url)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return log_path.read_text()


def _up(base_url: str) -> bool:
    try:
        return httpx.get(base_url + "/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def test_a_served_run_never_logs_the_bot_token(tmp_path: Path) -> None:
    log = served_log(tmp_path, lambda _base_url: None)
    assert "POST /webhooks/telegram" in log  # the run was logged
    assert TOKEN not in log and TOKEN.split(":")[1] not in log and WEBHOOK_SECRET not in log
    assert "HTTP Request:" not in log  # httpx's INFO line per request (with the URL) is held back


def test_console_and_chat_query_strings_never_reach_the_access_log(tmp_path: Path) -> None:
    def search(base_url: str) -> None:
        for typed in SEARCHES:
            httpx.get(f"{base_url}/console/", params={"q": typed})
        httpx.get(f"{base_url}/chat", params={"lang": "en", "nama": "Siti Aminah"})

    log = served_log(tmp_path, search)
    assert "GET /console/?*** HTTP/1.1" in log and "GET /chat?*** HTTP/1.1" in log
    for typed, traces in SEARCHES.items():
        assert typed not in log
        assert not [trace for trace in traces if trace in log], typed


def test_an_ipv6_client_address_keeps_only_its_routing_prefix(tmp_path: Path) -> None:
    # uvicorn takes the client from X-Forwarded-For when the proxy is on loopback, as behind nginx
    log = served_log(
        tmp_path, lambda base_url: httpx.get(f"{base_url}/healthz", headers={"X-Forwarded-For": CLIENT_IPV6})
    )
    assert "2001:0db8:85a3:*" in log
    assert "8a2e" not in log and "7334" not in log


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f"POST https://api.telegram.org/bot{TOKEN}/sendMessage", TOKEN.split(":")[1]),
        ("GET /console/?q=3174+0155+0101+0001", "0101"),
        ("GET /console/?q=%2B886+912+345+678", "345"),
        ("GET /console/?q=siti%40example.com", "siti"),
        ("GET /console/?q=c+1234567", "1234567"),
        (f"[{CLIENT_IPV6}]:51234", "7334"),
        ("2001:db8::1:443 connected", "::1:443"),
    ],
)
def test_tokens_url_encoded_identifiers_and_ipv6_addresses_are_masked(line: str, secret: str) -> None:
    assert secret not in mask(line)


def test_loopback_and_times_stay_readable() -> None:
    for line in ("Uvicorn running on http://[::1]:8000", "http://[::]:8000", "at 16:37:04 and 12:00"):
        assert mask(line) == line
