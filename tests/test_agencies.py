"""The agency register: import from CSV (new, changed, revoked, malformed), names typed in any form, the chat's
"is this agency official?" for each outcome, and the forms recording what the register says."""

from __future__ import annotations

import io
from datetime import date

import pytest
from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot import agencies
from bot.db import session_scope
from bot.models import Agency, Ticket
from bot.placement_cli import DEMO_FILE
from nlu import agency_names
from tests.support import Chat
from tests.test_conversation import complete_complaint

HEADER = "name,licence,head_office,branches,status,valid_until,countries\n"
TODAY = date(2026, 12, 1)


def import_text(text: str) -> agencies.ImportReport:
    rows = agencies.parse_rows(io.StringIO(text))
    with session_scope() as session:
        return agencies.import_rows(session, rows)


def register() -> dict[str, Agency]:
    with session_scope() as session:
        return {agency.licence: agency for agency in session.exec(select(Agency))}


@pytest.fixture
def demo_register() -> None:
    result = CliRunner().invoke(cli, ["agencies", "import", str(DEMO_FILE)])
    assert result.exit_code == 0, result.output


def test_import_adds_then_changes_nothing_then_reports_what_changed() -> None:
    first = import_text(HEADER + "PT Contoh Satu,L-1,Jakarta,Malang;Blitar,active,2028-01-31,Taiwan;HK\n")
    assert first.added == ["L-1"]
    assert register()["L-1"].countries == ["TW", "HK"]
    assert register()["L-1"].branches == ["Malang", "Blitar"]
    again = import_text(HEADER + "PT Contoh Satu,L-1,Jakarta,Malang;Blitar,active,2028-01-31,TW;HK\n")
    assert (again.added, again.changed, again.unchanged) == ([], {}, 1)
    revoked = import_text(
        HEADER
        + "PT Contoh Satu,L-1,Jakarta,Malang;Blitar,revoked,2028-01-31,TW;HK\nPT Dua,L-2,Bandung,,active,,MY\n"
    )
    assert revoked.changed == {"L-1": ["status"]}
    assert revoked.added == ["L-2"]
    assert register()["L-1"].status == "revoked"
    partial = import_text(HEADER + "PT Dua,L-2,Bandung,,active,,MY\n")
    assert partial.not_in_file == ["L-1"]
    assert "L-1" in register()  # a file covering part of the register removes nothing


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("PT Tiga,L-3,Bogor,,dormant,2028-01-01,TW", "status must be one of"),
        ("PT Tiga,L-3,Bogor,,active,31/01/2028,TW", "valid_until must be YYYY-MM-DD"),
        ("PT Tiga,L-3,Bogor,,active,2028-01-01,Atlantis", "unknown country"),
        (",L-3,Bogor,,active,2028-01-01,TW", "name and licence are required"),
    ],
)
def test_a_malformed_row_is_named_by_its_line_and_nothing_is_imported(row: str, message: str) -> None:
    text = HEADER + "PT Baik,L-9,Solo,,active,2028-01-01,TW\n" + row + "\n"
    with pytest.raises(agencies.RegisterError, match=message) as raised:
        agencies.parse_rows(io.StringIO(text))
    assert raised.value.line == 3


def test_the_cli_reports_a_malformed_file_and_imports_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "register.csv"
    path.write_text(HEADER + "PT Baik,L-9,Solo,,active,2028-01-01,TW\nPT Buruk,L-9,Solo,,active,,TW\n")
    result = CliRunner().invoke(cli, ["agencies", "import", str(path)])
    assert result.exit_code != 0
    assert "line 3: licence L-9 appears twice; nothing was imported" in result.output
    assert register() == {}


@pytest.mark.parametrize(
    ("typed", "outcome", "licence"),
    [
        ("pt. SJA", "licensed", "DEMO-SIP3MI-0001"),
        ("P.T. Sukses-Jaya Abadi", "licensed", "DEMO-SIP3MI-0001"),
        ("sukses jaya abadi cabang malang", "licensed", "DEMO-SIP3MI-0001"),
        ("pt suksess jaya abadi", "licensed", "DEMO-SIP3MI-0001"),
        ("bumi mentari", "licensed", "DEMO-SIP3MI-0002"),
        ("PT Sukses Jaya Mandiri", "suspended", "DEMO-SIP3MI-0003"),
        ("pt cahaya lintas samudra", "revoked", "DEMO-SIP3MI-0004"),
        ("karya insan nusantara", "expired", "DEMO-SIP3MI-0005"),
    ],
)
def test_names_in_any_form_find_their_agency(
    demo_register: None, typed: str, outcome: str, licence: str
) -> None:
    with session_scope() as session:
        found = agencies.lookup(session, typed, TODAY)
    assert found.outcome == outcome
    assert found.agency is not None and found.agency.licence == licence


