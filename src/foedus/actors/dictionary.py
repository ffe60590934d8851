"""Actor dictionaries: loading the data files into one lookup structure.

The shipped dictionaries live in ``foedus/data/actors/*.yaml``; users add their own files (foedus
YAML, see ``docs/dictionaries.md``, or PETRARCH/TABARI ``.actors``/``.agents`` text files) and
their entries take precedence over the shipped ones for the same phrase.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from foedus.dates import iso_date

MentionKind = Literal[
    "country", "adjective", "demonym", "metonym", "place", "organisation", "collective", "person",
    "actor"
]

ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "secretary_general", "party_leader", "military_chief", "intelligence_chief",
         "legislative_speaker")


class DictionaryError(ValueError):
    """A dictionary file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Term:
    """One spell of one person in one office."""

    role: str
    title: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str
    organisation: str
    terms: tuple[Term, ...]

    def in_office(self, day: dt.date | None) -> bool:
        return day is None or any(t.covers(day) for t in self.terms)


@dataclass(frozen=True, slots=True)
class Entry:
    """What one dictionary phrase means.

    ``code`` is the actor code the phrase resolves to by itself (``RUS``, ``IGOCSTO``, ``WST``);
    ``country`` is its ISO3 country when it has one; ``person`` is set for office holders;
    ``valid`` restricts a user's dated entry (PETRARCH style) to a date range.
    """

    kind: MentionKind
    code: str
    name: str
    country: str = ""
    sector: str = ""
    person: Person | None = None
    valid: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
    # the other codes the phrase names together with this one: PETRARCH's "LORIEN [ELR/GAL]",
    # a place two peoples share; an event of Lorien is an event of each
    joint: tuple[Entry, ...] = ()

    def applies_on(self, day: dt.date | None) -> bool:
        if not self.valid or day is None:
            return True
        return any((lo is None or lo <= day) and (hi is None or day <= hi) for lo, hi in self.valid)


