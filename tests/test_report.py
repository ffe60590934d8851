"""The alliance report (HTML and Markdown) and the alliance commands, on a fixture store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alliance_store import CSTO_STORY, build_store, ids_of
from typer.testing import CliRunner

from foedus.alliances import load_alliances
from foedus.cli import app
from foedus.report import build_report, render_html, render_markdown, write_report

runner = CliRunner()


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("story") / "story.duckdb", CSTO_STORY)


@pytest.fixture(scope="module")
def report(story_db: Path):
    return build_report(story_db, load_alliances().get("CSTO"))


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report)


def test_report_measures(report, story_db: Path) -> None:
    ids = ids_of(story_db)
    rel = report.reliability
    assert [(e.member, str(e.start), e.outcome) for e in rel.episodes] == [
        ("ARM", "2021-05-13", "unmet"), ("KAZ", "2022-01-05", "met"),
        ("ARM", "2022-09-13", "unmet")]
    # Counted intra-alliance events: 3.4 x 5, 8.5 x 2, 1.9, 2.8, -2 x 3, -10 = 22.7 over 13.
    assert report.cohesion.total.n == 13
    assert report.cohesion.total.mean_goldstein == pytest.approx(22.7 / 13)
    # Armenia's complaint of June 2024 came while its membership was suspended.
    assert {e.event_id for e in report.complaints.events} == {ids[14], ids[15], ids[16]}
    # Tone with Russia (all events, both directions) falls from +3.4 to -2.
    arm = report.leader_dyads["ARM"]
    means = {p.period: p.tone.mean_goldstein for p in arm.periods if p.tone.n}
    assert means == {"2021-Q2": pytest.approx(3.4), "2022-Q2": pytest.approx(2.35),
                     "2023-Q2": -2.0, "2023-Q3": -2.0, "2024-Q2": -2.0}
    assert set(report.leader_dyads) == {"ARM", "KAZ"}


def test_html_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    # plotly.js is inlined once; nothing is loaded from elsewhere.
    assert page.count("<script") == page.count("</script>")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"<img[^>]+src=\"https?:", page)
    assert "@import" not in page and "url(http" not in page
    assert len(page) > 3_000_000  # the plotly.js bundle is in the file
    for div in ("fig-network", "fig-cohesion", "fig-leader", "fig-reliability",
                "fig-complaints"):
        assert f'id="{div}"' in page


def test_every_evidence_link_resolves(page: str, story_db: Path) -> None:
    links = set(re.findall(r'href="#ev-([0-9a-f]+)"', page))
    anchors = set(re.findall(r'id="ev-([0-9a-f]+)"', page))
    assert links and links <= anchors
    ids = ids_of(story_db)
    # Needs, responses and refusals of the three episodes are all in the evidence appendix.
    for index in (0, 1, 2, 4, 5, 6, 10, 11, 13):
        assert ids[index] in anchors


def test_needs_table_shows_evidence(page: str) -> None:
    assert "Tokayev appealed to the CSTO to help overcome the terrorist threat." in page
    assert "The CSTO sent peacekeeping forces to Kazakhstan." in page
    assert "Armenia received no assistance from its allies." in page
    assert page.count('<span class="badge unmet">unmet</span>') == 2
    assert page.count('<span class="badge met">met</span>') == 1
    assert '<span class="neg">NEGATED</span>' in page
    assert "No response</b> from any partner between 2022-09-13 and 2022-10-13" in page
    assert "How to read this report" in page


def test_markdown(report) -> None:
    md = render_markdown(report)
    assert md.startswith("# Collective Security Treaty Organization (CSTO)")
    assert "### 1. Armenia, 2021-05-13 to 2021-05-14: UNMET" in md
    assert "### 2. Kazakhstan, 2022-01-05: MET" in md
    assert "### 3. Armenia, 2022-09-13: UNMET" in md
    assert "**NEGATED**" in md and "“Armenia received no assistance from its allies.”" in md
    assert "| Armenia | +3.4 (1) |" in md


def test_output_is_reproducible(report, tmp_path: Path) -> None:
    html_path, md_path = write_report(report, tmp_path / "out" / "csto")
    assert html_path.name == "csto.html" and md_path.name == "csto.md"
    assert html_path.read_text(encoding="utf-8") == render_html(report)
    assert md_path.read_text(encoding="utf-8") == render_markdown(report)


def test_report_since_filters_needs(story_db: Path) -> None:
    from datetime import date

    r = build_report(story_db, load_alliances().get("CSTO"), since=date(2022, 1, 1),
                     freq="year")
    assert [e.member for e in r.reliability.episodes] == ["KAZ", "ARM"]
    assert [p.period for p in r.cohesion.periods][0] == "2022"


# -- the commands ---------------------------------------------------------------------------------

def test_report_command(story_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csto.html"
    result = runner.invoke(app, ["report", "--alliance", "csto", "--db", str(story_db),
                                 "--out", str(out), "--since", "2021-01-01"])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.with_suffix(".md").exists()
    assert "needs 1 met, 0 partly met, 2 unmet" in result.output


def test_alliance_command(story_db: Path) -> None:
    result = runner.invoke(app, ["alliance", "IGOCSTO", "--db", str(story_db),
                                 "--on", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert "Collective Security Treaty Organization" in result.output
    assert "suspended" in result.output and "defence" in result.output
    assert "needs: 1 met, 0 partly met, 2 unmet" in result.output
    assert "complaints: 3" in result.output
    listing = runner.invoke(app, ["alliance"])
    assert listing.exit_code == 0 and "NATO" in listing.output


def test_alliance_command_without_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["alliance", "NATO", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 0
    assert "No store at" in result.output


def test_dyad_command(story_db: Path) -> None:
    result = runner.invoke(app, ["dyad", "Armenia", "RUS", "--db", str(story_db),
                                 "--period", "year", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("period,events,verbal_coop,material_coop")
    by_year = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    assert set(by_year) == {"2021", "2022", "2023", "2024"}
    assert by_year["2023"][1] == "2" and float(by_year["2023"][6]) == -2.0
    table = runner.invoke(app, ["dyad", "ARM", "CSTO", "--db", str(story_db),
                                "--show-evidence"])
    assert table.exit_code == 0 and "Pashinyan criticised the CSTO" in table.output


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["report", "--alliance", "CTSO"], "did you mean CSTO", 1),
        (["alliance", "CSTO", "--since", "May 2022"], "is not a date", 2),
        (["dyad", "ARM", "Narnia"], "unknown actor", 2),
    ],
)
def test_command_errors_are_one_line(story_db: Path, args: list[str], message: str,
                                     code: int) -> None:
    result = runner.invoke(app, [*args, "--db", str(story_db)])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_alliance_file_and_missing_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("alliances: nope\n", encoding="utf-8")
    result = runner.invoke(app, ["alliance", "CSTO", "--alliances", str(bad)])
    assert result.exit_code == 1 and "bad.yaml" in result.output
    result = runner.invoke(app, ["report", "--alliance", "CSTO", "--db",
                                 str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store here" in result.output
