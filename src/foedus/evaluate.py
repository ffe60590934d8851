"""Measure foedus against gold-standard sets: readers, scorers and per-set evaluations.

Three layers, each usable alone:

* **Readers** turn each gold format into plain records: the team's own JSONL
  (``tests/gold/*.jsonl``), the PETRARCH2 unit-test records, the PLOVER/CAMEO manual examples,
  the ConfliBERT pentaclass TSV and BIO span file, and the NGEC actor-resolution cases.
  :func:`detect_format` tells them apart by file name, then by content.
* **Scorers** are pure functions of plain Python data (:func:`match_counts`, :func:`accuracy`,
  :func:`confusion_matrix`, :func:`macro_f1`, :func:`bio_spans`, :func:`span_counts`); the tests
  check them against figures computed by hand.
* **Evaluations** run the coder over a set in batches (one ``nlp.pipe`` pass, never a parse per
  sentence) and return a :class:`SetResult`: the figures, a confusion matrix where one applies,
  and every miss with its sentence, the expected and the coded events (``foedus evaluate
  --errors``), each tagged with a reason so that the misses can be counted by kind.

Conventions, stated once:

* Predictions for CAMEO sets (PETRARCH, PLOVER, ConfliBERT) are the coded events as CAMEO
  codes them (:func:`foedus.events.cameo.cameo_events`): the *asserted* events, and refusals
  ("refused to meet", "will not accept") as CAMEO's rejections (12x); CAMEO has no negated
  events. The team's set records polarity, so there every event counts and the (source, root,
  target, polarity) tuple checks it.
* The *strongest* event of a sentence is its asserted event with the highest confidence, then
  the largest absolute Goldstein score (the data README's rule); a sentence without one is
  pentaclass 0 and has no PLOVER type.
* Actors are compared by *key*: a state actor (a known country code and any sector: ``RUS``,
  ``RUSGOV``, ``RUSMIL``) by its country; IGOs, NGOs and collectives (``IGOCSTO``, ``WST``,
  ``RUSALY``) by the whole code. PETRARCH's ``---`` (no country) is dropped, so ``---GOV``
  compares as ``GOV``. The *exact* figures compare whole codes and full CAMEO codes.
* Precision, recall and F1 are micro-averaged over the set; a ratio with a zero denominator
  is 0. Macro-F1 averages the classes that occur in the gold or the predictions.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foedus.errors import FoedusError
from foedus.events.cameo import cameo_events
from foedus.events.ontology import load_ontology
from foedus.records import Article, Event

if TYPE_CHECKING:
    from foedus.events.coder import Coder

FORMATS: tuple[str, ...] = ("foedus", "petrarch", "plover", "pentaclass", "ner", "actors")
# Old PLOVER names in the CAMEO manual examples, and what they are called now.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                  "FIGHT": "ASSAULT"}
# Pre-ISO CAMEO country codes that the manual examples still use.
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Suffixes that make a country-prefixed code a collective rather than a sector of the state.
COLLECTIVE_SUFFIXES = frozenset({"ALY"})
# IGOs that NGEC's actor cases code as the UN ("UNO") or Europe ("EUR") rather than "IGO".
UN_CODES = frozenset({"IGOUNO", "IGOWHO", "IGOICJ", "IGOIAEA"})
EUROPE_CODES = frozenset({"IGOEU", "EUR"})
PENTACLASS_NAMES = ("0 statement/appeal", "1 verbal coop.", "2 material coop.",
                    "3 verbal conflict", "4 material conflict")


class GoldFormatError(FoedusError):
    """A gold file that cannot be read; the message names the file (and line) and the problem."""


# =============================================================================================
# Records
# =============================================================================================


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event: actor codes, CAMEO code, polarity and modality."""

    source: str
    code: str
    target: str
    polarity: str = "asserted"
    modality: str = "actual"

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class EventItem:
    """A sentence (or short text) with the events it should yield.

    ``no_event`` is True when the set says so explicitly (PETRARCH's ``noevents``; the team's
    sentences with an empty ``events`` list); ``note`` carries a set's remark (PETRARCH's
    ``expected_error``, e.g. a discard).
    """

    id: str
    text: str
    date: str
    events: tuple[GoldEvent, ...]
    no_event: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str
    sector: str


@dataclass(frozen=True, slots=True)
class PloverItem:
    """A CAMEO manual example: one PLOVER event with its actors."""

    id: str
    text: str
    date: str
    event_type: str
    mode: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    trigger: str = ""  # the example's event words ("agreed cooperate")


@dataclass(frozen=True, slots=True)
class ClassItem:
    """A sentence with its pentaclass label (0-4)."""

    id: str
    text: str
    label: int


@dataclass(frozen=True, slots=True)
class SpanItem:
    """A tokenised sentence with BIO tags (``B-S``/``I-S`` source, ``B-T``/``I-T`` target)."""

    id: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        """Character (start, end) of each token in :attr:`text`."""
        out = []
        pos = 0
        for token in self.tokens:
            out.append((pos, pos + len(token)))
            pos += len(token) + 1
        return out


@dataclass(frozen=True, slots=True)
class ActorCase:
    """An actor string with the expected country and sector(s)."""

    id: str
    method: str
    text: str
    context: str
    query_date: str
    country: str  # "" when no country is expected
    sectors: tuple[str, ...]  # acceptable sectors; () when none is expected


GoldItem = EventItem | PloverItem | ClassItem | SpanItem | ActorCase


@dataclass
class GoldSet:
    """A gold file read into records of one kind."""

    name: str
    path: str
    format: str
    items: list[Any]


