"""The job-offer check: amounts as people write them, every warning sign on the development offers, the chat's
answer and the report it offers, and the evaluation command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot import agencies
from bot.config import get_config
from bot.db import session_scope
from bot.models import Ticket
from bot.placement_cli import DEMO_FILE
from nlu import job_offer
from nlu.parsing.amounts import find_amounts
from tests.support import Chat

DEV_OFFERS = Path(__file__).resolve().parent.parent / "nlu" / "corpus" / "job-offers-dev.yaml"
TODAY = date(2026, 12, 1)
JAPAN = (
    "Loker Jepang pabrik makanan, gaji ¥500.000 per bulan tanpa tes bahasa, umroh visa bisa kerja. WA admin"
)


@pytest.fixture
def demo_register() -> None:
    assert CliRunner().invoke(cli, ["agencies", "import", str(DEMO_FILE)]).exit_code == 0


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("Rp 7.500.000", ["IDR 7500000"]),
        ("gaji 15jt", ["IDR 15000000"]),
        ("biaya 1,5 jt", ["IDR 1500000"]),
        ("NT$ 8000 dan HK$4,990", ["TWD 8000", "HKD 4990"]),
        ("rm1500", ["MYR 1500"]),
        ("KRW 3.200.000", ["KRW 3200000"]),
        ("¥180,000", ["JPY 180000"]),
        ("2500 ringgit", ["MYR 2500"]),
        ("hubungi 0812345678 tgl 12.03", []),
    ],
)
def test_amounts_are_read_as_people_write_them(text: str, amounts: list[str]) -> None:
    assert [str(a) for a in find_amounts(text)] == amounts


def dev_cases() -> list[dict]:
    return yaml.safe_load(DEV_OFFERS.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", dev_cases(), ids=lambda case: case["q"][:40])
def test_each_development_offer_shows_exactly_its_signs(demo_register: None, case: dict) -> None:
    with session_scope() as session:
        licensed = agencies.licensed_names(session, TODAY)
        reading = job_offer.read_offer(case["q"], get_config().placement.rules(), licensed)
    assert set(reading.signs) == set(case["signs"])
    assert reading.risky == case["risky"]


def test_a_company_not_licensed_in_the_register_is_no_agency(demo_register: None) -> None:
    text = "Lowongan pabrik Taiwan gaji NT$29.500, proses 4 bulan, PT Sukses Jaya Mandiri, Jl. Kenanga 1 Semarang"
    with session_scope() as session:
        reading = job_offer.read_offer(
            text, get_config().placement.rules(), agencies.licensed_names(session, TODAY)
        )
    assert reading.signs == ("no_agency",)  # suspended in the register


def test_the_chat_explains_each_sign_and_offers_a_report(chat: Chat, demo_register: None) -> None:
    chat.consent()
    chat.send(JAPAN)
    assert "Kami menemukan 5 tanda bahaya" in chat.text
    assert "visa turis, kunjungan, atau umrah itu ilegal" in chat.text
    assert "jauh di atas gaji biasa untuk pekerjaan ini di Jepang" in chat.text
    assert "Laporkan lowongan ini" in chat.buttons()
    chat.press("Laporkan lowongan ini")
    assert "nama lengkap" in chat.text.lower()
    with session_scope() as session:
        ticket = session.exec(select(Ticket)).first()
    assert ticket is None  # the report is a form: nothing is filed before it is confirmed


def test_a_request_to_check_an_offer_asks_for_it_and_a_clean_offer_says_what_to_confirm(
    chat: Chat, demo_register: None
) -> None:
    chat.consent()
    chat.send("cek lowongan dong")
    assert "Tempel (paste) teks lowongan" in chat.text
    chat.send(dev_cases()[15]["q"])
    assert "tidak menemukan tanda bahaya" in chat.text


def test_the_evaluation_command_prints_precision_recall_and_each_sign(demo_register: None) -> None:
    result = CliRunner().invoke(cli, ["offers", "eval", "--cases", str(DEV_OFFERS)])
    assert result.exit_code == 0, result.output
    risky = sum(case["risky"] for case in dev_cases())
    assert f"recall of risky:    {risky}/{risky} = 1.000" in result.output
    assert "| passport_handover |" in result.output


TURKEY = (
    "Lowongan kerja ke Turki pakai visa kunjungan, kerja di restoran gaji 1000 USD, paspor disimpan bos selama kontrak. "
    "chat wa"
)
CAMBODIA = "lowongan admin di kamboja gaji 1500 usd, berangkat minggu depan, paspor dipegang agen, hub wa 0812 0000 1111"


def test_a_pasted_offer_whose_words_name_a_held_passport_is_checked_not_escalated(
    chat: Chat, demo_register: None
) -> None:
    chat.consent()
    chat.send(TURKEY)
    assert "Paspor diminta diserahkan atau dipegang orang lain" in chat.text
    assert "DARURAT" not in chat.text
    with session_scope() as session:
        assert session.exec(select(Ticket)).first() is None


def test_an_offer_for_a_scam_compound_country_still_reaches_a_human_at_once(chat: Chat) -> None:
    chat.consent()
    chat.send(CAMBODIA)
    assert "DARURAT" in chat.text


def test_someone_held_in_a_scam_country_is_still_an_emergency(chat: Chat) -> None:
    chat.send("tolong sy di kamboja disekap di kantor online scam, hp mau diambil")
    assert "DARURAT" in chat.text
