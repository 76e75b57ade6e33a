"""Reading a free-text message for danger, for a complaint category, and for English.

All rules are regular expressions over :func:`bot.text.fold`-ed text (lowercase, no accents, stretched letters
squeezed, leet undone), kept as data tables. Passive verbs are matched with or without a separated prefix
("dipukul", "di pukul", "d pukul", "di-pukul").

Danger errs on the side of a human looking: a false alarm costs an officer a minute, a missed one can cost a
life.
Three kinds of everyday help-desk text are nevertheless not danger:
- requests phrased with "tolong" ("tolong info biaya", "mohon bantuannya"): only "tolong" aimed at the writer
  ("tolong saya!"), a message that is nothing but a cry ("tolong", "sos"), or a stretched "toloong" count;
- "mati" of things ("hp mati", "mati listrik", "paspor sudah mati") and "pukul 10" (o'clock);
- questions about death benefits ("bagaimana klaim kematian BPJS", "kalau PMI meninggal dapat santunan?"):
  death in a conditional clause or as the object of a benefit word is a question. A reported death
  ("suami saya meninggal di taiwan, gimana klaim bpjs") is danger, even when the same message asks about the
  claim.
Other danger words stay danger inside questions ("kalau dipukul majikan lapor ke mana?"): victims often ask
about their own situation as if it were hypothetical.

Category: see :func:`detect_category`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text import fold, words


@dataclass(frozen=True)
class Danger:
    kind: str
    matched: str


DANGER_KINDS = (
    "suicide", "sexual_violence", "violence", "confinement", "trafficking", "scam_country",
    "document_retention", "death", "sos",
)  # fmt: skip
"""Also the priority order when a message matches several kinds."""

CATEGORIES = (
    "unpaid_wages", "repatriation", "failed_departure", "overcharging", "job_fraud", "violence",
    "sexual_violence", "trafficking", "document_retention", "contract_violation", "illness", "death",
    "lost_contact", "social_security", "other",
)  # fmt: skip

# --- shared word classes ---

_DI = r"(?:di|d)[\s-]?"  # passive prefix, possibly detached
_ME = r"(?:saya|sy|aku|ak|aq|gue|gw|gua|kami|kita|me|us)"
_PERSON = (
    r"(?:suami|istri|isteri|anak|ibu|bapak|bpk|ayah|adik|adek|kakak|abang|teman|temen|kawan|saudara|sodara"
    r"|keluarga|mama|papa|emak|ortu|nenek|kakek|ponakan|keponakan|sepupu|pacar|tunangan|mertua|husband|wife|son"
    r"|daughter|mother|father|brother|sister|friend)(?:nya|ku|mu)?"
)
_NEG = r"(?:tidak|tdk|gak|ga|gk|g|nggak|ngga|enggak|engga|ndak|nda|ora|belum|blm|belom|blum|tak|x|not|never)"
_DEVICE = (
    r"(?:hp|hape|handphone|ponsel|henpon|telepon|telpon|baterai|batre|batrai|lampu|listrik|wifi|internet|sinyal"
    r"|motor|mobil|mesin|kartu|nomor|nomer|no|paspor|visa|arc|izin|ijin|kontrak|tv|ac|kipas|pulsa|kuota|akun"
    r"|aplikasi|laptop|komputer|jam|air|phone|battery)"
)
_HOLDER = (
    r"(?:majikan|agen|agensi|agency|pt|sponsor|bos|boss|calo|employer|perusahaan|kantor|pl|mandor|tekong)"
)
_PASSPORT = r"(?:paspor|pasport|passport|paspot|pasprt|pspr|dokumen|ktp|arc|iqamah|iqama|ijazah)(?:nya|ku)?"
_WITHIN3 = r"(?:\s+\S+){0,3}?\s+"  # up to three words in between


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    needs: re.Pattern[str] | None = None
    """Must also occur somewhere in the message (a scam country needs a word about work)."""
    not_after: re.Pattern[str] | None = None
    """Tested on the text just before the match: when it matches, this occurrence does not count."""
    conditional_is_question: bool = False
    """Does not count inside a "kalau/jika/if ..." clause."""


def _rule(
    kind: str, pattern: str, *, needs: str = "", not_after: str = "", conditional_is_question: bool = False
) -> _Rule:
    return _Rule(
        kind,
        re.compile(pattern),
        needs=re.compile(needs) if needs else None,
        not_after=re.compile(not_after + r"\s*$") if not_after else None,
        conditional_is_question=conditional_is_question,
    )


def _any(*alternatives: str) -> str:
    """One alternative per line in the tables below: ``_any("a", "b")`` is ``(?:a|b)``."""
    return "(?:" + "|".join(alternatives) + ")"


_AFTER_DEVICE = rf"\b{_DEVICE}\b(?:\s+\S+){{0,2}}"
_CLOTHES = r"\b(?:baju|pakaian|celana|kemeja|seragam|kain|sprei|seprai|cucian|gorden|jilbab)\w*(?:\s+\S+)?"
_BENEFIT = r"\b(?:klaim|santunan|jaminan|asuransi|manfaat|uang|dana|biaya|akta|akte|surat|keterangan|jkm)"
_SCAM_PLACE = _any(
    r"\bkamboja", r"\bkemboja", r"\bcambodia", r"\bmyanmar", r"\bburma", r"\bmyawaddy", r"\bkk park",
    r"\bshwe kokko", r"\bsihanoukville", r"\bpoipet", r"\bbavet", r"\blaos",
)  # fmt: skip
_WORK = _any(
    r"\b(?:kerja|kerjaan|pekerjaan|bekerja|lowongan|loker|tawaran|ditawari|ditawarin|dikirim|dikirimkan)\b",
    r"\b(?:diberangkatkan|berangkat|dibawa|dijanjikan|penempatan|diterbangkan|gaji)\b",
    r"\b(?:job|work|working|sent|scam|admin|cs|customer service|operator|online)\b",
)
_WANT = (
    r"(?:ingin|ingn|pengen|pengin|pingin|kepingin|pgn|pngn|pen|mau|mo|mending|mendingan|rasanya|rasane|siap)"
)
_HIT_STEMS = (
    r"(?:tampar|tendang|jambak|cekik|hajar|gebuk|tonjok|jotos|bacok|tusuk|sundut|cambuk|banting|injak|gampar"
    r"|keplak|geplak|dera|cubit|aniaya)"
)
_VOCATIVE = r"(?:pak|bu|min|kak|mas|mbak|mba|bang|dong|please|pls)"

DANGER_RULES: tuple[_Rule, ...] = (
    _rule(
        "suicide",
        rf"\b(?:{_WANT}|lebih baik|lbh baik)\s+(?:aja\s+|saja\s+|sj\s+)?mati\b",
        not_after=_AFTER_DEVICE,
    ),
    _rule(
        "suicide",
        _any(
            r"\bbunuh\s*diri\b",
            r"\bbundir\b",
            r"\bgantung\s*diri\b",
            r"\b(?:meng)?akhiri\s+hidup",
            r"\bminum\s+(?:racun|baygon)",
            r"\bkill\s+myself\b",
            r"\bwant\s+to\s+die\b",
            r"\bend\s+my\s+life\b",
            r"\bsuicid",
        ),
    ),
    _rule("sexual_violence", rf"\b(?:{_DI}|mem|pem|me|m)?p?erkosa\w*|\brudapaksa\w*"),
    _rule(
        "sexual_violence",
        _any(
            rf"\b{_DI}(?:lecehkan|lecehin|cabuli|cabulin|grepe\w*|gerayangi)\b",
            r"\b(?:melecehkan|pelecehan|pencabulan|cabul)\b",
            rf"\b{_DI}raba(?:[\s-]?raba|2)?\b",
            r"\b(?:raped|rape|molested|sexual(?:ly)?\s+(?:assault|abuse|harass)\w*)\b",
        ),
    ),
    _rule("violence", rf"\b(?:{_DI})?siksa(?:an|in|nya)?\b|\b(?:me|pe)?nyiksa\w*"),
    _rule(
        "violence",
        _any(
            rf"\b{_DI}pukul(?:i|in|kan|ni)?\b(?!\s*[0-9])",  # "pukul 10" is ten o'clock
            r"\b(?:me)?mukul(?:i|in)?\b",
            r"\bpukulan\b",
            rf"\bpukul(?:i|in)?\s+{_ME}\b",
        ),
    ),
    _rule(
        "violence",
        _any(
            rf"\b{_DI}{_HIT_STEMS}(?:i|in|kan)?\b",
            r"\b(?:(?:me)?nampar|(?:me)?nendang|(?:men)?cekik|(?:meng)?aniaya|penganiayaan)\b",
            r"\b(?:kekerasan|tamparan|tendangan)\b",
        ),
    ),
    _rule("violence", rf"\b{_DI}setrika(?:in)?\b", not_after=_CLOTHES),
    _rule(
        "violence",
        rf"\b(?:{_DI})?siram\w*(?:\s+\S+){{0,3}}?\s+(?:air\s+(?:panas|mendidih|keras)|bensin|minyak\s+panas)",
    ),
    _rule(
        "violence",
        _any(
            r"\b(?:beaten|slapped|kicked|tortured|abused)\b",
            r"\b(?:beats?|hits?|hitting|burn(?:ed|t))\s+me\b",
        ),
    ),
    _rule("confinement", rf"\b{_DI}(?:kurung|sekap)(?:in|kan)?\b|\bpenyekapan\b"),
    _rule("confinement", rf"\b{_DI}kunci(?:in)?\s+(?:di|d|dalam|dlm|dari)\b|\b{_ME}\s+{_DI}kunci(?:in)?\b"),
    _rule(
        "confinement",
        rf"\b(?:dilarang|{_NEG}\s+(?:boleh|dikasih|dibolehin|dibolehkan|diizinkan|diijinkan|diizinin|diijinin"
        rf"|oleh|entuk))\s+(?:\S+\s+)?(?:keluar|kluar|pergi|metu)\b",
    ),
    _rule(
        "confinement",
        _any(
            rf"\b(?:hp|hape|handphone|ponsel|henpon|telepon|telpon)(?:nya|ku)?{_WITHIN3}?"
            rf"{_DI}(?:ambil|sita|rampas|tahan|simpan|sembunyikan)\b",
            rf"\b(?:dilarang|{_NEG}\s+(?:boleh|dikasih))\s+(?:pegang|pakai|pake|main|megang)\s+(?:hp|hape)\b",
        ),
    ),
    _rule(
        "confinement",
        _any(
            r"\blocked\s+(?:in|up|me)\b",
            r"\block\s+me\b",
            r"\bnot\s+allowed\s+to\s+(?:go\s+out|leave)\b",
            r"\b(?:took|taken|confiscated)\s+my\s+phone\b",
        ),
    ),
    _rule(
        "trafficking",
        _any(
            r"\b(?:tppo|trafficking|trafficked)\b",
            r"\bperdagangan\s+(?:orang|manusia)\b",
            rf"\b{_DI}jual\s+(?:ke|kpd|kepada|sama|sm|lagi|oleh)\b",
            rf"\b(?:{_ME}|{_PERSON})\s+(?:\S+\s+)?{_DI}jual\b",
            rf"\b(?:men)?jual\s+{_ME}\b",
            r"\b(?:sold\s+(?:me|us|to)|was\s+sold)\b",
        ),
    ),
    _rule("scam_country", _SCAM_PLACE, needs=_WORK, not_after=r"\bbunga"),  # "bunga kamboja" is a flower
    _rule(
        "scam_country",
        _any(
            r"\b(?:kerja|kerjaan|dipaksa|disuruh|jadi)\s+(?:jadi\s+|sebagai\s+)?"
            r"(?:scam\w*|penipu\s+online|judi\s+online|judol)\b",
            r"\b(?:scam\s+online|online\s+scam|scam\s+compound)\b",
        ),
    ),
    _rule(
        "document_retention",
        _any(
            rf"\b{_PASSPORT}{_WITHIN3}?{_DI}(?:tahan|sita|rampas|kuasai)\b",
            rf"\b{_PASSPORT}{_WITHIN3}?{_DI}(?:pegang|ambil|simpan|bawa)\s+(?:\S+\s+)?{_HOLDER}\b",
            rf"\b{_HOLDER}(?:\s+\S+){{0,2}}?\s+(?:me|m|n)?(?:nahan|tahan|nyita|sita|pegang|egang|yimpan|yimpen"
            rf"|simpan)\w*\s+(?:\S+\s+)?{_PASSPORT}",
            rf"\b{_PASSPORT}{_WITHIN3}?{_NEG}\s+(?:di)?(?:kasih|kembalikan|balikin|balikan)\b",
            r"\b(?:passport|documents?)\s+(?:is\s+|are\s+|was\s+|were\s+)?"
            r"(?:held|kept|taken|confiscated|withheld|retained)\b",
            r"\b(?:keeps?|kept|holds?|held|took|has|confiscated|withh[oe]lds?)\s+my\s+(?:passport|documents?)\b",
        ),
    ),
    _rule(
        "death", r"\b(?:meninggal|meninggoy|wafat|tewas|passed\s+away|died)\b", conditional_is_question=True
    ),
    _rule(
        "death",
        _any(
            rf"\b{_PERSON}(?:\s+{_ME})?(?:\s+(?:sudah|udah|udh|sdh|dah|telah))?\s+mati\b",
            rf"\bjenazah\s+{_PERSON}",
            rf"\b{_PERSON}\s+(?:is\s+)?dead\b",
        ),
        conditional_is_question=True,
    ),
    _rule("death", r"\bkematian\b", conditional_is_question=True, not_after=_BENEFIT),
    _rule("sos", rf"\btolong(?:in|lah)?\s+{_ME}(?:\s+{_VOCATIVE})*\s*(?:[!.,]|$)"),
    _rule("sos", rf"\btolong(?:in|lah)?(?:\s+{_VOCATIVE})*\s*(?:!|$)"),
    _rule(
        "sos",
        _any(
            r"\b(?:sos|save\s+me|selamatkan\s+(?:saya|aku|kami))\b",
            r"\b(?:please\s+)?help\s+(?:me|us)\s*(?:[!.]|$)",
            r"\bplease\s+help\b",
        ),
    ),
)

_STRETCHED_TOLONG = re.compile(r"\bt+o+l+o+n+g+\b")
_REQUEST_AFTER = re.compile(r"\s*(?:info|tanya|nanya|infonya|informasi)\b")
_CONDITIONAL = re.compile(
    r"\b(?:kalau|kalo|klo|klu|kl|jika|jikalau|apabila|bila|bilamana|seandainya|andai|andaikan|misal|misalnya"
    r"|umpama|seumpama|if|when|whether)\b"
)
_SENTENCE_END = re.compile(r"[.?!;]")
_NEGATED = re.compile(rf"\b{_NEG}\s+(?:pernah\s+|prnh\s+|sampai\s+|sampe\s+)?$")


def _counts(rule: _Rule, text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()]
    if _NEGATED.search(before[-40:]):
        return False  # "majikan tidak pernah memukul"
    if rule.not_after is not None and rule.not_after.search(before[-60:]):
        return False
    if rule.conditional_is_question:
        clause = _SENTENCE_END.split(before)[-1]
        if _CONDITIONAL.search(clause):
            return False
    return rule.needs is None or rule.needs.search(text) is not None


def _stretched_cry(text: str) -> str | None:
    """A stretched "toloong"/"tolooong", read from the raw text because fold squeezes the stretch away; a
    stretched request ("tolooong info dong") is still a request."""
    lowered = text.lower()
    for match in _STRETCHED_TOLONG.finditer(lowered):
        if len(match.group(0)) > len("tolong") and not _REQUEST_AFTER.match(lowered, match.end()):
            return match.group(0)
    return None


def detect_danger(text: str) -> Danger | None:
    """The most serious danger signal in ``text``, or None."""
    folded = fold(text)
    for rule in DANGER_RULES:
        for match in rule.pattern.finditer(folded):
            if _counts(rule, folded, match):
                return Danger(rule.kind, match.group(0).strip())
    if (cry := _stretched_cry(text)) is not None:
        return Danger("sos", cry)
    return None


# --- complaint categories ---

_CATEGORY_OF_DANGER = {
    "suicide": "illness", "sexual_violence": "sexual_violence", "violence": "violence",
    "confinement": "violence",
    "trafficking": "trafficking", "scam_country": "trafficking", "document_retention": "document_retention",
    "death": "death",
}  # fmt: skip
"""Restriction of movement counts as employer violence, scam-compound placement as trafficking, suicidal
words as illness (the statistics' "depression/mental illness"); a bare cry for help has no category."""

_SALARY = r"(?:gaji|gajih|gajian|upah|bayaran|salary|wages?|duit|uang)(?:nya|ku)?"
_PAY = r"(?:di)?(?:bayar|bayarkan|kasih|kasi|kirim|berikan|transfer|tf|cair|terima|keluar)"
_LATE = r"(?:ditahan|nunggak|telat|terlambat|tertunda|ditunda|nyangkut|dipending)"
_SOCIAL_SECURITY = r"(?:bpjs|jkk|jkm|jht|asuransi|jaminan\s+sosial|klaim|santunan)"

CATEGORY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern))
    for category, pattern in (
        (
            "job_fraud",
            _any(
                r"\b(?:penipuan|penipu|ditipu|tertipu|ketipu|kena\s+tipu|kena\s+scam|dibohongi|dibohongin)\b",
                r"\b(?:bodong|abal\S*|palsu|fiktif|scam\w*|fraud|cheated|fake)\b",
            ),
        ),
        (
            "failed_departure",
            _any(
                rf"\b(?:gagal|batal|{_NEG}\s+jadi|{_NEG}\s+juga)\s+(?:di)?berangkat(?:kan)?\b",
                rf"\b{_NEG}\s+(?:juga\s+)?diberangkatkan\b",
                r"\bgagal\s+terbang\b",
                r"\b(?:didn'?t|never|failed\s+to)\s+(?:depart|leave)\b",
            ),
        ),
        (
            "overcharging",
            _any(
                r"\b(?:potongan|dipotong|potong\s+gaji|overcharg\w*|pungli|kelebihan\s+biaya|uang\s+pelicin)\b",
                r"\bplacement\s+fee\b",
                r"\bbiaya(?:nya)?\s+(?:\S+\s+)?(?:mahal|besar|tinggi|berlebih)\b",
                r"\b(?:disuruh|diminta|dimintai|dipaksa|suruh)\s+(?:bayar|membayar|nambah|tambah|setor)\b",
                r"\bbayar\s+(?:lagi|tambahan)\b",
            ),
        ),
        (
            "unpaid_wages",
            _any(
                rf"\b{_SALARY}{_WITHIN3}?(?:{_NEG}\s+(?:pernah\s+|juga\s+)?{_PAY}|{_LATE})\b",
                rf"\b{_NEG}\s+(?:pernah\s+)?digaji\b",
                rf"\b{_HOLDER}(?:\s+\S+){{0,2}}?\s+{_NEG}\s+(?:mau\s+)?(?:bayar|kasih|ngasih|membayar)"
                rf"(?:\s+\S+){{0,2}}?\s+{_SALARY}",
                r"\b(?:not|never|haven'?t|hasn'?t|wasn'?t|weren'?t)\s+(?:been\s+|yet\s+been\s+)?paid\b",
                r"\bunpaid\b",
            ),
        ),
        (
            "repatriation",
            _any(
                r"\b(?:mau|ingin|pengen|pengin|pingin|kepingin|pgn|pngn|mo|minta|harap)\s+(?:\S+\s+)?"
                r"(?:di)?pulang(?:kan|in)?\b",
                rf"\b{_NEG}\s+(?:boleh|dikasih|diizinkan|diijinkan)\s+pulang\b",
                r"\b(?:dideportasi|deportasi|deported|mulih)\b",
                r"\b(?:want\s+to\s+go\s+(?:back\s+)?home|send\s+me\s+home)\b",
            ),
        ),
        (
            "lost_contact",
            _any(
                rf"\b(?:{_NEG}|susah|sulit|gabisa|gbs)\s+(?:(?:bisa|bs|dapat|dpt)\s+)?(?:di|meng?)?"
                r"(?:hubungi|hubungin|kontak|telepon|telpon|telp|nelpon|ngabarin|kabari|kabarin"
                r"|ada\s+kabar\w*|kasih\s+kabar|ngasih\s+kabar|memberi\s+kabar)\b",
                r"\b(?:hilang|putus|kehilangan)\s+(?:kontak|kabar|jejak)\b",
                r"\btanpa\s+kabar\b",
                rf"\bnomor(?:nya)?\s+(?:\S+\s+)?{_NEG}\s+aktif\b",
                r"\blost\s+contact\b",
                r"\b(?:can'?t|cannot)\s+(?:contact|reach)\b",
            ),
        ),
        (
            "social_security",
            _any(
                rf"\b{_SOCIAL_SECURITY}(?:\s+\S+){{0,4}}?\s+(?:ditolak|dipersulit|susah|sulit|lama|nonaktif|hangus"
                rf"|{_NEG}\s+(?:bisa|cair|keluar|aktif|terdaftar|dibayar))\b",
                rf"\b{_NEG}\s+(?:di)?daftar(?:kan|in)?\s+(?:\S+\s+)?(?:bpjs|asuransi)\b",
            ),
        ),
        (
            "illness",
            _any(
                r"\bsakit\b(?!\s+hati)",  # "sakit hati" is resentment
                r"\b(?:dirawat|opname|rawat\s+inap|kecelakaan|celaka|patah\s+tulang|luka|lumpuh|operasi)\b",
                r"\b(?:depresi|stres|stress|gangguan\s+jiwa|hamil|keguguran|kanker|tbc)\b",
                r"\b(?:sick|ill|hospitali[sz]ed|injured|injury|accident|pregnant|depressed)\b",
            ),
        ),
        (
            "contract_violation",
            _any(
                rf"\b(?:{_NEG}|beda|berbeda)\s+(?:sesuai\s+|sama\s+|dengan\s+|dgn\s+)*"
                r"(?:kontrak|perjanjian|pk|job|jobdesk|job\s+desk|pekerjaan)\b",
                r"\btidak\s+sesuai\b",
                rf"\b{_NEG}\s+(?:pernah\s+)?(?:dapat|dapet|dpt|dikasih|diberi|ada)\s+libur\b",
                r"\bkerja\s+(?:1[4-9]|2[0-4])\s+jam\b",
                r"\bkerja\s+(?:di\s+)?(?:[2-9]|dua|tiga|banyak)\s+rumah\b",
                r"\b(?:no\s+day\s+off|not\s+as\s+(?:in|per)\s+(?:the\s+)?contract)\b",
            ),
        ),
        (
            "other",
            r"\b(?:lapor|melapor|laporan|mengadu|pengaduan|aduan|adukan|komplain|complain|complaint|report)\b",
        ),
    )
)
"""In priority order: the first matching rule names the category."""

