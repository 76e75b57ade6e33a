"""``helpdesk faq``: match queries as JSON lines, evaluate the matcher on cases, lint the knowledge base."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import numpy as np
import yaml

from faq.entries import Entry, load_entries
from faq.matcher import Matcher, MatchResult

Case = tuple[str, str | None]  # query, expected entry id (None: out of scope)


def load_cases(path: str | Path) -> list[Case]:
    """Read ``cases: [{q: ..., expect: <id> | null}]``; a missing ``expect`` means out of scope."""
    with Path(path).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return [(str(case["q"]), case.get("expect")) for case in data.get("cases") or ()]


@dataclass(frozen=True)
class Evaluation:
    in_scope: int
    out_of_scope: int
    top1: float  # the answer given (id, null if rejected) is the expected entry
    first: float  # the first candidate is the expected entry, whatever the threshold
    top3: float  # the expected entry is among the first three candidates
    rejection: float  # out-of-scope cases answered with id null
    p50_ms: float
    p99_ms: float

    def lines(self) -> list[str]:
        return [
            f"in-scope cases      {self.in_scope}",
            f"out-of-scope cases  {self.out_of_scope}",
            f"top-1 accuracy      {self.top1:.3f}",
            f"first candidate     {self.first:.3f}",
            f"top-3 recall        {self.top3:.3f}",
            f"rejection rate      {self.rejection:.3f}",
            f"latency p50         {self.p50_ms:.3f} ms",
            f"latency p99         {self.p99_ms:.3f} ms",
        ]


def evaluate(match: Callable[[str], MatchResult], cases: Sequence[Case]) -> Evaluation:
    """Run every case through ``match``, timing each call."""
    hits = firsts = hits3 = rejected = 0
    timings: list[float] = []
    for query, expected in cases:
        start = time.perf_counter()
        result = match(query)
        timings.append((time.perf_counter() - start) * 1000)
        if expected is None:
            rejected += result.id is None
        else:
            hits += result.id == expected
            firsts += bool(result.candidates) and result.candidates[0].id == expected
            hits3 += expected in [c.id for c in result.candidates[:3]]
    in_scope = sum(expected is not None for _, expected in cases)
    out_of_scope = len(cases) - in_scope
    return Evaluation(
        in_scope=in_scope,
        out_of_scope=out_of_scope,
        top1=hits / in_scope if in_scope else float("nan"),
        first=firsts / in_scope if in_scope else float("nan"),
        top3=hits3 / in_scope if in_scope else float("nan"),
        rejection=rejected / out_of_scope if out_of_scope else float("nan"),
        p50_ms=float(np.percentile(timings, 50)) if timings else 0.0,
        p99_ms=float(np.percentile(timings, 99)) if timings else 0.0,
    )


def _entries(faq_file: Path | None) -> list[Entry]:
    if faq_file is not None:
        return load_entries(faq_file)
    from faq.kb import KNOWLEDGE_DIR, load_knowledge_base

    return load_knowledge_base(KNOWLEDGE_DIR).entries()


def result_json(result: MatchResult) -> str:
    return json.dumps(
        {
            "query": result.query,
            "id": result.id,
            "score": result.score,
            "candidates": [{"id": c.id, "score": c.score} for c in result.candidates],
        },
        ensure_ascii=False,
    )


@click.group("faq")
def faq_group() -> None:
    """Frequently asked questions: matching, evaluation, knowledge-base checks."""


_FAQ_OPTION = click.option(
    "--faq",
    "faq_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="FAQ file in the evaluation format (locale + entries); default: our knowledge base.",
)


@faq_group.command("match")
@_FAQ_OPTION
@click.option("--top", default=3, show_default=True, type=click.IntRange(1), help="Candidates per query.")
def match_command(faq_file: Path | None, top: int) -> None:
    """Read one query per line on stdin, write one JSON line per query."""
    matcher = Matcher.build(_entries(faq_file))
    for line in sys.stdin:
        query = line.rstrip("\r\n")
        if not query.strip():
            continue
        click.echo(result_json(matcher.match(query, top=top)))
        sys.stdout.flush()


@faq_group.command("eval")
@_FAQ_OPTION
@click.option(
    "--cases",
    "cases_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Case file: cases with q and expect (null for out of scope).",
)
def eval_command(faq_file: Path | None, cases_file: Path) -> None:
    """Top-1 accuracy, top-3 recall, out-of-scope rejection and latency on a case file."""
    matcher = Matcher.build(_entries(faq_file))
    for line in evaluate(matcher.match, load_cases(cases_file)).lines():
        click.echo(line)


@faq_group.command("check")
@click.option(
    "--path",
    "path",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Knowledge directory (default: faq/knowledge/).",
)
def check_command(path: Path | None) -> None:
    """Lint the knowledge base: one problem per line, exit status 1 if there is any."""
    from faq.kb import KNOWLEDGE_DIR
    from faq.lint import lint_knowledge_base

    problems = lint_knowledge_base(path or KNOWLEDGE_DIR)
    for problem in problems:
        click.echo(problem)
    if problems:
        sys.exit(1)


@faq_group.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_command(path: Path) -> None:
    """Add or update the knowledge base's topics from PATH (a YAML file or a folder of them); topics not named
    are kept. Nothing is imported when any topic is invalid."""
    from bot.cli import ensure_schema
    from bot.db import session_scope
    from faq import store
    from faq.kb import read_topics

    ensure_schema()
    located, errors = read_topics(path)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s); nothing was imported")
    with session_scope() as session:
        report = store.import_topics(session, [topic for _, topic in located], actor="cli")
    for topic_id in report.added:
        click.echo(f"added    {topic_id}")
    for topic_id in report.changed:
        click.echo(f"changed  {topic_id}")
    click.echo(f"{len(report.added)} added, {len(report.changed)} changed, {report.unchanged} unchanged")


@faq_group.command("export")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", show_default=True)
def export_command(output: click.utils.LazyFile) -> None:
    """The knowledge base as it is in the database, as YAML (the shipped files' format)."""
    from bot.cli import ensure_schema
    from bot.db import session_scope
    from faq import store
    from faq.kb import dump_topics

    ensure_schema()
    with session_scope() as session:
        output.write(dump_topics(store.knowledge_base(session).topics))
