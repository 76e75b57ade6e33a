"""Normalisation of informal Indonesian chat text, with the one shared vocabulary (``vocabulary.yaml``).

The pipeline, on top of :func:`nlu.text.fold`:

1. split numbers glued to units ("25jt" -> "25 jt") and write out reduplication ("megang2" -> "megang megang");
2. rewrite slang, abbreviations, Javanese/Malay forms and typos with the curated lexicon (``vocabulary.yaml``),
   phrases before single words; a phrase may span up to two filler words ("visa ku udh mati" = "visa mati");
3. repair doubled final letters ("tahann", "gajii") and glued particles ("kekampung") when the repaired
   form is a known word;
4. map members of a concept group to the group's head word ("upah", "bayaran", "salary" -> "gaji"), so that
   paraphrases share words (twice, so that a phrase of heads is found: "boss lain" -> "majikan lain");
5. drop stop words, and count a word repeated in a row once.

Stemming is deliberately light (:func:`stem`): particles, possessives and the common verb affixes, and only
when the stripped form is a known word, so "meninggal" never becomes "tinggal".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from nlu.text import fold, words

LEXICON_PATH = Path(__file__).resolve().parent / "vocabulary.yaml"

_NAME = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)?")  # Capitalised word: a proper name inside a sentence
_ANY_NAME = re.compile(r"\S\s+\W*[A-Z][a-z]")  # a Capitalised word after the first
_SENTENCE_END = re.compile(r"[.!?:]$")
_GLUED_NUMBER = re.compile(r"\b(\d+)([^\W\d_]{2,})\b")
_REDUPLICATION = re.compile(r"^([a-z]{2,})2(nya|an|ku|mu|in)?$")
_CLITICS = ("nya", "ku", "mu", "lah", "kah", "pun")
_SUFFIXES = ("kan", "an", "in", "i")
_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "pe",
    "nge",
    "ng",
    "ny",
    "di",
    "ber",
    "ter",
    "per",
    "ke",
    "se",
)
_MIN_STEM = 3
_ANSWER_FILLER = frozenset(
    {"saya", "kamu", "kami", "dia", "yang", "itu", "ini", "saja", "juga", "sih", "dong", "deh", "kok", "lah",
     "kah", "pun", "nya", "kak", "min", "gan", "sis", "bro", "yah", "the", "a", "an", "i", "my", "is", "am"}
)  # fmt: skip
"""Words dropped from form answers: pronouns, particles and forms of address. Not the FAQ's stop words, which
also drop what decides an answer ("tidak", "sudah", "ibu", "orang tua")."""
_PARTICLES = frozenset({"nya", "ne", "sih", "dong", "deh", "kok", "lho", "loh"})  # break phrases if kept


@dataclass(frozen=True)
class Lexicon:
    """The curated dictionary, already folded.

    ``slang`` maps one or more folded words to their standard replacement words; ``concepts`` maps a
    member (one or more words) to its head word; ``stopwords`` are dropped; ``keep`` are words never stemmed;
    ``places`` are the standard names of countries, regions and cities (one or more words).
    """

    slang: dict[tuple[str, ...], tuple[str, ...]]
    concepts: dict[tuple[str, ...], str]
    stopwords: frozenset[str]
    keep: frozenset[str]
    max_phrase: int = 1
    places: frozenset[tuple[str, ...]] = frozenset()

    @property
    def words(self) -> frozenset[str]:
        """Every standard word the lexicon knows, for the repairs that need a vocabulary."""
        known: set[str] = set(self.keep) | self.stopwords
        for target in self.slang.values():
            known.update(target)
        for member, head in self.concepts.items():
            known.update(member)
            known.add(head)
        return frozenset(known)


def _phrase(text: object) -> tuple[str, ...]:
    if not isinstance(text, str):  # YAML reads a bare no/off/yes as a boolean
        raise ValueError(f"lexicon entries must be strings, quote {text!r}")
    return tuple(words(fold(text)))


def _add(table: dict, key: tuple[str, ...], value: object, section: str) -> None:
    if table.get(key, value) != value:
        raise ValueError(f"{section}: {' '.join(key)!r} maps to both {table[key]!r} and {value!r}")
    table[key] = value


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@cache
def vocabulary_section(name: str) -> Any:
    """One section of ``vocabulary.yaml`` as written: the sections the lexicon itself does not use (command
    words, choice synonyms, words that are not names) are read by their own small modules."""
    return _read(LEXICON_PATH).get(name) or {}


@cache
def default_normalizer() -> Normalizer:
    """A normalizer over the shared lexicon alone (no index vocabulary), for short form answers."""
    return Normalizer(load_lexicon(), frozenset())


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read ``vocabulary.yaml`` (format documented at its top)."""
    data = _read(path)
    slang: dict[tuple[str, ...], tuple[str, ...]] = {}
    for target, sources in (data.get("slang") or {}).items():
        replacement = _phrase(target)
        for source in sources:
            _add(slang, _phrase(source), replacement, "slang")
        if len(replacement) > 1:  # the standard phrase itself, so its words are not rewritten one by one
            slang.setdefault(replacement, replacement)
    concepts: dict[tuple[str, ...], str] = {}
    for head, members in (data.get("concepts") or {}).items():
        head_words = _phrase(head)
        if len(head_words) != 1:
            raise ValueError(f"concept head must be one word: {head!r}")
        for member in {head, *members}:
            _add(concepts, _phrase(member), head_words[0], "concepts")
    phrases = [*slang, *concepts]
    return Lexicon(
        slang=slang,
        concepts=concepts,
        stopwords=frozenset(w for s in data.get("stopwords") or () for w in _phrase(s)),
        keep=frozenset(w for s in data.get("keep") or () for w in _phrase(s)),
        places=frozenset(_phrase(p) for p in data.get("places") or ()),
        max_phrase=max((len(p) for p in phrases), default=1),
    )


