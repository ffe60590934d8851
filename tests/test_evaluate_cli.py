"""``foedus evaluate`` as a user runs it, on the project's own small gold fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foedus.cli import app
from foedus.events.coder import Coder

runner = CliRunner()
EVAL = Path(__file__).parent / "fixtures" / "eval"
GOLD = [EVAL / n for n in ("team.jsonl", "petrarch_records.jsonl", "plover_examples.json",
                           "pentaclass.tsv", "spans_ner.txt", "actor_cases.tsv")]
DICTS = ["--actors", str(EVAL / "tiny.actors.txt"), "--actors", str(EVAL / "tiny.agents.txt")]


@pytest.fixture(autouse=True)
def _model_loaded(coder: Coder) -> Coder:
    """The session coder: the model is loaded once for all these tests."""
    return coder


def test_every_format_in_one_run_as_json() -> None:
    result = runner.invoke(app, ["evaluate", *map(str, GOLD), *DICTS, "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    sets = {s["format"]: s for s in document["sets"]}
    assert set(sets) == {"foedus", "petrarch", "plover", "pentaclass", "ner", "actors"}
    assert sets["foedus"]["items"] == 4 and sets["pentaclass"]["items"] == 5
    names = {m["name"] for m in sets["foedus"]["metrics"]}
    assert {"triple F1 (source, target, root)", "tuple F1 (source, root, target, polarity)",
            "PLOVER type accuracy (strongest event)", "pentaclass macro-F1 (strongest event)",
            "events coded on no-event sentences"} <= names
    assert sets["pentaclass"]["confusion"]["matrix"] and "errors" not in sets["foedus"]
    for s in document["sets"]:
        for metric in s["metrics"]:
            value = metric["value"]
            assert value is None or metric["count"] or 0.0 <= value <= 1.0, metric
    assert sets["petrarch"]["settings"]["actors"][0].endswith("tiny.actors.txt")


def test_tables_and_errors_for_people(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"  # an expectation no coder meets: there is a miss to show
    gold.write_text(json.dumps({"id": "g1", "date": "2024-01-01",
                                "text": "Russia condemned Ukraine on Monday.",
                                "events": [{"source": "FRA", "code": "190", "target": "DEU",
                                            "polarity": "asserted", "modality": "actual"}]})
                    + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "triple F1" in out and "confusion" in out and "misses by kind" in out
    assert "g1" in out and "Russia condemned Ukraine on Monday." in out
    assert "expected: FRA 190 DEU" in out and "coded:" in out and "why:" in out


def test_errors_in_json_carry_sentence_expected_and_coded() -> None:
    result = runner.invoke(app, ["evaluate", str(EVAL / "spans_ner.txt"), "--errors", "--json"])
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["sets"]
    for error in only["errors"]:
        assert error["text"] and error["expected"] and error["coded"] and error["reasons"]


def test_format_option_and_limit(tmp_path: Path) -> None:
    odd = tmp_path / "sentences.txt"  # a name that says nothing: --format says what it is
    shutil.copy(EVAL / "pentaclass.tsv", odd)
    result = runner.invoke(app, ["evaluate", str(odd), "--format", "pentaclass", "--limit", "2",
                                 "--json"])
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["sets"]
    assert only["format"] == "pentaclass" and only["items"] == 2


def test_unreadable_files_get_one_line_and_the_rest_still_runs(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "x", "events": [}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path / "missing.jsonl"), str(broken),
                                 str(EVAL / "team.jsonl"), "--json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 2 and all(line.startswith("error:") for line in errors)
    assert "missing.jsonl: no such file" in errors[0]
    assert "broken.jsonl:1: not JSON" in errors[1]
    assert "Traceback" not in result.output
    assert [s["name"] for s in json.loads(result.stdout)["sets"]] == ["team"]


def test_bad_dictionary_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("ALPHA [ALP\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(EVAL / "team.jsonl"), "--actors", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error:") and "bad.actors.txt:1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_petrarch_without_dictionaries_gets_a_hint() -> None:
    result = runner.invoke(app, ["evaluate", str(EVAL / "petrarch_records.jsonl")])
    assert result.exit_code == 0, result.output
    assert "--actors" in result.stderr


def test_actor_cases_resolve() -> None:
    result = runner.invoke(app, ["evaluate", str(EVAL / "actor_cases.tsv"), "--json",
                                 "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["sets"]
    metrics = {m["name"]: m["value"] for m in only["metrics"]}
    # plain cases: "Russian troops", "France", "soldiers", a nonsense string, the CSTO, and a
    # title whose country comes from the context column
    assert metrics["actor country accuracy"] >= 5 / 6
    assert only["settings"]["today"] == "2026-11-25"
