"""``foedus ingest``, ``events``, ``actors``, ``export`` and ``failures``: the corpus commands.

A thin layer: options are parsed here and handed to :mod:`foedus.engines.local` and
:mod:`foedus.store`; everything they do is available from Python too. Errors are one line on
standard error and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from foedus.output import goldstein_text

#: Failures printed one by one during an ingest; the rest are counted and left to `failures`.
MAX_FAILURES_SHOWN = 20

#: Width for tables when output is piped or captured: no terminal to fit, so nothing is cut.
PIPE_WIDTH = 200


def _console(stderr: bool) -> Console:
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(stderr=stderr, highlight=False, soft_wrap=True, width=PIPE_WIDTH)
    return console


err = _console(stderr=True)
out = _console(stderr=False)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="FOEDUS_DB",
        help="The store (a DuckDB file). Default: $FOEDUS_DB, else ./foedus.duckdb.",
        show_default=False,
    ),
]

# The event filters, shared by `events` and `export`.
ActorOpt = Annotated[
    str | None, typer.Option("--actor", help="Source or target actor code (prefix: RUS = RUS*).")
]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Source actor code (prefix).")]
TargetOpt = Annotated[str | None, typer.Option("--target", help="Target actor code (prefix).")]
DyadOpt = Annotated[
    str | None,
    typer.Option("--dyad", help="SOURCE:TARGET actor codes (prefixes), e.g. RUS:ARM."),
]
UndirectedOpt = Annotated[
    bool, typer.Option("--undirected", help="Match --dyad in either direction.")
]
CameoOpt = Annotated[
    str | None, typer.Option("--cameo", help="CAMEO code (prefix: 07 = 07*, 071 = 071*).")
]
RootOpt = Annotated[str | None, typer.Option("--root", help="CAMEO root code, e.g. 07.")]
PloverOpt = Annotated[str | None, typer.Option("--plover", help="PLOVER event type, e.g. AID.")]
QuadOpt = Annotated[
    list[int] | None,
    typer.Option("--quad", min=1, max=4, help="QuadClass 1-4 (repeat for several)."),
]
PolarityOpt = Annotated[
    Literal["asserted", "negated"] | None, typer.Option("--polarity", help="asserted or negated.")
]
ModalityOpt = Annotated[
    Literal["actual", "intended", "requested", "threatened", "hypothetical"] | None,
    typer.Option("--modality", help="Event modality."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Events dated on or after this day (YYYY-MM-DD).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Events dated on or before this day (YYYY-MM-DD).")
]
TextOpt = Annotated[
    str | None,
    typer.Option("--text", help="Words in the evidence sentence or the article title."),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Words in the outlet's name.")]
ArticleOpt = Annotated[str | None, typer.Option("--article", help="One article's id.")]


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the CLI."""
    app.command("ingest")(ingest_command)
    app.command("events")(events_command)
    app.command("actors")(actors_command)
    app.command("export")(export_command)
    app.command("failures")(failures_command)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


@contextmanager
def _open_store(db: Path | None, *, read_only: bool) -> Iterator[Any]:
    from foedus.store import Store, StoreError

    try:
        store = Store(db, read_only=read_only)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def _day(value: str | None, option: str) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


def _filter(
    actor: str | None, source: str | None, target: str | None, dyad: str | None,
    undirected: bool, cameo: str | None, root: str | None, plover: str | None,
    quad: list[int] | None, polarity: str | None, modality: str | None, since: str | None,
    until: str | None, text: str | None, outlet: str | None, article: str | None,
) -> Any:
    from foedus.store import EventFilter

    pair: tuple[str, str] | None = None
    if dyad:
        parts = dyad.split(":")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise typer.BadParameter(
                f"{dyad!r}: write SOURCE:TARGET, e.g. RUS:ARM", param_hint="--dyad"
            )
        pair = (parts[0].strip(), parts[1].strip())
    return EventFilter(
        actor=actor, source=source, target=target, dyad=pair, undirected=undirected,
        cameo=cameo, root=root, plover=plover, quad_class=tuple(quad or ()),
        polarity=polarity, modality=modality, since=_day(since, "--since"),
        until=_day(until, "--until"), text=text, outlet=outlet, article_id=article,
    )


# -- ingest -------------------------------------------------------------------------------------


