"""Read a PETRARCH/TABARI verb dictionary (``.verbs``) as foedus pattern data.

Users of PETRARCH and TABARI keep their event vocabulary in a verbs dictionary; reading it lets
``Coder(pattern_files=[path])`` (and ``--patterns``) use it unchanged. The result has the layout
of ``data/patterns/events.yaml`` (``classes`` and ``verbs``), so it merges like a YAML file: its
entries replace the shipped ones for the same lemma.

The dictionary, and what becomes of each part::

    &CURRENCY                    a synset: the phrases on the "+" lines below it
    +DOLLARS                     (words joined by "_" or " "; a trailing "_" means the exact
    +SWISS_FRANCS                 word; a label ending in "_" forms no plurals; a "+&NAME" line
                                  includes another synset)

    --- GRANT [070] ---          a verb block and its code ("[032:033]": the code for the
                                 source's event, then the target's toward the source)
    GRANT                        member verbs: each becomes a verb trigger with the block's
    GIVE {GAVE GIVEN} [071]      code, or its own; {...} lists irregular forms (spaCy's lemma
    +CALL_ON                     serves instead); "+CALL_ON" marks the verb of a multi-word verb,
    WIRE_+TAP                    which becomes the phrase "call on" ("wire tap", a word before
                                 the verb, cannot be matched and is skipped)
    - * &CURRENCY [903]          a pattern: "*" is the verb, words after it are its objects and
    - * LOAN [071]               prepositional phrases, words before it come before it, "_"
    - * FOR AID [073]            joins adjacent words, "$" is the source, "+" the target, "%" a
    - * DOWN [090]               compound actor (both source and target), "^" skips a phrase

Patterns become what the foedus layout can say:

* object words after the verb (``- * LOAN [071]``, ``- * FOR &CURRENCY [903]``, and a noun
  before it, ``- CURFEW * [012]``, its passive subject) -> a generated class ``PV_<BLOCK>_<n>``
  (``n``: the pattern's number in its block) holding the lower-case lemmas of the content words
  (synsets expanded), added to the trigger's ``objects`` with the pattern's code. The layout
  has no conjunction: the class matches when any one of its words is among the object's words.
* a particle or preposition alone after the verb (``- * DOWN [222]``, ``- *_ON [095]``)
  -> the phrase trigger "lemma particle" with the pattern's code; object words after a pure
  particle (``- *_UP FUND [071]``) refine that phrase.
* a preposition before the target (``- * AGAINST + [121]``) -> the target role
  ``prep:against``, first among the trigger's roles; with a code other than the verb's, the
  phrase "lemma against" with that code.
* target before the verb and source after "from"/"by" (``- + * FROM $ [066]``) -> the phrase
  "lemma from" with ``invert: true``.
* object words of a verb with no code of its own (``--- REACH [---] ---`` with
  ``- * AGREEMENT [081]``; the layout codes a trigger even when no class matches) -> the phrase
  "lemma object" ("reach agreement", "reach agreements"), which the coder matches on the direct
  object as it matches "call on"; the pattern's other words refine it through a class.
  Other object words of such a verb (``- * WITH DISDAIN [191]``) -> the verb itself, coded
  with the first such pattern's code and ``require_object: true``: only an object of one of
  its classes makes it an event.
* auxiliaries, adverbs and reporting verbs before the verb (``- SAID WOULD * [173]``,
  ``- HAS * BAN [112]``) are dropped: the verb still triggers and the coder reads polarity and
  modality itself. What is left is read as above; left with the bare verb, the pattern gives
  a verb without a code of its own its code (and is skipped when it names another code than
  the verb's: the layout cannot tell the contexts apart). A preposition or "to" straight
  before the verb (``- FAILED TO * [111]``, ``- JOIN IN *``) makes it another verb's
  complement: skipped.
* "%", a compound actor, is read as the source before the verb (``- % * TALKS [031]``) and
  as the target after it (``- * WITH % [031]``). Alone before the verb, with at most
  auxiliaries (``- % * [030]``, ``- % HAVE * [191]``), it gives the verb a
  ``reciprocal_code``: several subjects and no target ("Ardenia and Vestria have agreed")
  make an event from each toward the others with that code.
* negation before the verb (``- NOT * [112]``, ``- NEITHER * [081]``, a synset of negative
  auxiliaries ``- &NEGATVAUXVRB * OVER EFFORTS [904]``), with at most adverbs and auxiliaries
  around it -> the trigger "not <verb>", which the coder uses when the text negates the verb
  ("did not", "won't ever", "neither X nor Y ..."); its code names what not doing it is, so the
  event is asserted. Object words after the verb refine it through a class; such a trigger
  with only object patterns applies only with those objects (else the verb's own entry does,
  negated).
* a two-part code (``[032:033]`` on a block, a verb or a pattern) -> ``reverse_codes``: the
  event with the first code comes with the target's own event toward the source, coded with
  the second (the host of a visit receives it: 033).

PETRARCH takes the target from the first actor after the verb, so every trigger lists, after
its pattern roles, the shipped default roles and then the other prepositions
(:data:`TARGET_ROLES`).

Everything else -- negation after the verb or with actors or other words, synsets before it,
governed verbs,
bare patterns with words before the verb and another code, "$" elsewhere, null or
non-numeric codes (``---``, ``+++``, ``174K``) -- is skipped and counted
(:class:`VerbsReading`, whose ``skipped`` lists each skipped pattern with its line and why).

A lemma that occurs in several blocks ("SAID" and "SAYS") is merged: the later block's code
replaces the earlier one, and the patterns of both are kept, the later block's first.

Codes are kept as the dictionary gives them, those CAMEO's table lacks too: a dictionary may
define its own ("903", "345" in PETRARCH's test dictionary), and its users expect to find them in
the output. The event records the code; its Goldstein score, QuadClass and PLOVER type come from
the nearest CAMEO parent ("1717" under 171) or, with no parent, are unknown (None, "").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from foedus.events.patterns import DEFAULT_VERB_TARGETS, PatternError

PREPOSITIONS = frozenset("""
    about above across after against along amid among around at before behind below beneath
    beside between beyond by despite down during for from in inside into near of off on onto
    out outside over past since through throughout to toward towards under until up upon via
    with within without
