"""Measures over the event store: dyad series, alliance cohesion, reliability, complaints.

Every function takes the store (a :class:`~foedus.store.Store`, a DuckDB connection holding the
``events`` table, or the path of a store file), reads events with SQL, and returns plain
dataclasses whose numbers carry the ids of the events behind them, so that every figure leads
back to its sentences. The definitions are written out in each docstring and, for readers who
do not read code, in ``docs/analytics.md``; the two must say the same thing.

Conventions shared by all measures:

* **Actors.** A three-letter code (``ARM``) matches an event side by its country
  (``source_country`` / ``target_country``), so the government, the military and the leader of
  Armenia all count as Armenia. Any other code (``IGOCSTO``, ``RUSMIL``) matches the whole actor
  code. An alliance's organisation (its ``actor_code``) takes part as "the alliance itself".
* **What counts.** Tone measures count events that are *asserted* (not negated) and whose
  modality is in ``modalities`` (default: ``actual`` only, i.e. what was done or said, not what
  was promised, asked for, threatened or imagined). Negated events are counted separately.
* **Dates.** An event's ``date`` (ISO text or DATE); undated events are left out of every series
  and counted as ``undated`` where it matters. ``since`` and ``until`` are inclusive.
* **Membership** follows :mod:`foedus.alliances`: a state counts for an alliance only on dates
  when it is a member (``joined <= date < left``), and by default not while its membership is
  suspended. Events of a state after it left, or before it joined, do not count for the alliance.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb

from foedus.alliances.kb import Alliance

Freq = Literal["month", "quarter", "year"]
FREQS: tuple[str, ...] = ("month", "quarter", "year")
DbLike = Any  # Store | duckdb.DuckDBPyConnection | str | os.PathLike (Any: no import cycle)

#: Default number of days after a need in which a response counts.
DEFAULT_WINDOW_DAYS = 30
#: Need events of one member closer than this many days belong to the same episode.
DEFAULT_GAP_DAYS = 14

# -- the CAMEO families the reliability measure uses (prefixes of cameo_code) ---------------------

#: Appeals that ask for help: unspecified appeals, for material or diplomatic cooperation, for aid
#: (023x); and demands for aid (103x). Appeals for reform, to yield or to negotiate (024-028) are
#: calls on the other side, not requests for help.
REQUEST_CODES: tuple[str, ...] = ("020", "021", "022", "023", "103")
#: Material responses: material cooperation (06x) and aid (07x: economic, military,
#: humanitarian, protection or peacekeeping, i.e. deployment).
MATERIAL_CODES: tuple[str, ...] = ("06", "07")
#: The ally's own side of a deployment: "Kazakhstan received CSTO peacekeepers" (0861), coded
#: with the ally as source and the helper as target.
RECEIVE_CODES: tuple[str, ...] = ("0861",)
#: Attacks: the use of force of material conflict: coerce (17: seizing or destroying property,
#: among others), assault (18), fight (19), mass violence (20). Protests (14), shows of force
#: (15) and cutting relations or imposing sanctions (16) are material conflict but no attack.
ATTACK_ROOTS: tuple[str, ...] = ("17", "18", "19", "20")
#: Threats: threaten (13) and shows of force aimed at the ally (15: alerts, mobilisation).
THREAT_ROOTS: tuple[str, ...] = ("13", "15")
#: Verbal support: praise or endorse (051), defend verbally (052), rally support (053), express
#: accord (019). Promises (03x) are not responses: the deed, when it comes, is.
VERBAL_CODES: tuple[str, ...] = ("051", "052", "053", "019")
#: Condemnation of (or pressure on) the attacker: demand (10), disapprove (11), threaten (13).
CONDEMN_ROOTS: tuple[str, ...] = ("10", "11", "13")
#: Promises of help (intent to cooperate materially or diplomatically, to give aid): never a
#: response, but a negated one ("will send a mission, not troops") is a refusal.
PROMISE_CODES: tuple[str, ...] = ("031", "032", "033")
#: Explicit refusals: reject material cooperation (121x), reject a request for aid (122x), and
#: reduce or stop aid (162x).
REFUSAL_CODES: tuple[str, ...] = ("120", "121", "122", "162")

Outcome = Literal["met", "partly met", "unmet"]
OUTCOMES: tuple[str, ...] = ("met", "partly met", "unmet")


# -- the evidence record -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event as the measures see it, with its article, for evidence tables."""

    event_id: str
    article_id: str
    sentence_index: int
    date: dt.date | None
    source_code: str
    source_name: str
    source_country: str
    target_code: str
    target_name: str
    target_country: str
    cameo_code: str
    cameo_root: str
    goldstein: float | None  # None: a user's code outside CAMEO's table
    quad_class: int | None
    plover_type: str
    polarity: str
    modality: str
    sentence: str
    trigger: str
    title: str = ""
    outlet: str = ""
    url: str = ""

    @property
    def asserted(self) -> bool:
        return self.polarity != "negated"

    def source_key(self) -> str:
        """The source as measures match it: its country, else its whole code."""
        return self.source_country or self.source_code

    def target_key(self) -> str:
        return self.target_country or self.target_code

    def code_in(self, prefixes: Iterable[str]) -> bool:
        return any(self.cameo_code.startswith(p) for p in prefixes)


