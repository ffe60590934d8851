"""The DuckDB store: schema and versions, idempotent writes, queries, actors, export.

Events are constructed here (not coded), so these tests do not depend on the coder.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from corpus_fixtures import make_event

from foedus import store as store_module
from foedus.records import EVENT_FIELDS, Article, Failure
from foedus.store import (
    SCHEMA_VERSION,
    Batch,
    EventFilter,
    Store,
    StoredArticle,
    StoreError,
    default_db_path,
)


def article(text: str, published: date | None = date(2024, 3, 5), **kw: str) -> Article:
    return Article.from_text(text, published=published, **kw)


A1 = article("Russia sent no aid to Armenia in September.", title="No aid", outlet="Wire")
A2 = article("North Korea sent troops to support Russia.", date(2024, 4, 2), outlet="Herald")
A3 = article("The West supplied weapons to Ukraine.", None, outlet="Wire")

EVENTS = [
    make_event(A1.article_id, sentence="Russia sent no aid to Armenia in September.",
               polarity="negated", trigger="sent no aid", date="2024-03-05"),
    make_event(A2.article_id, sentence="North Korea sent troops to support Russia.",
               source_code="PRKMIL", source_name="North Korean troops", source_country="PRK",
               source_sector="MIL", target_code="RUSGOV", target_name="Russia",
               target_country="RUS", target_sector="GOV", cameo_code="0742", cameo_root="07",
               plover_type="AID", quad_class=2, date="2024-04-02", trigger="sent troops"),
    make_event(A3.article_id, sentence="The West supplied weapons to Ukraine.",
               source_code="WST", source_name="the West", source_country="", source_sector="",
               target_code="UKR", target_name="Ukraine", target_country="UKR", cameo_code="1124",
               cameo_root="11", plover_type="ACCUSE", quad_class=3, goldstein=-2.0, date="",
               modality="requested"),
]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        store.write_batch(Batch(
            articles=[StoredArticle(A1, lsh_keys=[1, 2]), StoredArticle(A2), StoredArticle(A3)],
            events=EVENTS,
            failures=[Failure.now("bad.txt", "empty file")],
        ))
    return db


# -- schema, versions, opening ------------------------------------------------------------------


def test_new_store_has_the_documented_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        tables = {r[0] for r in store.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "events", "failures", "article_lsh", "schema_version",
                "actors"} <= tables
        columns = [r[0] for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "ORDER BY ordinal_position").fetchall()]
        assert tuple(columns) == EVENT_FIELDS
        assert store.schema_version == SCHEMA_VERSION


def test_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FOEDUS_DB", raising=False)
    assert default_db_path() == Path("foedus.duckdb")
    monkeypatch.setenv("FOEDUS_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"


def test_a_newer_store_is_refused_clearly(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (99, now(), '9.0')")
    con.close()
    with pytest.raises(StoreError, match=r"written by a newer foedus \(store schema 99"):
        Store(db)


def test_a_database_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a foedus store"):
        Store(db)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.duckdb"):
        Store(junk)
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_an_older_store_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filled: Path
) -> None:
    # Pretend this foedus is one schema version ahead and ships the migration to it.
    calls: list[int] = []

    def add_note(con: duckdb.DuckDBPyConnection) -> None:
        calls.append(1)
        con.execute("ALTER TABLE articles ADD COLUMN note VARCHAR DEFAULT ''")

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, SCHEMA_VERSION + 1, add_note)
    with Store(filled, read_only=True) as store:  # a reader upgrades it once, then reads
        assert store.schema_version == SCHEMA_VERSION + 1
        assert store.count_events() == 3
        assert "note" in store.articles()[0]
    with Store(filled) as store:
        assert calls == [1]  # not run twice


def test_a_store_without_a_migration_path_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, filled: Path
) -> None:
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="ingest the sources again into a new --db"):
        Store(filled)


def test_an_event_field_added_later_becomes_a_column(filled: Path) -> None:
    con = duckdb.connect(str(filled))
    con.execute("DROP VIEW actors")
    con.execute("ALTER TABLE events DROP COLUMN num_articles")
    con.close()
    with Store(filled, read_only=True) as store:
        assert {r["num_articles"] for r in store.events()} == {1}


def test_a_store_in_use_is_reported_in_one_line(filled: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys, time; c = duckdb.connect({str(filled)!r}); print('ok', "
         "flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process") as info:
            Store(filled)
        assert "\n" not in str(info.value)
    finally:
        holder.kill()
        holder.wait()


# -- writes -------------------------------------------------------------------------------------


def test_writes_are_idempotent(filled: Path) -> None:
    with Store(filled) as store:
        store.write_batch(Batch(articles=[StoredArticle(A1)], events=EVENTS[:1]))
        counts = store.counts()
    assert (counts["articles"], counts["events"], counts["failed"]) == (3, 3, 1)


def test_a_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        bad = make_event(None, event_id="x")  # type: ignore[arg-type]
        with pytest.raises(duckdb.Error):
            store.write_batch(Batch(articles=[StoredArticle(A1), StoredArticle(A2)],
                                    events=[EVENTS[0], bad]))
        assert store.counts()["articles"] == 0 and store.counts()["events"] == 0
        store.write_batch(Batch(articles=[StoredArticle(A1)], events=[EVENTS[0]]))
        assert store.counts()["articles"] == 1


def test_article_rows(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        rows = {r["article_id"]: r for r in store.articles()}
        assert store.known_ids([A1.article_id, "nope"]) == {A1.article_id}
        assert store.lsh_candidates({0: [2, 3], 1: [9]}) == {0: {A1.article_id}}
    assert rows[A1.article_id]["published"] == date(2024, 3, 5)
    assert rows[A1.article_id]["date_missing"] is False
    assert rows[A3.article_id]["published"] is None and rows[A3.article_id]["date_missing"]
    assert rows[A1.article_id]["text"] == A1.text and rows[A1.article_id]["title"] == "No aid"


# -- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), ["A1", "A2", "A3"]),
        (EventFilter(actor="rus"), ["A1", "A2"]),
        (EventFilter(source="PRK"), ["A2"]),
        (EventFilter(target="ARM"), ["A1"]),
        (EventFilter(dyad=("RUS", "ARM")), ["A1"]),
        (EventFilter(dyad=("ARM", "RUS")), []),
        (EventFilter(dyad=("ARM", "RUS"), undirected=True), ["A1"]),
        (EventFilter(cameo="07"), ["A1", "A2"]),
        (EventFilter(cameo="0742"), ["A2"]),
        (EventFilter(root="11"), ["A3"]),
        (EventFilter(plover="aid"), ["A1", "A2"]),
        (EventFilter(quad_class=(2, 3)), ["A1", "A2", "A3"]),
        (EventFilter(quad_class=(3,)), ["A3"]),
        (EventFilter(polarity="negated"), ["A1"]),
        (EventFilter(modality="requested"), ["A3"]),
        (EventFilter(since=date(2024, 4, 1)), ["A2"]),
        (EventFilter(until=date(2024, 3, 31)), ["A1"]),
        (EventFilter(since=date(2024, 3, 1), until=date(2024, 4, 30)), ["A1", "A2"]),
        (EventFilter(text="TROOPS"), ["A2"]),
        (EventFilter(text="no aid"), ["A1"]),  # the title matches too
        (EventFilter(outlet="herald"), ["A2"]),
        (EventFilter(article_id=A3.article_id), ["A3"]),
        (EventFilter(actor="RUS", polarity="asserted"), ["A2"]),
    ],
)
def test_event_filters(filled: Path, flt: EventFilter, expected: list[str]) -> None:
    names = {A1.article_id: "A1", A2.article_id: "A2", A3.article_id: "A3"}
    with Store(filled, read_only=True) as store:
        got = [names[r["article_id"]] for r in store.events(flt)]
        assert store.count_events(flt) == len(expected)
    # Undated events sort first (""), then by date.
    assert sorted(got) == expected
    assert got == sorted(got, key=lambda n: {"A3": 0, "A1": 1, "A2": 2}[n])


def test_actors_view(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        actors = {a["code"]: a for a in store.actors()}
        assert [a["code"] for a in store.actors(code="rus")] == ["RUSGOV"]
        assert len(store.actors(limit=2)) == 2
    assert actors["RUSGOV"]["count"] == 2
    assert (actors["RUSGOV"]["as_source"], actors["RUSGOV"]["as_target"]) == (1, 1)
    assert actors["RUSGOV"]["first_seen"] == "2024-03-05"
    assert actors["RUSGOV"]["last_seen"] == "2024-04-02"
    assert actors["PRKMIL"]["name"] == "North Korean troops"
    assert actors["PRKMIL"]["sector"] == "MIL" and actors["UKR"]["articles"] == 1
    assert actors["WST"]["first_seen"] is None  # its only event is undated


def test_evidence_and_failures(filled: Path) -> None:
    with Store(filled, read_only=True) as store:
        evidence = store.evidence([A1.article_id])
        (failure,) = store.failures()
    assert evidence[A1.article_id]["title"] == "No aid"
    assert evidence[A1.article_id]["copies"] == []
    assert (failure["item"], failure["reason"], failure["kind"]) == ("bad.txt", "empty file",
                                                                     "error")


# -- export -------------------------------------------------------------------------------------


def test_export_parquet_csv_jsonl(filled: Path, tmp_path: Path) -> None:
    with Store(filled, read_only=True) as store:
        assert store.export(tmp_path / "e.parquet", "parquet") == 3
        assert store.export(tmp_path / "e.csv", "csv", EventFilter(actor="RUS")) == 2
        assert store.export(tmp_path / "e.jsonl", "jsonl", with_articles=True) == 3
        assert store.export(tmp_path / "none.csv", "csv", EventFilter(actor="XXX")) == 0
    table = pq.read_table(tmp_path / "e.parquet")
    assert tuple(table.column_names) == EVENT_FIELDS
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("quad_class").type) == "int32"
    with (tmp_path / "e.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EVENT_FIELDS and len(rows) == 2
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert lines[1]["article_outlet"] == "Wire" and lines[1]["article_published"] == "2024-03-05"
    assert list(lines[0])[: len(EVENT_FIELDS)] == list(EVENT_FIELDS)
    assert (tmp_path / "none.csv").read_text().strip() == ",".join(EVENT_FIELDS)


def test_export_parquet_partitioned_by_month(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "by-month"
    with Store(filled, read_only=True) as store:
        assert store.export(out, "parquet", partition_by_month=True) == 3
        with pytest.raises(StoreError, match="Parquet exports only"):
            store.export(tmp_path / "x.csv", "csv", partition_by_month=True)
    assert sorted(p.name for p in out.iterdir()) == [
        "month=2024-03", "month=2024-04", "month=unknown"
    ]
    dataset = ds.dataset(out, format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == 3
    assert set(table.column("month").to_pylist()) == {"2024-03", "2024-04", "unknown"}
