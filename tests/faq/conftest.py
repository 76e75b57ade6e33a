"""A small FAQ in both formats the matcher reads: the flat evaluation format and the knowledge directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from faq.entries import Entry

FAQ = [
    {
        "id": "gaji-tidak-dibayar",
        "question": "Apa yang harus dilakukan jika gaji tidak dibayar oleh majikan?",
        "variants": ["Ke mana mengadu jika upah tidak dibayar?", "Bagaimana melaporkan gaji yang terlambat?"],
        "answer": "Catat bulan yang belum dibayar dan hubungi {hotline}.",
        "tags": ["gaji"],
    },
    {
        "id": "dokumen-ditahan",
        "question": "Bagaimana jika paspor saya ditahan majikan atau agensi?",
        "variants": ["Apakah majikan boleh menyimpan paspor pekerja?"],
        "answer": "Paspor adalah milik Anda; majikan tidak boleh menahannya.",
        "tags": ["dokumen"],
    },
    {
        "id": "ingin-pulang",
        "question": "Bagaimana jika saya ingin pulang ke Indonesia?",
        "variants": ["Siapa yang membiayai tiket pulang PMI?"],
        "answer": "Tanyakan isi kontrak tentang tiket pulang.",
        "tags": ["pemulangan"],
    },
    {
        "id": "perpanjang-kontrak",
        "question": "Bagaimana cara memperpanjang kontrak kerja dengan majikan yang sama?",
        "variants": ["Apa yang perlu diurus jika ingin lanjut kontrak?"],
        "answer": "Perpanjangan kontrak harus disahkan.",
        "tags": ["kontrak"],
    },
    {
        "id": "pemutusan-kontrak",
        "question": "Apa hak PMI jika kontrak kerjanya diputus sepihak oleh majikan?",
        "variants": ["Bagaimana jika saya di-PHK sebelum kontrak selesai?"],
        "answer": "Anda berhak atas gaji yang belum dibayar.",
        "tags": ["kontrak"],
    },
    {
        "id": "kirim-uang",
        "question": "Bagaimana cara mengirim uang ke keluarga di Indonesia dengan aman?",
        "variants": ["Lewat mana sebaiknya PMI mentransfer gaji ke kampung?"],
        "answer": "Gunakan bank atau layanan remitansi berizin.",
        "tags": ["remitansi"],
    },
]

CASES = [
    {"q": "gajiku blm dibayar 3 bln", "expect": "gaji-tidak-dibayar"},
    {"q": "majikan tahan paspor sy gmn", "expect": "dokumen-ditahan"},
    {"q": "pengin mulih wae", "expect": "ingin-pulang"},
    {"q": "resep rendang padang yg empuk gmn", "expect": None},
]


@pytest.fixture(scope="session")
def shared_embedding_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the whole session, kept in pytest's cache directory so that the next session
    does not embed the knowledge base again (files are keyed by a hash of the texts and the model, so a
    changed knowledge base or model is embedded afresh). Without the cache plugin, a temporary directory."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("faq-embeddings"))
    return tmp_path_factory.mktemp("faq-embeddings")


@pytest.fixture(autouse=True)
def embedding_cache(shared_embedding_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the semantic stage's embedding cache out of the working tree: every test uses the shared one."""
    monkeypatch.setenv("FAQ_CACHE_DIR", str(shared_embedding_cache))
    return shared_embedding_cache


@pytest.fixture
def entries() -> list[Entry]:
    return [Entry(f["id"], f["question"], tuple(f["variants"]), f["answer"], tuple(f["tags"])) for f in FAQ]


@pytest.fixture
def faq_file(tmp_path: Path) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(yaml.safe_dump({"locale": "id", "entries": FAQ}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def cases_file(tmp_path: Path) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump({"cases": CASES}, allow_unicode=True), encoding="utf-8")
    return path


def knowledge_topic(item: dict) -> dict:
    """One topic of the knowledge-directory format, built from a flat FAQ item."""
    return {
        "id": item["id"],
        "question": {"id": item["question"], "en": f"EN: {item['question']}"},
        "variants": {"id": item["variants"], "en": []},
        "answer": {"id": item["answer"], "en": f"EN: {item['answer']}"},
        "tags": item["tags"],
        "source": "test",
        "reviewed": "2026-11-01",
    }


def write_knowledge(directory: Path, name: str, items: list[dict]) -> Path:
    path = directory / name
    topics = [knowledge_topic(item) for item in items]
    path.write_text(yaml.safe_dump({"topics": topics}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def faq_items() -> list[dict]:
    return FAQ


@pytest.fixture(name="write_knowledge")
def write_knowledge_fixture() -> Callable[[Path, str, list[dict]], Path]:
    return write_knowledge


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    write_knowledge(directory, "main.yaml", FAQ)
    return directory
