"""Build small stores of hand-written events for the alliance measures' tests.

Events are written through the store's public API (``Store.write_batch``), one article per
event, so the measures read exactly what ``foedus ingest`` would leave behind. Goldstein scores,
QuadClass and PLOVER types come from the shipped CAMEO table, as the coder's do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from foedus.events.ontology import load_ontology
from foedus.records import Article, Event, event_id_for
from foedus.store import Batch, Store, StoredArticle

SECTORS = ("GOV", "MIL", "LEADER", "OPP", "REB", "CVL")


@dataclass(frozen=True)
class Ev:
    """One hand-written event: ``Ev("2022-01-05", "KAZGOV", "0234", "IGOCSTO")``."""

    date: str
    source: str
    code: str
    target: str
    polarity: str = "asserted"
    modality: str = "actual"
    sentence: str = ""


def _split(code: str) -> tuple[str, str]:
    """(country, sector) of an actor code: ``ARMGOV`` -> (ARM, GOV); ``IGOCSTO`` -> ("", IGO)."""
    if not code or code.startswith("IGO"):
        return "", "IGO" if code else ""
    return code[:3], code[3:]


def make_event(ev: Ev, article_id: str, index: int) -> Event:
    entry = load_ontology().get(ev.code)
    sentence = ev.sentence or (
        f"{ev.source or 'Someone'} {entry.name.lower()} {ev.target} ({ev.polarity}, "
        f"{ev.modality})."
    )
    s_country, s_sector = _split(ev.source)
    t_country, t_sector = _split(ev.target)
    return Event(
        event_id=event_id_for(article_id, 0, len(sentence), ev.code, ev.source, ev.target),
        article_id=article_id,
        sentence_index=0,
        span_start=0,
        span_end=len(sentence),
        sentence=sentence,
        date=ev.date,
        source_code=ev.source,
        source_name=ev.source,
        source_country=s_country,
        source_sector=s_sector,
        target_code=ev.target,
        target_name=ev.target,
        target_country=t_country,
        target_sector=t_sector,
        cameo_code=ev.code,
        cameo_root=ev.code[:2],
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        plover_type=entry.plover_type,
        plover_mode=entry.plover_mode,
        polarity=ev.polarity,
        modality=ev.modality,
        attributed_to="",
        trigger=entry.name.split()[0].lower(),
        confidence=0.9,
        coder_version="test",
    )


def build_store(path: Path, events: list[Ev]) -> Path:
    """Write one article per event into a new store at ``path``; returns the path."""
    batch = Batch()
    for index, ev in enumerate(events):
        probe = make_event(ev, "x", index)
        # The index in the text keeps the article ids of identical sentences apart.
        article = Article.from_text(
            f"{probe.sentence}\n(fixture {index})",
            title=f"Fixture article {index}",
            outlet="Fixture Wire",
            url=f"https://fixture.example/{index}",
            published=dt.date.fromisoformat(ev.date) if ev.date else None,
        )
        batch.articles.append(StoredArticle(article))
        batch.events.append(make_event(ev, article.article_id, index))
    with Store(path) as store:
        store.write_batch(batch)
    return path


def ids_of(path: Path) -> dict[int, str]:
    """Fixture index (position in the list given to build_store) -> event id."""
    with Store(path, read_only=True) as store:
        rows = store.con.execute(
            "SELECT a.title, e.event_id FROM events e JOIN articles a USING (article_id)"
        ).fetchall()
    return {int(title.rsplit(" ", 1)[-1]): event_id for title, event_id in rows}


#: A small, realistic CSTO story for the report tests: Kazakhstan's request met by a CSTO
#: deployment, Armenia's requests of 2021 and 2022 unmet, the Armenia–Russia tone falling.
CSTO_STORY: list[Ev] = [
    Ev("2021-05-13", "AZEMIL", "192", "ARM",
       sentence="Azerbaijani troops crossed into Armenia's Syunik province."),
    Ev("2021-05-14", "ARMGOV", "0234", "IGOCSTO",
       sentence="Armenia asked the CSTO for help under Article 2 of the treaty."),
    Ev("2021-05-20", "IGOCSTO", "070", "ARM", polarity="negated",
       sentence="The CSTO did not send help to Armenia."),
    Ev("2021-06-10", "ARMGOV", "051", "RUSGOV",
       sentence="Pashinyan praised Russia as Armenia's strategic ally."),
    Ev("2022-01-05", "KAZGOV", "0234", "IGOCSTO",
       sentence="Tokayev appealed to the CSTO to help overcome the terrorist threat."),
    Ev("2022-01-06", "IGOCSTO", "074", "KAZ",
       sentence="The CSTO sent peacekeeping forces to Kazakhstan."),
    Ev("2022-01-07", "RUSMIL", "074", "KAZ",
       sentence="Russian paratroopers arrived in Kazakhstan."),
    Ev("2022-01-10", "KAZGOV", "051", "RUSGOV",
       sentence="Tokayev thanked Putin for the swift help."),
    Ev("2022-04-19", "ARMGOV", "042", "RUSGOV",
       sentence="Pashinyan visited Moscow and met Putin."),
    Ev("2022-04-19", "RUSGOV", "043", "ARMGOV",
       sentence="Putin hosted Pashinyan in the Kremlin."),
    Ev("2022-09-13", "AZEMIL", "194", "ARMMIL",
       sentence="Azerbaijani artillery shelled Armenian positions."),
    Ev("2022-09-13", "ARMGOV", "0232", "IGOCSTO",
       sentence="Armenia asked the CSTO for military assistance."),
    Ev("2022-09-14", "IGOCSTO", "0334", "ARM", modality="intended",
       sentence="The CSTO decided to send a mission to Armenia."),
    Ev("2022-09-20", "", "070", "ARM", polarity="negated",
       sentence="Armenia received no assistance from its allies."),
    Ev("2022-11-23", "ARMGOV", "111", "IGOCSTO",
       sentence="Pashinyan criticised the CSTO for failing to respond."),
    Ev("2023-05-25", "ARMGOV", "111", "RUSGOV",
       sentence="Pashinyan accused Russia of failing its obligations."),
    Ev("2023-09-01", "ARMGOV", "1123", "RUSGOV",
       sentence="Armenia accused Russian peacekeepers of inaction."),
    Ev("2024-02-22", "ARMGOV", "161", "IGOCSTO",
       sentence="Armenia froze its participation in the CSTO."),
    Ev("2024-06-12", "ARMGOV", "111", "RUSGOV",
       sentence="Pashinyan said Russia had betrayed Armenia."),
    Ev("2022-09-16", "TJKMIL", "190", "KGZMIL",
       sentence="Tajik and Kyrgyz troops clashed on the border."),
]
