"""The scorers against figures computed by hand.

A scorer that reports a wrong F1 is worse than none, so every figure here is worked out in the
comments from the raw counts, and the per-set evaluations run on the project's small fixtures
with a stub coder whose answers are fixed: the figures depend on the scoring alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from foedus.evaluate import (
    Counts,
    GoldFormatError,
    accuracy,
    actor_key,
    bio_spans,
    class_counts,
    confusion_matrix,
    detect_format,
    evaluate_set,
    exact_key,
    macro_f1,
    match_counts,
    micro_counts,
    parse_query_date,
    pentaclass_of_root,
    read_gold,
    span_counts,
    strongest,
)
from foedus.events.ontology import load_ontology
from foedus.records import Article, Event

EVAL = Path(__file__).parent / "fixtures" / "eval"
COUNTRIES = frozenset({"RUS", "UKR", "USA", "ARM", "IRQ", "ISR", "PSE", "LBN", "ARD", "VST"})


def event(source: str, code: str, target: str, *, polarity: str = "asserted",
          confidence: float = 0.9, extra: dict[str, Any] | None = None) -> Event:
    """A coded event with the ontology's figures for its code."""
    entry = load_ontology().get(code)

    def parts(actor: str) -> tuple[str, str]:
        return (actor[:3], actor[3:]) if actor[:3] in COUNTRIES else ("", actor)

    (s_country, s_sector), (t_country, t_sector) = parts(source), parts(target)
    return Event(
        event_id="e", article_id="a", sentence_index=0, span_start=0, span_end=1, sentence="",
        date="", source_code=source, source_name=source, source_country=s_country,
        source_sector=s_sector, target_code=target, target_name=target,
        target_country=t_country, target_sector=t_sector, cameo_code=entry.code,
        cameo_root=entry.root, goldstein=entry.goldstein, quad_class=entry.quad_class,
        plover_type=entry.plover_type, plover_mode=entry.plover_mode, polarity=polarity,
        modality="actual", attributed_to="", trigger="t", confidence=confidence,
        coder_version="test", extra=extra or {})


class StubCoder:
    """Answers fixed events per text: the evaluation's arithmetic, without the model."""

    def __init__(self, answers: dict[str, list[Event]]) -> None:
        self.answers = answers
        self.dictionary = SimpleNamespace(country_names={c: c for c in COUNTRIES})
        # the diagnosis of silent sentences parses them again: here it finds no actors
        self.nlp = SimpleNamespace(pipe=lambda texts, batch_size=64: [None for _ in texts])
        self.resolver = SimpleNamespace(mentions=lambda doc, day=None: [])

    def code_articles(self, articles: Iterable[Article], batch_size: int = 32
                      ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, self.answers.get(article.text, [])


# -- P/R/F1 ---------------------------------------------------------------------------------


def test_three_predictions_two_right_four_expected() -> None:
    # 3 predicted, 2 of them right, 4 expected: P = 2/3, R = 2/4, F1 = 2PR/(P+R) = 4/7
    counts = match_counts(["a", "b", "c", "d"], ["a", "b", "x"])
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 2)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(4 / 7)
    assert round(counts.f1, 3) == 0.571


def test_items_match_as_multisets() -> None:
    # expected twice, predicted once: one hit, one miss; predicted twice, expected once: one
    # hit, one false positive
    assert match_counts(["x", "x"], ["x"]) == Counts(1, 0, 1)
    assert match_counts(["x"], ["x", "x"]) == Counts(1, 1, 0)


def test_micro_average_sums_counts_over_sentences() -> None:
    # sentence 1: gold {a, b}, coded {a} -> TP 1, FN 1; sentence 2: gold {c}, coded {c, d} ->
    # TP 1, FP 1. Micro: TP 2, FP 1, FN 1 -> P = R = F1 = 2/3 (a macro average over the two
    # sentences would give F1 (2/3 + 2/3) / 2 as well, but P 0.75 and R 0.75: not this)
    total = micro_counts([(["a", "b"], ["a"]), (["c"], ["c", "d"])])
    assert total == Counts(2, 1, 1)
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 3)
    assert total.f1 == pytest.approx(2 / 3)