_MAX_SKIPPED = 2  # filler words a phrase may span ("visa ku udah mati" is "visa mati")


def _replace_phrases(
    tokens: list[str],
    table: dict[tuple[str, ...], tuple[str, ...]],
    longest: int,
    stems: list[str] | None = None,
    filler: frozenset[str] = frozenset(),
    starts: frozenset[str] = frozenset(),
) -> list[str]:
    """Greedy longest-first phrase replacement; with ``stems``, a phrase also matches through the stems
    of the text (lexicon members are base forms, so "dipukul" finds "pukul"). A phrase of content words
    also matches with up to two ``filler`` words (pronouns, "sudah", particles) between its words (tried only
    from ``starts``, the first words of the table's phrases)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            if n == 1 and filler and tokens[i] in starts:  # a phrase across filler words beats a single word
                span = _gapped_phrase(tokens, i, table, longest, filler)
                if span is not None:
                    out.extend(span[0])
                    i = span[1]
                    break
            replacement = table.get(tuple(tokens[i : i + n]))
            if replacement is None and stems is not None:
                replacement = table.get(tuple(stems[i : i + n]))
            if replacement is not None:
                out.extend(replacement)
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _gapped_phrase(
    tokens: list[str],
    start: int,
    table: dict[tuple[str, ...], tuple[str, ...]],
    longest: int,
    filler: frozenset[str],
) -> tuple[tuple[str, ...], int] | None:
    """The longest phrase of content words starting at ``start`` with filler words between them, and the
    position after it; None when there is none (or no filler was skipped: the plain match covers that)."""
    if tokens[start] in filler:
        return None
    words, ends, skipped, j = [tokens[start]], [start + 1], 0, start + 1
    while j < len(tokens) and len(words) < longest:
        if tokens[j] in filler:
            skipped += 1
            if skipped > _MAX_SKIPPED:
                break
        else:
            words.append(tokens[j])
            ends.append(j + 1)
        j += 1
    for n in range(len(words), 1, -1):
        replacement = table.get(tuple(words[:n]))
        if replacement is not None and ends[n - 1] - start > n:
            return replacement, ends[n - 1]
    return None


@dataclass
class Normalizer:
    """Turns folded chat text into normalised words, given the lexicon and the words the index knows."""

    lexicon: Lexicon
    vocabulary: frozenset[str] = frozenset()
    _known: frozenset[str] = field(init=False, repr=False)
    _concepts: dict[tuple[str, ...], tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._known = self.lexicon.words | self.vocabulary
        self._concepts = {member: (head,) for member, head in self.lexicon.concepts.items()}
        self._cache: dict[str, tuple[str, ...]] = {}
        # words a phrase may span: stop words, and informal spellings of stop words ("udh", "ku")
        stop = self.lexicon.stopwords
        self._slang_starts = frozenset(k[0] for k in self.lexicon.slang if len(k) > 1)
        self._concept_starts = frozenset(k[0] for k in self._concepts if len(k) > 1)
        self._filler = stop | {s[0] for s, t in self.lexicon.slang.items() if len(s) == 1 and set(t) <= stop}
        # place names no phrasing mentions: where the writer is, not what the question is about
        self._places = {p: () for p in self.lexicon.places if not set(p) <= self.vocabulary}
        self._longest_place = max(map(len, self._places), default=0)

    def is_known(self, word: str) -> bool:
        return word in self._known or (word,) in self.lexicon.slang

    def strip_names(self, text: str) -> str:
        """``text`` without the proper names in it: Capitalised words inside a sentence that neither the
        lexicon nor the index knows ("pesan meja di Kafe Tupelo Honey", "cuaca di Suwanee"). A name says
        which one, not what about, and as an unknown word it would count against every entry. Only when
        capitals are informative: words that start a sentence, ALL-CAPS acronyms (SIM, CPNS) and messages
        written mostly in Title Case are kept."""
        if not _ANY_NAME.search(text):
            return text
        parts = text.split()
        inside = [k > 0 and not _SENTENCE_END.search(parts[k - 1]) for k in range(len(parts))]
        names = [inside[k] and bool(_NAME.fullmatch(p.strip(".,!?;:()\"'"))) for k, p in enumerate(parts)]
        if not any(names):
            return text
        unknown = [names[k] and not any(map(self.is_known, words(fold(p)))) for k, p in enumerate(parts)]
        # Title Case writing: most of the other words inside sentences are capitalised too
        ordinary = [names[k] for k in range(len(parts)) if inside[k] and not unknown[k]]
        if ordinary and sum(ordinary) * 2 >= len(ordinary):
            return text
        kept = [p for k, p in enumerate(parts) if not unknown[k]]
        return " ".join(kept) if kept else text

    def tokens(self, text: str) -> list[str]:
        """Folded words with numbers split from units and reduplication undone (no lexicon yet)."""
        folded = fold(_GLUED_NUMBER.sub(r"\1 \2", text.replace("-", " ")))
        out: list[str] = []
        for token in words(folded):
            match = None if self.is_known(token) else _REDUPLICATION.match(token)
            if match:
                base, suffix = match.groups()
                out.extend([base, base, suffix] if suffix else [base, base])
            else:
                out.append(token)
        return out

    def repair(self, token: str) -> tuple[str, ...]:
        """Fix one unknown token: doubled last letter, glued "ke"/"di"/"aku" in front, or a stem."""
        if self.is_known(token) or not token.isalpha():
            return (token,)
        if len(token) > 3 and token[-1] == token[-2] and self.is_known(token[:-1]):
            return (token[:-1],)
        for glued in ("ke", "di", "aku", "sy", "ga", "gak"):
            rest = token[len(glued) :]
            if token.startswith(glued) and len(rest) >= 4 and self.is_known(rest):
                return (glued, rest)
        for candidate in stem_candidates(token, self.lexicon.keep):
            # a short stem that is only a chat spelling is a coincidence: "pendek" is not "pen" + "dek" (adik)
            if candidate in self._known or (len(candidate) > _MIN_STEM and self.is_known(candidate)):
                return (candidate,)
        return (token,)

    def normalize(self, text: str) -> tuple[str, ...]:
        """Normalised content words of ``text`` (cached: chat queries repeat)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        lex = self.lexicon
        tokens = self._standard_words(text)
        for _ in range(2):  # twice: a phrase may be made of concept heads ("boss lain" -> "majikan lain")
            replaced = _replace_phrases(
                tokens,
                self._concepts,
                lex.max_phrase,
                self.stems(tokens),
                lex.stopwords,
                self._concept_starts,
            )
            if replaced == tokens:
                break
            tokens = replaced
            if not any(t in self._concept_starts for t in tokens):
                break
        if self._places:
            tokens = _replace_phrases(tokens, self._places, self._longest_place)
        content = [t for t in tokens if t not in lex.stopwords and not t.isdigit()]
        # a repeated word ("megang2", two members of one concept side by side) counts once
        result = tuple(t for k, t in enumerate(content) if k == 0 or t != content[k - 1])
        if len(self._cache) < 50_000:
            self._cache[text] = result
        return result

    def _standard_words(self, text: str) -> list[str]:
        """Steps 1-3 of the pipeline: tokens, repairs and the slang table (no concepts, nothing dropped)."""
        lex = self.lexicon
        tokens = [t for t in self.tokens(text) if t not in _PARTICLES]
        tokens = [part for token in tokens for part in self.repair(token)]
        tokens = _replace_phrases(
            tokens, lex.slang, lex.max_phrase, filler=self._filler, starts=self._slang_starts
        )
        return [part for token in tokens for part in self.repair(token)]

    def answer_words(self, text: str) -> tuple[str, ...]:
        """The standard words of a short answer to a form question: slang rewritten and typos repaired like
        :meth:`normalize`, but without concept heads (they would merge "suami" and "ibu" into "keluarga")
        and dropping only fillers (``_ANSWER_FILLER``): "tidak aman" is not "aman"."""
        return tuple(t for t in self._standard_words(text) if t not in _ANSWER_FILLER)

    def stems(self, tokens: Iterable[str]) -> list[str]:
        """Stems for the word-level index; concept heads and ``keep`` words stay whole."""
        return [stem(t, self.lexicon.keep) for t in tokens]


