"""Resolve a short actor string ("Mexican authorities", "soldiers", "Vladimir Putin") on its own.

The coder resolves actors inside sentences; this module runs the same dictionaries and the same
resolver on a bare string, as a user's data often has them (an actor column, a caption, a query),
and as actor-resolution gold sets give them.

The string is parsed with the shared pipeline; the resolver's mention that covers the phrase's
head noun wins, else the first named actor, else an actor adjective ("four Saudi men"). A head
noun that names a sector gives the sector ("American warplanes" -> USA + MIL); a sector word with
no country ("soldiers") gives an actor with an empty country and the sector as its code. A
``context`` string (a country or adjective: "Mexico", "German") supplies the country when the
string itself names none.

A string on its own says more about an actor's role than a sentence does, so a few readings are
made here, as actor-resolution gold sets (NGEC's) code them: a named office holder out of office on
the date (or, with no date, no longer in any office the dictionary records) is an elite, ``ELI``,
as is anyone "former", "retired" or "ex-"; a bare capital or seat of power ("Tehran", "the
Kremlin") is the government, ``GOV``; a bare region or city ("Mariupol") is the people there,
``CVL``; "ordinary Kazakhs" are civilians.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from foedus.actors.resolver import Mention
from foedus.records import Actor

if TYPE_CHECKING:
    from foedus.events.coder import Coder


def _head(doc: Doc) -> Token | None:
    """The head noun of the phrase: the root of its first sentence, or its last noun."""
    if len(doc) == 0:
        return None
    root = next(iter(doc.sents)).root
    if root.pos_ in ("NOUN", "PROPN"):
        return root
    nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else root


FORMER = frozenset({"former", "retired", "ex", "ex-", "onetime", "one-time", "erstwhile",
                    "disgraced"})
PLACE_KINDS = frozenset({"country", "adjective", "demonym", "metonym", "place"})
# Sectors that an office holder's "former" turns into ELI (not "former rebels", "ex-prisoners").
OFFICIAL_SECTORS = frozenset({"", "GOV", "MIL", "SPY", "COP", "LEG", "JUD", "ELI"})


def _sector_word(coder: Coder, token: Token) -> str:
    """The sector a noun names with its modifiers: the longest known ending of the phrase wins
    ("Ukrainian agricultural workers" -> "agricultural workers" AGR, not "workers" LAB)."""
    words = [c.text.lower() for c in token.lefts
             if c.dep_ in ("compound", "amod") and c.pos_ != "PUNCT"]
    candidates = []
    for start in range(len(words) + 1):
        candidates += [" ".join([*words[start:], token.text.lower()]),
                       " ".join([*words[start:], token.lemma_.lower()])]
    for candidate in candidates:
        sector = coder.dictionary.sector_words.get(candidate)
        if sector:
            return sector
    return ""


def _with_sector(actor: Actor, sector: str) -> Actor:
    if not sector or actor.sector or not actor.country or actor.code != actor.country:
        return actor
    return Actor(f"{actor.country}{sector}", actor.name, actor.country, sector, actor.person)


def _as_sector(actor: Actor, sector: str) -> Actor:
    """The actor with ``sector`` in place of its own (``USAGOV`` -> ``USAELI``)."""
    if actor.code.startswith(("IGO", "NGO")):
        return actor
    return Actor(f"{actor.country}{sector}", actor.name, actor.country, sector, actor.person)


def _is_former(doc: Doc, head: Token) -> bool:
    """'a former CIA official', 'retired vice president', 'ex-minister'."""
    return any(t.lower_ in FORMER or t.lower_.startswith("ex-") for t in doc if t.i <= head.i)


def _out_of_office(coder: Coder, actor: Actor, day: dt.date | None) -> bool:
    """A named office holder who had left office by ``day`` (with no day: left every office)."""
    if not actor.person or actor.sector not in ("GOV", "MIL", "SPY"):
        return False
    for entry in coder.dictionary.phrases.get(actor.person, []):
        person = entry.person
        if person is None or person.name != actor.person or entry.code != actor.code:
            continue
        terms = person.terms
        if not terms:
            return False
        if day is None:
            return all(t.end is not None for t in terms)
        return not person.in_office(day) and any(t.end is not None and t.end < day for t in terms)
    return False


def _reading(coder: Coder, doc: Doc, head: Token, mention: Mention, day: dt.date | None) -> Actor:
    """The actor of the mention that covers the phrase's head, read as a string on its own."""
    word = _sector_word(coder, head)
    actor = _with_sector(mention.actor, word)
    if word and mention.kind in PLACE_KINDS and actor.sector not in ("", word) and (
        actor.code == f"{actor.country}{actor.sector}" and not actor.person
    ):  # the parse took a shorter ending: "agricultural workers" AGR, not "workers" LAB
        actor = _as_sector(actor, word)
    if actor.country and actor.code == actor.country and not actor.sector:
        if mention.kind == "metonym" and mention.start <= head.i < mention.end:
            return _as_sector(actor, "GOV")  # "Tehran", "the Kremlin"
        if mention.kind == "place" and mention.start <= head.i < mention.end:
            return _as_sector(actor, "CVL")  # "Mariupol": the people there
        if mention.kind == "demonym":  # "ordinary Kazakhs": "ordinary people"
            words = [c.text.lower() for c in head.lefts if c.dep_ == "amod"]
            sector = coder.dictionary.sector_words.get(" ".join([*words, "people"]), "")
            if words and sector:
                return _as_sector(actor, sector)
    if _out_of_office(coder, actor, day):
        return _as_sector(actor, "ELI")
    return actor


