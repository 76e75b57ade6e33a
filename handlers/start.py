"""First contact, the privacy notice and consent (UU 27/2022 PDP), the main menu, and language choice.

Consent is asked when a report starts collecting personal data (:func:`ask_consent`); questions and status
checks need none (public-service task, UU PDP art. 20(2)), so someone who declines keeps them."""

from __future__ import annotations

import re
from typing import Any

from bot import forms
from bot.i18n import _, switch_language
from bot.turn import Turn
from nlu import commands
from nlu.language import looks_english

CONSENT_YES, CONSENT_NO = "consent_yes", "consent_no"
LANG_ID, LANG_EN = "lang_id", "lang_en"
MENU_FAQ, MENU_REPORT, MENU_FAMILY = "menu_faq", "menu_report", "menu_family"
MENU_STATUS, MENU_OFFICER, MENU_LANGUAGE, MENU_RESUME = (
    "menu_status",
    "menu_officer",
    "menu_language",
    "menu_resume",
)

#: Typed words that pick a menu entry without its number.
MENU_WORDS: dict[str, frozenset[str]] = {
    MENU_FAQ: frozenset({"tanya", "pertanyaan", "faq", "info", "informasi", "question", "ask"}),
    MENU_REPORT: frozenset(
        {"lapor", "laporan", "pengaduan", "aduan", "ngadu", "report", "complaint", "komplain"}
    ),
    MENU_FAMILY: frozenset({"keluarga", "lapor keluarga", "family", "laporan keluarga"}),
    MENU_STATUS: frozenset({"status", "cek status", "cek laporan", "check status", "/status"}),
    MENU_OFFICER: frozenset({"petugas", "admin", "operator", "officer", "cs", "manusia", "human", "agent"}),
    MENU_LANGUAGE: frozenset({"bahasa", "language", "/lang", "/bahasa", "ganti bahasa"}),
    MENU_RESUME: frozenset({"lanjut", "lanjutkan", "resume", "continue"}),
}
LANGUAGE_WORDS = {
    LANG_EN: frozenset({"english", "inggris", "/en", "en"}),
    LANG_ID: frozenset({"indonesia", "bahasa indonesia", "indo", "/id", "id"}),
}


#: Typed words that accept the privacy notice at any time, even after other messages came in between.
CONSENT_WORDS = frozenset({"setuju", "saya setuju", "agree", "i agree"})
_CONSENT_IN_WORDS = re.compile(
    r"^(?:(?:ok|oke|okey|okay|oh|o|ya|iya|yes|baik|siap|sip|saya|sy|aku|kak|min|deh|dong|i|nggih|inggih|injih"
    r"|enggih|iyo|yo|boleh|je|lah|muhun|sumuhun|abdi|yaudah|ywdh)\s+)*"
    r"(?P<no>(?:ga|gak|gk|nggak|ngga|enggak|engga|tidak|tdk|ndak|belum|blm|mboten|ora|tak|do\s*n.?t|not)\s+)?"
    r"(?:setuju\w*|setju|stuju|sttuju|setujh|satuju|agree|sepakat)\b(?:\s+(?:kak|ka|min|deh|dong|aja|saja|ya|kok|je|lah|pak|bu|mas|mbak|mba|bang|sis|gan|bos|nggih))*$"
)
PENDING = "pending"  # in conversation.data: what the person asked for that waits for consent
NOTICE_SHOWN = "consent_asked"  # in conversation.data: the full notice was shown in this chat


def menu_word(folded: str) -> str | None:
    """The menu entry named by folded text ("lapor", "cek status"), or None."""
    typed = folded.strip(" .!?")
    return next((value for value, names in MENU_WORDS.items() if typed in names), None)


def typed_language(turn: Turn) -> str | None:
    typed = turn.folded.strip(" .!?")
    choice = turn.choice if turn.choice in (LANG_ID, LANG_EN) else None
    choice = choice or next((value for value, names in LANGUAGE_WORDS.items() if typed in names), None)
    return {LANG_ID: "id", LANG_EN: "en"}.get(choice or "")


def welcome(turn: Turn) -> None:
    """Greet and show the privacy notice (the menu command of someone who has not seen it yet)."""
    greet(turn)
    ask_consent(turn)


def greet(turn: Turn) -> None:
    """A new person's first reply: who we are, in the language they wrote in."""
    if looks_english(turn.text):
        set_language(turn, "en")
    turn.say(
        _(
            "Halo! Ini layanan bantuan untuk Pekerja Migran Indonesia (PMI) dan keluarganya. Kami bisa "
            "menjawab pertanyaan, menerima laporan masalah, dan menyambungkan Anda dengan petugas.\n"
            "Jika Anda dalam bahaya, tulis saja apa yang terjadi: petugas akan segera dihubungi."
        )
    )


