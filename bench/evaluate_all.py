"""Score foedus on every gold set there is, print the tables, and record the figures.

Sets: the team's own ``tests/gold/foedus_gold.jsonl`` and, when ``../shared/data/gold`` is there,
the public ones (PETRARCH2 unit tests with their own dictionaries, the CAMEO manual examples in
PLOVER, ConfliBERT's pentaclass and span sets, NGEC's actor cases). The PETRARCH set runs twice:
with the user's dictionaries before foedus's own (the default for ``--actors``) and with the
user's dictionaries alone.

    python bench/evaluate_all.py                 # print the tables
    python bench/evaluate_all.py --write         # also record the run in bench/ACCURACY.md
                                                 # (and the README's Accuracy section)

Each run recorded adds (or, for the same date and version, replaces) a line in
``bench/accuracy_history.jsonl``; ``bench/ACCURACY.md`` is regenerated from it: the trend of the
headline figures, then every figure of the latest run with the command that reproduces it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foedus.evaluate import SetResult

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "gold"
HISTORY = ROOT / "bench" / "accuracy_history.jsonl"
ACCURACY = ROOT / "bench" / "ACCURACY.md"
README = ROOT / "README.md"
README_START = "<!-- accuracy:start (bench/evaluate_all.py --write) -->"
README_END = "<!-- accuracy:end -->"


@dataclass(frozen=True)
class Run:
    """One set to score: where it is, how to score it, what to show, what the issue asks."""

    key: str
    title: str
    path: Path
    actors: tuple[Path, ...] = ()
    patterns: tuple[Path, ...] = ()
    shipped: bool = True
    headline: tuple[str, ...] = ()
    targets: tuple[tuple[str, str, float], ...] = ()  # (metric, ">=" or "<=", value)
    note: str = ""
    dated: bool = False  # the set asks for "today": the command names the run's date

    def command(self, day: dt.date | None = None) -> str:
        rel = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else (
            Path("..") / self.path.relative_to(ROOT.parent))
        parts = ["foedus evaluate", str(rel)]
        for actor in self.actors:
            parts += ["--actors", str(Path("..") / actor.relative_to(ROOT.parent))]
        for pattern in self.patterns:
            parts += ["--patterns", str(Path("..") / pattern.relative_to(ROOT.parent))]
        if not self.shipped:
            parts += ["--no-shipped-actors", "--no-shipped-patterns"]
        if self.dated and day is not None:
            parts += ["--today", day.isoformat()]
        return " ".join(parts)


PETRARCH_NOTE = (
    "The expected codes come from PETRARCH's own test verbs dictionary, which does not always "
    "mean what CAMEO means (\"welcome\" is 041, \"restore ties\" 064) and uses test codes "
    "outside CAMEO's roots 01-20 (903, 345, 1010). foedus reads that dictionary with "
    "--patterns and keeps such codes as the dictionary gives them (57 of the 359 expected "
    "events have one; Goldstein and QuadClass unknown); 111 of the file's 474 patterns have a "
    "shape foedus's reader does not express yet (words before the verb with another code, "
    "governing verbs, the source after the verb, negation after the verb).")
PETR_VERBS = (SHARED / "petrarch2_PETR.Validate.verbs.txt",)
PETR_DICTS = (SHARED / "petrarch2_PETR.Validate.actors.txt",
              SHARED / "petrarch2_PETR.Validate.agents.txt")
RUNS: tuple[Run, ...] = (
    Run("team", "Team gold set (tests/gold/foedus_gold.jsonl)",
        ROOT / "tests" / "gold" / "foedus_gold.jsonl",
        headline=("triple F1 (source, target, root)", "tuple F1 (source, root, target, polarity)",
                  "root F1", "source F1", "target F1", "events coded on no-event sentences"),
        targets=(("tuple F1 (source, root, target, polarity)", ">=", 0.75),)),
    Run("petrarch", "PETRARCH2 unit-test records, their dictionaries before foedus's",
        SHARED / "petrarch2_unittest_records.jsonl", actors=PETR_DICTS, patterns=PETR_VERBS,
        headline=("triple F1 (source, target, root)", "exact triple F1 (whole codes)",
                  "events coded on no-event sentences"),
        targets=(("triple F1 (source, target, root)", ">=", 0.60),
                 ("events coded on no-event sentences", "<=", 3)), note=PETRARCH_NOTE),
    Run("petrarch-own",
        "PETRARCH2 unit-test records, their dictionaries alone (no shipped actors or patterns)",
        SHARED / "petrarch2_unittest_records.jsonl", actors=PETR_DICTS, patterns=PETR_VERBS,
        shipped=False,
        headline=("triple F1 (source, target, root)", "exact triple F1 (whole codes)",
                  "events coded on no-event sentences"),
        targets=(("triple F1 (source, target, root)", ">=", 0.60),
                 ("events coded on no-event sentences", "<=", 3)), note=PETRARCH_NOTE),
    Run("plover", "CAMEO manual examples (PLOVER)", SHARED / "plover_cameo_manual_examples.json",
        headline=("PLOVER type accuracy (strongest event)", "actor country accuracy",
                  "actor sector accuracy"),
        targets=(("PLOVER type accuracy (strongest event)", ">=", 0.75),
                 ("actor country accuracy", ">=", 0.85))),
    Run("pentaclass", "ConfliBERT pentaclass sentences",
        SHARED / "conflibert_cameo_class_train.tsv",
        headline=("pentaclass macro-F1", "pentaclass accuracy"),
        targets=(("pentaclass macro-F1", ">=", 0.70),)),
    Run("spans", "ConfliBERT source/target spans", SHARED / "conflibert_cameo_ner_train.txt",
        headline=("source span F1 (exact)", "target span F1 (exact)", "source span F1 (overlap)",
                  "target span F1 (overlap)")),
    Run("actors", "NGEC actor-resolution cases", SHARED / "ngec_actor_resolution_cases.tsv",
        headline=("actor country accuracy", "actor sector accuracy"),
        targets=(("actor country accuracy", ">=", 0.90),), dated=True),
)


def run_all(today: dt.date) -> list[tuple[Run, SetResult]]:
    from foedus.evaluate import (
        MIN_ACTORS,
        evaluate_actors,
        evaluate_set,
        make_coder,
        read_gold,
    )

    done = []
    for run in RUNS:
        if not run.path.exists() or not all(a.exists() for a in (*run.actors, *run.patterns)):
            print(f"skipped (not here): {run.path}", file=sys.stderr)
            continue
        gold = read_gold(run.path)
        coder = make_coder(run.actors, shipped_actors=run.shipped, patterns=run.patterns,
                           shipped_patterns=run.shipped,
                           min_actors=MIN_ACTORS.get(gold.format, 2))
        if gold.format == "actors":
            result = evaluate_actors(gold, coder, today=today)
        else:
            result = evaluate_set(gold, coder)
        result.settings.update({"actors": [a.name for a in run.actors],
                                "shipped_actors": run.shipped})
        done.append((run, result))
    return done


def _met(target: tuple[str, str, float], value: float | int | None) -> str:
    _, op, bound = target
    if value is None:
        return "n/a"
    ok = value >= bound if op == ">=" else value <= bound
    return "met" if ok else "not yet"


def _value(result: SetResult, name: str) -> float | int | None:
    try:
        return result.metric(name)
    except KeyError:
        return None


def _shown(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def record(done: list[tuple[Run, SetResult]], day: dt.date, version: str
           ) -> list[dict[str, Any]]:
    """Add this run to the history (replacing one of the same date and version)."""
    def rounded(value: float | int | None) -> float | int | None:
        return round(value, 4) if isinstance(value, float) else value

    entry = {"date": day.isoformat(), "version": version, "sets": {
        run.key: {name: rounded(_value(result, name)) for name in run.headline}
        for run, result in done}}
    history = []
    if HISTORY.exists():
        history = [json.loads(line) for line in HISTORY.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
    history = [h for h in history if (h["date"], h["version"]) != (entry["date"], version)]
    history.append(entry)
    history.sort(key=lambda h: (h["date"], h["version"]))
    HISTORY.write_text("".join(json.dumps(h) + "\n" for h in history), encoding="utf-8")
    return history


def set_section(run: Run, result: SetResult, day: dt.date, level: str = "###") -> list[str]:
    lines = [f"{level} {run.title}", "",
             f"`{run.command(day)}` — {result.items} items ({result.seconds:.1f} s)", "",
             "| measure | value | detail |", "|---|---:|---|"]
    for metric in result.metrics:
        lines.append(f"| {metric.name} | {metric.shown()} | {metric.detail} |")
    if run.targets:
        lines.append("")
        lines.append("Target (issue 3): " + "; ".join(
            f"{name} {op} {bound} — {_met((name, op, bound), _value(result, name))}"
            for name, op, bound in run.targets))
    if run.note:
        lines += ["", f"Note: {run.note}"]
    confusion = result.confusion
    if confusion is not None:
        lines += ["", f"Confusion ({confusion.title}):", "",
                  "| gold \\ coded | " + " | ".join(confusion.labels) + " |",
                  "|---|" + "---:|" * len(confusion.labels)]
        for label, row in zip(confusion.labels, confusion.matrix, strict=True):
            lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    lines.append("")
    return lines


def markdown(done: list[tuple[Run, SetResult]], history: list[dict[str, Any]], day: dt.date,
             version: str) -> str:
    lines = ["# Accuracy", "",
             "foedus scored on the team's gold set and on the field's public gold standards with",
             "`foedus evaluate` (see `src/foedus/evaluate.py` for every rule: the strongest",
             "event, the actor comparison, micro-averaged P/R/F1). Regenerate with",
             "`python bench/evaluate_all.py --write`; the public sets are read from",
             "`../shared/data/gold` and are not part of the repository.", "",
             "How the figures are computed:", "",
             "- *Triples* are (source, target, CAMEO root); a state actor compares by its "
             "country (`RUS` = `RUSGOV` = `RUSMIL`), IGOs, NGOs and collectives (`IGOCSTO`, "
             "`WST`, `RUSALY`) by the whole code. *Exact* figures compare whole actor codes and "
             "full CAMEO codes. P/R/F1 are micro-averaged; events match as multisets.",
             "- On the CAMEO sets (PETRARCH, PLOVER, ConfliBERT) the predictions are the "
             "events as CAMEO codes them: the asserted events, and refusals (\"refused to "
             "meet\", \"will not accept\") as CAMEO's rejections, 12x (CAMEO has no negated "
             "events; `foedus.events.cameo`); the team's set scores every event and checks "
             "polarity in the (source, root, target, polarity) tuple.",
             "- The *strongest* event of a sentence is its asserted event with the highest "
             "confidence, then the largest |Goldstein|; a sentence without one is pentaclass 0 "
             "and has no PLOVER type. Pentaclass macro-F1 averages the five classes.",
             "- Spans: the source and target mentions of the strongest event (and its "
             "conjuncts), as gold tokens; *exact* needs the same first and last token, "
             "*overlap* one shared token (one-to-one).",
             "- Actor cases: each string is resolved alone (`foedus.actors.lookup`); the UN "
             "system counts as `UNO`, the EU as `EUR`, other IGOs as `IGO`; an empty or "
             "`<none>` cell means no country (or sector) is expected.", "",
             "## Trend", "", "Headline figures of the last runs (date, foedus version).", ""]
    runs = history[-8:]
    lines.append("| set | measure | " + " | ".join(
        f"{h['date']} {h['version']}" for h in runs) + " |")
    lines.append("|---|---|" + "---:|" * len(runs))
    for run, _ in done:
        for name in run.headline[:2]:
            cells = [_shown(h["sets"].get(run.key, {}).get(name)) for h in runs]
            lines.append(f"| {run.key} | {name} | " + " | ".join(cells) + " |")
    lines += ["", f"## Latest run: {day.isoformat()}, foedus {version}", ""]
    for run, result in done:
        lines += set_section(run, result, day)
    return "\n".join(lines).rstrip() + "\n"


def readme_block(done: list[tuple[Run, SetResult]], day: dt.date, version: str) -> str:
    lines = [README_START, "",
             f"Figures of {day.isoformat()}, foedus {version} (trend and every figure:",
             "[bench/ACCURACY.md](bench/ACCURACY.md); public sets read from",
             "`../shared/data/gold`).",
             ""]
    for run, result in done:
        lines += [f"**{run.title}** — `{run.command(day)}`", "", "| measure | value | target |",
                  "|---|---:|---|"]
        targets = {t[0]: t for t in run.targets}
        for name in run.headline:
            target = targets.get(name)
            shown = f"{target[1]} {target[2]}" if target else ""
            lines.append(f"| {name} | {_shown(_value(result, name))} | {shown} |")
        lines.append("")
    lines.append(README_END)
    return "\n".join(lines)


def update_readme(block: str) -> bool:
    """Replace the marked block in README.md, or the placeholder under "## Accuracy"."""
    if not README.exists():
        return False
    text = README.read_text(encoding="utf-8")
    if README_START in text and README_END in text:
        head, rest = text.split(README_START, 1)
        _, tail = rest.split(README_END, 1)
        text = head + block + tail
    elif "(figures: see bench/ACCURACY.md)" in text:
        text = text.replace("(figures: see bench/ACCURACY.md)", block)
    else:
        return False
    README.write_text(text, encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true",
                        help="record the run in bench/ACCURACY.md and the README")
    parser.add_argument("--date", default=None, help="the run's date (default: today)")
    args = parser.parse_args()

    from rich.console import Console

    from foedus import __version__
    from foedus.cli_evaluate import confusion_table, metrics_table

    day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    console = Console(width=120)
    started = time.perf_counter()
    done = run_all(day)
    for run, result in done:
        console.print(f"[bold]{run.title}[/]\n  {run.command(day)}")
        console.print(metrics_table(result))
        confusion = confusion_table(result)
        if confusion is not None:
            console.print(confusion)
        for name, op, bound in run.targets:
            console.print(f"  target {name} {op} {bound}: "
                          f"{_met((name, op, bound), _value(result, name))}")
        console.print()
    console.print(f"all sets: {time.perf_counter() - started:.1f} s")
    if args.write:
        history = record(done, day, __version__)
        ACCURACY.write_text(markdown(done, history, day, __version__), encoding="utf-8")
        console.print(f"wrote {ACCURACY.relative_to(ROOT)} and {HISTORY.relative_to(ROOT)}")
        if update_readme(readme_block(done, day, __version__)):
            console.print("updated the README's Accuracy section")


if __name__ == "__main__":
    main()
