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


@pytest.mark.parametrize("text, day, code", [
    # named bodies, with capitals; a group's code can depend on the date
    ("Hezbollah", None, "LBNREB"),
    ("the Pentagon", None, "USAMIL"),
    ("Taliban", dt.date(2002, 5, 1), "AFGREB"),
    ("Taliban", dt.date(2022, 5, 1), "AFGGOV"),
    ("Rapid Support Forces", dt.date(2020, 1, 1), "SDNMIL"),
    ("Rapid Support Forces", dt.date(2024, 1, 1), "SDNREB"),
    ("PAN", None, "MEXPTY"),
    # places give their state; a bare one is the people there
    ("Shanghai police", None, "CHNCOP"),
    ("Rakhine rebels", None, "MMRREB"),
    ("Mariupol", None, "UKRCVL"),
    # readings of a string on its own: capitals, former officials, out of office
    ("Tehran", None, "IRNGOV"),
    ("a former CIA official", None, "USAELI"),
    ("Angela Merkel", dt.date(2022, 1, 10), "DEUELI"),
    ("Angela Merkel", dt.date(2017, 4, 1), "DEUGOV"),
    ("ordinary Kazakhs", None, "KAZCVL"),
    # the longest known ending of the phrase gives the sector
    ("Ukrainian agricultural workers", None, "UKRAGR"),
    ("the Saudi National Guard", None, "SAUMIL"),
    # people with a sector of their own, and two entries resolved by date
    ("Navalny", None, "RUSOPP"),
    ("Vladimir Putin", dt.date(1999, 1, 1), "RUSSPY"),
    ("Vladimir Putin", None, "RUSGOV"),
])
def test_dictionary_readings(text: str, day: dt.date | None, code: str) -> None:
    actor = resolve_actor_text(text, day)
    assert actor is not None and actor.code == code


def test_bodies_need_their_capitals() -> None:
    assert resolve_actor_text("pan") is None
