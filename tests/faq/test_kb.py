from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from faq.kb import KNOWLEDGE_DIR, KnowledgeBaseError, Topic, load_knowledge_base


def make_topic(topic_id: str = "biaya-penempatan", **overrides: Any) -> dict[str, Any]:
    topic = {
        "id": topic_id,
        "question": {"id": "Berapa biaya penempatan?", "en": "How much is the placement fee?"},
        "variants": {"id": ["brp biaya jd tkw", "bayar gak ke PT"], "en": ["do I pay the agency"]},
        "answer": {"id": "Tidak ada biaya. Hubungi {hotline}.", "en": "No fee. Call {hotline}."},
        "tags": ["biaya"],
        "source": "UU 18/2017 pasal 30",
        "reviewed": "2026-11-28",
    }
    topic.update(overrides)
    return topic


def write(directory: Path, name: str, *topics: dict[str, Any]) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"topics": list(topics)}, allow_unicode=True), encoding="utf-8")
    return path


def load_error(directory: Path) -> KnowledgeBaseError:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(directory)
    return caught.value


def test_a_topic_is_read_with_both_languages(tmp_path: Path) -> None:
    write(tmp_path, "costs.yaml", make_topic())

    topic = load_knowledge_base(tmp_path).topic("biaya-penempatan")

    assert topic == Topic(
        id="biaya-penempatan",
        question={"id": "Berapa biaya penempatan?", "en": "How much is the placement fee?"},
        variants={"id": ("brp biaya jd tkw", "bayar gak ke PT"), "en": ("do I pay the agency",)},
        answer={"id": "Tidak ada biaya. Hubungi {hotline}.", "en": "No fee. Call {hotline}."},
        tags=("biaya",),
        source="UU 18/2017 pasal 30",
        reviewed=date(2026, 11, 28),
    )


def test_an_unknown_topic_is_a_key_error(tmp_path: Path) -> None:
    write(tmp_path, "costs.yaml", make_topic())

    with pytest.raises(KeyError):
        load_knowledge_base(tmp_path).topic("tidak-ada")


def test_entries_answer_in_indonesian_and_recognise_every_other_phrasing(tmp_path: Path) -> None:
    write(tmp_path, "costs.yaml", make_topic())

    [entry] = load_knowledge_base(tmp_path).entries()

    assert entry.id == "biaya-penempatan"
    assert entry.question == "Berapa biaya penempatan?"
    assert entry.variants == (
        "brp biaya jd tkw",
        "bayar gak ke PT",
        "How much is the placement fee?",
        "do I pay the agency",
    )
    assert entry.answer == "Tidak ada biaya. Hubungi {hotline}."
    assert entry.tags == ("biaya",)


def test_every_yaml_file_under_the_directory_is_read_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", make_topic("kedua"))
    write(tmp_path, "a.yaml", make_topic("pertama"))
    write(tmp_path, "sub/c.yaml", make_topic("ketiga"))
    (tmp_path / "notes.txt").write_text("not a knowledge file", encoding="utf-8")

    kb = load_knowledge_base(tmp_path)

    assert [topic.id for topic in kb.topics] == ["pertama", "kedua", "ketiga"]


def test_missing_optional_parts_load_as_empty(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", make_topic(variants=None, tags=None, source=None, answer={"id": "Jawaban."}))

    topic = load_knowledge_base(tmp_path).topic("biaya-penempatan")

    assert (topic.variants, topic.tags, topic.source, topic.answer) == ({}, (), "", {"id": "Jawaban."})


def test_blank_variant_lines_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", make_topic(variants={"id": ["brp biaya", None, "  "], "en": []}))

    assert load_knowledge_base(tmp_path).topic("biaya-penempatan").variants == {
        "id": ("brp biaya",),
        "en": (),
    }


def test_a_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", make_topic())
    second = write(tmp_path, "b.yaml", make_topic())

    error = load_error(tmp_path)

    assert error.file == second
    assert error.message == "biaya-penempatan: duplicate id, already used in a.yaml"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id": None}, "topic #1: missing id"),
        ({"id": "Biaya Penempatan"}, "Biaya Penempatan: id must be kebab-case"),
        ({"question": None}, "biaya-penempatan: missing Indonesian question"),
        ({"question": {"en": "Only English?"}}, "biaya-penempatan: missing Indonesian question"),
        ({"question": "Berapa biaya?"}, "biaya-penempatan: question must map languages to text"),
        ({"answer": {"in": "Typo"}}, "biaya-penempatan: answer: unknown language(s) in"),
        ({"variants": ["brp biaya"]}, "biaya-penempatan: variants must map languages to text"),
        ({"variants": {"id": "brp biaya"}}, "biaya-penempatan: variants.id must be a list"),
        ({"tags": [2024]}, "biaya-penempatan: tags must be text"),
        ({"anwser": {"id": "Typo"}}, "biaya-penempatan: unknown field(s) anwser"),
        ({"reviewed": None}, "biaya-penempatan: missing reviewed date"),
        ({"reviewed": "28-11-2026"}, "biaya-penempatan: reviewed must be a date written YYYY-MM-DD"),
        ({"reviewed": "2026-02-30"}, "biaya-penempatan: reviewed must be a date written YYYY-MM-DD"),
    ],
)
def test_malformed_topics_are_refused_with_the_topic_and_the_reason(
    tmp_path: Path, overrides: dict[str, Any], message: str
) -> None:
    file = write(tmp_path, "costs.yaml", make_topic(**overrides))

    error = load_error(tmp_path)

    assert error.file == file
    assert error.message.startswith(message)


def test_an_unquoted_date_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "topics:\n  - id: a\n    question: {id: 'Apa?'}\n    reviewed: 2026-11-28\n", encoding="utf-8"
    )

    assert load_knowledge_base(tmp_path).topic("a").reviewed == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("topics: [unclosed", "not valid YAML"),
        ("- id: a\n", "expected a list under 'topics:'"),
        ("", "expected a list under 'topics:'"),
        ("topics:\n  - just text\n", "topic #1: expected a mapping"),
    ],
)
def test_malformed_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "broken.yaml").write_text(content, encoding="utf-8")

    assert load_error(tmp_path).message.startswith(message)


def test_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nowhere").message == "not a directory"


def test_the_shipped_knowledge_base_covers_at_least_60_topics_in_both_languages() -> None:
    kb = load_knowledge_base(KNOWLEDGE_DIR)

    assert len(kb.topics) >= 60
    for topic in kb.topics:
        for lang in ("id", "en"):
            assert topic.question.get(lang), (topic.id, lang)
            assert topic.answer.get(lang), (topic.id, lang)
            assert len(topic.answer[lang]) <= 1000, (topic.id, lang)
        assert 4 <= len(topic.variants.get("id", ())) <= 8, topic.id
        assert 1 <= len(topic.variants.get("en", ())) <= 3, topic.id
        assert topic.tags and topic.source, topic.id
    assert len(kb.entries()) == len(kb.topics)
