"""Intake forms as data: a :class:`Form` declares its fields; this module walks any form.

Form progress lives in ``turn.data["form"]`` (so it survives restarts and any worker can continue it):
``{"name", "values", "cursor", "history", "editing", "touched_at", "messages", "guess"}``. ``cursor`` is a
field name or ``CONFIRM``; ``messages`` lists the ids of the person's messages of this form, filed on the ticket
it opens; ``guess`` is the option a typed answer probably meant, waiting for a yes or no ("Maksudnya ...?").
People can go back, skip optional fields, edit any field from the summary, cancel, and resume. A field may
apply only to some answers (``Field.when``: "last contact" only for a lost contact), and a field may be read from
the other answers instead of asked (``Field.derive``), shown in the summary for correction.

A choice question also takes the answer in words: the option's label or a synonym from the shared vocabulary
(:mod:`nlu.choices`), or what the field's own reader understands (``Field.understand``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot import pii
from bot.i18n import _
from bot.messages import NUMBERED_CHANNELS
from bot.turn import Turn
from nlu import commands
from nlu.choices import Option, read_choice, synonyms
from nlu.parsing import mask_identifier
from nlu.text import fold

CONFIRM = "_confirm"
SEND, EDIT, CANCEL = "form_send", "form_edit", "form_cancel"
BACK, SKIP, DONE = "form_back", "form_skip", "form_done"
GUESS_YES, GUESS_NO = "form_guess_yes", "form_guess_no"


class Invalid(ValueError):
    """Raised by a field's parser; ``message`` (translated) tells the person what to type instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unsure(Exception):
    """Raised when a typed answer probably means the choice ``value``: the person is asked to confirm."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


@dataclass(frozen=True)
class Choice:
    value: str
    label: str  # Indonesian msgid, translated when shown
    synonyms: tuple[str, ...] = ()  # what people type for it besides the label (from the vocabulary)


def choices(group: str, *options: tuple[str, str]) -> tuple[Choice, ...]:
    """The options of a choice question as (value, label msgid) pairs; what people type for each is listed
    in the vocabulary's ``choices`` section under ``group``."""
    return tuple(Choice(value, label, synonyms(group, value)) for value, label in options)


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # msgid: how the summary names this field
    prompt: str  # msgid: the question
    parse: Callable[[str, date], Any] | None = None  # free-text parser; raises Invalid
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    attachments: bool = False  # collects files until the person says they are done
    show: Callable[[Any], str] | None = None  # how a stored value reads in the summary
    secret: bool = False  # an identity number: encrypted in the saved form, masked in chat and summary
    unknown: str | None = None  # the choice value stored when the person answers "tidak tahu"
    understand: Callable[[str], str | None] | None = None  # reads a choice value from a sentence
    when: Callable[[dict[str, Any]], bool] | None = None  # asked only when the answers so far call for it
    derive: Callable[[dict[str, Any]], Any] | None = None  # not asked: read from the other answers
    alarm: str | None = None  # the choice ("not safe") that sends the report at once, as it stands
    none: Callable[[str], bool] | None = None  # "there is none" ("blm berangkat"): skips it and its kin
    lenient: bool = False  # a wish: the nearest option, else ``unknown``, never asked back (summary shows it)

    def applies(self, values: dict[str, Any]) -> bool:
        return self.when is None or self.when(values)

    def display(self, value: Any) -> str:
        if value is None or value == []:
            return "-"
        if self.secret:
            return mask_identifier(pii.decrypt(value))
        if self.choices:
            return next((_(c.label) for c in self.choices if c.value == value), str(value))
        if self.attachments:
            return _("{n} berkas").format(n=len(value))
        return self.show(value) if self.show else str(value)


@dataclass(frozen=True)
class Placed:
    """Answers to other questions of a form, read from a message typed when one question was asked."""

    values: dict[str, Any]
    correction: bool = False  # the message corrects an earlier answer ("eh salah, ...")
    note: str | None = None  # what to say instead of listing the values (msgid)


