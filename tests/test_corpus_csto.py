"""The bundled example corpus, coded for real: what the CSTO report must show.

Ingests ``examples/corpus/`` with the shipped coder into a real DuckDB file (about 15 s) and
checks the findings the project promises on it: Kazakhstan's January 2022 request met by the CSTO
deployment, Armenia's 2021–2022 requests unmet, and the Armenia–Russia tone falling from 2022 to
2023 and 2024.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from foedus.alliances import load_alliances
from foedus.analytics import dyad_series, reliability
from foedus.engines.local import ingest
from foedus.report import build_report, write_report
from foedus.store import Store

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    with Store(path) as store:
        summary = ingest([CORPUS], store)
    assert summary.failed == 0
    assert summary.new >= 60
    return path


def episodes(db: Path, member: str, year: int) -> list[str]:
    result = reliability(db, load_alliances().get("CSTO"))
    return [e.outcome for e in result.episodes if e.member == member and e.start.year == year]


def test_kazakhstan_request_of_january_2022_is_met(corpus_db: Path) -> None:
    result = reliability(corpus_db, load_alliances().get("CSTO"))
    kazakhstan = [e for e in result.episodes if e.member == "KAZ"
                  and dt.date(2022, 1, 1) <= e.start <= dt.date(2022, 1, 31)]
    assert kazakhstan and kazakhstan[0].outcome == "met"
    assert any(r.event.source_code == "IGOCSTO" for r in kazakhstan[0].responses)
    assert any(n.kind == "request" for n in kazakhstan[0].needs)


def test_armenia_requests_of_2021_and_2022_are_unmet(corpus_db: Path) -> None:
    for year in (2021, 2022):
        outcomes = episodes(corpus_db, "ARM", year)
        assert outcomes, year
        assert set(outcomes) == {"unmet"}, (year, outcomes)


def test_armenia_russia_tone_falls_from_2022(corpus_db: Path) -> None:
    series = dyad_series(corpus_db, "ARM", "RUS", freq="year")
    tone = {p.period: p.tone.mean_goldstein for p in series.periods}
    assert tone["2022"] is not None and tone["2022"] > 0
    assert tone["2023"] is not None and tone["2023"] < tone["2022"]
    assert tone["2024"] is not None and tone["2024"] < tone["2022"]


def test_the_csto_report_names_both_outcomes(corpus_db: Path, tmp_path: Path) -> None:
    report = build_report(corpus_db, load_alliances().get("CSTO"))
    html, markdown = write_report(report, tmp_path / "csto.html")
    text = Path(markdown).read_text(encoding="utf-8")
    assert "Kazakhstan, 2022-01" in text and "MET" in text and "UNMET" in text
    assert Path(html).stat().st_size > 100_000  # plotly.js is inlined
