"""``foedus code`` as a user runs it: formats, dates, and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from foedus.cli import app
from foedus.records import EVENT_FIELDS

runner = CliRunner()
TEXT = "Britain delivered tanks to Ukraine. Azerbaijan accused Armenia of shelling its positions."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_jsonl_has_the_documented_columns(tmp_path):
    path = write(tmp_path, "a.txt", TEXT.encode())
    result = runner.invoke(app, ["code", str(path), "--format", "jsonl", "--date", "2023-02-01"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    assert list(rows[0]) == list(EVENT_FIELDS)
    assert {(r["source_code"], r["cameo_root"], r["target_code"]) for r in rows} == {
        ("GBR", "07", "UKR"), ("AZE", "11", "ARM")}
    assert all(r["date"] == "2023-02-01" for r in rows)


def test_csv_and_table_formats(tmp_path):
    path = write(tmp_path, "a.txt", TEXT.encode())
    result = runner.invoke(app, ["code", str(path), "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[0]["cameo_code"]
    table = runner.invoke(app, ["code", str(path)], terminal_width=200)
    assert table.exit_code == 0
    assert "GBR" in table.stdout and "delivered" in table.stdout


def test_standard_input(tmp_path):
    result = runner.invoke(app, ["code", "-", "-f", "jsonl"], input=TEXT)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "foedus", *args], capture_output=True,
                          text=True, timeout=120)


def test_missing_file_is_one_line_error_and_non_zero(tmp_path):
    result = run_cli("code", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_directory_binary_and_bad_date_are_errors(tmp_path):
    for args, expected in (
        ((str(tmp_path),), "is a directory"),
        ((str(write(tmp_path, "b.bin", bytes(range(256)) * 8)),), "binary"),
        ((str(write(tmp_path, "c.txt", b"x")), "--date", "yesterday"), "--date"),
    ):
        result = runner.invoke(app, ["code", *args])
        assert result.exit_code != 0, args
        assert expected in result.stderr
        assert "Traceback" not in result.stderr


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    data = b"Britain delivered tanks to Ukraine. The caf\xe9 in Kyiv was full."
    path = write(tmp_path, "d.txt", data)
    result = runner.invoke(app, ["code", str(path), "-f", "jsonl"])
    assert result.exit_code == 0
    assert "invalid UTF-8" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_empty_file_gives_no_events_and_exit_zero(tmp_path):
    path = write(tmp_path, "e.txt", b"")
    result = runner.invoke(app, ["code", str(path), "-f", "jsonl"])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_usage_errors_are_one_line_with_exit_status_2(tmp_path):
    path = write(tmp_path, "a.txt", TEXT.encode())
    for args, needle in ((["code", str(path), "--format", "xml"], "--format"),
                         (["nosuch"], "No such command")):
        done = subprocess.run([sys.executable, "-m", "foedus", *args], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: foedus") and needle in lines[0]
        assert "Traceback" not in done.stderr


def test_cameo_view_turns_refusals_into_rejections_and_drops_other_negations(tmp_path):
    path = write(tmp_path, "r.txt", b"Hungary refused to send weapons to Ukraine. Poland did not "
                                    b"send troops to Belarus. Germany sent tanks to Ukraine.")
    plain = runner.invoke(app, ["code", str(path), "--format", "jsonl", "--date", "2024-01-01"])
    cameo = runner.invoke(app, ["code", str(path), "--format", "jsonl", "--date", "2024-01-01",
                                "--cameo"])
    assert plain.exit_code == 0 and cameo.exit_code == 0
    own = [json.loads(line) for line in plain.stdout.splitlines()]
    view = [json.loads(line) for line in cameo.stdout.splitlines()]
    assert {(e["source_code"], e["cameo_root"], e["polarity"]) for e in own} == {
        ("HUN", "07", "negated"), ("POL", "07", "negated"), ("DEU", "07", "asserted")}
    assert {(e["source_code"], e["cameo_root"], e["polarity"]) for e in view} == {
        ("HUN", "12", "asserted"), ("DEU", "07", "asserted")}