@dataclass(frozen=True)
class Form:
    name: str
    title: str  # msgid
    fields: tuple[Field, ...]
    on_confirm: Callable[[Turn, dict[str, Any]], None]
    on_cancel: Callable[[Turn], None]  # after the form is dropped: where the person goes (the menu)
    #: which other questions an answer belongs to (:func:`handlers.placing.place`); ``refused``: the question
    #: asked could not take it
    place: Callable[..., Placed | None] | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def shown(self, values: dict[str, Any]) -> tuple[Field, ...]:
        """The fields of the summary for these answers (derived ones included), in order."""
        return tuple(field for field in self.fields if field.applies(values))

    def asked(self, values: dict[str, Any]) -> tuple[Field, ...]:
        """The fields a person answers for these answers, in order."""
        return tuple(field for field in self.shown(values) if field.derive is None)


def saved(turn: Turn) -> dict[str, Any] | None:
    return turn.data.get("form")


def start(
    turn: Turn,
    form: Form,
    prefill: dict[str, Any] | None = None,
    earlier: list[int] | None = None,
    profile: dict[str, Any] | None = None,
) -> None:
    """Begin ``form``; fields already known (``prefill``, typed in the ``earlier`` messages) are not asked
    again, are listed at the start and in the summary, and can be edited; the others are asked in the
    form's order (the order people tell a report in). ``profile``: what the channel tells (a profile name), not asked
    and shown in the summary only."""
    values = {**(profile or {}), **(prefill or {})}
    state = {
        "name": form.name,
        "values": values,
        "cursor": "",
        "history": [],
        "editing": False,
        "messages": list(dict.fromkeys([*(earlier or []), turn.message_id])),
    }
    turn.data["form"] = state
    turn.say(
        _(
            "Baik, kita isi {title}. Ketik *kembali* untuk mengubah jawaban sebelumnya, atau *batal* untuk "
            "berhenti."
        ).format(title=_(form.title))
    )
    known = [
        f"{_(field.label)}: {_shorten(field.display(values[field.name]))}"
        for field in form.fields
        if field.name in (prefill or {})
    ]
    if known:
        turn.say(_("Dari pesan Anda, sudah kami catat:") + "\n" + "\n".join(known))
    _advance(turn, form, state)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def resume(turn: Turn, form: Form) -> None:
    state = saved(turn)
    assert state is not None
    _remember(turn, state)
    turn.say(
        _("Selamat datang kembali. Kita lanjutkan {title} yang belum selesai.").format(title=_(form.title))
    )
    _ask_cursor(turn, form, state)


def ask_again(turn: Turn, form: Form) -> None:
    """Ask the current question (or show the summary) again, as it stands."""
    state = saved(turn)
    assert state is not None
    state.pop("guess", None)
    _ask_cursor(turn, form, state)


def cancel(turn: Turn) -> None:
    turn.data.pop("form", None)
    turn.say(_("Pengisian laporan dibatalkan. Data yang tadi Anda ketik tidak kami simpan sebagai laporan."))


def expired(turn: Turn, expiry_hours: float) -> bool:
    state = saved(turn)
    if not state or "touched_at" not in state:
        return False
    return turn.now - datetime.fromisoformat(state["touched_at"]) > timedelta(hours=expiry_hours)


