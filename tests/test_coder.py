"""The coder on real sentences: who did what to whom, with polarity, modality and evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.records import Article, Event

SHARED_ARTICLE = Path(__file__).parent.parent.parent / "shared" / "examples" / "allies-article.txt"


def code(coder, text: str, day: str = "2024-03-01") -> list[Event]:
    article = Article.from_text(text, published=dt.date.fromisoformat(day))
    return coder.code_article(article)


def tuples(events: list[Event]) -> set[tuple[str, str, str, str]]:
    return {(e.source_code, e.cameo_root, e.target_code, e.polarity) for e in events}


def has(events: list[Event], source: str, root: str, target: str, polarity: str = "asserted",
        modality: str | None = None) -> bool:
    """An event whose source/target start with the given codes (RUS matches RUSGOV)."""
    return any(
        e.source_code.startswith(source) and e.target_code.startswith(target)
        and e.cameo_root == root and e.polarity == polarity
        and (modality is None or e.modality == modality)
        for e in events
    )


def test_active_voice_with_conjoined_sources_and_ditransitive(coder):
    events = code(coder, "The United States and Germany supplied Ukraine with air defence systems.")
    assert has(events, "USA", "07", "UKR")
    assert has(events, "DEU", "07", "UKR")
    assert {e.cameo_code for e in events} == {"072"}


def test_passive_voice_takes_the_agent_as_source(coder):
    events = code(coder, "Armenia was attacked by Azerbaijan on Tuesday.")
    assert has(events, "AZE", "19", "ARM")
    assert not has(events, "ARM", "19", "AZE")


def test_received_from_inverts_the_roles(coder):
    events = code(coder, "Kazakhstan received military assistance from Russia.")
    assert has(events, "RUS", "07", "KAZ")


def test_negation_by_auxiliary_and_by_refusal(coder):
    assert has(code(coder, "Russia did not send troops to Armenia."), "RUS", "07", "ARM", "negated")
    events = code(coder, "The CSTO refused to help Armenia.")
    assert has(events, "IGOCSTO", "07", "ARM", "negated")


def test_no_assistance_is_a_negated_aid_event(coder):
    events = code(coder, "Armenia received no assistance from Russia.")
    assert has(events, "RUS", "07", "ARM", "negated")
    assert not has(events, "RUS", "07", "ARM", "asserted")


def test_modality_intended_and_hypothetical(coder):
    events = code(coder, "Germany pledged to deliver tanks to Ukraine.")
    assert any(e.modality == "intended" and e.target_code == "UKR" for e in events)
    events = code(coder, "If Azerbaijan attacks Armenia, Russia would defend Armenia.")
    assert has(events, "AZE", "19", "ARM", modality="hypothetical")


def test_attribution_of_reported_speech(coder):
    events = code(coder, "Pashinyan said that Azerbaijan attacked Armenia.", "2022-09-14")
    attack = [e for e in events if e.cameo_root == "19"]
    assert attack and attack[0].source_code.startswith("AZE")
    assert attack[0].attributed_to == "ARMGOV"


def test_complaint_is_disapproval_aimed_at_the_clause_subject(coder):
    events = code(coder, "Russia's allies complain that Putin abandoned them.", "2024-03-01")
    assert has(events, "RUSALY", "11", "RUS")


def test_sector_from_surrounding_words(coder):
    events = code(coder, "Russian troops attacked Ukrainian positions near Kharkiv.")
    codes = {e.source_code for e in events}
    assert "RUSMIL" in codes


def test_leader_resolves_to_the_office_holder_on_the_date(coder):
    early = code(coder, "The Armenian prime minister visited Moscow.", "2019-06-01")
    assert early and early[0].source_code == "ARMGOV"
    assert early[0].source_name == "Nikol Pashinyan"


def test_sentences_with_actors_but_no_event_give_nothing(coder):
    assert code(coder, "Armenia and Azerbaijan are neighbours in the South Caucasus.") == []
    assert code(coder, "The weather in Moscow was cold.") == []


def test_events_carry_evidence_inside_their_sentence(coder):
    text = "Kazakhstan asked the CSTO for troops. Russia sent paratroopers to Kazakhstan."
    article = Article.from_text(text, published=dt.date(2022, 1, 6))
    events = coder.code_article(article)
    assert events
    for event in events:
        assert article.text[event.span_start:event.span_end] in event.sentence
        assert event.trigger.split()[0] in event.sentence
        assert event.date == "2022-01-06"


def test_same_input_same_events_and_ids(coder):
    text = "Britain delivered tanks to Kyiv. Moscow condemned the delivery."
    first = code(coder, text)
    second = code(coder, text)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert first == second


def test_own_patron_article(coder, fixtures):
    events = code(coder, (fixtures / "patron-article.txt").read_text(), "2024-03-01")
    assert has(events, "RUS", "07", "ARM", "negated")
    assert has(events, "KAZ", "02", "IGOCSTO")
    assert has(events, "PRKMIL", "07", "RUS", modality="requested")
    assert has(events, "USA", "07", "UKR") and has(events, "GBR", "07", "UKR")
    assert has(events, "AZE", "11", "ARM")


@pytest.mark.skipif(not SHARED_ARTICLE.exists(), reason="../shared/examples is not beside the repo")
def test_shared_allies_article(coder):
    events = code(coder, SHARED_ARTICLE.read_text(encoding="utf-8"), "2025-06-01")
    assert has(events, "RUSALY", "11", "RUS")  # allies complain about Putin (headline)
    assert has(events, "RUS", "07", "ARM", "negated")  # "received little to no assistance"
    assert has(events, "PRKMIL", "07", "RUS", modality="requested")  # needing NK troops
    assert has(events, "WST", "07", "UKR")  # provision of crucial weaponry
    for event in events:
        assert event.source_code and event.target_code


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_coder_never_raises_and_spans_stay_in_sentences(coder, text):
    article = Article.from_text(text)
    for event in coder.code_article(article):
        assert 0 <= event.span_start < event.span_end <= len(article.text)
        assert article.text[event.span_start:event.span_end] in event.sentence


WORDS = ["Russia", "Armenia", "the CSTO", "Putin", "sent", "troops", "to", "did", "not",
         "attacked", "accused", "aid", "Kazakhstan", "asked", "for", "help", "and", ".", ",",
         "was", "by", "received", "no", "from", "said", "that", "would", "If", "the West"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_coder_on_political_word_salad(coder, words):
    article = Article.from_text(" ".join(words))
    for event in coder.code_article(article):
        assert article.text[event.span_start:event.span_end] in event.sentence
        assert event.source_code != event.target_code
        assert event.polarity in ("asserted", "negated")


def test_reciprocal_verbs_code_both_directions(coder):
    events = code(coder, "Kyrgyzstan and Tajikistan agreed on a ceasefire on Saturday.")
    assert has(events, "KGZ", "08", "TJK") and has(events, "TJK", "08", "KGZ")


def test_threat_takes_its_kind_from_what_is_threatened(coder):
    events = code(coder, "Russia threatened to use force against Georgia.")
    assert [(e.source_code, e.cameo_code, e.target_code) for e in events] == [
        ("RUS", "138", "GEO")]


def test_promises_use_cameo_intent_codes(coder):
    events = code(coder, "Germany pledged to deliver tanks to Ukraine.")
    assert [(e.cameo_code, e.modality) for e in events if e.target_code == "UKR"] == [
        ("0332", "intended")]


def test_state_forces_against_their_own_people_is_repression(coder):
    events = code(coder, "Georgian riot police fired tear gas at Georgian protesters in Tbilisi.")
    assert any(e.cameo_code == "175" and e.source_country == "GEO" for e in events)


def test_quantities_and_owners_of_objects(coder):
    events = code(coder, "Washington said Pyongyang had sent Moscow millions of artillery shells.")
    assert has(events, "PRK", "07", "RUS")
    assert events[0].attributed_to == "USA"
    events = code(coder, "Russian troops killed hundreds of civilians.")
    assert any(e.source_code == "RUSMIL" and e.cameo_root in ("17", "18") for e in events)


def test_event_dated_by_its_own_time_phrase_only(coder):
    events = code(coder, "Azerbaijan attacked Armenia on 13 September 2022.", "2024-05-01")
    assert events and events[0].date == "2022-09-13"
    events = code(coder, "Pashinyan thanked Russia for its role in ending the war in 2020.",
                  "2022-04-20")
    assert events and events[0].date == "2022-04-20"


def test_needing_foreign_troops_names_the_supplier(coder):
    events = code(coder, "Ukraine urgently needs more air defence systems from the West.")
    assert [(e.source_code, e.cameo_root, e.target_code, e.modality) for e in events] == [
        ("WST", "07", "UKR", "requested")]


def test_mediator_of_a_deal_mediates_between_its_parties(coder):
    events = code(coder, "Egypt and Sudan accepted a truce mediated by Kenya to end the clashes.")
    assert has(events, "KEN", "04", "EGY") and has(events, "KEN", "04", "SDN")
    events = code(coder, "Peru and Chile signed a Brazil-brokered accord on fishing rights.")
    assert has(events, "BRA", "04", "PER") and has(events, "BRA", "04", "CHL")
    assert not has(events, "BRA", "04", "BRA")
    # the place of the signing is no party
    events = code(coder, "Peru and Chile signed an accord in Lima brokered by Norway.")
    assert {e.target_code for e in events if e.source_code == "NOR"} == {"PER", "CHL"}


def test_reactions_aim_at_the_actor_of_the_act_they_answer(coder):
    events = code(coder, "Greece expelled Turkish diplomats, drawing criticism from Ankara.")
    assert has(events, "TUR", "11", "GRC")
    events = code(coder, "Serbia bought Chinese drones despite American objections.")
    assert has(events, "USA", "11", "SRB")
    events = code(coder, "Japan released the water into the sea, a move condemned by China.")
    assert has(events, "CHN", "11", "JPN")
    events = code(coder, "Hungary vetoed the package, a step Brussels denounced as blackmail.")
    assert has(events, "IGOEU", "11", "HUN")
    # an invitation from X to Y, turned down by Y
    events = code(coder, "Brazil turned down an invitation from NATO to attend the summit.")
    assert has(events, "IGONATO", "02", "BRA")


def test_a_state_protest_is_diplomatic_and_a_crowd_protest_a_demonstration(coder):
    assert has(code(coder, "Moscow lodged a formal protest with Tokyo."), "RUS", "11", "JPN")
    assert has(code(coder, "Georgians protested against the Georgian government."),
               "GEO", "14", "GEOGOV")


def test_plural_references_name_each_actor_of_a_conjunction(coder):
    events = code(coder, "Greece and Cyprus said they had signed a defence pact with France.")
    assert has(events, "GRC", "05", "FRA") and has(events, "CYP", "05", "FRA")
    events = code(coder, "Chile recalled its envoys from Peru and Bolivia after both countries "
                         "accused Santiago of spying.")
    assert has(events, "PER", "11", "CHL") and has(events, "BOL", "11", "CHL")
    events = code(coder, "Japan hosted leaders of Vietnam, Laos and Cambodia.")
    assert {e.target_code for e in events if e.source_code.startswith("JPN")} >= {
        "VNMGOV", "LAOGOV", "KHMGOV"}


def test_joint_and_mutual_conflicts_run_both_ways(coder):
    events = code(coder, "Eritrea ended its border war with Djibouti.")
    assert has(events, "ERI", "19", "DJI") and has(events, "DJI", "19", "ERI")
    events = code(coder, "Thai and Cambodian officials held talks in Bangkok.")
    assert has(events, "THA", "04", "KHM") and has(events, "KHM", "04", "THA")
    # talks with someone run one way
    assert not has(code(coder, "Chile held talks with Peru."), "PER", "04", "CHL")


def test_a_truce_agreed_by_two_sides_after_strikes(coder):
    events = code(coder, "Thailand and Cambodia agreed to halt all military action after "
                         "three days of artillery strikes.")
    assert has(events, "THA", "08", "KHM") and has(events, "KHM", "08", "THA")
    # the strikes happened: the time phrase neither negates them nor makes them intended
    strikes = [e for e in events if e.cameo_root == "19"]
    assert strikes and all(e.polarity == "asserted" and e.modality == "actual" for e in strikes)


def test_fighting_alongside_is_military_cooperation(coder):
    events = code(coder, "Belarusian volunteers fought Russian forces alongside Ukrainian troops.")
    assert has(events, "BLR", "19", "RUS") and has(events, "BLR", "06", "UKR")


def test_the_strike_that_killed_is_the_act(coder):
    events = code(coder, "A Turkish drone strike killed a senior PKK commander in Iraq.")
    assert any(e.source_code.startswith("TUR") and e.cameo_root == "19" for e in events)


def test_needs_and_wants_keep_their_modality_and_their_object_event(coder):
    events = code(coder, "Kenya will need new loans from the IMF.")
    assert has(events, "IGOIMF", "07", "KEN", modality="requested")
    events = code(coder, "Somaliland wants diplomatic recognition from Ethiopia.")
    assert any(e.cameo_code == "054" and e.source_code.startswith("ETH") for e in events)


def test_the_purpose_of_aid_is_not_a_second_event(coder):
    events = code(coder, "Turkey sent troops to Somalia to support Mogadishu.")
    assert has(events, "TUR", "07", "SOM")
    assert not any(e.cameo_root == "05" for e in events)


def test_modality_of_readiness_and_of_events_answered(coder):
    events = code(coder, "Iran could be ready to strike Israel, Israeli officials warned.")
    assert has(events, "IRN", "19", "ISR", modality="hypothetical")
    events = code(coder, "NATO moved jets east in response to Russia's invasion of Ukraine.")
    assert has(events, "RUS", "19", "UKR", modality="actual")


def test_defending_and_blocking_read_their_objects(coder):
    assert has(code(coder, "Britain defended Estonia against Russian cyber attacks."),
               "GBR", "07", "EST")
    assert has(code(coder, "Hungary blocked an EU aid package for Ukraine."), "HUN", "12", "")
    assert has(code(coder, "Israel blocked aid deliveries into Gaza."), "ISR", "19", "PSE")


def test_arguments_found_through_copulas_documents_and_own_forces(coder):
    events = code(coder, "Hungary became the first country to recognise the new government of "
                         "Niger.")
    assert has(events, "HUN", "05", "NER")
    events = code(coder, "Lithuania signed a law banning imports from Belarus.")
    assert any(e.source_code.startswith("LTU") and e.target_code.startswith("BLR")
               for e in events)
    assert has(code(coder, "China has massed warships near Taiwan's coast."), "CHN", "15", "TWN")


def test_joint_patrols_and_hosted_exercises(coder):
    events = code(coder, "Indian and French warplanes flew a joint patrol over the Indian Ocean.")
    assert has(events, "IND", "06", "FRA") and has(events, "FRA", "06", "IND")
    events = code(coder, "Serbia will not host NATO exercises next year.")
    assert has(events, "SRB", "03", "IGONATO", "negated", modality="intended")


def test_a_protest_against_a_policy_is_aimed_at_the_government(coder):
    events = code(coder, "Thousands of Slovaks marched against the new media law.")
    assert has(events, "SVK", "14", "SVKGOV")


def test_what_one_says_is_addressed_to_whoever_answers_it(coder):
    events = code(coder, "Japan rejected China's demand for an apology.")
    assert has(events, "CHN", "10", "JPN")  # the demand was made, though rejected
    assert has(events, "JPN", "12", "CHN")
    events = code(coder, "Norway adopted the EU's sanctions against Belarus.")
    assert has(events, "NOR", "16", "BLR")


def test_groups_take_the_country_where_they_are(coder):
    events = code(coder, "Sudanese troops killed dozens of civilians in Chad.")
    assert any(e.target_code == "TCDCVL" for e in events)
    events = code(coder, "Protesters stormed the French embassy in Niamey.")
    assert has(events, "NER", "14", "FRA")
    assert has(code(coder, "Rwanda and Congo agreed to a truce."), "RWA", "08", "COD")


def test_people_stand_for_the_body_they_serve_and_passives_keep_their_owner(coder):
    events = code(coder, "Belarusian police detained the editor of a Polish newspaper.")
    assert has(events, "BLRCOP", "17", "POL")
    events = code(coder, "The Turkish embassy in Vienna was attacked by Kurdish militants.")
    assert any(e.target_code.startswith("TUR") and e.cameo_root == "19" for e in events)
    events = code(coder, "China vetoed the renewal of a UN mission in Haiti.")
    assert has(events, "CHN", "12", "IGOUNO")


def test_definite_descriptions_of_a_state_just_named(coder):
    events = code(coder, "Egypt and Jordan cut ties with Qatar and imposed a blockade on the "
                         "emirate.")
    assert has(events, "EGY", "19", "QAT") and has(events, "JOR", "19", "QAT")


def test_farmers_blockading_protest_and_vows_of_revenge_threaten(coder):
    events = code(coder, "Romanian farmers blockaded border crossings with Ukraine.")
    assert has(events, "ROU", "14", "UKR")
    events = code(coder, "Iraq vowed revenge against Turkey.")
    assert has(events, "IRQ", "13", "TUR") and not has(events, "IRQ", "03", "TUR")


def test_talks_in_a_time_or_place_phrase_are_between_the_clause_parties(coder):
    events = code(coder, "At talks in Ankara, Erdogan promised Zelensky a loan.", day="2023-03-01")
    assert has(events, "TURGOV", "04", "UKRGOV") and has(events, "UKRGOV", "04", "TURGOV")


def test_forces_sent_in_the_passive_and_nothing_done(coder):
    events = code(coder, "Moscow prepared police officers who would be sent to Belarus.")
    assert has(events, "RUSCOP", "07", "BLR")
    events = code(coder, "Kyiv said Hungarian officials had done nothing to help Ukraine.")
    assert has(events, "HUNGOV", "07", "UKR", "negated")


def test_hyphenated_participles_are_background_and_verbal_defence_is_support(coder):
    events = code(coder, "Farmers in the Israeli-occupied Golan Heights protested on Monday.")
    assert not any(e.cameo_root == "19" for e in events)
    events = code(coder, "Cuba defended Venezuela against American criticism of its elections.")
    assert has(events, "CUB", "05", "VEN") and not has(events, "CUB", "07", "VEN")


def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(coder):
    events = code(coder, "Turkey threatened to launch a new offensive unless Syria withdrew "
                         "its troops.")
    assert has(events, "TUR", "13", "SYR")


def test_a_purpose_is_pursued_where_the_main_act_is_done(coder):
    events = code(coder, "The OSCE sent observers to Georgia to monitor the elections.")
    assert has(events, "IGOOSCE", "09", "GEO")
