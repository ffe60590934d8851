"""Readers: every source kind yields the same :class:`~foedus.records.Article` record.

Two steps, so that the costly one can run in worker processes:

* :func:`iter_items` lists the sources (walks folders, splits JSONL/CSV dumps and URL lists,
  reads feed entries) into small :class:`RawItem` units of work, streaming, in a stable order;
* :func:`parse_item` turns one item into articles: it reads and decodes a file, extracts an HTML
  page's main text, fetches a URL, parses the date and detects the language. It may also return
  new items (a fetched feed's entries), which are parsed in turn.

:func:`read_sources` chains the two in one process. Nothing here raises for bad input: every
problem is a :class:`~foedus.records.Failure` in the stream, naming the item and the reason.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from foedus.ingest.feeds import iter_feed
from foedus.ingest.html import read_html_item
from foedus.ingest.items import EXTENSIONS, SOURCE_KINDS, RawItem, ReadOptions
from foedus.ingest.tabular import iter_csv, iter_jsonl, read_record_item
from foedus.ingest.text import read_file_limited, read_text_item
from foedus.ingest.urls import is_url, iter_url_list, read_url_item
from foedus.records import Article, Failure

__all__ = [
    "EXTENSIONS",
    "SOURCE_KINDS",
    "RawItem",
    "ReadOptions",
    "iter_items",
    "parse_item",
    "read_sources",
]

Parsed = Article | Failure | RawItem
#: A store kept beside its sources (``foedus ingest .``) is not a source: passed over silently.
_STORE_ENDINGS = (".duckdb", ".duckdb.wal", ".duckdb.tmp")


def read_sources(
    sources: Iterable[str | os.PathLike[str]], options: ReadOptions | None = None
) -> Iterator[Article | Failure]:
    """Every article (and every failure) in the sources, in order, in this process."""
    options = options or ReadOptions()
    for listed in iter_items(sources, options):
        if isinstance(listed, Failure):
            yield listed
            continue
        pending: deque[RawItem] = deque([listed])
        while pending:
            for result in parse_item(pending.popleft(), options):
                if isinstance(result, RawItem):
                    pending.append(result)
                else:
                    yield result


def iter_items(
    sources: Iterable[str | os.PathLike[str]], options: ReadOptions
) -> Iterator[RawItem | Failure]:
    """The units of work in the sources: cheap to produce, streaming, in a stable order."""
    if options.kind not in SOURCE_KINDS:
        raise ValueError(f"unknown source kind {options.kind!r}; one of {', '.join(SOURCE_KINDS)}")
    for source in sources:
        text = os.fspath(source)
        if is_url(text) and options.kind in ("auto", "url", "feed", "html", "text"):
            yield RawItem("url", text)
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk(path, options)
        elif path.is_file():
            yield from _file_items(path, text, _kind_for(path, options.kind), options)
        elif path.exists():
            yield Failure.now(text, "not a regular file or folder")
        else:
            yield Failure.now(text, "no such file or folder")


def parse_item(item: RawItem, options: ReadOptions) -> list[Parsed]:
    """Turn one unit of work into articles, failures and (for fetched feeds) further items.

    A pure step (its result depends only on the item, the options and, for URLs, the network);
    any unexpected error is caught and returned as a failure, so one bad item never stops a batch.
    """
    try:
        if item.kind in ("text", "markdown"):
            return list(read_text_item(item, options))
        if item.kind == "html":
            return list(read_html_item(item, options))
        if item.kind == "record":
            return list(read_record_item(item, options))
        if item.kind == "url":
            return read_url_item(item, options)
        return [Failure.now(item.locator, f"no reader for item kind {item.kind!r}")]
    except Exception as exc:  # a reader bug must cost one item, not the run
        return [Failure.now(item.locator, f"unexpected error: {type(exc).__name__}: {exc}")]


def _kind_for(path: Path, forced: str) -> str:
    if forced != "auto":
        return forced
    # Unknown endings are tried as text: the text reader refuses binary files with a clear reason.
    return EXTENSIONS.get(path.suffix.lower(), "text")


def _walk(root: Path, options: ReadOptions) -> Iterator[RawItem | Failure]:
    """Files under a folder, recursively, sorted (so ids, order and failures are reproducible).

    Hidden files and folders are ignored; files whose ending no reader knows are recorded as
    skipped rather than guessed at, since folders often hold images and other attachments.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(_STORE_ENDINGS):
                continue
            path = Path(dirpath) / name
            locator = str(path)
            if options.kind != "auto":
                yield from _file_items(path, locator, options.kind, options)
                continue
            kind = EXTENSIONS.get(path.suffix.lower())
            if kind is None:
                yield Failure.now(locator, f"unsupported file type {path.suffix or '(none)'!r}",
                                  kind="skipped")
                continue
            yield from _file_items(path, locator, kind, options)


def _file_items(
    path: Path, locator: str, kind: str, options: ReadOptions
) -> Iterator[RawItem | Failure]:
    if kind in ("text", "markdown", "html"):
        yield RawItem(kind, locator)
    elif kind == "jsonl":
        yield from iter_jsonl(path, locator, options)
    elif kind == "csv":
        yield from iter_csv(path, locator, options)
    elif kind == "urls":
        yield from iter_url_list(path, locator)
    elif kind == "feed":
        try:
            data = read_file_limited(path, options.max_bytes)
        except Exception as exc:  # OSError or too large: one clear line either way
            yield Failure.now(locator, f"cannot read feed: {exc}")
            return
        yield from iter_feed(data, locator, options)
    elif kind == "url":
        yield Failure.now(locator, "--kind url expects URLs; use --kind urls for a file of URLs")
    else:
        yield Failure.now(locator, f"no reader for kind {kind!r}")