""".split())
# Particles that make a phrasal verb whatever follows them ("set up a fund", "turn back").
PURE_PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "apart", "together"})
PARTICLES = PREPOSITIONS | PURE_PARTICLES
FUNCTION_WORDS = frozenset("""
    a an the this that these those its their his her our my your some any each every all both
    either such and or but if so as than then also again now ever even just only very really
    most more will would shall should can could may might must do does did done be is are was
    were been being have has had having it they he she we i you them him us who which what whom
    whose there here
""".split())
NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "neither", "none", "nothing",
                       "don't", "won't", "can't", "cannot", "didn't", "doesn't", "isn't"})
# PETRARCH takes the target from the first actor after the verb, whatever phrase holds it
# ("departed from Libya", "arrived in Gondor", "warned of the Prince"): the shipped roles, then
# the other prepositions.
TARGET_ROLES = (*DEFAULT_VERB_TARGETS, "prep:from", "prep:in", "prep:of", "prep:over",
                "prep:about", "prep:between", "prep:upon", "prep:near")
# The roles a source after the verb may take when the target is the subject.
INVERT_PREPOSITIONS = frozenset({"from", "by"})

_HEADER = re.compile(r"^---+\s*(?P<body>.*?)\s*(?:---+\s*)?$")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{[^{}]*\}")
_NAME = re.compile(r"[^A-Z0-9]+")


@dataclass
class VerbsReading:
    """A verbs dictionary read into pattern data, with what was read and what was skipped."""

    data: dict[str, Any]
    blocks: int = 0
    synsets: int = 0
    member_verbs: int = 0
    verb_triggers: int = 0  # entries in data["verbs"] (single verbs and phrases)
    patterns: int = 0
    patterns_used: int = 0
    skipped_members: Counter[str] = field(default_factory=Counter)
    skipped_patterns: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, pattern, why)

    @property
    def patterns_skipped(self) -> int:
        return self.patterns - self.patterns_used

    def summary(self) -> str:
        reasons = "; ".join(f"{n} {why}" for why, n in self.skipped_patterns.most_common())
        members = "; ".join(f"{n} {why}" for why, n in self.skipped_members.most_common())
        return (f"{self.blocks} blocks, {self.synsets} synsets, {self.member_verbs} member verbs "
                f"-> {self.verb_triggers} triggers ({members or 'none skipped'}); "
                f"{self.patterns} patterns, {self.patterns_used} used, "
                f"{self.patterns_skipped} skipped ({reasons or 'none'})")


# -- words ------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _lemmas(word: str, pos: str) -> tuple[str, ...]:
    """spaCy's rule lemmas of one lower-case word read as ``pos`` (the coder's own lemmas)."""
    from spacy.tokens import Doc

    from foedus.nlp import get_nlp

    nlp = get_nlp()
    doc = Doc(nlp.vocab, words=[word])
    doc[0].pos_ = pos
    return tuple(nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0]))


def verb_lemma(word: str) -> str:
    """The lemma of a dictionary verb given in upper case, inflected or not ("SAID" -> say)."""
    word = word.lower()
    found = _lemmas(word, "VERB")
    return found[0] if found else word


def word_lemmas(word: str) -> list[str]:
    """The forms an object word may take in the coder: itself, its noun lemma and, unless it is
    a plural noun ("guilders"), its verb lemma ("improved" -> improve)."""
    word = word.lower()
    out = [word]
    nouns = _lemmas(word, "NOUN")
    out.extend(lemma for lemma in nouns if lemma not in out)
    if word in nouns:
        out.extend(lemma for lemma in _lemmas(word, "VERB") if lemma not in out)
    return out


def _is_function(word: str) -> bool:
    return word in PARTICLES or word in FUNCTION_WORDS or word in NEGATIONS


def _looks_like_noun(word: str) -> bool:
    """A word before the verb that may be its (passive) subject: not a function word, adverb
    or inflected verb ("SAID", "INDICATED", "BEGUN")."""
    if _is_function(word) or word.endswith("ly") or not re.fullmatch(r"[a-z][a-z'-]*", word):
        return False
    return set(_lemmas(word, "NOUN")) == set(_lemmas(word, "VERB"))


def convert_code(text: str) -> str | None:
    """A dictionary code as foedus keeps it: the digits of its first part, else None."""
    code = text.split(":")[0].strip()
    return code if code.isdigit() else None


def reverse_code(text: str) -> str | None:
    """The second part of a code ("[032:033]": 033, the target's event toward the source)."""
    parts = text.split(":")
    code = parts[1].strip() if len(parts) > 1 else ""
    return code if code.isdigit() else None


def _numeric(code: str) -> bool:
    """Any numeric code of two digits or more: a user's dictionary may define codes of its own
    ("1717", "903"); the coder records them as given (see ``Ontology.entry``)."""
    return code.isdigit() and len(code) >= 2


# -- the file ---------------------------------------------------------------------------------
def _strip_comments(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each line with ``<!-- -->``, ``#`` and legacy ``;`` comments cut."""
    out = []
    in_xml = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml:
            end = line.find("-->")
            if end < 0:
                continue
            line, in_xml = line[end + 3:], False
        while "<!--" in line:
            start = line.find("<!--")
            end = line.find("-->", start + 4)
            if end < 0:
                line, in_xml = line[:start], True
                break
            line = line[:start] + " " + line[end + 3:]
        for mark in ("#", ";"):
            if mark in line:
                line = line[: line.find(mark)]
        out.append((number, line.rstrip()))
    return out


@dataclass
class _Pattern:
    number: int  # in its block, from 1
    line: int
    text: str


@dataclass
class _Block:
    name: str
    code: str | None
    line: int
    reverse: str | None = None  # "[032:033]": 033
    members: list[tuple[str, int]] = field(default_factory=list)  # (text, line)
    patterns: list[_Pattern] = field(default_factory=list)


@dataclass
class _Member:
    phrase: str  # "provide", "call on"
    verb: str  # its lemma
    particle: str  # "" or "on"
    code: str | None
    reverse: str | None = None


@dataclass
class _Entry:
    code: str | None = None
    roles: list[str] = field(default_factory=list)
    objects: list[tuple[str, str]] = field(default_factory=list)
    invert: bool = False
    weak: bool = False  # the code came from a pattern with more words than the phrase
    require_object: bool = False  # the code is a pattern's: only its object words code it
    reciprocal_code: str = ""  # "% * [030]": a compound subject, each toward the others
    reverse: dict[str, str] = field(default_factory=dict)  # "[032:033]": code -> 033


def _parse(text: str) -> tuple[dict[str, list[str]], list[_Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    numbers: Counter[str] = Counter()
    current_synset: str | None = None
    block: _Block | None = None
    for number, line in _strip_comments(text):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("---"):
            match = _HEADER.match(stripped)
            body = match.group("body") if match else stripped.strip("- ")
            codes = _BRACKET.findall(body)
            name = _BRACKET.sub(" ", body).strip() or f"BLOCK{len(blocks) + 1}"
            block = _Block(name, convert_code(codes[0]) if codes else None, number,
                           reverse_code(codes[0]) if codes else None)
            blocks.append(block)
            current_synset = None
        elif stripped.startswith("&"):
            label = stripped.split()[0][1:].upper()
            current_synset = label.rstrip("_")
            synsets.setdefault(current_synset, [])
            block = None
        elif stripped.startswith("+") and current_synset is not None:
            synsets[current_synset].append(stripped[1:].strip())
        elif stripped.startswith("-") and block is not None:
            key = _NAME.sub("_", block.name.upper()).strip("_") or "BLOCK"
            numbers[key] += 1
            block.patterns.append(_Pattern(numbers[key], number, stripped[1:].strip()))
        elif block is not None:
            block.members.append((stripped, number))
        # anything else (text outside blocks and synsets) is not dictionary data
    return synsets, blocks


def _member(text: str, block_code: str | None,
            block_reverse: str | None = None) -> tuple[_Member | None, str]:
    """A member verb line, or None and why it cannot be used."""
    codes = _BRACKET.findall(text)
    body = _BRACKET.sub(" ", _BRACES.sub(" ", text)).strip()
    code = convert_code(codes[0]) if codes else block_code
    words = [w for w in re.split(r"[\s_]+", body) if w]
    if not words:
        return None, "empty verb line"
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if marked and marked[0] != 0:
        return None, "word before the verb of a multi-word verb"
    words = [w.lstrip("+") for w in words]
    if len(words) > 2:
        return None, "multi-word verb longer than verb + particle"
    verb = verb_lemma(words[0])
    particle = words[1].lower() if len(words) == 2 else ""
    phrase = f"{verb} {particle}" if particle else verb
    reverse = (reverse_code(codes[0]) if codes else None) if codes else block_reverse
    return _Member(phrase, verb, particle, code, reverse), ""


class _Reader:
    def __init__(self, synsets: dict[str, list[str]], known: Callable[[str], bool]) -> None:
        self.synsets = synsets
        self.known = known
        self.classes: dict[str, list[str]] = {}

    def synset_phrases(self, name: str, seen: frozenset[str] = frozenset()) -> list[str] | None:
        """The phrases of a synset, nested synsets expanded; None if it is not defined."""
        if name not in self.synsets or name in seen:
            return None
        out = []
        for phrase in self.synsets[name]:
            if phrase.startswith("&"):
                inner = self.synset_phrases(phrase[1:].upper().rstrip("_"), seen | {name})
                out.extend(inner or [])
            else:
                out.append(phrase)
        return out

    def tokens(self, text: str) -> list[tuple[str, bool]] | str:
        """(token, joined to the previous one by "_"), or why the pattern cannot be read."""
        out: list[tuple[str, bool]] = []
        for chunk in text.split():
            for i, piece in enumerate(p for p in chunk.split("_")):
                if not piece:
                    continue
                # "+" and "$" glued to a word ("KLM_+RST"): a marker, then the word
                while len(piece) > 1 and piece[0] in "$+%^":
                    out.append((piece[0], i > 0))
                    piece, i = piece[1:], 1
                out.append((piece.upper(), i > 0))
        if sum(1 for t, _ in out if t == "*") != 1:
            return "no single verb position (*)"
        return out

    def pattern(self, member: _Member, pattern: _Pattern, block: _Block,
                entries: dict[str, _Entry], code: str) -> str:
        """Apply one pattern to one member's entries; "" if applied, else why not."""
        tokens = self.tokens(pattern.text)
        if isinstance(tokens, str):
            return tokens
        star = next(i for i, (t, _) in enumerate(tokens) if t == "*")
        pre, post = tokens[:star], tokens[star + 1:]
        every = [t for t, _ in tokens]
        negations = [t for t, _ in pre if t.lower() in NEGATIONS or self._negating(t)]
        if negations and "%" not in every and "$" not in every and "+" not in every:
            return self._negated(member, pattern, block, entries, code, pre, post)
        if [t for t, _ in pre] and [t for t, _ in pre][0] == "%" and not post and not negations:
            # "% * [030]", "% HAVE * [191]": a compound subject and no target; each member
            # acts toward the others ("Ardenia and Vestria agree ..."), coded so
            if any(t.lower() not in FUNCTION_WORDS and not t.lower().endswith("ly")
                   for t, _ in pre[1:]):  # "% HAVE POSTPONED *": another verb governs it
                return "words before the verb (compound actor)"
            entry = entries.setdefault(member.phrase, _Entry())
            entry.reciprocal_code = entry.reciprocal_code or code
            return ""
        if "%" in every:  # a compound actor is both: the source before the verb, else the target
            tokens = [("$" if i < star else "+", j) if t == "%" else (t, j)
                      for i, (t, j) in enumerate(tokens)]
            pre, post = tokens[:star], tokens[star + 1:]
            every = [t for t, _ in tokens]
        if any(not re.fullmatch(r"[A-Z0-9&'*$+^-][A-Z0-9'.&-]*|[*$+^]", t) for t in every):
            return "unsupported marker"
        # -- before the verb: "$" (the subject is the source), "+" (the target), nouns
        target_first = "+" in [t for t, _ in pre]
        pre_words = [t.lower() for t, _ in pre if t not in ("$", "+", "^")]
        if any(t.startswith("&") for t in pre_words):
            return "words before the verb (synset)"
        if any(w in NEGATIONS for w in pre_words):
            return "negation before the verb"
        dropped = False
        if pre_words and not all(_looks_like_noun(w) for w in pre_words):
            if pre[-1][0].lower() in PARTICLES:  # "FAILED TO *", "JOIN IN *": another verb's
                return "words before the verb (governing verb or preposition)"
            # auxiliaries, adverbs, reporting verbs ("SAID WOULD *", "HAS *"): the verb still
            # triggers (the coder reads polarity and modality itself); nouns stay its subject
            pre_words = [w for w in pre_words if _looks_like_noun(w)]
            dropped = True
        # -- after the verb
        content: list[str] = list(pre_words)
        roles: list[str] = []
        placed: set[int] = {0}  # positions where a "+" has a role (0: the direct object)
        unplaced_target = False
        run: list[str] = []  # the words straight after the verb: its direct object
        run_open = not pre_words
        source_prep = ""
        for k, (tok, _) in enumerate(post):
            word = tok.lower()
            nxt = post[k + 1][0] if k + 1 < len(post) else ""
            if tok == "^":
                run_open = False
                continue
            if tok == "+":
                if k == 0:
                    roles.append("dobj")
                unplaced_target = unplaced_target or k not in placed
                run_open = False
                continue
            if tok == "$":
                before = post[k - 1][0].lower() if k else ""
                if not (target_first and before in INVERT_PREPOSITIONS):
                    return "source after the verb ($)"
                source_prep = before
                continue
            if tok.startswith("&"):
                phrases = self.synset_phrases(tok[1:].rstrip("_"))
                if phrases is None:
                    return "undefined synset"
                words = [w.lower() for p in phrases for w in re.split(r"[\s_]+", p) if w]
                if run_open:  # a synset object has no one head word to make a phrase with
                    run, run_open = [], False
                if words and all(w in PREPOSITIONS for w in words):
                    if nxt == "+":
                        roles.extend(f"prep:{w}" for w in dict.fromkeys(words))
                        placed.add(k + 1)
                    continue
                content.extend(w for w in words if not _is_function(w))
                continue
            if word in NEGATIONS:
                return "negation after the verb"
            if word in PARTICLES:
                run_open = False
                if nxt == "+":
                    roles.append(f"prep:{word}")
                    placed.add(k + 1)
                continue
            if word in FUNCTION_WORDS:
                continue
            content.append(word)
            if run_open:
                run.append(word)
        if target_first and not source_prep:
            return "target before the verb without a from/by source"
        if source_prep and content:
            return "swapped source and target with object words"
        if unplaced_target and not content:
            return "target after a skipped phrase (^)"
        # -- the trigger the pattern refines: the verb, or "verb particle"
        first = post[0] if post else ("", False)
        lead = first[0].lower()
        base = entries.get(member.phrase)
        if (not content and not source_prep and roles and not first[1]
                and lead not in PURE_PARTICLES and base is not None and base.code == code):
            _add_roles(base, roles)  # "* AGAINST + [the verb's code]": where its target is
            return ""
        attach = member.phrase
        if lead in PARTICLES and not member.particle and (
            first[1] or lead in PURE_PARTICLES or not content
        ) and not source_prep:
            attach = f"{member.verb} {lead}"
        elif lead in PARTICLES and not member.particle and (
            f"{member.verb} {lead}" in entries
        ):
            attach = f"{member.verb} {lead}"  # "call for sanctions" refines "call for"
        elif lead in PARTICLES and member.particle and (
            first[1] or lead in PURE_PARTICLES or not content
        ) and lead != member.particle:
            return "particle after a multi-word verb"
        if source_prep:
            if member.particle:
                return "particle after a multi-word verb"
            attach = f"{member.verb} {source_prep}"
            entry = entries.setdefault(attach, _Entry())
            entry.code = entry.code or code
            entry.invert = True
            return ""
        if content:
            entry = entries.get(attach)
            if entry is None or entry.code is None or entry.require_object:
                base = entries.get(member.phrase)
                if base is None or base.code is None or base.require_object:
                    if (attach == member.phrase and not member.particle and 0 < len(run) <= 3
                            and all(_looks_like_noun(w) for w in run)):
                        return self._object_phrase(member, pattern, block, entries, code,
                                                   run[-1], content, roles)
                    # coded only when one of its object patterns matches
                    entry = entries.setdefault(attach, _Entry())
                    if entry.code is None:
                        entry.code, entry.require_object = code, True
                else:
                    entry = entries.setdefault(attach, _Entry())
                    entry.code = base.code
                    entry.require_object = base.require_object
            entry.objects.append((self._class(block, pattern, content), code))
            _add_roles(entry, roles)
            return ""
        if attach != member.phrase:  # "* DOWN [222]", "*_ON [095]", "* AGAINST + [121]"
            entry = entries.setdefault(attach, _Entry())
            if entry.code is None:
                entry.code = code
            _add_roles(entry, roles)
            return ""
        roles = [r for r in roles if r != "dobj"] or roles
        if not roles and dropped and not target_first and not member.particle:
            base = entries.setdefault(member.phrase, _Entry())
            if base.code is None or base.require_object:  # a verb coded only by this pattern
                base.code, base.require_object = code, False
                return ""
            if base.code == code:
                return ""
            return "words before the verb only, with a code other than the verb's"
        if not roles:
            return "no object words, particle or target preposition"
        base = entries.get(member.phrase)
        if base is not None and base.code == code:
            _add_roles(base, roles)
            return ""
        prep = next((r[5:] for r in roles if r.startswith("prep:")), "")
        if not prep or member.particle:
            return "target role with a code other than the verb's"
        entry = entries.setdefault(f"{member.verb} {prep}", _Entry())
        entry.code = entry.code or code
        _add_roles(entry, roles)
        return ""

    def _negating(self, token: str) -> bool:
        """A synset of negative auxiliaries ("&NEGATVAUXVRB": DID N'T, WILL NOT, ...)."""
        if not token.startswith("&"):
            return False
        phrases = self.synset_phrases(token[1:].rstrip("_"))
        return bool(phrases) and all(
            any(w.lower() in NEGATIONS for w in re.split(r"[\s_]+", p)) for p in phrases)

    def _negated(self, member: _Member, pattern: _Pattern, block: _Block,
                 entries: dict[str, _Entry], code: str, pre: list[tuple[str, bool]],
                 post: list[tuple[str, bool]]) -> str:
        """A pattern for the verb negated ("- NOT * [112]", "- &NEGATVAUXVRB * OVER EFFORTS
        [904]"): the trigger "not <verb>", which the coder uses when the text negates the verb;
        its code says what the refusal is, so the event is asserted. Adverbs and auxiliaries
        around the negation are dropped, as for other patterns; object words refine the code."""
        if member.particle:
            return "negation before a multi-word verb"
        for tok, _ in pre:
            word = tok.lower()
            if word in NEGATIONS or self._negating(tok):
                continue
            if word in FUNCTION_WORDS or word.endswith("ly"):
                continue
            return "negation with a governing word before the verb"
        content: list[str] = []
        for tok, _ in post:
            if tok in ("^", "$", "+", "%"):
                return "negation with actors after the verb"
            if tok.startswith("&"):
                phrases = self.synset_phrases(tok[1:].rstrip("_"))
                if phrases is None:
                    return "undefined synset"
                words = [w.lower() for p in phrases for w in re.split(r"[\s_]+", p) if w]
                content.extend(w for w in words if not _is_function(w))
                continue
            word = tok.lower()
            if word in NEGATIONS:
                return "negation after the verb"
            if not _is_function(word):
                content.append(word)
        entry = entries.setdefault(f"not {member.phrase}", _Entry())
        if content:
            entry.objects.append((self._class(block, pattern, content), code))
            if entry.code is None:
                entry.code, entry.require_object = code, True
        elif entry.code is None or entry.require_object:
            entry.code, entry.require_object = code, False
        return ""

    def _class(self, block: _Block, pattern: _Pattern, words: list[str]) -> str:
        """The generated class of one pattern: the lemmas of its words."""
        klass = f"PV_{_NAME.sub('_', block.name.upper()).strip('_')}_{pattern.number}"
        if klass not in self.classes:
            members: list[str] = []
            for word in words:
                members.extend(m for m in word_lemmas(word) if m not in members)
            self.classes[klass] = members
        return klass

    def _object_phrase(self, member: _Member, pattern: _Pattern, block: _Block,
                       entries: dict[str, _Entry], code: str, head: str, content: list[str],
                       roles: list[str]) -> str:
        """A verb without a code of its own, coded only with this direct object: the phrase
        "verb object" ("present credentials"), matched like "call on"; the pattern's other
        words refine it through a class."""
        others = [w for w in content if w != head]
        for form in _surface_forms(head):
            entry = entries.setdefault(f"{member.verb} {form}", _Entry())
            if others:
                entry.objects.append((self._class(block, pattern, others), code))
                if entry.code is None:
                    entry.code, entry.weak = code, True
            elif entry.code is None or entry.weak:
                entry.code, entry.weak = code, False
            _add_roles(entry, roles)
        return ""


def _add_roles(entry: _Entry, roles: list[str]) -> None:
    for role in roles:
        if role not in entry.roles:
            entry.roles.append(role)


def parse_petrarch_verbs(
    path: Path | str, *, known_code: Callable[[str], bool] | None = None
) -> VerbsReading:
    """Read a PETRARCH/TABARI verbs dictionary; see the module's documentation.

    ``known_code`` tells which codes to keep; by default every numeric code, those outside
    CAMEO's table too ("903": the event keeps it, with an unknown Goldstein score and
    QuadClass; "1717": with those of its CAMEO parent 171); others are skipped and counted.
    Raises :class:`PatternError` (one line, naming the file) for a file it cannot read.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PatternError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in raw:
        raise PatternError(f"{path}: not a text file (a PETRARCH verbs dictionary expected)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # older TABARI files are Latin-1
    synsets, blocks = _parse(text)
    if not blocks:
        raise PatternError(
            f"{path}: no verb blocks ('--- NAME [code] ---'); not a PETRARCH verbs dictionary")
    known = known_code or _numeric
    reader = _Reader(synsets, known)
    reading = VerbsReading(data={}, blocks=len(blocks), synsets=len(synsets))
    merged: dict[str, _Entry] = {}
    for block in blocks:
        entries: dict[str, _Entry] = {}
        members: list[_Member] = []
        for text_line, _ in block.members:
            reading.member_verbs += 1
            member, why = _member(text_line, block.code, block.reverse)
            if member is None:
                reading.skipped_members[why] += 1
                continue
            if member.code is None:
                reading.skipped_members["null or non-numeric code (patterns only)"] += 1
            elif not known(member.code):
                reading.skipped_members["code not accepted"] += 1
                member.code = None
            members.append(member)
            entry = entries.setdefault(member.phrase, _Entry())
            entry.code = entry.code or member.code
            if member.code and member.reverse and known(member.reverse):
                entry.reverse.setdefault(member.code, member.reverse)
        # patterns that make phrases first, so that "* FOR X" can refine "call for"; those
        # with words before the verb last, so that the plain ones make phrases and codes
        ordered = sorted(block.patterns,
                         key=lambda p: 0 if _bare(p.text) else 2 if _words_before(p.text) else 1)
        outcome: dict[int, str] = {}
        for pattern in ordered:
            codes = _BRACKET.findall(pattern.text)
            body = _BRACKET.sub(" ", pattern.text)
            code = convert_code(codes[-1]) if codes else None
            if code is None:
                outcome[pattern.number] = "null or non-numeric code"
                continue
            if not known(code):
                outcome[pattern.number] = "code not accepted"
                continue
            if not members:
                outcome[pattern.number] = "block has no usable verb"
                continue
            whys = [reader.pattern(m, _Pattern(pattern.number, pattern.line, body), block,
                                   entries, code) for m in members]
            outcome[pattern.number] = "" if "" in whys else whys[0]
            back = reverse_code(codes[-1])
            if back and known(back) and "" in whys:
                # "- * TALKS [032:032]": the other side's event, wherever this code is coded
                for entry in entries.values():
                    entry.reverse.setdefault(code, back)
        # the objects were added in the order above; keep the file's order among them
        for pattern in block.patterns:
            reading.patterns += 1
            why = outcome.get(pattern.number, "")
            if why:
                reading.skipped_patterns[why] += 1
                reading.skipped.append((pattern.line, pattern.text, why))
            else:
                reading.patterns_used += 1
        for phrase, entry in entries.items():
            if entry.code is None:
                continue
            entry.objects.sort(key=lambda item: _class_number(item[0]))
            old = merged.get(phrase)
            if old is not None:  # the later block replaces the code, and its patterns go first
                if entry.require_object and not old.require_object:
                    entry.code, entry.require_object = old.code, False
                entry.objects.extend(o for o in old.objects if o not in entry.objects)
                _add_roles(entry, old.roles)
                entry.invert = entry.invert or old.invert
                entry.reciprocal_code = entry.reciprocal_code or old.reciprocal_code
                entry.reverse = {**old.reverse, **entry.reverse}
            merged[phrase] = entry
    verbs: dict[str, dict[str, Any]] = {}
    used_classes: set[str] = set()
    for phrase, entry in merged.items():
        raw_entry: dict[str, Any] = {"code": entry.code}
        raw_entry["target"] = entry.roles + [r for r in TARGET_ROLES if r not in entry.roles]
        if entry.objects:
            raw_entry["objects"] = dict(entry.objects)
            used_classes.update(k for k, _ in entry.objects)
        if entry.invert:
            raw_entry["invert"] = True
        if entry.require_object:
            raw_entry["require_object"] = True
        if entry.reciprocal_code:
            raw_entry["reciprocal_code"] = entry.reciprocal_code
        if entry.reverse:
            raw_entry["reverse_codes"] = dict(entry.reverse)
        verbs[phrase] = raw_entry
    reading.verb_triggers = len(verbs)
    reading.data = {
        "classes": {k: v for k, v in reader.classes.items() if k in used_classes},
        "verbs": verbs,
    }
    return reading


def _surface_forms(word: str) -> list[str]:
    """How an object noun may be written: as given, its lemma, and the lemma's plural."""
    out = [word]
    for lemma in _lemmas(word, "NOUN"):
        if lemma != word:  # a plural given: its singular too
            out.extend(f for f in (lemma,) if f not in out)
        elif lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
            out.append(lemma[:-1] + "ies")
        elif lemma.endswith(("s", "sh", "ch", "x", "z")):
            out.append(lemma + "es")
        else:
            out.append(lemma + "s")
    return list(dict.fromkeys(out))


def _bare(text: str) -> bool:
    """True for a pattern that is only a particle after the verb ("* FOR [096]", "*_ON")."""
    words = [w.lower() for w in re.split(r"[\s_]+", _BRACKET.sub(" ", text)) if w]
    return bool(words) and words[0] == "*" and len(words) > 1 and all(
        w in PARTICLES for w in words[1:])


def _words_before(text: str) -> bool:
    """True for a pattern with words (not only "$", "+", "%" or "^") before the verb."""
    head = _BRACKET.sub(" ", text).split("*", 1)[0]
    return any(w.strip("$+%^") for w in re.split(r"[\s_]+", head))


def _class_number(name: str) -> int:
    tail = name.rsplit("_", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def read_petrarch_verbs(path: Path | str) -> dict[str, Any]:
    """The pattern data (``classes``, ``verbs``) of a PETRARCH/TABARI verbs dictionary."""
    return parse_petrarch_verbs(path).data
