"""The event coder: from parsed sentences and resolved actors to coded events.

For each sentence the coder finds trigger words (verbs such as "provided", "accused",
"complain"; event nouns such as "provision", "assistance", "invasion"), then follows the
dependency parse to the trigger's source and target: the subject and the object in the active
voice, the "by" agent and the subject in the passive, "from" and the subject for "received X
from Y", the dative of a ditransitive, each actor of a conjunction, the possessor of an event
noun. Polarity, modality and attribution come from the words around the trigger (see
``data/patterns/modality.yaml``). Every event carries its sentence, span and trigger.

The coder is pure: the same article and the same version give the same events and ids.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from foedus import __version__
from foedus.actors.dictionary import ActorDictionary, known_name_words, load_dictionary
from foedus.actors.resolver import ActorResolver, Mention
from foedus.events.ontology import Ontology, load_ontology
from foedus.events.patterns import DEFAULT_VERB_TARGETS, Lexicon, Trigger, load_lexicon
from foedus.events.stance import NOTHING, TEMPORAL_PREPS, VERBAL_ROOTS, StanceRules
from foedus.nlp import get_nlp, is_title_case, normalise_headline_case
from foedus.records import Actor, Article, Event, event_id_for

CONFLICT_NOUNS = frozenset({"war", "conflict", "fighting", "fight", "defence", "defense",
                            "struggle", "battle", "resistance", "counteroffensive"})
JOINT_WORDS = frozenset({"joint", "mutual", "bilateral", "combined"})
STATE_FORCES = frozenset({"MIL", "COP", "GOV", "SPY"})
PEOPLE = frozenset({"CVL", "OPP", "MED", "EDU", "LAB", "REL", "HRI", "REF"})
STATE_KINDS = frozenset({"country", "metonym"})
# A country's own people, parties and armed groups, as against its state.
NON_STATE = frozenset({"CVL", "OPP", "MED", "EDU", "LAB", "REL", "HRI", "REF", "REB", "PTY",
                       "AGR", "BUS", "ELI", "RAD", "UAF", "CRM", "HLH"})
# Roots of dissent that a country's people, with no one else named, direct at their state:
# demand, reject, protest.
DOMESTIC_DISSENT_ROOTS = frozenset({"10", "12", "14"})
# Prepositions that set an event noun in the circumstances of another act, not in it.
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "following", "despite", "since",
                                "until", "amid", "amidst", "because", "without", "over",
                                "against"})
# Dependents that open a phrase of their own: a subject, a clause, a conjoined verb.
CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "xcomp", "advcl",
                         "relcl", "acl", "conj", "parataxis", "agent", "expl", "punct", "cc"})
# Mentions that name where something happens, and the prepositions that put an act there.
PLACE_KINDS = frozenset({"country", "metonym", "place"})
PLACE_PREPS = frozenset({"in", "inside", "at", "across", "throughout"})
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})
# Roots of acts whose target may be the state they are done in, when no one else is named:
# material acts (intents to act, aid, concessions, protest, force, sanctions, coercion,
# violence) and threats of them; not meetings, statements or verbal cooperation, which are
# only held somewhere ("signed a deal in Moscow" is no deal with Russia).
PLACE_ROOTS = frozenset({"03", "07", "08", "13", "14", "15", "16", "17", "18", "19", "20"})
PLACE_EXCLUDED = frozenset({"036", "037", "038", "039"})
INCLUDING = frozenset({"including", "like", "notably", "especially", "particularly"})
# Roots whose target may be the owner of the object ("condemned Russia's invasion").
OWNER_TARGET_ROOTS = frozenset({"01", "02", "05", "06", "07", "08", "09", "10", "11", "12", "13",
                                "14", "15", "16", "17", "18", "19", "20"})
MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{4})\b"
)
FULL_DATE = re.compile(
    r"\b(?:on\s+)?(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(\d{4})\b"
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    trigger: Token
    pattern: Trigger
    code: str
    source: Mention
    target: Mention
    polarity: str
    modality: str
    attributed_to: str
    confidence: float
    trigger_text: str
    refusal: bool = False  # negated by a refusal ("refused to send", "will not accept")


def text_date(sentence: str) -> str:
    """The date a time phrase gives its event, when it gives one ("on 5 January 2022",
    "in September 2022" as its first day); else ""."""
    dated = FULL_DATE.search(sentence)
    if dated:
        with contextlib.suppress(ValueError):  # "31 February 2024" is no date
            return dt.datetime.strptime(" ".join(dated.groups()), "%d %B %Y").date().isoformat()
    month = MONTH_YEAR.search(sentence)
    if month:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(" ".join(month.groups()), "%B %Y").date().isoformat()
    # A bare year ("in 2021") is not a date: dating the event to 1 January would invent
    # precision, so such an event keeps the article's date.
    return ""


class Coder:
    """Codes articles into events. Build once (it loads the model and the data); reuse."""

    def __init__(
        self,
        actor_files: Sequence[Path | str] = (),
        pattern_files: Sequence[Path | str] = (),
        *,
        dictionary: ActorDictionary | None = None,
        shipped_actors: bool = True,
        min_actors: int = 2,
        shipped_patterns: bool = True,
    ) -> None:
        """``min_actors``: how many of source and target an event must name (2 by default;
        1 or 0 keep one-sided events, e.g. for sentence-level classification)."""
        self.actor_files = [Path(p) for p in actor_files]
        self.nlp = get_nlp()
        self.dictionary = dictionary or load_dictionary(self.actor_files, shipped=shipped_actors)
        self.resolver = ActorResolver(self.dictionary, self.nlp)
        self.lexicon: Lexicon = load_lexicon(pattern_files, shipped_triggers=shipped_patterns)
        self.ontology: Ontology = load_ontology()
        self.keep_words = known_name_words(self.dictionary)
        self.version = __version__
        self.min_actors = min_actors

    # -- batches --------------------------------------------------------------------------
    def code_article(self, article: Article) -> list[Event]:
        """The events of one article."""
        return next(iter(self.code_articles([article])))[1]

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches through ``nlp.pipe``; yields each with its events, in order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _paragraphs(self, article: Article) -> list[tuple[int, str]]:
        """(offset, text) of each non-empty line, with Title Case headlines put in sentence case."""
        out = []
        offset = 0
        for line in article.text.split("\n"):
            if line.strip():
                text = line
                if is_title_case(line) and not line.rstrip().endswith((".", "!", "?", '"')):
                    text = normalise_headline_case(line, self.keep_words)
                out.append((offset, text))
            offset += len(line) + 1
        return out

    def _code_batch(self, batch: list[Article]) -> Iterator[tuple[Article, list[Event]]]:
        jobs = [(text, (n, offset)) for n, article in enumerate(batch)
                for offset, text in self._paragraphs(article)]
        docs: dict[int, list[tuple[int, Doc]]] = {n: [] for n in range(len(batch))}
        for doc, (n, offset) in self.nlp.pipe(jobs, as_tuples=True, batch_size=64):
            docs[n].append((offset, doc))
        for n, article in enumerate(batch):
            yield article, self._code_docs(article, docs[n])

    # -- one article ----------------------------------------------------------------------
    def _code_docs(self, article: Article, docs: list[tuple[int, Doc]]) -> list[Event]:
        day = article.published
        events: list[Event] = []
        seen_ids: set[str] = set()
        previous: list[Mention] = []
        sentence_index = 0
        for offset, doc in docs:
            all_mentions = self.resolver.mentions(doc, day)
            for sent in doc.sents:
                in_sent = {m.anchor: m for m in all_mentions if sent.start <= m.anchor < sent.end}
                mentions = self.resolver.resolve_references(sent, in_sent, previous)
                for candidate in self._code_sentence(sent, mentions, previous):
                    event = self._event(article, offset, sentence_index, sent, candidate)
                    if event.event_id not in seen_ids:
                        seen_ids.add(event.event_id)
                        events.append(event)
                sentence_mentions = [m for m in mentions.values() if not m.modifier]
                if sentence_mentions:
                    previous = sorted(sentence_mentions, key=lambda m: m.anchor)
                sentence_index += 1
        return events

    @staticmethod
    def _date_phrase(trigger: Token) -> str:
        """The words that can date this event: time phrases hanging on its trigger (or on the
        verb an event noun serves), not every date in the sentence."""
        heads = [trigger] if trigger.pos_ != "NOUN" else [trigger, trigger.head]
        parts = []
        for head in heads:
            for child in head.children:
                if child.dep_ in ("prep", "npadvmod") and child.lower_ in ("in", "on", "since",
                                                                          "during"):
                    parts.append(" ".join(t.text for t in child.subtree))
        return " ; ".join(parts)

    def _event(
        self, article: Article, offset: int, index: int, sent: Span, c: _Candidate
    ) -> Event:
        entry = self.ontology.entry(c.code)
        tokens = [c.trigger.i]
        for mention in (c.source, c.target):
            if mention.actor.code and sent.start <= mention.start < sent.end:
                tokens.extend([mention.start, min(mention.end, sent.end) - 1])
        doc = sent.doc
        first, last = doc[min(tokens)], doc[max(tokens)]
        span_start = offset + first.idx
        span_end = offset + last.idx + len(last.text)
        sent_start = offset + sent.start_char
        sentence = article.text[sent_start : offset + sent.end_char]
        date = article.published.isoformat() if article.published else ""
        date = text_date(self._date_phrase(c.trigger)) or date
        src, tgt = c.source.actor, c.target.actor
        return Event(
            event_id=event_id_for(article.article_id, span_start, span_end, entry.code,
                                  src.code, tgt.code),
            article_id=article.article_id,
            sentence_index=index,
            span_start=span_start,
            span_end=span_end,
            sentence=sentence,
            date=date,
            source_code=src.code,
            source_name=src.name,
            source_country=src.country,
            source_sector=src.sector,
            target_code=tgt.code,
            target_name=tgt.name,
            target_country=tgt.country,
            target_sector=tgt.sector,
            cameo_code=entry.code,
            cameo_root=entry.root,
            goldstein=entry.goldstein,
            quad_class=entry.quad_class,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode,
            polarity=c.polarity,
            modality=c.modality,
            attributed_to=c.attributed_to,
            trigger=c.trigger_text,
            confidence=round(c.confidence, 3),
            coder_version=self.version,
            extra={"refusal": True} if c.refusal else {},
        )

    # -- one sentence ---------------------------------------------------------------------
    def _code_sentence(
        self, sent: Span, mentions: dict[int, Mention], previous: list[Mention]
    ) -> list[_Candidate]:
        ctx = _Sentence(self, sent, mentions, previous)
        # One event per (source, target, root, polarity): the most specific code, then the
        # surest, wins ("agreed to hold exercises" gives 030 and 0312; 0312 says more).
        best: dict[tuple[str, str, str, str], _Candidate] = {}
        for token in sent:
            for candidate in ctx.code_token(token):
                key = (candidate.source.actor.code, candidate.target.actor.code,
                       candidate.code[:2], candidate.polarity)
                kept = best.get(key)
                if kept is None or (len(candidate.code), candidate.confidence) > (
                    len(kept.code), kept.confidence
                ):
                    best[key] = candidate
        return sorted(best.values(), key=lambda c: (c.trigger.i, c.source.anchor, c.target.anchor))


class _Sentence(StanceRules):
    """The coding of one sentence: its mentions, and the rules that read its parse."""

    def __init__(
        self, coder: Coder, sent: Span, mentions: dict[int, Mention], previous: list[Mention]
    ) -> None:
        self.coder = coder
        self.lex = coder.lexicon
        self.sent = sent
        self.doc = sent.doc
        self.mentions = mentions
        self.previous = previous
        # every token inside a (non-modifier) mention points to it
        self.covering: dict[int, Mention] = {}
        for mention in mentions.values():
            if mention.modifier:
                continue
            for i in range(mention.start, mention.end):
                self.covering.setdefault(i, mention)
            self.covering[mention.anchor] = mention
        self.attribution = self._attributions()

    # -- actors -----------------------------------------------------------------------
    def actor_at(self, token: Token | None) -> Mention | None:
        if token is None:
            return None
        mention = self.mentions.get(token.i)
        if mention is not None and not mention.modifier:
            return mention
        mention = self.covering.get(token.i)
        if mention is not None:
            return mention
        for child in token.children:
            # "Panamanian army officers": the officers of the army the compound names
            found = self.mentions.get(child.i) if child.dep_ == "compound" else None
            if found is not None and not found.modifier and found.actor.sector:
                return found
        if token.lemma_.lower() in self.lex.word_set("quantities") or token.tag_ == "CD":
            # "hundreds of civilians", "a group of protesters": the group is the actor
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.actor_at(pobj)
        for child in token.children:
            if child.dep_ == "appos":
                found = self.actor_at(child) or self._role_of(child)
                if found:
                    return found
        return None

    def _role_of(self, noun: Token) -> Mention | None:
        """The body a person's role description names: "Kenzo Oshima, the United Nations
        Emergency Relief Coordinator" speaks for the UN, "Paul Nitze, the U.S. negotiator" for
        the United States."""
        for child in noun.children:
            if child.dep_ not in ("compound", "amod", "nmod", "poss"):
                continue
            for m in self.mentions.values():
                if m.start <= child.i < m.end and (m.kind == "organisation" or (
                        m.actor.country and m.kind in ("country", "adjective", "metonym"))):
                    return m
        return None

    def actors_of(self, token: Token | None) -> list[Mention]:
        """The actors a token names, one per conjunct ("France and Germany")."""
        if token is None:
            return []
        found: list[Mention] = []
        nodes = [token, *token.conjuncts]
        for child in token.children:
            # "Mordor, the Shire, Fornost and Bree": a list whose second item the parser took
            # for an apposition; an apposition with conjuncts of its own is a list, not a
            # second name for the first item ("Osgiliath, the state's fiercest foe")
            if child.dep_ == "appos" and child.conjuncts:
                nodes.extend(n for n in (child, *child.conjuncts) if n not in nodes)
        for node in nodes:
            mention = self.actor_at(node)
            if mention is not None and mention.kind == "pronoun" and len(mention.group) > 1:
                # "they", "the two countries": each actor of the conjunction referred to
                found.extend(Mention(mention.start, mention.end, mention.anchor, actor, "pronoun",
                                     subject=mention.subject) for actor in mention.group)
                continue
            if mention is not None and mention not in found:
                found.append(mention)
                if mention.kind == "sector" or mention.actor.sector and (
                    mention.kind == "country" and mention.start <= node.i < mention.end
                ):
                    found.extend(m for m in self._owned_conjuncts(node, mention)
                                 if m not in found)
                elif mention.actor.sector and mention.actor.country:
                    found.extend(m for m in self._conjoined_adjectives(mention)
                                 if m not in found)
        # words that name several actors at once ("LORIEN [ELR/GAL]"): each takes part
        for mention in list(found):
            found.extend(replace(mention, actor=actor, joint=()) for actor in mention.joint)
        return found

    def _conjoined_adjectives(self, mention: Mention) -> list[Mention]:
        """"Russian and Ukrainian delegations": one group per adjective."""
        out = []
        first = self.doc[mention.start]
        for conj in first.conjuncts:
            other = self.mentions.get(conj.i)
            if other is None or other.kind != "adjective" or not other.actor.country:
                continue
            country, sector = other.actor.country, mention.actor.sector
            actor = Actor(f"{country}{sector}", other.actor.name, country, sector)
            out.append(Mention(conj.i, conj.i + 1, mention.anchor, actor, "sector"))
        return out

    def _owned_conjuncts(self, noun: Token, mention: Mention) -> list[Mention]:
        """"the ambassadors of Arnor, Osgiliath and Gondor", "the leaders of Kazakhstan,
        Kyrgyzstan and Tajikistan", "expelled diplomats from Chile and Peru": one group per
        owner."""
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
        if noun.dep_ == "dobj":
            preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "from"
                      and any((found := self.actor_at(p)) is not None
                              and found.actor.country == mention.actor.country
                              for p in c.children if p.dep_ == "pobj")]
        out = []
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                others = [*pobj.conjuncts, *(c for c in pobj.children if c.dep_ == "appos")]
                for other in list(others):  # "Kazakhstan, Kyrgyzstan, Tajikistan and ..."
                    others.extend(c for c in other.conjuncts if c not in others and c != pobj)
                for conj in others:
                    owner = self.actor_at(conj)
                    if owner is None or owner.actor.code == mention.actor.code:
                        continue
                    base, sector = owner.actor, mention.actor.sector
                    actor = Actor(f"{base.country}{sector}" if base.country else base.code,
                                  base.name, base.country, sector if base.country else
                                  base.sector)
                    out.append(Mention(conj.i, conj.i + 1, conj.i, actor, "sector"))
        return out

    def owner_of(self, noun: Token) -> list[Mention]:
        """The actor that owns an event noun: possessor, actor adjective/compound, or "by"."""
        if noun.lemma_.lower() in self.lex.word_set("quantities") or noun.tag_ == "CD":
            # "$34 billion of Chinese goods": the goods' owner
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.owner_of(pobj)
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.actors_of(child)
                if found:
                    return found
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                mention = self.mentions.get(child.i) or self.covering.get(child.i)
                if mention is None:
                    for m in self.mentions.values():
                        if m.start <= child.i < m.end:
                            mention = m
                if mention is not None and mention.anchor != noun.i:
                    return [mention]
        for child in noun.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_of(pobj)
        return []

    # -- triggers ---------------------------------------------------------------------
    def trigger_for(self, token: Token) -> tuple[Trigger, str] | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"
                                             and token.tag_.startswith("VB")):
            for child in token.children:
                if child.dep_ in ("prt", "prep", "dobj", "advmod", "oprd", "acomp", "attr") and (
                    child.i > token.i
                ):
                    for word in (child.lower_, child.lemma_.lower()):
                        phrase = f"{lemma} {word}"
                        if phrase in self.lex.verbs:
                            return self.lex.verbs[phrase], f"{token.text} {child.text}"
            negated = self.lex.verbs.get(f"not {lemma}")
            if negated is not None and token.pos_ == "VERB" and self._verb_negated(token) and (
                not negated.require_object
                or self.matches_class(negated, self.object_words(token))
            ):
                # a dictionary's entry for the verb negated ("did not allow": 112); one that
                # names objects only with them, else the verb's own entry, negated
                return negated, token.text
            if lemma in self.lex.verbs and token.pos_ == "VERB":
                return self.lex.verbs[lemma], token.text
            return None
        if token.pos_ == "ADJ" and token.dep_ == "acomp" and lemma in self.lex.adjectives:
            return self.lex.adjectives[lemma], token.text
        if token.pos_ == "NOUN" and not (token.dep_ == "compound" and (
                token.head.i in self.covering
                or self.coder.resolver.sector_words.get(token.head.lower_))):
            # a "mediation effort" is mediation, but "riot police" no riot
            for child in token.lefts:
                if child.dep_ in ("compound", "amod"):  # "hunger strike", "general strike"
                    phrase = f"{child.lower_} {lemma}"
                    if phrase in self.lex.nouns:
                        return self.lex.nouns[phrase], f"{child.text} {token.text}"
            for child in token.rights:  # "state of emergency", "state of siege"
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        phrase = f"{lemma} of {pobj.lemma_.lower()}"
                        if pobj.dep_ == "pobj" and phrase in self.lex.nouns:
                            return self.lex.nouns[phrase], f"{token.text} of {pobj.text}"
            if lemma in self.lex.nouns:
                return self.lex.nouns[lemma], token.text
        return None

    def code_token(self, token: Token) -> list[_Candidate]:
        obliged = self.obliged_clause(token)
        if obliged is not None:
            return self._code_obligation(token, *obliged)
        attitude = self._adjectival_participle(token)
        if attitude is not None:
            return self._code_verb(token, attitude, token.text)
        found = self.trigger_for(token)
        if found is None:
            return []
        pattern, text = found
        if pattern.exclude_deps and any(c.dep_ in pattern.exclude_deps for c in token.children):
            return []  # "called the CSTO a bubble" is no phone call
        if pattern.require_object and not self.matches_class(
            pattern, self.object_words(token)
        ) and (pattern.class_object or not any(
            self.trigger_for(c) for c in self.object_nouns(token) if c.pos_ == "NOUN"
        )) and not self._commands_actor(token):
            return []  # "received a notice", "gave an interview": no aid
        if token.pos_ == "NOUN":
            return self._code_noun(token, pattern, text)
        return self._code_verb(token, pattern, text)

    def _adjectival_participle(self, token: Token) -> Trigger | None:
        """"Israel is opposed to French mediation": a participle with "be", no agent and an
        adjective's reading ("opposed to", "committed to") is the adjective, whose subject
        holds the attitude; the parser's passive would make Israel the one opposed."""
        adjective = self.lex.adjectives.get(token.lower_)
        if adjective is None or token.tag_ != "VBN" or not any(
                c.dep_ == "nsubjpass" for c in token.children) or any(
                c.dep_ == "agent" for c in token.children):
            return None
        return adjective

    def _commands_actor(self, verb: Token) -> bool:
        """"ordered the former president to appear for questioning": an actor told to act."""
        return any(c.dep_ == "xcomp" for c in verb.children) and any(
            c.dep_ == "dobj" and self.actor_at(c) is not None for c in verb.children)

    # -- refinement ---------------------------------------------------------------------
    def _lemmas_around(self, token: Token) -> list[str]:
        if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
            token = token.head.head  # "officers who would be sent": the officers
        lemmas = [token.lemma_.lower(), token.lower_]
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                lemmas.append(child.lemma_.lower())
            # "a small number of drones", "millions of artillery shells"
            if child.dep_ == "prep" and child.lower_ == "of" and (
                token.lemma_.lower() in self.lex.word_set("quantities") or token.tag_ == "CD"
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        lemmas.extend(self._lemmas_around(pobj))
        return lemmas

    def matches_class(self, pattern: Trigger, objects: list[Token]) -> bool:
        classes = [self.lex.classes.get(k, frozenset()) for k, _ in pattern.objects]
        return any(lemma in members for token in objects
                   for lemma in self._lemmas_around(token) for members in classes)

    def refine(self, pattern: Trigger, objects: list[Token]) -> str:
        if not pattern.objects:
            return pattern.code
        for token in objects:
            lemmas = self._lemmas_around(token)
            for klass, code in pattern.objects:
                members = self.lex.classes.get(klass, frozenset())
                if any(lemma in members for lemma in lemmas):
                    return code
        return pattern.code

    def object_nouns(self, verb: Token) -> list[Token]:
        """The verb's object nouns, looking past quantity words ("little to no assistance")."""
        quantities = self.lex.word_set("quantities")
        found = []
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found.append(child)
                if child.lemma_.lower() in quantities:
                    found.extend(g for c in child.children if c.dep_ == "prep"
                                 for g in c.children if g.dep_ == "pobj")
                    found.extend(g for c in verb.children if c.dep_ == "prep"
                                 and c.lower_ in ("to", "of") for g in c.children
                                 if g.dep_ == "pobj")
        return found

    def object_words(self, verb: Token) -> list[Token]:
        words: list[Token] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass", "dative", "attr"):
                words.append(child)
                words.extend(c for c in child.conjuncts)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "for", "of", "in", "on", "to",
                                                          "over", "about", "against"):
                words.extend(c for c in child.children if c.dep_ == "pobj")
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp"):
                words.append(child)
                words.extend(c for c in child.children if c.dep_ in ("dobj", "attr"))
        return words

    # -- arguments of verbs -------------------------------------------------------------
    def subjects(self, verb: Token) -> tuple[list[Mention], float]:
        """The verb's agents and how sure we are of them."""
        subject_deps = ("nsubj", "csubj", "nsubjpass") if self._adjectival_participle(
            verb) is not None or verb.lemma_.lower() in self.lex.word_set(
            "participation_verbs") else ("nsubj", "csubj")
        for child in verb.children:
            if child.dep_ in subject_deps:
                found = self.actors_of(child)
                if found:
                    return found, 1.0
                noun = self.trigger_for(child) if child.pos_ == "NOUN" else None
                if noun is not None and noun[0].of_is_source:
                    # "the first deployment of NATO troops has arrived": the troops have
                    found = [m for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                             for p in c.children if p.dep_ == "pobj" for m in self.actors_of(p)]
                    if found:
                        return found, 0.9
                owner = self.owner_of(child) if child.pos_ == "NOUN" else []
                return owner, 0.7
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_of(pobj), 1.0
        head = verb.head
        if head.i == verb.i:
            return [], 0.0
        if verb.dep_ in ("acomp", "attr") and head.pos_ in ("AUX", "VERB"):
            # "Norway is willing to send ...": the adjective's subject is the copula's
            found, score = self.subjects(head)
            return found, score
        if verb.dep_ == "xcomp":
            # object control: "urged Russia to send troops" -> Russia sends
            control = self.lex.word_set("request_verbs") | self.lex.word_set(
                "object_control_verbs")
            for child in head.children:
                if child.dep_ == "dobj" and head.lemma_.lower() in control:
                    return self.actors_of(child), 0.9
                if child.dep_ == "prep" and child.lower_ in ("on", "upon") and (
                    head.lemma_.lower() in control
                ):  # "called on the authorities to talk"
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and self.actors_of(pobj):
                            return self.actors_of(pobj), 0.9
            found, score = self.subjects(head)
            return found, score * 0.95
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "ADJ":
            # "both sides are guilty of violating the ceasefire"
            found, score = self.subjects(head.head)
            return found, score * 0.9
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "for":
            # "thanked the CSTO for sending troops": the one thanked did the sending
            governor = head.head
            for child in governor.children:
                if child.dep_ == "dobj" and self.actors_of(child):
                    return self.actors_of(child), 0.85
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":
            return [], 0.0  # "Asked whether ..., he said": the subject was asked, not asking
        if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            patient = self.passive_subject(head)
            if verb.dep_ == "conj" and patient is not None:
                # "the plane had been hit by fire ... and demanded": the passive's subject goes on
                return self.actors_of(patient) or (
                    self.owner_of(patient) if patient.pos_ == "NOUN" else []), 0.8
            found, score = self.subjects(head)
            return found, score * 0.9
        if verb.dep_ == "relcl" and head.lower_ in NOTHING and head.dep_ == "dobj":
            found, score = self.subjects(head.head)  # "had done nothing to protect them"
            return found, score * 0.9
        if verb.dep_ == "relcl":
            found = self.actors_of(head)
            if not found and head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB"):
                # "Russia became the first country to recognise ...": the copula's subject
                found = self.subjects(head.head)[0]
            return found, 0.9
        if verb.dep_ == "amod" and verb.tag_ == "VBN":
            # "a US-brokered ceasefire": the actor before the hyphen did the brokering
            for child in verb.children:
                if child.dep_ in ("npadvmod", "compound", "nmod") and self.actors_of(child):
                    return self.actors_of(child), 0.9
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            if verb.tag_ == "VBG" and head.lemma_.lower() in self.lex.word_set(
                "document_nouns"
            ) and head.dep_ in ("dobj", "nsubjpass") and not self.actors_of(head):
                # "signed a decree ruling out talks": the decree's signatory acts through it
                found, score = self.subjects(head.head)
                return found, score * 0.85
            if verb.tag_ == "VBG":
                found = self.actors_of(head)
                if found:
                    return found, 0.8
                if head.dep_ == "dobj" and head.head.lemma_.lower() in self.lex.word_set(
                        "light_verbs"):
                    # "the PKK issued a declaration demanding ...": who issued it demands
                    found, score = self.subjects(head.head)
                    return found, score * 0.8
                return [], 0.0
            owner = self.owner_of(head)  # "Russia's ability to provide aid"
            if owner:
                return owner, 0.7
        return [], 0.0

    def passive_subject(self, verb: Token) -> Token | None:
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)

    def targets(self, head: Token, roles: Sequence[str], exclude: Sequence[Mention],
                *, owner_targets: bool = True, force: bool = False,
                verbal: bool = True) -> list[Mention]:
        """Actors in the first role that holds one, looking also under a non-actor object."""
        excluded = {m.actor.code for m in exclude}

        def usable(found: list[Mention]) -> list[Mention]:
            return [m for m in found if m.actor.code not in excluded]

        def by_role(node: Token, role: str) -> list[Mention]:
            if role == "ccomp_subject":
                for child in node.children:
                    if child.dep_ == "ccomp":
                        for sub in child.children:
                            if sub.dep_ in ("nsubj", "nsubjpass"):
                                return usable(self.actors_of(sub))
                return []
            if role.startswith("prep:"):
                word = role[5:]
                out = []
                for child in node.children:
                    if child.dep_ in ("prep", "dative") and child.lower_ == word:
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                # "at Ukrainian cities", "near Ukraine's borders", "to its
                                # border with Belarus"
                                found = usable(self.actors_of(pobj) or self.owner_of(pobj))
                                if not found:
                                    found = usable([m for c in pobj.children
                                                    if c.dep_ == "prep" and c.lower_ in (
                                                        "with", "of", "between", "from")
                                                    for g in c.children if g.dep_ == "pobj"
                                                    for m in self.actors_of(g)])
                                out.extend(found)
                return out
            if role == "dative":
                out = []
                for child in node.children:
                    if child.dep_ == "dative":
                        out.extend(usable(self.actors_of(child)))
                objects = [c for c in node.children if c.dep_ == "dobj"]
                if not out and len(objects) > 1:
                    # "sent Moscow millions of shells": the parser's first object is the
                    # recipient
                    out.extend(usable(self.actors_of(objects[0])))
                return out
            out = []
            for child in node.children:
                if child.dep_ == role:
                    out.extend(usable(self.actors_of(child)))
            return out

        def nested(node: Token) -> list[Mention]:
            """The first role's actors in a phrase nested under ``node``'s of/on/for phrases."""
            words = {r[5:] for r in roles if r.startswith("prep:")}
            for inner in self._prep_chain(node):
                for child in inner.children:
                    if child.dep_ == "prep" and child.lower_ in words:
                        for pobj in child.children:
                            found = usable(self.actors_of(pobj)) if pobj.dep_ == "pobj" else []
                            if found:
                                return found
            return []

        for role in roles:
            found = by_role(head, role)
            if found:
                return found
        if head.pos_ == "NOUN":
            # "an agreement on its nuclear programme with the United States": the phrase hangs
            # deeper, on the noun's own of/on/for phrase
            found = nested(head)
            if found:
                return found
        # "provided weapons to Ukraine": the prepositional phrase hangs on the object
        source_countries = {m.actor.country for m in exclude if m.actor.country}
        for child in head.children:
            if child.dep_ == "dobj":
                named = self.actors_of(child)
                if named and not all(m.actor.country in source_countries for m in named):
                    continue  # an actor as object is the roles' business (above)
                # "massed its troops near Ukraine's borders": look past the source's own forces
            elif child.dep_ != "attr" or self.actor_at(child):
                continue
            # "condemned Russia's attack on Armenia": the target owns the object (not for
            # "meet Armenia's needs")
            if not verbal:
                # "joined Western sanctions on Moscow": the object's own target first
                for role in roles:
                    if role.startswith("prep:"):
                        found = by_role(child, role)
                        if found:
                            return found
            # not the source's own ("its needs"), but another body of its state may be
            # ("the MP went on hunger strike to protest President Assad's failure")
            own_sectors = {(m.actor.country, m.actor.sector) for m in exclude}
            pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children)
            owner = [m for m in usable(self.owner_of(child)) if m.actor.country not in
                     source_countries or not pronoun and m.actor.sector and (
                         m.actor.country, m.actor.sector) not in own_sectors
                     ] if owner_targets else []
            if not owner and owner_targets and force and any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children
            ):
                # "Azerbaijan attacked its territory": not its own; the other party
                codes = {m.actor.code for m in exclude} | source_countries
                earlier = [m for i, m in sorted(self.mentions.items(), reverse=True)
                           if i < child.i and not m.modifier and m.kind in STATE_KINDS
                           and m.actor.code not in codes and m.actor.country not in codes]
                owner = earlier[:1]
            if owner:
                return owner
            for role in roles:
                if role.startswith("prep:"):
                    found = by_role(child, role)
                    if found:
                        return found
            # "welcomed a resumption of ties with Osgiliath": deeper in the object
            found = nested(child)
            if found:
                return found
            # "investigated the welfare of 2,000 Libyans", "vetoed the renewal of a UN panel":
            # the one the object belongs to; what is said of a thing is said to its owner, so
            # for verbal events before any other phrase of the object, else last
            of_owner = by_role(child, "prep:of") if owner_targets else []
            if of_owner and verbal:
                return of_owner
            parties = usable(self._between(child))
            if len(parties) > 1:  # "hosted talks between X and Y"
                return parties
            # "rejected an offer from Afghanistan"; "struck towns inside Armenia" (a place
            # is a target only of force: "signed a deal in Moscow" is not with Russia)
            places = ("prep:in", "prep:inside", "prep:near") if force else ()
            for role in ("prep:from", "prep:by", *places):
                found = by_role(child, role)
                if found:
                    return found
            if of_owner:
                return of_owner
        return []

    @staticmethod
    def _prep_chain(head: Token, depth: int = 2) -> list[Token]:
        """The nouns reached from ``head`` through of/on/for/over/about phrases."""
        found, frontier = [], [head]
        for _ in range(depth):
            step = []
            for node in frontier:
                for child in node.children:
                    if child.dep_ == "prep" and child.lower_ in ("of", "on", "for", "over",
                                                                 "about"):
                        step.extend(g for g in child.children if g.dep_ == "pobj")
            found.extend(step)
            frontier = step
        return found

    def context_actor(self, exclude: Sequence[Mention], *, same_sentence: bool) -> Mention | None:
        """An actor the sentence leaves implicit: another actor here, else the previous one's."""
        codes = {m.actor.code for m in exclude} | {m.actor.country for m in exclude}
        pool: list[Mention] = []
        if same_sentence:
            pool.extend(m for _, m in sorted(self.mentions.items()))
        pool.extend(reversed(self.previous))
        for mention in pool:
            if mention.actor.code not in codes and mention.actor.country not in codes:
                return mention
        return None

    def place_targets(self, trigger: Token, sources: Sequence[Mention], *, own: bool = True
                      ) -> list[Mention]:
        """The place an act is done in, as its target when no one else is named.

        "lifted the curfew in Montenegro", "rioted at a jail in northern Israel", "will
        evacuate all settlements in the Gaza Strip": CAMEO codes the state of the place an act
        of force, protest, aid or concession falls on. The place hangs on the trigger, on the
        verb an event noun serves, on their objects or on an open complement's verb; a place
        that only locates the source ("police in Jericho") is not one of these. Without
        ``own`` (a promise or an agreement) only the complement counts: "agreed at a summit
        in The Hague to raise spending" promises nothing to the Netherlands.
        """
        codes = {m.actor.code for m in sources}
        heads = [trigger]
        if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") and (
                trigger.dep_ in ("dobj", "nsubjpass", "attr", "pobj")):
            governing = self.trigger_for(trigger.head)
            if governing is not None and not governing[0].light and (
                    trigger.head.lemma_.lower() not in self.lex.word_set("light_verbs")):
                # "condemned an attack in X": the condemnation is the event; the attack it
                # names is coded as the text gives it, without a place for a target
                return []
            heads.append(trigger.head)
        for head in list(heads):
            heads.extend(c for c in head.children if c.dep_ in ("dobj", "xcomp", "nsubjpass")
                         and c not in heads)
        if not own:
            heads = [h for h in heads if h.dep_ == "xcomp" and h.head in (trigger, trigger.head)]
            heads.extend(c for h in list(heads) for c in h.children if c.dep_ == "dobj")
        for head in heads:
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS | DESTINATION_PREPS:
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    # "in Liberia"; "to a peacekeeping force in Liberia" (a destination in a
                    # place; a destination that is an actor is a role's business)
                    found = [m for m in self._places(pobj) if m.actor.code not in codes and (
                        child.lower_ in PLACE_PREPS or self.actor_at(pobj) is None)]
                    if found:
                        return found[:1]
        return []

    def domestic_target(self, trigger: Token, code: str, sources: Sequence[Mention]
                        ) -> list[Mention]:
        """The state a country's own people act against when they name no one else, and the
        people a state coerces: CAMEO's domestic reading. Protesters, strikers and rebels who
        demonstrate, demand or reject target their government ("students staged
        demonstrations to demand reforms"); arrests, bans, curfews and confiscations by a
        state's authorities fall on its own people."""
        source = sources[0].actor
        country = source.country
        if not country or len({m.actor.country for m in sources}) > 1:
            return []
        people = source.sector in NON_STATE or code[:2] == "14" and not source.sector and (
            sources[0].kind in ("demonym", "adjective"))  # "Iraqi Kurds demonstrated"
        if code[:2] in DOMESTIC_DISSENT_ROOTS and people:
            actor = Actor(f"{country}GOV", self.coder.dictionary.country_names.get(
                country, country), country, "GOV")
        elif (code[:2] == "17" or code == "175") and source.sector in STATE_FORCES | {"JUD"}:
            actor = Actor(f"{country}CVL", "civilians", country, "CVL")
        else:
            return []
        return [Mention(trigger.i, trigger.i + 1, trigger.i, actor, "sector")]

    def clause_party(self, trigger: Token, sources: Sequence[Mention]) -> list[Mention]:
        """The other party the trigger's own phrase names, when no role holds one: in its
        objects and prepositional phrases, never in its subject or in a clause of its own
        (a reported, relative or adverbial clause is another event)."""
        codes = {m.actor.code for m in sources} | {m.actor.country for m in sources}
        span: set[int] = set()
        frontier = [trigger]
        while frontier:
            node = frontier.pop()
            span.add(node.i)
            # a place is where it happened, not a party (see place_targets)
            frontier.extend(c for c in node.children if c.dep_ not in CLAUSE_DEPS and not (
                c.dep_ == "prep" and c.lower_ in PLACE_PREPS | {"near", "outside", "during"}))
        found = []
        for i in sorted(span):
            m = self.mentions.get(i)
            if m is None or m.actor.code in codes or (m.actor.country and m.actor.country in codes):
                continue
            if m not in found:
                found.append(m)
        return found[:1]

    def _unnamed_attackers(self, trigger: Token, targets: Sequence[Mention]) -> list[Mention]:
        """Violence by means alone ("a roadside bomb killed two soldiers", "was killed in a car
        bomb explosion in Beirut"): CAMEO codes the unnamed perpetrators as unidentified armed
        forces (UAF) of the state where it happened, when the text names the place."""
        means = self.lex.classes.get("ATTACK_MEANS", frozenset())
        holders = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                   or c.dep_ == "prep" and c.lower_ in ("in", "by")]
        nouns = [g for c in holders for g in ([c] if c.dep_ in ("nsubj", "nsubjpass") else
                                               [g for g in c.children if g.dep_ == "pobj"])]
        if not any(self.actor_at(n) is None and (n.lemma_.lower() in means or any(
                c.dep_ == "compound" and c.lemma_.lower() in means for c in n.children))
                   for n in nouns if n.dep_ != "nsubjpass"):
            return []
        taken = {i for m in targets for i in range(m.start, m.end)}
        for token in trigger.subtree:
            mention = self.mentions.get(token.i)
            if mention is not None and mention.kind in PLACE_KINDS and mention.actor.country \
                    and token.i not in taken:
                country = mention.actor.country
                actor = Actor(f"{country}UAF", "unidentified attackers", country, "UAF")
                return [Mention(trigger.i, trigger.i + 1, trigger.i, actor, "sector")]
        return []

    def _unnamed_authorities(self, trigger: Token, targets: Sequence[Mention]
                             ) -> list[Mention]:
        """"was arrested in Lebanon", "has been put under investigation in Italy": an arrest,
        a charge or an investigation with no one named to make it is by the authorities of the
        state where it happened (its police for an arrest or a deportation)."""
        verb = trigger
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head  # "was put under investigation"
        if not any(c.dep_ == "nsubjpass" for c in verb.children) or any(
                c.dep_ == "agent" for c in verb.children):
            return []
        codes = {m.actor.code for m in targets}
        for child in (*verb.children, *(trigger.children if trigger is not verb else ())):
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for pobj in child.children:
                    found = [m for m in self._places(pobj) if m.actor.code not in codes]
                    if pobj.dep_ == "pobj" and found:
                        country = found[0].actor.country
                        sector = "COP" if trigger.lemma_.lower() in ("arrest", "detain",
                                                                    "deport") else "GOV"
                        actor = Actor(f"{country}{sector}", "authorities", country, sector)
                        return [Mention(trigger.i, trigger.i + 1, trigger.i, actor, "sector")]
        return []

    def _places(self, noun: Token) -> list[Mention]:
        """The state-bound places a noun phrase names: itself ("Montenegro"), its apposition
        ("the capital Kabul") or a place it lies in ("a jail in northern Israel", "the town
        of Cizre")."""
        for node in (noun, *[c for c in noun.children if c.dep_ == "appos"]):
            mention = self.actor_at(node)
            if mention is not None:
                return [mention] if mention.kind in PLACE_KINDS else []
        for inner in (noun, *self._prep_chain(noun, depth=1)):
            for child in inner.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"of"}:
                    for pobj in child.children:
                        mention = self.actor_at(pobj) if pobj.dep_ == "pobj" else None
                        if mention is not None and mention.kind in PLACE_KINDS:
                            return [mention]
        return []

    def conflict_beneficiary(self, exclude: Sequence[Mention]) -> list[Mention]:
        """"aid in the war in Ukraine": the state whose war it is receives the aid."""
        codes = {m.actor.code for m in exclude}
        for token in self.sent:
            if token.lemma_.lower() in CONFLICT_NOUNS:
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                        for pobj in child.children:
                            found = [m for m in self.actors_of(pobj) if m.actor.code not in codes]
                            if found:
                                return found
        return []

    # -- coding ---------------------------------------------------------------------------
    def _candidates(
        self, trigger: Token, pattern: Trigger, code: str, sources: list[Mention],
        targets: list[Mention], confidence: float, text: str, *, noun: bool = False,
        polarity_token: Token | None = None,
    ) -> list[_Candidate]:
        reverse = dict(pattern.reverse_codes).get(code, "")
        polarity = self.polarity(polarity_token or trigger, noun=noun)
        if pattern.negated:
            polarity = "asserted"  # the code already says what not doing it is
        modality = self.modality(trigger, pattern)
        if polarity == "negated" and modality in ("hypothetical", "threatened"):
            modality = "intended" if modality == "threatened" else modality
        if noun and modality == "intended" and code[:2] in ("01", "05"):
            modality = "actual"  # thanks or an apology "offered" are given in the offering
        if modality == "intended" and code in self.lex.word_set("agreed_acts") and (
            trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in self.lex.word_set(
                "agreement_verbs")
        ):
            modality = "actual"  # "agreed to halt the fighting": the truce is declared
        code = self.modal_code(code, modality, polarity, trigger)
        refusal = polarity == "negated" and self._refusal(polarity_token or trigger, modality)
        attributed = self.attribution.get(trigger.i, "")
        confidence *= self._clause_weight(trigger)
        if modality in ("requested", "hypothetical"):
            # what is only asked for or imagined is less the sentence's news than what was
            # done, said, promised or threatened
            confidence *= 0.85
        # state forces firing on their own citizens: violent repression (175)
        # (named acts, such as an assassination attempt, keep their own code)
        repressible = code[:2] == "19" or code in ("18", "180")
        if not sources and code[:2] in ("18", "19", "20"):
            sources = self._unnamed_attackers(trigger, targets)
        if not sources and code[:2] in ("09", "11", "17"):
            sources = self._unnamed_authorities(trigger, targets)
        if not targets and code[:2] in PLACE_ROOTS and code not in PLACE_EXCLUDED:
            # an agreement or a promise is made somewhere; what it promises is done there
            promise = pattern.code[:2] == "03" or trigger.lemma_.lower() in self.lex.word_set(
                "intent_verbs")
            targets = self.place_targets(trigger, sources, own=not promise)
        if not targets and sources:
            targets = self.clause_party(trigger, sources)
        if not targets and sources:
            targets = self.domestic_target(trigger, code, sources)
        present = bool(sources) + bool(targets)
        if present < self.coder.min_actors:
            return []
        # a side the text leaves unnamed, kept only when the coder is asked for such events
        sources = sources or [self._nobody(trigger)]
        targets = targets or [self._nobody(trigger)]
        out = []
        for source in sources:
            for target in targets:
                if source.actor.code and source.actor.code == target.actor.code or (
                    source.actor.country and source.actor.country == target.actor.country
                    and source.actor.sector == target.actor.sector
                ):
                    continue
                event_code = code
                if pattern.civil_code and code == pattern.code and (
                    source.actor.sector in ("CVL", "OPP", "AGR", "LAB", "EDU")
                ):
                    event_code = pattern.civil_code  # "protesters stormed the embassy": a riot
                if pattern.state_code and code == pattern.code and source.actor.country and (
                    source.actor.sector in ("", "GOV")
                ) and source.kind != "demonym":  # "Georgians protested" is a crowd
                    event_code = pattern.state_code  # "Baku protested": a diplomatic protest
                if repressible and source.actor.country and (
                    source.actor.country == target.actor.country
                ) and source.actor.sector in STATE_FORCES and target.actor.sector in PEOPLE:
                    event_code = "175"
                out.append(_Candidate(trigger, pattern, event_code, source, target, polarity,
                                      modality, attributed, confidence, text, refusal))
                if reverse and source.actor.code and target.actor.code:
                    # the other side's part in the same event: the host receives the visit
                    out.append(_Candidate(trigger, pattern, reverse, target, source, polarity,
                                          modality, attributed, confidence, text, refusal))
        return out

    def modal_code(self, code: str, modality: str, polarity: str, trigger: Token) -> str:
        """CAMEO's own codes for intent and threat (the modality field keeps the nuance).

        A promised delivery of weapons is 0332 (express intent to provide military aid), not
        072; an announced or contemplated conflict act is the threat of it (a sanction threatened
        is 1312). What merely could or would happen keeps its own code, with modality
        ``hypothetical``.
        """
        if modality == "intended" and code[:2] in ("04", "05", "06", "07", "08"):
            return self.lex.mapped_code("intent_codes", code)
        if modality in ("intended", "threatened") and code[:2] >= "12" and (
            code[:2] != "13") and polarity == "asserted" and not self._conditional(trigger):
            return self.lex.mapped_code("threat_codes", code)
        return code

    @staticmethod
    def _clause_weight(trigger: Token) -> float:
        """Events of the main clause are surer and more salient than those of a relative or
        adverbial clause ("they will release the men whom they had taken hostage")."""
        node = trigger
        for _ in range(6):
            if node.dep_ in ("relcl", "acl"):
                return 0.85
            if node.dep_ == "advcl":
                return 0.9
            if node.head.i == node.i:
                break
            node = node.head
        return 1.0

    @staticmethod
    def _nobody(trigger: Token) -> Mention:
        return Mention(trigger.i, trigger.i + 1, trigger.i, Actor("", ""), "none")

    def _code_verb(self, verb: Token, pattern: Trigger, text: str) -> list[_Candidate]:
        if verb.dep_ == "amod" and not pattern.parties:
            return []  # "the Israeli-occupied West Bank", "Syrian-backed militia": background
        # a light verb with an event noun as object: the noun codes the event
        if pattern.light:
            troops = self.lex.classes.get("TROOPS", frozenset())
            for child in self.object_nouns(verb):
                noun = self.trigger_for(child) if child.pos_ == "NOUN" else None
                if noun is not None and child.lemma_.lower() not in troops:
                    return []
        confidence = 0.9
        passive_subject = self.passive_subject(verb)
        if passive_subject is not None and pattern is self.lex.adjectives.get(verb.lower_):
            passive_subject = None  # "is opposed to": its subject holds the attitude
        objects = self.object_words(verb)
        code = self.refine(pattern, objects)
        if pattern.invert:
            targets, score = self.subjects(verb)
            sources = self.targets(verb, ("prep:from", "agent", "prep:by"), targets)
            if not sources:
                implicit = self.context_actor(targets, same_sentence=False)
                sources, confidence = ([implicit], 0.45) if implicit else ([], 0.0)
            return self._candidates(verb, pattern, code, sources, targets,
                                    confidence * max(score, 0.5), text)
        if passive_subject is not None:
            # "Russia's embassy was attacked", "the Azerbaijan Airlines plane was hit": its owner
            targets = self.actors_of(passive_subject) or (
                self.owner_of(passive_subject) if passive_subject.pos_ == "NOUN" else [])
            sources = []
            for child in verb.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        # "hit by fire from Russian air defences": the fire's origin
                        sources.extend(self.actors_of(pobj) or self.owner_of(pobj) or (
                            self.targets(pobj, ("prep:from",), []) if pobj.pos_ == "NOUN"
                            else []))
            if not sources:  # "Kyiv was promised missiles by Washington": "by" on the object
                sources = self.targets(verb, ("prep:by",), targets)
            if not sources and targets and all(m.actor.sector in STATE_FORCES for m in targets) \
                    and (code[:2] == "07" or pattern.military_code):
                # "police officers who would be sent to Belarus": the forces sent act
                sources = targets
                targets = self.targets(verb, ("prep:to", "prep:into", "prep:in"), sources)
                if pattern.military_code:
                    code = pattern.military_code
            if not targets:  # "weapons were supplied to Ukraine by the West"
                targets = self.targets(verb, pattern.targets, sources)
            return self._candidates(verb, pattern, code, sources, targets, confidence, text)
        if pattern.object_is_source:
            # "needing North Korean troops for support": the troops would act for the needer
            sources = [m for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"
                       for m in (self.actors_of(c) or self.owner_of(c))]
            if not sources:  # "needs air defence systems from the West"
                sources = self.targets(verb, ("prep:from",), [])
            if not sources:
                return []
            for obj in self.object_nouns(verb):
                found = self.trigger_for(obj) if obj.pos_ == "NOUN" else None
                if found is not None and found[0].code[:2] not in ("07",):
                    code = found[0].code  # "want diplomatic recognition from Beijing": 054
                    break
            targets, score = self.subjects(verb)
            if sources and not targets:
                implicit = self.context_actor(sources, same_sentence=True)
                targets, score = ([implicit], 0.6) if implicit else ([], 0.0)
            return self._candidates(verb, pattern, code, sources, targets, confidence * score,
                                    text)
        sources, score = self.subjects(verb)
        if not sources and code[:2] in ("18", "19", "20"):
            sources = self._unnamed_attackers(verb, [])  # "a roadside bomb killed ..."
            score = 0.7 if sources else score
        if not sources and self.coder.min_actors >= 2:
            return []
        weapon = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        found = self.trigger_for(weapon) if weapon is not None and code[:2] == "18" else None
        if found is not None and found[0].code[:2] in ("19", "20"):
            code = found[0].code  # "an Israeli air strike killed ...": the strike is the act
        if pattern.military_code and any(m.actor.sector == "MIL" for m in sources):
            code = pattern.military_code  # troops arriving somewhere are deployed there
        if self._under_threat(verb) or self._under_request(verb):
            return []  # "threatened to cut off gas to X": the threat is the event
        if code[:2] in ("05", "06", "07") and self._purpose_of_aid(verb):
            return []  # "sent troops to support Maduro's government": one act, the sending
        if (pattern.code[:2] == "03" and verb.lemma_.lower() in self.lex.word_set(
            "intent_verbs") or pattern.code[:2] == "12" and verb.lemma_.lower() in
                self.lex.word_set("negators")) and self.complement_event(
                    verb, nouns=True) is not None:
            # "pledged to deliver tanks": the delivery, intended, is the event; "refused to
            # send troops": the sending, negated, is
            return []
        if verb.lemma_.lower() in self.lex.word_set("desire_verbs") and self.complement_event(
                verb, nouns=True) is not None:
            return []  # "hoped to receive jets": the receiving is the event, not a hope
        targets = self.targets(verb, pattern.targets, sources,
                               owner_targets=code[:2] in OWNER_TARGET_ROOTS,
                               force=pattern.code[:2] >= "14",
                               verbal=code[:2] in VERBAL_ROOTS | {"05", "09"})
        inner = self.complement_event(verb)
        if inner is not None:
            inner_verb, inner_pattern = inner
            inner_code = self.refine(inner_pattern, self.object_words(inner_verb))
            if verb.lemma_.lower() in self.lex.word_set("threat_verbs"):
                # the threat takes its kind from what is threatened (sanctions -> 1312)
                threat = self.lex.mapped_code("threat_codes", inner_code) if (
                    inner_code[:2] != "13") else code
                code = threat if threat[:2] == "13" else code  # no threat to give aid
            if not targets:
                targets = self.targets(inner_verb, inner_pattern.targets, sources)
        if not targets:
            # "threatened to break relations with Russia": the complement names the other
            # party, whether or not its verb is an event of its own
            targets = self.complement_targets(verb, sources, force=code[:2] >= "13")
        if not targets:
            # "sent forces to help Armenia": the purpose clause names the beneficiary
            targets = self.purpose_targets(verb, sources, events_only=code[:2] < "14",
                                           aims=code[:2] == "14")
        if not targets and verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ) and (main := self.trigger_for(verb.head)) is not None and verb.head.pos_ == "VERB":
            # "sent personnel to Bosnia to investigate ...": the purpose is pursued where, and
            # with whom, the main act is done
            targets = self.targets(verb.head, main[0].targets, sources)
            confidence *= 0.85
        if not targets and code[:2] in VERBAL_ROOTS and (
            verb.lemma_.lower() not in self.lex.word_set("speech_verbs")
        ):
            # "demanded that the US cancel ...": the clause's subject; but "X said Y did Z"
            # is no event between X and Y
            targets = self.targets(verb, ("ccomp_subject",), sources)
        if not targets and code[:2] in ("11", "12") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.lex.word_set("claim_nouns")
            for c in verb.children
        ):
            # "Russia rejected the claims": the claims are the previous sentence's speaker's
            speaker = next((m for m in self.previous if m.subject and m.actor.code not in
                            {x.actor.code for x in sources}), None)
            if speaker is not None:
                targets, confidence = [speaker], confidence * 0.6
        if not targets and code[:2] == "07":
            targets = self.conflict_beneficiary(sources)
            confidence *= 0.7 if targets else 1.0
        if not targets and pattern.parties:
            targets = self.deal_parties(verb, sources)
            confidence *= 0.9
        if not targets and code[:2] == "13":
            # "Iran threatened a new offensive unless Baghdad accepted its conditions": the
            # threat is aimed at whoever must meet the condition
            targets = self._condition_subjects(verb, sources)
        if not targets and verb.dep_ in ("relcl", "acl") and (
            verb.head.lemma_.lower() in self.lex.word_set("act_nouns")
        ) and verb.head.dep_ in ("appos", "npadvmod", "dobj", "attr") and (
            verb.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Russia recognised the republics, a move condemned by NATO": the move is the
            # clause's, so its actor is the target
            targets = [m for m in self.subjects(verb.head.head)[0] if m not in sources]
            confidence *= 0.8
        if not targets and len(sources) > 1 and (
            verb.lemma_.lower() in self.lex.word_set("reciprocal_verbs")
            or pattern.reciprocal_code
            or code.startswith("087")  # "India and Pakistan agreed to halt the fighting"
        ):
            # "Israel and Lebanon renewed negotiations": each acts toward the other
            code = pattern.reciprocal_code or code
            out = []
            for source in sources:
                others = [m for m in sources if m is not source]
                out.extend(self._candidates(verb, pattern, code, [source], others,
                                            confidence * score * 0.9, text))
            return out
        if not targets and code[:2] == "14" and any(
            c.dep_ == "prep" and c.lower_ in ("against", "over") for c in verb.children
        ):
            # "marched against a 'foreign agents' bill": a protest against a policy is aimed at
            # the government of the protesters' country
            countries = {m.actor.country for m in sources if m.actor.country}
            if len(countries) == 1:
                country = countries.pop()
                targets = [Mention(verb.i, verb.i + 1, verb.i,
                                   Actor(f"{country}GOV", "government", country, "GOV"), "sector")]
                confidence *= 0.7
        out = self._candidates(verb, pattern, code, sources, targets, confidence * score, text)
        if code[:2] in ("18", "19", "20"):
            # "fighting Ukrainian forces alongside Russian troops": fighting side by side is
            # military cooperation (062) with them
            allies = [m for c in verb.children if c.dep_ == "prep" and c.lower_ == "alongside"
                      for p in c.children if p.dep_ == "pobj" for m in self.actors_of(p)]
            if allies:
                out += self._candidates(verb, pattern, "062", sources, allies,
                                        confidence * score * 0.9, text)
        return out

    def deal_parties(self, verb: Token, mediators: Sequence[Mention]) -> list[Mention]:
        """The parties of the deal a mediator brokered, one per actor.

        "Armenia and Azerbaijan agreed to a ceasefire brokered by Putin": those who agreed;
        "brokered a deal between X and Y": X and Y; else the sentence's other actors ("freed
        prisoners in exchange for captives held by Kyiv, in a swap brokered by Turkey"), leaving
        out places where things happen ("signed in Pretoria").
        """
        deal = verb.head if verb.dep_ in ("acl", "amod") else next(
            (c for c in verb.children if c.dep_ == "dobj"), None)
        found: list[Mention] = []
        venues = {verb.i}
        if deal is not None:
            venues.add(deal.i)
            found = self._between(deal)
            node = deal
            if verb.dep_ in ("acl", "amod"):
                for _ in range(4):  # climb to the verb the deal serves
                    head = node.head
                    if head.i == node.i:
                        break
                    if head.pos_ in ("VERB", "AUX"):
                        venues.add(head.i)
                        subjects, _ = self.subjects(head)
                        found = found or [*subjects, *(m for c in head.children
                                                        if c.dep_ in ("dobj", "dative")
                                                        for m in self.actors_of(c))]
                        break
                    node = head
        codes = {m.actor.code for m in mediators} | {m.actor.country for m in mediators
                                                     if m.actor.country}

        def distinct(pool: Iterable[Mention]) -> list[Mention]:
            out: list[Mention] = []
            seen: set[str] = set()
            for mention in pool:
                actor = mention.actor
                # a state and its rebels are two parties; its government and army are one
                key = actor.code if not actor.country else actor.country + (
                    actor.sector if actor.sector in ("REB", "OPP", "UAF", "INS") else "")
                if actor.code in codes or actor.country in codes or key in seen:
                    continue
                seen.add(key)
                out.append(mention)
            return out

        parties = distinct(found)
        if len(parties) < 2:
            parties = distinct(
                m for _, m in sorted(self.mentions.items()) if not m.modifier
                and not (self.doc[m.anchor].dep_ == "pobj"
                         and self.doc[m.anchor].head.lower_ in ("in", "at", "near")
                         and self.doc[m.anchor].head.head.i in venues))
        return parties if len(parties) > 1 else []

    def purpose_targets(self, verb: Token, sources: list[Mention], *, events_only: bool = True,
                        aims: bool = False) -> list[Mention]:
        """The party a purpose clause names: "sent forces to help Armenia"; without
        ``events_only``, whatever its verb ("opened fire to disperse demonstrators"); with
        ``aims``, a protest's aim too ("rallied, demanding the resignation of the prime
        minister")."""
        for child in verb.children:
            if child.dep_ != "advcl" or not (
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
                    or aims and child.tag_ == "VBG"):
                continue
            purpose = self.trigger_for(child)
            if purpose is None and events_only:
                continue
            roles = purpose[0].targets if purpose is not None else DEFAULT_VERB_TARGETS
            targets = self.targets(child, roles, sources)
            if targets:
                return targets
        return []

    def complement_targets(self, verb: Token, sources: list[Mention], *, force: bool = False,
                           depth: int = 2) -> list[Mention]:
        """The other party named in a verb's open complement ("agreed to lift the embargo on
        Cuba", "threatened to impose restrictions against German goods"), two levels deep."""
        for child in verb.children:
            if child.dep_ != "xcomp" or child.pos_ != "VERB":
                continue
            found = self.trigger_for(child)
            roles = found[0].targets if found is not None else DEFAULT_VERB_TARGETS
            targets = self.targets(child, roles, sources, force=force)
            if not targets and depth > 1:
                targets = self.complement_targets(child, sources, force=force, depth=depth - 1)
            if targets:
                return targets
        return []

    def complement_event(self, verb: Token, *, nouns: bool = False
                         ) -> tuple[Token, Trigger] | None:
        """The event verb in this verb's open complement ("threatened to impose ..."); with
        ``nouns``, also a light verb's event noun ("refused to impose sanctions")."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                found = self.trigger_for(child)
                if found is not None:
                    return child, found[0]
                if nouns and child.lemma_.lower() in self.lex.word_set("light_verbs"):
                    for obj in self.object_nouns(child):
                        noun = self.trigger_for(obj) if obj.pos_ == "NOUN" else None
                        if noun is not None:
                            return obj, noun[0]
        return None

    def _under_request(self, verb: Token) -> bool:
        """"demanded that Russia withdraw": the demand is the event, its content is not coded
        a second time (the team's policy, as for threats); so for "said that Sudan must
        return the helicopter", a demand too (see :meth:`obliged_clause`)."""
        head = verb.head
        if verb.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in {
                "demand", "urge", "insist"} and self.trigger_for(head) is not None:
            return True
        if verb.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN":
            found = self.trigger_for(head)  # "its demand that Israel ease restrictions"
            if found is not None and found[0].code[:2] in ("02", "10"):
                return True
        return self._under_obligation(verb) or self._protest_aim(verb)

    def _protest_aim(self, verb: Token) -> bool:
        """"staged demonstrations to demand reforms", "blocked roads demanding that he be
        reinstated": what a protest demands is the protest's aim, not an event of its own."""
        if verb.dep_ not in ("advcl", "xcomp") or not (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                or verb.tag_ == "VBG"):
            return False
        head = verb.head
        found = self.trigger_for(head)
        if found is not None and found[0].code[:2] == "14":
            return True
        return head.lemma_.lower() in self.lex.word_set("light_verbs") and any(
            (noun := self.trigger_for(obj)) is not None and noun[0].code[:2] == "14"
            for obj in self.object_nouns(head) if obj.pos_ == "NOUN")

    def _under_obligation(self, verb: Token) -> bool:
        """The verb of a clause that a verb of saying reports as an obligation, or a verb
        that serves it ("must ensure security to allow supplies to reach the needy")."""
        node = verb
        for _ in range(3):
            clause = node
            if node.dep_ == "xcomp" and node.head.lemma_ == "have":  # "Sudan has to return"
                clause = node.head
            if clause.dep_ == "ccomp" and self._obligation_modal(node) and (
                    self.obliged_clause(clause.head) is not None):
                return True
            purpose = node.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if node.dep_ not in ("xcomp", "conj") and not purpose or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _obligation_modal(self, verb: Token) -> str:
        """"must" or "should" when the clause of ``verb`` says someone is obliged to act."""
        modals = self.lex.word_set("demand_modals")
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in modals:
                return child.lower_
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ == "have" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return "must"  # "has to", "have to"
        return ""

    def obliged_clause(self, verb: Token) -> tuple[Token, str] | None:
        """The reported clause, and its modal, of a verb of saying that says someone must or
        should act: "declared that China must drop barriers", "said Sudan has to return ...".

        CAMEO codes such a statement as a demand (must) or an appeal (should) by the speaker
        to the one obliged, not as the act itself.
        """
        if verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        verdict = lemma in self.lex.word_set("verdict_verbs")
        if lemma not in self.lex.word_set("speech_verbs") and not verdict:
            return None
        if not verdict and self.trigger_for(verb) is not None:
            return None  # "warned that ... must": the warning codes it
        for child in verb.children:
            if child.dep_ != "ccomp" or child.pos_ not in ("VERB", "AUX"):
                continue
            clause = child
            if child.lemma_ == "have":
                clause = next((c for c in child.children if c.dep_ == "xcomp"), child)
            modal = self._obligation_modal(clause)
            if not modal or any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children):
                continue  # "should have acted": a regret, not an obligation
            subject = clause if clause.dep_ != "xcomp" else clause.head
            obliged = {m.actor.code for c in subject.children if c.dep_ == "nsubj"
                       for m in self.actors_of(c)}
            if obliged & {m.actor.code for m in self.subjects(verb)[0]}:
                continue  # "Syria says it must ...": its own resolve, not a demand
            return clause, modal
        return None

    def _code_obligation(self, verb: Token, clause: Token, modal: str) -> list[_Candidate]:
        """"X said that Y must do Z": X demands (appeals, for "should") that Y do Z."""
        sources, score = self.subjects(verb)
        if not sources and self.coder.min_actors >= 2:
            return []
        subject = clause if clause.dep_ != "xcomp" else clause.head
        codes = {s.actor.code for s in sources}
        targets = [m for c in subject.children if c.dep_ == "nsubj"
                   for m in self.actors_of(c) if m.actor.code not in codes]
        inner = self.trigger_for(clause)
        inner_code = ""
        if inner is not None:
            inner_code = self.refine(inner[0], self.object_words(clause))
        else:  # "must reach an agreement", "must lift the sanctions": the object's event
            for obj in self.object_nouns(clause):
                noun = self.trigger_for(obj) if obj.pos_ == "NOUN" else None
                if noun is not None:
                    inner_code = self.refine(noun[0], [obj])
                    break
        table = "demand_codes" if modal != "should" else "appeal_codes"
        code = self.lex.mapped_code(table, inner_code) if inner_code else ""
        if not code or code == inner_code:
            code = "100" if modal != "should" else "020"
        pattern = Trigger(verb.lemma_.lower(), code, ())
        return self._candidates(verb, pattern, code, sources, targets, 0.9 * max(score, 0.5),
                                f"{verb.text} {modal}")

    def _condition_subjects(self, verb: Token, sources: Sequence[Mention]) -> list[Mention]:
        """The subject of the "if"/"unless" clause on a threat or on what it threatens."""
        codes = {m.actor.code for m in sources} | {m.actor.country for m in sources}
        for node in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
            for child in node.children:
                if child.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children
                ):
                    found = [m for m in self.subjects(child)[0]
                             if m.actor.code not in codes and m.actor.country not in codes]
                    if found:
                        return found
        return []

    def _purpose_of_aid(self, verb: Token) -> bool:
        """"sent personnel to support the government", "arrived to help train its army": the
        purpose of an act of material cooperation names its beneficiary, not a second event."""
        node = verb
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in ("help", "assist"):
            node = node.head
        if node.dep_ != "advcl" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        ):
            return False
        head = node.head
        found = self.trigger_for(head) if head.pos_ == "VERB" else None
        return found is not None and (self.refine(found[0], self.object_words(head))[:2] in (
            "06", "07") or found[0].military_code[:2] == "07")

    def _under_threat(self, verb: Token) -> bool:
        return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.word_set(
            "threat_verbs") and self.trigger_for(verb.head) is not None

    def _code_noun(self, noun: Token, pattern: Trigger, text: str) -> list[_Candidate]:
        objects = [c for c in noun.children if c.dep_ == "prep"
                   for c in c.children if c.dep_ == "pobj"]
        code = self.refine(pattern, [noun, *objects])
        sources = self.owner_of(noun)
        reaction = noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.word_set(
            "reaction_verbs")
        if not sources:
            # "an invitation from BRICS"; "drawing condemnation from Doha"
            sources = self.targets(noun, ("prep:from",), []) or (
                self.targets(noun.head, ("prep:from",), []) if reaction else [])
            reaction = reaction or bool(sources)
        if not sources and pattern.of_is_source:
            # "the withdrawal of the CSTO's force", "the arrival of Russian troops"
            sources = [m for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" for m in self.actors_of(p)]
        confidence = 0.85
        if not sources:
            parties = self._between(noun)
            if len(parties) > 1:  # "talks between the Armenian and Azerbaijani ministers"
                return [c for p in parties for c in self._candidates(
                    noun, pattern, code, [p], [q for q in parties if q is not p],
                    confidence * 0.9, text, noun=True)]
        head = noun.head
        measured = noun
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and (
                head.head.dep_ in ("dobj", "nsubjpass", "attr") and (
                    head.head.lemma_.lower() in self.lex.word_set("quantities")
                    or any(c.dep_ == "nummod" for c in head.head.children))):
            measured = head.head  # "provided 25,000 tons of food aid": the tons are the object
            head = measured.head
        governing = head if measured.dep_ in ("dobj", "nsubjpass", "attr") else None
        # talks in a time or place phrase are between the clause's parties (below)
        meeting = code[:2] == "04" and noun.lemma_.lower() in self.lex.word_set(
            "reciprocal_nouns")
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CIRCUMSTANCE_PREPS:
            if not sources and not meeting:
                # "imposed a curfew after a demonstration": the circumstance of another act,
                # by no one the sentence names
                return []
        elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and (
            head.lower_ not in TEMPORAL_PREPS  # "at talks in Sochi, Putin promised ..."
        ):
            governing = head.head  # "put under investigation", "took part in the talks"
        if governing is not None and governing.pos_ in ("VERB", "AUX") and (
                self._under_obligation(governing)):
            return []  # "said the rebels must reach an agreement": the demand codes it
        if governing is not None and governing.pos_ in ("VERB", "AUX"):
            verb_trigger = self.trigger_for(governing)
            verb_lemma = governing.lemma_.lower()
            is_light = verb_lemma in self.lex.word_set("light_verbs") or (
                verb_trigger is not None and verb_trigger[0].light
            )
            if verb_trigger is not None and not is_light and not sources:
                return []  # "asked for assistance": the verb codes it
            if is_light and not sources:
                if verb_lemma in self.lex.word_set("receiving_verbs") or (
                    verb_trigger and verb_trigger[0].invert
                ):
                    targets, score = self.subjects(governing)
                    sources = self.targets(governing, ("prep:from", "agent", "prep:by"), targets)
                    if not sources:
                        sources = self.targets(noun, ("prep:from", "prep:by"), targets)
                    if not sources:  # "took delivery of Russian S-400 systems"
                        sources = [m for o in objects for m in self.owner_of(o)
                                   if m.actor.code not in {t.actor.code for t in targets}]
                    if not sources:
                        implicit = self.context_actor(targets, same_sentence=False)
                        sources, confidence = ([implicit], 0.45) if implicit else ([], 0.0)
                    return self._candidates(noun, pattern, code, sources, targets,
                                            confidence * max(score, 0.5), text, noun=True)
                sources, score = self.subjects(governing)
                confidence *= max(score, 0.5)
                roles = ("dative", *pattern.targets)
                targets = self.targets(noun, pattern.targets, sources) or self.targets(
                    governing, roles, sources)
                passive = self.passive_subject(governing)
                if not sources and not targets and passive is not None:
                    # "a US national was put under investigation": the subject undergoes it
                    targets = self.actors_of(passive)
                    sources = [m for c in governing.children if c.dep_ == "agent"
                               for p in c.children for m in self.actors_of(p)]
                if not targets and code[:2] == "07":
                    targets = self.conflict_beneficiary(sources)
                if not targets and code[:2] == "14":  # "staged rallies to demand ..."
                    targets = self.purpose_targets(governing, sources, events_only=False,
                                                   aims=True)
                joint = any(c.lower_ in JOINT_WORDS for c in noun.children if c.dep_ == "amod")
                if joint and code[:2] in ("15", "18", "19", "20"):
                    code = "062"  # "flew a joint patrol": the partners cooperate militarily
                if len(sources) > 1 and (joint or not targets and noun.lemma_.lower() in
                                         self.lex.word_set("reciprocal_nouns")):
                    # "South Korean and American forces launched joint exercises"
                    return [c for source in sources for c in self._candidates(
                        noun, pattern, code, [source], [m for m in sources if m is not source],
                        confidence * 0.9, text, noun=True)]
                return self._candidates(noun, pattern, code, sources, targets, confidence,
                                        text, noun=True)
        if not sources and code[:2] < "09":
            # only for cooperation ("their responses, including the provision of arms"): a war
            # or an attack is not its onlooker's
            sources = self._implicit_noun_source(noun)
            confidence *= 0.6
        targets = self.targets(noun, pattern.targets, sources)
        if not sources and targets and code[:2] == "14":
            # "protests against his government": unnamed protesters are the target's people
            country = targets[0].actor.country
            if country:
                sources = [Mention(noun.i, noun.i + 1, noun.i,
                                   Actor(f"{country}CVL", "protesters", country, "CVL"), "sector")]
                confidence *= 0.7
        if not targets and sources:
            # "sent a message of condolence to Erdogan": the phrase hangs on the clause's verb
            verb = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
            verb_trigger = self.trigger_for(verb) if verb is not None else None
            if verb is not None and (verb_trigger is None or verb_trigger[0].light):
                targets = self.targets(verb, pattern.targets, sources, owner_targets=False)
        if not targets and sources and not reaction and code[:2] in VERBAL_ROOTS and (
            noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX")
        ):
            # "Washington rejected Russia's demand", "Israel turned down Ukraine's requests":
            # what one says is addressed to whoever answers it
            reaction = True
        if not targets and sources:
            clause = self._reacted_clause(noun) if not reaction else noun.head
            if clause is not None:
                # "..., drawing an angry protest from Baku", "turned down an invitation from
                # BRICS", "despite American objections": aimed at the clause's subject
                targets = [m for m in self.subjects(clause)[0]
                           if m.actor.code not in {s.actor.code for s in sources}]
                confidence *= 0.8
        if not targets and code[:2] == "07":
            targets = self.conflict_beneficiary(sources)
            confidence *= 0.7 if targets else 1.0
        reciprocal = noun.lemma_.lower() in self.lex.word_set("reciprocal_nouns")
        if len(sources) < 2 and not targets and reciprocal and code[:2] == "04" and (
            noun.dep_ == "pobj" and noun.head.lower_ in ("at", "during", "after", "following")
            and not self.owner_of(noun)
        ):
            # "At talks in Sochi, Putin promised Lukashenko a loan": the talks are between the
            # clause's subject and the one it addresses
            clause = noun.head.head
            if clause.pos_ in ("VERB", "AUX"):
                parties = list(self.subjects(clause)[0])
                if len(parties) == 1:
                    parties += [m for c in clause.children if c.dep_ in ("dative", "dobj")
                                for m in self.actors_of(c)]
                if len(parties) > 1:
                    sources = parties
                    confidence *= 0.7
        if not sources and not targets and reciprocal and code[:2] >= "18":
            # "India and Pakistan agreed to halt ... after four days of strikes": a fight no
            # one owns is between the clause's conjoined subjects
            clause = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
            while clause is not None and clause.dep_ in ("xcomp", "conj"):
                clause = clause.head
            sources = self.subjects(clause)[0] if clause is not None else []
            if len(sources) < 2:
                sources = []
            confidence *= 0.7
        if not targets and len(sources) > 1 and reciprocal:
            # "Russian and Ukrainian delegations held their first talks": each with the other
            return [c for source in sources for c in self._candidates(
                noun, pattern, code, [source], [m for m in sources if m is not source],
                confidence * 0.9, text, noun=True)]
        out = self._candidates(noun, pattern, code, sources, targets, confidence, text,
                               noun=True)
        if noun.lemma_.lower() in self.lex.word_set("mutual_nouns") and not self._between(noun):
            # "its border war with Tajikistan": Tajikistan wages it too
            out += [replace(c, source=c.target, target=c.source) for c in out
                    if c.target.actor.code]
        return out

    def _reacted_clause(self, noun: Token) -> Token | None:
        """The verb of the clause an event noun reacts to: "took delivery despite American
        objections" -> "took"; else None."""
        head = noun.head
        if noun.dep_ != "pobj" or head.dep_ != "prep":
            return None
        words = self.lex.word_set("reaction_preps")
        phrase = " ".join(t.lower_ for t in head.head.subtree if t.i <= head.i)[-30:]
        if head.lower_ in words or any(phrase.endswith(w) for w in words if " " in w):
            node = head.head
            while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            return node if node.pos_ in ("VERB", "AUX") else None
        return None

    def _between(self, noun: Token) -> list[Mention]:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_of(pobj)
        return []

    def _implicit_noun_source(self, noun: Token) -> list[Mention]:
        """The owner of an event noun the sentence leaves implicit.

        "their responses ..., including the provision of weaponry": the provision is the
        responders'. Climb through the noun's heads to a noun or verb with an actor.
        """
        node = noun
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                break
            if head.pos_ == "NOUN":
                owner = self.owner_of(head)
                if owner:
                    return owner
            if head.lower_ in INCLUDING and head.head.pos_ in ("VERB", "AUX"):
                # "shaped their responses, including the provision of ...": the provision is
                # one of the responses, so it belongs to their owner
                for obj in head.head.children:
                    if obj.dep_ == "dobj":
                        owner = self.owner_of(obj)
                        if owner:
                            return owner
            if head.pos_ in ("VERB", "AUX"):
                found, _ = self.subjects(head)
                return found
            node = head
        return []