# =============================================================================================
# Scorers: pure functions of plain data
# =============================================================================================


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def detail(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  (TP {self.tp}, FP {self.fp}, " \
               f"FN {self.fn})"


def match_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Counts for one unit (a sentence), matching gold and predicted items as multisets.

    An item predicted twice but expected once is one true positive and one false positive.
    """
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return Counts(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def micro_counts(units: Iterable[tuple[Iterable[Hashable], Iterable[Hashable]]]) -> Counts:
    """Micro-averaged counts over (gold, predicted) pairs, one pair per unit."""
    total = Counts()
    for gold, predicted in units:
        total = total + match_counts(gold, predicted)
    return total


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of positions where the prediction equals the gold (0 for empty input)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        return 0.0
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold)


def confusion_matrix(gold: Sequence[Hashable], predicted: Sequence[Hashable],
                     labels: Sequence[Hashable]) -> list[list[int]]:
    """``matrix[i][j]``: how many items of gold label ``labels[i]`` were predicted ``labels[j]``."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    index = {label: n for n, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        if g not in index or p not in index:
            raise ValueError(f"label {g if g not in index else p!r} is not among {list(labels)}")
        matrix[index[g]][index[p]] += 1
    return matrix


def class_counts(matrix: Sequence[Sequence[int]]) -> list[Counts]:
    """Per-class counts from a confusion matrix (rows gold, columns predicted)."""
    out = []
    for n, row in enumerate(matrix):
        tp = row[n]
        fn = sum(row) - tp
        fp = sum(matrix[m][n] for m in range(len(matrix))) - tp
        out.append(Counts(tp, fp, fn))
    return out


def macro_f1_from_matrix(matrix: Sequence[Sequence[int]]) -> float:
    """Mean F1 over the classes present in the gold or the predictions."""
    scores = [c.f1 for c in class_counts(matrix) if c.tp + c.fp + c.fn]
    return sum(scores) / len(scores) if scores else 0.0


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable],
             labels: Sequence[Hashable]) -> float:
    """Macro-averaged F1 of a labelling (see :func:`macro_f1_from_matrix`)."""
    return macro_f1_from_matrix(confusion_matrix(gold, predicted, labels))


Span = tuple[str, int, int]  # (label, first token, one past the last token)


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """The labelled spans of a BIO tag sequence.

    An ``I-X`` that does not continue an ``X`` span starts one (the usual lenient reading).
    """
    spans: list[Span] = []
    label, start = "", -1
    for n, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == label and start >= 0
        if start >= 0 and not continues:
            spans.append((label, start, n))
            label, start = "", -1
        if prefix in ("B", "I") and not continues:
            label, start = name, n
    return spans


def span_counts(gold: Iterable[Span], predicted: Iterable[Span], *, overlap: bool = False
                ) -> Counts:
    """Counts for one sentence's spans: exact (label, start, end) matches, or, with
    ``overlap``, one-to-one matches of same-label spans that share at least one token."""
    if not overlap:
        return match_counts(gold, predicted)
    gold_left = list(gold)
    tp = fp = 0
    for label, start, end in predicted:
        hit = next((g for g in gold_left if g[0] == label and g[1] < end and start < g[2]), None)
        if hit is None:
            fp += 1
        else:
            gold_left.remove(hit)
            tp += 1
    return Counts(tp, fp, len(gold_left))


def pentaclass_of_root(root: str) -> int | None:
    """The Phoenix pentaclass of a CAMEO root ("01".."20"); None for anything else."""
    try:
        n = int(root[:2])
    except ValueError:
        return None
    if 1 <= n <= 2:
        return 0
    if 3 <= n <= 5:
        return 1
    if 6 <= n <= 8:
        return 2
    if 9 <= n <= 13 or n == 16:
        return 3
    if 14 <= n <= 20:
        return 4
    return None


def strongest(events: Sequence[Event]) -> Event | None:
    """The sentence's strongest event: asserted, highest confidence, then largest |Goldstein|."""
    asserted = [e for e in events if e.polarity == "asserted"]
    if not asserted:
        return None
    return max(asserted, key=lambda e: (e.confidence, abs(e.goldstein or 0.0)))


def actor_key(code: str, countries: frozenset[str]) -> str:
    """The part of an actor code that the comparison rule compares (see the module doc)."""
    code = (code or "").strip().upper()
    while code.startswith("---"):
        code = code[3:]
    if code[:3] in countries and code[3:6] not in COLLECTIVE_SUFFIXES:
        return code[:3]
    return code


def exact_key(code: str) -> str:
    """A whole actor code, with PETRARCH's ``---`` (no country) dropped."""
    code = (code or "").strip().upper()
    while code.startswith("---"):
        code = code[3:]
    return code


# =============================================================================================
# Readers
# =============================================================================================


def _iso_date(value: Any) -> str:
    """An ISO date from ISO, ``YYYYMMDD`` or empty input ("" when there is none)."""
    text = str(value or "").strip()
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text[:10]


def detect_format(path: Path) -> str:
    """The gold format of a file, from its name, else from its first lines."""
    name = path.name.lower()
    by_name = [("plover", "plover"), ("petrarch", "petrarch"), ("_class", "pentaclass"),
               ("pentaclass", "pentaclass"), ("_ner", "ner"), ("actor_resolution", "actors")]
    for fragment, fmt in by_name:
        if fragment in name:
            return fmt
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(20000)
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "plover"
    if stripped.startswith("{"):
        first = stripped.splitlines()[0]
        if '"expected_events"' in first:
            return "petrarch"
        if '"events"' in first:
            return "foedus"
    lines = [line for line in head.splitlines()[:50] if line.strip()]
    if lines and lines[0].startswith("test_id\t"):
        return "actors"
    if lines and all(re.search(r"\t[0-4]\s*$", line) for line in lines[:20]):
        return "pentaclass"
    if lines and all(re.fullmatch(r"\S+ (O|[BI]-\w+)", line.strip()) for line in lines[:20]):
        return "ner"
    raise GoldFormatError(
        f"{path}: cannot tell the gold format; give --format ({', '.join(FORMATS)})")


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise GoldFormatError(f"{path}:{number}: expected a JSON object")
            rows.append((number, row))
    return rows


