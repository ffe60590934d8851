"""Normalisation shared by every reader: bytes to text, dates, and the Article itself."""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, datetime
from datetime import date as Date
from functools import lru_cache
from typing import Any

from foedus.ingest.items import ReadOptions
from foedus.ingest.language import detect_language, non_english
from foedus.records import Article, Failure

#: Bytes examined when deciding whether a file is binary.
SNIFF_BYTES = 8192
#: Share of replaced characters above which an invalid-UTF-8 text counts as unreadable.
MAX_REPLACED_SHARE = 0.25
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DOTTED_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}\b")
#: Dates outside this range are taken as parsing accidents (a number read as a year).
_YEARS = (1800, 2200)


class ReadError(Exception):
    """An item that cannot be read; the message is the one-line reason."""


def decode_bytes(data: bytes, item: str) -> tuple[str, list[Failure]]:
    """Decode a file's or response's bytes as text, with warnings for what was repaired.

    Invalid UTF-8 is decoded with replacement characters and a recorded warning rather than
    failed, so a text with one bad byte is not lost; it fails only when little readable is left.
    Raises :class:`ReadError` for empty and binary input.
    """
    if not data.strip():
        raise ReadError("empty file" if data == b"" else "no text (only whitespace)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16 ({exc.reason})") from exc
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        replaced = text.count("\ufffd")
        visible = sum(1 for ch in text if not ch.isspace())
        if visible == 0 or replaced / visible > MAX_REPLACED_SHARE:
            raise ReadError("not readable as UTF-8 text (mostly invalid bytes)") from exc
        warning = Failure.now(
            item,
            f"invalid UTF-8 at byte {exc.start}: {replaced} character(s) replaced with U+FFFD",
            kind="warning",
        )
        return text, [warning]
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        raise ReadError("binary file (control characters), not text")
    return text, []


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    # dateparser takes about a second to import; only texts with unusual dates pay for it.
    import dateparser

    return dateparser


def parse_date(value: Any) -> Date | None:
    """The calendar date in ``value``, None when it is empty; ValueError when it is not a date.

    Fast paths for date objects, epoch numbers, ISO 8601 and RFC 2822 (feeds), then dateparser
    for everything else ("5 March 2024", "03/05/2024 10:00", "Tue, 5 Mar 2024"). Relative
    dates ("yesterday") and dates without a year are refused: they depend on the day of the run,
    and foedus promises the same events for the same input.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _check_year(value.date(), value)
    if isinstance(value, Date):
        return _check_year(value, value)
    if isinstance(value, time.struct_time):
        return _check_year(Date(value.tm_year, value.tm_mon, value.tm_mday), value)
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        return _check_year(datetime.fromtimestamp(seconds, UTC).date(), value)
    text = " ".join(str(value).split())
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            return _check_year(datetime.fromisoformat(text.replace("Z", "+00:00")).date(), text)
        except ValueError:
            try:
                return _check_year(Date.fromisoformat(text[:10]), text)
            except ValueError:
                pass
    try:
        return _check_year(email.utils.parsedate_to_datetime(text).date(), text)
    except (TypeError, ValueError, IndexError):
        pass
    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if _DOTTED_DATE.match(text):
        settings["DATE_ORDER"] = "DMY"  # 05.03.2024 is the 5th of March wherever dots are used
    parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    if parsed is None:
        raise ValueError(f"unparseable date {text[:60]!r}")
    return _check_year(parsed.date(), text)


def _check_year(day: Date, raw: Any) -> Date:
    if not _YEARS[0] <= day.year <= _YEARS[1]:
        raise ValueError(f"implausible date {str(raw)[:60]!r}")
    return day


def make_article(
    text: str,
    *,
    item: str,
    options: ReadOptions,
    title: Any = "",
    outlet: Any = "",
    url: Any = "",
    date_value: Any = None,
    source: str = "",
) -> list[Article | Failure]:
    """Build the Article for one item, or say why not.

    Returns the article (with any warnings first), a ``skipped`` failure for a non-English text,
    or an ``error`` failure for an empty one. A date that cannot be parsed does not lose the
    article: it is kept without a date and the problem recorded as a warning.
    """
    out: list[Article | Failure] = []
    if not text or not text.strip():
        return [Failure.now(item, "no text")]
    try:
        published = parse_date(date_value)
    except ValueError as exc:
        published = None
        out.append(Failure.now(item, f"{exc}; kept without a date", kind="warning"))
    article = Article.from_text(
        text,
        title=_plain(title),
        outlet=_plain(outlet),
        url=_plain(url),
        published=published,
        source=source or item,
    )
    if options.check_language:
        lang = non_english(article.text)
        if lang is not None:
            return [Failure.now(item, f"not English (detected language {lang!r})", kind="skipped")]
    return [*out, article]


def _plain(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


__all__ = ["ReadError", "decode_bytes", "detect_language", "make_article", "parse_date"]
