"""The alliance measures over fixture stores, checked against numbers worked out by hand.

Each test builds a small store of hand-written events (tests/alliance_store.py). The comments
next to the expected values show the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alliance_store import Ev, build_store, ids_of

from foedus.alliances import load_alliances
from foedus.analytics import (
    cohesion,
    complaints,
    dyad_series,
    period_of,
    period_range,
    reliability,
)
from foedus.store import Store

D = dt.date

NORTHPACT = """
alliances:
  - id: NORTHPACT
    name: Northern Pact
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
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("kb") / "northpact.yaml"
    path.write_text(NORTHPACT, encoding="utf-8")
    return load_alliances([path])


# -- periods ---------------------------------------------------------------------------------------

def test_periods() -> None:
    assert period_of(D(2022, 11, 3), "month") == "2022-11"
    assert period_of(D(2022, 11, 3), "quarter") == "2022-Q4"
    assert period_of(D(2022, 11, 3), "year") == "2022"
    assert period_range(D(2021, 11, 5), D(2022, 2, 1), "month") == [
        "2021-11", "2021-12", "2022-01", "2022-02"]
    assert period_range(D(2021, 11, 5), D(2022, 4, 1), "quarter") == [
        "2021-Q4", "2022-Q1", "2022-Q2"]


# -- dyad series -------------------------------------------------------------------------------

DYAD = [
    Ev("2022-01-10", "ARMGOV", "051", "RUSGOV"),  # 0: q1, +3.4
    Ev("2022-01-20", "RUSGOV", "072", "ARMGOV"),  # 1: q2, +8.3
    Ev("2022-01-25", "RUSGOV", "070", "ARMGOV", polarity="negated",
       sentence="Armenia received no assistance from Russia."),  # 2: negated
    Ev("2022-03-05", "ARMGOV", "111", "RUSGOV"),  # 3: q3, -2.0
    Ev("2022-03-06", "ARMGOV", "1123", "RUS"),  # 4: q3, -2.0
    Ev("2022-03-07", "RUSMIL", "190", "ARMMIL"),  # 5: q4, -10.0
    Ev("2022-03-08", "RUSGOV", "0334", "ARM", modality="intended"),  # 6: a promise, +6.0
    Ev("2022-01-15", "ARMGOV", "042", "AZEGOV"),  # 7: another dyad
    Ev("", "ARMGOV", "111", "RUSGOV"),  # 8: undated
    Ev("2021-12-31", "ARM", "051", "RUS"),  # 9: before `since`
]


@pytest.fixture(scope="module")
def dyad_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("dyad") / "d.duckdb", DYAD)


def test_dyad_series_by_month(dyad_db: Path) -> None:
    ids = ids_of(dyad_db)
    s = dyad_series(dyad_db, "ARM", "RUS", since=D(2022, 1, 1), until=D(2022, 3, 31))
    assert [p.period for p in s.periods] == ["2022-01", "2022-02", "2022-03"]
    jan, feb, mar = (p.tone for p in s.periods)
    # January: events 0 and 1 count; 2 is negated (kept out of the mean, counted apart).
    assert jan.n == 2 and jan.quad == (1, 1, 0, 0)
    assert jan.mean_goldstein == pytest.approx((3.4 + 8.3) / 2)  # 5.85
    assert jan.negated == 1 and jan.share_negated == pytest.approx(1 / 3)
    assert set(jan.event_ids) == {ids[0], ids[1], ids[2]}
    assert s.periods[0].a_to_b.mean_goldstein == pytest.approx(3.4)
    assert s.periods[0].b_to_a.mean_goldstein == pytest.approx(8.3)
    assert s.periods[0].b_to_a.negated == 1
    # February: nothing.
    assert feb.n == 0 and feb.mean_goldstein is None and feb.share_negated is None
    # March: 3, 4, 5 count; 6 is only intended.
    assert mar.n == 3 and mar.quad == (0, 0, 2, 1)
    assert mar.mean_goldstein == pytest.approx((-2 - 2 - 10) / 3)  # -4.667
    assert mar.conflict_share == 1.0 and mar.share_negated == 0.0
    # Whole range: 3.4 + 8.3 - 2 - 2 - 10 = -2.3 over five events.
    assert s.total.n == 5 and s.total.mean_goldstein == pytest.approx(-0.46)
    assert ids[7] not in {e.event_id for e in s.events}
    rows = s.rows()
    assert rows[0]["verbal_coop"] == 1 and rows[0]["mean_ARM_to_RUS"] == pytest.approx(3.4)


