"""An officer's work in headless Chromium: a worker's new reply shows up unread without reloading, the officer
answers it with a canned answer found by typing "/" and sends with Ctrl+Enter, mentions a colleague in a note
(the colleague's header count rises on its own and leads to the ticket), reads a report chart and drills down
to the tickets of one bar; and no console page is wider than a 360 px phone.

Screenshots at 1280 and 360 px go to ``$CONSOLE_SCREENSHOTS`` (default ``test-output/console``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot import tickets
from bot.config import get_config
from bot.db import session_scope
from bot.models import Mention
from desk.canned import seed_demo_answers
from tests.desk.conftest import PASSWORD, add_officer
from tests.web_support import SCREENSHOTS, worker_asks_for_an_officer

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
SHOTS = Path(os.environ.get("CONSOLE_SCREENSHOTS", SCREENSHOTS / "console"))


def _log_in(browser, base: str, username: str, path: str = "/console/"):  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}{path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**{path}")
    return page


def _shot(page, name: str, full_page: bool = True) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def _width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _send(page, box) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Enter in ``box``; at night at the worker's place the reply is held until confirmed, draft kept."""
    box.press("Control+Enter")
    page.wait_for_load_state()
    night = page.get_by_label("Saya tetap ingin mengirim sekarang")
    if night.count():
        night.check()
        page.get_by_label("Jawaban untuk pelapor").press("Control+Enter")


