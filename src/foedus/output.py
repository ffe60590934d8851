"""Writing events for people (a table) and for programs (JSONL, CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from foedus.events.ontology import load_ontology
from foedus.records import EVENT_FIELDS, Event


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=False) + "\n")


def write_csv(events: Iterable[Event], out: TextIO, *, header: bool = True) -> None:
    writer = csv.DictWriter(out, fieldnames=list(EVENT_FIELDS), lineterminator="\n")
    if header:
        writer.writeheader()
    for event in events:
        writer.writerow(event.to_dict())


def goldstein_text(score: float | None) -> str:
    """A Goldstein score for people: signed, one decimal; "?" when unknown (a code outside
    CAMEO's table)."""
    return "?" if score is None else f"{score:+.1f}"


def events_table(events: Sequence[Event], *, title: str = "") -> Table:
    """A readable table: who did what to whom, how, says who, and the evidence."""
    ontology = load_ontology()
    table = Table(title=title or None, show_lines=True, expand=False)
    table.add_column("source", overflow="fold", max_width=22)
    table.add_column("event", overflow="fold", max_width=30)
    table.add_column("target", overflow="fold", max_width=22)
    table.add_column("polarity / modality", overflow="fold", max_width=14)
    table.add_column("says who", overflow="fold", max_width=10)
    table.add_column("evidence", overflow="fold", max_width=60)
    for event in events:
        name = ontology.entry(event.cameo_code).name
        plover = f"{event.plover_type}/{event.plover_mode}" if event.plover_mode else (
            event.plover_type)
        polarity = event.polarity.upper() if event.polarity == "negated" else event.polarity
        table.add_row(
            f"{event.source_name} [{event.source_code}]",
            f"{event.cameo_code} {name} ({plover}); G {goldstein_text(event.goldstein)}",
            f"{event.target_name} [{event.target_code}]",
            f"{polarity}, {event.modality}",
            event.attributed_to or "",
            f"“{event.trigger}” — {event.sentence.strip()}",
        )
    return table


def print_table(events: Sequence[Event], console: Console | None = None, title: str = "") -> None:
    """A table on a wide terminal; on a narrow one (or a pipe) two lines per event."""
    console = console or Console()
    if not events:
        console.print("no events")
        return
    if console.width >= 120:
        console.print(events_table(events, title=title))
        return
    ontology = load_ontology()
    if title:
        console.print(f"[bold]{escape(title)}[/]")
    for n, event in enumerate(events, 1):
        name = ontology.entry(event.cameo_code).name
        plover = "/".join(p for p in (event.plover_type, event.plover_mode) if p)
        polarity = "[bold red]NEGATED[/]" if event.polarity == "negated" else event.polarity
        says = f", says {event.attributed_to}" if event.attributed_to else ""
        console.print(
            f"{n:>3}. {escape(event.source_name)} [dim]{event.source_code}[/] "
            f"--[bold]{event.cameo_code}[/] {escape(name)} "
            f"({plover}, G {goldstein_text(event.goldstein)})--> "
            f"{escape(event.target_name)} [dim]{event.target_code}[/]  "
            f"\\[{polarity}, {event.modality}{says}]"
        )
        console.print(f"     [dim]“{escape(event.trigger)}”:[/] {escape(event.sentence.strip())}")