def test_dyad_series_without_range_directed_and_modalities(dyad_db: Path) -> None:
    s = dyad_series(dyad_db, "ARM", "RUS")
    assert [p.period for p in s.periods] == ["2021-12", "2022-01", "2022-02", "2022-03"]
    assert s.undated == 1
    d = dyad_series(dyad_db, "ARM", "RUS", since=D(2022, 1, 1), directed=True)
    assert [p.tone.n for p in d.periods] == [1, 0, 2]  # 0; -; 3 and 4
    wide = dyad_series(dyad_db, "ARM", "RUS", since=D(2022, 3, 1),
                       modalities=("actual", "intended"))
    assert wide.periods[0].tone.n == 4
    assert wide.periods[0].tone.mean_goldstein == pytest.approx((-14 + 6.0) / 4)
    q = dyad_series(dyad_db, "ARMGOV", "RUSGOV", freq="quarter", since=D(2022, 1, 1))
    # Whole codes: 0, 1 (and 2 negated) in Q1, 3 only in March (4 targets RUS, 5 is RUSMIL).
    assert [p.tone.n for p in q.periods] == [3]


# -- cohesion ----------------------------------------------------------------------------------

COHESION = [
    Ev("2022-01-10", "ARMGOV", "051", "RUSGOV"),  # 0: +3.4
    Ev("2022-02-01", "RUSGOV", "072", "ARMGOV"),  # 1: +8.3
    Ev("2022-02-15", "KAZGOV", "111", "KGZGOV"),  # 2: -2.0, two members, no leader
    Ev("2022-04-10", "ARMGOV", "111", "IGOCSTO"),  # 3: -2.0, member -> the alliance itself
    Ev("2022-05-01", "ARMGOV", "1123", "RUSGOV"),  # 4: -2.0
    Ev("2022-05-02", "AZEMIL", "190", "ARMMIL"),  # 5: Azerbaijan is no member
    Ev("2022-05-03", "RUSGOV", "070", "ARMGOV", polarity="negated"),  # 6: negated
    Ev("2024-03-01", "ARMGOV", "111", "RUSGOV"),  # 7: Armenia suspended since 2024-02-22
    Ev("2022-06-01", "RUSGOV", "0334", "KAZ", modality="intended"),  # 8: a promise
    Ev("2022-06-05", "RUSMIL", "190", "RUSGOV"),  # 9: Russia with itself
    Ev("2011-05-01", "UZBGOV", "051", "RUSGOV"),  # 10: Uzbekistan a member again (2006-2012)
    Ev("2012-07-01", "UZBGOV", "111", "RUSGOV"),  # 11: Uzbekistan suspended 2012-06-28
    Ev("2013-02-01", "UZBGOV", "111", "RUSGOV"),  # 12: Uzbekistan left 2012-12-19
]


@pytest.fixture(scope="module")
def cohesion_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("coh") / "c.duckdb", COHESION)


