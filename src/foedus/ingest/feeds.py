"""RSS and Atom feeds, read with feedparser.

Each entry becomes an article from the text the feed carries (its content, else its summary),
or, with ``follow_links``, from the full page at the entry's link (the feed's text is then the
fallback if the page cannot be fetched). The feed's own title is the outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from foedus.ingest.html import html_fragment_text
from foedus.ingest.items import RawItem, ReadOptions
from foedus.records import Failure

_DATE_KEYS = ("published", "updated", "created")


def looks_like_feed(data: bytes) -> bool:
    """True when the start of a document is an RSS, RDF or Atom root."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def iter_feed(data: bytes, locator: str, options: ReadOptions) -> Iterator[RawItem | Failure]:
    """The entries of one feed document as items (records, or links to fetch)."""
    if not data.strip():
        yield Failure.now(locator, "empty file")
        return
    if b"\x00" in data[:8192]:
        yield Failure.now(locator, "binary file (contains NUL bytes), not a feed")
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield Failure.now(locator, f"not a valid RSS/Atom feed ({reason})")
        else:
            yield Failure.now(locator, "feed has no items", kind="warning")
        return
    outlet = (parsed.get("feed") or {}).get("title", "")
    for index, entry in enumerate(entries, start=1):
        yield _entry_item(entry, f"{locator}#{index}", outlet, options)


def _entry_item(
    entry: Any, item: str, outlet: str, options: ReadOptions
) -> RawItem | Failure:
    link = entry.get("link", "") or ""
    text = _entry_text(entry)
    meta: dict[str, Any] = {
        "title": entry.get("title", ""),
        "url": link,
        "outlet": outlet,
        "date": _entry_date(entry),
    }
    if options.follow_links and link:
        return RawItem("url", link, {**meta, "fallback_text": text, "feed_item": item})
    if not text.strip():
        hint = "" if options.follow_links else " (--follow-links fetches the page)"
        return Failure.now(item, f"feed item has no text{hint}")
    return RawItem("record", item, {**meta, "text": text})


def _entry_text(entry: Any) -> str:
    # The longest of the full contents and the summary: some feeds put the whole story in
    # content:encoded and a teaser in description, others the reverse.
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=len)
    return html_fragment_text(best).strip()


def _entry_date(entry: Any) -> Any:
    # feedparser parses RFC 822 and ISO dates itself; when it cannot, the raw string is passed
    # on so that dateparser gets a chance and, failing that, the item records a warning.
    # dict.get, not entry.get: feedparser's own lookup maps "published" to "updated" with a
    # deprecation warning; the keys are tried in order here instead.
    for key in _DATE_KEYS:
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            return parsed
    for key in _DATE_KEYS:
        raw = dict.get(entry, key)
        if raw:
            return raw
    return None