_GREETING = r"(?:min|kak|pak|bu|mas|mbak|mba|halo|hallo|hai|hi|assalamualaikum|permisi|maaf)"
_ASKING_FRAME = re.compile(
    rf"^\W*(?:(?:{_GREETING}|{_ME})\W+)*(?:mau|ingin|pengen|mo|boleh|numpang)?\s*(?:tanya|nanya|bertanya)\b\W*"
)
_QUESTION_OPENER = re.compile(
    rf"^\W*(?:{_GREETING}\W+)*"
    + _any(
        r"berapa", r"brp", r"bagaimana", r"bgmn", r"bagaimanakah", r"gimana", r"gmn", r"gmna", r"apa",
        r"apakah",
        r"kapan", r"dimana", r"di\s+mana", r"dmn", r"kemana", r"ke\s+mana", r"siapa", r"mengapa", r"kenapa",
        r"knp", r"syarat", r"cara", r"prosedur", r"info", r"informasi", r"bisakah", r"bolehkah", r"boleh",
        r"bisa", r"kalau", r"kalo", r"klo", r"jika", r"apabila", r"bila", r"seandainya", r"misal",
        r"misalnya",
        r"how", r"what", r"where", r"when", r"can", r"is", r"are", r"do", r"does",
    )
    + r"\b"
)  # fmt: skip
_REFERENT = re.compile(
    rf"\b(?:{_ME}|ku|my|our|i|we"
    r"|(?:suami|istri|isteri|anak|adik|adek|ortu|orangtua|keluarga|ponakan|keponakan|saudara|sodara|mertua)"
    r"(?:nya|ku)?)\b"
)