_COLUMNS = (
    "event_id", "article_id", "sentence_index", "date", "source_code", "source_name",
    "source_country", "target_code", "target_name", "target_country", "cameo_code", "cameo_root",
    "goldstein", "quad_class", "plover_type", "polarity", "modality", "sentence", "trigger",
)


@contextmanager
def connection(db: DbLike) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection for ``db``: a Store, a connection, or a store path (opened read-only).

    A path is opened through :class:`foedus.store.Store`, so a missing or foreign file gets the
    store's one-line error; the connection is closed on exit. Connections and stores passed in
    stay open.
    """
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
        return
    con = getattr(db, "con", None)
    if isinstance(con, duckdb.DuckDBPyConnection):
        yield con
        return
    if isinstance(db, str | os.PathLike):
        from foedus.store import Store

        with Store(Path(db), read_only=True) as store:
            yield store.con
        return
    raise TypeError(f"not a store, connection or path: {db!r}")


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


_DAY_SQL = "TRY_CAST(NULLIF(CAST(e.date AS VARCHAR), '') AS DATE)"


def fetch_events(
    con: duckdb.DuckDBPyConnection,
    where: str = "TRUE",
    params: Sequence[Any] = (),
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[EventRow]:
    """Events matching an SQL condition over ``events e``, dated within [since, until], in order.

    Undated events are left out. The article's title, outlet and URL come along when the store
    has an ``articles`` table.
    """
    clauses = [f"({where})", f"{_DAY_SQL} IS NOT NULL"]
    args = list(params)
    if since is not None:
        clauses.append(f"{_DAY_SQL} >= ?")
        args.append(since)
    if until is not None:
        clauses.append(f"{_DAY_SQL} <= ?")
        args.append(until)
    cols = [f"e.{c}" if c != "date" else f"{_DAY_SQL} AS date" for c in _COLUMNS]
    if has_table(con, "articles"):
        cols += ["a.title", "a.outlet", "a.url"]
        source = "events e LEFT JOIN articles a ON a.article_id = e.article_id"
    else:
        cols += ["'' AS title", "'' AS outlet", "'' AS url"]
        source = "events e"
    sql = (
        f"SELECT {', '.join(cols)} FROM {source} WHERE {' AND '.join(clauses)} "
        f"ORDER BY 4, e.article_id, e.sentence_index, e.span_start, e.event_id"
    )
    rows = con.execute(sql, args).fetchall()
    return [_row(r) for r in rows]


def _row(r: Sequence[Any]) -> EventRow:
    values = dict(zip((*_COLUMNS, "title", "outlet", "url"), r, strict=True))
    for key, value in values.items():
        if value is None and key not in ("date", "goldstein", "quad_class", "sentence_index"):
            values[key] = ""
    # None stays None: a code outside CAMEO's table has no Goldstein score or QuadClass, and
    # reading it as 0 would pull tone means toward neutral
    if values["goldstein"] is not None:
        values["goldstein"] = float(values["goldstein"])
    if values["quad_class"] is not None:
        values["quad_class"] = int(values["quad_class"])
    values["sentence_index"] = int(values["sentence_index"] or 0)
    values["polarity"] = (values["polarity"] or "asserted").lower()
    values["modality"] = (values["modality"] or "actual").lower()
    return EventRow(**values)


def count_undated(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[Any]) -> int:
    row = con.execute(
        f"SELECT count(*) FROM events e WHERE ({where}) AND {_DAY_SQL} IS NULL", list(params)
    ).fetchone()
    return int(row[0]) if row else 0


def latest_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The date of the newest dated event in the store (None when there is none)."""
    row = con.execute(f"SELECT max({_DAY_SQL}) FROM events e").fetchone()
    return row[0] if row else None


# -- actors and periods --------------------------------------------------------------------------

_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")


def actor_condition(side: Literal["source", "target"], actor: str) -> tuple[str, list[str]]:
    """SQL matching one side of an event to an actor (ISO3: by country; else the whole code)."""
    actor = actor.strip().upper()
    if _COUNTRY_RE.match(actor):
        return f"e.{side}_country = ?", [actor]
    return f"e.{side}_code = ?", [actor]


def matches(row: EventRow, side: Literal["source", "target"], actor: str) -> bool:
    actor = actor.upper()
    if _COUNTRY_RE.match(actor):
        return (row.source_country if side == "source" else row.target_country) == actor
    return (row.source_code if side == "source" else row.target_code) == actor


def period_of(day: dt.date, freq: Freq) -> str:
    """The label of the period holding ``day``: ``2022-01``, ``2022-Q1`` or ``2022``."""
    if freq == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if freq == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if freq == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {freq!r}; one of {', '.join(FREQS)}")


def period_start(label: str) -> dt.date:
    """The first day of a period label made by :func:`period_of`."""
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return dt.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
    if "-" in label:
        year, month = label.split("-")
        return dt.date(int(year), int(month), 1)
    return dt.date(int(label), 1, 1)


