"""``foedus alliance``, ``foedus dyad`` and ``foedus report``: alliances and their reliability.

A thin layer over :mod:`foedus.alliances`, :mod:`foedus.analytics` and :mod:`foedus.report`.
Errors (an unknown alliance, a bad alliance file, a missing store, a bad date) are one line on
standard error and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from foedus.cli_corpus import DbOption

if TYPE_CHECKING:
    from foedus.alliances import Alliance, AllianceBase
    from foedus.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

AlliancesOption = Annotated[
    list[Path] | None,
    typer.Option("--alliances", help="An extra alliance file (YAML, same shape as the shipped "
                 "one; an entry with a shipped id replaces it). Repeatable."),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this day on (YYYY-MM-DD).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to and including this day (YYYY-MM-DD).")
]
WindowOption = Annotated[
    int, typer.Option("--window", min=0, help="Days after a need in which a response counts.")
]
Period = Literal["month", "quarter", "year"]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


def _day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"{option}: {value!r} is not a date (YYYY-MM-DD)", 2) from None


def _kb(files: list[Path] | None) -> AllianceBase:
    from foedus.alliances import AllianceError, load_alliances

    try:
        return load_alliances(files or [])
    except AllianceError as exc:
        raise _fail(str(exc)) from None


def _alliance(kb: AllianceBase, name: str) -> Alliance:
    from foedus.alliances import AllianceError

    try:
        return kb.get(name)
    except AllianceError as exc:
        raise _fail(str(exc)) from None


def _store(db: Path | None) -> Store:
    from foedus.store import Store, StoreError

    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


# -- foedus alliance -------------------------------------------------------------------------------

def alliance_command(
    name: Annotated[str | None, typer.Argument(
        help="Id, name, alias or actor code (CSTO, NATO, IGOCSTO); omit to list all.")] = None,
    db: DbOption = None,
    alliances: AlliancesOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    on: Annotated[str | None, typer.Option(
        "--on", help="Show membership on this day (default: today).")] = None,
    window: WindowOption = 30,
) -> None:
    """Show an alliance's members, obligations and, from the store, a summary of its measures."""
    kb = _kb(alliances)
    if name is None:
        table = Table(title=f"{len(kb)} alliances", title_justify="left")
        for col in ("id", "name", "kind", "leader", "members now"):
            table.add_column(col)
        today = dt.date.today()
        for a in kb:
            table.add_row(a.id, a.name, a.kind, a.leader or "–", str(len(a.members(today))))
        out.print(table)
        return
    alliance = _alliance(kb, name)
    day = _day(on, "--on") or dt.date.today()
    start, end = _day(since, "--since"), _day(until, "--until")
    _print_alliance(alliance, day)

    from foedus.store import default_db_path

    path = db or default_db_path()
    if not path.exists():
        out.print(f"\n[dim]No store at {escape(str(path))}: run `foedus ingest` to measure "
                  "cohesion and reliability.[/]")
        return
    from foedus.analytics import summarise
    from foedus.report import name_of

    with _store(path) as store:
        s = summarise(store, alliance, since=start, until=end, window_days=window)
    coh, rel, com = s.cohesion, s.reliability, s.complaints
    out.print(f"\n[bold]From {escape(str(path))}[/] ({s.events_in_store} events, newest "
              f"{s.newest or 'none'}):")
    out.print(f"  events among members: {coh.total.n}, mean Goldstein "
              f"{_fmt(coh.total.mean_goldstein)}, conflict {_pct(coh.total.conflict_share)}")
    if coh.toward_leader:
        table = Table(title=f"Toward the leader ({alliance.leader}) and back",
                      title_justify="left")
        for col in ("member", "events", "mean Goldstein", "conflict"):
            table.add_column(col)
        for member, series in coh.toward_leader.items():
            t = series.total
            table.add_row(name_of(member), str(t.n), _fmt(t.mean_goldstein),
                          _pct(t.conflict_share))
        out.print(table)
    counts = rel.counts()
    out.print(f"  needs: {counts['met']} met, {counts['partly met']} partly met, "
              f"{counts['unmet']} unmet (window {rel.window_days} days)")
    for ep in rel.episodes:
        colour = {"met": "green", "partly met": "yellow", "unmet": "red"}[ep.outcome]
        out.print(f"    {ep.start} {name_of(ep.member):<14} [{colour}]{ep.outcome:<10}[/] "
                  f"{escape(ep.reason)}")
    out.print(f"  complaints: {len(com.events)}"
              + ("" if not com.pairs else " (" + ", ".join(
                  f"{name_of(a)}→{name_of(b, alliance)} {n}" for (a, b), n in com.pairs.items())
                  + ")"))
    out.print(f"[dim]Full report with evidence: foedus report --alliance {alliance.id}[/]")