def ask_consent(turn: Turn, pending: dict[str, Any] | None = None) -> bool:
    """Whether personal data may be collected now. If not, what the person asked for (``pending``, e.g. the
    report their message started) is kept in the conversation until they answer, and consent is asked: the
    full notice the first time, a short question once the notice has been shown in this chat."""
    if turn.contact.consent_at is not None:
        return True
    if pending is None:
        turn.data.pop(PENDING, None)
    else:
        turn.data[PENDING] = pending
    if turn.data.get(NOTICE_SHOWN):
        turn.say(
            _(
                "Untuk mencatat laporan, kami perlu menyimpan data yang Anda berikan, sesuai pemberitahuan "
                "privasi tadi. Apakah Anda setuju?"
            ),
            [(_("Setuju"), CONSENT_YES), (_("Tidak setuju"), CONSENT_NO)],
        )
    else:
        privacy_notice(turn)
    turn.goto("consent")
    return False


def answers_consent(turn: Turn) -> bool:
    """Whether this message answers the privacy notice: one of its buttons (from this or an earlier notice),
    "setuju" typed at any time, or a yes, no or language typed while the notice is the open question."""
    if not turn.data.get(NOTICE_SHOWN):
        return False
    if turn.inbound.button in (CONSENT_YES, CONSENT_NO) or turn.choice in (CONSENT_YES, CONSENT_NO):
        return True
    if turn.state == "consent" and (
        turn.says(commands.YES) or turn.says(commands.NO) or typed_language(turn)
    ):
        return True
    return turn.says(CONSENT_WORDS) or consent_in_words(turn) is not None


def consent_in_words(turn: Turn) -> bool | None:
    """ "ok setuju", "iya sy setuju kak" (True), "ga setuju", "tidak setuju" (False); None for anything else."""
    found = _CONSENT_IN_WORDS.match(turn.folded.strip(" .!?"))
    if found is None:
        return None
    return found.group("no") is None


def privacy_notice(turn: Turn) -> None:
    turn.say(
        _(
            "Pemberitahuan privasi: untuk membantu Anda, kami menyimpan pesan Anda dan data yang Anda berikan "
            "(misalnya nama, nomor paspor/NIK, negara tempat bekerja). Data hanya dipakai untuk menangani laporan "
            "Anda, hanya dibuka oleh petugas yang berwenang, dan dilindungi sesuai UU No. 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi. Anda bisa meminta salinan atau penghapusan data kapan saja.\n"
            "Apakah Anda setuju?"
        ),
        [
            (_("Setuju"), CONSENT_YES),
            (_("Tidak setuju"), CONSENT_NO),
            (_("English"), LANG_EN) if turn.contact.language == "id" else (_("Bahasa Indonesia"), LANG_ID),
        ],
    )
    turn.data[NOTICE_SHOWN] = True
    if turn.state in ("new", "consent"):
        turn.goto("consent")


def on_consent(turn: Turn) -> bool:
    """Take the answer to the privacy notice; True when consent was given just now (the caller then acts on
    what was waiting for it)."""
    language = typed_language(turn)
    if language:
        set_language(turn, language)
        privacy_notice(turn)
        return False
    pressed = turn.choice or turn.inbound.button
    in_words = consent_in_words(turn) if pressed is None else None
    if pressed == CONSENT_YES or (pressed is None and (turn.says(commands.YES) or in_words is True)):
        turn.contact.consent_at = turn.now
        turn.say(_("Terima kasih. Data Anda akan kami jaga."))
        return True
    if pressed == CONSENT_NO or turn.says(commands.NO) or in_words is False:
        turn.data.pop(PENDING, None)
        menu(
            turn,
            _(
                "Baik, tidak apa-apa. Tanpa persetujuan, kami tidak dapat mencatat laporan Anda, tetapi Anda "
                "tetap bisa bertanya dan mengecek status laporan. Jika Anda dalam bahaya, tetap tulis pesan: "
                "petugas akan segera membantu. Ketik *setuju* kapan saja jika berubah pikiran."
            ),
        )
        return False
    privacy_notice(turn)
    return False


def menu(turn: Turn, intro: str | None = None) -> None:
    turn.goto("menu")
    buttons = [
        (_("Tanya jawab"), MENU_FAQ),
        (_("Laporkan masalah saya"), MENU_REPORT),
        (_("Laporkan masalah keluarga"), MENU_FAMILY),
        (_("Cek status laporan"), MENU_STATUS),
        (_("Bicara dengan petugas"), MENU_OFFICER),
        (_("Ganti bahasa / Language"), MENU_LANGUAGE),
    ]
    if forms.saved(turn):
        buttons.insert(0, (_("Lanjutkan laporan yang belum selesai"), MENU_RESUME))
    turn.say(
        intro or _("Apa yang bisa kami bantu? Pilih salah satu, atau langsung ketik pertanyaan Anda."),
        buttons,
    )


def choose_language(turn: Turn) -> None:
    turn.goto("language")
    turn.say(_("Pilih bahasa:"), [("Bahasa Indonesia", LANG_ID), ("English", LANG_EN)])


def on_language(turn: Turn) -> None:
    language = typed_language(turn)
    if language is None:
        choose_language(turn)
        return
    set_language(turn, language)
    turn.say(_("Bahasa diganti ke Bahasa Indonesia.") if language == "id" else _("Bahasa diganti."))
    menu(turn)


def set_language(turn: Turn, language: str) -> None:
    turn.contact.language = switch_language(language)
