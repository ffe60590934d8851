"""Read PETRARCH/TABARI-style ``.actors`` and ``.agents`` dictionaries into an ActorDictionary.

Researchers who code events with PETRARCH or TABARI keep their knowledge in these text files;
reading them lets them bring that work to foedus unchanged (``--actors FILE``).

Actors file (one record per actor)::

    GONDOR [GON]            primary phrase and default code
    +MINAS_TIRITH           synonyms of the record
    GOLLUM                  a record whose codes depend on the date ...
        [HOB < 950601]      ... before (or on) 1 June 1995
        [HOBGOV 19950601 - 19990815]
        [HOBREB > 990816]   ... on or after 16 August 1999
    LORIEN [ELR/GAL]        one phrase, two actors: an event of Lorien is one of each

Phrases use ``_`` (or a space) between words. A phrase ending in ``_`` matches that exact word
only; TABARI matched other phrases as word stems ("ARGENTIN" also matched "Argentina"), which is
approximated here by adding common derived forms of the last word ("Arnorian", "Dagolathi").
Dates are ``YYMMDD`` or ``YYYYMMDD`` and the limits are inclusive.

Agents file (words that give an actor its sector)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     a substitution class
    CONGRESS!PERSON! [~LEG]                       congressman, congresswoman, ...
    POLICE {} [~COP]                              {} no plural; {X} an irregular plural
    HUMAN_RIGHTS_BODY [NGO~]                      a prefix code: NGO + country

``[~SEC]`` codes go into :attr:`ActorDictionary.sector_words` (suffix sectors, "Arnor
government" -> ``ARNGOV``); ``[SEC~]`` codes into :attr:`ActorDictionary.sector_prefixes`
("MSF Arnor" -> ``NGOARN``). Regular plurals are formed as PETRARCH forms them.

Comments are ``#`` (to the end of the line), the legacy ``;`` and XML ``<!-- ... -->`` blocks,
which may span lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from foedus.actors.dictionary import ActorDictionary, DictionaryError, Entry, MentionKind

# Codes that do not name a state even though they are three letters long. "---" is PETRARCH's
# null actor (the phrase is an actor, but uncoded); "###" marks a phrase to discard.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UNO", "---", "+++"})
DISCARD_CODE = "###"
# Words kept lower case when an upper-case PETRARCH phrase is given its display form, so that
# "THE_SHIRE" matches "the Shire" in running text.
SMALL_WORDS = frozenset({"the", "of", "and", "for", "de", "du", "la", "le", "al", "el", "da",
                         "in", "on", "at", "to", "a", "an", "von", "van", "der", "bin", "ibn"})
# Endings TABARI's stem matching covered most often: plurals, demonyms and adjectives.
STEM_SUFFIXES = ("s", "es", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "a", "e",
                 "ia", "ish")

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_DATE = r"(\d{6}|\d{8})"
_BEFORE = re.compile(rf"^<\s*{_DATE}$")
_AFTER = re.compile(rf"^>\s*{_DATE}$")
_RANGE = re.compile(rf"^{_DATE}\s*-\s*{_DATE}$")
_SUBSTITUTION = re.compile(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$")
_MARKER = re.compile(r"![A-Za-z0-9_]+!")


@dataclass
class _Record:
    """One actor record: its phrases (primary first) and its codes with their date ranges."""

    line: int
    phrases: list[tuple[str, bool]] = field(default_factory=list)  # (phrase, exact)
    codes: list[tuple[str, dt.date | None, dt.date | None, bool]] = field(default_factory=list)
    groups: list[frozenset[str]] = field(default_factory=list)  # codes joined by "/"


def parse_date(text: str, where: str) -> dt.date:
    """A PETRARCH date: ``YYMMDD`` (years 00-30 are 20xx, the rest 19xx) or ``YYYYMMDD``."""
    try:
        if len(text) == 6:
            year = int(text[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(text[2:4]), int(text[4:6]))
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise DictionaryError(f"{where}: {text!r} is not a date (YYMMDD or YYYYMMDD)") from None


def _cut_comment(text: str) -> str:
    """The text before a ``#`` or ``;`` comment; a ``#`` inside ``[...]`` is a code ("###")."""
    depth = 0
    for n, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return text[:n]
    return text