def handle(turn: Turn, form: Form, *, returning: bool = False) -> None:
    """Take the person's message as the answer to the current field, or as a command. Someone
    ``returning`` after a long pause whose message does not answer the question is greeted and asked again."""
    state = saved(turn)
    assert state is not None
    _remember(turn, state)
    choice = turn.choice
    guess = state.pop("guess", None)
    if choice == CANCEL or turn.says(commands.CANCEL):
        cancel(turn)
        form.on_cancel(turn)
        return
    if choice == BACK or turn.says(commands.BACK):
        _back(turn, form, state)
        return
    if state["cursor"] == CONFIRM:
        _at_summary(turn, form, state, choice)
        return
    field = form.field(state["cursor"])
    if guess is not None and _confirmed(turn, form, field, state, guess, choice):
        return
    if _placed_elsewhere(turn, form, field, state, refused=False):
        return
    try:
        value = _read(turn, field, choice, state["values"].get(field.name))
    except Unsure as unsure:
        if _placed_elsewhere(turn, form, field, state, refused=True):
            return  # a story typed where a choice was asked is more of the story, not a weak guess
        state["guess"] = unsure.value
        label = next(_(c.label) for c in field.choices if c.value == unsure.value)
        turn.say(
            _("Maksudnya *{label}*?").format(label=label), [(_("Ya"), GUESS_YES), (_("Bukan"), GUESS_NO)]
        )
        return
    except Invalid as problem:
        if _placed_elsewhere(turn, form, field, state, refused=True):
            return
        if returning:
            resume(turn, form)
            return
        turn.say(problem.message)
        _ask(turn, form, field, state)
        return
    if value is _KEEP_COLLECTING:
        return
    if value is None and field.none is not None and turn.text and field.none(turn.text):
        for kin in form.fields:  # "ga jadi berangkat": no city, employer or departure date to ask about
            if kin.none is field.none and kin.name not in state["values"]:
                state["values"][kin.name] = None
    _store(turn, form, field, state, value)


def _placed_elsewhere(turn: Turn, form: Form, field: Field, state: dict[str, Any], *, refused: bool) -> bool:
    """File an answer that belongs to other questions there (:attr:`Form.place`), say what was noted, and go
    on with the first question still open (usually the one asked, again)."""
    if (
        form.place is None
        or not turn.text
        or turn.choice is not None
        or field.attachments
        or state["editing"]
    ):
        return False
    skipping = turn.says(commands.SKIP) or turn.says(commands.UNKNOWN)
    placed = (
        None
        if skipping
        else form.place(form, field, turn.text, state["values"], turn.now.date(), refused=refused)
    )
    if placed is None or not (placed.values or placed.note):
        return False
    noted = []
    for name, value in placed.values.items():
        target = form.field(name)
        state["values"][name] = value
        noted.append(f"{_(target.label)}: {_shorten(target.display(value))}")
    heading = _("Kami perbarui:") if placed.correction else _("Kami catat juga:")
    turn.say(_(placed.note) if placed.note else heading + "\n" + "\n".join(noted))
    _advance(turn, form, state)
    return True


def _store(turn: Turn, form: Form, field: Field, state: dict[str, Any], value: Any) -> None:
    if field.secret and value is not None:  # one number, or several space-separated (a passport and a NIK)
        turn.redact(" ".join(mask_identifier(number) for number in value.split()))
        value = pii.encrypt(value)
    state["values"][field.name] = value
    if state["cursor"] not in state["history"]:
        state["history"].append(state["cursor"])
    if field.alarm is not None and value == field.alarm:
        _send(turn, form, state)  # someone not safe waits for no more questions: a person takes over now
        return
    _advance(turn, form, state)


def _confirmed(
    turn: Turn, form: Form, field: Field, state: dict[str, Any], guess: str, choice: str | None
) -> bool:
    """The answer to "Maksudnya ...?": yes stores the guessed option, no asks the question again; anything
    else is not handled here (False) and is read as a new answer."""
    if choice == GUESS_YES or (choice is None and turn.says(commands.YES)):
        _store(turn, form, field, state, guess)
        return True
    if choice == GUESS_NO or (choice is None and turn.says(commands.NO)):
        turn.say(_("Baik. Silakan pilih yang sesuai, atau tulis dengan kata-kata lain."))
        _ask(turn, form, field, state)
        return True
    return False


_KEEP_COLLECTING = object()


def _remember(turn: Turn, state: dict[str, Any]) -> None:
    """Note this message as one of the form's (forms saved before this list existed start it now)."""
    messages = state.setdefault("messages", [])
    if turn.message_id not in messages:
        messages.append(turn.message_id)