def _print_alliance(a: Alliance, day: dt.date) -> None:
    from foedus.report import name_of

    out.print(f"[bold]{escape(a.name)}[/] ({a.id}) — {a.kind.replace('_', ' ')}")
    facts = [f"signed {a.signed}" if a.signed else "", f"in force {a.in_force}" if a.in_force
             else "", f"ended {a.ended}" if a.ended else "",
             f"leader {name_of(a.leader)}" if a.leader else "no single leader",
             f"actor code {a.actor_code}" if a.actor_code else ""]
    out.print("  " + "; ".join(f for f in facts if f))
    if a.aliases:
        out.print("  also: " + escape(", ".join(a.aliases)))
    table = Table(title=f"Members (status on {day})", title_justify="left")
    for col in ("country", "joined", "left", "suspended", "status"):
        table.add_column(col)
    for m in a.memberships:
        suspended = str(m.suspended or "")
        if m.suspended_towards:
            suspended += " towards " + ", ".join(m.suspended_towards)
        table.add_row(f"{name_of(m.country)} ({m.country})", str(m.joined), str(m.left or ""),
                      suspended, a.status_on(m.country, day))
    out.print(table)
    table = Table(title="Obligations", title_justify="left", show_lines=True)
    for col in ("type", "article", "condition"):
        table.add_column(col)
    for o in a.obligations:
        table.add_row(o.type, o.article or "–", escape(o.condition))
    out.print(table)


# -- foedus dyad -----------------------------------------------------------------------------------

def resolve_actor(text: str, kb: AllianceBase) -> str:
    """An actor key from what a user typed: ``ARM``, ``Armenia``, ``CSTO``, ``IGOCSTO``."""
    from foedus.alliances import AllianceError
    from foedus.report import actor_names

    cleaned = " ".join(text.split())
    try:
        found = kb.find(cleaned)
    except AllianceError:
        found = None
    if found is not None and found.actor_code:
        return found.actor_code
    if cleaned.isalnum() and cleaned.isupper():
        return cleaned
    by_name = {v.casefold(): k for k, v in actor_names().items()}
    if cleaned.casefold() in by_name:
        return by_name[cleaned.casefold()]
    from foedus.actors.dictionary import load_dictionary

    entry = load_dictionary().lookup(cleaned)
    if entry is not None:
        return entry.country or entry.code
    raise _fail(f"unknown actor {text!r}: give an actor code (ARM, IGOCSTO) or a country name", 2)