def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursively), JSONL/CSV dumps, RSS/Atom feeds (file or URL), "
            "URLs, or .urls files listing URLs.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes for parsing and coding.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles committed per transaction.")
    ] = 100,
    kind: Annotated[
        Literal["auto", "text", "markdown", "html", "jsonl", "csv", "feed", "urls"],
        typer.Option("--kind", help="Read every source as this kind (auto: by URL or ending)."),
    ] = "auto",
    text_field: Annotated[
        str | None, typer.Option("--text-field", help="JSONL/CSV field with the text.")
    ] = None,
    title_field: Annotated[
        str | None, typer.Option("--title-field", help="JSONL/CSV field with the title.")
    ] = None,
    date_field: Annotated[
        str | None, typer.Option("--date-field", help="JSONL/CSV field with the date.")
    ] = None,
    url_field: Annotated[
        str | None, typer.Option("--url-field", help="JSONL/CSV field with the URL.")
    ] = None,
    outlet_field: Annotated[
        str | None, typer.Option("--outlet-field", help="JSONL/CSV field with the outlet.")
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV delimiter (default: , or tab for .tsv).")
    ] = None,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Feeds: fetch each item's page for its text.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds per network operation.")
    ] = 10.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest file or download read, in bytes.")
    ] = 10_000_000,
    near_dup_threshold: Annotated[
        float,
        typer.Option(
            "--near-dup-threshold", min=0.0, max=1.0,
            help="Jaccard similarity of word 5-grams above which an article is a near-duplicate.",
        ),
    ] = 0.7,
    no_near_dups: Annotated[
        bool, typer.Option("--no-near-dups", help="Do not look for near-duplicates.")
    ] = False,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", help="Extra actor dictionary file (repeatable).", exists=True),
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every committed batch.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as one JSON object.")
    ] = False,
) -> None:
    """Read sources, code every new article once, and store articles and events."""
    from foedus.engines.local import IngestOptions, IngestSummary, ingest
    from foedus.ingest import ReadOptions
    from foedus.records import Failure

    options = IngestOptions(
        read=ReadOptions(
            kind=kind, text_field=text_field, title_field=title_field, date_field=date_field,
            url_field=url_field, outlet_field=outlet_field, delimiter=delimiter,
            follow_links=follow_links, timeout=timeout, max_bytes=max_bytes,
        ),
        workers=workers,
        batch_size=batch_size,
        near_dup_threshold=None if no_near_dups else near_dup_threshold,
        actor_files=tuple(actors or ()),
    )
    shown = 0
    hidden = 0
    with _open_store(db, read_only=False) as store, _progress(progress and not as_json) as bar:
        console = bar.console if bar is not None else err
        task = bar.add_task("ingest", total=None, new=0, dup=0, failed=0) if bar else None

        def on_failure(failure: Failure) -> None:
            nonlocal shown, hidden
            if shown >= MAX_FAILURES_SHOWN:
                hidden += 1
                return
            shown += 1
            colour = {"error": "red", "skipped": "yellow", "warning": "yellow"}[failure.kind]
            console.print(
                f"[{colour}]{failure.kind}:[/] {escape(failure.item)}: {escape(failure.reason)}"
            )

        def on_progress(summary: IngestSummary, done: int) -> None:
            if bar is not None and task is not None:
                bar.update(task, advance=done, new=summary.new,
                           dup=summary.duplicate + summary.near_duplicate,
                           failed=summary.failed)

        def on_commit(summary: IngestSummary, size: int) -> None:
            if verbose:
                console.print(
                    f"committed batch {summary.batches}: {size} articles "
                    f"({summary.events} events committed so far)"
                )

        try:
            summary = ingest(
                sources, store, options,
                on_progress=on_progress, on_failure=on_failure, on_commit=on_commit,
            )
        except KeyboardInterrupt:
            raise _fail(
                "interrupted; the batches already committed are kept: run the same command "
                "again to finish", code=130,
            ) from None
    if hidden:
        err.print(f"... and {hidden} more; list them with `foedus failures`")
    if as_json:
        out.print(json.dumps({"db": str(store.path), **summary.as_dict()}))
    else:
        _print_summary(summary, store.path)
    if summary.failed and not summary.articles:
        # Nothing readable at all (a mistyped path, say): let scripts notice.
        raise typer.Exit(1)


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.progress import (
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        # Articles done over the whole run so far: steadier than Rich's moving average, and
        # it keeps counting while a batch is being coded.
        def render(self, task: Task) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.completed / elapsed if elapsed > 0 else 0.0
            return Text(f"{rate:,.1f} articles/s", style="cyan")

    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting[/]"),
        TextColumn("{task.completed:,.0f} articles"),
        RateColumn(),
        TextColumn("new {task.fields[new]}, duplicates {task.fields[dup]}, "
                   "failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )
    with bar:
        yield bar


def _print_summary(summary: Any, path: Path) -> None:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(justify="left")
    table.add_column(justify="right")
    for label, value in (
        ("new", summary.new),
        ("duplicate", summary.duplicate),
        ("near-duplicate", summary.near_duplicate),
        ("failed", summary.failed),
        ("skipped", summary.skipped),
        ("warnings", summary.warnings),
        ("events", summary.events),
    ):
        table.add_row(label, f"{value:,}")
    out.print(
        f"ingested into {escape(str(path))} in {summary.seconds:.1f} s "
        f"({summary.articles_per_second:,.1f} articles/s)"
    )
    out.print(table)


# -- events, actors, failures -------------------------------------------------------------------

FormatOpt = Annotated[
    Literal["table", "jsonl", "csv"], typer.Option("--format", "-f", help="Output format.")
]


def events_command(
    db: DbOption = None,
    actor: ActorOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    dyad: DyadOpt = None,
    undirected: UndirectedOpt = False,
    cameo: CameoOpt = None,
    root: RootOpt = None,
    plover: PloverOpt = None,
    quad: QuadOpt = None,
    polarity: PolarityOpt = None,
    modality: ModalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    outlet: OutletOpt = None,
    article: ArticleOpt = None,
    show_evidence: Annotated[
        bool,
        typer.Option("--show-evidence", help="Show each event's sentence, article and copies."),
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many.")] = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List coded events, filtered; with --show-evidence, the sentences behind them."""
    flt = _filter(actor, source, target, dyad, undirected, cameo, root, plover, quad, polarity,
                  modality, since, until, text, outlet, article)
    with _open_store(db, read_only=True) as store:
        total = store.count_events(flt)
        rows = store.events(flt, limit=limit or None)
        evidence = store.evidence(r["article_id"] for r in rows) if show_evidence else {}
    if fmt != "table":
        _print_rows(rows, fmt, evidence if show_evidence else None)
        return
    if not rows:
        err.print("no events match")
        return
    if show_evidence:
        for row in rows:
            _print_evidence(row, evidence.get(row["article_id"], {}))
    else:
        table = Table(show_lines=False)
        for name in ("date", "source", "event", "target", "polarity", "quad", "n", "sentence"):
            table.add_column(name, no_wrap=name != "sentence")
        for row in rows:
            table.add_row(
                row["date"] or "-",
                row["source_code"] or "-",
                f"{row['cameo_code']} {row['plover_type']}".strip(),
                row["target_code"] or "-",
                row["polarity"],
                str(row["quad_class"] or "?"),
                str(row["num_articles"]),
                escape(_clip(row["sentence"], 90)),
            )
        out.print(table)
    if total > len(rows):
        err.print(f"showing {len(rows)} of {total:,} events (--limit to see more)")


def _print_evidence(row: dict[str, Any], article: dict[str, Any]) -> None:
    reported = row["num_articles"]
    out.print(
        f"[bold]{row['date'] or 'undated'}[/]  {escape(row['source_code'] or '?')} "
        f"-[{escape(row['cameo_code'])} {escape(row['plover_type'])}"
        f"{' NEGATED' if row['polarity'] == 'negated' else ''}]-> "
        f"{escape(row['target_code'] or '?')}   "
        f"[dim]{row['modality']}, Goldstein {goldstein_text(row['goldstein'])}, QuadClass "
        f"{row['quad_class'] or '?'}, reported by {reported} "
        f"article{'s' if reported != 1 else ''}, "
        f"event {row['event_id']}[/]"
    )
    sentence = row["sentence"] or ""
    trigger = row["trigger"] or ""
    at = sentence.lower().find(trigger.lower()) if trigger else -1
    if at >= 0:
        shown = (f"{escape(sentence[:at])}[bold underline]{escape(sentence[at:at + len(trigger)])}"
                 f"[/]{escape(sentence[at + len(trigger):])}")
    else:
        shown = escape(sentence)
    out.print(f"  “{shown}”")
    out.print(f"  [dim]sentence {row['sentence_index']}, characters {row['span_start']}-"
              f"{row['span_end']}, confidence {row['confidence']:.2f}"
              f"{', said by ' + escape(row['attributed_to']) if row['attributed_to'] else ''}[/]")
    if article:
        published = article.get("published") or "undated"
        out.print(f"  article: {escape(article.get('title') or '(untitled)')} - "
                  f"{escape(article.get('outlet') or 'unknown outlet')}, {published}, "
                  f"{escape(article.get('url') or article.get('source') or '')}")
        for copy in article.get("copies", []):
            out.print(f"  also:    {escape(copy.get('outlet') or '?')}: "
                      f"{escape(copy.get('title') or '')} {escape(copy.get('url') or '')} "
                      f"[dim](similarity {copy.get('similarity') or 0:.2f})[/]")
    out.print()


def _print_rows(
    rows: list[dict[str, Any]], fmt: str, evidence: dict[str, dict[str, Any]] | None
) -> None:
    import csv

    if evidence is not None:
        rows = [{**r, "article": evidence.get(r["article_id"], {})} for r in rows]
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, default=str) if isinstance(v, dict) else v
                         for k, v in row.items()})


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def actors_command(
    db: DbOption = None,
    code: Annotated[str | None, typer.Option("--code", help="Actor code prefix.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many.")] = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List the actors seen in events, with how often they act and are acted upon."""
    with _open_store(db, read_only=True) as store:
        rows = store.actors(code=code, limit=limit or None)
    if fmt != "table":
        _print_rows(rows, fmt, None)
        return
    if not rows:
        err.print("no actors yet")
        return
    table = Table()
    numeric = {"events", "as source", "as target", "articles"}
    for name in ("code", "name", "country", "sector", "events", "as source", "as target",
                 "articles", "first seen", "last seen"):
        # Codes, counts and dates never wrap; the name takes what width is left.
        table.add_column(name, justify="right" if name in numeric else "left",
                         no_wrap=name != "name")
    for r in rows:
        table.add_row(
            escape(r["code"]), escape(r["name"] or ""), r["country"] or "", r["sector"] or "",
            str(r["count"]), str(r["as_source"]), str(r["as_target"]), str(r["articles"]),
            r["first_seen"] or "-", r["last_seen"] or "-",
        )
    out.print(table)


def failures_command(
    db: DbOption = None,
    kind: Annotated[
        Literal["error", "skipped", "warning"] | None,
        typer.Option("--kind", help="Only failures of this kind."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many.")] = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List the items that could not be used as they were, and why."""
    with _open_store(db, read_only=True) as store:
        rows = store.failures(kind=kind, limit=limit or None)
    if fmt != "table":
        _print_rows(rows, fmt, None)
        return
    if not rows:
        err.print("no failures recorded")
        return
    table = Table()
    for name in ("time (UTC)", "kind", "item", "reason", "seen"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(f"{r['time']:%Y-%m-%d %H:%M:%S}", r["kind"], escape(r["item"]),
                      escape(r["reason"]), str(r["count"]))
    out.print(table)


# -- export -------------------------------------------------------------------------------------


def export_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="File to write (a folder with --partition-by-month;"
                     " - for standard output with csv/jsonl)."),
    ],
    fmt: Annotated[
        Literal["parquet", "csv", "jsonl"], typer.Option("--format", "-f", help="File format.")
    ] = "parquet",
    partition_by_month: Annotated[
        bool,
        typer.Option("--partition-by-month", help="Parquet: one month=YYYY-MM folder per month."),
    ] = False,
    with_articles: Annotated[
        bool,
        typer.Option("--with-articles", help="Add the article's title, outlet, url, published."),
    ] = False,
    db: DbOption = None,
    actor: ActorOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    dyad: DyadOpt = None,
    undirected: UndirectedOpt = False,
    cameo: CameoOpt = None,
    root: RootOpt = None,
    plover: PloverOpt = None,
    quad: QuadOpt = None,
    polarity: PolarityOpt = None,
    modality: ModalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    outlet: OutletOpt = None,
    article: ArticleOpt = None,
) -> None:
    """Export events (the documented columns) to Parquet, CSV or JSONL, with the same filters."""
    from foedus.store import StoreError

    if partition_by_month and fmt != "parquet":
        raise typer.BadParameter("only with --format parquet", param_hint="--partition-by-month")
    if str(output) == "-" and fmt == "parquet":
        raise typer.BadParameter("Parquet needs a file, not standard output", param_hint="-o")
    flt = _filter(actor, source, target, dyad, undirected, cameo, root, plover, quad, polarity,
                  modality, since, until, text, outlet, article)
    with _open_store(db, read_only=True) as store:
        try:
            written = store.export(
                "-" if str(output) == "-" else output, fmt, flt,
                partition_by_month=partition_by_month, with_articles=with_articles,
            )
        except (StoreError, OSError) as exc:
            raise _fail(f"{output}: {exc}") from None
    if str(output) != "-":
        err.print(f"wrote {written:,} events to {escape(str(output))}")
