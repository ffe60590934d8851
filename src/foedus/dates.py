"""Reading dates from data files and options: one rule for the whole project."""

from __future__ import annotations

import datetime as dt
from typing import Any


def iso_date(value: Any) -> dt.date | None:
    """A date from a ``date``/``datetime``, an ISO string (a time part is ignored) or nothing.

    Raises ValueError for anything else; callers add which file or option it came from.
    """
    if value is None or value == "" or value == "null":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None