def test_a_name_that_fits_two_agencies_is_unsure_and_an_unknown_one_is_unknown(demo_register: None) -> None:
    with session_scope() as session:
        unsure = agencies.lookup(session, "PT sukses jaya", TODAY)
        unknown = agencies.lookup(session, "PT Maju Terus Pantang Mundur", TODAY)
    assert unsure.outcome == "unsure" and unsure.agency is None
    assert {a.licence for a in unsure.candidates} == {"DEMO-SIP3MI-0001", "DEMO-SIP3MI-0003"}
    assert unknown.outcome == "unknown" and unknown.candidates == ()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("apakah pt sukses jaya resmi?", "pt sukses jaya"),
        ("agensi sy PT Bumi Mentari legal gak ya", "pt bumi mentari"),
        ("ada lowongan dari lpk harapan bangsa, aman gak?", "lpk harapan bangsa"),
        ("sponsor ini legal ga", None),
        ("pt nya resmi gak sih", None),
    ],
)
def test_a_question_about_an_agency_is_recognised_with_the_name_it_gives(
    text: str, named: str | None
) -> None:
    assert agency_names.asks_about_agency(text)
    assert agency_names.mentioned_agency(text) == named


@pytest.mark.parametrize(
    "text", ["berapa biaya ke taiwan", "perusahaan majikan saya tutup", "apakah aman kerja di taiwan"]
)
def test_other_messages_are_not_agency_questions(text: str) -> None:
    assert not agency_names.asks_about_agency(text)


def test_the_chat_tells_a_licensed_agency_with_its_licence_and_the_fee_rule(
    chat: Chat, demo_register: None
) -> None:
    chat.consent()
    chat.send("pt. SJA resmi ga?")
    assert "PT Sukses Jaya Abadi* terdaftar" in chat.text
    assert "DEMO-SIP3MI-0001" in chat.text
    assert "30-06-2029" in chat.text
    assert "Taiwan" in chat.text
    assert "biaya penempatan tidak boleh dibebankan" in chat.text


def test_a_branch_the_register_does_not_know_is_pointed_out(chat: Chat, demo_register: None) -> None:
    chat.consent()
    chat.send("pt sukses jaya abadi cabang kupang resmi?")
    assert "Cabang *kupang* tidak ada di daftar kantor resminya" in chat.text


def test_a_revoked_agency_is_a_warning_with_a_report_offered(chat: Chat, demo_register: None) -> None:
    chat.consent()
    chat.send("apakah PT cahaya lintas samudra terdaftar?")
    assert "sudah *dicabut*" in chat.text
    assert "jangan serahkan uang, paspor" in chat.text
    chat.press("Laporkan perusahaan ini")
    assert "nama lengkap" in chat.text.lower()


def test_an_unsure_name_asks_which_one_and_an_unknown_one_explains_how_to_verify(
    chat: Chat, demo_register: None
) -> None:
    chat.consent()
    chat.send("pt sukses jaya itu resmi?")
    assert "Maksud Anda yang mana" in chat.text
    assert set(chat.buttons()) >= {"PT Sukses Jaya Abadi", "PT Sukses Jaya Mandiri"}
    chat.press("PT Sukses Jaya Mandiri")
    assert "sedang *dibekukan*" in chat.text
    chat.send("menu")
    chat.send("cek pt")
    assert "Tulis nama perusahaan" in chat.text
    chat.send("PT Maju Terus Pantang Mundur")
    assert "tidak menemukan *PT Maju Terus Pantang Mundur*" in chat.text
    assert "LTSA" in chat.text
    assert "siskop2mi" in chat.text  # the configured address, filled in


def test_the_complaint_form_records_what_the_register_says_of_the_agency(
    chat: Chat, demo_register: None
) -> None:
    chat.consent()
    complete_complaint(chat)  # names "PT Maju Jaya", not in the register
    chat.press("Kirim")
    with session_scope() as session:
        ticket = session.exec(select(Ticket)).one()
    assert ticket.intake["agency"] == "PT Maju Jaya"
    assert ticket.intake["agency_register"] == "unknown"
