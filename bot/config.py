"""Configuration: secrets and endpoints from the environment, help desk policy from a YAML file.

Environment variables are read through :class:`Settings`; queues, routing, contacts and limits come from
``HELPDESK_CONFIG`` (default: ``bot/defaults/helpdesk.yaml``) and are validated by :class:`HelpdeskConfig`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from nlu.job_offer import OfferRules
from nlu.parsing.amounts import Amount

DEFAULT_CONFIG_PATH = Path(__file__).resolve().parent / "defaults" / "helpdesk.yaml"
DEFAULT_DATABASE_URL = "sqlite:///helpdesk.db"


class Settings(BaseSettings):
    """Everything secret or deployment-specific, from the environment (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    helpdesk_config: Path = DEFAULT_CONFIG_PATH
    secret_key: str = Field(
        default="", description="signs cookies and keys PIN hashes; generated locally if empty"
    )
    data_encryption_key: str = Field(
        default="", description="Fernet key for passport numbers and NIK at rest; generated locally if empty"
    )
    data_encryption_keys: str = Field(default="", description="older Fernet keys, comma-separated (rotation)")
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    staff_telegram_chat_id: str = Field(
        default="", description="Telegram group for urgent-ticket and escalation notices (optional)"
    )
    staff_telegram_bot_token: str = Field(default="", description="the bot that posts to that group")

    public_base_url: str = Field(default="", description="the https URL the webhooks are reachable at")
    telegram_bot_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base_url: str = Field(default="", description="another Bot API server, e.g. self-hosted")
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_whatsapp_from: str = Field(default="", description="e.g. whatsapp:+14155238886")
    twilio_api_base_url: str = Field(default="", description="a Twilio-compatible API endpoint (tests)")
    twilio_reply_template_sid: str = Field(
        default="", description="content template sent when an answer waits outside the 24-hour window"
    )
    twilio_alert_template_sid: str = Field(
        default="",
        description="approved content template that opens the window for an alert (helpdesk alerts)",
    )
    attachments_dir: Path | None = Field(default=None, description="default: DATA_DIR/attachments")
    max_attachment_bytes: int = 20 * 1024 * 1024
    media_download_seconds: float = Field(
        default=120.0, description="the most all media of one WhatsApp message may take to download"
    )
    webhook_answer_seconds: float = Field(
        default=10.0, description="webhooks answer within this (Twilio waits 15 s); the rest goes on after"
    )
    attachment_types: str = "image/,application/pdf,audio/,video/"
    max_request_bytes: int = 256 * 1024
    faq_refresh_seconds: float = Field(
        default=2.0, description="how often a worker looks for knowledge-base changes made by another process"
    )
    max_outbound_chars: int = 12000
    outbox_lease_seconds: float = 60.0
    outbox_max_attempts: int = 8
    metrics_token: str = Field(
        default="", description="a scraper sending 'Authorization: Bearer <it>' may read /metrics"
    )
    metrics_allowed_networks: str = Field(
        default="127.0.0.0/8,::1/128", description="client networks that may read /metrics without the token"
    )

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token and self.telegram_webhook_secret)

    @property
    def whatsapp_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_whatsapp_from)

    @property
    def metrics_networks(self) -> list[IPv4Network | IPv6Network]:
        return [
            ip_network(item.strip(), strict=False)
            for item in self.metrics_allowed_networks.split(",")
            if item.strip()
        ]

    @property
    def attachments_path(self) -> Path:
        return self.attachments_dir or self.data_dir / "attachments"

    def public_url(self, path: str) -> str:
        return self.public_base_url.rstrip("/") + path


class Queue(BaseModel):
    label: str
    first_response_hours: float = 24
    resolution_hours: float = 336


class RoutingRule(BaseModel):
    queue: str
    urgent: bool | None = None
    categories: list[str] | None = None
    countries: list[str] | None = None

    def matches(self, *, urgent: bool, category: str | None, country: str | None) -> bool:
        if self.urgent is not None and self.urgent != urgent:
            return False
        if self.categories is not None and category not in self.categories:
            return False
        return self.countries is None or country in self.countries