def period_range(first: dt.date, last: dt.date, freq: Freq) -> list[str]:
    """Every period label from the one holding ``first`` to the one holding ``last``."""
    labels: list[str] = []
    day = period_start(period_of(first, freq))
    end = period_of(last, freq)
    while True:
        label = period_of(day, freq)
        labels.append(label)
        if label == end or day > last:
            break
        if freq == "month":
            day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        elif freq == "quarter":
            month = day.month + 3
            day = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
        else:
            day = dt.date(day.year + 1, 1, 1)
    return labels


def counted(row: EventRow, modalities: Sequence[str] = ("actual",)) -> bool:
    """Whether an event counts for tone: asserted, with a modality in ``modalities``."""
    return row.asserted and row.modality in modalities


# -- tone ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Tone:
    """Counted events summarised: how many, by QuadClass, mean Goldstein, conflict share."""

    n: int = 0
    quad: tuple[int, int, int, int] = (0, 0, 0, 0)
    mean_goldstein: float | None = None
    conflict_share: float | None = None  # (QuadClass 3 + 4) / n
    negated: int = 0
    share_negated: float | None = None  # negated / (n + negated)
    event_ids: tuple[str, ...] = ()  # counted and negated events behind the numbers

    @classmethod
    def of(cls, rows: Sequence[EventRow], modalities: Sequence[str] = ("actual",)) -> Tone:
        """Summarise rows: counted ones give the numbers, negated ones their own count.

        Negated events are kept out of the mean: "received no assistance" is not an act of aid
        and must not raise the tone.
        """
        kept = [r for r in rows if counted(r, modalities)]
        negated = [r for r in rows if not r.asserted and r.modality in modalities]
        quad = [0, 0, 0, 0]
        for r in kept:
            if r.quad_class is not None and 1 <= r.quad_class <= 4:
                quad[r.quad_class - 1] += 1
        n = len(kept)
        # the mean over events with a known score (codes outside CAMEO's table have none)
        scores = [r.goldstein for r in kept if r.goldstein is not None]
        mean = sum(scores) / len(scores) if scores else None
        conflict = (quad[2] + quad[3]) / n if n else None
        total = n + len(negated)
        share = len(negated) / total if total else None
        negated_ids = {r.event_id for r in negated}
        ids = tuple(r.event_id for r in rows
                    if counted(r, modalities) or r.event_id in negated_ids)
        return cls(n, (quad[0], quad[1], quad[2], quad[3]), mean, conflict, len(negated), share,
                   ids)


@dataclass(frozen=True, slots=True)
class DyadPeriod:
    period: str
    tone: Tone  # both directions (or a -> b when directed)
    a_to_b: Tone
    b_to_a: Tone


@dataclass(frozen=True)
class DyadSeries:
    """Events between two actors, per period."""

    a: str
    b: str
    freq: str
    directed: bool
    periods: list[DyadPeriod]
    total: Tone
    events: list[EventRow]
    undated: int = 0

    def rows(self) -> list[dict[str, Any]]:
        """One flat mapping per period, for tables and CSV."""
        out = []
        for p in self.periods:
            t = p.tone
            out.append({
                "period": p.period, "events": t.n, "verbal_coop": t.quad[0],
                "material_coop": t.quad[1], "verbal_conflict": t.quad[2],
                "material_conflict": t.quad[3], "mean_goldstein": t.mean_goldstein,
                "negated": t.negated, "share_negated": t.share_negated,
                f"mean_{self.a}_to_{self.b}": p.a_to_b.mean_goldstein,
                f"mean_{self.b}_to_{self.a}": p.b_to_a.mean_goldstein,
            })
        return out


