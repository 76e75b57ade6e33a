"""Form answers in a person's own words (issue 11, items 4 and 5): typed choices, names that are sentences,
re-asks that say what was wrong, and buttons of earlier messages. Driven through the real engine."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Ticket
from nlu.parsing.dates import IDUL_FITRI
from tests.support import Chat


def tickets() -> list[Ticket]:
    with session_scope() as session:
        return list(session.exec(select(Ticket).order_by(Ticket.id)))


def up_to_procedural(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    for answer in ["Siti Aminah", "lewati", "lewati", "taiwan", "lewati", "lewati", "lewati", "lewati"]:
        chat.send(answer)
    assert "resmi" in chat.text  # (9/14) procedural


def test_typed_choice_answers_in_everyday_words_are_understood(chat: Chat) -> None:
    up_to_procedural(chat)
    chat.send("ga tau")
    assert "Masalah apa" in chat.text
    chat.send("gajiku ga dibayar")
    assert "Ceritakan apa yang terjadi" in chat.text
    chat.send("Sudah 3 bulan gaji saya ditahan majikan.")
    chat.send("aman kok")
    assert "Apa yang Anda harapkan" in chat.text
    chat.send("gaji saya dibayar penuh")
    chat.send("lewati")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.category == "unpaid_wages" and not ticket.urgent
    assert ticket.intake["procedural"] == "unknown"
    assert ticket.intake["safe_now"] == "yes" and ticket.intake["desired_outcome"] == "paid"


def test_family_answers_relationship_and_category_in_words() -> None:
    chat = Chat(user="family-words", name="Bu Sri")
    chat.consent()
    chat.press("Laporkan masalah keluarga")
    chat.send("Sri Wahyuni")
    chat.send("ibunya")
    assert "Nomor HP" in chat.text
    for answer in ["lewati", "Rina", "malaysia", "lewati", "lewati", "2 bulan lalu"]:
        chat.send(answer)
    chat.send("ilang kontak")
    chat.send("Sudah dua bulan tidak ada kabar.")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.reporter_relationship == "parent" and ticket.category == "lost_contact"


def test_a_weak_match_is_asked_back_and_yes_stores_it(chat: Chat) -> None:
    up_to_procedural(chat)
    chat.press("Ya")
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.send("majikan")  # only a part of "Pindah majikan"
    assert "Maksudnya *Pindah majikan*?" in chat.text
    assert chat.buttons() == ["Ya", "Bukan"]
    chat.send("bukan")
    assert "Apa yang Anda harapkan" in chat.text and "Pulang ke Indonesia" in chat.buttons()
    chat.send("majikan")
    chat.send("iya")
    assert "Kirim bukti" in chat.text


def test_a_refusal_names_numbers_only_where_the_channel_shows_them() -> None:
    web = Chat(user="web-1", channel="web")
    up_to_procedural(web)
    web.send("xyzzy qwerty")
    assert "belum kami pahami" in web.text and "nomor" not in web.text.lower()
    assert "Tidak tahu" in web.buttons()  # asked again with the buttons
    console = Chat(user="console-1", channel="console")
    up_to_procedural(console)
    console.send("xyzzy qwerty")
    assert "Ketik nomor pilihannya" in console.text


def test_dont_know_where_the_field_does_not_allow_it_is_asked_again_kindly(chat: Chat) -> None:
    up_to_procedural(chat)
    chat.press("Ya")
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.send("gatau")  # "are you safe now?" has no "don't know"
    assert "tidak tahu pasti" in chat.text and "Apakah Anda aman sekarang?" in chat.text


def test_a_mother_typing_her_relationship_as_the_name_is_moved_to_the_family_report(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("sy ibunya, bkn sy yg kerja")
    assert "laporan keluarga" in chat.text and "Hubungan dengan pekerja: Orang tua" in chat.text


def test_name_fields_refuse_sentences_and_say_why(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("gaji saya belum dibayar")
    assert "kalimat, bukan nama" in chat.text and "(1/14)" in chat.text
    chat.send("Siti Aminah")
    assert "(2/14)" in chat.text


def test_nik_with_an_impossible_date_part_is_told_so(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti Aminah")
    chat.send("lewati")
    chat.send("3201234567890001")  # 16 digits, birth month 89
    assert "tanggal lahir" in chat.text and "NIK terdiri dari 16 angka" not in chat.text
    assert "(3/14)" in chat.text


def test_future_and_relative_dates(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    for answer in ["Siti Aminah", "lewati", "lewati", "taiwan", "lewati", "lewati", "lewati"]:
        chat.send(answer)
    chat.send("12/3/2099")
    assert "belum lewat" in chat.text and "(8/14)" in chat.text
    chat.send("taun kmrn pas lebaran")
    assert "(9/14)" in chat.text
    chat.press("Ya")
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
    chat.press("Kirim")
    [ticket] = tickets()
    expected = IDUL_FITRI[utcnow().year - 1]
    assert ticket.intake["departure_date"] == {"date": expected.isoformat(), "precision": "month"}


def test_old_buttons_are_recognised_as_stale_and_never_read_as_text(chat: Chat) -> None:
    up_to_procedural(chat)
    old_yes = next(b for reply in chat.replies for b in reply.buttons if b.label == "Ya")
    chat.press("Ya")
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.send("Ya", button=old_yes.value)  # "Ya" of the procedural question, now asked "are you safe?"
    assert "Tombol itu dari pesan lama" in chat.text and "Apakah Anda aman sekarang?" in chat.text
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
    summary = chat.replies
    chat.send("ubah 4")
    send = next(b for reply in summary for b in reply.buttons if b.label == "Kirim")
    chat.send("Kirim", button=send.value)  # the summary's button while field 4 is being changed
    assert "Tombol itu dari pesan lama" in chat.text and "(4/14)" in chat.text
    chat.send("malaysia")
    chat.press("Kirim")
    assert len(tickets()) == 1
    chat.send("Kirim", button=send.value)  # the old summary again, after the report was sent
    assert "Tombol itu dari pesan lama" in chat.text
    assert "Laporkan masalah saya" in chat.buttons()  # what is offered now, offered again
    assert "uang" not in chat.text.lower()  # not the FAQ about sending money home
    assert len(tickets()) == 1


def test_cancel_in_a_form_returns_to_the_menu(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti Aminah")
    chat.send("batal")
    assert "dibatalkan" in chat.text and "Laporkan masalah saya" in chat.buttons()
    chat.press("Laporkan masalah saya")
    chat.send("Siti Aminah")
    for answer in ["lewati"] * 2 + ["taiwan"] + ["lewati"] * 4 + ["ya"]:
        chat.send(answer)
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
    chat.press("Batal")  # from the summary
    assert "dibatalkan" in chat.text and "Tanya jawab" in chat.buttons()
    assert tickets() == []


def test_relative_date_words_are_not_yesterday() -> None:
    from nlu.parsing import ParsedDate, parse_date

    today = date(2026, 12, 1)
    assert parse_date("lebaran kemarin", today) == ParsedDate(IDUL_FITRI[2026], "month")
    assert parse_date("taun kmrn pas lebaran", today) == ParsedDate(IDUL_FITRI[2025], "month")
    assert parse_date("lebaran 2023", today) == ParsedDate(date(2023, 4, 22), "month")
    assert parse_date("agustus kemarin", today) == ParsedDate(date(2026, 8, 1), "month")
    assert parse_date("desember kemarin", today) == ParsedDate(date(2025, 12, 1), "month")
    assert parse_date("agustus tahun lalu", today) == ParsedDate(date(2025, 8, 1), "month")
    assert parse_date("bulan lalu", today) == ParsedDate(date(2026, 11, 1), "month")
    assert parse_date("2 minggu lalu", today) == ParsedDate(date(2026, 11, 17), "day")
    assert parse_date("lebaran kemarin", date(2026, 3, 1)) == ParsedDate(IDUL_FITRI[2025], "month")
