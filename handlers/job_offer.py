""" "Is this job offer safe?": a person pastes an advertisement or a recruiter's message and is told the warning
signs in it (:mod:`nlu.job_offer`), each in plain words, with what to do and a report offered."""

from __future__ import annotations

from collections.abc import Iterable

from bot import agencies
from bot.i18n import N_, _, current_language
from bot.turn import Turn
from handlers import complaint
from handlers.start import menu
from nlu import job_offer
from nlu.parsing import country_name, parse_country

STATE = "job_offer"
REPORT = "job_offer_report"
TRAFFICKING_SIGNS = frozenset({"scam_country", "passport_handover"})
OFFER_WORDS_KINDS = frozenset({"trafficking", "document_retention"})
"""Danger kinds an advertisement's own words raise ("paspor dipegang agen", "potong gaji 10 bulan"): in a pasted
offer they describe the offer, not the person's situation, so the offer check answers and offers the report
instead. An offer for a scam-compound country stays an emergency (domain brief: a human at once)."""
EXPLANATIONS: dict[str, str] = {
    "tourist_visa": N_(
        "Bekerja dengan visa turis, kunjungan, atau umrah itu ilegal. Tanpa visa kerja Anda tidak dilindungi "
        "hukum di sana dan mudah dipaksa, ditahan, atau dideportasi."
    ),
    "excessive_fee": N_("Biaya yang diminta jauh di atas biaya penempatan resmi."),
    "fee_exempt_job": N_(
        "Untuk pekerjaan ini (pekerja rumah tangga, pengasuh, perawat lansia, sopir, pekerja perkebunan, awak "
        "kapal perikanan) biaya penempatan tidak boleh dibebankan kepada pekerja, termasuk lewat potongan gaji."
    ),
    "salary_too_high": N_(
        "Gaji yang dijanjikan jauh di atas gaji biasa untuk pekerjaan ini di {country}. Gaji yang terlalu tinggi "
        "sering menjadi umpan."
    ),
    "private_contact_only": N_(
        "Perekrutan hanya lewat media sosial atau nomor pribadi, tanpa alamat kantor yang bisa dicek."
    ),
    "no_agency": N_(
        "Tidak disebutkan perusahaan penempatan (P3MI) yang berizin, atau perusahaannya tidak ada di daftar resmi."
    ),
    "passport_handover": N_(
        "Paspor diminta diserahkan atau dipegang orang lain. Paspor adalah milik Anda: menahan paspor pekerja "
        "dilarang dan sering menjadi awal kerja paksa."
    ),
    "quick_departure": N_(
        "Dijanjikan berangkat dalam beberapa hari atau tanpa pelatihan. Penempatan resmi selalu melalui "
        "pelatihan, pemeriksaan kesehatan, dan orientasi sebelum berangkat."
    ),
}
SCAM_COUNTRY = N_(
    "*{country}* dikenal sebagai lokasi sindikat penipuan daring: banyak orang yang dijanjikan kerja kantoran di "
    "sana justru disekap dan dipaksa menipu."
)
BANNED_PLACEMENT = N_(
    "Penempatan pekerja rumah tangga ke *{country}* sedang dihentikan pemerintah. Lowongan seperti ini tidak resmi."
)


def pasted_offer_alarm(text: str, kind: str, scam_countries: Iterable[str]) -> bool:
    """Whether a danger reading comes from a pasted offer's own words rather than from someone in danger."""
    if kind not in OFFER_WORDS_KINDS or not job_offer.looks_like_offer(text):
        return False
    return parse_country(text) not in set(scam_countries)


def asked(turn: Turn) -> bool:
    """Answer the message if it is a pasted offer, or a request to check one."""
    if job_offer.looks_like_offer(turn.text):
        check(turn, turn.text)
        return True
    if job_offer.asks_about_offer(turn.text):
        turn.goto(STATE)
        turn.say(_("Tempel (paste) teks lowongan atau pesan dari perekrutnya di sini, nanti kami periksa."))
        return True
    return False


def on_message(turn: Turn) -> None:
    """The offer asked for ("tempel teks lowongannya")."""
    if turn.text:
        check(turn, turn.text)
    else:
        menu(turn)


def start_report(turn: Turn) -> None:
    """ "Laporkan lowongan ini": a report about the offer just checked, the offer as its story."""
    offer = turn.data.pop("job_offer", None) or {}
    complaint.start(
        turn, {"category": offer.get("category") or "job_fraud", "description": offer.get("text")}
    )


def check(turn: Turn, text: str) -> None:
    rules = turn.config.placement.rules()
    reading = job_offer.read_offer(text, rules, agencies.licensed_names(turn.session, turn.now.date()))
    if not reading.risky:
        turn.goto("menu")
        turn.say(
            _(
                "Kami tidak menemukan tanda bahaya yang umum pada lowongan ini. Tetap pastikan sebelum membayar "
                "atau menyerahkan dokumen: perusahaannya berizin (ketik namanya, misalnya *PT ... resmi?*), ada "
                "kontrak kerja tertulis, visanya visa kerja, dan biayanya sesuai aturan."
            )
        )
        menu(turn, _("Ada lagi yang bisa kami bantu?"))
        return
    country = _country(reading.country)
    lines = [_("Kami menemukan {n} tanda bahaya pada lowongan ini:").format(n=len(reading.signs))]
    for sign in reading.signs:
        lines.append("• " + _explanation(sign, reading.country, rules.scam_countries).format(country=country))
    lines.append(
        _(
            "Saran kami: jangan membayar dan jangan menyerahkan paspor atau dokumen. Cek dulu perusahaannya "
            "(ketik namanya, misalnya *PT ... resmi?*) atau tanyakan di Disnaker atau LTSA terdekat."
        )
    )
    category = "trafficking" if TRAFFICKING_SIGNS & set(reading.signs) else "job_fraud"
    turn.data["job_offer"] = {"category": category, "text": text[:2000]}
    turn.goto("menu")
    turn.say("\n".join(lines), [(_("Laporkan lowongan ini"), REPORT), (_("Menu"), "menu")])


def _explanation(sign: str, country: str | None, scam_countries: frozenset[str]) -> str:
    if sign == "scam_country":
        return _(SCAM_COUNTRY) if country in scam_countries else _(BANNED_PLACEMENT)
    return _(EXPLANATIONS[sign])


def _country(code: str | None) -> str:
    if code is None:
        return _("negara tujuan")
    try:
        return country_name(code, current_language())
    except KeyError:
        return code
