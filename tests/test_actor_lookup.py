"""Resolving a short actor string on its own (foedus.actors.lookup)."""

from __future__ import annotations

import datetime as dt

import pytest

from foedus.actors.lookup import resolve_actor_text, resolve_actor_texts
from foedus.events.coder import Coder


@pytest.fixture(autouse=True)
def _model_loaded(coder: Coder) -> Coder:
    """The session coder: the model is loaded once for all these tests."""
    return coder


@pytest.mark.parametrize("text, code, country, sector", [
    ("Russian troops", "RUSMIL", "RUS", "MIL"),
    ("France", "FRA", "FRA", ""),
    ("Collective Security Treaty Organization", "IGOCSTO", "", "IGO"),
    ("soldiers", "MIL", "", "MIL"),  # a bare sector word: no country, the sector as its code
])
def test_strings(text: str, code: str, country: str, sector: str) -> None:
    actor = resolve_actor_text(text)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector) == (code, country, sector)


def test_nothing_recognised() -> None:
    assert resolve_actor_text("aljsndgojnown") is None
    assert resolve_actor_text("") is None


def test_context_supplies_the_country() -> None:
    actor = resolve_actor_text("the defence minister", context="German")
    assert actor is not None and actor.country == "DEU"


def test_office_holders_by_date() -> None:
    actor = resolve_actor_text("Vladimir Putin", date=dt.date(2022, 3, 1))
    assert actor is not None and actor.country == "RUS"


def test_batch_keeps_order() -> None:
    actors = resolve_actor_texts(["France", "nothing at all here", "Russian troops"])
    assert [a.code if a else None for a in actors] == ["FRA", None, "RUSMIL"]
