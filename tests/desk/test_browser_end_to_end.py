"""End to end in headless Chromium: a worker asks for an officer in the web chat; an officer logs in, finds
the new ticket, claims it and replies; the worker receives the reply; the officer resolves the ticket and the
worker is asked for a rating. Screenshots of the main console pages go to test-output/."""

from __future__ import annotations

import re

import pytest

from tests.desk.conftest import PASSWORD, add_officer
from tests.web_support import SCREENSHOTS, worker_asks_for_an_officer


@pytest.mark.browser
def test_officer_answers_a_web_chat_worker_and_resolves_with_a_rating(live_server: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    worker = browser_page
    worker.goto(f"{live_server}/chat?lang=id")
    ref = worker_asks_for_an_officer(worker)

    add_officer("ani")
    laptop = worker.context.browser.new_context(viewport={"width": 1280, "height": 900})
    officer = laptop.new_page()
    officer.set_default_timeout(15_000)
    officer.goto(f"{live_server}/console/")
    officer.screenshot(path=str(SCREENSHOTS / "console-login.png"))
    officer.get_by_label("Nama pengguna").fill("ani")
    officer.get_by_label("Kata sandi").fill(PASSWORD)
    officer.get_by_role("button", name="Masuk").click()
    officer.get_by_role("link", name=re.compile("Belum diambil")).click()
    officer.get_by_role("link", name=ref).wait_for()
    officer.screenshot(path=str(SCREENSHOTS / "console-queue.png"), full_page=True)
    officer.get_by_role("link", name=ref).click()
    officer.get_by_role("button", name="Ambil tiket ini").click()
    officer.get_by_label("Jawaban untuk pelapor").fill("Halo, saya Ani dari BP2MI. Apa yang bisa kami bantu?")
    night = officer.get_by_label("Saya tetap ingin mengirim sekarang")
    if night.count():
        night.check()
    officer.get_by_role("button", name="Kirim jawaban").click()
    officer.get_by_role("list").get_by_text("Apa yang bisa kami bantu?", exact=False).first.wait_for()
    officer.screenshot(path=str(SCREENSHOTS / "console-ticket.png"), full_page=True)
    officer.set_viewport_size({"width": 360, "height": 740})
    officer.screenshot(path=str(SCREENSHOTS / "console-ticket-360.png"), full_page=True)
    assert officer.evaluate("document.documentElement.scrollWidth") <= 360  # usable on a phone
    officer.set_viewport_size({"width": 1280, "height": 900})

    worker.get_by_role("log").get_by_text("saya Ani dari BP2MI", exact=False).wait_for(timeout=20_000)
    worker.screenshot(path=str(SCREENSHOTS / "webchat-officer-reply.png"), full_page=True)

    officer.get_by_label("Status baru").select_option("resolved")
    officer.get_by_label("Alasan").fill("pertanyaan sudah dijawab")
    officer.get_by_role("button", name="Ubah status").click()
    worker.get_by_role("log").get_by_text("Seberapa puas Anda", exact=False).wait_for(timeout=20_000)
    worker.get_by_role("button", name="5", exact=True).click()
    worker.get_by_role("log").get_by_text("komentar", exact=False).wait_for()
    worker.screenshot(path=str(SCREENSHOTS / "webchat-rating.png"), full_page=True)

    officer.goto(f"{live_server}/console/?status=resolved")
    officer.get_by_role("link", name=ref).wait_for()
    laptop.close()
