"""When and how a message tells of danger: now, in the past and over, only asked about, or joked about.

The danger words are the same in "skrg sy dikunci" and "dulu sy pernah dikunci, skrg udh aman"; what differs
is a handful of words around them. These markers are read on :func:`nlu.text.fold`-ed text and serve twice:
as features of the learned model (:func:`nlu.danger_model.features`), which weighs them against everything
else, and as the evidence :func:`nlu.danger.read` asks of a form answer before it interrupts the form.

They are deliberately few and plain. "kalau" is not a question marker here: "kalau tanya dipukul" (whenever I
ask, I am hit) is danger, so the model, not a rule, learns what a conditional means.
"""

from __future__ import annotations

import re

from nlu.patterns import ME, NEG, PERSON

_SPAN_AGO = (
    r"\d+\s*(?:tahun|thn|th|taun|bulan|bln|sasi|years?|months?)\s*(?:lalu|lepas|kepungkur|kapungkur|ago)"
)
_THEN = (
    rf"(?:(?:^|[,.;!?]\s*|\b(?:{ME}|{PERSON}|waktu|jaman|zaman|pas|yg|yang)\s+)dulu"
    rf"|\bdulu\s+(?:{ME}|{PERSON}|pernah|sempat|sempet|waktu|tahun|thn|pas|kerja|di))\b"
)
PAST = re.compile(
    rf"{_THEN}|\b(?:dahulu|dulunya|pernah|prnh|pernh|sempat|sempet|biyen|mbiyen|kapungkur|baheula|kantos"
    r"|waktu\s+itu|wktu\s+itu|ago|used\s+to|last\s+(?:year|month)"
    r"|(?:tahun|thn|taun|bulan|bln)\s+(?:lalu|lepas|kemarin|kemaren|wingi|kepungkur|kamari)"
    rf"|(?:19|20)\d\d|{_SPAN_AGO})\b"
)
"""The danger is told as something that happened before (a chronology, a story of long ago). "dulu" only as a
time ("dulu sy ...", "anak sy dulu ..."), not "bayar dulu" (first) nor "dari dulu" (all along); "pernah" only when not "gk pernah" (never):
see :func:`told_in_past`."""
_NEVER = re.compile(rf"\b(?:{NEG}|teu|henteu|ndak)\s+(?:pernah|prnh|pernh|sempat|sempet|kantos)\b")


def told_in_past(folded: str) -> bool:
    return PAST.search(_NEVER.sub(" ", folded)) is not None


_FILLER = r"(?:sy|saya|aku|dia|kok|di|ke|sampe|sampai|dengan|dgn|sih)"
RESOLVED = re.compile(
    r"\b(?:udah|udh|sudah|sdh|dah|uda|wis|wes|uis|tos|parantos|already|now|skrg|sekarang|saiki|ayeuna)"
    rf"\s+(?:{_FILLER}\s+)?(?:aman|selamat|pulang|mulih|balik|bali|uih|dibalikin|dikembalikan|dibalekno"
    r"|dibalekke|pulih|sembuh|baikan|mendingan|safe|home|okay|ok|fine|ditolong|ditulung)\b"
    r"|\b(?:udah|udh|sudah|sdh|dah|wis)\s+pindah\b|\bkasus\w*\s+(?:\S+\s+)?(?:selesai|beres|done)\b"
    r"|\b(?:home\s+safe|safe\s+now|now\s+safe|i\s*(?:'?m|am)\s+safe|sy\s+aman|saya\s+aman|aku\s+aman"
    r"|aman\s+(?:kok|sih|aja|je|ko)|selamat\s+je)\b"
)
"""The writer says the danger is over or that they are safe."""

ASKING_ONLY = re.compile(
    r"\b(?:cuma|cm|hanya|cuman|mung|ngan|just)\s+(?:mau\s+|mo\s+|arep\s+|want\s+to\s+|hoyong\s+)?"
    r"(?:nanya|tanya|takon|naros|ask|asking)\b|\b(?:just\s+asking|nanya\s+aja|tanya\s+aja|takon\s+wae"
    r"|naros\s+wae|jaga2|jaga\s+jaga|buat\s+jaga)\b"
)
"""The writer says they are only asking."""

NOW = re.compile(
    r"\b(?:skrg|sekarang|skarang|sekrg|saat\s+ini|sedang|lagi\s+di|barusan|baru\s+saja|baru\s+aja"
    r"|tadi|td|semalam|semalem|hari\s+ini|malam\s+ini|mlm\s+ini|now|right\s+now|currently|tonight"
    r"|today|last\s+night|this\s+morning|pagi\s+ini|saiki|mau\s+bengi|bengi\s+iki|mau\s+isuk|ayeuna"
    r"|tadi\s+wengi|kini|sekarang\s+ni)\b"
)
"""The danger is happening now, or just happened. Not "masih"/"still" ("gaji masih blm dibayar"): a danger
that goes on is told with its own words ("masih dikurung"), which the rules read."""

FEAR = re.compile(r"\b(?:takut|tkt|ketakutan|wedi|sieun|scared|afraid|darurat|emergency)\b")
"""Fear in the writer's own words. Not "tolong"/"help"/"segera": forms are full of "tolong dibantu" and
"mohon segera diproses"; a cry for help is the rules' ("tolong sy", "sos")."""

COERCION = re.compile(
    r"\b(?:(?:di|ng|n|m)?ancam\w*|ngancem\w*|ugut\w*|threat\w*|(?:di)?paksa\w*|forced|dijaga|pengawal"
    r"|bersenjata|armed|guards?|guarded|tebusan|ransom|cannot\s+leave|can'?t\s+leave|kemana2|kmn2"
    r"|(?:boleh|bisa|bs|iso|oleh|kenging|wani)\s+(?:keluar|kluar|metu|kaluar))\b"
)
"""Threats, force, guards, ransom, no way out: what turns a document held into danger now."""

JOKE = re.compile(r"wk(?:wk)+|\b(?:haha\w*|hehe\w*|lol|lmao|bercanda|becanda)\b|😂|🤣|😆|🤭|😅|😜")

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("resolved", RESOLVED),
    ("asking", ASKING_ONLY),
    ("now", NOW),
    ("fear", FEAR),
    ("coercion", COERCION),
    ("joke", JOKE),
)


def markers(folded: str) -> list[str]:
    """The names of the markers found in ``folded`` text: "past", then :data:`MARKERS` in order."""
    found = ["past"] if told_in_past(folded) else []
    return found + [name for name, pattern in MARKERS if pattern.search(folded)]
