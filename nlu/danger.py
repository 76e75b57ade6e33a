"""The danger reader: is the writer, or the worker they write about, in danger and in need of a human now?

Two readers decide together: the hand-written rules (:mod:`nlu.danger_rules`), which explain themselves
("dipukul"), and a model learned from the labelled corpus (:mod:`nlu.danger_model`), which reads what no
keyword list can enumerate (a man of the house coming into her room at night, a farewell, a friend who will
not wake) and has the rule's verdict among its features. A message is urgent when the model's probability
reaches its threshold, or when a rule fired and the probability reaches the lower ``rule_floor``: a rule's
words count for more, but "dihajar ahma main mahjong wkwk" does not open an urgent ticket. Both thresholds
are chosen on validation folds of the corpus (:mod:`nlu.danger_training`). Without a model file the rules
alone decide. Every reading says why, so that an officer can see it on the ticket and correct it.

Danger errs on the side of a human looking: a false alarm costs an officer a minute, a missed one can cost a
life.

:func:`read` is the reader's one entry point for a conversation: a first message is read as above; the answer
to a form question (``field``, the name of the question) needs stronger evidence before it interrupts the form
(:mod:`nlu.danger_forms`): past chronology and short answers do not, present danger and suicidal words do.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlu import danger_model
from nlu.danger_forms import interrupts_form
from nlu.danger_rules import match_rules
from nlu.switches import switch

MODEL_SWITCH = "DANGER_MODEL"
"""The model decides beside the rules unless ``DANGER_MODEL=off`` (the rules alone: on the blind evaluation set
they find about a third of the people in danger; see README "Danger reader")."""

MODEL_MIN_WORDS = 3
"""The model reads messages of at least this many words. Shorter ones are form answers, names, menu words and
bare cries: the corpus's short messages are nearly all cries for help, so the model would take any short word
("petugas", "Siti") for one. Bare cries are the rules' job ("tolong", "sos", "help")."""


@dataclass(frozen=True)
class Danger:
    """Why a message is urgent."""

    kind: str
    """One of :data:`nlu.kinds.DANGER_KINDS`."""
    rule: str | None
    """The words a rule matched, or None when the model alone decided."""
    score: float | None
    """The model's probability that the message is urgent (None without a model)."""

    @property
    def reason(self) -> str:
        """For the ticket and the command line: ``rule "dipukul"`` or ``model 0.91``."""
        parts = [f'rule "{self.rule}"'] if self.rule is not None else []
        if self.score is not None:
            parts.append(f"model {self.score:.2f}")
        return ", ".join(parts)

    def as_detail(self) -> dict[str, object]:
        """What a ticket event records (no message text: the reason is enough to explain, and safe to keep)."""
        return {
            "danger": self.kind,
            "rule": self.rule,
            "score": None if self.score is None else round(self.score, 3),
        }


def model_enabled() -> bool:
    return switch(MODEL_SWITCH, default=True)


def read(text: str, field: str | None = None, *, use_model: bool | None = None) -> Danger | None:
    """The danger in ``text``: as a first message when ``field`` is None, else as the answer to the form
    question named ``field`` ("description", "city", "name", ...), which needs stronger evidence
    (:func:`nlu.danger_forms.interrupts_form`). ``use_model`` None follows ``DANGER_MODEL``."""
    return as_answer(read_danger(text, use_model=use_model), text, field)


def as_answer(danger: Danger | None, text: str, field: str | None) -> Danger | None:
    """:func:`read` for a caller that already holds the first-message verdict ``danger`` on ``text`` (the
    router's ``turn.danger``, which the flood gate also reads): the verdict kept or withheld for ``field``."""
    if danger is None or field is None:
        return danger
    return danger if interrupts_form(text, field, danger.kind, danger.rule, danger.score) else None


def read_danger(text: str, *, use_model: bool | None = None) -> Danger | None:
    """The danger in ``text``, or None. The rules name the kind when they fire; otherwise the model does.
    ``use_model`` None follows ``DANGER_MODEL``."""
    use_model = model_enabled() if use_model is None else use_model
    return decide(text, danger_model.shipped() if use_model else None)


def decide(text: str, model: danger_model.DangerModel | None) -> Danger | None:
    """:func:`read_danger` with a given model (None: the rules alone)."""
    hit = match_rules(text)
    if model is None or len(text.split()) < MODEL_MIN_WORDS:
        return Danger(hit.kind, hit.matched, None) if hit else None
    rule_kind = hit.kind if hit else None
    vector = model.vector(text, rule_kind)
    score = model.urgent_probability(vector)
    if not model.urgent(score, rule_kind):
        return None
    return Danger(hit.kind, hit.matched, score) if hit else Danger(model.kind(vector), None, score)
