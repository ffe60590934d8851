"""Reading PETRARCH/TABARI actor and agent dictionaries (fixtures written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from foedus.actors.dictionary import ActorDictionary, DictionaryError, load_dictionary, load_file
from foedus.actors.petrarch import display_phrase, load_petrarch_file, parse_date, plural

EVAL = Path(__file__).parent / "fixtures" / "eval"
ACTORS = EVAL / "tiny.actors.txt"
AGENTS = EVAL / "tiny.agents.txt"


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    into = ActorDictionary()
    load_file(ACTORS, into)  # through the generic loader, as --actors does
    load_file(AGENTS, into)
    return into


def test_dates_yymmdd_and_yyyymmdd() -> None:
    assert parse_date("950601", "x") == dt.date(1995, 6, 1)
    assert parse_date("790606", "x") == dt.date(1979, 6, 6)
    assert parse_date("100109", "x") == dt.date(2010, 1, 9)
    assert parse_date("20100109", "x") == dt.date(2010, 1, 9)
    with pytest.raises(DictionaryError, match="not a date"):
        parse_date("951301", "f:3")


def test_phrases_take_running_text_form() -> None:
    assert display_phrase("MINAS_TIRITH") == ("Minas Tirith", False)
    assert display_phrase("THE_SHIRE") == ("the Shire", False)
    assert display_phrase("PRINCE OF DOL AMROTH") == ("Prince of Dol Amroth", False)
    assert display_phrase("U.S._") == ("U.S.", True)
    assert display_phrase("BARAD-DUR") == ("Barad-Dur", False)


def test_actors_codes_synonyms_and_stems(dictionary: ActorDictionary) -> None:
    entry = dictionary.lookup("Ardenia")
    assert entry is not None and (entry.code, entry.country) == ("ARD", "ARD")
    # a phrase without a final "_" matches as a stem: derived forms of the word
    assert dictionary.lookup("Ardenian") is not None
    # "_" at the end: that exact word only
    assert dictionary.lookup("Vestria") is not None
    assert dictionary.lookup("Vestrian") is None
    # synonyms ("+") share the record's codes; multi-word phrases are matched whole
    synonym = dictionary.lookup("Arden City")
    assert synonym is not None and synonym.code == "ARD"
    assert dictionary.lookup("Korval Republic") is not None


def test_comments_discards_null_and_multiple_codes(dictionary: ActorDictionary) -> None:
    assert "Zembla" not in dictionary.phrases  # inside a multi-line <!-- --> comment
    assert "Golf Club" not in dictionary.phrases  # [###]: a phrase to discard
    null = dictionary.lookup("Nameless One")
    assert null is not None and null.code == "---" and null.country == ""
    # one phrase, two actors: both kept; the first, used, names the other as joint
    assert [e.code for e in dictionary.phrases["Twin Cities"]] == ["ARD", "VST"]
    twin = dictionary.lookup("Twin Cities")
    assert twin is not None and [e.code for e in twin.joint] == ["VST"]
    igo = dictionary.lookup("White Council")
    assert igo is not None and (igo.code, igo.country, igo.sector) == ("IGOWHC", "", "IGO")


def test_date_restrictions(dictionary: ActorDictionary) -> None:
    def code(phrase: str, day: dt.date) -> str | None:
        entry = dictionary.lookup(phrase, day)
        return entry.code if entry else None

    assert code("Odo Vane", dt.date(1990, 1, 1)) == "ARD"  # < 950601
    assert code("Odo Vane", dt.date(1997, 1, 1)) == "ARDGOV"  # 19950601 - 19990815
    assert code("Odo Vane", dt.date(1999, 8, 15)) == "ARDGOV"  # limits are inclusive
    assert code("Odo Vane", dt.date(1999, 8, 16)) == "ARDREB"  # > 990816
    assert code("the Old Chancellor", dt.date(2005, 1, 1)) == "ARDREB"
    # a default code applies outside the dated spells
    assert code("Mira Holt", dt.date(2010, 5, 1)) == "ARDMIL"
    assert code("Mira Holt", dt.date(2015, 5, 1)) == "ARD"
    assert code("Mira Holt", dt.date(2005, 5, 1)) == "ARD"


def test_agents(dictionary: ActorDictionary) -> None:
    words = dictionary.sector_words
    assert words["government"] == "GOV" and words["governments"] == "GOV"  # regular plural
    assert words["police"] == "COP" and "polices" not in words  # {}: no plural
    assert words["attorney general"] == "JUD" and words["attorneys general"] == "JUD"
    assert {w for w in words if w.startswith("congress")} == {
        "congressman", "congressmen", "congresswoman", "congresswomen"}  # !PERSON!
    assert words["security forces"] == "MIL"  # "[ ~MIL]" with a space
    assert words["militias"] == "REB"  # y -> ies
    # prefix codes ("[NGO~]") go before the country: kept apart from the sector words
    assert dictionary.sector_prefixes == {"relief agency": "NGO", "relief agencies": "NGO"}
    assert "relief agency" not in words


def test_plural() -> None:
    assert [plural(w) for w in ("SOLDIER", "MILITIA", "AUTHORITY", "ATTORNEY", "BOSS")] == [
        "SOLDIERS", "MILITIAS", "AUTHORITIES", "ATTORNEYS", "BOSSES"]
    assert plural("ally") == "allies"


def test_user_entries_come_before_the_shipped_ones() -> None:
    shipped = load_dictionary()
    georgia = shipped.lookup("Georgia")
    assert georgia is not None and georgia.code == "GEO"
    both = load_dictionary([ACTORS])
    georgia = both.lookup("Georgia")
    assert georgia is not None and georgia.code == "GRG"
    russia = both.lookup("Russia")  # untouched shipped entries stay
    assert russia is not None and russia.code == "RUS"


@pytest.mark.parametrize("text, message", [
    ("ALPHA [ALP\n", "unbalanced"),
    ("ALPHA\n\t[950601-990815]\n", "has a date but no code"),
    ("ALPHA\n\t[ALP ~950601]\n", "cannot read the date restriction"),
    ("ALPHA\n\t[ALP <951301]\n", "not a date"),
    ("+BETA\n", "synonym"),
    ("[ALP]\n", "before any actor"),
])
def test_bad_actor_files_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as info:
        load_petrarch_file(path, ActorDictionary())
    assert "bad.actors.txt" in str(info.value)


def test_bad_agent_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.agents.txt"
    path.write_text("OFFICIAL [GOV]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad.agents.txt:1: .*needs a ~"):
        load_petrarch_file(path, ActorDictionary())
    path.write_text("CONGRESS!FOLK! [~LEG]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="not defined"):
        load_petrarch_file(path, ActorDictionary())


def test_other_petrarch_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "PETR.Validate.verbs.txt"
    path.write_text("--- GRANT [070] ---\nGIVE\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="verbs file"):
        load_file(path, ActorDictionary())


def test_kind_told_by_content(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"  # no "actors"/"agents" in the name
    path.write_text("SOLDIER [~MIL]\n", encoding="utf-8")
    into = ActorDictionary()
    load_file(path, into)
    assert into.sector_words == {"soldier": "MIL", "soldiers": "MIL"}


def test_a_user_dictionary_resolves_in_sentences() -> None:
    """The resolver reads PETRARCH states as countries: sectors attach as agents do."""
    from foedus.events.coder import Coder

    petrarch_coder = Coder([ACTORS, AGENTS])
    doc = petrarch_coder.nlp("The Ardenian government criticised Vestria on Monday.")
    found = {doc[m.start:m.end].text: m.actor.code
             for m in petrarch_coder.resolver.mentions(doc, dt.date(2020, 1, 1))}
    assert found.get("Vestria") == "VST"
    assert "ARDGOV" in found.values()


def _coded(coder, text: str) -> set[tuple[str, str, str]]:
    from foedus.records import Article

    article = Article.from_text(text, published=dt.date(2024, 5, 1))
    return {(e.source_code, e.cameo_code, e.target_code) for e in coder.code_article(article)}


def test_a_phrase_with_two_actors_makes_an_event_for_each() -> None:
    """PETRARCH's "[ARD/VST]": the phrase names both; each acts (and is acted upon)."""
    from foedus.events.coder import Coder

    coder = Coder([ACTORS, AGENTS])
    assert _coded(coder, "The Twin Cities praised Korval Republic.") == {
        ("ARD", "051", "KRV"), ("VST", "051", "KRV")}
    assert _coded(coder, "Korval Republic praised the Twin Cities.") == {
        ("KRV", "051", "ARD"), ("KRV", "051", "VST")}


