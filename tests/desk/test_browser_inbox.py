"""The console as an inbox in headless Chromium: an officer sees a worker's new message marked unread without
reloading, opens it, sees the next one arrive in the open ticket, answers with Ctrl+Enter; no console page is
wider than a 360 px phone. Screenshots go to test-output/."""

from __future__ import annotations

import pytest

from bot.config import get_config
from tests.desk.conftest import PASSWORD, add_officer
from tests.web_support import SCREENSHOTS, worker_asks_for_an_officer

PHONE = {"width": 360, "height": 740}


def _say(worker, text: str) -> None:  # type: ignore[no-untyped-def]
    worker.get_by_label("Pesan Anda").fill(text)
    worker.keyboard.press("Enter")


def _width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.browser
def test_officer_sees_a_new_reply_unread_without_reloading_and_answers_with_ctrl_enter(
    live_server: str,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    worker = browser_page
    worker.goto(f"{live_server}/chat?lang=id")
    ref = worker_asks_for_an_officer(worker)

    add_officer("ani", role="admin", queues=tuple(get_config().queues))
    laptop = worker.context.browser.new_context(viewport={"width": 1280, "height": 800})
    officer = laptop.new_page()
    officer.set_default_timeout(15_000)
    officer.goto(f"{live_server}/console/t/{ref}")  # asked for before logging in
    officer.get_by_label("Nama pengguna").fill("ani")
    officer.get_by_label("Kata sandi").fill(PASSWORD)
    officer.get_by_role("button", name="Masuk").click()
    officer.wait_for_url(f"**/console/t/{ref}")  # back to the page asked for
    officer.get_by_role("button", name="Ambil tiket ini").click()

    officer.goto(f"{live_server}/console/")
    row = officer.locator(f'li.row[data-ref="{ref}"]')
    row.wait_for()
    assert row.locator(".tag.unread").count() == 0  # opened a moment ago
    officer.evaluate("window.stillTheSamePage = true")
    _say(worker, "Halo petugas, gaji saya belum dibayar")
    row.locator(".tag.unread", has_text="Belum dibaca").wait_for(timeout=20_000)  # the list polls
    assert officer.evaluate("window.stillTheSamePage === true")  # no reload
    assert "gaji saya belum dibayar" in row.inner_text()
    officer.screenshot(path="/tmp/inbox-queue-unread.png", full_page=True)
    officer.screenshot(path=str(SCREENSHOTS / "console-inbox.png"), full_page=True)

    row.get_by_role("link", name=ref).click()
    officer.evaluate("window.stillTheSamePage = true")
    _say(worker, "saya masih di asrama")
    officer.locator("#messages").get_by_text("saya masih di asrama").wait_for(timeout=20_000)
    assert officer.evaluate("window.stillTheSamePage === true")

    box = officer.get_by_label("Jawaban untuk pelapor")
    box.fill("Baik, kami bantu. Mohon kirim foto kontrak kerja Anda.")
    box.press("Control+Enter")
    night = officer.get_by_label("Saya tetap ingin mengirim sekarang")
    officer.wait_for_load_state()
    if night.count():  # night at the worker's place: the reason is in the reply box, the draft kept
        assert officer.locator("#reply [role=alert]").count() == 1
        officer.screenshot(path="/tmp/inbox-ticket-night-refused.png", full_page=True)
        night.check()
        officer.get_by_label("Jawaban untuk pelapor").press("Control+Enter")
    officer.locator("#messages").get_by_text("Mohon kirim foto kontrak kerja", exact=False).wait_for()
    officer.screenshot(path="/tmp/inbox-ticket.png", full_page=True)
    worker.get_by_role("log").get_by_text("Mohon kirim foto kontrak kerja", exact=False).wait_for(
        timeout=20_000
    )

    officer.set_viewport_size(PHONE)
    widths = {}
    for name, path in (
        ("queue", "/console/"),
        ("ticket", f"/console/t/{ref}"),
        ("admin", "/console/admin"),
        ("reports", "/console/reports"),
        ("urgent", "/console/?view=urgent"),
    ):
        officer.goto(f"{live_server}{path}")
        officer.screenshot(path=f"/tmp/inbox-{name}-360.png", full_page=True)
        widths[name] = _width(officer)
    officer.keyboard.press("?")
    officer.get_by_role("dialog").wait_for()
    officer.screenshot(path="/tmp/inbox-shortcuts-360.png")
    laptop.close()
    login = worker.context.browser.new_context(viewport=PHONE).new_page()
    login.goto(f"{live_server}/console/login")
    widths["login"] = _width(login)
    login.context.close()
    assert all(width <= PHONE["width"] for width in widths.values()), widths
