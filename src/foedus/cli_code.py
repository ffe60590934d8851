"""``foedus code`` and ``foedus evaluate`` (being written)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the coding commands to the CLI."""