def test_a_list_read_as_an_apposition_is_still_a_list(tmp_path: Path) -> None:
    """"Brask, the Reach, Fenholt and Eldmark": the parser takes "the Reach" for a second name
    of Brask, with the rest conjoined to it; an apposition with conjuncts is a list."""
    from foedus.events.coder import Coder

    actors = tmp_path / "list.actors"
    actors.write_text("ELDMARK [ELD]\nTHE_REACH [RCH]\nFENHOLT [FEN]\nBRASK [BRK]\n"
                      "KORVAL [KRV]\n", encoding="utf-8")
    coder = Coder([actors], shipped_actors=False)
    assert {s for s, _, _ in _coded(
        coder, "Brask, the Reach, Fenholt and Eldmark praised Korval on Sunday.")} == {
        "BRK", "RCH", "FEN", "ELD"}
    # a true apposition names no second actor
    assert _coded(coder, "Brask, the old foe of the north, praised Korval.") == {
        ("BRK", "051", "KRV")}


def test_a_sector_of_several_owners_is_one_group_per_owner() -> None:
    """"The ministers of A, B and C": the resolver reads the phrase as A's government; the
    other owners have theirs too."""
    from foedus.events.coder import Coder

    coder = Coder([ACTORS, AGENTS])
    assert _coded(coder, "The ministers of Ardenia, Vestria and Korval Republic praised the "
                         "White Council.") == {
        ("ARDGOV", "051", "IGOWHC"), ("VSTGOV", "051", "IGOWHC"), ("KRVGOV", "051", "IGOWHC")}
