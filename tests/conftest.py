"""Shared fixtures: one coder per test session (loading the model takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def coder():
    from foedus.api import get_coder

    return get_coder()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
