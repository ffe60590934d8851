"""Polarity, modality and attribution: how a sentence holds each event it reports.

The rules read the words around a trigger in its dependency parse: negators and negative
determiners ("did not", "refused to", "no assistance"), auxiliaries and governing verbs of
intent, request, threat and condition ("will", "pledged to", "urged", "threatened to", "if"),
and verbs of saying ("X said ...", "according to Y"). The words themselves are data
(``data/patterns/modality.yaml``). :class:`StanceRules` is mixed into the coder's per-sentence
reader, which supplies the lexicon, the sentence and the actor lookups these rules call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from foedus.events.patterns import Lexicon, Trigger

if TYPE_CHECKING:
    from foedus.actors.resolver import Mention

# An event in a time phrase happened on its own terms: "agreed to halt the fighting after four
# days of strikes" does not negate the strikes, nor make them intended.
TEMPORAL_PREPS = frozenset({"after", "before", "since", "during", "until", "following", "amid",
                            "despite", "at"})
NOTHING = frozenset({"nothing", "little"})
# ... and so did an event one reacts to: "in response to Russia's seizure of Crimea".
CAUSE_NOUNS = frozenset({"response", "retaliation", "reaction", "answer", "revenge", "protest"})
# Roots of verbal events, whose target may be the subject of the reported clause
# ("demanded that the US cancel ...", "accused Russia of ..."), and whose nouns stay asserted
# when rejected ("rejected Russia's demand": the demand was made).
VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})


class StanceRules:
    """Polarity, modality and attribution rules over one parsed sentence."""

    lex: Lexicon
    sent: Span

    def actor_at(self, token: Token | None) -> Mention | None:  # supplied by the reader
        raise NotImplementedError

    def trigger_for(self, token: Token) -> tuple[Trigger, str] | None:  # supplied by the reader
        raise NotImplementedError

    def object_nouns(self, verb: Token) -> list[Token]:  # supplied by the reader
        raise NotImplementedError

    def _negated_here(self, token: Token) -> bool:
        neg_adverbs = self.lex.word_set("negative_adverbs")
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in neg_adverbs):
                return True
        return False

    def _verb_negated(self, verb: Token) -> bool:
        """The verb itself is negated: "did not clash", "won't ever clash", "neither X nor Y
        clashed"."""
        if self._negated_here(verb):
            return True
        return any(c.dep_ in ("nsubj", "nsubjpass") and any(
            g.dep_ in ("preconj", "det") and g.lower_ == "neither" for g in c.children)
            for c in verb.children)

    def _negated_noun(self, noun: Token) -> bool:
        determiners = self.lex.word_set("negative_determiners")
        scarcity = self.lex.word_set("scarcity")
        for child in noun.lefts:
            if child.lower_ in determiners or child.lemma_.lower() in scarcity:
                return True
            for grandchild in child.subtree:
                if grandchild.lower_ in determiners and grandchild.i < noun.i:
                    return True
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in scarcity:
            return True
        # "support is nowhere to be found"
        return noun.dep_ in ("nsubj", "nsubjpass") and self._negated_here(head)

    def polarity(self, token: Token, *, noun: bool = False) -> str:
        negators = self.lex.word_set("negators")
        negated = self._negated_noun(token) if noun else self._negated_here(token) or any(
            self._negated_noun(obj) for obj in self.object_nouns(token)
            if obj.pos_ == "NOUN" and obj.lemma_.lower() in self.lex.classes.get("TROOPS", ())
            | self.lex.classes.get("AID", frozenset()) | self.lex.classes.get("WEAPON", ())
        )
        node = token
        # climb through the verbs that govern this one: "did not send", "refused to help"
        for _ in range(4):
            head = node.head
            if head.i == node.i or node.dep_ == "prep" and node.lower_ in TEMPORAL_PREPS or (
                node.dep_ == "pobj" and head.lower_ in TEMPORAL_PREPS
            ) or node.i != token.i and node.lemma_.lower() in CAUSE_NOUNS:
                break
            if noun and node.i == token.i and node.dep_ in ("dobj", "pobj") and (
                head.lemma_.lower() in negators
            ):
                # "paused all military aid", "cancelled the visit"; but a demand rejected or a
                # charge denied was still made
                found = self.trigger_for(token)
                negated = found is None or found[0].code[:2] not in VERBAL_ROOTS
                break
            if noun and node.i == token.i and head.pos_ == "VERB" and (
                found := self.trigger_for(head)
            ) is not None and not found[0].light:
                break  # "refused to condemn the attack": the attack itself happened
            if node.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and self._negated_noun(head):
                negated = True  # "gave no sign that it would send forces"
                break
            if node.dep_ in ("xcomp",) and head.lemma_.lower() in negators:
                negated = not negated
            elif node.dep_ in ("dobj", "pobj", "xcomp", "nsubjpass", "attr") and (
                self._negated_here(head)
            ) or node.dep_ in ("dobj", "pobj") and head.lemma_.lower() in negators or (
                node.dep_ == "pobj" and head.dep_ == "prep"
                and head.head.lemma_.lower() in negators
            ):
                negated = True  # "refused the offer", "pulled out of a planned meeting"
            purpose = node.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if node.dep_ not in ("xcomp", "dobj", "pobj", "prep", "attr", "nsubjpass",
                                 "relcl") and not purpose:
                break
            if node.dep_ == "relcl" and head.lower_ in NOTHING:
                negated = True  # "did nothing to protect the Armenians"
                break
            if purpose and (self._negated_here(head) or any(
                c.dep_ == "dobj" and c.lower_ in ("nothing", "little") for c in head.children
            )):
                negated = True  # "did not send troops to help Armenia", "did nothing to help"
            node = head
        return "negated" if negated else "asserted"

    def modality(self, token: Token, pattern: Trigger) -> str:
        intent = self.lex.word_set("intent_verbs")
        request = self.lex.word_set("request_verbs")
        threat = self.lex.word_set("threat_verbs")
        hypo_aux = self.lex.word_set("hypothetical_auxiliaries")
        marks = self.lex.word_set("hypothetical_marks")
        will = self.lex.word_set("intent_auxiliaries")
        if pattern.modality == "requested":
            return "requested"  # "Syria will need billions": a need, whatever its tense
        node = token
        for _ in range(5):
            for child in node.children:
                if child.dep_ in ("aux", "auxpass"):
                    if child.lower_ in ("would", "'d") and self._reported_future(node):
                        return "intended"  # "said it would allow ...": "will", reported
                    if child.lower_ in hypo_aux:
                        return "hypothetical"
                    if child.lower_ in will:
                        return "intended"
                if child.dep_ == "mark" and child.lower_ in marks:
                    return "hypothetical"
                if child.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children
                ):
                    return "hypothetical"
            head = node.head
            if head.i == node.i or node.dep_ == "prep" and node.lower_ in TEMPORAL_PREPS or (
                node.i != token.i and node.lemma_.lower() in CAUSE_NOUNS
            ):
                break
            lemma = head.lemma_.lower()
            if node.dep_ in ("xcomp", "dobj", "pobj", "prep", "ccomp") and head.pos_ in (
                "VERB", "AUX", "NOUN", "ADJ") and head.i != token.i:
                if lemma in threat and node.dep_ in ("xcomp", "dobj", "pobj", "prep"):
                    return "threatened"
                if lemma in request:
                    return "requested"
                if lemma in self.lex.word_set("desire_verbs") and (
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
                    or any(c.dep_ == "dobj" for c in head.children)
                ):
                    return "requested"  # "Armenia wanted Russia to protect it"
                if lemma in intent and node.dep_ != "ccomp" and (
                    node.dep_ == "xcomp" or lemma in self.lex.word_set("intent_object_verbs")
                    or head.pos_ == "ADJ"
                ):
                    # "announced it will impose sanctions" is intended, "announced sanctions"
                    # is not; "pledged aid" is; "could be ready to attack" is hypothetical
                    return "hypothetical" if self._hypothetical_above(head) else "intended"
            if node.dep_ not in ("xcomp", "dobj", "pobj", "prep", "acl", "pcomp") or (
                    node.dep_ == "acl" and not any(c.dep_ == "aux" and c.lower_ == "to"
                                                   for c in node.children)):
                break  # "refugees fleeing the war" is no part of what "will" be provided
            node = head
        return pattern.modality or "actual"

    def _hypothetical_above(self, token: Token) -> bool:
        """A hypothetical auxiliary on ``token`` or the verb it hangs on ("could be ready")."""
        hypo_aux = self.lex.word_set("hypothetical_auxiliaries")
        for node in (token, token.head):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in hypo_aux for c in node.children):
                return True
        return False

    def _refusal(self, token: Token, modality: str) -> bool:
        """A negated event that someone refuses: "refused to meet", "declined to resign",
        "ruled out sending troops", or a negated intent ("will not accept more refugees").
        CAMEO codes such a refusal as a rejection (12); "did not send troops" is none."""
        if modality == "intended" and self._negated_here(token):
            return True
        refusing = self.lex.word_set("refusal_verbs")
        node = token
        for _ in range(3):
            head = node.head
            if head.i == node.i or node.dep_ not in ("xcomp", "dobj", "pcomp", "pobj", "prep"):
                return False
            lemma = head.lemma_.lower()
            if lemma in refusing or any(
                    c.dep_ == "prt" and f"{lemma} {c.lower_}" in refusing for c in head.children):
                return True
            node = head
        return False

    def _reported_future(self, verb: Token) -> bool:
        """A "would" that is a reported "will": the clause a verb of saying reports ("Syria
        said it would close the border"), with no "if" condition and no "would have"."""
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) or any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "if" for g in c.children)
            for c in verb.children
        ):
            return False
        node = verb
        for _ in range(3):
            if node.dep_ == "ccomp":
                return node.head.lemma_.lower() in self.lex.word_set("speech_verbs")
            if node.dep_ != "conj" or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _conditional(self, token: Token) -> bool:
        """True for the "if" clause of a conditional: a condition, not a threat."""
        marks = self.lex.word_set("hypothetical_marks")
        return any(c.dep_ == "mark" and c.lower_ in marks for c in token.children)

    def _attributions(self) -> dict[int, str]:
        """token index -> code of whoever the sentence reports as saying it."""
        speech = self.lex.word_set("speech_verbs")
        out: dict[int, str] = {}
        for token in self.sent:
            if token.lemma_.lower() in speech and token.pos_ == "VERB":
                speaker = next((self.actor_at(c) for c in token.children
                                if c.dep_ == "nsubj"), None)
                if speaker is None:
                    continue
                for child in token.children:
                    if child.dep_ == "ccomp":
                        for node in child.subtree:
                            out.setdefault(node.i, speaker.actor.code)
            if token.lower_ == "according" and token.dep_ == "prep":
                for node in token.subtree:
                    if node.dep_ == "pobj":
                        mention = self.actor_at(node)
                        if mention:
                            for other in self.sent:
                                if other.i not in range(token.i, token.right_edge.i + 1):
                                    out.setdefault(other.i, mention.actor.code)
                            break
        return out
