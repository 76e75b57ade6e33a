"""The hand-written danger rules: regular expressions over :func:`nlu.text.fold`-ed text (lowercase, no
accents, stretched letters squeezed, leet undone), kept as data tables. Passive verbs are matched with or
without a separated prefix ("dipukul", "di pukul", "d pukul", "di-pukul").

The rules are one half of the danger reader (:mod:`nlu.danger`); the learned model is the other. Rules stay
because they are exact where they fire and explain themselves ("dipukul"). Three kinds of everyday help-desk
text are not danger for them:
- requests phrased with "tolong" ("tolong info biaya", "mohon bantuannya"): only "tolong" aimed at the writer
  ("tolong saya!"), a message that is nothing but a cry ("tolong", "sos"), or a stretched "toloong" count;
- "mati" of things ("hp mati", "mati listrik", "paspor sudah mati") and "pukul 10" (o'clock);
- questions about death benefits ("bagaimana klaim kematian BPJS", "kalau PMI meninggal dapat santunan?"):
  death in a conditional clause or as the object of a benefit word is a question. A reported death
  ("suami saya meninggal di taiwan, gimana klaim bpjs") is danger, even when the same message asks about the
  claim.
Other danger words stay danger inside questions ("kalau dipukul majikan lapor ke mana?"): victims often ask
about their own situation as if it were hypothetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.patterns import DEVICE, DI, HOLDER, ME, NEG, PASSPORT, PERSON, WITHIN3, any_of
from nlu.text import fold


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired: its danger kind and the words it matched."""

    kind: str
    matched: str


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


