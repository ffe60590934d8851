"""The alliance knowledge base: typed records read from ``data/alliances/*.yaml`` and user files.

The shipped file (``foedus/data/alliances/alliances.yaml``, described in the README beside it)
lists alliances with their members' spells and their obligations. A user's file of the same shape
adds alliances, or replaces a shipped alliance when it uses the same ``id``.

Membership on a date follows one rule everywhere in foedus (see :meth:`Membership.active_on`):
a spell runs from ``joined`` (inclusive) to ``left`` (exclusive, the first day the state is no
longer a member), and a ``suspended`` spell stops counting from the suspension date unless the
caller asks for suspended members too. A suspension limited by ``suspended_towards`` (the US
towards New Zealand in ANZUS) leaves the state a member in general and only cuts the listed pairs
(:meth:`Alliance.allied`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from foedus.dates import iso_date
from foedus.errors import FoedusError

OBLIGATION_TYPES: tuple[str, ...] = (
    "defence", "offence", "neutrality", "non_aggression", "consultation",
)
#: Strongest first: the order in which a reliability measure ranks what binds two allies.
OBLIGATION_STRENGTH: dict[str, int] = {
    "offence": 5, "defence": 4, "neutrality": 3, "non_aggression": 2, "consultation": 1,
}
KINDS: tuple[str, ...] = (
    "organisation", "bilateral_treaty", "multilateral_treaty", "union", "clause",
)
STATUSES: tuple[str, ...] = ("member", "associate", "participating")

_ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


class AllianceError(FoedusError):
    """An alliance file that cannot be used, or a name that names no alliance (one line)."""


@dataclass(frozen=True, slots=True)
class Membership:
    """One spell of one state in one alliance."""

    country: str
    joined: dt.date
    left: dt.date | None = None
    suspended: dt.date | None = None
    suspended_towards: tuple[str, ...] = ()
    status: str = "member"
    note: str = ""

    def active_on(self, day: dt.date, *, include_suspended: bool = False) -> bool:
        """Whether the spell makes the state a member on ``day``.

        ``joined <= day < left``; from ``suspended`` on, the spell no longer counts unless
        ``include_suspended`` (a suspension towards named states only does not end it here).
        """
        if day < self.joined or (self.left is not None and day >= self.left):
            return False
        return not (
            self.suspended is not None
            and day >= self.suspended
            and not self.suspended_towards
            and not include_suspended
        )

    def suspended_on(self, day: dt.date) -> bool:
        """Whether the spell is running on ``day`` but suspended (in general or towards some)."""
        return (
            self.suspended is not None
            and day >= self.suspended
            and self.active_on(day, include_suspended=True)
        )


@dataclass(frozen=True, slots=True)
class Obligation:
    """One promise the parties make each other (ATOP-style type)."""

    type: str
    condition: str
    article: str | None = None
    scope: str = ""
    note: str = ""

    @property
    def strength(self) -> int:
        return OBLIGATION_STRENGTH.get(self.type, 0)


@dataclass(frozen=True, slots=True)
class Alliance:
    """An alliance, treaty or clause with its membership spells and obligations."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    actor_code: str = ""
    kind: str = "organisation"
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ended: dt.date | None = None
    leader: str | None = None
    memberships: tuple[Membership, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""
    origin: str = ""  # the file it came from

    # -- membership ------------------------------------------------------------------------

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the text binds on ``day``: from ``in_force`` (else ``signed``) to ``ended``."""
        start = self.in_force or self.signed
        if start is not None and day < start:
            return False
        return self.ended is None or day < self.ended

    def spells(self, country: str) -> list[Membership]:
        return [m for m in self.memberships if m.country == country.upper()]

    def countries(self) -> list[str]:
        """Every state that was ever a member, in file order, without repeats."""
        return list(dict.fromkeys(m.country for m in self.memberships))

    def is_member(
        self, country: str, on: dt.date, *, include_suspended: bool = False, bound: bool = False
    ) -> bool:
        """Whether ``country`` is a member on ``on`` (see :meth:`Membership.active_on`).

        ``bound`` also requires the text to be in force (a founding signatory is a member from
        signature but bound only from entry into force). An alliance that has ``ended`` has no
        members after its end.
        """
        if self.ended is not None and on >= self.ended:
            return False
        if bound and not self.in_force_on(on):
            return False
        return any(
            m.active_on(on, include_suspended=include_suspended) for m in self.spells(country)
        )

    def members(
        self, on: dt.date, *, include_suspended: bool = False, bound: bool = False
    ) -> list[str]:
        """The ISO3 codes of the members on a date, in file order."""
        return [
            c for c in self.countries()
            if self.is_member(c, on, include_suspended=include_suspended, bound=bound)
        ]

    def allied(self, a: str, b: str, on: dt.date, *, include_suspended: bool = False) -> bool:
        """Whether two different members are allied to each other on ``on``.

        Both must be members; a suspension towards named states cuts the pair in both directions.
        """
        a, b = a.upper(), b.upper()
        if a == b:
            return False
        if not (self.is_member(a, on, include_suspended=include_suspended)
                and self.is_member(b, on, include_suspended=include_suspended)):
            return False
        if include_suspended:
            return True
        for x, y in ((a, b), (b, a)):
            for spell in self.spells(x):
                if spell.suspended_on(on) and y in spell.suspended_towards:
                    return False
        return True

    def status_on(self, country: str, on: dt.date) -> str:
        """``member``, ``suspended``, ``left``, ``not yet`` or ``never``, for tables and charts."""
        spells = self.spells(country)
        if not spells:
            return "never"
        if self.is_member(country, on):
            return "member"
        if self.is_member(country, on, include_suspended=True):
            return "suspended"
        if all(on < m.joined for m in spells):
            return "not yet"
        return "left"

    def strongest_obligation(self) -> Obligation | None:
        if not self.obligations:
            return None
        return max(self.obligations, key=lambda o: o.strength)

    def names(self) -> list[str]:
        """Every name this alliance answers to: id, name, aliases, actor code."""
        found = [self.id, self.name, *self.aliases]
        if self.actor_code:
            found.append(self.actor_code)
        return found


@dataclass
class AllianceBase:
    """All known alliances, by id, with lookup by id, name, alias or actor code."""

    alliances: dict[str, Alliance] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Alliance]:
        return iter(self.alliances.values())

    def __len__(self) -> int:
        return len(self.alliances)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def add(self, alliance: Alliance) -> None:
        # Same id = the later file replaces the earlier entry (user files come after shipped).
        self.alliances[alliance.id] = alliance

    def find(self, name: str) -> Alliance | None:
        """The alliance ``name`` means, or None; raises :class:`AllianceError` if ambiguous.

        Tried in order, case-insensitively: an id, an actor code, then the preferred name and
        the aliases. An alias shared by several entries ("Comprehensive Strategic Partnership
        Treaty") is ambiguous and the error lists the ids to use instead.
        """
        key = _fold(name)
        if not key:
            return None
        for alliance in self.alliances.values():
            if _fold(alliance.id) == key:
                return alliance
        for alliance in self.alliances.values():
            if alliance.actor_code and _fold(alliance.actor_code) == key:
                return alliance
        hits = [a for a in self.alliances.values()
                if any(_fold(n) == key for n in (a.name, *a.aliases))]
        if len(hits) > 1:
            ids = ", ".join(a.id for a in hits)
            raise AllianceError(f"alliance {name!r} is ambiguous: it may mean {ids}; use the id")
        return hits[0] if hits else None

    def get(self, name: str | Alliance) -> Alliance:
        """Like :meth:`find`, but an unknown name is an :class:`AllianceError` with suggestions."""
        if isinstance(name, Alliance):
            return name
        found = self.find(name)
        if found is None:
            raise AllianceError(f"unknown alliance {name!r}; {self._suggest(name)}")
        return found

    def by_actor_code(self, code: str) -> Alliance | None:
        code = code.upper()
        for alliance in self.alliances.values():
            if alliance.actor_code and alliance.actor_code == code:
                return alliance
        return None

    def of_country(self, country: str, on: dt.date, *, include_suspended: bool = False
                   ) -> list[Alliance]:
        """The alliances ``country`` belongs to on a date."""
        return [a for a in self if a.is_member(country, on, include_suspended=include_suspended)]

    def allied(self, a: str, b: str, on: dt.date) -> list[Alliance]:
        """The alliances binding two states to each other on a date."""
        return [x for x in self if x.allied(a, b, on)]

    def _suggest(self, name: str) -> str:
        import difflib

        names = {n: a.id for a in self for n in a.names()}
        close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)
        ids = list(dict.fromkeys(names[c] for c in close))
        if ids:
            return "did you mean " + " or ".join(ids) + "?"
        return "known ids: " + ", ".join(self.alliances)


# -- module-level conveniences (the names the issue asks for) ----------------------------------

def members(alliance: Alliance, on: dt.date, *, include_suspended: bool = False) -> list[str]:
    """The members of ``alliance`` on ``on`` (ISO3 codes)."""
    return alliance.members(on, include_suspended=include_suspended)


def is_member(country: str, alliance: Alliance, on: dt.date, *,
              include_suspended: bool = False) -> bool:
    """Whether ``country`` is a member of ``alliance`` on ``on``."""
    return alliance.is_member(country, on, include_suspended=include_suspended)


# -- loading -----------------------------------------------------------------------------------

def shipped_files() -> list[Path]:
    """The alliance files that come with foedus, in a stable order."""
    folder = resources.files("foedus") / "data" / "alliances"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_alliances(extra_files: Iterable[Path | str] = (), *, shipped: bool = True
                   ) -> AllianceBase:
    """The shipped knowledge base plus the user's files, later files replacing entries by id.

    Raises :class:`AllianceError` with a one-line message naming the file and the problem.
    """
    base = AllianceBase()
    files = [*(shipped_files() if shipped else []), *(Path(p) for p in extra_files)]
    for path in files:
        for alliance in load_file(path):
            base.add(alliance)
        base.sources.append(str(path))
    return base


def load_file(path: Path | str) -> list[Alliance]:
    """Read and check one alliance file."""
    path = Path(path)
    if not path.is_file():
        raise AllianceError(f"{path}: no such alliance file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise AllianceError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc.__class__.__name__
        raise AllianceError(f"{path}: not valid YAML{where}: {problem}") from None
    except ValueError as exc:  # PyYAML builds dates itself: 2020-13-01 fails here
        raise AllianceError(f"{path}: an impossible date: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("alliances"), list):
        raise AllianceError(f"{path}: expected a mapping with an 'alliances' list at the top")
    seen: set[str] = set()
    out = []
    for index, item in enumerate(data["alliances"], start=1):
        alliance = _alliance(item, f"{path}: alliance #{index}", str(path))
        if alliance.id in seen:
            raise AllianceError(f"{path}: alliance id {alliance.id!r} appears twice")
        seen.add(alliance.id)
        out.append(alliance)
    return out


def _alliance(item: Any, where: str, origin: str) -> Alliance:
    if not isinstance(item, dict):
        raise AllianceError(f"{where}: expected a mapping, got {type(item).__name__}")
    ident = item.get("id")
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        raise AllianceError(
            f"{where}: 'id' must be upper-case letters, digits and underscores (got {ident!r})"
        )
    where = f"{origin}: alliance {ident}"
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AllianceError(f"{where}: 'name' is missing")
    kind = item.get("kind") or "organisation"
    if kind not in KINDS:
        raise AllianceError(f"{where}: 'kind' must be one of {', '.join(KINDS)} (got {kind!r})")
    leader = item.get("leader")
    if leader is not None and (not isinstance(leader, str) or not _ISO3_RE.match(leader)):
        raise AllianceError(f"{where}: 'leader' must be an ISO3 code or null (got {leader!r})")
    actor_code = item.get("actor_code") or ""
    if not isinstance(actor_code, str):
        raise AllianceError(f"{where}: 'actor_code' must be a string")
    rows = item.get("members")
    if not isinstance(rows, list) or not rows:
        raise AllianceError(f"{where}: 'members' must be a non-empty list")
    spells = tuple(_membership(row, f"{where}: member row {i}")
                   for i, row in enumerate(rows, start=1))
    _check_overlaps(spells, where)
    duties = item.get("obligations") or []
    if not isinstance(duties, list):
        raise AllianceError(f"{where}: 'obligations' must be a list")
    obligations = tuple(_obligation(row, f"{where}: obligation {i}")
                        for i, row in enumerate(duties, start=1))
    return Alliance(
        id=ident,
        name=" ".join(name.split()),
        aliases=tuple(_strings(item.get("aliases"), f"{where}: 'aliases'")),
        actor_code=actor_code.strip().upper(),
        kind=kind,
        signed=_date(item.get("signed"), f"{where}: 'signed'"),
        in_force=_date(item.get("in_force"), f"{where}: 'in_force'"),
        ended=_date(item.get("ended"), f"{where}: 'ended'"),
        leader=leader,
        memberships=spells,
        obligations=obligations,
        sources=tuple(_strings(item.get("sources"), f"{where}: 'sources'")),
        notes=" ".join(str(item.get("notes") or "").split()),
        origin=origin,
    )


def _membership(row: Any, where: str) -> Membership:
    if not isinstance(row, dict):
        raise AllianceError(f"{where}: expected a mapping")
    country = row.get("country")
    if not isinstance(country, str) or not _ISO3_RE.match(country):
        raise AllianceError(f"{where}: 'country' must be an upper-case ISO3 code (got {country!r})")
    where = f"{where} ({country})"
    joined = _date(row.get("joined"), f"{where}: 'joined'")
    if joined is None:
        raise AllianceError(f"{where}: 'joined' date is missing")
    left = _date(row.get("left"), f"{where}: 'left'")
    suspended = _date(row.get("suspended"), f"{where}: 'suspended'")
    for label, value in (("left", left), ("suspended", suspended)):
        if value is not None and value < joined:
            raise AllianceError(f"{where}: '{label}' ({value}) is earlier than 'joined' ({joined})")
    towards = tuple(_strings(row.get("suspended_towards"), f"{where}: 'suspended_towards'"))
    for code in towards:
        if not _ISO3_RE.match(code):
            raise AllianceError(f"{where}: 'suspended_towards' holds {code!r}, not an ISO3 code")
    status = row.get("status") or "member"
    if status not in STATUSES:
        raise AllianceError(
            f"{where}: 'status' must be one of {', '.join(STATUSES)} (got {status!r})"
        )
    return Membership(
        country=country, joined=joined, left=left, suspended=suspended,
        suspended_towards=towards, status=status, note=" ".join(str(row.get("note") or "").split()),
    )


def _check_overlaps(spells: Sequence[Membership], where: str) -> None:
    by_country: dict[str, list[Membership]] = {}
    for spell in spells:
        by_country.setdefault(spell.country, []).append(spell)
    for country, rows in by_country.items():
        rows = sorted(rows, key=lambda m: m.joined)
        for earlier, later in zip(rows, rows[1:], strict=False):
            # Half-open spells: leaving and rejoining on the same day is not an overlap.
            if earlier.left is None or later.joined < earlier.left:
                raise AllianceError(
                    f"{where}: spells of {country} overlap (joined {earlier.joined} and "
                    f"{later.joined}); end the first with 'left'"
                )


def _obligation(row: Any, where: str) -> Obligation:
    if not isinstance(row, dict):
        raise AllianceError(f"{where}: expected a mapping")
    kind = row.get("type")
    if kind not in OBLIGATION_TYPES:
        raise AllianceError(
            f"{where}: 'type' must be one of {', '.join(OBLIGATION_TYPES)} (got {kind!r})"
        )
    condition = row.get("condition")
    if not isinstance(condition, str) or not condition.strip():
        raise AllianceError(f"{where} ({kind}): 'condition' is missing")
    article = row.get("article")
    return Obligation(
        type=kind,
        condition=" ".join(condition.split()),
        article=None if article is None else str(article),
        scope=" ".join(str(row.get("scope") or "").split()),
        note=" ".join(str(row.get("note") or "").split()),
    )


def _date(value: Any, where: str) -> dt.date | None:
    try:
        return iso_date(value)
    except ValueError:
        raise AllianceError(f"{where} is not an ISO date YYYY-MM-DD (got {value!r})") from None


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AllianceError(f"{where} must be a list of strings")
    return [" ".join(v.split()) for v in value]


def _fold(text: str) -> str:
    return " ".join(text.replace("–", "-").split()).casefold()
