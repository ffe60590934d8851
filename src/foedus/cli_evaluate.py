"""``foedus evaluate``: score the coder against gold-standard sets and show why it misses."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from foedus.evaluate import FORMATS

GoldFormat = StrEnum("GoldFormat", {name: name for name in FORMATS})  # type: ignore[misc]

out = Console(highlight=False)
if not out.is_terminal:  # piped to a file or a pager: room for the detail column
    out.width = 120
err = Console(stderr=True, highlight=False)


def metrics_table(result: object) -> Table:
    """The figures of one set as a table: measure, value, how it was obtained."""
    from foedus.evaluate import SetResult

    assert isinstance(result, SetResult)
    table = Table(title=f"{result.name}  ({result.format}, {result.items} items, "
                        f"{result.seconds:.1f} s)", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("detail", overflow="fold")
    for metric in result.metrics:
        table.add_row(escape(metric.name), metric.shown(), escape(metric.detail))
    return table


def confusion_table(result: object) -> Table | None:
    from foedus.evaluate import SetResult

    assert isinstance(result, SetResult)
    confusion = result.confusion
    if confusion is None:
        return None
    table = Table(title=f"confusion: {confusion.title}", title_justify="left")
    table.add_column("gold \\ coded")
    for label in confusion.labels:
        table.add_column(escape(label.split(" ")[0]), justify="right")
    for label, row in zip(confusion.labels, confusion.matrix, strict=True):
        table.add_row(escape(label), *[str(v) for v in row])
    return table


def print_errors(result: object, console: Console) -> None:
    """Every miss of a set: the sentence, what was expected, what was coded, and why."""
    from foedus.evaluate import SetResult

    assert isinstance(result, SetResult)
    if result.categories:
        table = Table(title=f"{result.name}: misses by kind", title_justify="left")
        table.add_column("kind")
        table.add_column("count", justify="right")
        for kind, count in result.categories.most_common():
            table.add_row(escape(kind), str(count))
        console.print(table)
    console.print(f"[bold]{escape(result.name)}: {len(result.errors)} items with misses[/]")
    for case in result.errors:
        console.print(f"[bold]{escape(case.item)}[/]  {escape(case.text)}", soft_wrap=True)
        console.print(f"    expected: {escape('; '.join(case.expected) or '(none)')}",
                      soft_wrap=True)
        console.print(f"    coded:    {escape('; '.join(case.coded) or '(none)')}",
                      soft_wrap=True)
        for reason in case.reasons:
            console.print(f"    [yellow]why:[/] {escape(reason)}", soft_wrap=True)


def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold files (any supported format)."),
    gold_format: GoldFormat | None = typer.Option(
        None, "--format", "-f",
        help="The files' format (see above); detected from name and content when left out."),
    actors: list[Path] = typer.Option(
        [], "--actors",
        help="An actor or agent dictionary (foedus YAML, PETRARCH/TABARI .actors/.agents); "
             "repeatable. Read before the shipped ones, which it overrides."),
    shipped_actors: bool = typer.Option(
        True, "--shipped-actors/--no-shipped-actors",
        help="Use foedus's own dictionaries besides --actors."),
    patterns: list[Path] = typer.Option(
        [], "--patterns",
        help="An extra pattern file (foedus YAML or a PETRARCH .verbs dictionary); repeatable."),
    shipped_patterns: bool = typer.Option(
        True, "--shipped-patterns/--no-shipped-patterns",
        help="Use foedus's own trigger patterns besides --patterns."),
    errors: bool = typer.Option(False, "--errors", help="List every miss and why."),
    limit: int = typer.Option(None, "--limit", min=1, help="Score the first N items only."),
    as_json: bool = typer.Option(False, "--json", help="Write the results as JSON."),
    today: str = typer.Option(
        None, "--today", help="The date 'today' means in actor cases (YYYY-MM-DD); "
                              "default: the current date."),
) -> None:
    """Score foedus against gold sets: P/R/F1, accuracies, confusion, and the misses.

    Formats, told from the file's name and content or given with --format:
    foedus: the team's JSONL (id, date, text, events: source, code, target, polarity, modality).
    petrarch: PETRARCH2 unit-test records (give their dictionaries with --actors).
    plover: the CAMEO manual examples in PLOVER.
    pentaclass: ConfliBERT sentences with a label 0-4.
    ner: ConfliBERT token/BIO-tag lines (S source, T target).
    actors: NGEC actor-resolution cases.
    """
    from foedus import __version__
    from foedus.actors.dictionary import DictionaryError
    from foedus.errors import FoedusError
    from foedus.evaluate import (
        MIN_ACTORS,
        evaluate_actors,
        evaluate_set,
        make_coder,
        read_gold,
    )
    from foedus.events.patterns import PatternError

    try:
        today_date = dt.date.fromisoformat(today) if today else None
    except ValueError:
        err.print(f"[bold red]error:[/] --today: not an ISO date: {escape(today or '')}")
        raise typer.Exit(2) from None
    try:
        make_coder(actors, shipped_actors=shipped_actors, patterns=patterns,
                   shipped_patterns=shipped_patterns)  # fail early
    except (DictionaryError, PatternError, FoedusError, OSError) as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from None
    failed = 0
    results = []
    for path in gold:
        try:
            gold_set = read_gold(path, gold_format.value if gold_format else None)
        except FoedusError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
            failed += 1
            continue
        coder = make_coder(actors, shipped_actors=shipped_actors, patterns=patterns,
                           shipped_patterns=shipped_patterns,
                           min_actors=MIN_ACTORS.get(gold_set.format, 2))
        if gold_set.format == "petrarch" and not actors:
            err.print(f"[yellow]note:[/] {escape(str(path))}: PETRARCH records name fictional "
                      "states defined in their own dictionaries; pass them with --actors "
                      "(PETR.Validate.actors.txt, PETR.Validate.agents.txt)", soft_wrap=True)
        if gold_set.format == "actors":
            items = gold_set.items[:limit] if limit else gold_set.items
            gold_set.items = items
            result = evaluate_actors(gold_set, coder, today=today_date)
        else:
            result = evaluate_set(gold_set, coder, limit=limit)
        result.settings.update({"actors": [str(a) for a in actors],
                                "shipped_actors": shipped_actors})
        if limit:
            result.settings["limit"] = limit
        results.append(result)
        if not as_json:
            out.print(metrics_table(result))
            confusion = confusion_table(result)
            if confusion is not None:
                out.print(confusion)
            if errors:
                print_errors(result, out)
            out.print()
    if as_json:
        document = {"foedus_version": __version__, "date": dt.date.today().isoformat(),
                    "sets": [r.to_dict(errors=errors) for r in results]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``foedus evaluate`` to the CLI."""
    app.command("evaluate")(evaluate)
