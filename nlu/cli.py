"""``helpdesk danger ...``: train, measure and ask the danger reader."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("danger")
def danger_group() -> None:
    """The danger reader: rules and a model learned from nlu/corpus/."""


@danger_group.command("train")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def train(corpus: Path | None, output: Path | None) -> None:
    """Choose settings on validation folds of the corpus, fit on all of it, write the model."""
    from nlu import danger_model, danger_training

    cases = danger_training.load_corpus(corpus or danger_training.CORPUS_DIR)
    click.echo(f"corpus: {len(cases)} messages, {sum(c.urgent for c in cases)} urgent")
    chosen = danger_training.validate(cases, progress=click.echo)
    click.echo(
        f"chosen on validation folds: C={chosen.c:g}, threshold {chosen.threshold:.3f}, rule floor "
        f"{chosen.rule_floor:.2f} (recall {chosen.recall:.3f}, false alarms {chosen.false_alarms:.3f})"
    )
    from nlu import evaluation

    for line in evaluation.of_decisions(cases, chosen.flagged).lines(show_cases=False):
        if not line.startswith("latency"):
            click.echo(line)
    model = danger_training.fit(cases, chosen)
    for field in ("description", "city"):
        report = evaluation.of_decisions(cases, danger_training.form_decisions(cases, chosen, model, field))
        click.echo(f"the same folds read as answers to {field!r} (nlu.danger.read(text, {field!r})):")
        for line in report.lines(show_cases=False)[:2]:
            click.echo("  " + line)
    path = output or danger_model.MODEL_PATH
    model.save(path)
    click.echo(f"wrote {path} ({path.stat().st_size // 1024} KiB, {len(model.idf)} features)")


@danger_group.command("eval")
@click.option("--cases", "cases_path", required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--reader",
    type=click.Choice(["union", "rules", "model"]),
    default="union",
    show_default=True,
    help="The shipped decision, or one half of it.",
)
@click.option("--quiet", is_flag=True, help="Figures only, not the missed cases and false alarms.")
@click.option(
    "--field",
    default=None,
    help="Read every case as the answer to this form question (a case's own `field` wins); default: as a "
    "first message.",
)
def evaluate(cases_path: Path, reader: str, quiet: bool, field: str | None) -> None:
    """Recall, false alarms, per kind and language with 95% intervals, misses and latency."""
    from nlu import danger_training, evaluation

    cases = danger_training.load_cases(cases_path)
    report = evaluation.evaluate(cases, _reader(reader), field)
    context = f", as answers to {field!r}" if field else ""
    click.echo(f"{cases_path}: {len(cases)} cases, reader: {reader}{context}")
    for line in report.lines(show_cases=not quiet):
        click.echo(line)


@danger_group.command("check")
@click.argument("text")
@click.option("--field", default=None, help="Read TEXT as the answer to this form question.")
def check(text: str, field: str | None) -> None:
    """The decision on one message, with the kind and the rule or score behind it."""
    from nlu import danger_model
    from nlu.danger import read
    from nlu.danger_rules import match_rules

    danger = read(text, field, use_model=True)
    model = danger_model.shipped()
    hit = match_rules(text)
    rule = f'rule {hit.kind} "{hit.matched}"' if hit else "no rule"
    score = (
        f"{model.urgent_probability(model.vector(text, hit.kind if hit else None)):.3f} "
        f"(threshold {model.threshold:.3f}, {model.rule_floor:.3f} after a rule)"
        if model
        else "no model"
    )
    verdict = "not urgent" if danger is None else f"URGENT: {danger.kind}"
    context = f" (as the answer to {field!r})" if field else ""
    click.echo(f"{verdict}{context}; {rule}; model {score}")


def _reader(name: str):
    """``reader(text, field)`` for :func:`nlu.evaluation.evaluate`; the halves read first messages only."""
    from nlu import danger_model
    from nlu.danger import Danger, read
    from nlu.danger_rules import match_rules

    if name == "union":
        return lambda text, field: read(text, field, use_model=True)
    if name == "rules":
        return lambda text, _field: (hit := match_rules(text)) and Danger(hit.kind, hit.matched, None)
    model = danger_model.shipped()
    if model is None:
        raise click.ClickException("no danger model: run `helpdesk danger train`")

    def by_model(text: str, _field: str | None) -> Danger | None:
        """The model's own threshold, with the rules' verdict as one of its features."""
        hit = match_rules(text)
        vector = model.vector(text, hit.kind if hit else None)
        score = model.urgent_probability(vector)
        if score < model.threshold:
            return None
        return Danger(hit.kind if hit else model.kind(vector), None, score)

    return by_model


@click.group("nlu")
def nlu_group() -> None:
    """The understanding reader: intents and entities of a message."""


@nlu_group.command("eval")
@click.option(
    "--cases",
    "cases_paths",
    required=True,
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A case file; repeat to measure several together.",
)
@click.option(
    "--part",
    type=click.Choice(["all", "tune", "validation"]),
    default="all",
    show_default=True,
    help="Development data only: the tuning part or the held-out third (by a hash of each message).",
)
@click.option("--json", "as_json", is_flag=True, help="The figures as JSON.")
@click.option("--quiet", is_flag=True, help="Figures only, not the misread cases.")
def evaluate_understanding(cases_paths: tuple[Path, ...], part: str, as_json: bool, quiet: bool) -> None:
    """Intent accuracy (overall, per intent, 95% intervals), confusions, entity precision/recall/F1 per kind."""
    import json

    from nlu import understanding_eval
    from nlu.understanding import understand

    cases = understanding_eval.select(
        [case for path in cases_paths for case in understanding_eval.load_cases(path)], part
    )
    report = understanding_eval.evaluate(cases, understand)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    names = ", ".join(str(path) for path in cases_paths)
    click.echo(f"{names}: {len(cases)} cases" + ("" if part == "all" else f" ({part} part)"))
    for line in report.lines(show_cases=not quiet):
        click.echo(line)


@nlu_group.command("read")
@click.argument("text")
def read(text: str) -> None:
    """The intent and entities of one message."""
    from nlu.understanding import understand

    got = understand(text)
    click.echo(f"{got.intent} {dict(got.entities)}")