def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) of every line with its comments removed; blank lines dropped."""
    out: list[tuple[int, str]] = []
    in_xml = False
    for number, raw in enumerate(lines, start=1):
        text = raw
        kept = ""
        while text:
            if in_xml:
                end = text.find("-->")
                if end < 0:
                    text = ""
                    break
                text = text[end + 3:]
                in_xml = False
                continue
            start = text.find("<!")
            if start < 0:
                kept += text
                break
            kept += text[:start]
            text = text[start + 2:]
            in_xml = True
        kept = _cut_comment(kept)
        if kept.strip():
            out.append((number, kept.rstrip()))
    return out


def display_phrase(raw: str) -> tuple[str, bool]:
    """The phrase in running-text form ("MINAS_TIRITH" -> "Minas Tirith") and whether exact.

    Upper-case words are given a capital only; words with a period stay as written ("U.S."),
    hyphenated parts are capitalised each ("Barad-Dur") and small words go lower case.
    """
    text = raw.strip()
    exact = text.endswith("_")
    words = [w for w in re.split(r"[_\s]+", text) if w]
    shown = []
    for n, word in enumerate(words):
        if "." in word or any(c.isdigit() for c in word):
            shown.append(word)
        elif word.lower() in SMALL_WORDS and n > 0 or word.lower() == "the":
            shown.append(word.lower())
        elif word.isupper():
            shown.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        else:
            shown.append(word)
    return " ".join(shown), exact


def stem_forms(phrase: str) -> list[str]:
    """The phrase and the derived forms of its last word that TABARI's stems would match."""
    words = phrase.split(" ")
    last = words[-1]
    if not last[:1].isalpha() or not last[-1:].isalpha() or len(last) < 4:
        return [phrase]
    head = " ".join(words[:-1])
    forms = [phrase]
    for suffix in STEM_SUFFIXES:
        word = last + suffix
        forms.append(f"{head} {word}" if head else word)
    return forms


def _parse_code(body: str, where: str) -> list[tuple[str, dt.date | None, dt.date | None, bool]]:
    """The codes in one ``[...]``: ``CODE``, ``CODE <date``, ``CODE >date``, ``CODE d1-d2``."""
    body = body.strip()
    if not body:
        raise DictionaryError(f"{where}: empty code []")
    parts = body.split(None, 1)
    code_text = parts[0]
    restriction = parts[1].strip() if len(parts) > 1 else ""
    if re.match(r"^[<>]?\d", code_text):
        raise DictionaryError(f"{where}: [{body}] has a date but no code")
    # "HOB<950601": a restriction written without a space
    glued = re.match(r"^([^<>]+)([<>].*)$", code_text)
    if glued:
        code_text, restriction = glued.group(1), glued.group(2) + restriction
    lo: dt.date | None = None
    hi: dt.date | None = None
    dated = bool(restriction)
    if restriction:
        if match := _BEFORE.match(restriction):
            hi = parse_date(match.group(1), where)
        elif match := _AFTER.match(restriction):
            lo = parse_date(match.group(1), where)
        elif match := _RANGE.match(restriction):
            lo = parse_date(match.group(1), where)
            hi = parse_date(match.group(2), where)
        else:
            raise DictionaryError(f"{where}: cannot read the date restriction in [{body}]")
    return [(code.upper(), lo, hi, dated) for code in code_text.split("/") if code]


def _actor_entry(code: str, name: str, lo: dt.date | None, hi: dt.date | None, dated: bool,
                 *, states_as_countries: bool) -> Entry:
    prefix = code[:3]
    if prefix in ("IGO", "NGO"):
        country, sector = "", prefix
    elif re.fullmatch(r"[A-Z]{3}", prefix) and prefix not in NON_STATE_PREFIXES:
        country, sector = prefix, code[3:]
    else:
        country, sector = "", ""
    valid = ((lo, hi),) if dated else ()
    # A bare state code is read as a country, so that the resolver gives it the sector of the
    # noun it heads, as PETRARCH adds agents: "Gondor's government" -> GONGOV.
    kind: MentionKind = "country" if (
        states_as_countries and country and code == country) else "actor"
    return Entry(kind, code, name, country=country, sector=sector, valid=valid)


def read_actors(lines: list[str], origin: str, into: ActorDictionary, *, stems: bool = True,
                states_as_countries: bool = True) -> int:
    """Add the actor records of a ``.actors`` file; returns the number of records read."""
    records: list[_Record] = []
    current: _Record | None = None
    for number, text in _strip_comments(lines):
        where = f"{origin}:{number}"
        stripped = text.strip()
        if stripped.count("[") != stripped.count("]"):
            raise DictionaryError(f"{where}: unbalanced [ ] in {stripped!r}")
        phrase_part = _BRACKET.sub(" ", stripped).strip()
        bodies = [_parse_code(body, where) for body in _BRACKET.findall(stripped)]
        codes = [c for body in bodies for c in body]
        groups = [frozenset(c[0] for c in body) for body in bodies if len(body) > 1]
        if stripped.startswith("+"):
            if current is None:
                raise DictionaryError(f"{where}: synonym {stripped!r} before any actor")
            current.phrases.append(display_phrase(phrase_part[1:]))
        elif stripped.startswith("["):
            if current is None:
                raise DictionaryError(f"{where}: code {stripped!r} before any actor")
        else:
            current = _Record(number)
            records.append(current)
            current.phrases.append(display_phrase(phrase_part))
        current.codes.extend(codes)
        current.groups.extend(groups)
    pairs: list[tuple[str, Entry]] = []
    for record in records:
        if any(code == DISCARD_CODE for code, *_ in record.codes):
            continue
        name = record.phrases[0][0]
        # Dated codes come before the default one: the dictionary returns the first entry that
        # applies on the event's date, and the default applies on every date.
        ordered = [c for c in record.codes if c[3]] + [c for c in record.codes if not c[3]]
        entries = [_actor_entry(code, name, lo, hi, dated,
                                states_as_countries=states_as_countries)
                   for code, lo, hi, dated in ordered]
        # "[ELR/GAL]": one phrase, two actors; the first entry carries the others, so that
        # the phrase names both (PETRARCH codes an event for each)
        for group in record.groups:
            members = [e for e in entries if e.code in group]
            if len(members) > 1:
                first = members[0]
                joint = tuple(members[1:])
                entries[entries.index(first)] = replace(first, joint=joint)
        if not entries:
            continue  # PETRARCH: no code and no restriction is the null code; nothing to add
        for phrase, exact in record.phrases:
            forms = [phrase] if exact or not stems or " " in phrase else stem_forms(phrase)
            for form in forms:
                for entry in entries:
                    pairs.append((form, entry))
        for entry in entries:
            if entry.country and len(entry.code) == 3:
                into.country_names.setdefault(entry.country, name)
    # A user's entries go before the shipped ones for the same phrase, in the file's order.
    for phrase, entry in reversed(pairs):
        into.add(phrase, entry, first=True)
    return len(records)


