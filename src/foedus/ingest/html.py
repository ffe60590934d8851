"""HTML pages: main text and metadata extracted with trafilatura.

trafilatura separates an article's body from navigation, adverts and comments, and reads the
title, date and site name from the page's metadata. Metadata already known from elsewhere (a
feed item's title and date) wins over what the page says, because feeds state it explicitly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import trafilatura

from foedus.ingest.items import RawItem, ReadOptions
from foedus.ingest.normalise import ReadError, make_article
from foedus.ingest.text import read_file_limited
from foedus.records import Article, Failure

#: Fewer letters than this in the extracted text means the page has no article text.
MIN_TEXT_LETTERS = 40
_DATE_PARAMS = {"original_date": True, "extensive_search": True}


def read_html_item(item: RawItem, options: ReadOptions) -> list[Article | Failure]:
    """Read one local .html file."""
    try:
        data = read_file_limited(Path(item.locator), options.max_bytes)
    except ReadError as exc:
        return [Failure.now(item.locator, str(exc))]
    except OSError as exc:
        return [Failure.now(item.locator, f"cannot read file: {exc.strerror or exc}")]
    return html_to_articles(data, item=item.locator, options=options, meta=item.meta)


def html_to_articles(
    data: bytes | str,
    *,
    item: str,
    options: ReadOptions,
    meta: dict[str, Any] | None = None,
    url: str = "",
) -> list[Article | Failure]:
    """Extract the article in an HTML document (bytes: the page's declared charset is honoured)."""
    meta = meta or {}
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        return [Failure.now(item, "empty file")]
    if b"\x00" in raw[:8192]:
        return [Failure.now(item, "binary file (contains NUL bytes), not HTML")]
    try:
        doc = trafilatura.bare_extraction(
            raw,
            url=url or meta.get("url") or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a parser bug on one page must not stop the batch
        return [Failure.now(item, f"HTML extraction failed: {type(exc).__name__}: {exc}")]
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if sum(ch.isalpha() for ch in text) < MIN_TEXT_LETTERS:
        # On a page without an article trafilatura's fallbacks return what is left, such as a
        # menu's "Home": that is not a text to code.
        return [Failure.now(item, "no main text found in the HTML page")]
    return make_article(
        text,
        item=item,
        options=options,
        title=meta.get("title") or getattr(doc, "title", "") or "",
        outlet=meta.get("outlet") or getattr(doc, "sitename", "") or getattr(doc, "hostname", ""),
        url=url or meta.get("url") or getattr(doc, "url", "") or "",
        date_value=meta.get("date") or getattr(doc, "date", None),
        source=item,
    )


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML snippet (a feed item's summary), paragraphs kept apart."""
    if "<" not in fragment:
        return fragment
    return trafilatura.html2txt(f"<html><body>{fragment}</body></html>") or ""