def read_foedus(path: Path) -> list[EventItem]:
    """The team's gold JSONL: one sentence a line, with its expected events."""
    items = []
    for number, row in _read_jsonl(path):
        if not isinstance(row.get("text"), str) or not isinstance(row.get("events"), list):
            raise GoldFormatError(f"{path}:{number}: needs 'text' and an 'events' list")
        events = []
        for event in row["events"]:
            if not isinstance(event, dict) or not event.get("code"):
                raise GoldFormatError(f"{path}:{number}: an event needs at least a 'code'")
            events.append(GoldEvent(
                source=str(event.get("source") or ""), code=str(event["code"]).strip(),
                target=str(event.get("target") or ""),
                polarity=str(event.get("polarity") or "asserted"),
                modality=str(event.get("modality") or "actual")))
        items.append(EventItem(str(row.get("id") or f"line{number}"), row["text"],
                               _iso_date(row.get("date")), tuple(events),
                               no_event=not events))
    return items


def read_petrarch(path: Path) -> list[EventItem]:
    """PETRARCH2's unit-test records (the parse trees are not used)."""
    items = []
    for number, row in _read_jsonl(path):
        if "text" not in row or "expected_events" not in row:
            raise GoldFormatError(f"{path}:{number}: needs 'text' and 'expected_events'")
        events = tuple(
            GoldEvent(str(e.get("source") or ""), str(e.get("event") or ""),
                      str(e.get("target") or ""))
            for e in row["expected_events"] or [])
        items.append(EventItem(str(row.get("id") or f"line{number}"), str(row["text"]),
                               _iso_date(row.get("date")), events,
                               no_event=bool(row.get("noevents")),
                               note=str(row.get("expected_error") or "")))
    return items


def _gold_actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()  # one example gives a bare word ("diplomatic") where actors belong
    out = []
    for actor in value:
        if isinstance(actor, dict):
            code = str(actor.get("code") or "").upper()
            out.append(GoldActor(str(actor.get("actorText") or ""),
                                 LEGACY_COUNTRIES.get(code, code),
                                 str(actor.get("sector") or "")))
    return tuple(out)


def read_plover(path: Path) -> list[PloverItem]:
    """The PLOVER/CAMEO manual examples; documentation records are skipped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: expected a JSON list of examples")
    items = []
    for n, row in enumerate(data):
        if not isinstance(row, dict) or row.get("event") == "DOCUMENT" or not row.get("text"):
            continue
        event = str(row.get("event") or "").upper()
        items.append(PloverItem(
            str(row.get("id") or f"item{n}"), str(row["text"]), _iso_date(row.get("date")),
            PLOVER_RENAMES.get(event, event), str(row.get("mode") or ""),
            _gold_actors(row.get("source")), _gold_actors(row.get("target")),
            str(row.get("eventText") or "")))
    return items


def read_pentaclass(path: Path) -> list[ClassItem]:
    """``sentence<TAB>label`` lines (CSV quoting, as the ConfliBERT file uses)."""
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 2 or row[1].strip() not in ("0", "1", "2", "3", "4"):
                raise GoldFormatError(f"{path}:{number}: expected sentence<TAB>label 0-4")
            # A few sentences lost an opening quote in the source file; the closing one is noise
            text = row[0].strip()
            if text.count('"') % 2 and text.endswith('"'):
                text = text[:-1]
            items.append(ClassItem(f"line{number}", text, int(row[1])))
    return items


def read_ner(path: Path) -> list[SpanItem]:
    """``token TAG`` lines, sentences separated by blank lines."""
    items: list[SpanItem] = []
    tokens: list[str] = []
    tags: list[str] = []
    start = 1

    def flush() -> None:
        if tokens:
            items.append(SpanItem(f"sent{len(items) + 1}@{start}", tuple(tokens), tuple(tags)))
        tokens.clear()
        tags.clear()

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                flush()
                start = number + 1
                continue
            parts = line.split()
            if len(parts) != 2 or not re.fullmatch(r"O|[BI]-\w+", parts[1]):
                raise GoldFormatError(f"{path}:{number}: expected 'token TAG' (BIO)")
            tokens.append(parts[0])
            tags.append(parts[1])
    flush()
    return items


def read_actor_cases(path: Path) -> list[ActorCase]:
    """NGEC's actor-resolution cases: ``<none>`` and an empty cell both mean "none"."""
    def clean(value: str) -> str:
        value = (value or "").strip()
        return "" if value in ("<none>", "????") else value.upper()

    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        needed = {"actor_text", "exp_country", "exp_code_1"}
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise GoldFormatError(f"{path}: needs the columns {', '.join(sorted(needed))}")
        for number, row in enumerate(reader, start=2):
            sectors = tuple(s for s in (clean(row.get("exp_code_1") or ""),
                                        clean(row.get("exp_code_2") or "")) if s)
            items.append(ActorCase(
                str(row.get("test_id") or f"line{number}"), str(row.get("method") or ""),
                str(row.get("actor_text") or ""), str(row.get("context") or "").strip(),
                str(row.get("query_date") or "").strip(), clean(row.get("exp_country") or ""),
                sectors))
    return items


READERS: dict[str, Callable[[Path], list[Any]]] = {
    "foedus": read_foedus, "petrarch": read_petrarch, "plover": read_plover,
    "pentaclass": read_pentaclass, "ner": read_ner, "actors": read_actor_cases,
}


