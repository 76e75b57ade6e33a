""" "Is this agency official?": a person names a recruiter and the register (:mod:`bot.agencies`) answers.

A question, not a report: it is answered on the public-service basis, and a report is only offered. The forms
check the agency a person names the same way (:func:`bot.agencies.with_register_check`), so officers see at a glance when a
ticket's agency is not licensed.
"""

from __future__ import annotations

from bot import agencies
from bot.i18n import _, current_language
from bot.models import Agency
from bot.turn import Turn
from handlers import complaint
from handlers.start import menu
from nlu import agency_names
from nlu.parsing import country_name

STATE = "agency_name"
PICK_PREFIX, NONE_OF_THESE, REPORT = "agency:", "agency_none", "agency_report"


def asked(turn: Turn) -> bool:
    """Answer the message if it asks whether a recruiter is licensed."""
    if not agency_names.asks_about_agency(turn.text):
        return False
    named = agency_names.mentioned_agency(turn.text)
    if named is None:
        turn.goto(STATE)
        turn.say(
            _("Tulis nama perusahaan (PT) perekrutnya, misalnya: PT Sukses Jaya Abadi cabang Malang."),
            [(_("Menu"), "menu")],
        )
    else:
        answer(turn, named)
    return True


def on_name(turn: Turn) -> None:
    """The answer to "which company?", or a press on one of the close names offered."""
    choice = turn.choice or ""
    if choice.startswith(PICK_PREFIX):
        agency = turn.session.get(Agency, choice.removeprefix(PICK_PREFIX))
        if agency is None:
            answer(turn, turn.data.get("agency_typed") or "")
        else:
            _tell(turn, agencies.Lookup(agencies.outcome(agency, turn.now.date()), agency))
    elif choice == NONE_OF_THESE:
        _tell(turn, agencies.Lookup("unknown"), turn.data.get("agency_typed") or "")
    elif turn.text:
        answer(turn, turn.text)
    else:
        menu(turn)


def answer(turn: Turn, typed: str) -> None:
    found = agencies.lookup(turn.session, typed, turn.now.date())
    turn.data["agency_typed"] = typed[:200]
    if found.outcome == "unsure":
        turn.goto(STATE)
        buttons = [(agency.name, PICK_PREFIX + agency.licence) for agency in found.candidates]
        turn.say(
            _("Ada beberapa nama perusahaan yang mirip di daftar resmi. Maksud Anda yang mana?"),
            [*buttons, (_("Bukan salah satunya"), NONE_OF_THESE)],
        )
        return
    _tell(turn, found, typed)


def _tell(turn: Turn, found: agencies.Lookup, typed: str = "") -> None:
    agency = found.agency
    if found.outcome == "licensed" and agency is not None:
        turn.goto("menu")
        turn.say(_licensed(agency, found.branch, typed))
        menu(turn, _("Ada lagi yang bisa kami bantu?"))
        return
    turn.goto("menu")
    turn.data["agency_typed"] = agency.name if agency is not None else typed[:200]
    turn.say(
        _warning(turn, found, typed),
        [(_("Laporkan perusahaan ini"), REPORT), (_("Menu"), "menu")],
    )


def _licensed(agency: Agency, branch: str | None, typed: str) -> str:
    lines = [
        _("*{name}* terdaftar sebagai perusahaan penempatan pekerja migran resmi (P3MI).").format(
            name=agency.name
        ),
        _("Nomor izin (SIP3MI): {licence}").format(licence=agency.licence),
    ]
    if agency.valid_until is not None:
        lines.append(_("Berlaku sampai: {date}").format(date=agency.valid_until.strftime("%d-%m-%Y")))
    if agency.countries:
        lines.append(_("Boleh menempatkan ke: {countries}").format(countries=_countries(agency.countries)))
    _name, typed_branch = agency_names.split_branch(typed)
    if typed_branch and branch is None:
        lines.append(
            _(
                "Cabang *{branch}* tidak ada di daftar kantor resminya. Pastikan alamat kantornya di Dinas Tenaga "
                "Kerja (Disnaker) setempat."
            ).format(branch=typed_branch)
        )
    lines.append(
        _(
            "Tetap hati-hati: pastikan pekerjaan, kontrak, dan negara tujuan sesuai izin ini. Untuk pekerja rumah "
            "tangga, pengasuh, perawat lansia, sopir, pekerja perkebunan, dan awak kapal perikanan, biaya "
            "penempatan tidak boleh dibebankan kepada Anda. Kalau Anda diminta membayar, itu melanggar aturan "
            "dan bisa dilaporkan."
        )
    )
    return "\n".join(lines)


def _warning(turn: Turn, found: agencies.Lookup, typed: str) -> str:
    agency = found.agency
    keep_safe = _(
        "Jangan lanjutkan pendaftaran dan jangan serahkan uang, paspor, atau dokumen lain. Kalau Anda sudah "
        "membayar atau menyerahkan dokumen, laporkan kepada kami."
    )
    if agency is not None and found.outcome == "revoked":
        head = _(
            "Izin *{name}* ({licence}) sudah *dicabut*. Perusahaan ini tidak boleh lagi merekrut atau "
            "memberangkatkan pekerja."
        ).format(name=agency.name, licence=agency.licence)
    elif agency is not None and found.outcome == "suspended":
        head = _(
            "Izin *{name}* ({licence}) sedang *dibekukan*. Saat ini perusahaan ini tidak boleh merekrut atau "
            "memberangkatkan pekerja."
        ).format(name=agency.name, licence=agency.licence)
    elif agency is not None and agency.valid_until is not None:
        head = _(
            "Izin *{name}* ({licence}) sudah habis masa berlakunya sejak {date}. Pastikan dulu di Dinas Tenaga "
            "Kerja (Disnaker) atau LTSA setempat apakah izinnya sudah diperpanjang."
        ).format(name=agency.name, licence=agency.licence, date=agency.valid_until.strftime("%d-%m-%Y"))
    else:
        head = turn.config.fill(
            _(
                "Kami tidak menemukan *{name}* di daftar perusahaan penempatan resmi (P3MI). Mungkin namanya "
                "ditulis berbeda, tetapi bisa juga perusahaan ini tidak berizin. Berangkat lewat perusahaan tanpa "
                "izin berisiko besar: gaji tidak dibayar, dokumen ditahan, sampai perdagangan orang. Tanyakan "
                "dulu di Dinas Tenaga Kerja (Disnaker) atau Layanan Terpadu Satu Atap (LTSA) di kabupaten/kota "
                "Anda, atau cek di {website_siskop2mi}."
            ),
            name=typed.strip()[:200],
        )
    return f"{head}\n\n{keep_safe}"


def _countries(codes: list[str]) -> str:
    language = current_language()
    names = []
    for code in codes:
        try:
            names.append(country_name(code, language))
        except KeyError:
            names.append(code)
    return ", ".join(names)


def start_report(turn: Turn) -> None:
    """ "Laporkan perusahaan ini": a report about the agency just checked."""
    typed = turn.data.pop("agency_typed", None)
    complaint.start(turn, {"agency": typed, "category": "job_fraud"})
