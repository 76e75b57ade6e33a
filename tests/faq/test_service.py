from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from faq.service import FaqService, get_faq_service

NEW_TOPIC = {
    "id": "asuransi-kecelakaan",
    "question": "Bagaimana klaim asuransi kecelakaan kerja di kapal ikan?",
    "variants": ["Nelayan kapal ikan kecelakaan di laut, klaimnya bagaimana?"],
    "answer": "Hubungi {hotline}.",
    "tags": ["klaim"],
}


def test_matches_against_the_knowledge_directory(knowledge_dir: Path) -> None:
    service = FaqService(knowledge_dir)
    assert service.match("gajiku blm dibayar 3 bln").id == "gaji-tidak-dibayar"
    assert service.match("resep rendang padang").outcome == "unknown"


def test_answer_fills_contacts_and_falls_back_to_indonesian(knowledge_dir: Path) -> None:
    service = FaqService(knowledge_dir)
    answer = service.answer("gaji-tidak-dibayar", "id")
    assert "{hotline}" not in answer
    assert "0800-1000" in answer  # from bot/defaults/helpdesk.yaml
    assert service.answer("gaji-tidak-dibayar", "en").startswith("EN: ")
    assert service.answer("gaji-tidak-dibayar", "jv") == answer


def test_question_in_the_requested_language(knowledge_dir: Path, faq_items: list[dict]) -> None:
    service = FaqService(knowledge_dir)
    question = next(item["question"] for item in faq_items if item["id"] == "ingin-pulang")
    assert service.question("ingin-pulang", "id") == question
    assert service.question("ingin-pulang", "en") == f"EN: {question}"


def test_index_is_reused_while_files_are_unchanged(knowledge_dir: Path) -> None:
    service = FaqService(knowledge_dir)
    service.match("gaji")  # built on first use
    matcher = service._matcher
    service.match("gaji")
    assert service._matcher is matcher


def test_new_knowledge_file_is_picked_up_without_restart(
    knowledge_dir: Path, write_knowledge: Callable[[Path, str, list[dict]], Path]
) -> None:
    service = FaqService(knowledge_dir)
    query = "nelayan kapal ikan kecelakaan di laut"
    assert service.match(query).id != "asuransi-kecelakaan"
    write_knowledge(knowledge_dir, "extra.yaml", [NEW_TOPIC])
    assert service.match(query).id == "asuransi-kecelakaan"
    assert "0800-1000" in service.answer("asuransi-kecelakaan", "id")


def test_edited_knowledge_file_is_reloaded(
    knowledge_dir: Path, faq_items: list[dict], write_knowledge: Callable[[Path, str, list[dict]], Path]
) -> None:
    service = FaqService(knowledge_dir)
    path = write_knowledge(knowledge_dir, "main.yaml", [NEW_TOPIC, *faq_items[1:]])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # coarse file-system clocks
    assert service.match("gajiku blm dibayar 3 bln").id != "gaji-tidak-dibayar"


def test_process_wide_service_is_shared() -> None:
    assert get_faq_service() is get_faq_service()