def _pick(coder: Coder, doc: Doc, mentions: list[Mention], day: dt.date | None = None
          ) -> Actor | None:
    actor = _pick_actor(coder, doc, mentions, day)
    head = _head(doc)
    if actor is not None and head is not None and actor.sector in OFFICIAL_SECTORS and (
        actor.sector or actor.country
    ) and _is_former(doc, head):
        return _as_sector(actor, "ELI")
    return actor


def _pick_actor(coder: Coder, doc: Doc, mentions: list[Mention], day: dt.date | None
                ) -> Actor | None:
    head = _head(doc)
    if head is None:
        return None
    full = [m for m in mentions if not m.modifier]
    for mention in full:
        if mention.anchor == head.i or mention.start <= head.i < mention.end:
            return _reading(coder, doc, head, mention, day)
    # a sector head noun: "American warplanes", "Several trade unions in Denmark"
    sector = _sector_word(coder, head)
    if not sector:
        for token in reversed(doc):
            if token.pos_ == "NOUN" and (sector := _sector_word(coder, token)):
                break
    if full:
        return _with_sector(full[0].actor, sector)
    modifiers = [m for m in mentions if m.modifier]
    if modifiers:
        return _with_sector(modifiers[0].actor, sector)
    if sector:
        return Actor(sector, doc.text.strip(), "", sector)
    return None


def resolve_actor_texts(
    texts: Sequence[str],
    dates: Sequence[dt.date | None] | None = None,
    contexts: Sequence[str] | None = None,
    *,
    actors: Sequence[Path | str] = (),
    coder: Coder | None = None,
) -> list[Actor | None]:
    """Resolve many actor strings in one batched parse; None where nothing is recognised."""
    from foedus.api import get_coder

    coder = coder or get_coder(actors)
    dates = list(dates) if dates is not None else [None] * len(texts)
    contexts = list(contexts) if contexts is not None else [""] * len(texts)
    if not len(texts) == len(dates) == len(contexts):
        raise ValueError("texts, dates and contexts must have the same length")
    # contexts are parsed in the same batch as the strings
    unique_contexts = sorted({c.strip() for c in contexts if c and c.strip()})
    docs = list(coder.nlp.pipe([t.strip() for t in texts] + unique_contexts, batch_size=256))
    context_actor: dict[str, Actor | None] = {}
    for context, doc in zip(unique_contexts, docs[len(texts):], strict=True):
        context_actor[context] = _pick(coder, doc, coder.resolver.mentions(doc))
    out: list[Actor | None] = []
    for doc, day, context in zip(docs[: len(texts)], dates, contexts, strict=True):
        actor = _pick(coder, doc, coder.resolver.mentions(doc, day), day)
        known = context_actor.get((context or "").strip())
        if known is not None and known.country and (actor is None or not actor.country):
            if actor is None:
                actor = Actor(known.country, known.name, known.country, "")
            elif not actor.code.startswith(("IGO", "NGO")):
                actor = Actor(f"{known.country}{actor.sector}", actor.name, known.country,
                              actor.sector, actor.person)
        out.append(actor)
    return out


def resolve_actor_text(
    text: str,
    date: dt.date | None = None,
    context: str = "",
    *,
    actors: Sequence[Path | str] = (),
    coder: Coder | None = None,
) -> Actor | None:
    """The actor a short string names, on a date (for office holders), or None.

    >>> resolve_actor_text("Russian troops").code   # doctest: +SKIP
    'RUSMIL'
    """
    return resolve_actor_texts([text], [date], [context], actors=actors, coder=coder)[0]
