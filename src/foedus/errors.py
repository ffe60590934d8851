"""Errors that foedus reports to users as one line, never as a traceback."""

from __future__ import annotations


class FoedusError(Exception):
    """Base class: the message is a complete one-line explanation naming the item."""


class InputError(FoedusError):
    """An input item (file, URL, record) that cannot be read."""
