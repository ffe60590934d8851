"""``foedus code``: code one article (a file or standard input) into events."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from foedus.errors import FoedusError

err = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit non-zero."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


def code(
    file: str = typer.Argument(..., help="A text file, or - for standard input."),
    date: str = typer.Option(None, "--date", "-d", help="The article's date (YYYY-MM-DD)."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table (for people), jsonl or csv."
    ),
    actors: list[Path] = typer.Option(
        [], "--actors", help="An extra actor dictionary (foedus YAML or PETRARCH); repeatable."
    ),
    patterns: list[Path] = typer.Option(
        [], "--patterns",
        help="An extra pattern file (foedus YAML or a PETRARCH .verbs dictionary); repeatable.",
    ),
    cameo: bool = typer.Option(
        False, "--cameo",
        help="CAMEO's view, as GDELT and PETRARCH code: asserted events only, and a refusal "
             "as CAMEO's rejection (12x) instead of a negated event.",
    ),
) -> None:
    """Code an article into events: who did what to whom, when, how strongly, says who."""
    from foedus.api import get_coder, parse_date
    from foedus.output import print_table, write_csv, write_jsonl
    from foedus.records import Article
    from foedus.textfile import read_text

    try:
        day = parse_date(date)
    except ValueError as exc:
        fail(f"--date: {exc}", 2)
    try:
        loaded = read_text(file)
        for warning in loaded.warnings:
            err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
        if not loaded.text.strip():
            err.print(f"[yellow]note:[/] {file}: empty, no events", soft_wrap=True)
            return
        article = Article.from_text(loaded.text, published=day, source=str(file))
        coder = get_coder(actors, patterns)
        events = coder.code_article(article)
        if cameo:
            from foedus.events.cameo import cameo_events

            events = cameo_events(events, coder.lexicon, coder.ontology)
    except FoedusError as exc:
        fail(str(exc))
    except ValueError as exc:  # a bad dictionary or pattern file names itself
        fail(str(exc))
    if output_format is OutputFormat.jsonl:
        write_jsonl(events, sys.stdout)
    elif output_format is OutputFormat.csv:
        write_csv(events, sys.stdout)
    else:
        print_table(events, title=f"{len(events)} events in {file}")


def register(app: typer.Typer) -> None:
    """Add the coding commands to the CLI."""
    app.command("code")(code)