def plural(word: str) -> str:
    """The regular English plural PETRARCH forms for an agent word."""
    lower = word.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        stem, suffix = word[:-1], "ies"
    elif lower.endswith(("ss", "sh", "ch", "x", "z")):
        stem, suffix = word, "es"
    else:
        stem, suffix = word, "s"
    return stem + (suffix.upper() if word.isupper() else suffix)


def read_agents(lines: list[str], origin: str, into: ActorDictionary) -> int:
    """Add the agents of a ``.agents`` file as sector words; returns the number of agents."""
    substitutions: dict[str, list[str]] = {}
    count = 0
    for number, text in _strip_comments(lines):
        where = f"{origin}:{number}"
        stripped = text.strip()
        if match := _SUBSTITUTION.match(stripped):
            items = [i.strip() for i in match.group(2).split(",") if i.strip()]
            substitutions[match.group(1).upper()] = items
            continue
        codes = _BRACKET.findall(stripped)
        if len(codes) != 1:
            raise DictionaryError(f"{where}: an agent needs one [~CODE] or [CODE~]: {stripped!r}")
        code = codes[0].replace(" ", "").upper()
        if code.startswith("~"):
            target, sector = into.sector_words, code[1:]
        elif code.endswith("~"):
            target, sector = into.sector_prefixes, code[:-1]
        else:
            raise DictionaryError(f"{where}: agent code [{codes[0]}] needs a ~ before or after")
        if not sector:
            raise DictionaryError(f"{where}: empty agent code [{codes[0]}]")
        phrase_text = _BRACKET.sub(" ", stripped)
        plurals: list[str] | None = None  # None: form the regular plural
        brace = re.search(r"\{([^{}]*)\}", phrase_text)
        if brace:
            plurals = [p for p in re.split(r"[,\s]+", brace.group(1)) if p]
            phrase_text = phrase_text[:brace.start()] + phrase_text[brace.end():]
        raw = phrase_text.strip()
        if not raw:
            raise DictionaryError(f"{where}: agent without a phrase: {stripped!r}")
        forms: list[str] = []
        marker = _MARKER.search(raw)
        if marker:
            items = substitutions.get(marker.group(0).upper())
            if items is None:
                raise DictionaryError(f"{where}: {marker.group(0)} is not defined above")
            forms = [raw.replace(marker.group(0), item) for item in items]
        else:
            forms = [raw]
            if plurals is None:
                words = re.split(r"[_\s]+", raw.rstrip("_"))
                forms.append(" ".join([*words[:-1], plural(words[-1])]))
            else:
                forms.extend(plurals)
        for form in forms:
            words = [w for w in re.split(r"[_\s]+", form) if w]
            if words:
                target[" ".join(words).lower()] = sector
        count += 1
    return count


def _kind_of(path: Path, lines: list[str]) -> str:
    name = path.name.lower()
    for kind in ("verbs", "discard", "issues"):
        if kind in name:
            return kind
    if "agent" in name:
        return "agents"
    if "actor" in name:
        return "actors"
    for _, text in _strip_comments(lines):
        if _SUBSTITUTION.match(text.strip()) or re.search(r"\[\s*~|~\s*\]", text):
            return "agents"
    return "actors"


def load_petrarch_file(path: Path, into: ActorDictionary, *, stems: bool = True,
                       states_as_countries: bool = True) -> None:
    """Read a PETRARCH/TABARI actors or agents dictionary into ``into`` (user precedence).

    The kind is told by the file name (``*.actors*``, ``*.agents*``), else by its content.
    Raises :class:`DictionaryError` naming the file and line of anything it cannot read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")  # older TABARI files are Latin-1
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    lines = text.splitlines()
    kind = _kind_of(path, lines)
    if kind in ("verbs", "discard", "issues"):
        raise DictionaryError(
            f"{path}: a PETRARCH {kind} file, not an actor or agent dictionary")
    if kind == "agents":
        read_agents(lines, str(path), into)
    else:
        read_actors(lines, str(path), into, stems=stems,
                    states_as_countries=states_as_countries)
