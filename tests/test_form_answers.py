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


def up_to_agency(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    for answer in ["Siti Aminah", "taiwan", "lewati", "lewati"]:
        chat.send(answer)
    assert "agensi atau PT" in chat.text and "(5/12)" in chat.text


def up_to_category(chat: Chat) -> None:
    up_to_agency(chat)
    chat.send("lewati")
    chat.send("lewati")
    assert "Masalah apa" in chat.text and "(7/12)" in chat.text


def test_typed_choice_answers_in_everyday_words_are_understood(chat: Chat) -> None:
    up_to_agency(chat)
    chat.send("ga tau")  # an optional question: "don't know" skips it
    assert "Kapan Anda berangkat" in chat.text
    chat.send("lewati")
    assert "Masalah apa" in chat.text
    chat.send("gajiku ga dibayar")
    assert "Ceritakan apa yang terjadi" in chat.text
    chat.send("Sudah 3 bulan gaji saya ditahan majikan.")
    chat.send("aman kok")
    assert "Apa yang Anda harapkan" in chat.text
    chat.send("gaji saya dibayar penuh")
    chat.send("lewati")
    chat.send("lewati")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.category == "unpaid_wages" and not ticket.urgent
    assert ticket.intake["procedural"] == "unknown" and ticket.intake["agency"] is None
    assert ticket.intake["safe_now"] == "yes" and ticket.intake["desired_outcome"] == "paid"


def test_family_answers_relationship_and_category_in_words() -> None:
    chat = Chat(user="family-words", name="Sri Wahyuni")
    chat.consent()
    chat.press("Laporkan masalah keluarga")
    chat.send("ibunya")
    assert "nama lengkap pekerja" in chat.text
    for answer in ["Rina", "malaysia", "lewati", "lewati", "lewati", "ga tau"]:
        chat.send(answer)
    chat.send("ilang kontak")
    chat.send("Sudah dua bulan tidak ada kabar.")
    chat.send("2 bulan lalu")
    chat.send("ga tau")  # is she safe now?
    chat.send("pengen tau kabarnya")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.reporter_relationship == "parent" and ticket.category == "lost_contact"
    assert ticket.intake["safe_now"] == "unknown" and ticket.intake["desired_outcome"] == "contact"


def test_a_weak_match_is_asked_back_and_yes_stores_it(chat: Chat) -> None:
    up_to_category(chat)
    chat.send("paspor")  # only a part of "Dokumen/paspor ditahan"
    assert "Maksudnya *Dokumen/paspor ditahan*?" in chat.text
    assert chat.buttons() == ["Ya", "Bukan"]
    chat.send("bukan")
    assert "Masalah apa" in chat.text and "Gaji tidak dibayar" in chat.buttons()
    chat.send("paspor")
    chat.send("iya")
    assert "Ceritakan apa yang terjadi" in chat.text


def test_a_wish_in_other_words_is_taken_as_the_nearest_option_and_shown_for_correction(chat: Chat) -> None:
    up_to_category(chat)
    chat.press("Biaya berlebihan / potongan gaji")
    chat.send("Gaji dipotong agen tiap bulan.")
    chat.press("Ya, saya aman")
    chat.send("potongan distop dan uang dikembaliin")  # two wishes: the nearest option, no "Maksudnya?"
    assert "nomor paspor" in chat.text
    chat.send("lewati")
    chat.send("lewati")
    assert "Yang Anda harapkan: Uang dikembalikan" in chat.text


def test_a_refusal_names_numbers_only_where_the_channel_shows_them() -> None:
    web = Chat(user="web-1", channel="web")
    up_to_category(web)
    web.send("xyzzy qwerty")
    assert "belum kami pahami" in web.text and "nomor" not in web.text.lower()
    assert "Lainnya" in web.buttons()  # asked again with the buttons
    console = Chat(user="console-1", channel="console")
    up_to_category(console)
    console.send("xyzzy qwerty")
    assert "Ketik nomor pilihannya" in console.text


def test_dont_know_where_the_field_does_not_allow_it_is_asked_again_kindly(chat: Chat) -> None:
    up_to_category(chat)
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
    chat.send("saya mau cerita dulu ya kak")
    assert "kalimat, bukan nama" in chat.text and "(1/12)" in chat.text
    chat.send(
        "gaji saya belum dibayar"
    )  # the problem, not a name: noted as the problem, the name asked again
    assert "Kami catat juga:\nJenis masalah: Gaji tidak dibayar" in chat.text
    assert "Siapa nama lengkap Anda" in chat.text
    chat.send("Siti Aminah")
    assert "Di negara mana" in chat.text


def test_nik_with_an_impossible_date_part_is_told_so(chat: Chat) -> None:
    up_to_category(chat)
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("3201234567890001")  # 16 digits, birth month 89
    assert "tanggal lahir" in chat.text and "NIK terdiri dari 16 angka" not in chat.text
    assert "(11/12)" in chat.text


def test_future_and_relative_dates(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    for answer in ["Siti Aminah", "taiwan", "lewati", "lewati", "lewat calo di kampung"]:
        chat.send(answer)
    chat.send("12/3/2099")
    assert "belum lewat" in chat.text and "(6/12)" in chat.text
    chat.send("taun kmrn pas lebaran")
    assert "(7/12)" in chat.text
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
    chat.send("lewati")
    assert "Berangkat resmi (prosedural): Tidak" in chat.text  # read from "lewat calo", shown to correct
    chat.press("Kirim")
    [ticket] = tickets()
    expected = IDUL_FITRI[utcnow().year - 1]
    assert ticket.intake["departure_date"] == {"date": expected.isoformat(), "precision": "month"}
    assert ticket.intake["procedural"] == "no"


def test_old_buttons_are_recognised_as_stale_and_never_read_as_text(chat: Chat) -> None:
    up_to_category(chat)
    old_button = next(b for reply in chat.replies for b in reply.buttons if b.label == "Meninggal dunia")
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.send("Meninggal dunia", button=old_button.value)  # the category question's, now "are you safe?"
    assert "Tombol itu dari pesan lama" in chat.text and "Apakah Anda aman sekarang?" in chat.text
    assert not any(ticket.urgent for ticket in tickets())  # a button's label is not a death just told
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
    chat.send("lewati")
    summary = chat.replies
    chat.send("ubah 2")
    send = next(b for reply in summary for b in reply.buttons if b.label == "Kirim")
    chat.send("Kirim", button=send.value)  # the summary's button while field 2 is being changed
    assert "Tombol itu dari pesan lama" in chat.text and "(2/12)" in chat.text
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
    for answer in ["taiwan"] + ["lewati"] * 4:
        chat.send(answer)
    chat.press("Gaji tidak dibayar")
    chat.send("Gaji tidak dibayar tiga bulan.")
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send("lewati")
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


def test_a_worker_who_never_left_answers_the_placement_questions_with_none(chat: Chat) -> None:
    chat.send("sy udh bayar 35jt ke LPK Hikari Nusantara buat ke jepang tp 1 thn gk berangkat2")
    chat.press("Setuju")
    chat.send("Dimas Aryo")
    chat.send("blm berangkat")  # asked the city: no city, no employer, no departure date to ask about
    assert "Ceritakan apa yang terjadi" in chat.text
    chat.send("blm ada majikan")  # said again where the story is asked: noted, the story asked again
    assert "sudah kami catat bahwa belum berangkat" in chat.text and "Ceritakan apa yang terjadi" in chat.text
    with session_scope() as session:
        from bot.models import Conversation

        values = session.exec(select(Conversation)).one().data["form"]["values"]
    assert values["city"] is None and values["employer"] is None and values["departure_date"] is None
    assert values["agency"] == "LPK Hikari Nusantara" and values["category"] == "failed_departure"


def test_an_answer_to_another_question_is_filed_there_and_the_question_asked_again(chat: Chat) -> None:
    chat.send("gaji sy 3 bln ga dibayar majikan di taiwan")
    chat.press("Setuju")
    assert "Siapa nama lengkap Anda" in chat.text
    chat.send("PT Cahaya Sentosa Abadi")  # the agency, typed for the name
    assert "Kami catat juga:\nAgensi/P3MI: PT Cahaya Sentosa Abadi" in chat.text
    assert "Siapa nama lengkap Anda" in chat.text
    chat.send("Nur Aini")
    chat.send("taichung")
    chat.send("Mr Lin")
    assert "Kapan Anda berangkat" in chat.text  # the agency is not asked again
    chat.send("juni 2023")
    chat.send("Sudah 3 bulan gaji saya tidak dibayar.")
    chat.send("majikan bilang lagi susah usaha, nanti dibayar katanya")  # more story, for "are you safe?"
    assert "Kami catat juga:\nKronologi:" in chat.text and "Apakah Anda aman sekarang?" in chat.text
    chat.send("eh salah, berangkatnya juli 2023")  # a correction of an earlier answer
    assert "Kami perbarui:\nTanggal berangkat: Juli 2023" in chat.text
    assert "Apakah Anda aman sekarang?" in chat.text
    chat.send("aman sih")
    chat.send("mau gajinya dibayar full")
    chat.send("lewati")
    chat.send("lewati")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.intake["agency"] == "PT Cahaya Sentosa Abadi" and ticket.worker_name == "Nur Aini"
    assert ticket.intake["departure_date"]["date"] == "2023-07-01"
    assert "Sudah 3 bulan" in ticket.description and "lagi susah usaha" in ticket.description
    assert ticket.intake["desired_outcome"] == "paid" and ticket.intake["safe_now"] == "yes"


def test_a_story_typed_where_safety_is_asked_is_not_read_as_not_safe(chat: Chat) -> None:
    up_to_category(chat)
    chat.press("Penipuan lowongan kerja")
    chat.send("Saya ditipu calo, bayar 20 juta.")
    chat.send("dia kirim kontrak kerja pabrik tp pas dicek ga ada namanya di eps, nomornya skrg diblok")
    assert "Kami catat juga:\nKronologi:" in chat.text and "Apakah Anda aman sekarang?" in chat.text
    assert "DARURAT" not in chat.text and "Maksudnya" not in chat.text
    chat.send("aman")
    assert "Apa yang Anda harapkan" in chat.text
    assert tickets() == []


def test_a_wish_no_option_names_is_kept_as_other_and_the_report_goes_on(chat: Chat) -> None:
    up_to_category(chat)
    chat.press("Biaya berlebihan / potongan gaji")
    chat.send("Tiap bulan disuruh cicil ke LPK.")
    chat.press("Ya, saya aman")
    chat.send("cicilannya dihentikan")
    assert "nomor paspor" in chat.text
    chat.send("lewati")
    chat.send("lewati")
    assert "Yang Anda harapkan: Lainnya (ceritakan ke petugas)" in chat.text


def test_a_short_wish_typed_for_the_story_is_the_wish(chat: Chat) -> None:
    up_to_category(chat)
    chat.press("Pekerjaan tidak sesuai kontrak")
    chat.send("mau pindah tempat kerja")
    assert "Kami catat juga:\nYang Anda harapkan: Pindah majikan" in chat.text
    assert "Ceritakan apa yang terjadi" in chat.text