def read_gold(path: Path | str, fmt: str | None = None) -> GoldSet:
    """Read a gold file of any supported format (detected when ``fmt`` is None)."""
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError(f"{path}: no such file")
    fmt = fmt or detect_format(path)
    if fmt not in READERS:
        raise GoldFormatError(f"{path}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    try:
        items = READERS[fmt](path)
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise GoldFormatError(f"{path}: not a {fmt} file ({exc.__class__.__name__}: {exc})"
                              ) from None
    if not items:
        raise GoldFormatError(f"{path}: no items read as {fmt}")
    return GoldSet(path.stem, str(path), fmt, items)


# =============================================================================================
# Results
# =============================================================================================


@dataclass
class Metric:
    """One figure: a ratio in [0, 1] or a count, with how it was obtained."""

    name: str
    value: float | int | None
    detail: str = ""
    count: bool = False

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        return str(self.value) if self.count else f"{self.value:.3f}"


@dataclass
class ErrorCase:
    """A miss: the item, its text, what was expected, what was coded, and why it missed."""

    item: str
    text: str
    expected: list[str]
    coded: list[str]
    reasons: list[str]


@dataclass
class Confusion:
    labels: list[str]
    matrix: list[list[int]]
    title: str = ""


@dataclass
class SetResult:
    """The evaluation of one gold set."""

    name: str
    path: str
    format: str
    items: int
    seconds: float
    metrics: list[Metric] = field(default_factory=list)
    confusion: Confusion | None = None
    errors: list[ErrorCase] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, value: float | int | None, detail: str = "", *,
            count: bool = False) -> None:
        self.metrics.append(Metric(name, value, detail, count))

    def add_counts(self, name: str, counts: Counts) -> None:
        self.add(name, counts.f1, counts.detail())

    def metric(self, name: str) -> float | int | None:
        for m in self.metrics:
            if m.name == name:
                return m.value
        raise KeyError(name)

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "path": self.path, "format": self.format, "items": self.items,
            "seconds": round(self.seconds, 2), "settings": self.settings,
            "metrics": [asdict(m) for m in self.metrics],
            "confusion": asdict(self.confusion) if self.confusion else None,
            "error_categories": dict(self.categories.most_common()), "notes": self.notes,
        }
        if errors:
            out["errors"] = [asdict(e) for e in self.errors]
        return out


# =============================================================================================
# Running the coder
# =============================================================================================


def code_items(coder: Coder, texts: Sequence[str], dates: Sequence[str],
               batch_size: int = 64) -> list[list[Event]]:
    """Events per text, coded in batches through the coder's ``nlp.pipe``."""
    from foedus.api import parse_date

    articles = []
    for text, date in zip(texts, dates, strict=True):
        try:
            day = parse_date(date)
        except ValueError:
            day = None
        articles.append(Article.from_text(text, published=day))
    return [events for _, events in coder.code_articles(articles, batch_size=batch_size)]


def as_cameo(coder: Coder, events: Sequence[Event]) -> list[Event]:
    """A sentence's coded events as a CAMEO set's gold codes them (see the module doc)."""
    if not any(e.extra.get("refusal") for e in events):
        return [e for e in events if e.polarity == "asserted"]
    return cameo_events(events, coder.lexicon, coder.ontology)


def _fmt_event(event: Event) -> str:
    flags = "" if event.polarity == "asserted" else f" {event.polarity.upper()}"
    if event.modality != "actual":
        flags += f" {event.modality}"
    return (f"{event.source_code or '?'} {event.cameo_code} {event.target_code or '?'}"
            f" ({event.plover_type}{flags}; “{event.trigger}”, conf {event.confidence:.2f})")


def _fmt_gold(event: GoldEvent) -> str:
    flags = "" if event.polarity == "asserted" else f" {event.polarity.upper()}"
    if event.modality not in ("actual", ""):
        flags += f" {event.modality}"
    return f"{event.source or '?'} {event.code} {event.target or '?'}{flags}"


# =============================================================================================
# Evaluations
# =============================================================================================


def known_countries(coder: Coder) -> frozenset[str]:
    """Country codes for the comparison rule: the dictionary's (ISO3 and a user's own)."""
    return frozenset(coder.dictionary.country_names)


