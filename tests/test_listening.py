"""A conversation that listens (issue 11): nothing a person says is lost, asked again, or misread, driven
through the engine the way a person chats."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.db import session_scope
from bot.models import Contact, Conversation, FaqQuestion, Message, Ticket
from handlers.reading import STATUS, read
from tests.support import Chat

NOTICE = "UU No. 27 Tahun 2022"
WAGES_IN_TAIWAN = "gaji saya 3 bulan tidak dibayar majikan di taiwan"
STORY = "Sejak Agustus gaji saya ditahan, majikan bilang nanti dibayar sekaligus, tapi sampai sekarang belum."


def tickets() -> list[Ticket]:
    with session_scope() as session:
        return list(session.exec(select(Ticket).order_by(Ticket.id)))


def conversation_data(chat: Chat) -> dict:
    with session_scope() as session:
        return session.exec(select(Conversation).where(Conversation.chat_id == chat.user)).one().data


def answer_faq(chat: Chat) -> None:
    """The FAQ answered (or offered choices: take the first)."""
    if "Apakah jawaban ini membantu?" not in chat.text:
        assert "Maksud Anda" in chat.text
        chat.send("1")
    assert "Apakah jawaban ini membantu?" in chat.text


def urgent_ticket() -> tuple[Ticket, str]:
    owner = Chat(user="owner-1")
    owner.send("saya mau bunuh diri")
    [pin] = re.findall(r"PIN\W{0,3}(\d{6})", owner.text)
    [ticket] = tickets()
    return ticket, pin


def test_first_question_is_answered_before_consent_on_the_public_service_basis(chat: Chat) -> None:
    chat.send("berapa biaya kerja ke taiwan")
    assert "Pekerja Migran Indonesia" in chat.text  # still greeted
    assert NOTICE not in chat.text
    answer_faq(chat)
    with session_scope() as session:
        [question] = session.exec(select(FaqQuestion)).all()
    assert question.legal_basis == "public_service"
    assert tickets() == []


def test_question_after_consent_is_kept_on_consent(chat: Chat) -> None:
    chat.consent()
    chat.send("berapa biaya kerja ke taiwan")
    with session_scope() as session:
        [question] = session.exec(select(FaqQuestion)).all()
    assert question.legal_basis == "consent"


def test_question_instead_of_setuju_is_answered_not_met_with_the_notice_again(chat: Chat) -> None:
    chat.send("halo")
    assert NOTICE in chat.text
    chat.send("berapa biaya kerja ke taiwan")
    assert NOTICE not in chat.text
    answer_faq(chat)
    chat.send("setuju")  # the notice's answer still works later
    assert "Terima kasih. Data Anda akan kami jaga." in chat.text


def test_first_report_is_kept_and_after_consent_starts_with_what_it_told(chat: Chat) -> None:
    chat.send(WAGES_IN_TAIWAN)
    assert NOTICE in chat.text and tickets() == []
    pending = conversation_data(chat)["pending"]  # kept in the conversation, in the database
    assert pending["fields"]["category"] == "unpaid_wages" and pending["fields"]["country"] == "TW"
    chat.press("Setuju")
    assert "Apa yang bisa kami bantu" not in chat.text  # not the bare menu
    assert "Dari pesan Anda, sudah kami catat" in chat.text
    assert "Gaji tidak dibayar" in chat.text and "Taiwan" in chat.text
    asked = [chat.text]
    for answer in ["Siti Aminah", "lewati", "lewati", "lewati", "lewati"]:
        chat.send(answer)
        asked.append(chat.text)
    assert "Ceritakan apa yang terjadi" in chat.text  # a line that names the problem is not yet its story
    chat.send(STORY)
    chat.send("ya")
    chat.press("Gaji/hak saya dibayar")
    asked.append(chat.text)
    chat.send("lewati")
    asked.append(chat.text)
    chat.send("lewati")
    assert "Mohon periksa laporan Anda" in chat.text
    assert not any("Di negara mana" in text or "Masalah apa" in text for text in asked)
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.category == "unpaid_wages" and ticket.worker_country == "TW"
    assert ticket.description == STORY and ticket.legal_basis == "consent"
    with session_scope() as session:  # the first message is on the ticket's thread
        filed = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
    assert WAGES_IN_TAIWAN in [message.text for message in filed]


def test_a_first_message_that_tells_the_story_is_not_asked_for_it_again(chat: Chat) -> None:
    story = (
        "sy kerja di pabrik di gimhae korea, kerjanya beda sm kontrak, disuruh lembur tiap hari sampe jam 11 "
        "malam, libur cuma sebulan sekali dan gaji lemburnya ga dihitung"
    )
    chat.send(story)
    chat.press("Setuju")
    for answer in ["Budi Hartono", "lewati", "lewati", "lewati"]:
        chat.send(answer)
    if "Masalah apa" in chat.text:  # the problem type, when the words do not name it
        chat.press("Pekerjaan tidak sesuai kontrak")
    assert "Apakah Anda aman sekarang?" in chat.text
    with session_scope() as session:
        values = session.exec(select(Conversation)).one().data["form"]["values"]
    assert values["description"] == story and values["city"] == "Gimhae"


def test_declining_keeps_questions_status_and_menu_without_the_notice_every_time(chat: Chat) -> None:
    chat.send("halo")
    chat.send("2")  # "Tidak setuju"
    assert "Tanpa persetujuan" in chat.text and "tetap bisa bertanya" in chat.text
    assert "Tanya jawab" in chat.buttons()
    chat.send("berapa biaya kerja ke taiwan")
    assert NOTICE not in chat.text
    answer_faq(chat)
    chat.send("status")
    assert "nomor laporan" in chat.text and NOTICE not in chat.text
    chat.send("menu")
    assert "Apa yang bisa kami bantu" in chat.text and NOTICE not in chat.text
    chat.press("Laporkan masalah saya")  # a report asks for consent, briefly
    assert "Apakah Anda setuju?" in chat.text and NOTICE not in chat.text
    chat.press("Setuju")
    assert "(1/12)" in chat.text and "nama lengkap" in chat.text
    assert tickets() == []


def test_typed_tidak_declines_and_the_next_question_is_answered(chat: Chat) -> None:
    chat.send("halo")
    chat.send("tidak")
    assert "Tanpa persetujuan" in chat.text
    chat.send("berapa biaya kerja ke taiwan")
    answer_faq(chat)


def test_family_words_start_the_family_form_asking_only_what_is_missing(chat: Chat) -> None:
    chat.consent()
    chat.send("sy mau lapor anak sy yg di malaysia")
    assert "laporan keluarga" in chat.text
    assert "Orang tua" in chat.text and "Malaysia" in chat.text  # understood, shown for correction
    assert "Siapa nama lengkap pekerja" in chat.text  # in the order a report is told, skipping what was said
    asked = []
    for answer in ["Rina", "lewati", "lewati", "lewati", "lewati"]:
        asked.append(chat.text)
        chat.send(answer)
    chat.press("Hilang kontak")
    for answer in ["tidak ada kabar", "2 bulan lalu"]:
        asked.append(chat.text)
        chat.send(answer)
    chat.press("Tidak tahu")
    chat.press("Ada kabar/bisa dihubungi lagi")
    assert "Mohon periksa laporan Anda" in chat.text and "Nama pelapor: Siti" in chat.text  # the profile's
    assert not any("hubungan Anda" in text or "Di negara mana" in text for text in asked)
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.reporter_relationship == "parent" and ticket.worker_country == "MY"
    assert ticket.reporter_name == "Siti" and ticket.worker_name == "Rina"
    assert ticket.category == "lost_contact"


def test_family_report_before_consent_starts_the_family_form_after_setuju(chat: Chat) -> None:
    chat.send(
        "anak saya di taiwan gajinya 3 bulan belum dibayar majikan"
    )  # sick and refused care would be danger
    assert NOTICE in chat.text
    chat.press("Setuju")
    assert "laporan keluarga" in chat.text and "Siapa nama lengkap pekerja migran itu?" in chat.text
    assert "nama lengkap Anda (sesuai paspor)" not in chat.text


def test_typing_lapor_as_the_bot_advises_works_for_a_family_member(chat: Chat) -> None:
    chat.consent()
    chat.send("lapor")
    assert "Laporan ini tentang masalah siapa?" in chat.text
    chat.send("anak saya")
    assert "laporan keluarga" in chat.text and "nama lengkap Anda (sesuai paspor)" not in chat.text
    chat.send("batal")
    chat.send("lapor")
    chat.press("Masalah anggota keluarga saya")
    assert "laporan keluarga" in chat.text


def test_typing_lapor_for_oneself_reaches_the_own_form(chat: Chat) -> None:
    chat.consent()
    chat.send("lapor")
    chat.send("saya sendiri")
    assert "laporan masalah" in chat.text and "Siapa nama lengkap Anda" in chat.text


def test_mother_in_the_worker_form_is_moved_to_the_family_form(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    assert "Siapa nama lengkap Anda (sesuai paspor)?" in chat.text
    chat.send("sy ibunya, bkn sy yg kerja")
    assert "laporan tentang anggota keluarga" in chat.text and "laporan keluarga" in chat.text
    assert "Orang tua" in chat.text  # her role understood and shown
    form = conversation_data(chat)["form"]
    assert form["name"] == "family" and form["values"]["relationship"] == "parent"
    assert "name" not in form["values"] and form["values"]["reporter_name"] == "Siti"  # the profile name


def test_status_with_reference_and_pin_in_one_message_shows_the_status() -> None:
    ticket, pin = urgent_ticket()
    other = Chat(user="other-1")
    other.send(f"cek status {ticket.ref} pin {pin}")  # a first message, before any consent
    assert f"Laporan {ticket.ref}" in other.text and "Status:" in other.text
    assert "Apakah jawaban ini membantu?" not in other.text  # not the FAQ entry about checking a status
    assert "Tambah informasi" not in other.buttons()  # adding information waits for consent


def test_status_pin_in_one_message_is_throttled_like_a_typed_pin() -> None:
    ticket, pin = urgent_ticket()
    guesser = Chat(user="guesser-1")
    guesser.consent()
    wrong = "000000" if pin != "000000" else "111111"
    for _ in range(5):
        guesser.send(f"cek status {ticket.ref} pin {wrong}")
        assert "tidak cocok" in guesser.text or "Terlalu banyak" in guesser.text
    guesser.send(f"cek status {ticket.ref} pin {pin}")
    assert "Terlalu banyak percobaan" in guesser.text and "Status:" not in guesser.text


def test_reference_with_digits_between_letters_is_read_as_typed() -> None:
    """Folding reads "s4kit" as "sakit"; a reference's digits stay digits."""
    reading = read("cek status PMI-AGD5PZ pin 845308")
    assert (reading.kind, reading.reference, reading.pin) == (STATUS, "PMI-AGD5PZ", "845308")


