"""Trigger patterns and the modality lexicon, read from ``foedus/data/patterns``.

Patterns are data: a user can add a file of their own with the same layout (``--patterns``);
its entries replace the shipped ones for the same lemma.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DEFAULT_VERB_TARGETS = (
    "dobj", "dative", "prep:to", "prep:with", "prep:against", "prep:on", "prep:toward",
    "prep:towards", "prep:at", "prep:into", "prep:for",
)
DEFAULT_NOUN_TARGETS = ("prep:to", "prep:for", "prep:against", "prep:on", "prep:of", "prep:with")


class PatternError(ValueError):
    """A pattern file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """What one trigger word (a verb or an event noun) means and where its arguments are."""

    phrase: str  # "provide", "call on"
    code: str
    targets: tuple[str, ...]
    objects: tuple[tuple[str, str], ...] = ()  # (class, code), in the file's order
    invert: bool = False
    light: bool = False
    modality: str = ""
    object_is_source: bool = False  # "needed North Korean troops": the troops would act
    of_is_source: bool = False  # "the withdrawal of Russian troops": the of-phrase acts
    require_object: bool = False  # only an object of a listed class makes it an event
    # (or an event noun, unless ``require_object: class``: "cancelled a visit" is no easing)
    class_object: bool = False
    exclude_deps: tuple[str, ...] = ()  # a child with one of these relations: not this event
    military_code: str = ""  # the code when the source is a military ("troops arrived")
    # several subjects and no target: each acts toward the others, with this code ("Ardenia
    # and Vestria agreed ..."; PETRARCH's "% * [030]")
    reciprocal_code: str = ""
    # "not <verb>": used when the text negates the verb; the code names what the refusal is
    # ("did not allow" 112), so the event is asserted
    negated: bool = False
    # the target's own event toward the source, by the event's code: an arrival (032) is a
    # visit received (033) by the host; PETRARCH's "[032:033]"
    reverse_codes: tuple[tuple[str, str], ...] = ()
    state_code: str = ""  # the code when a state or government acts ("Baku protested")
    civil_code: str = ""  # the code when civilians or protesters act ("protesters stormed")
    parties: bool = False  # the targets are the parties of the deal it serves ("brokered")


@dataclass
class Lexicon:
    """Everything the coder reads from data: word classes, triggers, modality words."""

    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    adjectives: dict[str, Trigger] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    code_maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def word_set(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def mapped_code(self, table: str, code: str) -> str:
        """The code a prefix table gives ``code`` (longest prefix first), else ``code``."""
        mapping = self.code_maps.get(table, {})
        for n in range(len(code), 1, -1):
            if code[:n] in mapping:
                return mapping[code[:n]]
        return code


def _trigger(phrase: str, raw: dict[str, Any], defaults: tuple[str, ...], origin: str) -> Trigger:
    code = str(raw.get("code", "")).strip()
    if not code.isdigit():
        raise PatternError(f"{origin}: trigger {phrase!r} has no numeric CAMEO code")
    objects = tuple((str(k), str(v)) for k, v in (raw.get("objects") or {}).items())
    return Trigger(
        phrase=phrase,
        code=code,
        targets=tuple(raw.get("target") or defaults),
        objects=objects,
        invert=bool(raw.get("invert", False)),
        light=bool(raw.get("light", False)),
        modality=str(raw.get("modality", "") or ""),
        object_is_source=bool(raw.get("object_is_source", False)),
        of_is_source=bool(raw.get("of_is_source", False)),
        require_object=bool(raw.get("require_object", False)),
        class_object=raw.get("require_object") == "class",
        exclude_deps=tuple(raw.get("exclude_deps") or ()),
        military_code=str(raw.get("military_code", "") or ""),
        reciprocal_code=str(raw.get("reciprocal_code", "") or ""),
        negated=phrase.startswith("not "),
        reverse_codes=tuple((str(k), str(v)) for k, v in (raw.get("reverse_codes") or {}).items()),
        state_code=str(raw.get("state_code", "") or ""),
        civil_code=str(raw.get("civil_code", "") or ""),
        parties=bool(raw.get("parties", False)),
    )


def _merge(lexicon: Lexicon, data: dict[str, Any], origin: str) -> None:
    for name, members in (data.get("classes") or {}).items():
        lexicon.classes[name] = lexicon.classes.get(name, frozenset()) | frozenset(
            str(m).lower() for m in members
        )
    for phrase, raw in (data.get("verbs") or {}).items():
        lexicon.verbs[str(phrase)] = _trigger(str(phrase), raw, DEFAULT_VERB_TARGETS, origin)
    for phrase, raw in (data.get("adjectives") or {}).items():
        lexicon.adjectives[str(phrase)] = _trigger(str(phrase), raw, DEFAULT_NOUN_TARGETS, origin)
    for phrase, raw in (data.get("nouns") or {}).items():
        lexicon.nouns[str(phrase)] = _trigger(str(phrase), raw, DEFAULT_NOUN_TARGETS, origin)
    for key, value in data.items():
        if key in ("classes", "verbs", "nouns", "adjectives"):
            continue
        if isinstance(value, list):
            lexicon.words[key] = lexicon.words.get(key, frozenset()) | frozenset(
                str(v).lower() for v in value
            )
        elif isinstance(value, dict):
            table = lexicon.code_maps.setdefault(key, {})
            table.update({str(k): str(v) for k, v in value.items()})


def _read(path: Path | Any, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PatternError(f"{origin}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise PatternError(f"{origin}: expected a mapping")
    return data


def load_lexicon(extra: Iterable[Path | str] = (), *, shipped_triggers: bool = True) -> Lexicon:
    """The shipped patterns and modality words, plus the user's pattern files.

    With ``shipped_triggers=False`` the shipped trigger words are left out (the modality words
    stay): the user's files, e.g. a complete PETRARCH verbs dictionary, decide alone what is an
    event.
    """
    lexicon = Lexicon()
    folder = resources.files("foedus") / "data" / "patterns"
    for name in ("events.yaml", "modality.yaml"):
        data = _read(folder / name, name)
        if not shipped_triggers and name == "events.yaml":
            data = {"classes": data.get("classes") or {}}
        _merge(lexicon, data, name)
    for path in extra:
        path = Path(path)
        if not path.is_file():
            raise PatternError(f"{path}: no such pattern file")
        if path.suffix.lower() in (".yaml", ".yml"):
            data = _read(path, str(path))
        else:  # a PETRARCH/TABARI verbs dictionary
            from foedus.events.petrarch_verbs import read_petrarch_verbs

            data = read_petrarch_verbs(path)
        _merge(lexicon, data, str(path))
    return lexicon
