"""Resolve actor mentions in a parsed sentence to actor codes.

Dictionary phrases come first (the statistical NER calls "Armenia" an organisation); the
dependency parse then decides what a phrase names: "Russian forces" is the Russian military,
"Russia's allies" a collective, "the Armenian foreign minister" whoever held the office on the
article's date. Pronouns and relative pronouns take the actor they refer to in the same or the
previous sentence.

The result is a map from token index (the token a verb sees as its subject or object: the head
of the noun phrase) to the :class:`~foedus.records.Actor` it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from foedus.actors.dictionary import ActorDictionary, Entry
from foedus.records import Actor

ALLY_WORDS = frozenset({"ally", "allies", "partner", "partners", "friend", "friends"})
# Office words, and the role they stand for when a country goes with them.
TITLE_ROLES = {
    "president": "head_of_state",
    "leader": "head_of_state",
    "king": "head_of_state",
    "emir": "head_of_state",
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
    "foreign minister": "foreign_minister",
    "secretary of state": "foreign_minister",
    "defence minister": "defence_minister",
    "defense minister": "defence_minister",
    "defense secretary": "defence_minister",
    "defence secretary": "defence_minister",
    "secretary of defense": "defence_minister",
    "secretary general": "secretary_general",
    "secretary-general": "secretary_general",
}
TITLE_WORDS = frozenset({"president", "leader", "king", "emir", "minister", "premier",
                         "chancellor", "secretary", "queen", "prince", "spokesman",
                         "spokeswoman", "spokesperson", "ambassador", "envoy"})
# Titles of named people besides the office words: "Judge X", "General X", "Archbishop X".
NAMED_TITLES = frozenset({"judge", "general", "gen.", "colonel", "col.", "archbishop", "bishop",
                          "vice-president", "governor", "mayor", "senator", "commander"})
MEMBER_WORDS = frozenset({"member", "member-state", "state", "country", "nation", "partner",
                          # people who stand for the body they serve: "the head of the news
                          # agency", "officers of Russia's FSB"
                          "head", "chief", "director", "officer", "agent", "operative",
                          "employee", "staff", "staffer", "correspondent", "editor", "envoy",
                          "representative", "delegate"})
# Words for people who speak for the seat of power they are "in" ("officials in Moscow").
SEAT_WORDS = frozenset({"officials", "official", "diplomats", "diplomat", "authorities",
                        "leaders", "sources", "spokesman", "spokeswoman"})
# Sector words that, alone, are more often a thing than a group of people.
MASS_NOUNS = frozenset({"force", "intelligence", "security", "defence", "defense", "media",
                        # weapons stand for a military only when someone's: "Russian tanks"
                        "artillery", "drones", "planes", "aircraft", "helicopters", "warplanes",
                        "warships", "tanks", "jets", "bombers"})
SPOKES_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "ambassador",
                          "envoy"})
# Definite descriptions of a state just named: "imposed a blockade on the emirate", "Pelosi's
# visit to the island".
STATE_WORDS = frozenset({"country", "island", "kingdom", "emirate", "republic", "nation",
                         "monarchy", "archipelago", "sultanate", "principality"})
GROUP_WORDS = frozenset({"bloc", "alliance", "organisation", "organization", "union", "pact"})
PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})
NEUTER = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their", "theirs"})
# Plural nouns that, with "those", "both" or "the two", point back to actors just conjoined:
# "Venezuela expelled diplomats from Chile and Peru after those countries refused ..."
PLURAL_REFERENCES = frozenset({"countries", "states", "nations", "sides", "leaders", "neighbours",
                               "neighbors", "governments", "capitals", "presidents", "parties",
                               "delegations", "allies", "rivals", "adversaries"})
PLURAL_DETERMINERS = frozenset({"those", "these", "both", "two", "three", "four"})
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a sentence: the tokens that name it and the token that stands for it."""

    start: int  # first token (doc index)
    end: int  # one past the last token
    anchor: int  # head token the syntax sees
    actor: Actor
    kind: str  # the dictionary kind, or "pronoun", "relative", "title", "copula"
    modifier: bool = False  # an adjective that colours a non-actor noun ("Russian aid")
    subject: bool = False  # the anchor is a clause's subject (pronouns prefer subjects)
    joint: tuple[Actor, ...] = ()  # other actors the same words name ("LORIEN [ELR/GAL]")
    # the actors of a conjunction this mention heads ("Armenia and Azerbaijan"), so that a
    # plural reference to it ("they", "the two countries") names each of them
    group: tuple[Actor, ...] = ()