def test_zero_denominators_give_zero() -> None:
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0
    assert match_counts([], ["a"]).f1 == 0.0


# -- accuracy, confusion, macro-F1 -------------------------------------------------------------


def test_confusion_matrix_and_macro_f1_by_hand() -> None:
    gold = [0, 0, 1, 1, 2, 2]
    pred = [0, 1, 1, 1, 2, 0]
    # rows gold, columns coded
    matrix = confusion_matrix(gold, pred, [0, 1, 2, 3])
    assert matrix == [[1, 1, 0, 0], [0, 2, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0]]
    per_class = class_counts(matrix)
    # class 0: TP 1, FP 1 (a 2 coded 0), FN 1 -> F1 0.5
    # class 1: TP 2, FP 1 (a 0 coded 1), FN 0 -> P 2/3, R 1, F1 0.8
    # class 2: TP 1, FP 0, FN 1 -> P 1, R 1/2, F1 2/3
    # class 3: in neither the gold nor the predictions: left out of the average
    assert [c.f1 for c in per_class[:3]] == pytest.approx([0.5, 0.8, 2 / 3])
    assert macro_f1(gold, pred, [0, 1, 2, 3]) == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert round(macro_f1(gold, pred, [0, 1, 2]), 4) == 0.6556
    assert accuracy(gold, pred) == pytest.approx(4 / 6)


def test_confusion_matrix_rejects_unknown_labels_and_length_mismatch() -> None:
    with pytest.raises(ValueError):
        confusion_matrix([0, 5], [0, 0], [0, 1])
    with pytest.raises(ValueError):
        accuracy([0, 1], [0])


# -- spans --------------------------------------------------------------------------------------


def test_bio_spans() -> None:
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "I-T", "O", "I-S", "B-S", "B-S"]
    # a stray I-S starts a span; B-S right after a span starts a new one
    assert bio_spans(tags) == [("S", 0, 2), ("T", 3, 6), ("S", 7, 8), ("S", 8, 9),
                               ("S", 9, 10)]
    assert bio_spans(["O", "O"]) == []


def test_span_f1_exact_and_overlap() -> None:
    gold = [("S", 0, 2), ("T", 3, 6)]
    coded = [("S", 0, 2), ("T", 4, 5)]
    # exact: S matches, T does not -> TP 1, FP 1, FN 1 -> F1 0.5
    assert span_counts(gold, coded).f1 == pytest.approx(0.5)
    # overlap: "T 4-5" shares a token with "T 3-6" -> TP 2 -> F1 1.0
    assert span_counts(gold, coded, overlap=True) == Counts(2, 0, 0)
    # overlap is one-to-one and label-bound: of two coded T spans inside one gold T span one
    # matches and one is a false positive; the S span matches nothing -> TP 1, FP 2, FN 0
    assert span_counts([("T", 0, 4)], [("T", 0, 1), ("T", 2, 3), ("S", 0, 4)], overlap=True
                       ) == Counts(1, 2, 0)


# -- the rules the evaluations share -----------------------------------------------------------


def test_pentaclass_of_root() -> None:
    expected = {"01": 0, "02": 0, "03": 1, "05": 1, "06": 2, "08": 2, "09": 3, "13": 3,
                "16": 3, "14": 4, "15": 4, "17": 4, "20": 4}
    assert {root: pentaclass_of_root(root) for root in expected} == expected
    assert pentaclass_of_root("90") is None
    assert pentaclass_of_root("") is None


def test_actor_comparison_rule() -> None:
    # states by country; collectives, IGOs and NGOs by the whole code; "---" dropped
    assert actor_key("RUSGOV", COUNTRIES) == actor_key("RUSMIL", COUNTRIES) == "RUS"
    assert actor_key("RUSALY", COUNTRIES) == "RUSALY"
    assert actor_key("IGOCSTO", COUNTRIES) == "IGOCSTO"
    assert actor_key("WST", COUNTRIES) == "WST"
    assert actor_key("---GOV", COUNTRIES) == "GOV"
    assert exact_key("RUSGOV") == "RUSGOV"
    assert exact_key("---") == ""


