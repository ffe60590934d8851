"""The alliance knowledge base: loading, membership on dates, lookup, user files, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from foedus.alliances import (
    Alliance,
    AllianceError,
    Membership,
    Obligation,
    is_member,
    load_alliances,
    members,
)

D = dt.date


@pytest.fixture(scope="module")
def kb():
    return load_alliances()


def test_shipped_file_loads_with_typed_records(kb) -> None:
    assert len(kb) == 16
    csto = kb.get("CSTO")
    assert isinstance(csto, Alliance)
    assert all(isinstance(m, Membership) for m in csto.memberships)
    assert all(isinstance(o, Obligation) for o in csto.obligations)
    assert csto.leader == "RUS" and csto.actor_code == "IGOCSTO"
    assert csto.in_force == D(1994, 4, 20)
    assert csto.strongest_obligation().type == "defence"
    assert {o.type for o in csto.obligations} == {"defence", "non_aggression", "consultation"}


def test_members_on_dates_follow_spells_and_suspensions(kb) -> None:
    csto = kb.get("CSTO")
    assert members(csto, D(2022, 1, 5)) == ["RUS", "ARM", "KAZ", "KGZ", "TJK", "BLR"]
    # Armenia froze its participation on 2024-02-22: still a party, not counted by default.
    assert not is_member("ARM", csto, D(2024, 2, 22))
    assert is_member("ARM", csto, D(2024, 2, 21))
    assert is_member("ARM", csto, D(2024, 2, 22), include_suspended=True)
    assert csto.status_on("ARM", D(2024, 6, 1)) == "suspended"
    # Uzbekistan: 1992 to 1999-04-20 (exclusive), again 2006-06-23, suspended 2012-06-28.
    assert is_member("UZB", csto, D(1999, 4, 19))
    assert not is_member("UZB", csto, D(1999, 4, 20))
    assert not is_member("UZB", csto, D(2003, 1, 1))
    assert csto.status_on("UZB", D(2003, 1, 1)) == "left"
    assert is_member("UZB", csto, D(2011, 1, 1))
    assert not is_member("UZB", csto, D(2012, 7, 1))
    assert is_member("UZB", csto, D(2012, 7, 1), include_suspended=True)
    assert not is_member("UZB", csto, D(2013, 1, 1), include_suspended=True)
    assert csto.status_on("AZE", D(1990, 1, 1)) == "not yet"
    assert csto.status_on("CHN", D(2020, 1, 1)) == "never"


def test_bound_means_in_force(kb) -> None:
    csto = kb.get("CSTO")
    assert csto.is_member("RUS", D(1993, 1, 1))
    assert not csto.is_member("RUS", D(1993, 1, 1), bound=True)
    assert csto.is_member("RUS", D(1994, 4, 20), bound=True)


def test_spells_are_half_open_so_a_same_day_rejoin_is_one_membership(kb) -> None:
    cis = kb.get("CIS")
    tkm = cis.spells("TKM")
    assert [s.status for s in tkm] == ["participating", "associate"]
    assert sum(s.active_on(D(2005, 8, 26)) for s in tkm) == 1


def test_suspension_towards_one_partner_cuts_only_that_pair(kb) -> None:
    anzus = kb.get("ANZUS")
    day = D(2000, 1, 1)
    assert is_member("NZL", anzus, day)
    assert anzus.allied("NZL", "AUS", day)
    assert not anzus.allied("NZL", "USA", day)
    assert not anzus.allied("USA", "NZL", day)
    assert anzus.allied("NZL", "USA", D(1980, 1, 1))
    assert anzus.allied("NZL", "USA", day, include_suspended=True)
    assert [a.id for a in kb.allied("USA", "AUS", day)] == ["ANZUS"]


def test_lookup_by_id_alias_name_and_actor_code(kb) -> None:
    assert kb.get("csto").id == "CSTO"
    assert kb.get("IGOCSTO").id == "CSTO"
    assert kb.get("Tashkent  Treaty").id == "CSTO"
    assert kb.get("North Atlantic Treaty Organization").id == "NATO"
    assert kb.by_actor_code("IGONATO").id == "NATO"
    assert kb.find("nothing like it") is None
    assert "NATO" in kb and "XYZ" not in kb


def test_ambiguous_alias_and_unknown_name_are_one_line_errors(kb) -> None:
    with pytest.raises(AllianceError, match="ambiguous.*RUS_PRK_2024, RUS_IRN_2025"):
        kb.get("Comprehensive Strategic Partnership Treaty")
    with pytest.raises(AllianceError, match="did you mean CSTO") as info:
        kb.get("CTSO")
    assert "\n" not in str(info.value)


def test_of_country(kb) -> None:
    ids = {a.id for a in kb.of_country("ARM", D(2022, 1, 1))}
    assert ids == {"CSTO", "CIS", "RUS_ARM_1997"}
    assert "CSTO" not in {a.id for a in kb.of_country("ARM", D(2024, 6, 1))}


USER_FILE = """
alliances:
  - id: NORTHPACT
    name: Northern Pact
    aliases: [the Pact]
    actor_code: ""
    kind: multilateral_treaty
    signed: 2020-01-01
    in_force: 2020-01-01
    leader: POL
    members:
      - {country: POL, joined: 2020-01-01}
      - {country: LTU, joined: 2020-01-01}
      - {country: LVA, joined: 2023-01-01, left: 2023-09-01}
    obligations:
      - {type: defence, condition: "help a partner that is attacked", article: "Article 1"}
  - id: CSTO
    name: Collective Security Treaty Organization (user edition)
    actor_code: IGOCSTO
    leader: RUS
    members:
      - {country: RUS, joined: 1992-05-15}
      - {country: KAZ, joined: 1992-05-15}
