"""Near-duplicates: syndicated copies are linked to one original and counted on its events."""

from __future__ import annotations

from pathlib import Path

from corpus_fixtures import STORIES, fake_coder, generated_text, wire_copy

from foedus.engines.local import IngestOptions, ingest
from foedus.ingest import ReadOptions
from foedus.ingest.neardup import (
    BANDS,
    DEFAULT_THRESHOLD,
    jaccard,
    keys_for_text,
    shingles,
    signature,
)
from foedus.store import Store


def write(path: Path, title: str, body: str, outlet: str) -> Path:
    path.write_text(f"---\ntitle: \"{title}\"\noutlet: {outlet}\ndate: 2024-03-05\n---\n{body}\n",
                    encoding="utf-8")
    return path


def opts(**kw: object) -> IngestOptions:
    values: dict[str, object] = {"coder_factory": fake_coder, "read": ReadOptions()}
    values.update(kw)
    return IngestOptions(**values)  # type: ignore[arg-type]


def test_shingles_and_jaccard() -> None:
    assert shingles("One two three four five six") == {"one two three four five",
                                                       "two three four five six"}
    assert shingles("Too short") == {"too short"}
    assert shingles("") == frozenset()
    a = shingles(" ".join(STORIES["armenia"]))
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles(" ".join(STORIES["korea"]))) < 0.05


def test_signatures_and_keys_are_stable_and_find_similar_texts() -> None:
    title, body = STORIES["armenia"]
    text = f"{title}\n{body}"
    copy = "\n".join(wire_copy(title, body))
    _, keys = keys_for_text(text)
    assert len(keys) == BANDS
    # Fixed hash coefficients and CRC32: the same keys in every process and every run.
    assert keys == keys_for_text(text)[1]
    assert list(signature(shingles(text))) == list(signature(shingles(text)))
    assert set(keys) & set(keys_for_text(copy)[1])  # a candidate pair
    assert not set(keys) & set(keys_for_text(" ".join(generated_text(1)))[1])
    assert jaccard(shingles(text), shingles(copy)) >= DEFAULT_THRESHOLD


def test_wire_copies_are_linked_and_counted(tmp_path: Path) -> None:
    title, body = STORIES["armenia"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "1-original.md", title, body, "Wire")
    write(corpus / "2-copy.md", *wire_copy(title, body), "Daily Paper")
    write(corpus / "3-other.md", *STORIES["korea"], "Wire")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        summary = ingest([corpus], store, opts())
        assert (summary.new, summary.near_duplicate, summary.events) == (2, 1, 2)
        rows = {Path(r["source"]).name: r for r in store.articles()}
        original = rows["1-original.md"]
        copy = rows["2-copy.md"]
        assert original["duplicate_of"] is None and rows["3-other.md"]["duplicate_of"] is None
        assert copy["duplicate_of"] == original["article_id"]
        assert DEFAULT_THRESHOLD <= copy["similarity"] < 1
        counts = dict(store.con.execute("SELECT article_id, num_articles FROM events").fetchall())
        assert counts == {original["article_id"]: 2, rows["3-other.md"]["article_id"]: 1}
        evidence = store.evidence([original["article_id"]])[original["article_id"]]
        assert [c["outlet"] for c in evidence["copies"]] == ["Daily Paper"]

        # A later copy, in another run, is linked to the stored original; a rerun adds nothing.
        later = tmp_path / "later"
        later.mkdir()
        t2, b2 = wire_copy(title, body)
        write(later / "4-copy.md", t2 + " (updated)", b2.replace("Tuesday", "Tuesday evening"),
              "Evening Post")
        summary = ingest([later], store, opts())
        assert (summary.new, summary.near_duplicate) == (0, 1)
        assert ingest([corpus, later], store, opts()).duplicate == 4
        (n,) = store.con.execute("SELECT num_articles FROM events WHERE article_id = ?",
                                 [original["article_id"]]).fetchone()
        assert n == 3


def test_threshold_and_switching_it_off(tmp_path: Path) -> None:
    title, body = STORIES["weapons"]
    write(tmp_path / "a.md", title, body, "A")
    write(tmp_path / "b.md", *wire_copy(title, body), "B")
    with Store(tmp_path / "off.duckdb") as store:
        off = ingest([tmp_path], store, opts(near_dup_threshold=None))
    with Store(tmp_path / "strict.duckdb") as store:
        strict = ingest([tmp_path], store, opts(near_dup_threshold=0.95))
    assert (off.new, off.near_duplicate) == (2, 0)
    assert (strict.new, strict.near_duplicate) == (2, 0)


def test_a_copy_in_the_same_batch_as_its_original(tmp_path: Path) -> None:
    title, body = STORIES["summit"]
    write(tmp_path / "a.md", title, body, "A")
    write(tmp_path / "b.md", *wire_copy(title, body), "B")
    write(tmp_path / "c.md", wire_copy(title, body)[0] + " again", wire_copy(title, body)[1], "C")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([tmp_path], store, opts(batch_size=100))
        assert (summary.new, summary.near_duplicate) == (1, 2)
        (n,) = store.con.execute("SELECT num_articles FROM events").fetchone()
    assert n == 3