def test_strongest_event() -> None:
    weak = event("RUS", "042", "UKR", confidence=0.9)  # Goldstein 1.9
    strong = event("RUS", "111", "UKR", confidence=0.9)  # Goldstein -2.0: larger |G|
    sure = event("RUS", "042", "UKR", confidence=0.95)
    denied = event("RUS", "190", "UKR", polarity="negated", confidence=1.0)
    assert strongest([weak, strong]) is strong  # same confidence: larger |Goldstein|
    assert strongest([strong, sure]) is sure  # confidence first
    assert strongest([denied]) is None  # only asserted events count
    assert strongest([denied, weak]) is weak


def test_query_dates() -> None:
    import datetime as dt

    today = dt.date(2026, 11, 25)
    assert parse_query_date("Today", today) == today
    assert parse_query_date("2022-01-10", today) == dt.date(2022, 1, 10)
    assert parse_query_date("10 May 2015", today) == dt.date(2015, 5, 10)
    assert parse_query_date("October 1, 2021", today) == dt.date(2021, 10, 1)
    assert parse_query_date("1 july 2021", today) == dt.date(2021, 7, 1)
    assert parse_query_date("", today) is None


# -- readers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name, fmt", [
    ("team.jsonl", "foedus"), ("petrarch_records.jsonl", "petrarch"),
    ("plover_examples.json", "plover"), ("pentaclass.tsv", "pentaclass"),
    ("spans_ner.txt", "ner"), ("actor_cases.tsv", "actors"),
])
def test_formats_detected_by_name_and_by_content(name: str, fmt: str, tmp_path: Path) -> None:
    assert detect_format(EVAL / name) == fmt
    neutral = tmp_path / f"gold{Path(name).suffix}"
    shutil.copy(EVAL / name, neutral)
    assert detect_format(neutral) == fmt


def test_readers() -> None:
    team = read_gold(EVAL / "team.jsonl")
    assert [len(i.events) for i in team.items] == [2, 1, 0, 1]
    assert team.items[2].no_event and team.items[3].events[0].polarity == "negated"
    petrarch = read_gold(EVAL / "petrarch_records.jsonl")
    assert petrarch.items[0].date == "1995-01-01"
    assert petrarch.items[2].no_event
    plover = read_gold(EVAL / "plover_examples.json")
    # the DOCUMENT record is skipped; old names take the current ones; a bare word where the
    # targets belong gives no target
    assert [i.event_type for i in plover.items] == ["REQUEST", "ASSAULT", "AGREE"]
    assert plover.items[2].targets == ()
    classes = read_gold(EVAL / "pentaclass.tsv")
    assert [i.label for i in classes.items] == [4, 1, 0, 2, 0]
    assert classes.items[4].text == 'He said "no" to the plan.'
    spans = read_gold(EVAL / "spans_ner.txt")
    assert [len(i.tokens) for i in spans.items] == [7, 4]
    cases = read_gold(EVAL / "actor_cases.tsv")
    assert cases.items[2].country == "" and cases.items[2].sectors == ("MIL",)
    assert cases.items[5].sectors == ("GOV", "MIL") and cases.items[5].context == "German"


