"""What readers pass between the cheap listing step and the parsing step.

Listing a source (walking a folder, splitting a JSONL dump into lines, reading a feed's entries)
is cheap and runs in the main process; turning one item into an :class:`~foedus.records.Article`
(reading and decoding a file, extracting an HTML page's main text, fetching a URL, detecting the
language) is the costly part and runs in worker processes. :class:`RawItem` is the small,
picklable hand-over between the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SourceKind = Literal["auto", "text", "markdown", "html", "jsonl", "csv", "feed", "url", "urls"]
SOURCE_KINDS: tuple[str, ...] = (
    "auto", "text", "markdown", "html", "jsonl", "csv", "feed", "url", "urls"
)

#: File name endings and the reader each one gets, when the kind is "auto".
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".urls": "urls",
}

#: Field names tried, in order, when a JSONL/CSV option is not given.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate", "published_at", "datetime"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "publisher", "site", "domain"),
}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How sources are read. Every field has a default that suits a folder of news files."""

    kind: str = "auto"  # force one reader for every source ("auto": by URL scheme / extension)
    text_field: str | None = None  # JSONL/CSV field names; None tries DEFAULT_FIELDS
    title_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    outlet_field: str | None = None
    delimiter: str | None = None  # CSV; None: tab for .tsv, comma otherwise
    follow_links: bool = False  # feeds: fetch each item's page for the full text
    timeout: float = 10.0  # seconds, per HTTP request (connect, read, write, pool)
    max_bytes: int = 10_000_000  # largest file or HTTP response read
    check_language: bool = True  # skip articles not detected as English
    user_agent: str = "foedus (+https://pypi.org/project/foedus/)"

    def field_names(self, name: str) -> tuple[tuple[str, ...], bool]:
        """The field names to try for ``name`` and whether the user named one explicitly."""
        given = getattr(self, f"{name}_field")
        if given:
            return (given,), True
        return DEFAULT_FIELDS[name], False


@dataclass(frozen=True, slots=True)
class RawItem:
    """One unit of reading work: a file to read, a record to build, a URL to fetch.

    ``locator`` is a path or URL (what a failure names); ``meta`` carries what is already known
    (title, date, url, outlet, and for records the text itself, for feed links a fallback text).
    """

    kind: str  # "text" | "markdown" | "html" | "record" | "url"
    locator: str
    meta: dict[str, Any] = field(default_factory=dict)
