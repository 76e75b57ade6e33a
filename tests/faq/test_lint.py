from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from faq.kb import KNOWLEDGE_DIR
from faq.lint import lint_knowledge_base

CONTACTS = {"hotline": "0800-1000", "website": "https://example.org"}
TODAY = date(2026, 11, 28)


def make_topic(topic_id: str, asked: str, *variants: str, **overrides: Any) -> dict[str, Any]:
    topic = {
        "id": topic_id,
        "question": {"id": asked, "en": f"English for {topic_id}?"},
        "variants": {"id": list(variants)},
        "answer": {"id": "Jawaban. Hubungi {hotline}.", "en": "Answer. Call {hotline}."},
        "tags": ["tes"],
        "source": "UU 18/2017",
        "reviewed": "2026-11-01",
    }
    topic.update(overrides)
    return topic


def lint(tmp_path: Path, *topics: dict[str, Any], **options: Any) -> list[str]:
    (tmp_path / "kb.yaml").write_text(yaml.safe_dump({"topics": list(topics)}), encoding="utf-8")
    options.setdefault("contacts", CONTACTS)
    options.setdefault("today", TODAY)
    return lint_knowledge_base(tmp_path, **options)


def lint_one(tmp_path: Path, **overrides: Any) -> list[str]:
    return lint(tmp_path, make_topic("gaji", "Gaji saya tidak dibayar?", "gaji blm dibayar", **overrides))


def lint_pair(tmp_path: Path, first: str, second: str) -> list[str]:
    """Two topics, each with one variant."""
    return lint(tmp_path, make_topic("satu", "Topik satu?", first), make_topic("dua", "Topik dua?", second))


def test_a_complete_topic_is_clean(tmp_path: Path) -> None:
    assert lint_one(tmp_path) == []


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"question": {"id": "Gaji?"}}, "kb.yaml: gaji: missing English question"),
        ({"answer": {"id": "Jawaban."}}, "kb.yaml: gaji: missing English answer"),
        ({"answer": {"en": "Answer.", "id": ""}}, "kb.yaml: gaji: missing Indonesian answer"),
        ({"source": None}, "kb.yaml: gaji: missing source"),
        ({"reviewed": "2026-12-01"}, "kb.yaml: gaji: reviewed date 2026-12-01 is in the future"),
    ],
)
def test_missing_or_wrong_content_is_reported(
    tmp_path: Path, overrides: dict[str, Any], problem: str
) -> None:
    assert lint_one(tmp_path, **overrides) == [problem]


def test_load_errors_are_reported_and_the_other_topics_still_checked(tmp_path: Path) -> None:
    problems = lint(
        tmp_path,
        make_topic("gaji", "Gaji?", reviewed="kemarin"),
        make_topic("kontrak", "Kontrak?", source=""),
    )

    assert problems == [
        "kb.yaml: gaji: reviewed must be a date written YYYY-MM-DD, got 'kemarin'",
        "kb.yaml: kontrak: missing source",
    ]


def test_a_missing_review_date_is_reported(tmp_path: Path) -> None:
    assert lint_one(tmp_path, reviewed=None) == ["kb.yaml: gaji: missing reviewed date"]


def test_a_review_older_than_18_months_is_a_warning(tmp_path: Path) -> None:
    assert lint_one(tmp_path, reviewed="2025-05-01") == [
        "kb.yaml: gaji: warning: last reviewed 2025-05-01, over 18 months ago: check the facts,"
        " update the date"
    ]


def test_a_review_within_18_months_is_fine(tmp_path: Path) -> None:
    assert lint_one(tmp_path, reviewed="2025-06-15") == []


def test_an_unknown_placeholder_is_reported_with_the_known_ones(tmp_path: Path) -> None:
    problems = lint_one(tmp_path, answer={"id": "Telepon {hotlne}.", "en": "Visit {website}."})

    assert problems == [
        "kb.yaml: gaji: Indonesian answer: unknown placeholder {hotlne} (known: {hotline}, {website})"
    ]


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("Telepon {hotline.", "Indonesian answer: malformed braces"),
        ("Telepon hotline}.", "Indonesian answer: malformed braces"),
        ("Telepon {hotline!r}.", "Indonesian answer: malformed placeholder {hotline...}"),
        ("Telepon {hotline:>20}.", "Indonesian answer: malformed placeholder {hotline...}"),
    ],
)
def test_malformed_braces_are_reported(tmp_path: Path, answer: str, problem: str) -> None:
    [reported] = lint_one(tmp_path, answer={"id": answer, "en": "Call {hotline}."})

    assert reported.startswith(f"kb.yaml: gaji: {problem}")