def dyad_series(
    db: DbLike,
    a: str,
    b: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "month",
    directed: bool = False,
    modalities: Sequence[str] = ("actual",),
) -> DyadSeries:
    """Events between ``a`` and ``b`` per period (default: per month).

    Definition: the events whose source matches ``a`` and target matches ``b`` (and, unless
    ``directed``, also those from ``b`` to ``a``), dated within [since, until]. For each period:

    * counts by QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
      4 material conflict) and their total ``n`` over *counted* events (asserted, modality in
      ``modalities``, default ``actual``);
    * ``mean_goldstein``: the mean Goldstein score of the counted events (None when n = 0);
    * ``negated``: events of those modalities coded as negated ("received no assistance");
      ``share_negated`` = negated / (n + negated).

    Periods run without gaps from the first to the last period that has an event (or from
    ``since`` to ``until`` when given); empty periods have n = 0 and no mean.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}; one of {', '.join(FREQS)}")
    sa, pa_ = actor_condition("source", a)
    tb, pb = actor_condition("target", b)
    where, params = f"({sa} AND {tb})", [*pa_, *pb]
    if not directed:
        sb, pb2 = actor_condition("source", b)
        ta, pa2 = actor_condition("target", a)
        where = f"({where} OR ({sb} AND {ta}))"
        params += [*pb2, *pa2]
    with connection(db) as con:
        rows = fetch_events(con, where, params, since=since, until=until)
        undated = 0 if since or until else count_undated(con, where, params)
    by_period: dict[str, list[EventRow]] = defaultdict(list)
    for r in rows:
        assert r.date is not None
        by_period[period_of(r.date, freq)].append(r)
    days = [r.date for r in rows if r.date is not None]
    first = since or (min(days) if days else None)
    last = until or (max(days) if days else None)
    labels = period_range(first, last, freq) if first and last and first <= last else []
    periods = []
    for label in labels:
        group = by_period.get(label, [])
        ab = [r for r in group if matches(r, "source", a) and matches(r, "target", b)]
        ba = [r for r in group if matches(r, "source", b) and matches(r, "target", a)]
        periods.append(DyadPeriod(label, Tone.of(group, modalities), Tone.of(ab, modalities),
                                  Tone.of(ba, modalities)))
    return DyadSeries(a.upper(), b.upper(), freq, directed, periods, Tone.of(rows, modalities),
                      rows, undated)


# -- alliance helpers ----------------------------------------------------------------------------

def _alliance_condition(alliance: Alliance) -> tuple[str, list[Any]]:
    """SQL selecting events with a (past or present) member or the alliance itself on a side."""
    countries = alliance.countries()
    clauses = ["e.source_country IN (SELECT unnest(?))", "e.target_country IN (SELECT unnest(?))"]
    params: list[Any] = [countries, countries]
    if alliance.actor_code:
        clauses += ["e.source_code = ?", "e.target_code = ?"]
        params += [alliance.actor_code, alliance.actor_code]
    return "(" + " OR ".join(clauses) + ")", params


def side_party(alliance: Alliance, row: EventRow, side: Literal["source", "target"],
               *, include_suspended: bool = False) -> str | None:
    """Who the event's side is for the alliance on the event's date, or None if not a party.

    The alliance's organisation (its actor code) is returned as that code; a state is returned
    as its ISO3 code when it is a member on the date.
    """
    assert row.date is not None
    code = row.source_code if side == "source" else row.target_code
    country = row.source_country if side == "source" else row.target_country
    if alliance.actor_code and code == alliance.actor_code:
        return code
    if country and alliance.is_member(country, row.date, include_suspended=include_suspended):
        return country
    return None


def intra_pair(alliance: Alliance, row: EventRow, *, include_suspended: bool = False
               ) -> tuple[str, str] | None:
    """(source party, target party) when the event runs between two parties of the alliance.

    Two states must be allied on the date (members, not suspended towards each other); the
    organisation counts as a party with any member. An event of a state with itself (Russia's
    government and Russia's army) is not an intra-alliance event.
    """
    s = side_party(alliance, row, "source", include_suspended=include_suspended)
    t = side_party(alliance, row, "target", include_suspended=include_suspended)
    if s is None or t is None or s == t:
        return None
    body = alliance.actor_code
    if s != body and t != body:
        assert row.date is not None
        if not alliance.allied(s, t, row.date, include_suspended=include_suspended):
            return None
    return s, t


# -- cohesion ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CohesionPeriod:
    period: str
    tone: Tone


@dataclass(frozen=True)
class LeaderSeries:
    """One member's events toward the leading power and back, per period."""

    member: str
    periods: list[str]
    to_leader: list[Tone]
    from_leader: list[Tone]
    both: list[Tone]
    total: Tone


@dataclass(frozen=True)
class Cohesion:
    """How the members of an alliance treat one another, per period."""

    alliance: str
    leader: str | None
    freq: str
    periods: list[CohesionPeriod]
    total: Tone
    toward_leader: dict[str, LeaderSeries]
    pairs: dict[tuple[str, str], Tone]  # unordered pair (sorted) -> tone
    member_tone: dict[str, Tone]  # each party: events it sends and receives inside the alliance
    events: list[EventRow]


def cohesion(
    db: DbLike,
    alliance: Alliance,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "quarter",
    include_suspended: bool = False,
    modalities: Sequence[str] = ("actual",),
) -> Cohesion:
    """The tone of events among an alliance's members, per period (default: per quarter).

    Definition: an *intra-alliance event* is an event dated within [since, until] whose source
    and target are two different parties of the alliance on the event's date: two member states
    allied to each other on that date (see :func:`intra_pair`), or a member and the alliance's
    organisation. For each period, over the counted intra-alliance events (asserted, modality in
    ``modalities``): ``n``, ``mean_goldstein`` and ``conflict_share`` = share of QuadClass 3 and 4.

    ``toward_leader``: for every member other than the leader, the same numbers for its events
    to the leader (``to_leader``), the leader's to it (``from_leader``) and both together, per
    period; only dates on which the two are allied count. ``pairs``: the tone of each pair of
    parties over the whole range, and ``member_tone``: of all intra-alliance events a party sent
    or received (the colour of its node in the network chart).
    """
    cond, params = _alliance_condition(alliance)
    with connection(db) as con:
        rows = fetch_events(con, cond, params, since=since, until=until)
    intra: list[tuple[EventRow, str, str]] = []
    for r in rows:
        pair = intra_pair(alliance, r, include_suspended=include_suspended)
        if pair is not None:
            intra.append((r, *pair))
    events = [r for r, _, _ in intra]
    days = [r.date for r in events if r.date is not None]
    first = since or (min(days) if days else None)
    last = until or (max(days) if days else None)
    labels = period_range(first, last, freq) if first and last and first <= last else []
    by_period: dict[str, list[EventRow]] = defaultdict(list)
    for r in events:
        assert r.date is not None
        by_period[period_of(r.date, freq)].append(r)
    periods = [CohesionPeriod(p, Tone.of(by_period.get(p, []), modalities)) for p in labels]

    leader = alliance.leader
    toward: dict[str, LeaderSeries] = {}
    if leader:
        for member in alliance.countries():
            if member == leader:
                continue
            to_l = [r for r, s, t in intra if s == member and t == leader]
            from_l = [r for r, s, t in intra if s == leader and t == member]
            if not to_l and not from_l:
                continue
            per_to: dict[str, list[EventRow]] = defaultdict(list)
            per_from: dict[str, list[EventRow]] = defaultdict(list)
            for r in to_l:
                assert r.date is not None
                per_to[period_of(r.date, freq)].append(r)
            for r in from_l:
                assert r.date is not None
                per_from[period_of(r.date, freq)].append(r)
            toward[member] = LeaderSeries(
                member, labels,
                [Tone.of(per_to.get(p, []), modalities) for p in labels],
                [Tone.of(per_from.get(p, []), modalities) for p in labels],
                [Tone.of(per_to.get(p, []) + per_from.get(p, []), modalities) for p in labels],
                Tone.of(to_l + from_l, modalities),
            )
    pair_rows: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    party_rows: dict[str, list[EventRow]] = defaultdict(list)
    for r, s, t in intra:
        key = (s, t) if s < t else (t, s)
        pair_rows[key].append(r)
        party_rows[s].append(r)
        party_rows[t].append(r)
    return Cohesion(
        alliance=alliance.id,
        leader=leader,
        freq=freq,
        periods=periods,
        total=Tone.of(events, modalities),
        toward_leader=toward,
        pairs={k: Tone.of(v, modalities) for k, v in sorted(pair_rows.items())},
        member_tone={k: Tone.of(v, modalities) for k, v in sorted(party_rows.items())},
        events=events,
    )


# -- reliability ---------------------------------------------------------------------------------

NeedKind = Literal["attack", "threat", "request"]
#: partner_of(member, party, day): whether ``party`` is a partner of ``member`` on ``day``.
PartnerTest = Callable[[str, str, dt.date], bool]


@dataclass(frozen=True, slots=True)
class Need:
    """One event that shows an ally in need."""

    kind: str  # attack | threat | request
    event: EventRow
    attacker: str = ""  # for attacks and threats: the third party (country or code)
    addressee: str = ""  # for requests: the partner asked (ISO3 or the alliance's code)


@dataclass(frozen=True, slots=True)
class Response:
    """One event from a partner that answers a need."""

    kind: str  # material | verbal
    responder: str  # ISO3 or the alliance's code
    event: EventRow
    how: str  # aid/cooperation, received deployment, action against attacker, support, condemnation


@dataclass(frozen=True)
class PartnerAnswer:
    """What one partner did in one episode."""

    partner: str
    expected: bool  # asked by name, or the alliance asked/attacked (see reliability())
    answer: str  # material | verbal | none
    refused: bool  # a negated response or an explicit refusal from this partner
    responses: tuple[Response, ...] = ()


@dataclass(frozen=True)
class Episode:
    """An ally's need (one or more need events close in time) and what its partners did."""

    member: str
    start: dt.date
    end: dt.date  # the last need event's date
    window_end: dt.date  # responses count up to and including this day
    needs: tuple[Need, ...]
    expected: tuple[str, ...]
    responses: tuple[Response, ...]
    refusals: tuple[EventRow, ...]  # negated responses and explicit refusals in the window
    answers: tuple[PartnerAnswer, ...]
    outcome: str  # met | partly met | unmet
    reason: str  # one sentence: why this outcome
    window_complete: bool  # False when the store has no events up to window_end

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.kind for n in self.needs))

    @property
    def event_ids(self) -> tuple[str, ...]:
        ids = [n.event.event_id for n in self.needs] + [r.event.event_id for r in self.responses]
        ids += [e.event_id for e in self.refusals]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class PartnerRecord:
    """A partner's record over all episodes in which it was expected to respond."""

    partner: str
    expected: int
    material: int
    verbal: int
    none: int
    refused: int
    unsolicited: int  # episodes it answered without being expected to


