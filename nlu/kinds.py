"""The kinds the readers name: danger kinds and complaint categories, and how one maps to the other."""

from __future__ import annotations

DANGER_KINDS = (
    "suicide", "sexual_violence", "violence", "medical", "confinement", "trafficking", "scam_country",
    "document_retention", "runaway", "death", "sos",
)  # fmt: skip
"""Also the priority order when the rules match several kinds. ``medical`` and ``runaway`` come from the
learned reader only; ``scam_country`` from the rules only (the corpus files it under trafficking)."""

CATEGORIES = (
    "unpaid_wages", "repatriation", "failed_departure", "overcharging", "job_fraud", "violence",
    "sexual_violence", "trafficking", "document_retention", "contract_violation", "illness", "death",
    "lost_contact", "social_security", "other",
)  # fmt: skip

CATEGORY_OF_DANGER: dict[str, str] = {
    "suicide": "illness", "sexual_violence": "sexual_violence", "violence": "violence",
    "medical": "illness", "confinement": "violence", "trafficking": "trafficking",
    "scam_country": "trafficking", "document_retention": "document_retention", "death": "death",
}  # fmt: skip
"""Restriction of movement counts as employer violence, scam-compound placement as trafficking, suicidal
words and medical emergencies as illness (the statistics' "depression/mental illness" and "sickness"). A bare
cry for help and a runaway have no category of their own: the ticket says "other" until an officer knows more."""
