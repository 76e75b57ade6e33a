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
from nlu.evaluation import wilson

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
    top1_hits: int  # the answer given (id, null if rejected) is the expected entry
    offered_hits: int  # answered with the expected entry, or offered it among the (at most 3) suggestions
    first_hits: int  # the first candidate is the expected entry, whatever the threshold
    top3_hits: int  # the expected entry is among the first three candidates
    wrong_direct_hits: int  # in-scope cases answered directly ("answer" outcome) with another entry
    rejected: int  # out-of-scope cases answered with id null
    p50_ms: float
    p99_ms: float

    @property
    def top1(self) -> float:
        return _share(self.top1_hits, self.in_scope)

    @property
    def offered(self) -> float:
        return _share(self.offered_hits, self.in_scope)

    @property
    def first(self) -> float:
        return _share(self.first_hits, self.in_scope)

    @property
    def top3(self) -> float:
        return _share(self.top3_hits, self.in_scope)

    @property
    def wrong_direct(self) -> float:
        return _share(self.wrong_direct_hits, self.in_scope)

    @property
    def rejection(self) -> float:
        return _share(self.rejected, self.out_of_scope)

    def lines(self) -> list[str]:
        """The report, one figure a line, each share with its 95% Wilson interval and its counts."""

        def line(label: str, hits: int, n: int) -> str:
            low, high = wilson(hits, n)
            return f"{label:<20}{_share(hits, n):.3f}  [{low:.3f}, {high:.3f}]  {hits}/{n}"

        return [
            f"{'in-scope cases':<20}{self.in_scope}",
            f"{'out-of-scope cases':<20}{self.out_of_scope}",
            line("top-1 accuracy", self.top1_hits, self.in_scope),
            line("given or offered", self.offered_hits, self.in_scope),
            line("first candidate", self.first_hits, self.in_scope),
            line("top-3 recall", self.top3_hits, self.in_scope),
            line("wrong direct answer", self.wrong_direct_hits, self.in_scope),
            line("rejection rate", self.rejected, self.out_of_scope),
            f"{'latency p50':<20}{self.p50_ms:.3f} ms",
            f"{'latency p99':<20}{self.p99_ms:.3f} ms",
        ]


def _share(hits: int, n: int) -> float:
    return hits / n if n else float("nan")


def offered(result: MatchResult, expected: str) -> bool:
    """The person gets the expected entry: as the answer, or among the suggestions to pick from."""
    if result.outcome == "answer":
        return result.id == expected
    return result.outcome == "suggest" and expected in [c.id for c in result.suggestions[:3]]


def evaluate(match: Callable[[str], MatchResult], cases: Sequence[Case]) -> Evaluation:
    """Run every case through ``match``, timing each call."""
    hits = given = firsts = hits3 = wrong = rejected = 0
    timings: list[float] = []
    for query, expected in cases:
        start = time.perf_counter()
        result = match(query)
        timings.append((time.perf_counter() - start) * 1000)
        if expected is None:
            rejected += result.id is None
        else:
            hits += result.id == expected
            given += offered(result, expected)
            firsts += bool(result.candidates) and result.candidates[0].id == expected
            hits3 += expected in [c.id for c in result.candidates[:3]]
            wrong += result.outcome == "answer" and result.id != expected
    in_scope = sum(expected is not None for _, expected in cases)
    return Evaluation(
        in_scope=in_scope,
        out_of_scope=len(cases) - in_scope,
        top1_hits=hits,
        offered_hits=given,
        first_hits=firsts,
        top3_hits=hits3,
        wrong_direct_hits=wrong,
        rejected=rejected,
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
            "outcome": result.outcome,
            "suggestions": [c.id for c in result.suggestions] if result.outcome == "suggest" else [],
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
    """Top-1, given or offered, wrong direct answers, rejection and latency on a case file (95% intervals)."""
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
    from bot.db import ensure_schema, session_scope
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
    from bot.db import ensure_schema, session_scope
    from faq import store
    from faq.kb import dump_topics

    ensure_schema()
    with session_scope() as session:
        output.write(dump_topics(store.knowledge_base(session).topics))