@dataclass(frozen=True)
class Reliability:
    alliance: str
    window_days: int
    gap_days: int
    episodes: list[Episode]
    partners: dict[str, PartnerRecord]
    by_period: dict[str, dict[str, int]]  # period -> outcome -> count
    freq: str

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(OUTCOMES, 0)
        for e in self.episodes:
            out[e.outcome] += 1
        return out


def reliability(
    db: DbLike,
    alliance: Alliance,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    gap_days: int = DEFAULT_GAP_DAYS,
    attack_roots: Sequence[str] = ATTACK_ROOTS,
    threat_roots: Sequence[str] = THREAT_ROOTS,
    include_suspended: bool = False,
    freq: Freq = "year",
) -> Reliability:
    """Did the partners answer when an ally needed them? Needs, episodes, responses, outcomes.

    **Need.** An asserted event dated within [since, until], on a date when the ally M is a
    member bound by the alliance (in force; not suspended unless ``include_suspended``), that is:

    * *attack*: an event with modality ``actual`` and a CAMEO root in ``attack_roots`` (default
      17 coerce, 18 assault, 19 fight, 20 mass violence: the use of force; not protests, shows
      of force or sanctions) whose target is M and whose source is a third party: known (a
      country or a code), not M itself, not a member of the alliance on that date (suspended
      members included) and not the alliance's organisation. Fighting between members is an
      intra-alliance conflict, not a need; unrest inside M is not a need either;
    * *threat*: from such a third party to M, an ``actual`` event with a CAMEO root in
      ``threat_roots`` (default 13 threaten, 15 show of force), or an event with a root in
      ``attack_roots`` and modality ``threatened``;
    * *request*: from M to a partner (a state allied to M on that date, or the organisation), an
      ``actual`` appeal or demand for help (:data:`REQUEST_CODES`: 020, 021x, 022, 023x, 103x);
      or help asked of a partner, which the coder writes as the partner's response to M with
      modality ``requested`` ("Armenia asked Russia to defend it": Russia -> Armenia, 070 or
      052, requested), so that the member in need is the *target* and the partner asked the
      source. A negated request ("has not asked the CSTO") is no need.

    **Episode.** M's need events sorted by date are merged while each is at most ``gap_days``
    after the previous one. The episode runs from its first need (``start``) to its last
    (``end``); responses count from ``start`` to ``end + window_days`` inclusive, so with a
    30-day window a response 30 days after the last need counts and one 31 days after does not.

    **Response.** An asserted event with modality ``actual``, dated in the window, from a
    *responder*: a state allied to M on the response's date, or the organisation. It is

    * *material*: material cooperation or aid to M (CAMEO 06x, 07x, which include military aid
      and peacekeeping, i.e. deployment), M's receiving the responder's peacekeepers (0861,
      coded M -> responder), or material conflict (QuadClass 4) against one of the episode's
      attackers;
    * *verbal*: verbal support of M (051 praise or endorse, 052 defend verbally, 053 rally
      support, 019 express accord), or condemnation of an attacker (roots 10 demand,
      11 disapprove, 13 threaten, with an attacker as target).

    Promises (03x), meetings and consultations (04x) and calls on both sides to calm down (02x)
    are not responses. A negated response or promise of help ("received no assistance",
    "refused to help", "will send a mission, not troops": 06x, 07x, the verbal support codes,
    031, 032, 033x) and an explicit refusal to M (120, 121x, 122x reject cooperation or a
    request for aid, 162x stop aid), from a responder or from an unnamed source, are kept as
    *refusals*: evidence that the need went unmet, never a response.

    **Expected responders.** The partners M asked by name in the episode's requests (the
    organisation when M asked the alliance); when M asked no one, the organisation if the
    alliance has one, else every partner of M on the episode's start.

    **Outcome.** *met*: the organisation gave a material response (it acts for all members), or
    every expected responder did. *partly met*: not met, but some responder answered (verbal
    support only, or material help from only some of those expected). *unmet*: no responder
    answered in the window.

    ``partners`` sums, for each responder, the episodes in which it was expected and what it
    gave (material, verbal only, nothing; refused = it also has a refusal), plus the episodes it
    answered without being expected. ``by_period`` counts outcomes per period of ``start``.
    ``window_complete`` is False when the store's newest event is older than the window's end,
    so that an "unmet" may still change.
    """
    body = alliance.actor_code
    cond, params = _alliance_condition(alliance)
    fetch_until = until + dt.timedelta(days=window_days + gap_days) if until else None
    with connection(db) as con:
        rows = fetch_events(con, cond, params, since=since, until=fetch_until)
        newest = latest_date(con)

    def partner_of(member: str, key: str, day: dt.date) -> bool:
        if body and key == body:
            return True
        return alliance.allied(member, key, day, include_suspended=include_suspended)

    # 1. need events
    needs_by_member: dict[str, list[Need]] = defaultdict(list)
    for r in rows:
        assert r.date is not None
        if until is not None and r.date > until:
            continue
        if not r.asserted:
            continue
        need = _need_of(alliance, r, attack_roots, threat_roots, include_suspended, partner_of)
        if need is not None:
            needs_by_member[need.member].append(need.need)

    # 2. episodes
    episodes: list[Episode] = []
    for member, needs in needs_by_member.items():
        needs.sort(key=lambda n: (n.event.date, n.event.event_id))
        group: list[Need] = []
        for need in needs:
            assert need.event.date is not None
            if group:
                prev = group[-1].event.date
                assert prev is not None
                if (need.event.date - prev).days > gap_days:
                    episodes.append(_episode(alliance, member, group, rows, window_days,
                                             include_suspended, partner_of, newest))
                    group = []
            group.append(need)
        if group:
            episodes.append(_episode(alliance, member, group, rows, window_days,
                                     include_suspended, partner_of, newest))
    episodes.sort(key=lambda e: (e.start, e.member))

    # 3. records per partner and per period
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ep in episodes:
        for ans in ep.answers:
            t = tallies[ans.partner]
            if ans.expected:
                t["expected"] += 1
                t[ans.answer] += 1
                t["refused"] += int(ans.refused)
            elif ans.answer != "none":
                t["unsolicited"] += 1
    partners = {
        p: PartnerRecord(p, t["expected"], t["material"], t["verbal"], t["none"], t["refused"],
                         t["unsolicited"])
        for p, t in sorted(tallies.items())
    }
    by_period: dict[str, dict[str, int]] = {}
    for ep in episodes:
        slot = by_period.setdefault(period_of(ep.start, freq), dict.fromkeys(OUTCOMES, 0))
        slot[ep.outcome] += 1
    return Reliability(alliance.id, window_days, gap_days, episodes, partners,
                       dict(sorted(by_period.items())), freq)