@dataclass
class ActorDictionary:
    """All phrases foedus knows, with what each means, plus sector and title words."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    sector_words: dict[str, str] = field(default_factory=dict)  # lemma -> sector code
    # PETRARCH prefix agents ("[NGO~]"): the code goes before the country ("MSF Arnor" ->
    # NGOARN) where sector words go after it; phrase (lower case) -> prefix code
    sector_prefixes: dict[str, str] = field(default_factory=dict)
    # (country, role) -> people who held the role, for "the Russian president" on a date
    offices: dict[tuple[str, str], list[Person]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> preferred name
    sources: list[str] = field(default_factory=list)

    def add(self, phrase: str, entry: Entry, *, first: bool = False) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            return
        entries = self.phrases.setdefault(phrase, [])
        if entry in entries:
            return
        if first:
            entries.insert(0, entry)
        else:
            entries.append(entry)

    def lookup(self, phrase: str, day: dt.date | None = None) -> Entry | None:
        """The entry a phrase means on a date: a dated user entry, else the first that applies.

        A person's alias resolves to someone in office on the date when several people share it
        ("Bush", "Aliyev"); otherwise to the first listed.
        """
        entries = self.phrases.get(phrase) or self.phrases.get(phrase.lower())
        if not entries:
            return None
        applicable = [e for e in entries if e.applies_on(day)]
        if not applicable:
            return None
        people = [e for e in applicable if e.person is not None]
        if day is not None and len(people) > 1:
            for entry in people:
                if entry.person is not None and entry.person.in_office(day):
                    return entry
        return applicable[0]

    def holder(self, country: str, role: str, day: dt.date | None) -> Person | None:
        """Who held ``role`` for ``country`` on ``day`` (None without a date or a holder)."""
        if day is None:
            return None
        for person in self.offices.get((country, role), []):
            for term in person.terms:
                if term.role == role and term.covers(day):
                    return person
        return None


def _date(value: Any, where: str) -> dt.date | None:
    try:
        return iso_date(value)
    except ValueError as exc:
        raise DictionaryError(f"{where}: {value!r} is not an ISO date") from exc


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]


def _load_yaml_mapping(data: Any, origin: str, into: ActorDictionary, user: bool) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        raise DictionaryError(f"{origin}: expected a mapping with sections such as 'countries:'")
    for item in data.get("countries") or []:
        code = str(item.get("code", "")).upper()
        if len(code) != 3:
            raise DictionaryError(f"{origin}: country {item!r} has no 3-letter code")
        name = str(item.get("name") or code)
        into.country_names.setdefault(code, name)
        for phrase in [name, *_strings(item.get("names"))]:
            into.add(phrase, Entry("country", code, name, country=code), first=user)
        for kind in ("adjectives", "demonyms", "metonyms"):
            singular: MentionKind = {"adjectives": "adjective", "demonyms": "demonym",
                                     "metonyms": "metonym"}[kind]  # type: ignore[assignment]
            for phrase in _strings(item.get(kind)):
                into.add(phrase, Entry(singular, code, name, country=code), first=user)
    for item in data.get("organisations") or data.get("organizations") or []:
        code = str(item.get("code", "")).upper()
        name = str(item.get("name") or code)
        if not code:
            raise DictionaryError(f"{origin}: organisation {name!r} has no code")
        for phrase in [name, *_strings(item.get("aliases"))]:
            into.add(phrase, Entry("organisation", code, name, sector="IGO"), first=user)
    for item in data.get("collectives") or []:
        code = str(item.get("code", "")).upper()
        name = str(item.get("name") or code)
        for phrase in [name, *_strings(item.get("aliases"))]:
            into.add(phrase, Entry("collective", code, name), first=user)
    for item in data.get("people") or []:
        person = _person(item, origin)
        # office holders are their government; `sector` codes others (army chiefs MIL,
        # intelligence chiefs SPY, opposition leaders OPP)
        sector = str(item.get("sector") or "GOV").upper() if person.country else "IGO"
        code = f"{person.country}{sector}" if person.country else person.organisation
        entry = Entry("person", code, person.name, country=person.country, sector=sector,
                      person=person)
        for phrase in [person.name, *_strings(item.get("aliases"))]:
            into.add(phrase, entry, first=user)
        for term in person.terms:
            key = (person.country or person.organisation, term.role)
            into.offices.setdefault(key, []).append(person)
    for item in data.get("sectors") or []:
        sector = str(item.get("sector", "")).upper()
        for word in _strings(item.get("words")):
            into.sector_words[word.lower()] = sector
    for item in data.get("places") or []:  # regions and cities: the state they belong to
        code = str(item.get("country", "")).upper()
        if len(code) != 3:
            raise DictionaryError(f"{origin}: places {item!r} have no 3-letter country")
        name = into.country_names.get(code, code)
        for phrase in _strings(item.get("names")):
            into.add(phrase, Entry("place", code, phrase, country=code), first=user)
        for kind in ("adjectives", "demonyms"):
            singular: MentionKind = "adjective" if kind == "adjectives" else "demonym"
            for phrase in _strings(item.get(kind)):
                into.add(phrase, Entry(singular, code, name, country=code), first=user)
    # generic coded actors (e.g. converted dictionaries) match in any case; named bodies
    # (armed groups, parties, agencies, legislatures) match with their capitals, as
    # organisations do
    for section, kind in (("actors", "actor"), ("bodies", "organisation")):
        for item in data.get(section) or []:
            _load_actor(item, kind, origin, into, user)


def _load_actor(item: dict[str, Any], kind: MentionKind, origin: str, into: ActorDictionary,
                user: bool) -> None:
    """One coded actor; ``periods`` give it other codes on some dates (a rebel group in power)."""
    code = str(item.get("code", "")).upper()
    name = str(item.get("name") or code)
    if not code:
        raise DictionaryError(f"{origin}: actor {name!r} has no code")
    country = str(item.get("country") or "").upper()
    sector = str(item.get("sector") or "").upper()
    entries = []
    periods = sorted(item.get("periods") or [], key=lambda p: str(p.get("start") or ""),
                     reverse=True)  # the latest first: it is the one an undated mention gets
    for period in periods:
        start = _date(period.get("start"), f"{origin}: {name}")
        end = _date(period.get("end"), f"{origin}: {name}")
        entries.append(Entry(kind, str(period.get("code") or code).upper(), name,
                             country=str(period.get("country", country) or "").upper(),
                             sector=str(period.get("sector", sector) or "").upper(),
                             valid=((start, end),)))
    entries.append(Entry(kind, code, name, country=country, sector=sector))
    for phrase in [name, *_strings(item.get("aliases"))]:
        for entry in reversed(entries) if user else entries:  # a user's go first, in order
            into.add(phrase, entry, first=user)


def _person(item: dict[str, Any], origin: str) -> Person:
    name = str(item.get("name", "")).strip()
    if not name:
        raise DictionaryError(f"{origin}: a person entry has no name")
    terms = []
    for raw in item.get("terms") or []:
        role = str(raw.get("role", ""))
        if role not in ROLES:
            raise DictionaryError(f"{origin}: {name}: unknown role {role!r}")
        start = _date(raw.get("start"), f"{origin}: {name}")
        if start is None:
            raise DictionaryError(f"{origin}: {name}: a term has no start date")
        terms.append(Term(role, str(raw.get("title", "")), start, _date(raw.get("end"), origin)))
    return Person(name, str(item.get("country") or "").upper(),
                  str(item.get("organisation") or "").upper(), tuple(terms))


def shipped_files() -> list[Path]:
    """The dictionary files that come with foedus, in a stable order."""
    folder = resources.files("foedus") / "data" / "actors"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_file(path: Path, into: ActorDictionary, *, user: bool = True) -> None:
    """Read one dictionary file (foedus YAML or PETRARCH text) into ``into``."""
    if not path.is_file():
        raise DictionaryError(f"{path}: no such dictionary file")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise DictionaryError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc
        _load_yaml_mapping(data, str(path), into, user)
    else:
        from foedus.actors.petrarch import load_petrarch_file

        load_petrarch_file(path, into)
    into.sources.append(str(path))


def load_dictionary(extra: Iterable[Path | str] = (), *, shipped: bool = True) -> ActorDictionary:
    """The shipped dictionaries plus the user's files (which take precedence)."""
    dictionary = ActorDictionary()
    if shipped:
        for path in shipped_files():
            load_file(path, dictionary, user=False)
    for path in extra:
        load_file(Path(path), dictionary, user=True)
    return dictionary


def known_name_words(dictionary: ActorDictionary) -> frozenset[str]:
    """Every capitalised word of every phrase: kept capitalised when headlines are normalised."""
    words: set[str] = set()
    for phrase in dictionary.phrases:
        for word in phrase.split():
            if word[:1].isupper():
                words.add(word.strip(".,'’"))
    return frozenset(words)