def dyad_command(
    a: Annotated[str, typer.Argument(help="First actor: ISO3 (ARM), a code (IGOCSTO) or a name.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    period: Annotated[Period, typer.Option("--period", help="month, quarter or year.")] = "month",
    directed: Annotated[bool, typer.Option(
        "--directed", help="Only events from A to B.")] = False,
    output_format: Annotated[Literal["table", "csv", "json"], typer.Option(
        "--format", "-f", help="table (for people), csv or json.")] = "table",
    evidence: Annotated[bool, typer.Option(
        "--show-evidence", help="List the sentences behind the numbers.")] = False,
    alliances: AlliancesOption = None,
) -> None:
    """Events between two actors per period: counts by QuadClass, mean Goldstein, share negated."""
    from foedus.analytics import dyad_series

    kb = _kb(alliances)
    key_a, key_b = resolve_actor(a, kb), resolve_actor(b, kb)
    start, end = _day(since, "--since"), _day(until, "--until")
    with _store(db) as store:
        series = dyad_series(store, key_a, key_b, since=start, until=end, freq=period,
                             directed=directed)
    rows = series.rows()
    if output_format == "json":
        json.dump({"a": key_a, "b": key_b, "directed": directed, "period": period,
                   "periods": rows, "undated": series.undated,
                   "events": [{"event_id": e.event_id, "date": str(e.date),
                               "source": e.source_code, "target": e.target_code,
                               "cameo_code": e.cameo_code, "polarity": e.polarity,
                               "modality": e.modality, "sentence": e.sentence}
                              for e in series.events]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    if output_format == "csv":
        names = list(rows[0]) if rows else ["period"]
        writer = csv.DictWriter(sys.stdout, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        return
    arrow = "→" if directed else "↔"
    table = Table(title=f"{key_a} {arrow} {key_b}: {series.total.n} events, mean Goldstein "
                  f"{_fmt(series.total.mean_goldstein)}", title_justify="left")
    columns = ("period", "n", "coop v/m", "confl v/m", "mean", f"{key_a}→{key_b}",
               f"{key_b}→{key_a}", "negated")
    for col in columns:
        table.add_column(col, justify="left" if col == "period" else "right", no_wrap=True)
    for p in series.periods:
        t = p.tone
        table.add_row(p.period, str(t.n), f"{t.quad[0]}/{t.quad[1]}", f"{t.quad[2]}/{t.quad[3]}",
                      _fmt(t.mean_goldstein), _fmt(p.a_to_b.mean_goldstein),
                      _fmt(p.b_to_a.mean_goldstein), str(t.negated))
    out.print(table)
    out.print("[dim]n: counted events (asserted, actual); coop/confl v/m: verbal/material "
              "cooperation and conflict; mean: mean Goldstein (-10 hostile .. +10 cooperative)[/]")
    if series.undated:
        out.print(f"[dim]{series.undated} undated events left out.[/]")
    if evidence:
        for e in series.events:
            flag = "" if e.asserted else " [red]NEGATED[/]"
            flag += "" if e.modality == "actual" else f" [dim]{e.modality}[/]"
            out.print(f"{e.date} {e.source_code}→{e.target_code} {e.cameo_code}{flag}: "
                      f"{escape(e.sentence)} [dim]{escape(e.title)} {e.event_id}[/]")


# -- foedus report ---------------------------------------------------------------------------------

def report_command(
    alliance: Annotated[str, typer.Option(
        "--alliance", "-a", help="Id, name, alias or actor code of the alliance.")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: Annotated[Path | None, typer.Option(
        "--out", "-o", help="The HTML file to write (the Markdown goes beside it, .md). "
        "Default: ./ID-report.html.")] = None,
    period: Annotated[Period, typer.Option(
        "--period", help="Periods of the timelines: month, quarter or year.")] = "quarter",
    window: WindowOption = 30,
    alliances: AlliancesOption = None,
) -> None:
    """Write a self-contained HTML report (and Markdown) on an alliance: charts and evidence."""
    from foedus.report import build_report, write_report

    kb = _kb(alliances)
    target = _alliance(kb, alliance)
    start, end = _day(since, "--since"), _day(until, "--until")
    with _store(db) as store:
        report = build_report(store, target, since=start, until=end, freq=period,
                              window_days=window)
    path = output or Path(f"{target.id}-report.html")
    try:
        html_path, md_path = write_report(report, path)
    except OSError as exc:
        raise _fail(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    counts = report.reliability.counts()
    err.print(f"wrote {html_path} and {md_path}: {report.cohesion.total.n} events among "
              f"members; needs {counts['met']} met, {counts['partly met']} partly met, "
              f"{counts['unmet']} unmet")


def register(app: typer.Typer) -> None:
    """Add the alliance commands to the CLI."""
    app.command("alliance")(alliance_command)
    app.command("dyad")(dyad_command)
    app.command("report")(report_command)