@dataclass(frozen=True)
class _MemberNeed:
    member: str
    need: Need


def _need_of(alliance: Alliance, r: EventRow, attack_roots: Sequence[str],
             threat_roots: Sequence[str], include_suspended: bool,
             partner_of: PartnerTest) -> _MemberNeed | None:
    assert r.date is not None
    body = alliance.actor_code

    def bound(country: str) -> bool:
        return bool(country) and alliance.is_member(
            country, r.date, include_suspended=include_suspended, bound=True)

    def party(code: str, country: str) -> str:
        return code if body and code == body else country

    # attack or threat against a member by a third party
    victim = r.target_country
    if bound(victim) and r.modality != "requested":
        attacker = r.source_key()
        third = (
            attacker
            and attacker != victim
            and r.source_code != body
            and not (r.source_country
                     and alliance.is_member(r.source_country, r.date, include_suspended=True))
        )
        if third:
            if r.modality == "actual" and r.cameo_root in attack_roots:
                return _MemberNeed(victim, Need("attack", r, attacker=attacker))
            if (r.modality == "actual" and r.cameo_root in threat_roots) or (
                r.modality == "threatened" and r.cameo_root in attack_roots
            ):
                return _MemberNeed(victim, Need("threat", r, attacker=attacker))
    # a member's appeal to a partner: the member is the source
    asker = r.source_country
    if r.modality == "actual" and r.code_in(REQUEST_CODES) and bound(asker):
        addressee = party(r.target_code, r.target_country)
        if addressee and addressee != asker and partner_of(asker, addressee, r.date):
            return _MemberNeed(asker, Need("request", r, addressee=addressee))
    # help asked of a partner: "Armenia asked Russia to defend it" is coded as Russia's aid to
    # Armenia with modality requested, so the member in need is the target
    if r.modality == "requested" and (r.code_in(MATERIAL_CODES) or r.code_in(VERBAL_CODES)):
        needy = r.target_country
        addressee = party(r.source_code, r.source_country)
        if (bound(needy) and addressee and addressee != needy
                and partner_of(needy, addressee, r.date)):
            return _MemberNeed(needy, Need("request", r, addressee=addressee))
    return None