class Emergency(BaseModel):
    """Contact lines sent in a danger conversation; ``by_country`` keys are ISO country codes."""

    general: list[str] = []
    by_country: dict[str, list[str]] = {}
    medical_by_country: dict[str, list[str]] = {}
    """Ambulance numbers, sent first to someone in a medical emergency."""
    crisis: list[str] = []
    """Crisis and mental-health lines, sent first to someone who wants to end their life."""


class AttemptLimit(BaseModel):
    """Failed attempts under one key (see :mod:`bot.throttle`) before it locks, and for how long: the
    ``failures``-th failure locks it for ``lock_base_seconds``, each further one for twice as long as the one
    before, up to ``lock_max_seconds``. Attempts made while locked are refused unchecked and not counted. A
    count that saw no failure for ``forget_after_hours`` starts again."""

    failures: int
    lock_base_seconds: float
    lock_max_seconds: float
    forget_after_hours: float


class StatusPinPolicy(BaseModel):
    """Checking a report's status from another chat: wrong PINs (and unknown references) are counted per
    reference, whatever chat they come from, and per source (web chat: the client's network; Telegram: the
    chat; WhatsApp: the number)."""

    per_ticket: AttemptLimit = AttemptLimit(
        failures=5, lock_base_seconds=900, lock_max_seconds=86400, forget_after_hours=24
    )
    per_source: AttemptLimit = AttemptLimit(
        failures=10, lock_base_seconds=900, lock_max_seconds=86400, forget_after_hours=24
    )


class ConversationPolicy(BaseModel):
    form_expiry_hours: float = 72
    max_inbound_chars: int = 4000
    status_pin: StatusPinPolicy = StatusPinPolicy()
    timezone: str = "Asia/Jakarta"


class ConsolePolicy(BaseModel):
    """The officer console: sessions, lockout, who sees what, and the scheduler's deadlines."""

    session_idle_minutes: float = 60
    session_max_hours: float = 12
    lockout_after_failures: int = 5
    lockout_base_seconds: float = 30  # doubled with every further failure
    lockout_max_seconds: float = 3600
    login_per_address: AttemptLimit = AttemptLimit(  # failed logins from one client network, any account
        failures=10, lock_base_seconds=300, lock_max_seconds=86400, forget_after_hours=24
    )
    passport_roles: list[str] = ["supervisor", "admin"]
    export_personal_roles: list[str] = ["supervisor", "admin"]
    waiting_close_days: float = 15  # a ticket waiting on a silent reporter closes after this long
    waiting_warning_days: float = 3  # the reporter is told this long before
    scheduler_interval_seconds: float = 60
    quiet_hours: tuple[int, int] = (22, 6)  # the reply box warns between these hours, the worker's time


class ChannelRate(BaseModel):
    """How fast the sender may deliver on one channel."""

    messages_per_second: float  # overall, for the whole bot or sender number
    chat_interval_seconds: float  # between two messages to one chat


class Limits(BaseModel):
    """Flood control: per contact on the way in (bot/flood.py), per channel on the way out (bot/pacing.py).

    The three :class:`AttemptLimit`\\ s count events instead of failures (:mod:`bot.throttle`): the
    ``failures``-th event in a row locks the key, and while it is locked the event is handled differently
    (a new web chat refused unless it is a danger message, a danger message filed on the source's recent urgent
    ticket, a staff notice merged into one "N more" notice)."""

    contact_messages_per_minute: int = 30  # 0 switches it off
    new_web_chats_per_source: AttemptLimit = AttemptLimit(  # new web chats (cookies) from one client network
        failures=10, lock_base_seconds=600, lock_max_seconds=3600, forget_after_hours=1
    )
    urgent_tickets_per_source: AttemptLimit = AttemptLimit(  # new urgent tickets from one source
        failures=3, lock_base_seconds=900, lock_max_seconds=3600, forget_after_hours=1
    )
    staff_notices_per_queue: AttemptLimit = AttemptLimit(  # staff notices of one queue, further ones merged
        failures=10, lock_base_seconds=300, lock_max_seconds=300, forget_after_hours=1
    )
    telegram: ChannelRate = ChannelRate(messages_per_second=30, chat_interval_seconds=1.0)
    whatsapp: ChannelRate = ChannelRate(messages_per_second=80, chat_interval_seconds=1.0)