def _read(turn: Turn, field: Field, choice: str | None, current: Any) -> Any:
    skipping = choice == SKIP or (turn.says(commands.SKIP) and not turn.inbound.attachments)
    if field.attachments and not skipping:
        return _collect(turn, field, choice, current)
    if choice in {c.value for c in field.choices}:
        return choice
    if field.unknown is not None and turn.says(commands.UNKNOWN):
        return field.unknown
    if field.optional and field.none is not None and turn.text and field.none(turn.text):
        return None
    if skipping:
        if field.optional:
            return current if field.attachments else None
        if turn.says(commands.UNKNOWN):
            raise Invalid(
                _(
                    "Tidak apa-apa jika tidak tahu pasti, tetapi bagian ini perlu diisi. Jawaban perkiraan "
                    "sudah membantu."
                )
            )
        raise Invalid(_("Bagian ini perlu diisi."))
    if field.choices:
        return _pick(turn, field)
    if not turn.text:
        raise Invalid(_("Mohon ketik jawabannya dalam bentuk teks."))
    assert field.parse is not None
    return field.parse(turn.text, turn.now.date())


def _collect(turn: Turn, field: Field, choice: str | None, current: Any) -> Any:
    """Gather attachment ids over several messages; the field is answered when the person says done."""
    files = list(current or [])
    if turn.attachments:
        files.extend(attachment.id for attachment in turn.attachments)
        turn.data["form"]["values"][field.name] = files
        turn.say(
            _("Berkas diterima ({n}). Kirim lagi jika ada, atau ketik *selesai*.").format(n=len(files)),
            [(_("Selesai"), DONE)],
        )
        return _KEEP_COLLECTING
    if choice == DONE or turn.says(commands.DONE):
        return files
    raise Invalid(_("Silakan kirim foto atau dokumen sebagai lampiran, atau ketik *lewati*."))


def _pick(turn: Turn, field: Field) -> str:
    """The option a typed answer names; raises :class:`Unsure` with a probable one, :class:`Invalid` when none
    fits (saying how to answer on this channel: numbers only where the options are shown numbered)."""
    options = [Option(c.value, (c.label, _(c.label), *c.synonyms)) for c in field.choices]
    reading = read_choice(turn.text, options)
    if reading.value is not None:
        return reading.value
    understood = field.understand(turn.text) if field.understand and turn.text else None
    if understood in {c.value for c in field.choices}:
        return understood
    taken = (reading.guess or field.unknown) if field.lenient else None
    if taken is not None:  # a wish in other words: the words themselves stay on the ticket's thread
        return taken
    if reading.guess is not None:
        raise Unsure(reading.guess)
    if turn.inbound.channel in NUMBERED_CHANNELS:
        raise Invalid(
            _("Maaf, jawaban itu belum kami pahami. Ketik nomor pilihannya, atau tulis dengan kata lain.")
        )
    raise Invalid(
        _("Maaf, jawaban itu belum kami pahami. Pilih salah satu tombol, atau tulis dengan kata lain.")
    )


def _next_cursor(form: Form, state: dict[str, Any]) -> str:
    """The first question still unanswered, or the summary (with the derived answers read from the others).
    After an edit from the summary this is the summary again, unless the edit calls for a new question (a
    category changed from a death to another problem asks whether the worker is safe)."""
    values = state["values"]
    asked = form.asked(values)
    for field in asked:
        if field.name not in values:
            return field.name
    for field in form.shown(values):
        if field.derive is not None and field.name not in state.get("edited", ()):
            values[field.name] = field.derive(values)
    return CONFIRM