def test_cohesion_per_quarter(cohesion_db: Path, kb) -> None:
    ids = ids_of(cohesion_db)
    csto = kb.get("CSTO")
    c = cohesion(cohesion_db, csto, since=D(2022, 1, 1), until=D(2024, 12, 31))
    assert len(c.periods) == 12 and c.periods[0].period == "2022-Q1"
    q1, q2 = c.periods[0].tone, c.periods[1].tone
    assert q1.n == 3 and q1.mean_goldstein == pytest.approx((3.4 + 8.3 - 2) / 3)  # 3.233
    assert q1.conflict_share == pytest.approx(1 / 3)
    assert q2.n == 2 and q2.mean_goldstein == pytest.approx(-2.0) and q2.conflict_share == 1.0
    assert q2.negated == 1 and q2.share_negated == pytest.approx(1 / 3)
    assert c.periods[8].period == "2024-Q1" and c.periods[8].tone.n == 0  # suspended
    # Whole range: 3.4 + 8.3 - 2 - 2 - 2 = 5.7 over five; three of five are conflict.
    assert c.total.n == 5 and c.total.mean_goldstein == pytest.approx(1.14)
    assert c.total.conflict_share == pytest.approx(0.6)
    in_events = {e.event_id for e in c.events}
    assert {ids[5], ids[7], ids[9]}.isdisjoint(in_events)
    assert ids[3] in in_events

    arm = c.toward_leader["ARM"]
    assert arm.to_leader[0].mean_goldstein == pytest.approx(3.4)
    assert arm.from_leader[0].mean_goldstein == pytest.approx(8.3)
    assert arm.both[0].mean_goldstein == pytest.approx(5.85)
    assert arm.to_leader[1].mean_goldstein == pytest.approx(-2.0)
    assert arm.from_leader[1].n == 0 and arm.from_leader[1].negated == 1
    assert arm.total.n == 3 and arm.total.mean_goldstein == pytest.approx(9.7 / 3)
    assert c.toward_leader["KAZ"].total.n == 0  # only a promise
    assert "KGZ" not in c.toward_leader

    assert c.pairs[("ARM", "RUS")].n == 3
    assert c.pairs[("ARM", "IGOCSTO")].mean_goldstein == pytest.approx(-2.0)
    assert c.pairs[("KAZ", "KGZ")].n == 1
    # Armenia sent or received 0, 1, 3, 4: (3.4 + 8.3 - 2 - 2) / 4.
    assert c.member_tone["ARM"].mean_goldstein == pytest.approx(1.925)


def test_cohesion_membership_dates(cohesion_db: Path, kb) -> None:
    csto = kb.get("CSTO")
    c = cohesion(cohesion_db, csto, until=D(2013, 12, 31), freq="year")
    # Only event 10: Uzbekistan's 2012 complaint came while suspended, its 2013 one after it left.
    assert c.total.n == 1 and c.periods[0].period == "2011"
    wide = cohesion(cohesion_db, csto, until=D(2013, 12, 31), freq="year", include_suspended=True)
    assert wide.total.n == 2
    late = cohesion(cohesion_db, csto, since=D(2024, 1, 1), include_suspended=True)
    assert late.total.n == 1  # Armenia's 2024 event, counted only when suspension is ignored


# -- reliability -------------------------------------------------------------------------------

CSTO_NEEDS = [
    # Kazakhstan, January 2022: asks the CSTO, the CSTO deploys -> met.
    Ev("2022-01-05", "KAZGOV", "0234", "IGOCSTO",
       sentence="Tokayev appealed to the CSTO for help."),  # 0
    Ev("2022-01-06", "IGOCSTO", "0334", "KAZ", modality="intended"),  # 1: promise, no response
    Ev("2022-01-07", "IGOCSTO", "074", "KAZ",
       sentence="CSTO peacekeepers arrived in Kazakhstan."),  # 2: material, the alliance
    Ev("2022-01-07", "RUSMIL", "074", "KAZ"),  # 3: material, Russia (not asked by name)
    Ev("2022-01-06", "KAZCVL", "145", "KAZGOV"),  # 4: domestic riot: no third party, no need
    # Armenia, May 2021: attacked, asks the CSTO, is refused; help on day 31 is too late.
    Ev("2021-05-12", "AZEMIL", "192", "ARM"),  # 5: attack
    Ev("2021-05-14", "ARMGOV", "0234", "IGOCSTO"),  # 6: request
    Ev("2021-05-20", "IGOCSTO", "070", "ARM", polarity="negated",
       sentence="The CSTO refused to help Armenia."),  # 7: refusal
    Ev("2021-05-20", "IGOCSTO", "042", "ARM"),  # 8: a visit is no response
    Ev("2021-06-14", "IGOCSTO", "074", "ARM"),  # 9: 31 days after the last need
    # Armenia, November 2021: attacked, asks Russia; Russia condemns and speaks up -> partly met.
    Ev("2021-11-16", "AZEMIL", "190", "ARMMIL"),  # 10: attack
    Ev("2021-11-16", "ARMGOV", "0232", "RUSGOV"),  # 11: request to Russia
    Ev("2021-11-17", "RUSGOV", "1123", "AZEGOV"),  # 12: condemnation of the attacker
    Ev("2021-12-16", "RUSGOV", "052", "ARMGOV"),  # 13: verbal support on day 30: counts
    Ev("2021-11-18", "RUSGOV", "0256", "ARM"),  # 14: a call for calm is no response
    Ev("2021-11-20", "ARMGOV", "0232", "KGZGOV", polarity="negated"),  # 15: no request
    # Armenia, September 2022: attacked and threatened, asks the CSTO and Russia -> unmet.
    Ev("2022-09-13", "AZEMIL", "194", "ARMMIL"),  # 16: attack
    Ev("2022-09-13", "ARMGOV", "0232", "IGOCSTO"),  # 17: request
    Ev("2022-09-13", "ARMGOV", "0232", "RUSGOV"),  # 18: request
    Ev("2022-09-14", "IGOCSTO", "0334", "ARM", modality="intended"),  # 19: promise
    Ev("2022-09-20", "", "070", "ARM", polarity="negated",
       sentence="Armenia received no assistance."),  # 20: unattributed refusal
    Ev("2022-09-15", "AZEGOV", "138", "ARMGOV"),  # 21: threat
    # Armenia suspended (2024-02-22): no need unless suspended members are included.
    Ev("2024-03-01", "AZEMIL", "190", "ARM"),  # 22
    # Fighting between two members is no need.
    Ev("2022-09-16", "TJKMIL", "190", "KGZMIL"),  # 23
    # Uzbekistan after it left.
    Ev("2013-03-01", "AFGREB", "190", "UZB"),  # 24
]