def test_asking_for_an_officer_before_consent_hands_over_at_once_on_the_public_service_basis(
    chat: Chat,
) -> None:
    chat.send("bisa ngomong sama petugas aja? bukan sama bot")
    assert "chat ini kami teruskan ke petugas" in chat.text and "Data Anda kami jaga" in chat.text
    [ticket] = tickets()
    assert ticket.legal_basis == "public_service"
    assert conversation_data(chat)["privacy_notice_due"] is True  # the full notice once an officer answered
    chat.send("sy mau tanya soal kontrak")
    assert "diteruskan ke petugas" in chat.text


def test_consent_typed_in_words_is_read_both_ways() -> None:
    yes, no = Chat(user="yes-sayer"), Chat(user="no-sayer")
    yes.send("halo")
    yes.send("ok setuju")
    assert "Data Anda akan kami jaga" in yes.text
    no.send("halo")
    no.send("ga setuju")
    assert "Tanpa persetujuan" in no.text
    with session_scope() as session:
        consent = {c.external_id: c.consent_at is not None for c in session.exec(select(Contact))}
    assert consent == {"yes-sayer": True, "no-sayer": False}


def test_a_pin_typed_in_a_sentence_is_read() -> None:
    ticket, pin = urgent_ticket()
    other = Chat(user="other-phone")
    other.send(f"cek status {ticket.ref}")
    other.send(f"pinnya {pin} ya kak")
    assert f"Laporan {ticket.ref}" in other.text and "Status:" in other.text


