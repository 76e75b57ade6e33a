"""The knowledge base in the database: seeded from the shipped YAML, edited with a revision per change, picked
up by the bot at once in the process that changed it and by the others at their next check, and moved in and out
as YAML."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot.db import session_scope
from bot.models import FaqTopic, FaqTopicRevision
from faq import store
from faq.kb import KNOWLEDGE_DIR, load_knowledge_base, parse_document
from faq.service import FaqService
from tests.support import Chat

NEW = {
    "id": "asuransi-nelayan",
    "question": {
        "id": "Bagaimana klaim asuransi kecelakaan nelayan kapal ikan?",
        "en": "Fishing crew accident claim?",
    },
    "variants": {"id": ["klaim asuransi abk kapal ikan gimana caranya"]},
    "answer": {"id": "Hubungi {hotline} untuk klaim JKK.", "en": "Call {hotline} to claim."},
    "tags": ["bpjs"],
    "source": "test",
    "reviewed": "2026-12-01",
}
QUESTION = "klaim asuransi abk kapal ikan gimana caranya"


def test_an_empty_database_is_seeded_with_the_shipped_knowledge_base() -> None:
    shipped = {topic.id for topic in load_knowledge_base(KNOWLEDGE_DIR).topics}
    with session_scope() as session:
        assert set(session.exec(select(FaqTopic.id))) == shipped
        assert {r.actor for r in session.exec(select(FaqTopicRevision))} == {store.SEED_ACTOR}
    assert store.seed_if_empty() == 0  # already seeded: nothing twice


def test_an_edit_is_answered_at_once_and_kept_in_the_history() -> None:
    chat = Chat()
    chat.consent()
    chat.send(QUESTION)
    assert "JKK" not in chat.text
    with session_scope() as session:
        assert store.save(session, parse_document(NEW), "officer:7", note="new entry")
        assert not store.save(session, parse_document(NEW), "officer:7")  # no change, no revision
    chat.send(QUESTION)
    assert "untuk klaim JKK" in chat.text and "0800-1000" in chat.text
    with session_scope() as session:
        assert [(r.actor, r.note) for r in store.history(session, "asuransi-nelayan")] == [
            ("officer:7", "new entry")
        ]
        store.remove(session, "asuransi-nelayan", "officer:7")
        assert [r.document is None for r in store.history(session, "asuransi-nelayan")] == [True, False]
    chat.send(QUESTION)
    assert "untuk klaim JKK" not in chat.text


def test_another_process_change_is_picked_up_at_the_next_check() -> None:
    service = FaqService(check_every=0.0)
    assert service.match(QUESTION).id != "asuransi-nelayan"
    with session_scope() as session:  # as another worker would write it: this process is not told
        session.add(FaqTopic(id=NEW["id"], document=NEW))
        session.add(FaqTopicRevision(topic_id=NEW["id"], document=NEW, actor="officer:9"))
    assert service.match(QUESTION).id == "asuransi-nelayan"


def test_export_then_import_changes_nothing_and_a_new_file_adds_its_topic(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "kb.yaml"
    exported = runner.invoke(cli, ["faq", "export", "--output", str(path)])
    assert exported.exit_code == 0, exported.output
    again = runner.invoke(cli, ["faq", "import", str(path)])
    assert again.exit_code == 0
    assert f"0 added, 0 changed, {len(load_knowledge_base(KNOWLEDGE_DIR).topics)} unchanged" in again.output
    (tmp_path / "new.yaml").write_text(
        yaml.safe_dump({"topics": [NEW]}, allow_unicode=True), encoding="utf-8"
    )
    added = runner.invoke(cli, ["faq", "import", str(tmp_path / "new.yaml")])
    assert "added    asuransi-nelayan" in added.output
    with session_scope() as session:
        assert store.topic(session, "asuransi-nelayan") is not None


def test_an_invalid_file_imports_nothing(tmp_path: Path) -> None:
    broken = {**NEW, "id": "Not Kebab"}
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump({"topics": [NEW, broken]}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["faq", "import", str(tmp_path / "bad.yaml")])
    assert result.exit_code != 0 and "nothing was imported" in result.output
    with session_scope() as session:
        assert store.topic(session, "asuransi-nelayan") is None
