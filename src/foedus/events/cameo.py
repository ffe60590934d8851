"""CAMEO's view of coded events.

foedus records what a sentence denies or refuses as a negated event ("Hungary refused to send
weapons to Ukraine": 072, negated), so that a reader sees what was refused. CAMEO has no
negation: it drops the negated event and codes a refusal as a rejection, by what is refused
(reject military aid, 1222). :func:`cameo_events` gives that view of a sentence's events: the
asserted events, and each refusal as its CAMEO rejection; other negated events ("did not send")
are left out, as CAMEO leaves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from foedus.events.ontology import Ontology
from foedus.events.patterns import Lexicon
from foedus.records import Event, event_id_for


def rejection_code(code: str, lexicon: Lexicon) -> str:
    """The CAMEO rejection (12x) of refusing the event ``code``; 120 when none is closer."""
    mapped = lexicon.mapped_code("reject_codes", code)
    return mapped if mapped[:2] == "12" else "120"


def cameo_events(events: Iterable[Event], lexicon: Lexicon, ontology: Ontology) -> list[Event]:
    """The events as CAMEO codes them: asserted events, and refusals as rejections."""
    out = []
    for event in events:
        if event.polarity == "asserted":
            out.append(event)
        elif event.extra.get("refusal"):
            entry = ontology.get(rejection_code(event.cameo_code, lexicon))
            out.append(replace(
                event, event_id=event_id_for(event.article_id, event.span_start,
                                             event.span_end, entry.code, event.source_code,
                                             event.target_code),
                cameo_code=entry.code, cameo_root=entry.root, goldstein=entry.goldstein,
                quad_class=entry.quad_class, plover_type=entry.plover_type,
                plover_mode=entry.plover_mode, polarity="asserted", modality="actual"))
    return out
