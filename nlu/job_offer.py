"""Warning signs in a pasted job advertisement or recruiter's message.

Each sign is one check a careful officer would make, reading the offer the way it is written (informal
Indonesian, English and Malay mixed). What depends on policy (scam-compound countries, placement bans, usual
salaries, the fee above which a cost is excessive) comes in :class:`OfferRules` from the configuration; whether a
named company is licensed comes from the caller, who has the register.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from nlu.parsing import parse_country
from nlu.parsing.amounts import Amount, find_amounts
from nlu.text import fold

SIGNS = (
    "scam_country",
    "tourist_visa",
    "excessive_fee",
    "fee_exempt_job",
    "salary_too_high",
    "private_contact_only",
    "no_agency",
    "passport_handover",
    "quick_departure",
)


@dataclass(frozen=True)
class OfferRules:
    scam_countries: frozenset[str] = frozenset()
    domestic_ban_countries: frozenset[str] = frozenset()  # no placement of domestic/informal workers
    usual_monthly_salary: Mapping[str, Amount] = field(default_factory=dict)  # country -> usual wage
    salary_too_high_factor: float = 2.0
    max_fee_idr: int = 0  # a placement cost above this is excessive (0: not checked)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


EXEMPT_JOB = _any(
    r"\b(?:art|prt|pembantu|asisten rumah tangga|pekerja rumah tangga|domestic|maid|helper|housemaid|pengasuh"
    r"|babysitter|nanny|perawat (?:lansia|jompo|orang tua)|caregiver|care ?giver|penjaga (?:lansia|orang tua)"
    r"|sopir|supir|driver|perkebunan|kebun|sawit|ladang|abk|anak buah kapal|nelayan|kapal ikan|fishing"
    r"|tukang kebun|gardener)\b"
)
_DOMESTIC = _any(
    r"\b(?:art|prt|pembantu|asisten rumah tangga|pekerja rumah tangga|domestic|maid|housemaid|pengasuh|nanny"
    r"|babysitter|sopir pribadi|driver pribadi|caregiver|tkw|jaga (?:anak|bayi|nenek|kakek|lansia|orang tua)"
    r"|housekeeper|bersih(?:-bersih)? rumah)\b"
)
_TOURIST_VISA = _any(
    r"\bvisa\s+(?:turis|turist|tourist|wisata|kunjungan|pelancong|visit|social visit|lawatan|umro?h|ziarah"
    r"|on arrival|voa)\b",
    r"\b(?:turis|tourist|wisata|kunjungan|visit|umro?h|ziarah)\s+visa\b",
    r"\b(?:bebas|tanpa|tidak perlu|ga perlu|gak perlu|gk perlu)\s+visa\b",
    r"\bvisa[- ]?free\b",
    r"\b(?:ganti|ubah|urus|convert|tukar)\s+visa\b.{0,30}\b(?:di sana|disana|di sana nanti|setelah sampai|there)\b",
    r"\b(?:masuk|berangkat|entry)\b.{0,20}\b(?:sebagai|as a?)\s+(?:turis|tourist|wisatawan)\b",
    r"\bpaspor (?:hijau )?(?:biasa|pelancong)\b.{0,20}\bkerja\b",
)
_FEE = _any(
    r"\b(?:biaya|bayar|dp|uang muka|administrasi|admin|pendaftaran|registrasi|fee|cost|potong(?:an)? gaji"
    r"|dipotong|potongan|uang jaminan|deposit|transfer|tf|ongkos|tiket pesawat ditanggung sendiri)\b"
)
_NO_FEE = _any(r"\b(?:gratis|tanpa biaya|tidak dipungut biaya|free of charge|no fee|bebas biaya|zero cost)\b")
_SALARY = _any(r"\b(?:gaji|salary|upah|gj|income|penghasilan|pendapatan|bayaran)\b")
_PRIVATE_CONTACT = _any(
    r"\b(?:wa|whatsapp|w\.a|chat|inbox|dm|japri|pm|telegram|tele|line|fb|facebook|ig|instagram|tiktok|wechat)\b"
)
_OFFICIAL_CONTACT = _any(
    r"\b(?:alamat|jl|jalan|kantor (?:pusat|cabang)|disnaker|ltsa|bp2mi|kp2mi|bp[3e]mi|blk|sip[3e]mi|siskop2mi|www\.|\.co\.id|\.go\.id)\b"
)
_LICENCE = _any(r"\bsip[3e]mi\b", r"\b(?:no(?:mor)?\.?\s*)?izin\s+(?:no|nomor|p[3e]mi)\b", r"\bkep\.?\s*\d")
_GOVERNMENT_PROGRAMME = _any(
    r"\b(?:g to g|g2g|government to government|eps(?:-| )?topik|eps|ssw|tokutei ginou|im japan|ijepa)\b",
    r"\b(?:bp2mi|kp2mi|bp[3e]mi|disnaker|ltsa)\b",
)
_PASSPORT_HANDOVER = _any(
    r"\bpaspor\w*\b.{0,40}\b(?:dititip\w*|diserah\w*|ditahan|dipegang|disimpan|dikumpul\w*|titip\w*|serah\w*"
    r"|kumpul\w*|pegang|simpan|tahan)\b",
    r"\b(?:serahkan|titipkan|kumpulkan|tinggalkan|kirim(?:kan)?)\b.{0,20}\bpaspor\b",
    r"\bpassports?\b.{0,40}\b(?:kept|held|hand(?:ed)? over|keep|hold|collect(?:ed)?|surrender\w*)\b",
    r"\b(?:keep|hold|surrender|hand over)\b.{0,20}\bpassports?\b",
)
_QUICK = _any(
    r"\blangsung\s+(?:terbang|berangkat|kerja|fly)\b",
    r"\b(?:berangkat|terbang|flight|fly|depart\w*)\b.{0,25}\b(?:besok|lusa|minggu ini|minggu depan|secepatnya"
    r"|\d{1,2}\s*(?:hari|hr|days?|minggu|mgg|weeks?)|this week|next week|tomorrow|asap)\b",
    r"\b(?:tanpa|tidak perlu|ga perlu|gak perlu|no)\s+(?:pelatihan|training|kursus|blk|medical|medikal|tes|test"
    r"|interview|wawancara|pengalaman)\b",
    r"\bproses\s+(?:cepat|kilat|singkat|express|\d{1,2}\s*(?:hari|hr))\b",
)
_PHONE_OR_HANDLE = re.compile(r"(?:\+?\d[\d\s-]{8,}\d)|(?<![\w.])@[a-z0-9_.]{3,}")
_AGENCY_NAME = re.compile(
    r"\b(?:p\s*\.?\s*t\s*\.?|lpk)\s+([a-z][a-z .&'-]{2,60}?)(?=[,.\n(]|\s+(?:cabang|resmi|berizin|jl|jalan|alamat|kantor|sip[3e]mi|izin)\b|$)"
)


@dataclass(frozen=True)
class OfferReading:
    signs: tuple[str, ...]
    country: str | None
    agency: str | None  # the company the offer names, as written

    @property
    def risky(self) -> bool:
        return bool(self.signs)


def read_offer(
    text: str, rules: OfferRules, licensed: Callable[[str], bool] = lambda _name: False
) -> OfferReading:
    """The warning signs in an offer. ``licensed`` says whether a named company is in the register."""
    folded = fold(text)
    country = parse_country(text)
    agency_match = _AGENCY_NAME.search(folded)
    agency = agency_match.group(0).strip(" .") if agency_match else None
    amounts = find_amounts(text)
    signs: list[str] = []
    domestic = _DOMESTIC.search(folded) is not None
    if country in rules.scam_countries or (domestic and country in rules.domestic_ban_countries):
        signs.append("scam_country")
    if _TOURIST_VISA.search(folded):
        signs.append("tourist_visa")
    fees = _fees(folded, amounts)
    if fees and rules.max_fee_idr and any(a.currency == "IDR" and a.value > rules.max_fee_idr for a in fees):
        signs.append("excessive_fee")
    exempt = domestic or EXEMPT_JOB.search(folded) is not None
    if exempt and (fees or _asks_payment(folded)) and not _NO_FEE.search(folded):
        signs.append("fee_exempt_job")
    if _salary_too_high(folded, amounts, country, rules):
        signs.append("salary_too_high")
    has_official = _OFFICIAL_CONTACT.search(folded) is not None or _LICENCE.search(folded) is not None
    if not has_official and (_PRIVATE_CONTACT.search(folded) or _PHONE_OR_HANDLE.search(folded)):
        signs.append("private_contact_only")
    official_route = _LICENCE.search(folded) or _GOVERNMENT_PROGRAMME.search(folded)
    if not official_route and (agency is None or not licensed(agency)):
        signs.append("no_agency")
    if _PASSPORT_HANDOVER.search(folded):
        signs.append("passport_handover")
    if _QUICK.search(folded):
        signs.append("quick_departure")
    return OfferReading(tuple(signs), country, agency)


def _fees(folded: str, amounts: list[Amount]) -> list[Amount]:
    """Amounts written near a word for a fee or a payment (not the salary)."""
    if not amounts or not _FEE.search(folded):
        return []
    fees = []
    for sentence in re.split(r"[\n.;!?]|(?<=\d)\s*,\s", folded):
        if _FEE.search(sentence) and not _SALARY.search(sentence):
            fees.extend(find_amounts(sentence))
    return fees


_PAYMENT = re.compile(
    r"\b(?:dp|uang muka|transfer|tf|bayar dulu|biaya (?:proses|admin|pendaftaran)|potong(?:an)? gaji|dipotong)\b"
)


def _asks_payment(folded: str) -> bool:
    return _PAYMENT.search(folded) is not None


def _salary_too_high(folded: str, amounts: list[Amount], country: str | None, rules: OfferRules) -> bool:
    usual = rules.usual_monthly_salary.get(country or "")
    if usual is None or not _SALARY.search(folded):
        return False
    for sentence in re.split(r"[\n;!?]|,\s", folded):
        if _SALARY.search(sentence) and not re.search(r"\b(?:jam|hour|hr|hari|day)\b", sentence):
            for amount in find_amounts(sentence):
                if amount.currency == usual.currency and amount.value > usual.value * Decimal(
                    str(rules.salary_too_high_factor)
                ):
                    return True
    return False


_OFFER_WORDS = re.compile(
    r"\b(?:lowongan|loker|dibutuhkan|dicari|butuh|rekrut\w*|hiring|vacancy|vacancies|job offer|peluang kerja"
    r"|kerja ke luar negeri|info kerja|open recruitment|penempatan)\b"
)
_CHECK_OFFER = re.compile(
    r"\b(?:cek|periksa|check)\s+(?:lowongan|loker|tawaran kerja|job)\b|\blowongan\s+ini\s+aman\b"
)


def asks_about_offer(text: str) -> bool:
    """ "cek lowongan", "lowongan ini aman?": the person wants an offer checked (it may follow)."""
    return _CHECK_OFFER.search(fold(text)) is not None


def looks_like_offer(text: str) -> bool:
    """A pasted advertisement or recruiter's message: offer words with a salary, or a long text naming both."""
    folded = fold(text)
    if not _OFFER_WORDS.search(folded):
        return False
    return _SALARY.search(folded) is not None and (len(folded) >= 60 or bool(find_amounts(text)))


@dataclass(frozen=True)
class OfferCase:
    q: str
    risky: bool
    signs: frozenset[str]


@dataclass
class OfferReport:
    """Precision and recall of "risky" over a set of offers, and of each sign."""

    n: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    sign_found: dict[str, list[int]] = field(default_factory=dict)  # sign -> [hits, labelled, flagged]
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def evaluate_offers(cases: list[OfferCase], read: Callable[[str], OfferReading]) -> OfferReport:
    report = OfferReport()
    for case in cases:
        reading = read(case.q)
        report.n += 1
        if case.risky and reading.risky:
            report.true_positive += 1
        elif reading.risky:
            report.false_positive += 1
            report.false_alarms.append(case.q)
        elif case.risky:
            report.false_negative += 1
            report.missed.append(case.q)
        for sign in SIGNS:
            tally = report.sign_found.setdefault(sign, [0, 0, 0])
            tally[0] += sign in case.signs and sign in reading.signs
            tally[1] += sign in case.signs
            tally[2] += sign in reading.signs
    return report
