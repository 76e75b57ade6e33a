"""The knowledge base in the console: supervisors edit entries (checked like the YAML, with history), try a
question and see how it ranks, and turn the questions people asked into phrasings; the bot answers the change at
once. Officers cannot edit."""

from __future__ import annotations

from sqlmodel import select

from bot.db import session_scope
from bot.models import FaqQuestion
from faq import store
from tests.desk.conftest import add_officer, csrf_of
from tests.support import Chat

FIELDS = {
    "id": "klaim-nelayan",
    "question_id": "Bagaimana klaim asuransi awak kapal ikan?",
    "question_en": "How does fishing crew claim insurance?",
    "variants_id": "klaim asuransi abk kapal ikan gimana caranya\nabk kapal mau klaim",
    "variants_en": "",
    "answer_id": "Klaim lewat BPJS Ketenagakerjaan: hubungi {hotline}.",
    "answer_en": "Claim through BPJS Ketenagakerjaan: call {hotline}.",
    "tags": "bpjs, kapal",
    "source": "uji",
    "reviewed": "2026-12-01",
}


def test_a_supervisor_adds_an_entry_the_bot_answers_at_once_with_its_history(console) -> None:
    add_officer("sari", role="supervisor")
    view = console("sari")
    form = view.get("/console/faq/new")
    saved = view.client.post(
        "/console/faq/new",
        data={"csrf": csrf_of(form.text), **FIELDS, "note": "entri baru"},
        follow_redirects=True,
    )
    assert saved.status_code == 200
    assert "entri baru" in saved.text  # the history names the change
    chat = Chat()
    chat.consent()
    chat.send("klaim asuransi abk kapal ikan gimana caranya")
    assert "Klaim lewat BPJS Ketenagakerjaan" in chat.text and "0800-1000" in chat.text
    tried = view.get("/console/faq", params={"try": "abk kapal mau klaim"})
    assert "Dijawab langsung dengan entri klaim-nelayan." in tried.text


def test_an_invalid_entry_is_refused_with_the_reason_and_kept_in_the_form(console) -> None:
    add_officer("sari", role="supervisor")
    view = console("sari")
    form = view.get("/console/faq/new")
    refused = view.client.post(
        "/console/faq/new",
        data={"csrf": csrf_of(form.text), **FIELDS, "id": "Bukan Kode", "reviewed": "kemarin"},
    )
    assert "Belum bisa disimpan" in refused.text and "kebab-case" in refused.text
    assert "klaim asuransi abk kapal ikan gimana caranya" in refused.text  # nothing typed is lost
    with session_scope() as session:
        assert store.topic(session, "Bukan Kode") is None


def test_a_question_that_did_not_help_becomes_a_phrasing_in_one_click(console) -> None:
    chat = Chat()
    chat.consent()
    chat.send("kalo mau ngurus kartu pmi yg ilang kmn ya 081234567890")
    with session_scope() as session:
        question = session.exec(select(FaqQuestion)).one()
        question.outcome, question.helpful = "answer", False
        session.add(question)
    add_officer("sari", role="supervisor")
    view = console("sari")
    page = view.get("/console/faq/learn")
    assert "kartu pmi yg ilang" in page.text
    assert "081234567890" not in page.text  # personal data masked
    with session_scope() as session:
        topic_id = store.knowledge_base(session).topics[0].id
    view.client.post(
        "/console/faq/learn",
        data={"csrf": csrf_of(page.text), "question_id": str(question.id), "topic_id": topic_id},
    )
    with session_scope() as session:
        phrasings = store.topic(session, topic_id).variants["id"]
    assert any("kartu pmi yg ilang" in p and "081234567890" not in p for p in phrasings)
    assert "kartu pmi yg ilang" not in view.get("/console/faq/learn").text  # learned: the group is gone


def test_officers_cannot_edit_the_knowledge_base(console) -> None:
    add_officer("budi")
    assert console("budi").get("/console/faq").status_code == 403
