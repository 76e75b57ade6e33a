"""Conversations driven the way a person chats: every flow of the help desk, end to end through the engine."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot import pii
from bot.db import session_scope
from bot.messages import IncomingAttachment
from bot.models import Attachment, Conversation, FaqQuestion, Message, Ticket, TicketEvent
from tests.support import Chat


def tickets() -> list[Ticket]:
    with session_scope() as session:
        return list(session.exec(select(Ticket).order_by(Ticket.id)))


STORY = "Gaji saya tidak dibayar sejak 3 bulan. Majikan bilang nanti."


def complete_complaint(
    chat: Chat, identity: str = "C1234567", name: str = "Siti Aminah", story: str = STORY
) -> None:
    chat.send("menu")
    chat.press("Laporkan masalah saya")
    for answer in [name, "hongkong", "Kowloon", "Mr Chan", "PT Maju Jaya", "maret 2023"]:
        chat.send(answer)
    chat.press("Gaji tidak dibayar")
    chat.send(story)
    chat.press("Ya, saya aman")
    chat.press("Gaji/hak saya dibayar")
    chat.send(identity)
    chat.send("lewati")


def test_first_message_gets_welcome_and_privacy_notice_before_anything_else(chat: Chat) -> None:
    chat.send("halo")
    assert "Pekerja Migran Indonesia" in chat.text
    assert "UU No. 27 Tahun 2022" in chat.text
    assert chat.buttons()[:2] == ["Setuju", "Tidak setuju"]
    chat.send("gaji saya belum dibayar")  # not yet consented: asked again, nothing recorded
    assert "setuju" in chat.text.lower()
    assert tickets() == []


def test_consent_leads_to_menu_with_typed_equivalents(chat: Chat) -> None:
    chat.consent()
    assert "Apa yang bisa kami bantu" in chat.text
    assert "Laporkan masalah saya" in chat.buttons()
    chat.send("2")  # the number of "Laporkan masalah saya"
    assert "nama lengkap" in chat.text


def test_declining_consent_explains_and_stores_no_ticket(chat: Chat) -> None:
    chat.send("halo")
    chat.press("Tidak setuju")
    assert "Tanpa persetujuan" in chat.text
    chat.send("setuju")
    assert "Apa yang bisa kami bantu" in chat.text


def test_worker_completes_a_complaint_and_gets_reference_and_pin(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat)
    assert "Mohon periksa laporan Anda" in chat.text
    assert "Hong Kong" in chat.text and "Maret 2023" in chat.text
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.ref in chat.text and "PIN" in chat.text
    assert ticket.category == "unpaid_wages" and ticket.worker_country == "HK"
    assert ticket.queue == "asia_pacific" and not ticket.urgent
    assert pii.identity(ticket) == {"passport_number": "C1234567", "nik": None}
    assert "passport_number" not in ticket.intake  # encrypted in its own column, see tests/privacy
    assert ticket.legal_basis == "consent" and ticket.reporter_relationship == "self"
    assert "24 jam" in chat.text


def test_invalid_answers_are_reasked_kindly_without_losing_the_form(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti")
    chat.send("negeri antah berantah")
    assert "negara itu belum kami kenali" in chat.text and "(2/12)" in chat.text
    chat.send("saudi")
    assert "(3/12)" in chat.text


def test_the_identity_number_comes_last_and_says_what_is_wrong_with_it(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat, identity="12345")
    chat.send("kembali")  # from the evidence question back to the identity number
    chat.send("12345")
    assert "bukan nomor paspor atau NIK" in chat.text and "(11/12)" in chat.text
    chat.send("3201 0112 1399 0001")  # 16 digits, but there is no 13th month
    assert "tanggal lahir" in chat.text
    chat.send("3201015212900001 dan paspor C 1234567")
    chat.send("lewati")  # no evidence
    chat.press("Kirim")
    [ticket] = tickets()
    assert pii.identity(ticket) == {"passport_number": "C1234567", "nik": "3201015212900001"}


def test_back_goes_to_previous_question_and_summary_edit_changes_one_field(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat)
    chat.send("ubah 2")
    assert "Jawaban sekarang: Hong Kong" in chat.text
    chat.send("taiwan")
    assert "Mohon periksa laporan Anda" in chat.text and "Taiwan" in chat.text
    chat.send("kembali")
    assert "(12/12)" in chat.text
    chat.send("lewati")
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.worker_country == "TW"


def test_cancel_drops_the_form_and_creates_nothing(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti")
    chat.send("batal")
    assert "dibatalkan" in chat.text
    assert tickets() == []


def test_menu_mid_form_keeps_it_and_offers_to_resume(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti")
    chat.send("menu")
    assert chat.buttons()[0] == "Lanjutkan laporan yang belum selesai"
    chat.press("Lanjutkan laporan yang belum selesai")
    assert "(2/12)" in chat.text


def test_unfinished_form_expires_with_a_gentle_message(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti")
    with session_scope() as session:
        conversation = session.exec(select(Conversation)).one()
        data = dict(conversation.data)
        data["form"] = {
            **data["form"],
            "touched_at": (conversation.updated_at - timedelta(days=4)).isoformat(),
        }
        conversation.data = data
        session.add(conversation)
    chat.send("taiwan")
    assert "sudah kami hapus" in chat.text
    assert "Lanjutkan laporan" not in chat.buttons()


def test_family_member_reports_lost_contact_and_ticket_records_who_supplied_data() -> None:
    chat = Chat(user="family-1", name=None)  # a web chat: no profile name, so the reporter is asked last
    chat.consent()
    chat.press("Laporkan masalah keluarga")
    chat.press("Orang tua")
    for answer in ["Rina Santoso", "malaysia", "lewati", "lewati", "PT Sejahtera", "lewati"]:
        chat.send(answer)
    chat.press("Hilang kontak")
    chat.send("Anak saya tidak bisa dihubungi. Terakhir telpon bulan juni, sesudah itu nomornya mati.")
    assert "Kapan terakhir" not in chat.text  # read from the story, not asked
    chat.press("Tidak tahu")  # is she safe now?
    chat.press("Ada kabar/bisa dihubungi lagi")
    assert "nama Anda (pelapor)" in chat.text
    chat.send("Budi Santoso")
    assert "Mohon periksa laporan Anda" in chat.text
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.reporter_name == "Budi Santoso" and ticket.reporter_relationship == "parent"
    assert ticket.worker_name == "Rina Santoso" and ticket.supplied_by == "reporter"
    assert ticket.category == "lost_contact" and ticket.worker_country == "MY"
    assert ticket.intake["last_contact"]["precision"] == "month"  # June, for a lost contact only
    assert ticket.intake["safe_now"] == "unknown" and not ticket.urgent


def test_family_report_takes_the_reporter_name_from_the_profile_and_asks_no_safety_after_a_death() -> None:
    chat = Chat(user="family-2", name="Sri Wahyuni")
    chat.consent()
    chat.press("Laporkan masalah keluarga")
    chat.press("Suami/istri")
    for answer in ["Joko Susilo", "arab saudi", "riyadh", "lewati", "lewati", "2023"]:
        chat.send(answer)
    chat.press("Meninggal dunia")
    chat.send("Suami saya meninggal bulan lalu di tempat kerja, kami belum dapat kabar resmi.")
    assert "aman sekarang" not in chat.text and "Yang Anda harapkan" not in chat.text
    chat.press("Jenazah dipulangkan")
    assert "Mohon periksa laporan Anda" in chat.text and "Nama pelapor: Sri Wahyuni" in chat.text
    assert "Terakhir ada kabar" not in chat.text and "Pekerja aman sekarang" not in chat.text
    chat.press("Kirim")
    [ticket] = tickets()
    assert ticket.reporter_name == "Sri Wahyuni" and ticket.intake["desired_outcome"] == "remains"
    assert "safe_now" not in ticket.intake


def test_status_check_in_own_chat_and_from_another_chat_with_pin(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    [ticket] = tickets()
    pin = chat.text.split("PIN: *")[1][:6]
    chat.send("status")
    chat.press(ticket.ref)
    assert "Baru, menunggu petugas" in chat.text
    other = Chat(user="other-phone")
    other.consent()
    other.send("cek status")
    other.send(ticket.ref.lower().replace("-", " "))
    assert "PIN" in other.text
    other.send("000000" if pin != "000000" else "111111")
    assert "PIN tidak cocok" in other.text
    other.send(pin)
    assert ticket.ref in other.text and "Status" in other.text
    other.press("Tambah informasi")
    other.send("Ini nomor majikan baru: 0912")
    assert "sudah ditambahkan" in other.text
    with session_scope() as session:
        filed = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
    from_other_chat = [m.text for m in filed if m.conversation_id != ticket.conversation_id]
    assert from_other_chat == ["Ini nomor majikan baru: 0912", *from_other_chat[1:]]  # and the bot's answer
    assert all("PIN" not in text and "Laporan" not in text for text in from_other_chat[1:])


def test_talk_to_officer_hands_over_until_menu(chat: Chat) -> None:
    chat.consent()
    chat.press("Bicara dengan petugas")
    [ticket] = tickets()
    assert ticket.ref in chat.text and "24 jam" in chat.text
    chat.send("tolong bantu saya soal kontrak")
    assert "diteruskan ke petugas" in chat.text
    chat.send("apa itu bpjs")  # not interpreted by the bot while an officer holds the chat
    assert "diteruskan ke petugas" in chat.text
    chat.send("menu")
    assert "Apa yang bisa kami bantu" in chat.text
    with session_scope() as session:
        filed = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
    assert [m.text for m in filed if m.direction == "in"] == [
        "Bicara dengan petugas",
        "tolong bantu saya soal kontrak",
        "apa itu bpjs",
    ]


def test_danger_before_consent_opens_urgent_ticket_on_vital_interest(chat: Chat) -> None:
    chat.send("tolong saya dipukuli majikan")
    [ticket] = tickets()
    assert ticket.urgent and ticket.queue == "urgent" and ticket.legal_basis == "vital_interest"
    assert "DARURAT" in chat.text and "+62 21 2924 4800" in chat.text
    assert "Di mana Anda sekarang" in chat.text
    chat.send("saya di taipei taiwan")
    assert "1955" in chat.text  # the country's own emergency line once the country is known
    chat.press("Tidak aman")
    assert "Pemberitahuan privasi" not in chat.text  # not in the middle of an emergency: a short line instead
    assert "Data Anda kami jaga" in chat.text
    chat.send("saya takut")
    assert "diteruskan ke petugas" in chat.text
    with session_scope() as session:
        assert session.get(Ticket, ticket.id).intake["safe_now"] == "no"


def test_danger_mid_form_keeps_what_was_typed(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    chat.send("Siti")
    chat.send("saudi")
    chat.send("saya dikurung di kamar dan hp diambil")
    [ticket] = tickets()
    assert ticket.urgent
    chat.send("riyadh")
    chat.press("Ya, saya aman")
    chat.send("menu")
    chat.press("Lanjutkan laporan yang belum selesai")
    assert "(3/12)" in chat.text
    with session_scope() as session:
        form = session.exec(select(Conversation)).one().data["form"]
    assert form["values"]["country"] == "SA"


def test_identity_number_is_encrypted_while_the_form_waits(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat)
    with session_scope() as session:
        form = session.exec(select(Conversation)).one().data["form"]
    assert form["values"]["identity"] != "C1234567"
    assert pii.decrypt(form["values"]["identity"]) == "C1234567"


def test_complaint_like_message_offers_report_with_category_prefilled(chat: Chat) -> None:
    chat.consent()
    chat.send("gaji saya blm dibayar 3 bulan")
    assert "Gaji tidak dibayar" in chat.text
    chat.press("Ya, buat laporan")
    assert "nama lengkap" in chat.text
    with session_scope() as session:
        values = session.exec(select(Conversation)).one().data["form"]["values"]
    assert values["category"] == "unpaid_wages" and "description" not in values  # the story is asked


def test_question_is_answered_from_faq_and_feedback_is_stored(chat: Chat) -> None:
    chat.consent()
    chat.send("berapa biaya kerja ke taiwan")
    assert chat.buttons()[:2] in (["Ya, membantu", "Tidak membantu"], chat.buttons()[:2])
    labels = chat.buttons()
    if "Ya, membantu" not in labels:  # a "did you mean" first: pick the first suggestion
        chat.send("1")
    chat.press("Ya, membantu")
    with session_scope() as session:
        [question] = session.exec(select(FaqQuestion)).all()
    assert question.helpful is True and question.topic_id


def test_nonsense_gets_honest_dont_know_with_report_and_officer_offers(chat: Chat) -> None:
    chat.consent()
    chat.send("resep rendang padang yang enak")
    assert "belum bisa menjawab" in chat.text
    assert chat.buttons() == ["Buat laporan", "Bicara dengan petugas"]


def test_english_first_message_gets_english(chat: Chat) -> None:
    chat.send("hello, I need help with my salary please")  # a question: answered in English at once
    assert "Hello!" in chat.text and "Did this answer help you?" in chat.text
    chat.send("report")
    assert "privacy" in chat.text.lower()  # consent first, then whose problem it is
    chat.press("I agree")
    chat.press("A problem of my own")
    assert "What is your full name" in chat.text  # the form in English, in its own order
    chat.send("menu")
    chat.send("language")
    chat.press("Bahasa Indonesia")
    assert "Apa yang bisa kami bantu" in chat.text


def test_replayed_message_id_is_processed_once(chat: Chat) -> None:
    first = chat.send("halo", message_id="tg-1")
    again = chat.send("halo", message_id="tg-1")
    assert [r.text for r in again] == [r.text for r in first]
    with session_scope() as session:
        assert len(session.exec(select(Message).where(Message.direction == "in")).all()) == 1


def test_photo_only_message_reaches_the_form_as_evidence(chat: Chat) -> None:
    chat.consent()
    complete_complaint(chat)
    chat.send("kembali")
    photo = IncomingAttachment(kind="photo", source_ref="file-1", content_type="image/jpeg")
    chat.send("", attachments=(photo,))
    assert "Berkas diterima (1)" in chat.text
    chat.press("Selesai")
    chat.press("Kirim")
    [ticket] = tickets()
    with session_scope() as session:
        [attachment] = session.exec(select(Attachment)).all()
    assert attachment.ticket_id == ticket.id


def test_too_long_message_is_refused_kindly_and_kept(chat: Chat) -> None:
    chat.consent()
    chat.send("a" * 5000)
    assert "terlalu panjang" in chat.text
    with session_scope() as session:
        assert session.exec(select(Message).where(Message.text == "a" * 5000)).one()


def test_danger_in_a_too_long_message_still_opens_an_urgent_ticket(chat: Chat) -> None:
    story = "majikan saya memukul saya setiap hari dan saya dikurung di rumah. " * 100
    chat.send(story)
    assert "terlalu panjang" not in chat.text
    assert "DARURAT" in chat.text
    [ticket] = tickets()
    assert ticket.urgent and ticket.legal_basis == "vital_interest"
    assert len(story) > 4000 and len(ticket.description) <= 3000


def test_every_ticket_change_is_an_event(chat: Chat) -> None:
    chat.send("saya mau bunuh diri")
    [ticket] = tickets()
    with session_scope() as session:
        kinds = [e.kind for e in session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))]
    assert kinds[0] == "created" and "message" in kinds


def test_a_question_typed_instead_of_a_reference_is_answered(chat: Chat) -> None:
    chat.consent()
    chat.send("status")
    chat.send("resep rendang padang yang enak")
    assert "belum bisa menjawab" in chat.text
    chat.send("status")
    chat.send("PMI-ZZZZZZ")
    assert "Ketik PIN" in chat.text  # asked like another chat's report: the answer does not say it is unknown