class ActorResolver:
    """Finds and resolves actor mentions; build once per dictionary and reuse."""

    def __init__(self, dictionary: ActorDictionary, nlp: Language) -> None:
        self.dictionary = dictionary
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._by_lower: dict[str, list[str]] = {}
        for phrase in dictionary.phrases:
            self._by_lower.setdefault(phrase.lower(), []).append(phrase)
        # Patterns keep the phrase's own spelling so that the tokenizer splits them as it splits
        # running text ("U.S." is one token, "u.s." two); the matcher compares lower case.
        for lower, phrases in self._by_lower.items():
            self.matcher.add(lower, [nlp.make_doc(p) for p in phrases])
        self.sector_words = dictionary.sector_words
        self._vocab = nlp.vocab

    # -- dictionary matches -------------------------------------------------------------
    def _phrase_for(self, span: Span) -> str | None:
        """The dictionary phrase that this span's text matches, respecting capitals.

        Matching runs on lower case so that "ARMENIA" and "Armenia" both match, but a phrase
        written with capitals needs those capitals in the text: "turkey" is not Turkey and "us"
        is not the US.
        """
        text = span.text
        for phrase in self._by_lower.get(text.lower(), []):
            entries = self.dictionary.phrases.get(phrase, [])
            if any(e.kind == "actor" for e in entries):  # user dictionaries (any case)
                return phrase
            if phrase.isupper() and len(phrase) <= 5:
                if text == phrase:
                    return phrase
                continue
            if all(
                (not p[:1].isupper()) or t[:1].isupper()
                for p, t in zip(phrase.split(), text.split(), strict=False)
            ):
                return phrase
        return None

    def _matches(self, doc: Doc) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        for _match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            phrase = self._phrase_for(span)
            if phrase is not None:
                found.append((span, phrase))
        # The longest match wins where matches overlap ("North Korea" over "Korea").
        found.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start))
        taken: set[int] = set()
        kept = []
        for span, phrase in found:
            if taken.isdisjoint(range(span.start, span.end)):
                kept.append((span, phrase))
                taken.update(range(span.start, span.end))
        kept.sort(key=lambda item: item[0].start)
        return kept

    # -- the syntax around a match --------------------------------------------------------
    def _sector_of(self, token: Token) -> str:
        """The sector a head noun names ("troops" -> MIL, "foreign ministry" -> GOV)."""
        words = [c.text.lower() for c in token.lefts if c.dep_ == "compound"]
        candidates = [" ".join([*words, token.text.lower()]), " ".join([*words, token.lemma_]),
                      token.text.lower(), token.lemma_.lower()]
        for candidate in candidates:
            sector = self.sector_words.get(candidate)
            if sector:
                return sector
        return ""

    def _compound_sector(self, name: Token) -> str:
        """The sector of the title words before a name ("Prime Minister", "opposition leader")."""
        words = [c for c in name.lefts if c.dep_ in ("compound", "amod") and c.pos_ != "PUNCT"]
        texts = [w.text.lower() for w in words]
        for n in range(len(texts), 0, -1):
            for start in range(0, len(texts) - n + 1):
                sector = self.sector_words.get(" ".join(texts[start:start + n]))
                if sector:
                    return sector
        return ""

    def _title_role(self, token: Token) -> str:
        words = [c.text.lower() for c in token.lefts if c.dep_ in ("compound", "amod")]
        words.append(token.text.lower())
        for n in range(len(words), 0, -1):
            role = TITLE_ROLES.get(" ".join(words[-n:]))
            if role:
                return role
        # "secretary of state", "secretary of defense"
        if token.lower_ == "secretary":
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        key = f"secretary of {pobj.lower_}"
                        if key in TITLE_ROLES:
                            return TITLE_ROLES[key]
        return ""

    def _holder_actor(self, country: str, role: str, day: dt.date | None, name: str) -> Actor:
        person = self.dictionary.holder(country, role, day)
        if person is not None:
            return Actor(f"{country}GOV", person.name, country, "GOV", person.name)
        return Actor(f"{country}GOV", name, country, "GOV")

    def _country_actor(self, entry: Entry, sector: str = "") -> Actor:
        name = self.dictionary.country_names.get(entry.country, entry.name) or entry.name
        return Actor(f"{entry.code}{sector}", name, entry.country, sector)

    def _resolve_match(self, span: Span, entry: Entry, day: dt.date | None) -> Mention:
        root = span.root
        head = root.head
        kind = entry.kind
        if kind == "person" and entry.person is not None:
            actor = Actor(entry.code, entry.person.name, entry.country, entry.sector,
                          entry.person.name)
            return Mention(span.start, span.end, root.i, actor, kind)
        if kind in ("organisation", "collective", "actor"):
            actor = Actor(entry.code, entry.name, entry.country, entry.sector)
            anchor = root.i
            # "Arab League Secretary General Chadli Klibi": the official speaks for the body
            if root.dep_ == "compound" and head.pos_ == "PROPN" and self._compound_sector(head):
                return Mention(span.start, head.i + 1, head.i, actor, kind)
            # "NATO troops", "the West's allies" stay the organisation, anchored at the noun
            if root.dep_ in ("compound", "amod", "nmod", "poss") and head.pos_ in NOUN_POS and (
                self._sector_of(head) or head.lower_ in ALLY_WORDS
            ):
                anchor = head.i
            return Mention(span.start, span.end, anchor, actor, kind)
        # countries: names, adjectives, demonyms, metonyms
        attached = root.dep_ in ("compound", "amod", "poss", "nmod") and head.pos_ in NOUN_POS
        if attached and head.i != root.i and head.pos_ == "PROPN" and root.dep_ != "poss":
            # "Zimbabwean Prime Minister Robert Mugabe", "Iraqi President Saddam Hussein": a
            # titled person the dictionary does not know stands for the country's sector
            sector = self._compound_sector(head)
            if sector:
                actor = self._country_actor(entry, sector)
                return Mention(span.start, head.i + 1, head.i, actor, "title")
        if attached and head.i != root.i:
            if head.lower_ in ALLY_WORDS and root.dep_ in ("poss", "amod", "compound"):
                actor = Actor(f"{entry.country}ALY", f"{entry.name}'s allies", "", "ALY")
                return Mention(span.start, head.i + 1, head.i, actor, "collective")
            role = self._title_role(head)
            if role:
                actor = self._holder_actor(entry.country, role, day, head.text)
                return Mention(span.start, head.i + 1, head.i, actor, "title")
            sector = self._sector_of(head)
            if sector:
                actor = self._country_actor(entry, sector)
                return Mention(min(span.start, head.i), max(span.end, head.i + 1), head.i,
                               actor, kind)
            if kind == "adjective" or root.dep_ in ("amod", "compound"):
                # "Russian aid": not an actor by itself, but the source of the event noun
                return Mention(span.start, span.end, root.i, self._country_actor(entry), kind,
                               modifier=True)
        # "the government of Armenia", "troops from Russia"
        if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "from"):
            owner = head.head
            if owner.pos_ in NOUN_POS:
                role = self._title_role(owner)
                if role:
                    actor = self._holder_actor(entry.country, role, day, owner.text)
                    return Mention(owner.i, span.end, owner.i, actor, "title")
                sector = self._sector_of(owner)
                if sector:
                    return Mention(owner.i, span.end, owner.i,
                                   self._country_actor(entry, sector), kind)
        return Mention(span.start, span.end, root.i, self._country_actor(entry), kind)

    # -- public -------------------------------------------------------------------------
    def mentions(self, doc: Doc, day: dt.date | None = None) -> list[Mention]:
        """Every dictionary-backed actor mention in ``doc``, in text order."""
        found = []
        for span, phrase in self._matches(doc):
            entry = self.dictionary.lookup(phrase, day)
            if entry is None:
                continue
            mention = self._resolve_match(span, entry, day)
            if entry.joint:
                # each joint code resolved as the first was, so that it gets the same sector
                # ("Lorien's government": ELRGOV and GALGOV)
                joint = []
                for other in entry.joint:
                    joint.append(self._resolve_match(span, other, day).actor)
                mention = replace(mention, joint=tuple(joint))
            if not mention.modifier:
                mention = self._to_name_head(doc, mention)
            found.append(self._with_role(doc, mention))
        return found

    @staticmethod
    def _with_role(doc: Doc, mention: Mention) -> Mention:
        token = doc[mention.anchor]
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        return replace(mention, subject=node.dep_ in ("nsubj", "nsubjpass"))

    @staticmethod
    def _to_name_head(doc: Doc, mention: Mention) -> Mention:
        """Move the anchor onto the name a title qualifies ("President ... Saddam Hussein")."""
        token = doc[mention.anchor]
        moved = False
        while token.dep_ in ("compound", "appos", "nmod") and token.head.pos_ == "PROPN" and (
            token.head.i > token.i
        ):
            token = token.head
            moved = True
        if not moved:
            return mention
        return replace(mention, anchor=token.i, end=max(mention.end, token.i + 1))

    def resolve_references(
        self, sent: Span, mentions: dict[int, Mention], previous: list[Mention]
    ) -> dict[int, Mention]:
        """Add mentions for pronouns and relative pronouns in ``sent``.

        ``mentions`` maps anchor token index -> mention for the sentence; ``previous`` lists the
        mentions of the previous sentence, for pronouns that reach back.
        """
        resolved = self._grouped(sent, dict(mentions))
        for token in sent:
            if token.i in resolved:
                continue
            lower = token.lower_
            target: Mention | None = None
            if token.pos_ == "NOUN" and lower in PLURAL_REFERENCES and any(
                c.lower_ in PLURAL_DETERMINERS for c in token.children
                if c.dep_ in ("det", "predet", "nummod", "preconj")
            ):
                before, earlier = _candidates_before(token, resolved, previous)
                target = next((m for m in before + earlier if len(m.group) > 1), None)
                if target is not None:
                    resolved[token.i] = replace(target, start=token.i, end=token.i + 1,
                                                anchor=token.i, kind="pronoun",
                                                subject=token.dep_ in ("nsubj", "nsubjpass"))
                continue
            if lower in RELATIVE and token.tag_ in ("WDT", "WP", "WP$") and (
                token.head.dep_ == "relcl"
            ):
                antecedent = token.head.head
                target = resolved.get(antecedent.i) or self._copular_subject(antecedent, resolved)
                kind = "relative"
            elif token.pos_ == "PRON" and lower in PERSONAL | NEUTER | PLURAL:
                target = self._antecedent(token, resolved, previous)
                kind = "pronoun"
            elif token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat") and any(
                c.dep_ == "compound" and c.lower_ in SPOKES_WORDS for c in token.children
            ):
                title = next(c for c in token.children if c.lower_ in SPOKES_WORDS)
                target = self._described(title, resolved, previous)
                kind = "pronoun"
            elif token.pos_ == "NOUN" and self._definite(token) and lower in STATE_WORDS and (
                not any(c.dep_ in ("poss", "compound", "amod", "prep", "relcl", "acl")
                        for c in token.children)
            ):
                # "the emirate", "the island": the state named nearest before
                before, earlier = _candidates_before(token, resolved, previous)
                target = next((m for m in before + earlier if m.kind in ("country", "metonym")
                               and m.actor.country and not m.actor.sector), None)
                kind = "pronoun"
            elif token.pos_ == "NOUN" and self._definite(token) and (
                lower in TITLE_WORDS or lower in GROUP_WORDS
            ) and not any(c.dep_ in ("poss", "compound", "amod") for c in token.children):
                # "the president", "the bloc": a definite description of someone just named
                target = self._described(token, resolved, previous)
                kind = "pronoun"
            else:
                continue
            if target is not None and not target.modifier:
                resolved[token.i] = self._with_role(
                    sent.doc, replace(target, start=token.i, end=token.i + 1, anchor=token.i,
                                      kind=kind))
        self._bare_sectors(sent, resolved, previous)
        self._titled_names(sent, resolved, previous)
        self._ethnic_groups(sent, resolved)
        for token in sent:
            # relative pronouns whose antecedent only the sector pass resolved ("police
            # officers who would be sent")
            if token.i not in resolved and token.lower_ in RELATIVE and token.tag_ in (
                "WDT", "WP") and token.head.dep_ == "relcl" and token.head.head.i in resolved:
                target = resolved[token.head.head.i]
                if not target.modifier:
                    resolved[token.i] = self._with_role(sent.doc, replace(
                        target, start=token.i, end=token.i + 1, anchor=token.i, kind="relative"))
        return resolved

    @staticmethod
    def _grouped(sent: Span, resolved: dict[int, Mention]) -> dict[int, Mention]:
        """Mark the first actor of each conjunction of actors with the group it heads."""
        for i, mention in list(resolved.items()):
            if mention.modifier:
                continue
            # the conjunction may hang on the anchor or on a name inside the mention
            # ("envoys from Peru and Bolivia")
            for token in [sent.doc[mention.anchor], *sent.doc[mention.start:mention.end]]:
                if token.dep_ == "conj" or not token.conjuncts:
                    continue
                others = [shared_sector(resolved[c.i], mention) for c in token.conjuncts
                          if c.i in resolved and not resolved[c.i].modifier]
                if others:
                    resolved[i] = replace(mention, group=(mention.actor, *others))
                    break
        return resolved

    def _titled_names(
        self, sent: Span, resolved: dict[int, Mention], previous: list[Mention]
    ) -> None:
        """A named office holder the dictionaries do not know ("President Dos Santos",
        "Judge Alejandro Rivera"): as CAMEO coders do, and as bare sectors do here, the
        person takes the country the sentence is about, and the title's sector."""
        covered = {i for m in resolved.values() for i in range(m.start, m.end)}
        ordered = sorted(resolved.values(), key=lambda m: m.start)
        earlier = next((m.actor.country for m in reversed(previous) if m.actor.country), "")
        for token in sent:
            if token.pos_ != "PROPN" or token.i in covered or token.dep_ in ("compound", "flat") \
                    or any(c.dep_ == "appos" for c in token.children):
                continue  # "General X, head of Russia's troops": the apposition says whose
            titles = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "amod")
                      and c.pos_ in ("PROPN", "NOUN") and c.i not in covered]
            words = [c.lower_ for c in titles]
            sector = self._compound_sector(token) if any(
                w in TITLE_WORDS or w in NAMED_TITLES for w in words) else ""
            if not sector:
                continue
            country = next((m.actor.country for m in reversed(ordered)
                            if m.start < token.i and m.actor.country), "") or earlier or (
                next((m.actor.country for m in ordered if m.actor.country), ""))
            if not country:
                continue
            start = min(c.i for c in titles)
            resolved[token.i] = Mention(start, token.i + 1, token.i,
                                        Actor(f"{country}{sector}", token.text, country, sector),
                                        "title")

    @staticmethod
    def _ethnic_groups(sent: Span, resolved: dict[int, Mention]) -> None:
        """"ethnic Albanians in Serbia": an ethnic group is coded, as CAMEO codes it, by the
        state it lives in, not by the state its name comes from: the place named with it
        ("in south Serbia", "of Macedonia"), else the first state the sentence names that is
        not the group's namesake ("ethnic Turks ... against Sweden's decision"); a group of
        people without a sector of its own is civilians (CVL)."""
        doc = sent.doc
        places = [m for _, m in sorted(resolved.items())
                  if m.kind in ("country", "place", "metonym") and m.actor.country]
        for key, mention in list(resolved.items()):
            actor = mention.actor
            if mention.kind not in ("demonym", "adjective") or mention.modifier or (
                    not actor.country) or mention.start <= sent.start or (
                    doc[mention.start - 1].lower_ != "ethnic"):
                continue
            anchor = doc[mention.anchor]
            home = None
            for child in anchor.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
                    for pobj in child.children:
                        found = resolved.get(pobj.i)
                        if found is not None and found in places:
                            home = found
            if home is None:
                home = next((m for m in places if m.actor.country != actor.country), None)
            if home is None or home.actor.country == actor.country:
                continue
            country = home.actor.country
            sector = actor.sector or "CVL"  # a people, not the state: "ethnic Turks" are CVL
            resolved[key] = replace(mention, actor=Actor(
                f"{country}{sector}", actor.name, country, sector, actor.person))

    def _bare_sectors(
        self, sent: Span, resolved: dict[int, Mention], previous: list[Mention]
    ) -> None:
        """Sector nouns with no country of their own ("protesters", "rebels", "police").

        As CAMEO coders do, such a group takes the country the sentence is about: the first
        country named in it, else the previous sentence's; with none, its code is the sector
        alone. Office titles ("the president") are left alone: without a country they name no
        one.
        """
        covered = {i for m in resolved.values() for i in range(m.start, m.end)} | {
            m.anchor for m in resolved.values()}
        earlier_country = next((m.actor.country for m in reversed(previous)
                                if m.actor.country), "")
        ordered = sorted(resolved.values(), key=lambda m: m.start)
        # places where things happen ("in Bucha", "in Baghdad"): a group there is from there
        located = [m for m in ordered if m.actor.country and m.kind in ("place", "metonym",
                                                                        "country")
                   and sent.doc[m.anchor].dep_ == "pobj"
                   and sent.doc[m.anchor].head.lower_ in ("in", "inside")]
        for token in sent:
            # where the group is ("civilians in Bucha"), else the country named nearest before
            # it, else the previous sentence's, else the first named after it ("Almaty police
            # ...": Kazakhstan, from the sentence), a place first
            here = [m for m in located if self._hangs_near(token, sent.doc[m.anchor])]
            country = (here[0].actor.country if here else "") or next(
                (m.actor.country for m in reversed(ordered)
                 if m.start < token.i and m.actor.country), "") or earlier_country or (
                located[0].actor.country if located else "") or (
                next((m.actor.country for m in ordered if m.actor.country), ""))
            if token.i in covered or token.pos_ != "NOUN" or token.lower_ in TITLE_WORDS or (
                token.lower_ in MASS_NOUNS  # "use force", "share intelligence": only owned
                and self._owner(token, resolved) is None
            ):
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos",
                                  "dative"):
                continue
            if token.lemma_.lower() in MEMBER_WORDS:
                owner = self._owner(token, resolved)
                if owner is not None:  # "members of the bloc", "leaders of the CSTO"
                    resolved[token.i] = replace(owner, start=token.i, end=token.i + 1,
                                                anchor=token.i, kind="sector")
                    continue
            sector = self._sector_of(token)
            if not sector or sector in ("GOV",) and token.tag_ == "NN":
                continue  # "the government" alone is too vague to pin on a country
            start = min([token.i, *[c.i for c in token.lefts if c.dep_ in ("compound", "amod")]])
            owner = self._owner(token, resolved)
            if owner is not None:  # "its soldiers", "troops of the CSTO"
                base = owner.actor
                if base.sector == "IGO" or not base.country:
                    actor = Actor(base.code, base.name, base.country, base.sector)
                else:
                    actor = Actor(f"{base.country}{sector}", base.name, base.country, sector)
                resolved[token.i] = Mention(start, token.i + 1, token.i, actor, "sector")
                continue
            actor = Actor(f"{country}{sector}", token.text, country, sector)
            resolved[token.i] = Mention(start, token.i + 1, token.i, actor, "sector")

    @staticmethod
    def _hangs_near(group: Token, place: Token) -> bool:
        """True when the place's "in" phrase hangs on the group noun, on the quantity word that
        counts it ("hundreds of civilians in Bucha") or on the verb it is the object of."""
        node = group
        if group.dep_ == "pobj" and group.head.head.pos_ in ("NOUN", "NUM"):
            node = group.head.head  # "hundreds of civilians"
        heads = {group.i, node.i}
        if node.dep_ in ("dobj", "nsubjpass"):
            heads.add(node.head.i)
        return place.head.head.i in heads

    @staticmethod
    def _definite(token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)

    @staticmethod
    def _described(
        token: Token, resolved: dict[int, Mention], previous: list[Mention]
    ) -> Mention | None:
        lower = token.lower_
        before, earlier = _candidates_before(token, resolved, previous)
        for mention in before + earlier:
            if lower in GROUP_WORDS and mention.actor.sector == "IGO":
                return mention
            if lower in TITLE_WORDS and mention.actor.person:
                return mention
            if lower in SPOKES_WORDS and mention.actor.sector in ("GOV", "IGO"):
                return mention  # "the ministry reacted. Spokeswoman Maria Zakharova said..."
        return None

    @staticmethod
    def _owner(token: Token, resolved: dict[int, Mention]) -> Mention | None:
        """The actor a sector noun belongs to: its possessor or its of/from phrase."""
        # the parser often hangs "troops from Russia" on the verb: accept an of/from phrase
        # that follows the noun directly, wherever it is attached
        following = [c for c in token.head.children
                     if c.dep_ == "prep" and c.i == token.right_edge.i + 1]
        for child in [*token.children, *following]:
            if child.dep_ == "poss" and child.i in resolved:
                return resolved[child.i]
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in resolved:
                        owner = resolved[pobj.i]
                        # "officials in Brussels" speak for the seat of power there; "troops
                        # in Belarus" are not Belarus's
                        if child.lower_ != "in" or owner.kind in ("metonym", "organisation") \
                                and token.lower_ in SEAT_WORDS:
                            return owner
        return None

    def _copular_subject(self, token: Token, resolved: dict[int, Mention]) -> Mention | None:
        """The actor a non-actor noun stands for through a copula.

        In "Armenia is an example of a country that received no help", "country" stands for
        Armenia: climb from the noun through of-phrases to the copula's attribute, then take the
        copula's subject.
        """
        node = token
        for _ in range(4):
            if node.dep_ == "pobj" and node.head.dep_ == "prep":
                node = node.head.head
                continue
            if node.dep_ in ("attr", "acomp") and node.head.lemma_ == "be":
                for child in node.head.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.i in resolved:
                        mention = resolved[child.i]
                        return None if mention.modifier else mention
            break
        return None

    @staticmethod
    def _antecedent(
        token: Token, resolved: dict[int, Mention], previous: list[Mention]
    ) -> Mention | None:
        lower = token.lower_
        before, earlier = _candidates_before(token, resolved, previous)
        # Subjects first, then the most recent: in "Tokayev thanked Putin for his help, and he
        # thanked ...", "he" is Tokayev, the subject, not Putin, the last name.
        pool = sorted(before, key=lambda m: not m.subject) + sorted(
            earlier, key=lambda m: not m.subject)
        for mention in pool:
            actor = mention.actor
            if lower in PERSONAL:
                if actor.person or actor.sector == "GOV" and mention.kind == "title":
                    return mention
            elif lower in NEUTER:
                # a state, a seat of power, an organisation or a named body ("the RUF said it
                # would ...")
                if not actor.person and (actor.sector in ("", "IGO", "GOV") and mention.kind in (
                        "country", "metonym") or mention.kind == "organisation"):
                    return mention
            else:  # they / them / their: groups first, then any state or organisation
                if len(mention.group) > 1:
                    return mention
                if not actor.person and (
                    mention.kind in ("collective", "demonym") or actor.sector not in ("", "IGO")
                ):
                    return mention
        if lower in PLURAL:
            for mention in pool:
                if not mention.actor.person:
                    return mention
        return None


def shared_sector(other: Mention, head: Mention) -> Actor:
    """A conjoined adjective takes the sector of the noun it shares ("Russian and Ukrainian
    delegations": Ukraine's delegation too)."""
    actor = other.actor
    if other.kind == "adjective" and head.actor.sector and actor.country and not actor.sector:
        return Actor(f"{actor.country}{head.actor.sector}", actor.name, actor.country,
                     head.actor.sector)
    return actor


def _candidates_before(
    token: Token, resolved: dict[int, Mention], previous: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """The actors a reference can point back to, nearest first: in its own sentence before it,
    and in the previous sentence."""
    before = [m for i, m in sorted(resolved.items(), reverse=True)
              if i < token.i and not m.modifier]
    earlier = [m for m in reversed(previous) if not m.modifier]
    return before, earlier