@pytest.fixture(scope="module")
def needs_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("rel") / "r.duckdb", CSTO_NEEDS)


def test_reliability_episodes_and_outcomes(needs_db: Path, kb) -> None:
    ids = ids_of(needs_db)
    r = reliability(needs_db, kb.get("CSTO"))
    assert [(e.member, e.start.isoformat(), e.outcome) for e in r.episodes] == [
        ("ARM", "2021-05-12", "unmet"),
        ("ARM", "2021-11-16", "partly met"),
        ("KAZ", "2022-01-05", "met"),
        ("ARM", "2022-09-13", "unmet"),
    ]
    may, nov, kaz, sep = r.episodes

    assert kaz.kinds == ("request",) and kaz.expected == ("IGOCSTO",)
    assert {x.event.event_id for x in kaz.responses} == {ids[2], ids[3]}
    answers = {a.partner: a for a in kaz.answers}
    assert answers["IGOCSTO"].answer == "material" and answers["IGOCSTO"].expected
    assert answers["RUS"].answer == "material" and not answers["RUS"].expected
    assert "alliance itself" in kaz.reason

    assert may.end == D(2021, 5, 14) and may.window_end == D(2021, 6, 13)
    assert set(may.kinds) == {"attack", "request"}
    assert may.responses == () and [e.event_id for e in may.refusals] == [ids[7]]
    assert {a.partner: (a.answer, a.refused) for a in may.answers} == {
        "IGOCSTO": ("none", True)}

    assert nov.expected == ("RUS",)
    assert {(x.event.event_id, x.kind, x.how) for x in nov.responses} == {
        (ids[12], "verbal", "condemnation of the attacker"),
        (ids[13], "verbal", "verbal support"),
    }
    assert "only verbal" in nov.reason

    assert set(sep.kinds) == {"attack", "request", "threat"}
    assert set(sep.expected) == {"IGOCSTO", "RUS"}
    assert sep.end == D(2022, 9, 15)
    assert [e.event_id for e in sep.refusals] == [ids[20]]
    assert {a.partner: (a.answer, a.refused) for a in sep.answers} == {
        "IGOCSTO": ("none", False), "RUS": ("none", False)}
    assert ids[20] in sep.event_ids and ids[16] in sep.event_ids

    assert r.counts() == {"met": 1, "partly met": 1, "unmet": 2}
    assert r.by_period == {"2021": {"met": 0, "partly met": 1, "unmet": 1},
                           "2022": {"met": 1, "partly met": 0, "unmet": 1}}
    csto, rus = r.partners["IGOCSTO"], r.partners["RUS"]
    assert (csto.expected, csto.material, csto.verbal, csto.none, csto.refused,
            csto.unsolicited) == (3, 1, 0, 2, 1, 0)
    assert (rus.expected, rus.material, rus.verbal, rus.none, rus.refused,
            rus.unsolicited) == (2, 0, 1, 1, 0, 1)
    assert all(e.window_complete for e in r.episodes)


