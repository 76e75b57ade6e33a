"""Fixtures for tests through a real server and a real browser (registered in tests/conftest.py).

``live_server`` serves :func:`app.web.create_app` with uvicorn on a free loopback port, against the test's
own database, and yields the base URL. ``browser_page`` is a Playwright page in Debian's headless Chromium
(``/usr/bin/chromium``; Playwright's own browser downloads are never used). Screenshots go to test-output/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from starlette.types import ASGIApp

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` with uvicorn (lifespan on) on a free loopback port in a thread; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def live_server(database: str) -> Iterator[str]:
    """The whole application on http://127.0.0.1:PORT, with its lifespan (background services) running."""
    from app.web import create_app

    with serve_in_thread(create_app()) as base_url:
        yield base_url


@pytest.fixture
def browser_page() -> Iterator[object]:
    """A fresh Playwright page (360 px wide, like a small phone); skipped when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def worker_asks_for_an_officer(worker) -> str:  # type: ignore[no-untyped-def]
    """On an open web chat page: greet, accept the notice, ask for an officer; the reference of the new ticket."""
    worker.get_by_label("Pesan Anda").fill("halo")
    worker.keyboard.press("Enter")
    worker.get_by_role("button", name="Setuju", exact=True).click()
    worker.get_by_role("button", name="Bicara dengan petugas").wait_for()
    worker.get_by_label("Pesan Anda").fill("petugas")
    worker.keyboard.press("Enter")
    handed_over = worker.get_by_role("log").get_by_text("kami teruskan ke petugas", exact=False).first
    handed_over.wait_for()
    return re.search(r"PMI-[0-9A-Z]+", handed_over.inner_text()).group(0)  # type: ignore[union-attr]
