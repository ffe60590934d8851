"""The small public Python API: code text into events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from foedus.dates import iso_date
from foedus.records import Article, Event

if TYPE_CHECKING:
    from foedus.events.coder import Coder

DateLike = dt.date | str | None


def parse_date(value: DateLike) -> dt.date | None:
    """A date from a ``date``, an ISO string or None; raises ValueError naming a bad value."""
    return iso_date(value)


@lru_cache(maxsize=8)
def _cached_coder(actor_files: tuple[str, ...], pattern_files: tuple[str, ...],
                  shipped_actors: bool, min_actors: int, shipped_patterns: bool) -> Coder:
    from foedus.events.coder import Coder

    return Coder(actor_files, pattern_files, shipped_actors=shipped_actors,
                 min_actors=min_actors, shipped_patterns=shipped_patterns)


def get_coder(actor_files: Sequence[Path | str] = (), pattern_files: Sequence[Path | str] = (),
              *, shipped_actors: bool = True, min_actors: int = 2,
              shipped_patterns: bool = True) -> Coder:
    """A coder for these dictionaries and patterns, built once per process and reused."""
    return _cached_coder(tuple(str(Path(p)) for p in actor_files),
                         tuple(str(Path(p)) for p in pattern_files), shipped_actors, min_actors,
                         shipped_patterns)


def code_text(text: str, date: DateLike = None, *, actors: Sequence[Path | str] = (),
              patterns: Sequence[Path | str] = ()) -> list[Event]:
    """Code one text into events. ``date`` is the article's date (it dates the events)."""
    return code_texts([text], [date], actors=actors, patterns=patterns)[0]


def code_texts(
    texts: Iterable[str],
    dates: Iterable[DateLike] | None = None,
    *,
    actors: Sequence[Path | str] = (),
    patterns: Sequence[Path | str] = (),
    batch_size: int = 32,
) -> list[list[Event]]:
    """Code many texts in batches; returns one list of events per text, in order."""
    texts = list(texts)
    date_list = list(dates) if dates is not None else [None] * len(texts)
    if len(date_list) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(date_list)} dates")
    articles = [Article.from_text(t, published=parse_date(d)) for t, d in zip(texts, date_list,
                                                                             strict=True)]
    coder = get_coder(actors, patterns)
    return [events for _, events in coder.code_articles(articles, batch_size=batch_size)]