def test_reliability_window_rule(needs_db: Path, kb) -> None:
    # With a 31-day window the CSTO's 2021-06-14 deployment answers the May 2021 need.
    r = reliability(needs_db, kb.get("CSTO"), window_days=31, until=D(2021, 6, 30))
    assert [e.outcome for e in r.episodes] == ["met"]
    # With 29 days, Russia's day-30 support of November 2021 no longer counts; the
    # condemnation on day 1 still does.
    r = reliability(needs_db, kb.get("CSTO"), window_days=29, since=D(2021, 11, 1),
                    until=D(2021, 12, 31))
    assert [len(e.responses) for e in r.episodes] == [1]


def test_reliability_since_and_suspended_members(needs_db: Path, kb) -> None:
    csto = kb.get("CSTO")
    r = reliability(needs_db, csto, since=D(2022, 1, 1))
    assert [e.start.isoformat() for e in r.episodes] == ["2022-01-05", "2022-09-13"]
    wide = reliability(needs_db, csto, since=D(2024, 1, 1), include_suspended=True)
    assert [(e.member, e.outcome) for e in wide.episodes] == [("ARM", "unmet")]
    # The 2024 attack is the store's newest event: its window has not been seen in full.
    assert not wide.episodes[0].window_complete
    assert reliability(needs_db, csto, since=D(2013, 1, 1), until=D(2013, 12, 31)).episodes == []


NORTH = [
    Ev("2023-03-01", "BLRMIL", "190", "LTUMIL"),  # 0: attack on LTU; partners POL, LVA
    Ev("2023-03-05", "POLGOV", "072", "LTUGOV"),  # 1: only POL helps -> partly met
    Ev("2023-06-01", "BLRGOV", "138", "LVAGOV"),  # 2: threat to LVA; partners POL, LTU
    Ev("2023-06-02", "POLGOV", "072", "LVAGOV"),  # 3: material
    Ev("2023-06-03", "LTUGOV", "062", "LVAGOV"),  # 4: material (military cooperation) -> met
    Ev("2023-04-01", "POLMIL", "190", "LTUMIL"),  # 5: members fighting: no need
    Ev("2023-10-01", "BLRMIL", "190", "LVAMIL"),  # 6: LVA left on 2023-09-01: no need
    Ev("2023-10-05", "LVAGOV", "111", "POLGOV"),  # 7: a complaint after leaving: not counted
    Ev("2023-05-01", "LVAGOV", "111", "POLGOV"),  # 8: complaint
    Ev("2023-05-02", "LTUGOV", "1123", "POLGOV"),  # 9: complaint
    Ev("2023-08-01", "LTUGOV", "111", "BLRGOV"),  # 10: about a non-partner: no complaint
    Ev("2023-03-10", "LVAGOV", "111", "POLGOV", polarity="negated"),  # 11: negated
    Ev("2023-09-05", "LVAGOV", "072", "LTUGOV"),  # 12: help from a state that has left
    Ev("2023-09-02", "BLRMIL", "190", "LTUMIL"),  # 13: attack on LTU; partner POL only
]


@pytest.fixture(scope="module")
def north_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("north") / "n.duckdb", NORTH)


def test_reliability_without_an_organisation(north_db: Path, kb) -> None:
    ids = ids_of(north_db)
    r = reliability(north_db, kb.get("NORTHPACT"))
    got = [(e.member, e.start.isoformat(), e.outcome, e.expected) for e in r.episodes]
    assert got == [
        ("LTU", "2023-03-01", "partly met", ("POL", "LVA")),
        ("LVA", "2023-06-01", "met", ("POL", "LTU")),
        ("LTU", "2023-09-02", "unmet", ("POL",)),
    ]
    assert r.episodes[0].reason == "material help came only from POL"
    assert r.episodes[1].kinds == ("threat",)
    assert ids[12] not in r.episodes[2].event_ids
    pol, lva = r.partners["POL"], r.partners["LVA"]
    assert (pol.expected, pol.material, pol.none) == (3, 2, 1)
    assert (lva.expected, lva.material, lva.none) == (1, 0, 1)


