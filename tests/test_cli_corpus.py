"""``foedus ingest | events | actors | export | failures`` through the real command line."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpus_fixtures import (
    EMPTY_HTML,
    GERMAN,
    STORIES,
    Server,
    article_html,
    http_server,
    make_event,
    rss_feed,
    wire_copy,
    write_story,
)
from typer.testing import CliRunner

from foedus.cli import app
from foedus.records import EVENT_FIELDS, Article, Failure
from foedus.store import Batch, Store, StoredArticle

__all__ = ["http_server"]

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def summary_numbers(text: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2).replace(",", ""))
            for m in re.finditer(r"^\s*([a-z-]+)\s+([\d,]+)\s*$", text, re.M)}


def test_ingest_a_mixed_folder_then_again(tmp_path: Path, http_server: Server) -> None:
    corpus = tmp_path / "corpus"
    write_story(corpus / "armenia.md", "armenia")
    write_story(corpus / "sub" / "korea.txt", "korea", front_matter=False)
    copy_title, copy_body = wire_copy(*STORIES["armenia"])
    (corpus / "copy.txt").write_text(f"{copy_title}\n\n{copy_body}", encoding="utf-8")
    (corpus / "page.html").write_text(article_html(*STORIES["summit"]), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "nothing.html").write_text(EMPTY_HTML, encoding="utf-8")
    (corpus / "german.txt").write_text(GERMAN, encoding="utf-8")
    (corpus / "dump.jsonl").write_text(
        json.dumps({"text": STORIES["grain"][1], "title": STORIES["grain"][0]}) + "\n{oops\n",
        encoding="utf-8")
    feed = http_server.add("/feed.xml", rss_feed([
        (STORIES["weapons"][0], "http://x.org/w", "someday soon", STORIES["weapons"][1]),
    ]), content_type="application/rss+xml")
    slow = http_server.add("/slow.html", article_html(*STORIES["kazakhstan"]), delay=3)
    db = tmp_path / "corpus.duckdb"

    code, out, err = run("ingest", str(corpus), feed, slow, "--db", str(db), "--timeout", "1",
                         "--no-progress")
    assert code == 0, err
    assert f"ingested into {db}" in out
    numbers = summary_numbers(out)
    assert numbers == {"new": 5, "duplicate": 0, "near-duplicate": 1, "failed": 4,
                       "skipped": 1, "warnings": 1, "events": numbers["events"]}
    # Each problem is one line naming the item and the reason, never a traceback.
    assert "Traceback" not in err
    lines = err.splitlines()
    assert f"error: {corpus / 'empty.txt'}: empty file" in lines
    assert f"error: {corpus / 'nothing.html'}: no main text found in the HTML page" in lines
    assert f"skipped: {corpus / 'german.txt'}: not English (detected language 'de')" in lines
    assert any(line.startswith(f"error: {corpus / 'dump.jsonl'}:2: invalid JSON") for line in lines)
    assert any(line.startswith(f"error: {slow}: timed out after 1 s") for line in lines)
    assert any(line.startswith(f"warning: {feed}#1: unparseable date 'someday soon'")
               for line in lines)

    code, out, _ = run("ingest", str(corpus), feed, "--db", str(db), "--no-progress")
    assert code == 0
    again = summary_numbers(out)
    assert (again["new"], again["near-duplicate"], again["events"]) == (0, 0, 0)
    assert again["duplicate"] == 6  # five originals and the near-duplicate

    code, out, _ = run("failures", "--db", str(db), "--format", "jsonl")
    failures = [json.loads(line) for line in out.splitlines()]
    assert {f["kind"] for f in failures} == {"error", "skipped", "warning"}
    assert len(failures) == 6

    with Store(db, read_only=True) as store:
        rows = store.articles()
    assert len(rows) == 6
    undated = [r for r in rows if r["date_missing"]]
    assert {r["title"] for r in undated} == {STORIES["korea"][0], STORIES["grain"][0],
                                             STORIES["weapons"][0], copy_title}


def test_ingest_json_summary_and_workers(tmp_path: Path) -> None:
    for key in ("armenia", "korea", "grain"):
        write_story(tmp_path / "c" / f"{key}.md", key)
    code, out, err = run("ingest", str(tmp_path / "c"), "--db", str(tmp_path / "s.duckdb"),
                         "--workers", "2", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["new"], summary["failed"]) == (3, 0)
    assert summary["articles_per_second"] > 0


def test_db_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_story(tmp_path / "a.md", "grain")
    monkeypatch.setenv("FOEDUS_DB", str(tmp_path / "env.duckdb"))
    code, _, err = run("ingest", str(tmp_path / "a.md"), "--no-progress")
    assert code == 0, err
    assert (tmp_path / "env.duckdb").exists()


# -- queries over events written directly (independent of the coder) ----------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.duckdb"
    a1 = Article.from_text(STORIES["armenia"][1], title=STORIES["armenia"][0], outlet="Wire",
                           url="https://w.org/1", published=date(2024, 3, 5))
    a2 = Article.from_text(STORIES["korea"][1], title=STORIES["korea"][0], outlet="Herald",
                           published=date(2024, 5, 1))
    copy = Article.from_text(wire_copy(*STORIES["armenia"])[1], outlet="Gazette",
                             url="https://g.org/1")
    sentence = "Armenia received little to no assistance from its treaty allies"
    events = [
        make_event(a1.article_id, sentence=sentence, trigger="assistance", polarity="negated",
                   source_code="IGOCSTO", source_name="CSTO", source_country="",
                   source_sector="IGO", num_articles=2),
        make_event(a2.article_id, sentence="North Korea has sent several thousand soldiers",
                   source_code="PRKMIL", target_code="RUSMIL", target_name="Russian units",
                   date="2024-05-01", cameo_code="0742", quad_class=2, trigger="sent"),
    ]
    with Store(path) as store:
        store.write_batch(Batch(
            articles=[StoredArticle(a1), StoredArticle(a2),
                      StoredArticle(copy, duplicate_of=a1.article_id, similarity=0.81)],
            events=events,
            failures=[Failure.now("x.txt", "empty file")],
        ))
    return path


def test_events_table_and_filters(db: Path) -> None:
    code, out, _ = run("events", "--db", str(db))
    assert code == 0 and "IGOCSTO" in out and "PRKMIL" in out
    code, out, _ = run("events", "--db", str(db), "--actor", "prk", "--format", "jsonl")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert tuple(row) == EVENT_FIELDS and row["source_code"] == "PRKMIL"
    for args, count in [
        (("--dyad", "IGO:ARM"), 1), (("--dyad", "ARM:IGO", "--undirected"), 1),
        (("--cameo", "074"), 1), (("--root", "7"), 2), (("--plover", "aid"), 2),
        (("--quad", "2", "--quad", "4"), 2), (("--polarity", "negated"), 1),
        (("--since", "2024-04-01"), 1), (("--until", "2024-04-01"), 1),
        (("--text", "soldiers"), 1), (("--source", "IGO", "--target", "ARM"), 1),
        (("--outlet", "herald"), 1), (("--modality", "threatened"), 0),
    ]:
        code, out, err = run("events", "--db", str(db), *args, "--format", "jsonl")
        assert code == 0, err
        assert len(out.splitlines()) == count, args


def test_show_evidence(db: Path) -> None:
    code, out, _ = run("events", "--db", str(db), "--show-evidence", "--polarity", "negated")
    assert code == 0
    assert "Armenia received little to no assistance from its treaty allies" in out
    assert "NEGATED" in out and "reported by 2 articles" in out
    assert f"article: {STORIES['armenia'][0]} - Wire, 2024-03-05, https://w.org/1" in out
    assert "also:    Gazette:" in out and "https://g.org/1" in out and "similarity 0.81" in out
    code, out, _ = run("events", "--db", str(db), "--show-evidence", "--format", "jsonl",
                       "--actor", "IGO")
    row = json.loads(out)
    assert row["article"]["copies"][0]["outlet"] == "Gazette"


def test_limit_says_how_many_are_hidden(db: Path) -> None:
    code, _, err = run("events", "--db", str(db), "--limit", "1")
    assert code == 0 and "showing 1 of 2 events" in err


def test_actors_and_failures(db: Path) -> None:
    code, out, _ = run("actors", "--db", str(db), "--format", "jsonl")
    actors = {a["code"]: a for a in map(json.loads, out.splitlines())}
    assert actors["ARM"]["count"] == 1 and actors["IGOCSTO"]["as_source"] == 1
    assert actors["RUSMIL"]["name"] == "Russian units"
    code, out, _ = run("actors", "--db", str(db))
    assert code == 0 and "IGOCSTO" in out
    code, out, _ = run("failures", "--db", str(db))
    assert code == 0 and "empty file" in out


def test_export_formats(db: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "--db", str(db), "-o", str(tmp_path / "e.parquet"))
    assert code == 0 and "wrote 2 events" in err
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 2
    code, _, _ = run("export", "--db", str(db), "--format", "csv", "--actor", "PRK",
                     "-o", str(tmp_path / "e.csv"))
    assert code == 0 and len((tmp_path / "e.csv").read_text().splitlines()) == 2
    code, out, _ = run("export", "--db", str(db), "--format", "jsonl", "-o", "-",
                       "--with-articles")
    assert code == 0 and json.loads(out.splitlines()[0])["article_outlet"] == "Wire"
    code, _, _ = run("export", "--db", str(db), "--partition-by-month",
                     "-o", str(tmp_path / "parts"))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["month=2024-03",
                                                                      "month=2024-05"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--dyad", "RUS"), "write SOURCE:TARGET"),
        (("events", "--since", "last week"), "is not a date"),
        (("events", "--quad", "7"), "less than or equal to 4"),
        (("export", "--format", "csv", "--partition-by-month", "-o", "x"), "only with --format"),
        (("export", "-o", "-"), "Parquet needs a file"),
    ],
)
def test_bad_options_are_one_clear_line(db: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*args, "--db", str(db))
    assert code == 2 and message in err and "Traceback" not in err


def test_ingest_of_nothing_readable_exits_1(tmp_path: Path) -> None:
    code, out, err = run("ingest", str(tmp_path / "typo.txt"), "--db", str(tmp_path / "s.duckdb"),
                         "--no-progress")
    assert code == 1
    assert err.strip() == f"error: {tmp_path / 'typo.txt'}: no such file or folder"
    assert summary_numbers(out)["failed"] == 1


def test_missing_and_foreign_stores(tmp_path: Path) -> None:
    code, _, err = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1
    assert err.strip() == f"error: {tmp_path / 'none.duckdb'}: no store here; create one with " \
                          "`foedus ingest`"
    (tmp_path / "junk.duckdb").write_text("not a database " * 100)
    code, _, err = run("actors", "--db", str(tmp_path / "junk.duckdb"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "junk.duckdb" in err
