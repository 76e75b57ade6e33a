"""The bot's light markup rendered for every output: escaping, emphasis only where WhatsApp would take it,
phone numbers and web addresses as links on pages, plain or ANSI text in the terminal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.markup import configured_short_numbers, to_html, to_telegram, to_terminal


def test_bold_and_italic_become_strong_and_em() -> None:
    assert to_html("Ketik *lewati* atau _batal_.") == "Ketik <strong>lewati</strong> atau <em>batal</em>."


def test_everything_else_is_escaped_so_no_markup_can_be_injected() -> None:
    html = to_html("<script>alert(1)</script> *<img src=x onerror=alert(1)>* \"q\" & 'a'")

    assert "<script" not in html and "<img" not in html
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <strong>&lt;img src=x onerror=alert(1)&gt;</strong> "
        "\"q\" &amp; 'a'"
    )


@pytest.mark.parametrize(
    "text",
    [
        "5*3*2 = 30",  # arithmetic
        "5 * 3 * 2",
        "*belum ditutup",  # unbalanced
        "ditutup saja*",
        "* spasi *",  # WhatsApp does not take a delimiter next to a space
        "a**b**",
        "nama_file_saya.pdf",  # snake case is not italic
        "**",
        "*",
    ],
)
def test_asterisks_and_underscores_that_are_not_markup_stay_as_typed(text: str) -> None:
    assert to_html(text) == text
    assert to_terminal(text, tty=False) == text


def test_nested_emphasis_is_rendered_and_crossed_emphasis_is_left_as_text() -> None:
    assert to_html("*sangat _penting_ sekali*") == "<strong>sangat <em>penting</em> sekali</strong>"
    assert to_html("_*keduanya*_") == "<em><strong>keduanya</strong></em>"
    assert to_html("*a _b* c_") == "<strong>a _b</strong> c_"


def test_phone_numbers_become_tel_links_and_short_numbers_only_when_configured() -> None:
    html = to_html("Hotline: +62 21 2924 4800 / 0800-1000. Taiwan 1955, PIN 845308, tahun 2024.", {"1955"})

    assert '<a class="tel" href="tel:+622129244800">+62 21 2924 4800</a>' in html
    assert '<a class="tel" href="tel:08001000">0800-1000</a>.' in html
    assert '<a class="tel" href="tel:1955">1955</a>' in html
    assert "PIN 845308" in html and "tahun 2024" in html  # a PIN and a year are not phone numbers


def test_web_addresses_become_safe_links_and_markup_inside_them_is_left_alone() -> None:
    html = to_html('Lihat https://bp2mi.go.id/a_b_c. atau https://x.example/"><script>')

    assert (
        '<a href="https://bp2mi.go.id/a_b_c" rel="noopener noreferrer" target="_blank">'
        "https://bp2mi.go.id/a_b_c</a>." in html
    )
    assert "<script" not in html and '"><' not in html
    assert to_html("javascript:alert(1)") == "javascript:alert(1)"  # only http(s) addresses are links


def test_telegram_gets_its_html_and_the_terminal_gets_ansi_only_on_a_tty() -> None:
    assert to_telegram("a < b *penting* _ya_") == "a &lt; b <b>penting</b> <i>ya</i>"
    assert to_terminal("Ketik *lewati*", tty=False) == "Ketik lewati"
    assert to_terminal("Ketik *lewati*", tty=True) == "Ketik \x1b[1mlewati\x1b[22m"


def test_the_configured_short_numbers_are_the_hotlines_and_emergency_numbers() -> None:
    numbers = configured_short_numbers()

    assert {"1955", "999", "112", "119"} <= numbers
    assert "2924" not in numbers and "4800" not in numbers  # parts of a longer number are not hotlines


@given(st.text(alphabet="ab *_<>&\"'5\n", max_size=40))
def test_the_html_never_contains_markup_the_text_did_not_ask_for(text: str) -> None:
    html = str(to_html(text))
    stripped = html
    for tag in ("<strong>", "</strong>", "<em>", "</em>"):
        stripped = stripped.replace(tag, "")

    assert "<" not in stripped and ">" not in stripped
    assert html.count("<strong>") == html.count("</strong>") and html.count("<em>") == html.count("</em>")