def test_episode_gap_rule(tmp_path: Path, kb) -> None:
    db = build_store(tmp_path / "g.duckdb", [
        Ev("2023-03-01", "BLRMIL", "190", "LTUMIL"),
        Ev("2023-03-15", "BLRMIL", "190", "LTUMIL"),  # 14 days later: same episode
        Ev("2023-03-30", "BLRMIL", "190", "LTUMIL"),  # 15 days later: a new one
    ])
    r = reliability(db, kb.get("NORTHPACT"))
    assert [(e.start.day, e.end.day) for e in r.episodes] == [(1, 15), (30, 30)]
    assert [len(e.needs) for e in r.episodes] == [2, 1]


def test_complaints(north_db: Path, kb) -> None:
    ids = ids_of(north_db)
    c = complaints(north_db, kb.get("NORTHPACT"))
    assert c.periods == ["2023-Q2"]
    assert c.by_complainer == {"LTU": [1], "LVA": [1]}
    assert c.pairs == {("LTU", "POL"): 1, ("LVA", "POL"): 1}
    assert {e.event_id for e in c.events} == {ids[8], ids[9]}
    yearly = complaints(north_db, kb.get("NORTHPACT"), freq="year", since=D(2023, 1, 1),
                        until=D(2023, 12, 31), roots=("11", "19"))
    # Adding root 19 brings in POL's fighting with LTU (5); 7 is after LVA left.
    assert yearly.by_complainer == {"LTU": [1], "LVA": [1], "POL": [1]}


def test_measures_accept_a_store_or_a_connection(north_db: Path, kb) -> None:
    with Store(north_db, read_only=True) as store:
        a = complaints(store, kb.get("NORTHPACT"))
        b = complaints(store.con, kb.get("NORTHPACT"))
    assert a.pairs == b.pairs


def test_needs_kinds_and_requested_help(tmp_path: Path, kb) -> None:
    db = build_store(tmp_path / "k.duckdb", [
        # "Armenia asked Russia to defend it": Russia's aid to Armenia, modality requested.
        Ev("2021-11-17", "RUSGOV", "070", "ARMGOV", modality="requested"),  # 0: ARM's need
        Ev("2022-02-25", "UKRGOV", "161", "RUSGOV"),  # 1: breaking off relations: no attack
        Ev("2022-03-01", "UKRGOV", "163", "BLRGOV"),  # 2: sanctions: no attack
        Ev("2022-04-01", "AZEMIL", "154", "ARMMIL"),  # 3: mobilising against ARM: a threat
        Ev("2022-06-01", "AZEMIL", "190", "ARMMIL", modality="threatened"),  # 4: a threat
        Ev("2022-08-01", "AZEMIL", "1712", "ARM"),  # 5: destroying property: an attack
        Ev("2022-10-01", "RUSGOV", "070", "ARMGOV", modality="intended"),  # 6: a promise
        Ev("2022-08-02", "IGOCSTO", "0334", "ARM", polarity="negated",
           modality="intended", sentence="The CSTO will send a mission, not troops."),  # 7
    ])
    ids = ids_of(db)
    r = reliability(db, kb.get("CSTO"))
    got = [(e.member, str(e.start), e.kinds, e.expected) for e in r.episodes]
    assert got == [
        ("ARM", "2021-11-17", ("request",), ("RUS",)),
        ("ARM", "2022-04-01", ("threat",), ("IGOCSTO",)),
        ("ARM", "2022-06-01", ("threat",), ("IGOCSTO",)),
        ("ARM", "2022-08-01", ("attack",), ("IGOCSTO",)),
    ]
    assert r.episodes[0].needs[0].event.event_id == ids[0]
    assert all(e.outcome == "unmet" for e in r.episodes)
    # A negated promise is a refusal: evidence of help withheld, charged to the CSTO.
    assert [e.event_id for e in r.episodes[3].refusals] == [ids[7]]
    assert r.episodes[3].answers[0].refused
