"""JSONL and CSV dumps: one article per line or row, with configurable field names.

The dump is split into records in the main process (cheap, streaming, constant memory); each
record becomes an article in a worker. Field names come from the options (``--text-field`` ...)
or, when not given, the usual names are tried (see :data:`~foedus.ingest.items.DEFAULT_FIELDS`).
JSONL fields may be dotted paths into nested objects (``meta.title``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from foedus.ingest.items import DEFAULT_FIELDS, RawItem, ReadOptions
from foedus.ingest.normalise import make_article
from foedus.records import Article, Failure

FIELDS = tuple(DEFAULT_FIELDS)  # text, title, date, url, outlet


def _open_dump(path: Path, locator: str, kind: str) -> BinaryIO | Failure:
    """The dump opened for reading at its start, or the failure that stops it whole
    (unreadable, empty, or binary rather than ``kind``)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        return Failure.now(locator, f"cannot read file: {exc.strerror or exc}")
    head = handle.read(8192)
    problem = ("empty file" if not head.strip() else
               f"binary file (contains NUL bytes), not {kind}" if b"\x00" in head else "")
    if problem:
        handle.close()
        return Failure.now(locator, problem)
    handle.seek(0)
    return handle


def iter_jsonl(path: Path, locator: str, options: ReadOptions) -> Iterator[RawItem | Failure]:
    """One record per non-blank line; a malformed line is recorded and the rest still read."""
    handle = _open_dump(path, locator, "JSONL")
    if isinstance(handle, Failure):
        yield handle
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            item = f"{locator}:{lineno}"
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw.decode("utf-8-sig", errors="replace")
                yield Failure.now(
                    item, f"invalid UTF-8 at byte {exc.start} of the line; replaced", "warning"
                )
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Failure.now(item, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield Failure.now(item, f"a JSON {type(obj).__name__}, not an object")
                continue
            yield _record(obj, item, options, lookup=_dotted)


def iter_csv(path: Path, locator: str, options: ReadOptions) -> Iterator[RawItem | Failure]:
    """One record per row; the header must hold the text column (and any column named)."""
    delimiter = options.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    csv.field_size_limit(max(options.max_bytes, 131072))
    binary = _open_dump(path, locator, "CSV")
    if isinstance(binary, Failure):
        yield binary
        return
    with binary:
        # Invalid UTF-8 is replaced rather than failing the whole file; rows that held it are
        # flagged below by their replacement characters.
        handle = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.DictReader(handle, delimiter=delimiter)
        header = [h for h in (reader.fieldnames or []) if h is not None]
        problem = _check_header(header, options)
        if problem:
            yield Failure.now(locator, problem)
            return
        try:
            for row in reader:
                item = f"{locator}:{reader.line_num}"
                values = [v for v in row.values() if isinstance(v, str)]
                if any("\ufffd" in value for value in values):
                    yield Failure.now(item, "invalid UTF-8 in the row; replaced", "warning")
                yield _record(row, item, options, lookup=dict.get)
        except csv.Error as exc:
            yield Failure.now(
                f"{locator}:{reader.line_num}",
                f"malformed CSV ({exc}); the rest of the file skipped",
            )


def _check_header(header: list[str], options: ReadOptions) -> str:
    if not header:
        return "no header row"
    columns = ", ".join(header)
    for name in FIELDS:
        names, explicit = options.field_names(name)
        if explicit and names[0] not in header:
            return f"no column {names[0]!r} (columns: {columns})"
        if name == "text" and not explicit and not any(n in header for n in names):
            return f"no text column (tried {', '.join(names)}; columns: {columns})"
    return ""


def _record(obj: dict[str, Any], item: str, options: ReadOptions, lookup: Any) -> RawItem | Failure:
    meta: dict[str, Any] = {}
    for name in FIELDS:
        names, explicit = options.field_names(name)
        value = None
        for candidate in names:
            value = lookup(obj, candidate)
            if value not in (None, ""):
                break
        if name == "text" and value in (None, ""):
            wanted = names[0] if explicit else "text (or " + ", ".join(names[1:]) + ")"
            return Failure.now(item, f"no {wanted} field, or it is empty")
        meta[name] = value
    text = meta.pop("text")
    if not isinstance(text, str):
        return Failure.now(item, f"the text field is a {type(text).__name__}, not a string")
    return RawItem("record", item, {"text": text, **meta})


def _dotted(obj: dict[str, Any], path: str) -> Any:
    if path in obj:
        return obj[path]
    value: Any = obj
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def read_record_item(item: RawItem, options: ReadOptions) -> list[Article | Failure]:
    """Build the article of one JSONL/CSV record or feed entry."""
    meta = item.meta
    return make_article(
        meta["text"],
        item=item.locator,
        options=options,
        title=meta.get("title") or "",
        outlet=meta.get("outlet") or "",
        url=meta.get("url") or "",
        date_value=meta.get("date"),
        source=item.locator,
    )
