"""The catalogue of hostile and broken inputs: one table per kind, each row with its expected answer.

``TEXTS`` are message contents sent through every channel (web chat, Telegram, WhatsApp, the terminal chat,
the officer console's reply, note and search). ``REQUESTS`` are broken or forged deliveries of one channel.
docs/reliability.md's "Hostile inputs" lists the same rows; the tests in this package drive them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    ANSWERED = "answered"  # stored once, the bot replies normally
    TOO_LONG = "too long"  # stored once, the bot asks for shorter messages
    REFUSED = "refused"  # 413 before anything is stored (webhooks, web chat); the terminal says too long


@dataclass(frozen=True)
class HostileText:
    name: str
    text: str
    outcome: Outcome
    stored: str | None = None  # what the message row keeps, when not the text itself


FORGED_TOKEN = (
    "\u27e6passport_number:" + "0" * 64 + ":gAAAAABforged==\u27e7"
)  # no key opens it: kept as typed
SCRIPT = '<script>alert("xss")</script><img src=x onerror="alert(1)"><b>bold</b>'

TEXTS = [
    HostileText("html-and-script", SCRIPT, Outcome.ANSWERED),
    HostileText("sql-looking", "'; DROP TABLE message; -- \" OR 1=1 /*", Outcome.ANSWERED),
    HostileText("format-strings", "{hotline} {0} {__class__} %s %(x)s %n ${jndi:x}", Outcome.ANSWERED),
    HostileText(
        "control-characters", "halo\x00\x07\x1b[31m\x7f\r\n", Outcome.ANSWERED, "halo\x07\x1b[31m\x7f\r\n"
    ),
    HostileText("right-to-left-marks", "\u202egpj.exe\u200f \u200e\u2066halo\u2069", Outcome.ANSWERED),
    HostileText("zero-width-and-combining", "ha\u200blo\u0301\u0301\u0301\ufeff", Outcome.ANSWERED),
    HostileText("lone-surrogate", "\ud800halo\udfff", Outcome.ANSWERED, "?halo?"),
    HostileText("path-traversal", "../../../etc/passwd ..\\..\\windows %2e%2e%2f", Outcome.ANSWERED),
    HostileText("stray-braces", "Budi } :-} {hotline} {0 {{x}} {__class__.__init__}", Outcome.ANSWERED),
    HostileText("identity-numbers", "paspor ｃ７６５４３２１, NIK 3174-0155-0190-0002", Outcome.ANSWERED),
    HostileText("forged-sealed-token", FORGED_TOKEN + " C 7654321", Outcome.ANSWERED),
    HostileText("emoji-50kb", "\U0001f600" * 12_800, Outcome.TOO_LONG),
    HostileText("oversized-body", "a" * 300_000, Outcome.REFUSED),
]


@dataclass(frozen=True)
class BrokenRequest:
    name: str
    body: bytes | None  # None: the channel's normal, valid delivery (with ``fields`` changed)
    content_type: str
    status: int
    fields: tuple[tuple[str, object], ...] = ()  # changes to the valid delivery
    signed: bool = True  # Telegram: the secret token sent; WhatsApp: signed with the auth token


JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
INVALID_UTF8 = b'{"id": "1", "text": "\xff\xfe\xc3\x28"}'

WEB_REQUESTS = [
    BrokenRequest("invalid-json", b'{"id": "1", "text": ', JSON, 400),
    BrokenRequest("json-array", b'["id", "text"]', JSON, 400),
    BrokenRequest("json-string", b'"halo"', JSON, 400),
    BrokenRequest("invalid-utf8", INVALID_UTF8, JSON, 400),
    BrokenRequest("missing-id", b'{"text": "halo"}', JSON, 400),
    BrokenRequest("text-not-a-string", b'{"id": "1", "text": {"$ne": null}}', JSON, 400),
    BrokenRequest("button-not-a-string", b'{"id": "1", "text": "halo", "button": 7}', JSON, 400),
    BrokenRequest("after-not-a-number", b'{"id": "1", "text": "halo", "after": "abc"}', JSON, 400),
    BrokenRequest("after-nan", b'{"id": "1", "text": "halo", "after": NaN}', JSON, 400),
    BrokenRequest(
        "after-beyond-64-bits", b'{"id": "1", "text": "halo", "after": 99999999999999999999999}', JSON, 400
    ),
    BrokenRequest("wrong-content-type", b'{"id": "1", "text": "halo"}', "text/plain", 403),
    BrokenRequest("id-with-nul-and-surrogate", b'{"id": "a\\u0000\\ud800", "text": "halo"}', JSON, 200),
    BrokenRequest("form-instead-of-json", b"id=1&text=halo", FORM, 403),
]

TELEGRAM_REQUESTS = [
    BrokenRequest("forged-secret", None, JSON, 403, signed=False),
    BrokenRequest("invalid-json", b'{"update_id": 1, "message": ', JSON, 400),
    BrokenRequest("invalid-utf8", b'{"update_id": 1, "x": "\xff\xfe"}', JSON, 400),
    BrokenRequest("json-array", b"[1, 2, 3]", JSON, 400),
    BrokenRequest("missing-update-id", b'{"message": {}}', JSON, 400),
    BrokenRequest("update-id-not-a-number", b'{"update_id": "abc"}', JSON, 400),
    BrokenRequest("unknown-update-type", b'{"update_id": 5, "future_kind": {"id": 1}}', JSON, 200),
    BrokenRequest(
        "unreadable-known-type", b'{"update_id": 5, "poll": {"id": "p", "question": "?"}}', JSON, 200
    ),
    BrokenRequest("channel-post-without-sender", None, JSON, 200, (("message.from", None),)),
    BrokenRequest("message-not-an-object", b'{"update_id": 6, "message": "halo"}', JSON, 200),
    BrokenRequest("message-missing-chat", None, JSON, 200, (("message.chat", None),)),
    BrokenRequest("wrong-content-type", None, "text/plain", 200),
]

WHATSAPP_REQUESTS = [
    BrokenRequest("forged-signature", None, FORM, 403, signed=False),
    BrokenRequest("changed-after-signing", None, FORM, 403, (("Body", "changed"),), signed=False),
    BrokenRequest("invalid-utf8", b"MessageSid=SM1&Body=\xff\xfe", FORM, 400),
    BrokenRequest("malformed-form", b"MessageSid=SM1&&Body=%zz&=", FORM, 400),
    BrokenRequest("json-instead-of-form", b'{"MessageSid": "SM1"}', JSON, 400),
    BrokenRequest("missing-message-sid", None, FORM, 400, (("MessageSid", ""),)),
    BrokenRequest("missing-sender", None, FORM, 400, (("From", ""),)),
    BrokenRequest("num-media-not-a-number", None, FORM, 200, (("NumMedia", "-1e9"),)),
    BrokenRequest("num-media-without-urls", None, FORM, 200, (("NumMedia", "3"),)),
]

BAD_MEDIA_URLS = [
    "not a url",
    "file:///etc/passwd",
    "ftp://example.org/x.jpg",
    "http://[::1",
    "http://127.0.0.1:1/refused.jpg",
    "https://api.twilio.com/../../etc/passwd",
]

TRAVERSAL_FILE_NAMES = [
    "../../../etc/passwd",
    "..\\..\\boot.ini",
    "/etc/shadow",
    'a"; filename=evil.exe\r\nX: y',
]


@dataclass(frozen=True)
class ForgedForwarding:
    name: str
    headers: tuple[tuple[str, str], ...]


#: Forwarding headers sent by a client that is not a trusted proxy: ignored, so /metrics stays closed, the web
#: chat cookie is not taken for https and throttles count the connection's own address.
FORGED_FORWARDING = [
    ForgedForwarding("forwarded-for-loopback", (("X-Forwarded-For", "127.0.0.1"),)),
    ForgedForwarding("forwarded-for-ipv6-loopback", (("X-Forwarded-For", "::1"),)),
    ForgedForwarding("forwarded-for-list", (("X-Forwarded-For", "127.0.0.1, 10.0.0.1"),)),
    ForgedForwarding("forwarded-proto-https", (("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "::1"))),
]

# Text that reaches our own messages inside a template (a name in the form's summary, an officer's reply in the
# status check, a display name in a canned answer): a stray brace breaks nothing, a placeholder is not filled
BRACES = ["Budi }", ":-}", "Tuti {", "{hotline}", "{0}", "{ref} {worker}", "}{"]

# CSV export cells (names typed by people) that a spreadsheet would read as formulas, at the start of the cell
# or after another locale's list separator (";" in Indonesian ones), and how each cell must come out
CSV_CELLS = [
    ("=1+1", "'=1+1"),
    ("Budi;=1+1;@SUM(2+2)", "Budi;'=1+1;'@SUM(2+2)"),
    ("Siti,+62 812;-3", "Siti,'+62 812;'-3"),
    ('Tuti| @cmd\n=HYPERLINK("x")', "Tuti| '@cmd\n'=HYPERLINK(\"x\")"),
    ("Ani\t=1", "Ani\t'=1"),
    ("Siti-Aminah 2026-11-28", "Siti-Aminah 2026-11-28"),
]

# WhatsApp media URLs on hosts that are not Twilio's: never fetched, kept as the reference only
INTERNAL_MEDIA_URLS = [
    "http://127.0.0.1:{port}/media.jpg",
    "http://localhost:{port}/media.jpg",
    "http://[::1]:{port}/media.jpg",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/media.jpg",
    "https://evil.example/media.jpg",
    "https://api.twilio.com.evil.example/media.jpg",
]