def _episode(alliance: Alliance, member: str, needs: list[Need], rows: list[EventRow],
             window_days: int, include_suspended: bool, partner_of: PartnerTest,
             newest: dt.date | None) -> Episode:
    body = alliance.actor_code
    start = needs[0].event.date
    end = needs[-1].event.date
    assert start is not None and end is not None
    window_end = end + dt.timedelta(days=window_days)
    attackers = {n.attacker for n in needs if n.attacker}
    need_ids = {n.event.event_id for n in needs}

    responses: list[Response] = []
    refusals: list[EventRow] = []
    for r in rows:
        assert r.date is not None
        if r.date < start or r.date > window_end or r.event_id in need_ids:
            continue
        src, tgt = r.source_key(), r.target_key()
        src_is_partner = bool(src) and src != member and partner_of(member, src, r.date)
        if not src_is_partner and body and r.source_code == body:
            src, src_is_partner = body, True
        # refusals: negated responses and explicit rejections to the member
        if r.target_country == member and (src_is_partner or not r.source_code):
            helpful = (r.code_in(MATERIAL_CODES) or r.code_in(VERBAL_CODES)
                       or r.code_in(PROMISE_CODES))
            if (not r.asserted and helpful) or (r.asserted and r.code_in(REFUSAL_CODES)):
                refusals.append(r)
                continue
        if not r.asserted or r.modality != "actual":
            continue
        if src_is_partner and r.target_country == member:
            if r.code_in(MATERIAL_CODES):
                responses.append(Response("material", src, r, "aid or cooperation"))
            elif r.code_in(VERBAL_CODES):
                responses.append(Response("verbal", src, r, "verbal support"))
            continue
        if src_is_partner and tgt in attackers:
            if r.quad_class == 4:
                responses.append(Response("material", src, r, "action against the attacker"))
            elif r.cameo_root in CONDEMN_ROOTS:
                responses.append(Response("verbal", src, r, "condemnation of the attacker"))
            continue
        # the member's own account of a deployment: "Kazakhstan received CSTO peacekeepers"
        if r.source_country == member and r.code_in(RECEIVE_CODES):
            helper = r.target_code if body and r.target_code == body else r.target_country
            if helper and helper != member and partner_of(member, helper, r.date):
                responses.append(Response("material", helper, r, "deployment received"))

    addressed = [n.addressee for n in needs if n.kind == "request" and n.addressee]
    if addressed:
        expected = list(dict.fromkeys(addressed))
    elif body:
        expected = [body]
    else:
        expected = [p for p in alliance.members(start, include_suspended=include_suspended)
                    if p != member and partner_of(member, p, start)]

    refusal_by: dict[str, bool] = defaultdict(bool)
    for r in refusals:
        # An unnamed source ("received no assistance") is charged to no partner in particular.
        if r.source_code:
            refusal_by[body if body and r.source_code == body else r.source_key()] = True
    responders = list(dict.fromkeys([*expected, *(x.responder for x in responses)]))
    answers = []
    for partner in responders:
        mine = tuple(x for x in responses if x.responder == partner)
        kinds = {x.kind for x in mine}
        answer = "material" if "material" in kinds else ("verbal" if kinds else "none")
        answers.append(PartnerAnswer(partner, partner in expected, answer,
                                     refusal_by.get(partner, False), mine))

    body_material = bool(body) and any(
        a.partner == body and a.answer == "material" for a in answers)
    all_material = bool(expected) and all(
        a.answer == "material" for a in answers if a.expected)
    anything = bool(responses)
    if body_material or all_material:
        outcome = "met"
        reason = ("the alliance itself gave material help" if body_material
                  else "every partner expected to respond gave material help")
    elif anything:
        outcome = "partly met"
        givers = sorted({x.responder for x in responses if x.kind == "material"})
        if givers:
            reason = f"material help came only from {', '.join(givers)}"
        else:
            reason = "only verbal support or condemnation, no material help"
    else:
        outcome = "unmet"
        reason = (f"no partner responded within {window_days} days"
                  + (" and the texts report that help was withheld" if refusals else ""))
    return Episode(
        member=member, start=start, end=end, window_end=window_end, needs=tuple(needs),
        expected=tuple(expected), responses=tuple(responses), refusals=tuple(refusals),
        answers=tuple(answers), outcome=outcome, reason=reason,
        window_complete=newest is not None and newest >= window_end,
    )