def evaluate_events(gold: GoldSet, coder: Coder) -> SetResult:
    """Event sets (the team's, PETRARCH's): triples, tuples, codes, types, no-event sentences."""
    started = time.perf_counter()
    items: list[EventItem] = gold.items
    countries = known_countries(coder)
    ontology = load_ontology()
    team = gold.format == "foedus"
    coded_all = code_items(coder, [i.text for i in items], [i.date for i in items])
    if not team:
        coded_all = [as_cameo(coder, coded) for coded in coded_all]

    def key(code: str) -> str:
        return actor_key(code, countries)

    def gold_goldstein(event: GoldEvent) -> float:
        try:
            return abs(ontology.get(event.code).goldstein or 0.0)
        except KeyError:
            return 0.0

    def plover_of(code: str) -> str:
        try:
            return ontology.get(code).plover_type if code[:2] in _ROOTS else ""
        except KeyError:
            return ""

    triples = exact = roots = sources = targets = tuples = Counts()
    code_hits = code_total = 0
    no_event_sentences = no_event_false = no_event_hit_sentences = 0
    type_gold: list[str] = []
    type_pred: list[str] = []
    class_gold: list[int] = []
    class_pred: list[int] = []
    result = SetResult(gold.name, gold.path, gold.format, len(items), 0.0)
    for item, coded in zip(items, coded_all, strict=True):
        predicted = coded
        g_tri = [(key(e.source), key(e.target), e.root) for e in item.events]
        p_tri = [(key(e.source_code), key(e.target_code), e.cameo_root) for e in predicted]
        triples += match_counts(g_tri, p_tri)
        exact += match_counts(
            [(exact_key(e.source), exact_key(e.target), e.code) for e in item.events],
            [(exact_key(e.source_code), exact_key(e.target_code), e.cameo_code)
             for e in predicted])
        roots += match_counts([e.root for e in item.events], [e.cameo_root for e in predicted])
        sources += match_counts([t[0] for t in g_tri], [t[0] for t in p_tri])
        targets += match_counts([t[1] for t in g_tri], [t[1] for t in p_tri])
        tuples += match_counts(
            [(key(e.source), e.root, key(e.target), e.polarity) for e in item.events],
            [(key(e.source_code), e.cameo_root, key(e.target_code), e.polarity)
             for e in predicted])
        # exact-code accuracy: of the triples matched on the root, how many have the full code
        left = list(predicted)
        for g, g_key in zip(item.events, g_tri, strict=True):
            same = [e for e in left
                    if (key(e.source_code), key(e.target_code), e.cameo_root) == g_key]
            if same:
                best = next((e for e in same if e.cameo_code == g.code), same[0])
                left.remove(best)
                code_total += 1
                code_hits += best.cameo_code == g.code
        if item.no_event:
            no_event_sentences += 1
            no_event_false += len(predicted)
            no_event_hit_sentences += bool(predicted)
        # strongest events: PLOVER type and pentaclass
        asserted_gold = [e for e in item.events if e.polarity == "asserted"]
        top_gold = max(asserted_gold, key=gold_goldstein) if asserted_gold else None
        top = strongest(predicted)
        g_class = pentaclass_of_root(top_gold.root) if top_gold else 0
        if g_class is not None:
            class_gold.append(g_class)
            p_class = pentaclass_of_root(top.cameo_root) if top else 0
            class_pred.append(p_class if p_class is not None else 0)
        if top_gold is not None and plover_of(top_gold.code):
            type_gold.append(plover_of(top_gold.code))
            type_pred.append(top.plover_type if top else "(none)")
        _event_errors(result, item, predicted, g_tri, p_tri, check_polarity=team)
    result.add_counts("triple F1 (source, target, root)", triples)
    result.add_counts("exact triple F1 (whole codes)", exact)
    result.add("exact-code accuracy (matched triples)",
               code_hits / code_total if code_total else None,
               f"{code_hits} of {code_total} matched triples have the full code")
    result.add_counts("root F1", roots)
    result.add_counts("source F1", sources)
    result.add_counts("target F1", targets)
    if team:
        result.add_counts("tuple F1 (source, root, target, polarity)", tuples)
    result.add("PLOVER type accuracy (strongest event)", accuracy(type_gold, type_pred)
               if type_gold else None, f"{len(type_gold)} sentences with a typed gold event")
    labels = list(range(5))
    matrix = confusion_matrix(class_gold, class_pred, labels)
    result.add("pentaclass macro-F1 (strongest event)", macro_f1_from_matrix(matrix),
               f"accuracy {accuracy(class_gold, class_pred):.3f} over {len(class_gold)}")
    result.confusion = Confusion(list(PENTACLASS_NAMES), matrix, "pentaclass (rows gold)")
    result.add("events coded on no-event sentences", no_event_false,
               f"on {no_event_hit_sentences} of {no_event_sentences} no-event sentences",
               count=True)
    _explain_silence(result, coder, items, coded_all, asserted_only=not team)
    result.seconds = time.perf_counter() - started
    return result


_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))


Triple = tuple[str, str, str]
# How a missed gold triple pairs with a coded one, closest first: (reason, test(coded, gold)).
_PAIRING: tuple[tuple[str, Callable[[Triple, Triple], bool]], ...] = (
    ("wrong root", lambda t, g: t[:2] == g[:2]),
    ("target wrong or missing", lambda t, g: t[2] == g[2] and t[0] == g[0]),
    ("source wrong or missing", lambda t, g: t[2] == g[2] and t[1] == g[1]),
    ("source and target swapped", lambda t, g: (t[1], t[0]) == g[:2]),
    ("source and target wrong", lambda t, g: t[2] == g[2]),
)


def _event_errors(result: SetResult, item: EventItem, predicted: list[Event],
                  g_tri: list[Triple], p_tri: list[Triple], *, check_polarity: bool = False
                  ) -> None:
    """Record a sentence's misses, each with a reason, and count the reasons.

    A missed gold event is paired, where it can be, with the coded event that came closest
    (same dyad: a wrong code; same root: a wrong actor), so that one mistake counts once;
    coded events left unpaired are spurious.
    """
    left = list(range(len(predicted)))
    missed: list[int] = []
    reasons = []
    for n, triple in enumerate(g_tri):
        same = [m for m in left if p_tri[m] == triple]
        if not same:
            missed.append(n)
            continue
        gold = item.events[n]
        hit = next((m for m in same if predicted[m].cameo_code == gold.code), same[0])
        left.remove(hit)
        coded = predicted[hit]
        # right triple, yet not all right: these count in the exact and tuple figures
        if coded.cameo_code != gold.code:
            reasons.append(f"{_fmt_gold(gold)}: code within the root: expected {gold.code}, "
                           f"coded {coded.cameo_code}")
            result.categories["code within the root"] += 1
        if check_polarity and coded.polarity != gold.polarity:
            reasons.append(f"{_fmt_gold(gold)}: polarity: expected {gold.polarity}, coded "
                           f"{coded.polarity}")
            result.categories["polarity"] += 1
    if not missed and not left and not reasons:
        return
    for n in missed:
        gold = g_tri[n]
        why, paired = ("no event coded" if not predicted else "missed event (others coded)",
                       None)
        for label, test in _PAIRING:
            paired = next((m for m in left if test(p_tri[m], gold)), None)
            if paired is not None:
                left.remove(paired)
                why = label if label != "wrong root" else (
                    f"wrong root: expected {gold[2]}, coded {p_tri[paired][2]}")
                break
        shown = f" (coded {_fmt_event(predicted[paired])})" if paired is not None else ""
        reasons.append(f"{_fmt_gold(item.events[n])}: {why}{shown}")
        result.categories[why.split(":")[0]] += 1
    for m in left:
        why = "event on a no-event sentence" if item.no_event else "spurious event"
        reasons.append(f"{_fmt_event(predicted[m])}: {why}")
        result.categories[why] += 1
    result.errors.append(ErrorCase(item.id, item.text, [_fmt_gold(e) for e in item.events],
                                   [_fmt_event(e) for e in predicted], reasons))