@pytest.mark.browser
def test_officer_answers_with_a_canned_answer_mentions_a_colleague_and_drills_into_a_chart(
    live_server: str,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    worker = browser_page
    worker.goto(f"{live_server}/chat?lang=id")
    ref = worker_asks_for_an_officer(worker)
    add_officer("ani", role="admin", queues=tuple(get_config().queues))
    add_officer("budi")  # works the ticket's queue
    add_officer("citra", queues=("complaints",))  # does not: cannot be mentioned
    with session_scope() as db:
        seed_demo_answers(db)
    browser = worker.context.browser
    budi = _log_in(browser, live_server, "budi", "/console/agencies")
    ani = _log_in(browser, live_server, "ani", f"/console/t/{ref}")
    ani.get_by_role("button", name="Ambil tiket ini").click()

    # a new reply, marked unread without reloading
    ani.goto(f"{live_server}/console/")
    row = ani.locator(f'li.row[data-ref="{ref}"]')
    row.wait_for()
    ani.evaluate("window.stillTheSamePage = true")
    worker.get_by_label("Pesan Anda").fill("Tolong, apa yang harus saya kirim?")
    worker.keyboard.press("Enter")
    row.locator(".tag.unread").wait_for(timeout=20_000)
    assert ani.evaluate("window.stillTheSamePage === true")
    _shot(ani, "queue-unread-1280")

    # answered with a canned answer found by "/", sent with Ctrl+Enter
    row.get_by_role("link", name=ref).click()
    box = ani.get_by_label("Jawaban untuk pelapor")
    box.press_sequentially("/kirim foto")
    options = ani.locator("#canned-options")
    options.get_by_role("option", name=re.compile("Minta dokumen")).wait_for()
    assert (
        options.get_by_role("option").filter(visible=True).count() == 1
    )  # "kirim foto" is in one answer only
    _shot(ani, "ticket-canned-search-1280", full_page=False)
    box.press("Enter")
    assert box.input_value().startswith("Agar bisa kami bantu, mohon kirim foto paspor")
    assert not options.is_visible()
    _send(ani, box)
    ani.locator("#messages").get_by_text("mohon kirim foto paspor", exact=False).wait_for()
    worker.get_by_role("log").get_by_text("mohon kirim foto paspor", exact=False).wait_for(timeout=20_000)

    # a colleague mentioned in a note, offered as "@" is typed, notified on their next poll
    budi.evaluate("window.stillTheSamePage = true")
    expect(budi.locator("#mention-count")).to_have_text("0")
    note = ani.get_by_label("Catatan baru (tidak dikirim ke pelapor)")
    note.press_sequentially("Paspor sudah diminta, @b")
    mentions = ani.locator("#mention-options")
    mentions.get_by_role("option", name=re.compile("@budi")).wait_for()
    assert mentions.get_by_role("option", name=re.compile("@citra")).count() == 0
    _shot(ani, "ticket-mention-1280", full_page=False)
    note.press("Enter")
    note.press_sequentially("tolong periksa besok.")
    assert note.input_value() == "Paspor sudah diminta, @budi tolong periksa besok."
    note.press("Control+Enter")
    ani.locator(".notes").get_by_text("@budi tolong periksa besok").wait_for()
    expect(budi.locator("#mention-count")).to_have_text("1", timeout=25_000)  # the notice poll, every 15 s
    assert budi.evaluate("window.stillTheSamePage === true")
    _shot(budi, "header-mention-count-1280", full_page=False)
    budi.get_by_role("link", name=re.compile("Sebutan")).click()
    budi.get_by_text("Ani menyebut Anda dalam catatan internal").wait_for()
    _shot(budi, "mentions-1280")
    budi.get_by_role("link", name=ref).click()
    budi.locator(".notes").get_by_text("@budi tolong periksa besok").wait_for()
    expect(budi.locator("#mention-count")).to_have_text("0")

    # a chart read and drilled into
    ani.goto(f"{live_server}/console/reports")
    _shot(ani, "reports-1280")
    chart = ani.locator("section.chart", has=ani.get_by_role("heading", name="Tiket per kategori"))
    bar = chart.locator("tbody tr").first
    count = int(bar.locator("td").inner_text())
    name = bar.locator(".name").inner_text()
    assert count >= 1 and name
    bar.get_by_role("link").click()
    ani.wait_for_url("**/console/?*category=*")
    assert ani.locator("li.row").count() == count
    assert ani.locator(f'li.row[data-ref="{ref}"]').count() == 1
    _shot(ani, "queue-drill-down-1280")
    drill_down = ani.url.removeprefix(live_server)

    # no page wider than a phone
    faq = ani.goto(f"{live_server}/console/faq") and ani.locator('main a[href^="/console/faq/"]')
    topic = next(
        href for href in faq.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        if href not in ("/console/faq/new", "/console/faq/learn")
    )  # fmt: skip
    ani.set_viewport_size(PHONE)
    budi.set_viewport_size(PHONE)
    widths = {}
    for name, page, path in (
        ("queue", ani, "/console/"),
        ("queue-urgent", ani, "/console/?view=urgent"),
        ("queue-drill-down", ani, drill_down),
        ("ticket", ani, f"/console/t/{ref}"),
        ("mentions", budi, "/console/mentions"),
        ("reports", ani, "/console/reports"),
        ("agencies", ani, "/console/agencies"),
        ("alerts", ani, "/console/alerts"),
        ("faq", ani, "/console/faq"),
        ("faq-topic", ani, topic),
        ("faq-new", ani, "/console/faq/new"),
        ("faq-learn", ani, "/console/faq/learn"),
        ("admin", ani, "/console/admin"),
        ("not-found", ani, "/console/t/PMI-NOTHERE"),
        ("forbidden", budi, "/console/reports"),
    ):
        page.goto(f"{live_server}{path}")
        _shot(page, f"{name}-360")
        widths[name] = _width(page)
    ani.goto(f"{live_server}/console/t/{ref}")
    ani.get_by_label("Jawaban untuk pelapor").press_sequentially("/salam")
    ani.locator("#canned-options").wait_for()
    _shot(ani, "ticket-canned-search-360", full_page=False)
    widths["ticket-canned-search"] = _width(ani)
    login = browser.new_context(viewport=PHONE).new_page()
    login.goto(f"{live_server}/console/login")
    _shot(login, "login-360")
    widths["login"] = _width(login)
    wider = {name: width for name, width in widths.items() if width > PHONE["width"]}
    assert not wider and len(widths) == 17, wider


@pytest.mark.browser
def test_the_new_console_parts_have_no_accessibility_violations(
    live_server: str,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    """axe-core on the reports' charts, the mentions page and the ticket page with each picker open."""
    from axe_playwright_python.sync_playwright import Axe

    worker = browser_page
    worker.goto(f"{live_server}/chat?lang=id")
    ref = worker_asks_for_an_officer(worker)
    ani_id = add_officer("ani", role="admin", queues=tuple(get_config().queues))
    budi_id = add_officer("budi")
    with session_scope() as db:
        seed_demo_answers(db)
        ticket = tickets.find_by_ref(db, ref)
        assert ticket is not None and ticket.id is not None
        db.add(Mention(officer_id=ani_id, ticket_id=ticket.id, author_id=budi_id))  # listed, unread
    ani = _log_in(worker.context.browser, live_server, "ani", "/console/")
    found = {}
    for name, path, box, typed in (
        ("reports", "/console/reports", None, ""),
        ("mentions", "/console/mentions", None, ""),
        ("canned", f"/console/t/{ref}", "Jawaban untuk pelapor", "/salam"),
        ("mention", f"/console/t/{ref}", "Catatan baru (tidak dikirim ke pelapor)", "@bu"),
    ):
        ani.goto(f"{live_server}{path}")
        if box:
            ani.get_by_label(box).press_sequentially(typed)
            ani.locator(".picker:not([hidden])").wait_for()
        violations = Axe().run(ani).response["violations"]
        found[name] = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations]
    assert not any(found.values()), found
