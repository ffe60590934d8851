"""``foedus ingest``, ``events``, ``actors``, ``export`` (being written)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the CLI."""
