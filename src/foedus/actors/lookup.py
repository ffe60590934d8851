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


def _sector_word(coder: Coder, token: Token) -> str:
    words = [c.text.lower() for c in token.lefts if c.dep_ in ("compound", "amod")]
    candidates = [" ".join([*words, token.text.lower()]), " ".join([*words, token.lemma_]),
                  token.text.lower(), token.lemma_.lower()]
    for candidate in candidates:
        sector = coder.dictionary.sector_words.get(candidate)
        if sector:
            return sector
    return ""


def _with_sector(actor: Actor, sector: str) -> Actor:
    if not sector or actor.sector or not actor.country or actor.code != actor.country:
        return actor
    return Actor(f"{actor.country}{sector}", actor.name, actor.country, sector, actor.person)


def _pick(coder: Coder, doc: Doc, mentions: list[Mention]) -> Actor | None:
    head = _head(doc)
    if head is None:
        return None
    full = [m for m in mentions if not m.modifier]
    for mention in full:
        if mention.anchor == head.i or mention.start <= head.i < mention.end:
            return _with_sector(mention.actor, _sector_word(coder, head))
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
        actor = _pick(coder, doc, coder.resolver.mentions(doc, day))
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