# -- complaints ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Complaints:
    """Members' disapproval and accusations aimed at their partners, per period."""

    alliance: str
    freq: str
    periods: list[str]
    by_complainer: dict[str, list[int]]  # complainer -> count per period
    pairs: dict[tuple[str, str], int]  # (complainer, target) -> count
    events: list[EventRow]


def complaints(
    db: DbLike,
    alliance: Alliance,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "quarter",
    roots: Sequence[str] = ("11",),
    include_suspended: bool = False,
) -> Complaints:
    """Allies complaining about their partners, per period (default: per quarter).

    Definition: asserted events with modality ``actual`` and a CAMEO root in ``roots`` (default
    11: disapprove, criticise, accuse, complain officially) dated within [since, until] whose
    source and target are two parties of the alliance on that date (see :func:`intra_pair`): a
    member about another member, or a member about the organisation (or the organisation about
    a member). Counted per complainer and period, and per (complainer, target).
    """
    cond, params = _alliance_condition(alliance)
    with connection(db) as con:
        rows = fetch_events(con, cond, params, since=since, until=until)
    found: list[tuple[EventRow, str, str]] = []
    for r in rows:
        if not (r.asserted and r.modality == "actual" and r.cameo_root in roots):
            continue
        pair = intra_pair(alliance, r, include_suspended=include_suspended)
        if pair is not None:
            found.append((r, *pair))
    days = [r.date for r, _, _ in found if r.date is not None]
    first = since or (min(days) if days else None)
    last = until or (max(days) if days else None)
    labels = period_range(first, last, freq) if first and last and first <= last else []
    index = {p: i for i, p in enumerate(labels)}
    by_complainer: dict[str, list[int]] = {}
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for r, s, t in found:
        assert r.date is not None
        by_complainer.setdefault(s, [0] * len(labels))[index[period_of(r.date, freq)]] += 1
        pairs[(s, t)] += 1
    return Complaints(alliance.id, freq, labels, dict(sorted(by_complainer.items())),
                      dict(sorted(pairs.items())), [r for r, _, _ in found])


# -- a one-screen summary ------------------------------------------------------------------------

@dataclass(frozen=True)
class AllianceSummary:
    cohesion: Cohesion
    reliability: Reliability
    complaints: Complaints
    events_in_store: int
    newest: dt.date | None = None
    notes: list[str] = field(default_factory=list)


def summarise(db: DbLike, alliance: Alliance, *, since: dt.date | None = None,
              until: dt.date | None = None, window_days: int = DEFAULT_WINDOW_DAYS,
              freq: Freq = "quarter") -> AllianceSummary:
    """All the alliance measures at once, over one connection."""
    with connection(db) as con:
        row = con.execute("SELECT count(*) FROM events").fetchone()
        total = int(row[0]) if row else 0
        return AllianceSummary(
            cohesion=cohesion(con, alliance, since=since, until=until, freq=freq),
            reliability=reliability(con, alliance, since=since, until=until,
                                    window_days=window_days),
            complaints=complaints(con, alliance, since=since, until=until, freq=freq),
            events_in_store=total,
            newest=latest_date(con),
        )