# the initial consonant a nasal prefix swallowed before a vowel ("menulis" <- "tulis", "nyari" <- "cari")
_NASAL_PREFIXES = {"meny": "s", "peny": "s", "ny": "sc", "men": "t", "pen": "t", "mem": "p", "pem": "p"}


@cache
def stem_candidates(word: str, keep: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Possible stems of ``word``, least stripped first (clitic, then prefix, then suffix), never below three
    letters; words in ``keep`` have none. The last candidate is the fully stripped stem."""
    if word in keep or len(word) <= _MIN_STEM + 2 or not word.isalpha():
        return ()
    candidates: list[str] = []
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= _MIN_STEM:
            word = word[: -len(clitic)]
            candidates.append(word)
            break
    if word in keep:
        return tuple(candidates)
    bases = [word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) > _MIN_STEM:
            bases.append(word[: -len(suffix)])
            break
    for base in bases:
        shortest = _MIN_STEM if base is word else _MIN_STEM + 1  # "dijamin" is not "jam"
        if base is not word:
            candidates.append(base)
        for prefix in _PREFIXES:
            rest = base[len(prefix) :]
            if base.startswith(prefix) and len(rest) >= shortest:
                initials = _NASAL_PREFIXES.get(prefix, "") if rest[0] in "aiueo" or prefix in {"ny"} else ""
                candidates.extend([initial + rest for initial in initials] or [rest])
                break
    return tuple(dict.fromkeys(candidates))


def stem(word: str, keep: frozenset[str] = frozenset()) -> str:
    """Light Indonesian stem: one clitic, one suffix, one prefix.

    Over-stemming is harmless for comparison because both sides go through the same function, and words in
    ``keep`` (meninggal, pesangon, ...) stay whole.
    """
    candidates = stem_candidates(word, keep)
    return candidates[-1] if candidates else word
