"""Language detection: which articles are English.

langdetect draws random samples of the text; its factory is seeded once here so that the same
text always gets the same answer (reproducible ingest). Only the start of a long text is looked at:
a news article's language does not change half way, and detection time grows with length.
"""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0

#: Characters of the text that detection looks at.
SAMPLE_CHARS = 1000
#: Below this many letters detection is a guess, so the text is assumed English.
MIN_LETTERS = 40
#: An article is skipped only when another language wins with at least this probability.
SKIP_PROBABILITY = 0.80


def detect_language(text: str) -> tuple[str, float]:
    """The likeliest language of ``text`` and its probability (``("en", 0.0)`` when unsure)."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "en", 0.0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:  # no usable features (digits, symbols): nothing to judge
        return "en", 0.0
    return best.lang, float(best.prob)


def non_english(text: str) -> str | None:
    """The detected language when ``text`` is confidently not English, else None."""
    lang, prob = detect_language(text)
    if lang != "en" and prob >= SKIP_PROBABILITY:
        return lang
    return None