class Retention(BaseModel):
    """How long personal data is kept (UU 27/2022 PDP: no longer than the purpose needs)."""

    closed_ticket_days: float = 365  # a closed ticket's personal data is erased this long after it closed


class PlacementPolicy(BaseModel):
    """What the job-offer check (:mod:`nlu.job_offer`) counts as a warning sign. Policy, not code: verify it
    against the current regulations (placement bans, the official cost structure) before going live."""

    scam_countries: list[str] = []  # known for online-scam compounds
    domestic_ban_countries: list[str] = []  # no placement of domestic (informal) workers
    usual_monthly_salary: dict[str, str] = {}  # country -> "CUR amount", e.g. TW: "TWD 29500"
    salary_too_high_factor: float = 2.0  # an offer above this multiple of the usual wage is a warning sign
    max_fee_idr: int = 0  # a placement cost above this is excessive (0: not checked)

    def rules(self) -> OfferRules:
        usual = {}
        for country, written in self.usual_monthly_salary.items():
            currency, value = written.split()
            usual[country.upper()] = Amount(currency.upper(), Decimal(value))
        return OfferRules(
            scam_countries=frozenset(c.upper() for c in self.scam_countries),
            domestic_ban_countries=frozenset(c.upper() for c in self.domestic_ban_countries),
            usual_monthly_salary=usual,
            salary_too_high_factor=self.salary_too_high_factor,
            max_fee_idr=self.max_fee_idr,
        )


class HelpdeskConfig(BaseModel):
    contacts: dict[str, str] = {}
    emergency: Emergency = Emergency()
    queues: dict[str, Queue]
    routing: list[RoutingRule]
    conversation: ConversationPolicy = ConversationPolicy()
    console: ConsolePolicy = ConsolePolicy()
    limits: Limits = Limits()
    retention: Retention = Retention()
    placement: PlacementPolicy = PlacementPolicy()

    def model_post_init(self, __context: Any) -> None:
        unknown = {rule.queue for rule in self.routing} - set(self.queues)
        if unknown:
            raise ValueError(f"routing names unknown queues: {sorted(unknown)}")
        if not self.routing or not _is_catch_all(self.routing[-1]):
            raise ValueError("the last routing rule must have no conditions (the fallback queue)")

    def route(self, *, urgent: bool, category: str | None, country: str | None) -> str:
        """The queue for a ticket: the first matching rule wins."""
        for rule in self.routing:
            if rule.matches(urgent=urgent, category=category, country=country):
                return rule.queue
        raise AssertionError("unreachable: the last rule is a catch-all")

    def fill(self, template: str, **values: str) -> str:
        """Fill the ``{name}`` placeholders of one of our own templates (an FAQ answer, a canned answer, a
        configured line) from ``values``, then from ``contacts``. See :func:`fill_placeholders`."""
        return fill_placeholders(template, {**self.contacts, **values})


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_placeholders(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` in ``template`` with ``values[name]``, in one pass over the template only.

    Not ``str.format_map``: what people typed reaches our texts as values (a name, an officer's reply) and must
    come out as typed: a stray brace must not break the text, and ``{hotline}`` typed by someone must not be
    filled. Values are never read for placeholders, and unknown names and lone braces stay as they are."""

    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) if value is None else str(value)

    return _PLACEHOLDER.sub(one, template)


def _is_catch_all(rule: RoutingRule) -> bool:
    return rule.urgent is None and rule.categories is None and rule.countries is None


# libyaml's safe loader where PyYAML was built with it: the same documents, read about ten times faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_config(path: str | Path) -> HelpdeskConfig:
    with Path(path).open(encoding="utf-8") as fh:
        return HelpdeskConfig.model_validate(yaml.load(fh, Loader=_SAFE_LOADER))  # noqa: S506 (a safe loader)


@cache
def get_settings() -> Settings:
    return Settings()


@cache
def get_config() -> HelpdeskConfig:
    return load_config(get_settings().helpdesk_config)