def test_unreadable_gold_files_name_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "team.jsonl"
    bad.write_text('{"id": 1, "text": "x", "events": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"team.jsonl:2: not JSON"):
        read_gold(bad)
    with pytest.raises(GoldFormatError, match="no such file"):
        read_gold(tmp_path / "missing.jsonl")
    odd = tmp_path / "mystery.dat"
    odd.write_text("nothing to see\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="--format"):
        read_gold(odd)
    labels = tmp_path / "labels.tsv"
    labels.write_text("A sentence.\t7\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="labels.tsv:1"):
        read_gold(labels, "pentaclass")


# -- whole evaluations, with a stub coder ------------------------------------------------------


def _texts(path: Path) -> list[str]:
    return [item.text for item in read_gold(path).items]


def test_team_set_figures_by_hand() -> None:
    t1, t2, t3, t4 = _texts(EVAL / "team.jsonl")
    coder = StubCoder({
        t1: [event("RUSGOV", "111", "UKR"), event("USA", "042", "UKR")],
        t2: [event("WST", "070", "UKR", confidence=0.8)],
        t3: [event("RUS", "190", "UKR", confidence=0.7)],
        t4: [event("RUS", "070", "ARM")],  # the gold says negated
    })
    result = evaluate_set(read_gold(EVAL / "team.jsonl"), coder)  # type: ignore[arg-type]
    # triples (source key, target key, root):
    #   t1 gold {RUS-UKR-11, UKR-RUS-19}, coded {RUS-UKR-11, USA-UKR-04}: TP 1, FP 1, FN 1
    #   t2 WST-UKR-07 both: TP 1;  t3 no gold, one coded: FP 1;  t4 RUS-ARM-07 both: TP 1
    #   TP 3, FP 2, FN 1 -> P 0.6, R 0.75, F1 0.9 / 1.35 = 2/3
    assert result.metric("triple F1 (source, target, root)") == pytest.approx(2 / 3)
    # exact (whole codes, full CAMEO code): only t4 matches -> TP 1, FP 4, FN 3
    #   P 0.2, R 0.25, F1 0.1 / 0.45
    assert result.metric("exact triple F1 (whole codes)") == pytest.approx(0.1 / 0.45)
    # of the 3 triples matched on the root, t1 (111) and t4 (070) have the full code
    assert result.metric("exact-code accuracy (matched triples)") == pytest.approx(2 / 3)
    assert result.metric("root F1") == pytest.approx(2 / 3)
    assert result.metric("source F1") == pytest.approx(2 / 3)
    assert result.metric("target F1") == pytest.approx(2 / 3)
    # tuples add polarity: t4 is now a miss and a false positive -> TP 2, FP 3, FN 2
    #   P 0.4, R 0.5, F1 0.4 / 0.9
    assert result.metric("tuple F1 (source, root, target, polarity)") == pytest.approx(0.4 / 0.9)
    # PLOVER type of the strongest event, where the gold has an asserted event:
    #   t1 gold 190 ASSAULT (|G| 10 beats 2), coded 111 ACCUSE (|G| 2.0 beats 042's 1.9): wrong
    #   t2 gold 072 AID, coded 070 AID: right. t3 and t4 have no asserted gold event.
    assert result.metric("PLOVER type accuracy (strongest event)") == pytest.approx(0.5)
    # pentaclass: gold [4, 2, 0, 0], coded [3, 2, 4, 2]; F1 class 0 = 0 (2 missed),
    #   class 2 = 2/3 (TP 1, FP 1), class 3 = 0 (FP 1), class 4 = 0 (FP 1, FN 1);
    #   class 1 occurs nowhere: macro over 4 classes = (2/3) / 4
    assert result.metric("pentaclass macro-F1 (strongest event)") == pytest.approx(1 / 6)
    assert result.confusion is not None
    assert result.confusion.matrix[0] == [0, 0, 1, 0, 1]
    assert result.metric("events coded on no-event sentences") == 1
    # every miss is listed with its reason: t1's UKR->RUS 19 shares neither dyad nor root with
    # the coded USA->UKR 04, so one is missed and the other spurious; t2 has the right root but
    # not the full code; t4 the wrong polarity
    reasons = {e.item: " | ".join(e.reasons) for e in result.errors}
    assert set(reasons) == {"t1", "t2", "t3", "t4"}
    assert "missed event (others coded)" in reasons["t1"] and "spurious event" in reasons["t1"]
    assert "code within the root: expected 072, coded 070" in reasons["t2"]
    assert "polarity: expected negated, coded asserted" in reasons["t4"]
    assert result.categories["event on a no-event sentence"] == 1
    assert result.metric("sentences with no event coded") == 0


def test_petrarch_set_uses_asserted_events_and_drops_unknown_country() -> None:
    p1, p2, p3, p4 = _texts(EVAL / "petrarch_records.jsonl")
    coder = StubCoder({
        p1: [event("ARDGOV", "064", "VST"), event("ARD", "111", "VST", polarity="negated")],
        p2: [event("GOV", "023", "ARD")],
        p3: [event("ARD", "190", "VST", polarity="negated")],
    })
    result = evaluate_set(read_gold(EVAL / "petrarch_records.jsonl"), coder)  # type: ignore[arg-type]
    # negated events are not CAMEO predictions: P1 TP 1; P2 "---GOV" = "GOV": TP 1; P4 FN 1
    #   TP 2, FP 0, FN 1 -> P 1, R 2/3, F1 0.8
    assert result.metric("triple F1 (source, target, root)") == pytest.approx(0.8)
    # exact: ARDGOV is not ARD -> P1 FP 1 + FN 1; P2 TP 1; P4 FN 1 -> P 1/2, R 1/3, F1 0.4
    assert result.metric("exact triple F1 (whole codes)") == pytest.approx(0.4)
    assert result.metric("events coded on no-event sentences") == 0
    # P4 expects an event and got none; P3 (only a negated event) expects none: not a miss
    assert result.metric("sentences with no event coded") == 1
    with pytest.raises(KeyError):
        result.metric("tuple F1 (source, root, target, polarity)")  # no polarity in the gold


def test_plover_set_figures_by_hand() -> None:
    demand, fight, _agree = _texts(EVAL / "plover_examples.json")
    coder = StubCoder({
        demand: [event("USAGOV", "020", "IRQ")],
        fight: [event("ISRMIL", "190", "LBN")],
    })
    result = evaluate_set(read_gold(EVAL / "plover_examples.json"), coder)  # type: ignore[arg-type]
    # types: REQUEST right, ASSAULT right, AGREE not coded -> 2/3
    assert result.metric("PLOVER type accuracy (strongest event)") == pytest.approx(2 / 3)
    # actor slots: DEMAND source USA ok, target IRQ ok; FIGHT source ISR ok, target PSE coded
    #   LBN; AGREE source IGO, no event -> 3 of 5
    assert result.metric("actor country accuracy") == pytest.approx(3 / 5)
    # sectors: GOV ok, none ok; MIL ok, REB coded none; IGO's none with no event -> 3 of 5
    assert result.metric("actor sector accuracy") == pytest.approx(3 / 5)


def test_pentaclass_set_figures_by_hand() -> None:
    attack, praise, _said, aid, _no = _texts(EVAL / "pentaclass.tsv")
    coder = StubCoder({
        attack: [event("RUSMIL", "190", "UKR")],
        aid: [event("JPN", "070", "TUR", polarity="negated"),
              event("JPN", "111", "TUR", confidence=0.5)],
    })
    result = evaluate_set(read_gold(EVAL / "pentaclass.tsv"), coder)  # type: ignore[arg-type]
    # gold [4, 1, 0, 2, 0]; coded [4, 0 (nothing), 0, 3 (the asserted 111), 0]
    # class 0: TP 2, FP 1 -> F1 0.8; class 4: F1 1; classes 1, 2 and 3: 0 -> macro 1.8 / 5
    assert result.metric("pentaclass macro-F1") == pytest.approx(1.8 / 5)
    assert result.metric("pentaclass accuracy") == pytest.approx(3 / 5)
    assert result.confusion is not None
    assert result.confusion.matrix == [[2, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0],
                                       [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]]


def test_span_set_figures_by_hand() -> None:
    first, _second = _texts(EVAL / "spans_ner.txt")
    # "Alpha troops attacked the Beta village ." - source "Alpha troops" (chars 0-12) exact;
    # target "Beta" (26-30) inside the gold "the Beta village"
    coder = StubCoder({first: [event("ALPMIL", "190", "BET",
                                     extra={"source_span": (0, 12), "target_span": (26, 30)})]})
    result = evaluate_set(read_gold(EVAL / "spans_ner.txt"), coder)  # type: ignore[arg-type]
    # source: TP 1, FN 1 (sentence 2 has no event) -> F1 2/3; target exact: TP 0, FP 1, FN 2
    assert result.metric("source span F1 (exact)") == pytest.approx(2 / 3)
    assert result.metric("target span F1 (exact)") == 0.0
    # overlap: the target counts -> TP 1, FN 1 -> F1 2/3
    assert result.metric("target span F1 (overlap)") == pytest.approx(2 / 3)
