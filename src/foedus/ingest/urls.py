"""URLs: lists of them, and turning one fetched URL into articles (a page, a text or a feed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from foedus.ingest.feeds import iter_feed, looks_like_feed
from foedus.ingest.html import html_to_articles
from foedus.ingest.items import RawItem, ReadOptions
from foedus.ingest.normalise import ReadError, decode_bytes, make_article
from foedus.ingest.web import fetch
from foedus.records import Article, Failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def iter_url_list(path: Path, locator: str) -> Iterator[RawItem | Failure]:
    """One URL per line; blank lines and ``#`` comments are ignored."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Failure.now(locator, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line or line.startswith("#"):
                continue
            if not is_url(line):
                yield Failure.now(f"{locator}:{lineno}", f"not an http(s) URL: {line[:80]!r}")
                continue
            yield RawItem("url", line)


def read_url_item(item: RawItem, options: ReadOptions) -> list[Article | Failure | RawItem]:
    """Fetch a URL and read what came back by its content type (sniffed when vague)."""
    meta = item.meta
    try:
        got = fetch(item.locator, options)
    except ReadError as exc:
        fallback = meta.get("fallback_text") or ""
        if fallback.strip():
            # A feed item whose page failed still has the feed's own text: use it, say so.
            warning = Failure.now(
                item.locator, f"{exc}; used the feed's text instead of the page", "warning"
            )
            return [warning, *make_article(
                fallback, item=meta.get("feed_item", item.locator), options=options,
                title=meta.get("title"), outlet=meta.get("outlet"), url=item.locator,
                date_value=meta.get("date"), source=item.locator,
            )]
        return [Failure.now(item.locator, str(exc))]
    media = got.content_type
    head = got.content[:2048].lstrip().lower()
    if media in _FEED_TYPES or (media in _XML_TYPES or not media) and looks_like_feed(got.content):
        return list(iter_feed(got.content, item.locator, options))
    if media in _HTML_TYPES or (not media or media in _XML_TYPES) and b"<html" in head:
        return list(html_to_articles(got.content, item=item.locator, options=options,
                                     meta=meta, url=got.url))
    if media.startswith("text/") or not media:
        try:
            text, warnings = decode_bytes(got.content, item.locator)
        except ReadError as exc:
            return [Failure.now(item.locator, str(exc))]
        return [*warnings, *make_article(
            text, item=item.locator, options=options, title=meta.get("title"),
            outlet=meta.get("outlet"), url=got.url, date_value=meta.get("date"),
            source=item.locator,
        )]
    return [Failure.now(item.locator, f"unsupported content type {media!r}")]