def test_consent_typed_with_a_typo_or_in_javanese_and_malay_is_read() -> None:
    answers = {
        "setju": True,
        "nggih setuju": True,
        "ok setuju je": True,
        "mboten setuju": False,
        "tak setuju": False,
    }
    for number, (typed, agrees) in enumerate(answers.items()):
        chat = Chat(user=f"consenter-{number}")
        chat.send("halo")
        chat.send(typed)
        assert ("Data Anda akan kami jaga" in chat.text) is agrees, typed
        assert ("Tanpa persetujuan" in chat.text) is not agrees, typed


def test_a_report_asked_for_in_so_many_words_after_a_question_starts_without_an_offer(chat: Chat) -> None:
    chat.send("kalo gaji ga dibayar harus lapor kemana ya")  # a question: answered before consent
    answer_faq(chat)
    chat.send("sy sendiri ngalamin, udh 2 bln gaji ga dibayar di hualien, mau lapor aja")
    assert NOTICE in chat.text and "Mau kami buatkan laporan" not in chat.text
    chat.send("setuju")
    assert (
        "Gaji tidak dibayar" in chat.text and "Taiwan" in chat.text and "Siapa nama lengkap Anda" in chat.text
    )


def test_setuju_answers_a_report_offer(chat: Chat) -> None:
    chat.consent()
    chat.send("gaji saya blm dibayar 3 bulan")
    assert "Mau kami buatkan laporan sekarang?" in chat.text
    chat.send("setuju")
    assert "Siapa nama lengkap Anda" in chat.text