def _explain_silence(result: SetResult, coder: Coder, items: Sequence[Any],
                     coded_all: Sequence[Sequence[Event]], *, asserted_only: bool = True
                     ) -> None:
    """Tell apart, for sentences with no event, a missing trigger from a missing actor.

    The dictionaries' mentions of each silent sentence are found again (one batched parse):
    with two or more actors found, what is missing is the trigger or the link from it to the
    actors; with fewer, actor resolution comes first. Each such miss gets the actors found as
    a reason, and the set two counts.
    """
    from foedus.api import parse_date

    # sentences that expect no event are silent by design: not a miss to explain
    silent = [n for n, coded in enumerate(coded_all)
              if not any(e.polarity == "asserted" or not asserted_only for e in coded)
              and not (isinstance(items[n], EventItem) and not items[n].events)]
    texts = [items[n].text for n in silent]
    days = []
    for n in silent:
        try:
            days.append(parse_date(getattr(items[n], "date", "") or None))
        except ValueError:
            days.append(None)
    cases: dict[str, list[ErrorCase]] = {}
    for case in result.errors:
        cases.setdefault(case.item, []).append(case)
    two_or_more = 0
    for n, doc, day in zip(silent, coder.nlp.pipe(texts, batch_size=64), days, strict=True):
        mentions = coder.resolver.mentions(doc, day)
        found = [f"{doc[m.start:m.end].text}={m.actor.code}" + (" (modifier)" if m.modifier
                                                                  else "") for m in mentions]
        codes = {m.actor.code for m in mentions}
        two_or_more += len(codes) >= 2
        for case in cases.get(items[n].id, []):
            case.reasons.append("actors the dictionaries find: " + (", ".join(found) or "none"))
    result.add("sentences with no event coded", len(silent),
               "among those that expect one", count=True)
    result.add("... of them with 2+ actors found", two_or_more,
               "a trigger or the link to the actors is missing; the rest lack actors",
               count=True)


def _predicted_country(code: str, country: str, *, generic_igo: bool = False) -> str:
    """An actor's country in the gold sets' sense: ISO3, else IGO/NGO/UNO/EUR, else ''.

    NGEC's cases code the UN system as UNO and the EU as EUR; the CAMEO manual examples code
    every intergovernmental body as IGO (``generic_igo``).
    """
    if country:
        return country
    code = (code or "").upper()
    if generic_igo and code.startswith("IGO"):
        return "IGO"
    if code in UN_CODES:
        return "UNO"
    if code in EUROPE_CODES:
        return "EUR"
    if code.startswith(("IGO", "NGO", "IMG")):
        return code[:3]
    return ""


def _predicted_sector(code: str, sector: str) -> str:
    """An actor's sector, with the IGO/NGO marker of organisations counted as none."""
    sector = (sector or "").upper()
    return "" if sector in ("IGO", "NGO") else sector[:3]


def evaluate_plover(gold: GoldSet, coder: Coder) -> SetResult:
    """CAMEO manual examples: PLOVER type of the strongest event; actor country and sector."""
    started = time.perf_counter()
    items: list[PloverItem] = gold.items
    coded_all = code_items(coder, [i.text for i in items], [i.date for i in items])
    result = SetResult(gold.name, gold.path, gold.format, len(items), 0.0)
    gold_types, pred_types, any_hits = [], [], 0
    country_ok = sector_ok = slots = sector_slots = 0
    coded_all = [as_cameo(coder, coded) for coded in coded_all]
    for item, coded in zip(items, coded_all, strict=True):
        predicted = coded
        top = strongest(predicted)
        pred_type = top.plover_type if top else "(none)"
        gold_types.append(item.event_type)
        pred_types.append(pred_type)
        any_hits += any(e.plover_type == item.event_type for e in predicted)
        # actors: read from the coded event of the expected type if there is one
        aligned = max((e for e in predicted if e.plover_type == item.event_type),
                      key=lambda e: e.confidence, default=top)
        reasons = []
        if pred_type != item.event_type:
            why = "no event coded" if not predicted else (
                f"type {item.event_type} coded as {pred_type}")
            reasons.append(why)
            result.categories["no event coded" if not predicted else
                              f"{item.event_type} -> {pred_type}"] += 1
        for role, actors in (("source", item.sources), ("target", item.targets)):
            if not actors:
                continue
            slots += 1
            code = getattr(aligned, f"{role}_code") if aligned else ""
            country = _predicted_country(code, getattr(aligned, f"{role}_country")
                                         if aligned else "", generic_igo=True)
            sector = _predicted_sector(code, getattr(aligned, f"{role}_sector")
                                       if aligned else "")
            expected_countries = {a.country for a in actors}
            if aligned and country in expected_countries:
                country_ok += 1
            else:
                reasons.append(f"{role} country: expected {'/'.join(sorted(expected_countries))}"
                               f", coded {country or '(none)' if aligned else '(no event)'}")
                result.categories[f"{role} country wrong" if aligned else
                                  f"{role} missing (no event)"] += 1
            known = [a for a in actors if a.sector != "***"]
            if known:
                sector_slots += 1
                expected_sectors = {a.sector[:3].upper() for a in known}
                if aligned and sector in expected_sectors:
                    sector_ok += 1
        if reasons:
            said = f" “{item.trigger}”" if item.trigger else ""
            expected = [f"{item.event_type}{'/' + item.mode if item.mode else ''}{said}: "
                        f"{'+'.join(a.country + a.sector for a in item.sources) or '?'} -> "
                        f"{'+'.join(a.country + a.sector for a in item.targets) or '?'}"]
            result.errors.append(ErrorCase(item.id, item.text, expected,
                                           [_fmt_event(e) for e in coded], reasons))
    result.add("PLOVER type accuracy (strongest event)", accuracy(gold_types, pred_types),
               f"{sum(g == p for g, p in zip(gold_types, pred_types, strict=True))} of "
               f"{len(gold_types)}")
    result.add("PLOVER type in any coded event", any_hits / len(items) if items else None,
               f"{any_hits} of {len(items)}")
    result.add("actor country accuracy", country_ok / slots if slots else None,
               f"{country_ok} of {slots} source/target slots")
    result.add("actor sector accuracy", sector_ok / sector_slots if sector_slots else None,
               f"{sector_ok} of {sector_slots} slots with a known sector")
    _explain_silence(result, coder, items, coded_all)
    result.seconds = time.perf_counter() - started
    return result


