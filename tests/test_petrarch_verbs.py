"""PETRARCH/TABARI verb dictionaries read as foedus pattern files."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from foedus.events.patterns import PatternError, load_lexicon
from foedus.events.petrarch_verbs import (
    TARGET_ROLES,
    convert_code,
    parse_petrarch_verbs,
    read_petrarch_verbs,
    reverse_code,
    verb_lemma,
)

HERE = Path(__file__).parent / "fixtures" / "petrarch"
VERBS = HERE / "tiny.verbs.txt"
ACTORS = HERE / "tiny.actors.txt"


@pytest.fixture(scope="module")
def reading():
    return parse_petrarch_verbs(VERBS)


@pytest.fixture(scope="module")
def verbs(reading):
    return reading.data["verbs"]


@pytest.fixture(scope="module")
def classes(reading):
    return reading.data["classes"]


def test_counts_what_was_read_and_skipped(reading):
    assert reading.blocks == 9  # the block inside the XML comment is not read
    assert reading.synsets == 4
    assert reading.member_verbs == 12
    assert reading.patterns == 25
    assert reading.patterns_used == 21
    assert reading.skipped_patterns == {
        "words before the verb only, with a code other than the verb's": 1,
        "words before the verb (governing verb or preposition)": 1,
        "null or non-numeric code": 1,
        "target after a skipped phrase (^)": 1,
    }
    assert reading.skipped_members["word before the verb of a multi-word verb"] == 1
    assert "25 patterns, 21 used, 4 skipped" in reading.summary()
    assert (26, "SAID * [075]", "words before the verb only, with a code other than the verb's"
            ) in [(line, text.split("#")[0].strip(), why) for line, text, why in reading.skipped]


def test_member_verbs_become_triggers_with_the_block_code_or_their_own(verbs):
    assert "ghost" not in verbs
    assert verbs["donate"]["code"] == "070"  # zero padding kept
    assert verbs["bestow"]["code"] == "073"  # its own [073]
    assert verbs["scold"]["code"] == "112"  # SCOLDED: the lemma
    assert verbs["rescue"]["code"] == "066"
    assert "tap" not in verbs and "wire tap" not in verbs
    # a block without a code: its verbs code only through their patterns
    assert "plead" not in verbs
    assert verbs["rally"]["require_object"] is True  # CROWDS * [141]: only with crowds


def test_object_patterns_become_generated_classes(verbs, classes):
    assert verbs["donate"]["objects"] == {
        "PV_DONATE_1": "071", "PV_DONATE_2": "072", "PV_DONATE_3": "0233", "PV_DONATE_7": "903"}
    assert verbs["bestow"]["objects"] == verbs["donate"]["objects"]  # one block, one set
    # synsets expand, nested ones too; members are lower-case lemmas (and the word itself)
    assert {"guilder", "silver", "crown", "copper", "tin"} <= set(classes["PV_DONATE_1"])
    assert {"rifle", "ammunition"} <= set(classes["PV_DONATE_2"])
    assert set(classes["PV_DONATE_3"]) == {"famine", "relief"}  # "for" is not content
    assert "PV_DONATE_4" not in classes  # SAID *: skipped


def test_particles_make_phrases_and_refine_them(verbs, classes):
    assert verbs["plead for"]["code"] == "092"
    assert verbs["plead for"]["objects"] == {"PV_PLEAD_2": "094"}
    assert classes["PV_PLEAD_2"] == ["mercy"]
    assert verbs["plead on"]["code"] == "093"
    assert verbs["rally behind"]["code"] == "052"  # +RALLY_BEHIND, a multi-word verb


def test_a_verb_without_a_code_is_coded_with_its_direct_object(verbs):
    assert verbs["rally troops"]["code"] == "150"
    assert verbs["rally troop"]["code"] == "150"


def test_target_prepositions_become_target_roles(verbs):
    assert verbs["scold"]["target"][0] == "prep:over"  # same code: the verb's own roles
    assert verbs["scold against"]["code"] == "121"  # another code: a phrase
    assert verbs["scold against"]["target"][0] == "prep:against"
    assert verbs["bestow"]["target"] == list(TARGET_ROLES)
    # "* WITH % [070]": a compound actor after the verb is its target
    assert verbs["donate"]["target"][0] == "prep:with"


def test_auxiliaries_and_adverbs_before_the_verb_are_dropped(verbs, classes):
    assert verbs["menace"]["code"] == "138"  # SAID WOULD * [138]: the verb's own code
    assert "require_object" not in verbs["menace"]
    assert verbs["menace"]["objects"] == {"PV_MENACE_2": "163"}
    assert {"sanction", "sanctions"} == set(classes["PV_MENACE_2"])  # HAS * SANCTIONS
    # % * EMBARGO: "%" before the verb is its source; read before the patterns with words
    # before the verb, when the verb has no code yet: the phrase "verb object"
    assert verbs["menace embargo"]["code"] == "163"
    assert "PV_MENACE_3" not in classes


def test_a_verb_without_a_code_is_coded_only_by_its_object_patterns(verbs, classes):
    assert verbs["shun"]["code"] == "191"
    assert verbs["shun"]["require_object"] is True
    assert verbs["shun"]["objects"] == {"PV_SHUN_1": "191"}
    assert classes["PV_SHUN_1"] == ["disdain"]
    assert verbs["shun parley"]["code"] == "031"  # the verb-object phrase is still made
    assert "require_object" not in verbs["shun parley"]


def test_negated_verb_patterns_make_not_triggers(verbs, classes):
    # "- NOT * [111]": the verb negated is coded 111
    assert verbs["not scold"]["code"] == "111"
    assert "require_object" not in verbs["not scold"]
    # "- &NOTAUX * OVER TERMS [094]": a synset of negative auxiliaries; the object refines
    assert verbs["not parley"]["objects"] == {"PV_PARLEY_2": "094"}
    assert verbs["not parley"]["require_object"] is True
    assert "terms" in classes["PV_PARLEY_2"]


def test_a_compound_subject_pattern_makes_a_reciprocal_code(verbs):
    # "- % HAVE * [036]": several subjects, no target: each toward the others with 036
    assert verbs["parley"]["code"] == "031"
    assert verbs["parley"]["reciprocal_code"] == "036"


def test_a_two_part_code_gives_the_target_its_own_event(verbs):
    assert verbs["journey"]["code"] == "032"
    assert verbs["journey"]["reverse_codes"] == {"032": "033"}
    assert convert_code("032:033") == "032" and reverse_code("032:033") == "033"
    assert reverse_code("032") is None


def test_target_before_the_verb_and_source_after_from_inverts(verbs):
    assert verbs["rescue from"] == {"code": "066", "target": list(TARGET_ROLES), "invert": True}


def test_codes_outside_cameo_are_kept_unless_refused(verbs):
    # a user's dictionary may define its own codes: they are kept as given
    assert verbs["donate"]["objects"]["PV_DONATE_7"] == "903"
    refused = parse_petrarch_verbs(VERBS, known_code=lambda code: code != "903").data
    assert "PV_DONATE_7" not in refused["verbs"]["donate"]["objects"]


def test_codes_and_lemmas():
    assert convert_code("032:033") == "032"
    assert convert_code("---") is None
    assert convert_code("174K") is None
    assert verb_lemma("SAID") == "say"
    assert verb_lemma("LEFT") == "leave"


def test_load_lexicon_reads_a_verbs_file_over_the_shipped_patterns():
    shipped = load_lexicon()
    lexicon = load_lexicon([VERBS])
    assert shipped.verbs["scold"].code != "112"
    assert lexicon.verbs["scold"].code == "112"
    assert lexicon.verbs["donate"].objects[0] == ("PV_DONATE_1", "071")
    assert "copper" in lexicon.classes["PV_DONATE_1"]
    assert lexicon.verbs["rescue from"].invert
    assert lexicon.verbs["praise"] == shipped.verbs["praise"]  # the rest stays


def test_unreadable_files_fail_with_one_line_naming_the_file(tmp_path):
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"\x00\x01\x02")
    prose = tmp_path / "notes.txt"
    prose.write_text("Just some notes, no verb blocks here.\n", encoding="utf-8")
    for path in (binary, prose):
        with pytest.raises(PatternError) as caught:
            load_lexicon([path])
        message = str(caught.value)
        assert str(path) in message and "\n" not in message
    with pytest.raises(PatternError, match="no such pattern file"):
        load_lexicon([tmp_path / "missing.verbs"])
    with pytest.raises(PatternError, match="missing.verbs: cannot read"):
        read_petrarch_verbs(tmp_path / "missing.verbs")


def test_coder_codes_with_the_dictionary_rather_than_the_shipped_patterns():
    from foedus.events.coder import Coder
    from foedus.records import Article

    day = dt.date(2024, 5, 1)
    texts = ["Ardenia scolded Vestria.", "Ardenia donated guilders to Vestria.",
             "Ardenia donated pineapples to Vestria."]

    def codes(coder: Coder) -> list[set[tuple[str, str, str]]]:
        out = []
        for text in texts:
            events = coder.code_article(Article.from_text(text, published=day))
            out.append({(e.source_code, e.target_code, e.cameo_code) for e in events})
        return out

    shipped = Coder([ACTORS], shipped_actors=False)
    petrarch = Coder([ACTORS], [VERBS], shipped_actors=False)
    assert codes(shipped) == [{("ARD", "VST", "111")}, {("ARD", "VST", "070")},
                              {("ARD", "VST", "070")}]
    assert codes(petrarch) == [{("ARD", "VST", "112")}, {("ARD", "VST", "071")},
                               {("ARD", "VST", "903")}]


def test_negated_and_reciprocal_patterns_in_sentences():
    from foedus.events.coder import Coder
    from foedus.records import Article

    coder = Coder([ACTORS], [VERBS], shipped_actors=False)

    def coded(text: str) -> set[tuple[str, str, str, str]]:
        events = coder.code_article(Article.from_text(text, published=dt.date(2024, 5, 1)))
        return {(e.source_code, e.cameo_code, e.target_code, e.polarity) for e in events}

    # the dictionary codes the refusal itself: asserted, with its code
    assert coded("Ardenia did not scold Vestria.") == {("ARD", "111", "VST", "asserted")}
    assert coded("Ardenia scolded Vestria.") == {("ARD", "112", "VST", "asserted")}
    assert coded("Ardenia will not parley over terms with Vestria.") == {
        ("ARD", "094", "VST", "asserted")}
    # without the object words the negated pattern names, the negated verb is not its event
    assert ("ARD", "094", "VST", "asserted") not in coded("Ardenia did not parley with Vestria.")
    assert coded("Ardenia and Vestria have parleyed.") == {
        ("ARD", "036", "VST", "asserted"), ("VST", "036", "ARD", "asserted")}
    # "[032:033]": the visitor's event and the host's
    assert coded("Ardenia journeyed to Vestria.") == {
        ("ARD", "032", "VST", "asserted"), ("VST", "033", "ARD", "asserted")}


def test_a_code_outside_cameo_is_recorded_with_unknown_scores(tmp_path):
    from foedus.events.coder import Coder
    from foedus.output import write_jsonl
    from foedus.records import Article
    from foedus.store import Batch, Store, StoredArticle

    coder = Coder([ACTORS], [VERBS], shipped_actors=False)
    article = Article.from_text("Ardenia donated pineapples to Vestria.",
                                published=dt.date(2024, 5, 1))
    (event,) = coder.code_article(article)
    assert (event.cameo_code, event.cameo_root) == ("903", "90")
    assert event.goldstein is None and event.quad_class is None
    assert event.plover_type == ""
    # it travels through the outputs and the store as null, not as a made-up 0
    out = io.StringIO()
    write_jsonl([event], out)
    row = json.loads(out.getvalue())
    assert row["goldstein"] is None and row["quad_class"] is None
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(Batch(articles=[StoredArticle(article)], events=[event]))
        (got,) = store.events()
    assert got["goldstein"] is None and got["cameo_code"] == "903"


def test_ontology_entries_for_codes_a_dictionary_defines():
    from foedus.events.ontology import UnknownCodeError, load_ontology

    ontology = load_ontology()
    assert ontology.entry("171") == ontology.get("171")
    child = ontology.entry("1717")  # not in CAMEO; its parent 171 is
    parent = ontology.get("171")
    assert child.code == "1717" and child.root == "17"
    assert (child.goldstein, child.quad_class, child.plover_type) == (
        parent.goldstein, parent.quad_class, parent.plover_type)
    orphan = ontology.entry("345")  # no CAMEO parent: root by its digits, scores unknown
    assert (orphan.code, orphan.root, orphan.goldstein, orphan.quad_class) == (
        "345", "34", None, None)
    with pytest.raises(UnknownCodeError):
        ontology.entry("abc")


def test_tone_means_leave_out_unknown_scores():
    from foedus.analytics import EventRow, Tone

    def row(event_id: str, goldstein: float | None, quad: int | None) -> EventRow:
        return EventRow(event_id=event_id, article_id="a", sentence_index=0,
                        date=dt.date(2024, 5, 1),
                        source_code="ARD", source_name="", source_country="ARD",
                        target_code="VST", target_name="", target_country="VST",
                        cameo_code="903" if goldstein is None else "071", cameo_root="",
                        goldstein=goldstein, quad_class=quad, plover_type="",
                        polarity="asserted", modality="actual", sentence="", trigger="")

    tone = Tone.of([row("1", 7.4, 2), row("2", None, None)])
    assert tone.n == 2 and tone.mean_goldstein == pytest.approx(7.4)
    assert tone.quad == (0, 1, 0, 0)