def test_an_answer_while_a_report_waits_for_consent_asks_for_consent_again(chat: Chat) -> None:
    chat.send("mau lapor, gaji sy ga dibayar di taiwan")
    assert NOTICE in chat.text
    chat.send("Ratna Dewi")
    assert "Apakah Anda setuju?" in chat.text and "belum bisa menjawab" not in chat.text
    assert conversation_data(chat)["pending"]["fields"]["category"] == "unpaid_wages"  # still kept


def test_a_bare_report_asks_consent_then_whose_and_a_name_there_starts_the_own_report(chat: Chat) -> None:
    chat.send("selamat pagi")
    chat.send("saya nak buat aduan")  # the notice was shown: a short consent question, then whose
    assert "Apakah Anda setuju?" in chat.text
    chat.send("ok setuju")
    assert "Laporan ini tentang masalah siapa?" in chat.text
    chat.send("Rosmini binti Darto")
    assert "laporan masalah" in chat.text and "Nama: Rosmini binti Darto" in chat.text
    assert "Di negara mana Anda bekerja" in chat.text


def test_a_reference_in_a_malay_sentence_is_a_status_check(chat: Chat) -> None:
    ticket, pin = urgent_ticket()
    chat.send(f"saya nak semak aduan {ticket.ref.lower()} ya")
    assert "PIN" in chat.text
    chat.send(pin)
    assert ticket.ref in chat.text and "Status" in chat.text


def test_a_question_about_the_data_before_consent_is_answered_and_the_report_still_waits(chat: Chat) -> None:
    chat.send("istri sy di abu dhabi kerja ga sesuai kontrak, ga ada libur")
    assert NOTICE in chat.text
    chat.send("data sy buat apa? dikasih ke siapa aja?")
    assert NOTICE not in chat.text  # a question: answered (or its choices offered), the report kept
    chat.send("oh ok setuju")
    assert "laporan keluarga" in chat.text and "Suami/istri" in chat.text


def test_a_packed_family_opener_fills_the_worker_name_agency_and_departure(chat: Chat) -> None:
    chat.send(
        "kakak sy Sulastri kerja di malaysia lewat PT Borneo Jaya Makmur brgkt 2018, udh 1 thn ilang kontak"
    )
    chat.press("Setuju")
    for noted in ("Nama pekerja: Sulastri", "Agensi/P3MI: PT Borneo Jaya Makmur", "Tanggal berangkat: 2018"):
        assert noted in chat.text
    assert "Hubungan dengan pekerja: Saudara kandung" in chat.text and "Hilang kontak" in chat.text
    assert "Di kota mana dia bekerja?" in chat.text  # the first question still open


def test_batal_before_consent_drops_the_waiting_report_and_questions_still_work(chat: Chat) -> None:
    chat.send("mau lapor soal anak sy")
    assert NOTICE in chat.text
    chat.send("batal")
    assert "tidak kami lanjutkan" in chat.text and "pending" not in conversation_data(chat)
    chat.send("berapa biaya kerja ke taiwan")
    answer_faq(chat)
