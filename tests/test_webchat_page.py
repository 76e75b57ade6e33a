"""The web chat page in headless Chromium, on a small phone (360x740) and a laptop (1280x800): what a worker
sees and can reach with one thumb, its files, its links and its accessibility (axe-core)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlmodel import select

from bot.db import session_scope
from bot.models import Attachment, Contact, Conversation, Message
from tests.support import Chat
from tests.test_conversation import complete_complaint
from tests.web_support import SCREENSHOTS

SIZES = {"phone": (360, 740), "laptop": (1280, 800)}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser_page):  # type: ignore[no-untyped-def]
    width, height = SIZES[request.param]
    browser_page.set_viewport_size({"width": width, "height": height})
    browser_page.size_name = request.param
    return browser_page


def in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """The element is wholly inside the viewport."""
    box = page.locator(selector).last.bounding_box()
    viewport = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] + box["width"] <= viewport["width"]
    )


def newest_in_view(page) -> bool:  # type: ignore[no-untyped-def]
    """The newest message shows in the scrolling part of the page (between the header and the composer)."""
    return bool(
        page.evaluate(
            """() => {
              const items = document.querySelectorAll('#log li');
              const last = items[items.length - 1].getBoundingClientRect();
              const view = document.getElementById('scroller').getBoundingClientRect();
              return last.bottom <= view.bottom + 1 && last.bottom > view.top;
            }"""
        )
    )


@pytest.mark.browser
def test_the_composer_and_the_newest_message_stay_in_view_after_every_reply(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/chat?lang=id")
    assert in_view(page, "#text") and in_view(page, "#composer button[type=submit]")

    page.get_by_label("Pesan Anda").fill("halo")
    page.keyboard.press("Enter")
    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()
    assert in_view(page, "#text") and in_view(page, "#composer button[type=submit]")
    assert newest_in_view(page)

    page.get_by_role("button", name="Setuju", exact=True).click()
    page.get_by_role("log").get_by_text("Terima kasih", exact=False).first.wait_for()
    page.get_by_label("Pesan Anda").fill("menu")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bicara dengan petugas").last.wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"webchat-menu-{page.size_name}.png"))

    assert in_view(page, "#text") and in_view(page, "#composer button[type=submit]")
    assert newest_in_view(page)
    assert page.evaluate("document.documentElement.scrollHeight") <= page.viewport_size["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    widest = max(box["width"] for box in (li.bounding_box() for li in page.locator("#log li").all()) if box)
    assert widest <= 40 * 16  # a readable line on a laptop (at most 40em), nearly the whole width on a phone


@pytest.mark.browser
def test_a_greeting_shows_on_load_and_nothing_is_stored_before_the_person_writes(
    live_server: str, page
) -> None:  # type: ignore[no-untyped-def]
    with page.expect_response(lambda response: "/chat/messages" in response.url):  # the page's first poll
        page.goto(f"{live_server}/chat?lang=id")

    greeting = page.get_by_role("log").locator("li.greeting")
    assert "ketik menu untuk melihat pilihan" in greeting.inner_text()
    assert greeting.locator("strong").inner_text() == "menu"
    with session_scope() as session:
        assert session.exec(select(Conversation)).all() == [] and session.exec(select(Contact)).all() == []


@pytest.mark.browser
def test_phone_numbers_are_tap_to_call_and_never_break_across_lines(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/chat?lang=id")
    page.get_by_label("Pesan Anda").fill("tolong saya dipukuli majikan")
    page.keyboard.press("Enter")
    hotline = page.get_by_role("link", name="+62 21 2924 4800").first
    hotline.wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"webchat-danger-{page.size_name}.png"))

    assert hotline.get_attribute("href") == "tel:+622129244800"
    for link in page.locator("#log a.tel").all():
        assert link.evaluate("a => getComputedStyle(a).whiteSpace") == "nowrap"
        assert link.evaluate("a => a.getClientRects().length") == 1  # one line box: not broken


@pytest.mark.browser
def test_the_page_follows_the_conversations_language_in_an_english_browser(
    live_server: str, browser_page
) -> None:  # type: ignore[no-untyped-def]
    english = browser_page.context.browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = english.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server}/chat")
    assert page.evaluate("document.documentElement.lang") == "en"  # no conversation yet: the browser's

    page.get_by_label("Your message").fill("halo, gaji saya belum dibayar")
    page.keyboard.press("Enter")
    page.get_by_label("Pesan Anda").wait_for()  # the conversation is Indonesian: the page follows it

    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.get_by_role("button", name="Kirim", exact=True).is_visible()
    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()  # the history, still there
    english.close()


@pytest.mark.browser
def test_english_picked_on_the_page_before_writing_makes_an_english_conversation(
    live_server: str, browser_page
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(f"{live_server}/chat?lang=id")
    page.get_by_role("link", name="English").click()
    page.get_by_label("Your message").fill("halo")
    page.keyboard.press("Enter")
    page.locator("#log li.bot:not(.greeting)").first.wait_for()  # the bot's first answer

    assert page.evaluate("document.documentElement.lang") == "en"
    with session_scope() as session:
        assert session.exec(select(Contact)).one().language == "en"


@pytest.mark.browser
def test_the_evidence_question_is_answered_with_a_photo_and_a_refused_file_is_explained(
    live_server: str, browser_page
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(f"{live_server}/chat?lang=id")
    page.get_by_label("Pesan Anda").fill("halo")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Setuju", exact=True).click()
    page.get_by_role("log").get_by_text("Terima kasih", exact=False).first.wait_for()
    with session_scope() as session:
        chat_id = session.exec(select(Conversation.chat_id)).one()
    person = Chat(user=chat_id, channel="web")  # the long form, filled as the person would, then back to
    complete_complaint(person)  # the evidence question
    person.send("kembali")
    page.get_by_role("log").get_by_text("foto", exact=False).last.wait_for(
        timeout=20_000
    )  # pulled by the page

    page.locator("#file").set_input_files(
        {"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"bukan bukti"}
    )
    page.get_by_role("alert").get_by_text("Berkas jenis ini tidak bisa diterima", exact=False).wait_for()
    page.locator("#file").set_input_files({"name": "slip-gaji.png", "mimeType": "image/png", "buffer": PNG})
    page.get_by_role("log").get_by_text("Berkas diterima (1)", exact=False).wait_for()
    page.screenshot(path=str(SCREENSHOTS / "webchat-evidence-phone.png"))

    assert page.locator("#log li.person .file").last.inner_text().endswith("slip-gaji.png")
    log = page.get_by_role("log")
    send_buttons = log.get_by_role("button", name="Kirim", exact=True)
    summaries = send_buttons.count()
    log.get_by_role("button", name="Selesai").last.click()
    send_buttons.nth(summaries).click()  # the new summary's, once it is shown
    page.get_by_role("log").get_by_text("PMI-", exact=False).last.wait_for()
    with session_scope() as session:
        [attachment] = session.exec(select(Attachment)).all()
        message = session.get(Message, attachment.message_id)
    assert attachment.ticket_id is not None and attachment.content_type == "image/png"
    assert message is not None and message.channel == "web"


@pytest.mark.browser
def test_the_page_has_no_accessibility_violations(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/chat?lang=id")
    page.get_by_label("Pesan Anda").fill("halo")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Setuju", exact=True).wait_for()

    results = Axe().run(page)  # axe-core, bundled by the axe-playwright-python package

    found = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]]
    assert found == [], found  # none at all, serious or not (landmarks, labels, contrast, names, lists)
