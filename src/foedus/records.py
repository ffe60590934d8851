"""The typed records that flow between foedus's layers: the schema, in one place.

Every step of the flow (ingest -> parse -> resolve actors -> code events -> store -> analytics)
takes and returns these records. They are frozen dataclasses of plain values so that they
pickle cheaply across process pools and Dask workers and compare by value in tests.

The names of :class:`Event`'s fields are the public schema: the same names appear in JSONL,
CSV, Parquet, the DuckDB store and the web API. Add fields; never rename them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from datetime import date as Date
from typing import Any, Literal

Polarity = Literal["asserted", "negated"]
Modality = Literal["actual", "intended", "requested", "threatened", "hypothetical"]

POLARITIES: tuple[str, ...] = ("asserted", "negated")
MODALITIES: tuple[str, ...] = ("actual", "intended", "requested", "threatened", "hypothetical")


def normalise_text(text: str) -> str:
    """The canonical form of an article's text, from which its id is derived.

    Unicode NFC, Windows and old-Mac line ends made Unix, trailing spaces stripped from each line,
    runs of blank lines collapsed. Two copies of one story that differ only in such whitespace get
    the same id; a change of a word gives a different one.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def stable_hash(*parts: str, length: int = 16) -> str:
    """A short, stable hex digest of the parts (SHA-256, parts separated by NUL)."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def article_id_for(text: str) -> str:
    """The article id: a hash of the normalised text (so re-ingesting a copy adds nothing)."""
    return stable_hash(normalise_text(text))


@dataclass(frozen=True, slots=True)
class Article:
    """One news item, as every reader yields it.

    ``text`` is the normalised body (the headline, when known, is its first line); character
    offsets in events point into this text.
    """

    article_id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: Date | None = None
    language: str = "en"
    source: str = ""  # where it came from: a path, a URL, "file.jsonl:12"

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str = "",
        outlet: str = "",
        url: str = "",
        published: Date | None = None,
        language: str = "en",
        source: str = "",
    ) -> Article:
        """Build an article, normalising the text and deriving its id.

        When a title is given and the text does not already start with it, the title becomes the
        text's first line, so that headlines are coded like any other sentence.
        """
        body = normalise_text(text)
        title = " ".join(title.split())
        if title and not body.startswith(title):
            body = f"{title}\n{body}" if body else title
        return cls(
            article_id=article_id_for(body),
            text=body,
            title=title,
            outlet=outlet,
            url=url,
            published=published,
            language=language,
            source=source,
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: a CAMEO-style code and its parts.

    ``code`` joins the country (ISO3) and the sector (``RUSMIL``); international organisations
    are ``IGO`` + an acronym (``IGOCSTO``); collectives have their own codes (``WST`` for the West,
    ``RUSALY`` for Russia's allies). ``person`` is set when the mention named an office holder.
    """

    code: str
    name: str
    country: str = ""
    sector: str = ""
    person: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.code


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, how strongly, and says who.

    See the README's "Event schema" section for the meaning of each field.
    """

    event_id: str
    article_id: str
    sentence_index: int
    span_start: int
    span_end: int
    sentence: str
    date: str  # ISO date (YYYY-MM-DD) or "" when neither the article nor the text dates it
    source_code: str
    source_name: str
    source_country: str
    source_sector: str
    target_code: str
    target_name: str
    target_country: str
    target_sector: str
    cameo_code: str
    cameo_root: str
    # None for a code from a user's dictionary that CAMEO's table cannot place ("903")
    goldstein: float | None
    quad_class: int | None
    plover_type: str
    plover_mode: str
    polarity: str
    modality: str
    attributed_to: str
    trigger: str
    confidence: float
    coder_version: str
    num_articles: int = 1  # articles reporting it (the original plus its near-duplicates)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The event as a flat mapping with the schema's column names (no ``extra``)."""
        row = asdict(self)
        row.pop("extra")
        return row


#: The public column order of an event row, in every output format.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event) if f.name != "extra")


def event_id_for(
    article_id: str, span_start: int, span_end: int, cameo_code: str, source: str, target: str
) -> str:
    """The stable event id: a hash of the article, the evidence span, the code and the dyad."""
    return stable_hash(article_id, str(span_start), str(span_end), cameo_code, source, target)


FailureKind = Literal["error", "skipped", "warning"]
FAILURE_KINDS: tuple[str, ...] = ("error", "skipped", "warning")


@dataclass(frozen=True, slots=True)
class Failure:
    """An input item that could not be used as it was, and why.

    ``kind`` says what happened to it: ``error`` (nothing could be read from it), ``skipped`` (read,
    but deliberately left out, e.g. not English) or ``warning`` (read and kept, with a problem worth
    knowing, e.g. invalid UTF-8 replaced or a date that could not be parsed). ``time`` is UTC.
    """

    item: str  # the file, URL or "file.jsonl:12" the problem belongs to
    reason: str  # one line, readable by a person
    time: datetime
    kind: str = "error"

    @classmethod
    def now(cls, item: str, reason: str, kind: FailureKind = "error") -> Failure:
        """A failure stamped with the current UTC time (the reason kept to one line)."""
        return cls(item=item, reason=" ".join(reason.split()), time=datetime.now(UTC), kind=kind)
