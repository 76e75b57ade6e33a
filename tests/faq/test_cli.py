from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from faq.cli import faq_group


def test_match_writes_one_json_line_per_query(faq_file: Path) -> None:
    queries = "gajiku blm dibayar 3 bln\n\nresep rendang padang yg empuk gmn\n"
    result = CliRunner().invoke(faq_group, ["match", "--faq", str(faq_file)], input=queries)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 2  # blank lines are skipped
    answered, unknown = lines
    assert set(answered) == {"query", "id", "score", "candidates", "outcome", "suggestions"}
    assert answered["outcome"] == "answer"
    assert unknown["outcome"] == "unknown"
    assert unknown["suggestions"] == []
    assert answered["query"] == "gajiku blm dibayar 3 bln"
    assert answered["id"] == "gaji-tidak-dibayar"
    assert 0.5 <= answered["score"] <= 1.0
    assert answered["candidates"][0] == {"id": "gaji-tidak-dibayar", "score": answered["score"]}
    assert len(answered["candidates"]) == 3
    assert unknown["id"] is None
    assert 0.0 <= unknown["score"] < 0.5


def test_match_top_option(faq_file: Path) -> None:
    result = CliRunner().invoke(faq_group, ["match", "--faq", str(faq_file), "--top", "5"], input="gaji\n")
    assert len(json.loads(result.output)["candidates"]) == 5


def test_match_keeps_non_ascii_text(faq_file: Path) -> None:
    result = CliRunner().invoke(faq_group, ["match", "--faq", str(faq_file)], input="gaji 😂\n")
    assert json.loads(result.output)["query"] == "gaji 😂"
    assert "😂" in result.output


def test_match_defaults_to_our_knowledge_base() -> None:
    result = CliRunner().invoke(faq_group, ["match"], input="gaji blm dibayar 3 bulan\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] is not None


def test_eval_reports_accuracy_rejection_and_latency(faq_file: Path, cases_file: Path) -> None:
    result = CliRunner().invoke(faq_group, ["eval", "--faq", str(faq_file), "--cases", str(cases_file)])
    assert result.exit_code == 0, result.output
    report = {line[:20].strip(): line[20:] for line in result.output.splitlines()}
    assert report["in-scope cases"] == "3"
    assert report["out-of-scope cases"] == "1"
    assert report["top-1 accuracy"].startswith("1.000  [0.4")  # three cases: a wide 95% interval
    assert report["top-1 accuracy"].endswith("3/3")
    assert report["given or offered"].endswith("3/3")
    assert report["wrong direct answer"].startswith("0.000  [0.000, 0.5")
    assert report["top-3 recall"].startswith("1.000")
    assert report["rejection rate"].endswith("1/1")
    assert float(report["latency p50"].removesuffix(" ms")) > 0


def test_eval_needs_cases(faq_file: Path) -> None:
    result = CliRunner().invoke(faq_group, ["eval", "--faq", str(faq_file)])
    assert result.exit_code != 0
    assert "--cases" in result.output


@pytest.fixture
def lint(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand-in for faq.lint, recording the path it was asked to check."""
    problems: list[str] = []
    module = types.ModuleType("faq.lint")

    def lint_knowledge_base(path: Path) -> list[str]:
        module.checked = path  # type: ignore[attr-defined]
        return problems

    module.lint_knowledge_base = lint_knowledge_base  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "faq.lint", module)
    return problems


def test_check_passes_quietly_on_a_clean_knowledge_base(lint: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(faq_group, ["check", "--path", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == ""
    assert sys.modules["faq.lint"].checked == tmp_path


def test_check_prints_problems_and_fails(lint: list[str], tmp_path: Path) -> None:
    lint.extend(["a.yaml: topic x: no answer", "b.yaml: duplicate id y"])
    result = CliRunner().invoke(faq_group, ["check", "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == lint