def evaluate_pentaclass(gold: GoldSet, coder: Coder) -> SetResult:
    """Pentaclass of each sentence's strongest event against the label: macro-F1, confusion."""
    started = time.perf_counter()
    items: list[ClassItem] = gold.items
    coded_all = [as_cameo(coder, coded) for coded in
                 code_items(coder, [i.text for i in items], [""] * len(items))]
    result = SetResult(gold.name, gold.path, gold.format, len(items), 0.0)
    gold_labels, pred_labels = [], []
    for item, coded in zip(items, coded_all, strict=True):
        top = strongest(coded)
        label = pentaclass_of_root(top.cameo_root) if top else 0
        label = 0 if label is None else label
        gold_labels.append(item.label)
        pred_labels.append(label)
        if label != item.label:
            why = f"{item.label} -> {label}" + (" (no event)" if top is None else "")
            result.categories[why] += 1
            result.errors.append(ErrorCase(
                item.id, item.text, [PENTACLASS_NAMES[item.label]],
                [_fmt_event(e) for e in coded] or ["(no event)"],
                [f"class {PENTACLASS_NAMES[label]}" + (f" from {_fmt_event(top)}" if top
                                                       else " (no event)")]))
    labels = list(range(5))
    matrix = confusion_matrix(gold_labels, pred_labels, labels)
    result.add("pentaclass macro-F1", macro_f1_from_matrix(matrix))
    result.add("pentaclass accuracy", accuracy(gold_labels, pred_labels))
    for name, counts in zip(PENTACLASS_NAMES, class_counts(matrix), strict=True):
        present = counts.tp + counts.fp + counts.fn > 0
        result.add(f"F1 class {name}", counts.f1 if present else None, counts.detail())
    _explain_silence(result, coder, items, coded_all)
    result.confusion = Confusion(list(PENTACLASS_NAMES), matrix, "pentaclass (rows gold)")
    result.seconds = time.perf_counter() - started
    return result


def event_actor_spans(coder: Coder, texts: Sequence[str], coded: Sequence[Sequence[Event]]
                      ) -> list[list[tuple[str, int, int, str]]]:
    """(role, char start, char end, code) of each event's source and target mention.

    Events that carry ``extra["source_span"]``/``extra["target_span"]`` give them directly;
    otherwise the mention is found again with the coder's resolver (one batched parse): the
    mention of the event's actor that lies inside the event's evidence span.
    """
    need_parse = any(not e.extra.get(f"{role}_span") for events in coded for e in events
                     for role in ("source", "target"))
    # one batched parse, only when some event does not carry its spans
    docs: Iterable[Any] = coder.nlp.pipe(texts, batch_size=64) if need_parse else (
        [None] * len(texts))
    out: list[list[tuple[str, int, int, str]]] = []
    for events, doc in zip(coded, docs, strict=True):
        mentions = None
        spans = []
        for event in events:
            for role in ("source", "target"):
                code = getattr(event, f"{role}_code")
                given = event.extra.get(f"{role}_span")
                if given:
                    spans.append((role, int(given[0]), int(given[1]), code))
                    continue
                if mentions is None:
                    mentions = coder.resolver.mentions(doc)
                candidates = []
                for m in mentions:
                    start = doc[m.start].idx
                    end = doc[m.end - 1].idx + len(doc[m.end - 1].text)
                    if m.actor.code == code and event.span_start <= start and (
                            end <= event.span_end):
                        candidates.append((start, end))
                if candidates:
                    start, end = candidates[0] if role == "source" else candidates[-1]
                    spans.append((role, start, end, code))
        out.append(spans)
    return out


def evaluate_spans(gold: GoldSet, coder: Coder) -> SetResult:
    """Source and target spans of the strongest event against BIO-tagged spans."""
    started = time.perf_counter()
    items: list[SpanItem] = gold.items
    texts = [Article.from_text(i.text).text for i in items]
    coded_all = [as_cameo(coder, coded) for coded in code_items(coder, texts, [""] * len(items))]
    chosen: list[list[Event]] = []
    for coded in coded_all:
        top = strongest(coded)
        # the strongest event, with its conjunct siblings (same trigger and code)
        chosen.append([e for e in coded if top is not None and e.polarity == "asserted"
                       and e.trigger == top.trigger and e.cameo_code == top.cameo_code
                       and e.sentence_index == top.sentence_index])
    spans_all = event_actor_spans(coder, texts, chosen)
    result = SetResult(gold.name, gold.path, gold.format, len(items), 0.0)
    exact = {"S": Counts(), "T": Counts()}
    loose = {"S": Counts(), "T": Counts()}
    for item, text, spans in zip(items, texts, spans_all, strict=True):
        offsets = item.offsets()
        if text != item.text:  # normalisation changed the text: offsets would not line up
            offsets = []
        gold_spans = [s for s in bio_spans(item.tags) if s[0] in ("S", "T")]
        predicted: list[Span] = []
        for role, start, end, _code in spans:
            covered = [n for n, (a, b) in enumerate(offsets) if a < end and start < b]
            if covered:
                span = ("S" if role == "source" else "T", covered[0], covered[-1] + 1)
                if span not in predicted:
                    predicted.append(span)
        for label in ("S", "T"):
            g = [s for s in gold_spans if s[0] == label]
            p = [s for s in predicted if s[0] == label]
            exact[label] += span_counts(g, p)
            loose[label] += span_counts(g, p, overlap=True)
        if sorted(gold_spans) != sorted(predicted):
            def show(spans: Sequence[Span], tokens: Sequence[str] = item.tokens) -> list[str]:
                return [f"{s[0]}: {' '.join(tokens[s[1]:s[2]])}" for s in spans]
            why = "no event coded" if not spans else "spans differ"
            result.categories[why] += 1
            result.errors.append(ErrorCase(item.id, item.text, show(gold_spans),
                                           show(predicted) or ["(none)"], [why]))
    result.add_counts("source span F1 (exact)", exact["S"])
    result.add_counts("target span F1 (exact)", exact["T"])
    result.add_counts("source span F1 (overlap)", loose["S"])
    result.add_counts("target span F1 (overlap)", loose["T"])
    result.seconds = time.perf_counter() - started
    return result


