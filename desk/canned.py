"""Canned answers for the local demo (``helpdesk officers demo``): a few replies officers send every day, in
Indonesian and English, with the placeholders the console fills ({worker}, {ref}, {officer}, contacts).

They are data, not interface text: each row is in one language and an admin edits or deletes it on the
admin page."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.models import CannedAnswer

DEMO_ANSWERS: tuple[tuple[str, str, str], ...] = (
    (
        "Salam pembuka",
        "id",
        "Halo {worker}, saya {officer} dari layanan pengaduan PMI. Laporan {ref} sudah kami terima. "
        "Boleh ceritakan apa yang terjadi?",
    ),
    (
        "Minta dokumen",
        "id",
        "Agar bisa kami bantu, mohon kirim foto paspor, kontrak kerja, dan bukti gaji (bila ada). "
        "Kirim lewat chat ini saja.",
    ),
    (
        "Sedang diproses",
        "id",
        "Terima kasih sudah menunggu. Laporan {ref} sedang kami teruskan ke pihak terkait. "
        "Kami kabari lagi setelah ada jawaban.",
    ),
    (
        "Nomor darurat",
        "id",
        "Bila Anda dalam bahaya sekarang, hubungi hotline {hotline_abroad} (dari luar negeri) "
        "atau {hotline} (dari Indonesia). Kami tetap membantu lewat chat ini.",
    ),
    (
        "Greeting",
        "en",
        "Hello {worker}, I am {officer} from the PMI complaint service. We have received report {ref}. "
        "Could you tell us what happened?",
    ),
    (
        "In progress",
        "en",
        "Thank you for waiting. We are passing report {ref} on to the right office and will let you know "
        "when we hear back.",
    ),
)


def seed_demo_answers(db: Session) -> int:
    """Add the demo answers whose title is not taken yet; returns how many were added."""
    taken = set(
        db.exec(
            select(CannedAnswer.title).where(col(CannedAnswer.title).in_([t for t, _l, _x in DEMO_ANSWERS]))
        )
    )
    added = [
        CannedAnswer(title=title, language=language, text=text)
        for title, language, text in DEMO_ANSWERS
        if title not in taken
    ]
    db.add_all(added)
    return len(added)