def _advance(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    if state["editing"]:
        state.setdefault("edited", []).append(state["cursor"])
    state["cursor"] = _next_cursor(form, state)
    state["editing"] = False
    _ask_cursor(turn, form, state)


def _ask_cursor(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    state["touched_at"] = turn.now.isoformat()
    turn.goto("form")
    if state["cursor"] == CONFIRM:
        _summary(turn, form, state)
    else:
        _ask(turn, form, form.field(state["cursor"]), state)


def _ask(turn: Turn, form: Form, field: Field, state: dict[str, Any]) -> None:
    buttons = [(_(c.label), c.value) for c in field.choices]
    if field.attachments:
        buttons.append((_("Selesai"), DONE))
    if field.optional:
        buttons.append((_("Lewati"), SKIP))
    if state["history"] or state["editing"]:
        buttons.append((_("Kembali"), BACK))
    # the question's place among those this form asks for these answers: fields known from the person's
    # first message count before it; an edit from the summary keeps the field's own number
    values = state["values"]
    asked = form.asked(values)
    answered = sum(1 for f in asked if f.name in values and f.name != field.name)
    step = asked.index(field) + 1 if state["editing"] and field in asked else answered + 1
    turn.say(f"({step}/{len(asked)}) {_(field.prompt)}", buttons)


def _summary(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    lines = [_("Mohon periksa laporan Anda:")]
    for number, field in enumerate(form.shown(state["values"]), start=1):
        lines.append(f"{number}. {_(field.label)}: {field.display(state['values'].get(field.name))}")
    lines.append(
        _("Jika sudah benar, pilih *Kirim*. Untuk mengubah, ketik *ubah* dan nomornya (misalnya: ubah 3).")
    )
    turn.say("\n".join(lines), [(_("Kirim"), SEND), (_("Ubah"), EDIT), (_("Batal"), CANCEL)])


def _at_summary(turn: Turn, form: Form, state: dict[str, Any], choice: str | None) -> None:
    shown = form.shown(state["values"])
    if choice == SEND or (choice is None and turn.says(commands.YES)):
        _send(turn, form, state)
        return
    number = _field_number(turn.folded, len(shown))
    if number is not None:
        field = shown[number - 1]
        state["cursor"], state["editing"] = field.name, True
        current = field.display(state["values"].get(field.name))
        turn.say(_("Jawaban sekarang: {value}").format(value=current))
        _ask_cursor(turn, form, state)
        return
    if choice == EDIT or fold(turn.text).startswith(("ubah", "edit", "ganti")):
        turn.say(_("Ketik nomor bagian yang ingin diubah (1-{n}).").format(n=len(shown)))
        return
    turn.say(
        _("Pilih *Kirim* untuk mengirim, *Ubah* dengan nomornya untuk mengubah, atau *Batal*."),
        [(_("Kirim"), SEND), (_("Ubah"), EDIT), (_("Batal"), CANCEL)],
    )


def _send(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    """Hand the answers to the form's ``on_confirm``, identity numbers decrypted; an answer the final category
    no longer calls for (the last contact of a report that is no longer a lost contact) is not sent."""
    secret = {field.name for field in form.fields if field.secret}
    applying = {field.name for field in form.shown(state["values"])}
    values = {
        name: pii.decrypt(value) if name in secret and value is not None else value
        for name, value in state["values"].items()
        if name in applying
    }
    turn.data.pop("form", None)
    turn.goto("menu")
    turn.thread = list(state.get("messages", []))
    form.on_confirm(turn, values)


def _field_number(folded: str, count: int) -> int | None:
    for prefix in ("ubah", "edit", "ganti", "no", "nomor"):
        folded = folded.removeprefix(prefix).strip()
    return int(folded) if folded.isdigit() and 1 <= int(folded) <= count else None


def _back(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    if state["cursor"] == CONFIRM or state["editing"]:
        target = state["history"][-1] if state["history"] else form.fields[-1].name
        state["editing"] = False
    elif state["history"]:
        target = state["history"].pop()
    else:
        turn.say(_("Ini pertanyaan pertama. Ketik *batal* jika ingin berhenti."))
        _ask_cursor(turn, form, state)
        return
    state["values"].pop(target, None)
    state["cursor"] = target
    if target in state["history"]:
        state["history"].remove(target)
    _ask_cursor(turn, form, state)
