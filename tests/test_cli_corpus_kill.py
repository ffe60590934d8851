"""Crash safety: ``foedus ingest`` killed with SIGKILL mid-run, then run again, loses nothing.

A real subprocess (``python -m foedus ingest``) is killed twice at a moment when it is busy
reading, coding and committing; the same command then finishes the job. The store must then
hold every article exactly once, and the same articles and events as a run never interrupted.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_fixtures import numbered_corpus

from foedus.store import Store

ARTICLES = 90
BATCH = 5


def command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "foedus", "ingest", str(corpus), "--db", str(db),
            "--batch-size", str(BATCH), "--no-progress", "--verbose"]


def run_and_kill(corpus: Path, db: Path, commits: int) -> None:
    """Start an ingest and SIGKILL it once it has committed ``commits`` batches."""
    proc = subprocess.Popen(command(corpus, db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = 0
    try:
        for line in proc.stderr:
            if line.startswith("committed batch"):
                seen += 1
                if seen >= commits:
                    break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert seen == commits, "the ingest finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL


def check_consistent(db: Path) -> tuple[set[str], set[tuple[str, str]]]:
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles").fetchall()]
        events = store.con.execute("SELECT article_id, event_id FROM events").fetchall()
        orphans = store.con.execute(
            "SELECT count(*) FROM events e LEFT JOIN articles a USING (article_id) "
            "WHERE a.article_id IS NULL").fetchall()[0][0]
        empty = store.con.execute(
            "SELECT count(*) FROM articles WHERE text IS NULL OR text = ''").fetchall()[0][0]
    assert len(ids) == len(set(ids)), "an article stored twice"
    assert len(ids) % BATCH == 0 or len(ids) == ARTICLES, "a batch written in part"
    assert orphans == 0 and empty == 0
    return set(ids), set(events)


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    numbered_corpus(corpus, ARTICLES)
    db = tmp_path / "killed.duckdb"

    run_and_kill(corpus, db, commits=2)
    first, _ = check_consistent(db)
    assert BATCH * 2 <= len(first) < ARTICLES
    run_and_kill(corpus, db, commits=3)
    second, _ = check_consistent(db)
    assert first < second and len(second) < ARTICLES

    done = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^\s*duplicate\s+{len(second)}\s*$", done.stdout, re.M)
    resumed_ids, resumed_events = check_consistent(db)
    assert len(resumed_ids) == ARTICLES

    reference = tmp_path / "clean.duckdb"
    clean = subprocess.run(command(corpus, reference), capture_output=True, text=True,
                           timeout=300)
    assert clean.returncode == 0, clean.stderr
    clean_ids, clean_events = check_consistent(reference)
    assert resumed_ids == clean_ids
    assert resumed_events == clean_events