def _is_general_question(folded: str) -> bool:
    """A general question asks about rules, not about the writer's own case: it opens with an asking frame
    ("mau tanya ...") or a question or conditional word ("berapa", "gmn", "kalau") and mentions nobody's case
    (no "saya", "anak saya", "my"). "Gaji saya belum dibayar, gimana?" is a complaint; "berapa lama gaji
    boleh telat dibayar?" and "mau tanya kalau gaji tidak dibayar lapor ke mana" are questions for the FAQ.
    """
    frame = _ASKING_FRAME.match(folded)
    rest = folded[frame.end() :] if frame else folded
    if frame is None and _QUESTION_OPENER.match(folded) is None:
        return False
    return _REFERENT.search(rest) is None


def detect_category(text: str) -> str | None:
    """The complaint category of a message about the writer's (or their family's) own situation, or None for
    general questions and anything that matches no rule (those go to the FAQ).
    """
    folded = fold(text)
    if not folded or _is_general_question(folded):
        return None
    danger = detect_danger(text)
    if danger is not None and danger.kind in _CATEGORY_OF_DANGER:
        return _CATEGORY_OF_DANGER[danger.kind]
    return next((category for category, pattern in CATEGORY_RULES if pattern.search(folded)), None)


# --- language ---


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH = _wordset(
    """i me my mine you your we our us they them their he she it its is am are was were be been being do
    does did have has had will would can could should shall may might must not no yes the a an this that
    these those to of for with in on at by from about into over after before and or but if because so
    what how why when where who which please help need want know get got go going work working hello hi
    hey dear thank thanks sir madam there here any some all very just also still now again more than up
    out took take taken give gave paid pay tell told say said good morning afternoon evening night"""
)
_INDONESIAN = _wordset(
    """saya sy aku aq gue gw kami kita kamu anda dia mau ingin pengen tanya nanya gaji yang yg di ke dari dan
    atau ini itu tidak tdk gak ga gk nggak ngga belum blm sudah udah sdh ada bisa apa bagaimana gimana gmn
    berapa kapan dimana min kak pak bu mas mbak tolong mohon terima kasih makasih dong ya nya sih kok deh aja
    juga dengan untuk karena tapi tp kalau kalo sama majikan agen pulang kerja halo hallo selamat pagi siang
    sore malam assalamualaikum lah kan nih tuh"""
)
"""Words of Indonesian (or Malay/Javanese) chat only: one of them and the message is not English."""


def looks_english(text: str) -> bool:
    """Clearly English: at least three words, no Indonesian-only word, at least half of them English function
    words. Short greetings ("hi", "ok") and mixed messages stay Indonesian, the default language.
    """
    tokens = words(fold(text))
    if len(tokens) < 3 or any(token in _INDONESIAN for token in tokens):
        return False
    return sum(token in _ENGLISH for token in tokens) * 2 >= len(tokens)
