"""The coder on the constructions CAMEO's own examples turn on: demands in reported speech,
reported intent, refusals, the place an act falls on, ethnic groups, domestic dissent and
unnamed attackers. Sentences are the team's own, written for each rule."""

from __future__ import annotations

import datetime as dt

from foedus.events.cameo import cameo_events, rejection_code
from foedus.records import Article, Event


def code(coder, text: str, day: str = "2024-03-01") -> list[Event]:
    return coder.code_article(Article.from_text(text, published=dt.date.fromisoformat(day)))


def roots(events: list[Event], polarity: str = "asserted") -> set[tuple[str, str, str]]:
    return {(e.source_country or e.source_code, e.cameo_root, e.target_country or e.target_code)
            for e in events if e.polarity == polarity}


def test_said_that_someone_must_act_is_a_demand_of_them(coder):
    events = code(coder, "Japan said on Monday that China must release the detained fishermen.")
    assert ("JPN", "10", "CHN") in roots(events)
    # the release is what is demanded, not an event of its own
    assert not any(e.cameo_root == "08" for e in events)


def test_should_makes_it_an_appeal_and_a_speaker_obliging_itself_is_no_demand(coder):
    assert ("DEU", "02", "SRB") in roots(
        code(coder, "The German minister said Serbia should withdraw its police from the north."))
    assert not any(e.cameo_root == "10" for e in code(
        coder, "Armenia said it must strengthen its border defences."))


def test_a_reported_would_is_an_intent_unless_a_condition_follows(coder):
    events = code(coder, "Turkey said it would close its airspace to Russian military planes.")
    assert any(e.source_code.startswith("TUR") and e.modality == "intended" for e in events)
    events = code(coder, "Turkey said it would close its airspace if Russia attacked.")
    assert not any(e.modality == "intended" for e in events)


def test_the_place_of_a_material_act_is_its_target_but_not_of_a_meeting(coder):
    events = code(coder, "The Sudanese government lifted the curfew in Darfur.")
    assert any(e.source_code == "SDNGOV" and e.cameo_code == "0813" and e.target_code == "SDN"
               for e in events)
    events = code(coder, "NATO members agreed at a summit in Vilnius to raise defence spending.")
    assert not any(e.target_country == "LTU" for e in events)


def test_a_refusal_is_kept_negated_and_is_a_rejection_in_cameo_terms(coder):
    events = code(coder, "Hungary refused to send weapons to Ukraine.")
    assert ("HUN", "07", "UKR") in roots(events, "negated")
    cameo = cameo_events(events, coder.lexicon, coder.ontology)
    assert [(e.cameo_code, e.polarity) for e in cameo] == [("1222", "asserted")]
    # a plain negation is no refusal: CAMEO codes nothing
    assert cameo_events(code(coder, "Hungary did not send weapons to Ukraine."),
                        coder.lexicon, coder.ontology) == []
    assert rejection_code("040", coder.lexicon) == "125"
    assert rejection_code("0813", coder.lexicon) == "1241"


def test_an_ethnic_group_takes_the_state_it_lives_in(coder):
    events = code(coder, "Ethnic Hungarians in Slovakia demonstrated against the new language law.")
    assert any(e.source_code == "SVKCVL" and e.cameo_root == "14" for e in events)


def test_a_protest_aims_at_its_state_and_its_demand_is_no_event_of_its_own(coder):
    events = code(coder, "Indonesian students staged mass demonstrations to demand reforms.")
    assert ("IDN", "14", "IDN") in roots(events)
    assert not any(e.cameo_root == "10" for e in events)


def test_violence_by_means_alone_is_by_unidentified_forces_of_the_place(coder):
    events = code(coder, "A roadside bomb killed three soldiers near Kandahar on Sunday.")
    assert any(e.source_code == "AFGUAF" and e.cameo_root == "18" for e in events)


def test_an_adjectival_participle_keeps_its_subject(coder):
    events = code(coder, "Poland is opposed to the German proposal on migration.")
    assert ("POL", "12", "DEU") in roots(events)


def test_a_strike_by_workers_is_a_protest_not_an_attack(coder):
    events = code(coder, "French rail workers began a general strike against the pension reform.")
    assert any(e.cameo_code == "143" for e in events)
    assert not any(e.cameo_root == "19" for e in events)
