"""The local engine: idempotent, failure-tolerant, transactional, the same with any worker count.

A fast stand-in coder (one event per article) keeps these tests independent of the real coder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from corpus_fixtures import GERMAN, FakeCoder, fake_coder, make_event, numbered_corpus, write_story

from foedus.engines.local import IngestOptions, ingest
from foedus.ingest import ReadOptions, read_sources
from foedus.records import Article, Event
from foedus.store import Store


def options(**overrides: object) -> IngestOptions:
    values: dict[str, object] = {"coder_factory": fake_coder, "batch_size": 4,
                                 "read": ReadOptions(timeout=1.0)}
    values.update(overrides)
    return IngestOptions(**values)  # type: ignore[arg-type]


def expected_ids(folder: Path) -> set[str]:
    return {a.article_id for a in read_sources([str(folder)]) if isinstance(a, Article)}


def stored_ids(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [r[0] for r in store.con.execute("SELECT article_id FROM articles").fetchall()]


def test_ingest_then_ingest_again_adds_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 10)
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        first = ingest([corpus], store, options())
        assert (first.new, first.duplicate, first.events, first.failed) == (10, 0, 10, 0)
        assert first.batches == 3  # 4 + 4 + 2 articles
        second = ingest([corpus], store, options())
        assert (second.new, second.duplicate, second.events) == (0, 10, 0)
        assert store.counts()["articles"] == 10 and store.counts()["events"] == 10
    assert sorted(stored_ids(db)) == sorted(expected_ids(corpus))


def test_a_repeat_within_one_run_is_a_duplicate(tmp_path: Path) -> None:
    write_story(tmp_path / "a.txt", "armenia")
    write_story(tmp_path / "b.txt", "armenia")  # the same text under another name
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store, options())
    assert (summary.new, summary.duplicate) == (1, 1)


def test_bad_items_are_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 5)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "german.txt").write_text(GERMAN, encoding="utf-8")
    (corpus / "broken.jsonl").write_text('{"text": "x"\n', encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([corpus, tmp_path / "missing.txt"], store, options())
        assert (summary.new, summary.failed, summary.skipped) == (5, 4, 1)
        failures = {Path(f["item"]).name: (f["kind"], f["reason"]) for f in store.failures()}
    assert failures["empty.txt"] == ("error", "empty file")
    assert failures["binary.txt"][1].startswith("binary file")
    assert failures["german.txt"] == ("skipped", "not English (detected language 'de')")
    assert failures["broken.jsonl:1"][1].startswith("invalid JSON")
    assert failures["missing.txt"] == ("error", "no such file or folder")


def test_failures_are_not_duplicated_by_a_rerun(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([tmp_path / "empty.txt"], store, options())
        ingest([tmp_path / "empty.txt"], store, options())
        (row,) = store.failures()
    assert row["count"] == 2 and row["reason"] == "empty file"


def test_an_article_the_coder_chokes_on_is_kept_without_events(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 3)
    (corpus / "bad.txt").write_text("EXPLODE\n\n" + GERMAN.replace("Die", "The") * 0
                                    + "This English text makes the test coder EXPLODE on purpose "
                                    "so that the engine has to code the batch one by one.",
                                    encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([corpus], store, options(batch_size=10))
        assert (summary.new, summary.events, summary.failed) == (4, 3, 1)
        (failure,) = store.failures()
    assert failure["item"].endswith("bad.txt")
    assert failure["reason"].startswith("coding failed (RuntimeError: the coder choked)")


class MalformedCoder(FakeCoder):
    """Emits an event the store must refuse (no article id) for one article."""

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        for article, events in super().code_articles(
            [a for a in articles if "MALFORMED" not in a.text], batch_size
        ):
            yield article, events
        for article in articles:
            if "MALFORMED" in article.text:
                yield article, [make_event(None, event_id="bad")]  # type: ignore[arg-type]


def malformed_coder(actor_files: object = ()) -> MalformedCoder:
    return MalformedCoder(actor_files)


def test_a_batch_the_store_refuses_is_written_article_by_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 3)
    (corpus / "odd.txt").write_text(
        "A MALFORMED event comes out of this English article about an alliance meeting held "
        "in Vienna on Monday, where ministers promised more support.", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([corpus], store, options(batch_size=10, coder_factory=malformed_coder))
        assert (summary.new, summary.events, summary.failed) == (3, 3, 1)
        assert store.counts()["articles"] == 3
        (failure,) = store.failures()
    assert failure["item"].endswith("odd.txt") and "could not be stored" in failure["reason"]


class Interrupted(BaseException):
    pass


def test_an_interrupted_run_keeps_whole_batches_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 11)
    db = tmp_path / "s.duckdb"
    inserts = 0
    real_insert = Store._insert

    def dying_insert(self: Store, table: str, data: object, **kwargs: object) -> None:
        # Dies inside the third batch's transaction, after its articles went in and before
        # its events did: the rollback must take the articles out again.
        nonlocal inserts
        if table == "events":
            inserts += 1
            if inserts == 3:
                raise Interrupted
        real_insert(self, table, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert", dying_insert)
    with Store(db) as store, pytest.raises(Interrupted):
        ingest([corpus], store, options())
    monkeypatch.setattr(Store, "_insert", real_insert)
    with Store(db) as store:
        assert store.counts()["articles"] == 8  # two whole batches of four
        summary = ingest([corpus], store, options())
    assert (summary.duplicate, summary.new) == (8, 3)
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == 11
    assert set(ids) == expected_ids(corpus)


def test_workers_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, 12)
    write_story(corpus / "x-armenia.txt", "armenia")
    (corpus / "z-empty.txt").write_bytes(b"")
    results = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        with Store(db) as store:
            summary = ingest([corpus], store, options(workers=workers))
            rows = store.con.execute(
                "SELECT article_id, duplicate_of FROM articles ORDER BY article_id").fetchall()
            events = store.con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()
        results.append((summary.new, summary.failed, summary.events, rows, events))
    assert results[0] == results[1]
    assert results[0][:3] == (13, 1, 13)