"""


def test_user_file_adds_and_replaces_by_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    kb = load_alliances([path])
    assert len(kb) == 17
    pact = kb.get("the pact")
    assert pact.origin == str(path)
    assert pact.members(D(2023, 5, 1)) == ["POL", "LTU", "LVA"]
    assert pact.members(D(2023, 9, 1)) == ["POL", "LTU"]
    csto = kb.get("CSTO")
    assert csto.name.endswith("(user edition)")
    assert csto.countries() == ["RUS", "KAZ"]
    assert str(path) in kb.sources


def _bad(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AllianceError) as info:
        load_alliances([path])
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


MINIMAL = """alliances:
  - id: {id}
    name: Pact
    members:
      - {member}
    obligations:
      - {obligation}
"""


def _entry(id: str = "PACT", member: str = "{country: POL, joined: 2020-01-01}",
           obligation: str = "{type: defence, condition: help}") -> str:
    return MINIMAL.format(id=id, member=member, obligation=obligation)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alliances: [\n  - id: X\n", "not valid YAML at line"),
        ("just: a mapping\n", "'alliances' list"),
        (_entry(id="pact"), "'id' must be upper-case"),
        (_entry(member="{country: Poland, joined: 2020-01-01}"), "ISO3"),
        (_entry(member="{country: POL}"), "'joined' date is missing"),
        (_entry(member="{country: POL, joined: 2020-13-01}"), "impossible date"),
        (_entry(member="{country: POL, joined: 2020-1-1x}"), "not an ISO date"),
        (_entry(member="{country: POL, joined: 2020-01-01, left: 2019-01-01}"),
         "'left' (2019-01-01) is earlier than 'joined'"),
        (_entry(member="{country: POL, joined: 2020-01-01, status: observer}"), "'status'"),
        (_entry(obligation="{type: friendship, condition: help}"), "'type' must be one of"),
        (_entry(obligation="{type: defence}"), "'condition' is missing"),
        (_entry() + _entry().split("\n", 1)[1], "appears twice"),
        (_entry().replace("      - {country: POL, joined: 2020-01-01}",
                          "      - {country: POL, joined: 2020-01-01}\n"
                          "      - {country: POL, joined: 2021-01-01}"), "overlap"),
    ],
)
def test_bad_files_get_one_line_errors_naming_the_file(tmp_path: Path, text: str,
                                                       expected: str) -> None:
    assert expected in _bad(tmp_path, text)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AllianceError, match="no such alliance file"):
        load_alliances([tmp_path / "nope.yaml"])