_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")


def parse_query_date(text: str, today: dt.date) -> dt.date | None:
    """A case's query date: ISO, "10 May 2015", "October 1, 2021", "today"; None if empty."""
    text = text.strip()
    if not text:
        return None
    if text.lower() == "today":
        return today
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.title(), fmt).date()
        except ValueError:
            continue
    return None


def evaluate_actors(gold: GoldSet, coder: Coder, *, today: dt.date | None = None) -> SetResult:
    """Actor strings resolved alone: country accuracy, sector accuracy, both."""
    from foedus.actors.lookup import resolve_actor_texts

    started = time.perf_counter()
    items: list[ActorCase] = gold.items
    today = today or dt.date.today()
    actors = resolve_actor_texts([c.text for c in items],
                                 [parse_query_date(c.query_date, today) for c in items],
                                 [c.context for c in items], coder=coder)
    result = SetResult(gold.name, gold.path, gold.format, len(items), 0.0)
    result.settings["today"] = today.isoformat()
    country_ok = sector_ok = both_ok = 0
    for case, actor in zip(items, actors, strict=True):
        code = actor.code if actor else ""
        country = _predicted_country(code, actor.country) if actor else ""
        sector = _predicted_sector(code, actor.sector) if actor else ""
        c_ok = country == case.country
        s_ok = sector in case.sectors if case.sectors else sector == ""
        country_ok += c_ok
        sector_ok += s_ok
        both_ok += c_ok and s_ok
        if not (c_ok and s_ok):
            reasons = []
            if not c_ok:
                why = ("unresolved" if actor is None else
                       "country expected, none coded" if case.country and not country else
                       "country coded, none expected" if country and not case.country else
                       "wrong country")
                reasons.append(f"country: {why}")
                result.categories[f"country: {why}"] += 1
            if not s_ok:
                result.categories["sector wrong"] += 1
                reasons.append("sector wrong")
            expected = f"{case.country or '(none)'} {'/'.join(case.sectors) or '(none)'}"
            coded = f"{code} (country {country or '(none)'}, sector {sector or '(none)'})" if (
                actor) else "(unresolved)"
            context = f" [context: {case.context}]" if case.context else ""
            date = f" [date: {case.query_date}]" if case.query_date else ""
            result.errors.append(ErrorCase(case.id, case.text + context + date, [expected],
                                           [coded], reasons))
    n = len(items)
    result.add("actor country accuracy", country_ok / n if n else None, f"{country_ok} of {n}")
    result.add("actor sector accuracy", sector_ok / n if n else None, f"{sector_ok} of {n}")
    result.add("country and sector both right", both_ok / n if n else None, f"{both_ok} of {n}")
    result.add("unresolved strings", sum(1 for a in actors if a is None), count=True)
    result.seconds = time.perf_counter() - started
    return result


EVALUATORS: dict[str, Callable[[GoldSet, Coder], SetResult]] = {
    "foedus": evaluate_events, "petrarch": evaluate_events, "plover": evaluate_plover,
    "pentaclass": evaluate_pentaclass, "ner": evaluate_spans, "actors": evaluate_actors,
}


def evaluate_set(gold: GoldSet, coder: Coder, *, limit: int | None = None) -> SetResult:
    """Evaluate one read gold set with a coder (the first ``limit`` items only, if given)."""
    if limit is not None:
        gold = GoldSet(gold.name, gold.path, gold.format, gold.items[:limit])
    return EVALUATORS[gold.format](gold, coder)


# Sentence-level sets ask what kind of event a sentence reports, whoever the parties are, so
# their coder keeps one-sided events (a source or target the text does not name).
MIN_ACTORS = {"pentaclass": 0, "plover": 1}

def make_coder(actors: Sequence[Path | str] = (), *, shipped_actors: bool = True,
               min_actors: int = 2, patterns: Sequence[Path | str] = (),
               shipped_patterns: bool = True) -> Coder:
    """The coder an evaluation uses, built once per dictionaries, patterns and setting."""
    from foedus.api import get_coder

    return get_coder(actors, patterns, shipped_actors=shipped_actors, min_actors=min_actors,
                     shipped_patterns=shipped_patterns)


def evaluate_file(path: Path | str, *, fmt: str | None = None,
                  actors: Sequence[Path | str] = (), shipped_actors: bool = True,
                  limit: int | None = None, patterns: Sequence[Path | str] = ()) -> SetResult:
    """Read a gold file, code it and score it; raises GoldFormatError for unreadable files."""
    gold = read_gold(path, fmt)
    coder = make_coder(actors, shipped_actors=shipped_actors, patterns=patterns,
                       min_actors=MIN_ACTORS.get(gold.format, 2))
    result = evaluate_set(gold, coder, limit=limit)
    result.settings.update({"actors": [str(a) for a in actors],
                            "shipped_actors": shipped_actors})
    if limit is not None:
        result.settings["limit"] = limit
    return result