def test_doubled_braces_are_literal_text_not_placeholders(tmp_path: Path) -> None:
    assert lint_one(tmp_path, answer={"id": "Tulis {{nama}} di formulir.", "en": "Call {hotline}."}) == []


def test_placeholders_default_to_the_configured_contacts(tmp_path: Path) -> None:
    answer = {"id": "Lihat {website_bpjs} atau {hotline_taiwan}.", "en": "Call {hotline_abroad}."}
    assert lint(tmp_path, make_topic("gaji", "Gaji?", answer=answer), contacts=None) == []


def test_answer_length_is_measured_after_filling_placeholders(tmp_path: Path) -> None:
    contacts = {"hotline": "x" * 20}
    fits_raw = "a" * 1585 + " {hotline}"  # 1595 characters as written, 1606 once filled

    problems = lint(
        tmp_path, make_topic("gaji", "Gaji?", answer={"id": fits_raw, "en": "Ok."}), contacts=contacts
    )

    assert problems == [
        "kb.yaml: gaji: Indonesian answer is 1606 characters after filling placeholders,"
        " over the limit of WhatsApp (1600)"
    ]


def test_an_answer_over_the_telegram_limit_names_both_channels(tmp_path: Path) -> None:
    [problem] = lint_one(tmp_path, answer={"id": "Ok.", "en": "a" * 4097})

    assert problem.endswith(
        "English answer is 4097 characters after filling placeholders, over the limit of"
        " WhatsApp (1600), Telegram (4096)"
    )


def test_an_answer_at_the_whatsapp_limit_is_fine(tmp_path: Path) -> None:
    assert lint_one(tmp_path, answer={"id": "a" * 1600, "en": "Ok."}) == []


def test_the_same_phrasing_in_two_topics_is_a_duplicate_despite_case_and_punctuation(tmp_path: Path) -> None:
    problems = lint(
        tmp_path,
        make_topic("gaji", "Gaji tidak dibayar?", "majikan gak bayar gaji"),
        make_topic("kabur", "Ingin kabur?", "Majikan gak bayar gaji!!"),
    )

    assert problems == [
        "kb.yaml: kabur: duplicate phrasing 'Majikan gak bayar gaji!!', also in kb.yaml: gaji"
    ]


def test_a_phrasing_repeated_within_a_topic_is_reported(tmp_path: Path) -> None:
    problems = lint(tmp_path, make_topic("gaji", "Gaji tidak dibayar?", "gaji tidak dibayar"))

    assert problems == ["kb.yaml: gaji: phrasing 'gaji tidak dibayar' is repeated"]


def test_the_same_text_in_two_languages_is_not_a_duplicate(tmp_path: Path) -> None:
    topic = make_topic("bpjs", "BPJS?", variants={"id": ["klaim bpjs online"], "en": ["klaim bpjs online"]})

    assert lint(tmp_path, topic) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("what does BPJS cover for migrant workers", "what else does BPJS cover for migrant workers"),
        ("gaji sy blm dibayar majikan", "gaji sy blum dibayar majikan"),
        ("paspor ditahan majikan", "paspor sy ditahan sama majikan"),
    ],
)
def test_near_duplicate_phrasings_across_topics_are_reported(tmp_path: Path, first: str, second: str) -> None:
    [problem] = lint_pair(tmp_path, first, second)

    assert problem.startswith(
        f"kb.yaml: dua: phrasing {second!r} is nearly the same as {first!r} in kb.yaml:"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Gaji saya tidak dibayar majikan, apa yang harus saya lakukan?",
            "Paspor saya ditahan majikan atau agensi, apa yang harus saya lakukan?",
        ),
        ("my employer beats me", "my employer never gives me a day off"),
        ("cara klaim bpjs tk pmi gmn", "cek kartu bpjs tk aktif atau nggak"),
    ],
)
def test_distinct_phrasings_sharing_words_are_not_near_duplicates(
    tmp_path: Path, first: str, second: str
) -> None:
    assert lint_pair(tmp_path, first, second) == []


def test_similar_phrasings_within_one_topic_are_fine(tmp_path: Path) -> None:
    assert lint(tmp_path, make_topic("gaji", "Gaji?", "gaji blm dibayar", "gaji belum dibayar")) == []


def test_the_shipped_knowledge_base_lints_clean() -> None:
    assert lint_knowledge_base(KNOWLEDGE_DIR) == []
