"""The small public Python API: code text into events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from foedus.records import Article, Event

if TYPE_CHECKING:
    from foedus.events.coder import Coder

DateLike = dt.date | str | None


def parse_date(value: DateLike) -> dt.date | None:
    """A date from a ``date``, an ISO string or None; raises ValueError naming a bad value."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


@lru_cache(maxsize=4)
def _cached_coder(actor_files: tuple[str, ...]) -> Coder:
    from foedus.events.coder import Coder

    return Coder(actor_files)


def get_coder(actor_files: Sequence[Path | str] = ()) -> Coder:
    """A coder for these dictionaries, built once per process and reused."""
    return _cached_coder(tuple(str(Path(p)) for p in actor_files))


def code_text(text: str, date: DateLike = None, *, actors: Sequence[Path | str] = ()
              ) -> list[Event]:
    """Code one text into events. ``date`` is the article's date (it dates the events)."""
    return code_texts([text], [date], actors=actors)[0]


def code_texts(
    texts: Iterable[str],
    dates: Iterable[DateLike] | None = None,
    *,
    actors: Sequence[Path | str] = (),
    batch_size: int = 32,
) -> list[list[Event]]:
    """Code many texts in batches; returns one list of events per text, in order."""
    texts = list(texts)
    date_list = list(dates) if dates is not None else [None] * len(texts)
    if len(date_list) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(date_list)} dates")
    articles = [Article.from_text(t, published=parse_date(d)) for t, d in zip(texts, date_list,
                                                                             strict=True)]
    coder = get_coder(actors)
    return [events for _, events in coder.code_articles(articles, batch_size=batch_size)]