_AFTER_DEVICE = rf"\b{DEVICE}\b(?:\s+\S+){{0,2}}"
_CLOTHES = r"\b(?:baju|pakaian|celana|kemeja|seragam|kain|sprei|seprai|cucian|gorden|jilbab)\w*(?:\s+\S+)?"
_BENEFIT = r"\b(?:klaim|santunan|jaminan|asuransi|manfaat|uang|dana|biaya|akta|akte|surat|keterangan|jkm)"
_SCAM_PLACE = any_of(
    r"\bkamboja", r"\bkemboja", r"\bcambodia", r"\bmyanmar", r"\bburma", r"\bmyawaddy", r"\bkk park",
    r"\bshwe kokko", r"\bsihanoukville", r"\bpoipet", r"\bbavet", r"\blaos",
)  # fmt: skip
_WORK = any_of(
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
        any_of(
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
    _rule("sexual_violence", rf"\b(?:{DI}|mem|pem|me|m)?p?erkosa\w*|\brudapaksa\w*"),
    _rule(
        "sexual_violence",
        any_of(
            rf"\b{DI}(?:lecehkan|lecehin|cabuli|cabulin|grepe\w*|gerayangi)\b",
            r"\b(?:melecehkan|pelecehan|pencabulan|cabul)\b",
            rf"\b{DI}raba(?:[\s-]?raba|2)?\b",
            r"\b(?:raped|rape|molested|sexual(?:ly)?\s+(?:assault|abuse|harass)\w*)\b",
        ),
    ),
    _rule("violence", rf"\b(?:{DI})?siksa(?:an|in|nya)?\b|\b(?:me|pe)?nyiksa\w*"),
    _rule(
        "violence",
        any_of(
            rf"\b{DI}pukul(?:i|in|kan|ni)?\b(?!\s*[0-9])",  # "pukul 10" is ten o'clock
            r"\b(?:me)?mukul(?:i|in)?\b",
            r"\bpukulan\b",
            rf"\bpukul(?:i|in)?\s+{ME}\b",
        ),
    ),
    _rule(
        "violence",
        any_of(
            rf"\b{DI}{_HIT_STEMS}(?:i|in|kan)?\b",
            r"\b(?:(?:me)?nampar|(?:me)?nendang|(?:men)?cekik|(?:meng)?aniaya|penganiayaan)\b",
            r"\b(?:kekerasan|tamparan|tendangan)\b",
        ),
    ),
    _rule("violence", rf"\b{DI}setrika(?:in)?\b", not_after=_CLOTHES),
    _rule(
        "violence",
        rf"\b(?:{DI})?siram\w*(?:\s+\S+){{0,3}}?\s+(?:air\s+(?:panas|mendidih|keras)|bensin|minyak\s+panas)",
    ),
    _rule(
        "violence",
        any_of(
            r"\b(?:beaten|slapped|kicked|tortured|abused)\b",
            r"\b(?:beats?|hits?|hitting|burn(?:ed|t))\s+me\b",
        ),
    ),
    _rule("confinement", rf"\b{DI}(?:kurung|sekap)(?:in|kan)?\b|\bpenyekapan\b"),
    _rule("confinement", rf"\b{DI}kunci(?:in)?\s+(?:di|d|dalam|dlm|dari)\b|\b{ME}\s+{DI}kunci(?:in)?\b"),
    _rule(
        "confinement",
        rf"\b(?:dilarang|{NEG}\s+(?:boleh|dikasih|dibolehin|dibolehkan|diizinkan|diijinkan|diizinin|diijinin"
        rf"|oleh|entuk))\s+(?:\S+\s+)?(?:keluar|kluar|pergi|metu)\b",
    ),
    _rule(
        "confinement",
        any_of(
            rf"\b(?:hp|hape|handphone|ponsel|henpon|telepon|telpon)(?:nya|ku)?{WITHIN3}?"
            rf"{DI}(?:ambil|sita|rampas|tahan|simpan|sembunyikan)\b",
            rf"\b(?:dilarang|{NEG}\s+(?:boleh|dikasih))\s+(?:pegang|pakai|pake|main|megang)\s+(?:hp|hape)\b",
        ),
    ),
    _rule(
        "confinement",
        any_of(
            r"\blocked\s+(?:in|up|me)\b",
            r"\block\s+me\b",
            r"\bnot\s+allowed\s+to\s+(?:go\s+out|leave)\b",
            r"\b(?:took|taken|confiscated)\s+my\s+phone\b",
        ),
    ),
    _rule(
        "trafficking",
        any_of(
            r"\b(?:tppo|trafficking|trafficked)\b",
            r"\bperdagangan\s+(?:orang|manusia)\b",
            rf"\b{DI}jual\s+(?:ke|kpd|kepada|sama|sm|lagi|oleh)\b",
            rf"\b(?:{ME}|{PERSON})\s+(?:\S+\s+)?{DI}jual\b",
            rf"\b(?:men)?jual\s+{ME}\b",
            r"\b(?:sold\s+(?:me|us|to)|was\s+sold)\b",
        ),
    ),
    _rule("scam_country", _SCAM_PLACE, needs=_WORK, not_after=r"\bbunga"),  # "bunga kamboja" is a flower
    _rule(
        "scam_country",
        any_of(
            r"\b(?:kerja|kerjaan|dipaksa|disuruh|jadi)\s+(?:jadi\s+|sebagai\s+)?"
            r"(?:scam\w*|penipu\s+online|judi\s+online|judol)\b",
            r"\b(?:scam\s+online|online\s+scam|scam\s+compound)\b",
        ),
    ),
    _rule(
        "document_retention",
        any_of(
            rf"\b{PASSPORT}{WITHIN3}?{DI}(?:tahan|sita|rampas|kuasai)\b",
            rf"\b{PASSPORT}{WITHIN3}?{DI}(?:pegang|ambil|simpan|bawa)\s+(?:\S+\s+)?{HOLDER}\b",
            rf"\b{HOLDER}(?:\s+\S+){{0,2}}?\s+(?:me|m|n)?(?:nahan|tahan|nyita|sita|pegang|egang|yimpan|yimpen"
            rf"|simpan)\w*\s+(?:\S+\s+)?{PASSPORT}",
            rf"\b{PASSPORT}{WITHIN3}?{NEG}\s+(?:di)?(?:kasih|kembalikan|balikin|balikan)\b",
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
        any_of(
            rf"\b{PERSON}(?:\s+{ME})?(?:\s+(?:sudah|udah|udh|sdh|dah|telah))?\s+mati\b",
            rf"\bjenazah\s+{PERSON}",
            rf"\b{PERSON}\s+(?:is\s+)?dead\b",
        ),
        conditional_is_question=True,
    ),
    _rule("death", r"\bkematian\b", conditional_is_question=True, not_after=_BENEFIT),
    _rule("sos", rf"\btolong(?:in|lah)?\s+{ME}(?:\s+{_VOCATIVE})*\s*(?:[!.,]|$)"),
    _rule("sos", rf"\btolong(?:in|lah)?(?:\s+{_VOCATIVE})*\s*(?:!|$)"),
    _rule(
        "sos",
        any_of(
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
_NEGATED = re.compile(rf"\b{NEG}\s+(?:pernah\s+|prnh\s+|sampai\s+|sampe\s+)?$")


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


_CRY = r"(?:tolong\w*|tlg|tulung\w*|hel+p+|s\W?o\W?s|bantu\w*)"
_BARE_CRY = re.compile(rf"^\W*(?:(?:{_CRY}|pls|please|plis|cepet|cepat|sy|saya|aku|abdi|me)\W*){{1,3}}$")
"""A message that is nothing but a cry ("help", "tlg sy", "TULUNGGGG", "s.o.s", "pls bantu"): the model reads
only longer messages, so bare cries are the rules' to catch."""
_HAS_CRY = re.compile(rf"\b{_CRY}")


def _bare_cry(folded: str) -> str | None:
    if _BARE_CRY.match(folded) and (cry := _HAS_CRY.search(folded)):
        return cry.group(0)
    return None


def match_rules(text: str) -> RuleHit | None:
    """The most serious danger signal in ``text``, or None."""
    folded = fold(text)
    for rule in DANGER_RULES:
        for match in rule.pattern.finditer(folded):
            if _counts(rule, folded, match):
                return RuleHit(rule.kind, match.group(0).strip())
    if (cry := _stretched_cry(text) or _bare_cry(folded)) is not None:
        return RuleHit("sos", cry)
    return None
