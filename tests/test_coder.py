"""The coding engine on a small, fixed pattern book (the shipped dictionaries are tested elsewhere)."""

import pytest
import yaml

from polybius.coding.coder import EventCoder
from polybius.coding.patterns import build_book

VERBS = yaml.safe_load("""
strike:
  - {code: "195", subject_any: [warplane, jet, "air force"], target: [dobj, prep:on]}
  - {code: "190", target: [dobj, prep:on]}
  - {code: null, object_any: [deal, balance]}
attack:
  - {code: "190"}
accuse:
  - {code: "112"}
meet:
  - {code: "040", target: [dobj, prep:with]}
fire:
  - {code: "175", object_any: ["tear gas", gas]}
  - {code: "193", target: [prep:on, prep:at]}
kill:
  - {code: "180"}
""")
NOUNS = yaml.safe_load("""
light_verbs: [carry, hold, unleash, conduct]
nouns:
  strike:
    - {code: "195", modifier_any: [air]}
    - {code: "190"}
  raid:
    - {code: "190"}
  talk:
    - {code: "046", plural: true, target: [prep:with, prep:between]}
""")


@pytest.fixture(scope="module")
def coder():
    return EventCoder(build_book(VERBS, NOUNS))


def code(nlp, coder, text):
    sentence = next(nlp(text).sents)
    return [(a.trigger.text, a.code, a.source.text if a.source else None, a.target.text if a.target else None)
            for a in coder.code_sentence(sentence)]


def test_verb_with_subject_condition(nlp, coder):
    assert code(nlp, coder, "Russian warplanes struck rebel positions.") == [("struck", "195", "warplanes", "positions")]


def test_generic_pattern_when_condition_fails(nlp, coder):
    assert code(nlp, coder, "Rebels struck an army convoy.") == [("struck", "190", "Rebels", "convoy")]


def test_idiom_is_not_an_event(nlp, coder):
    assert code(nlp, coder, "The two parties struck a deal.") == []


def test_passive_agent_is_source(nlp, coder):
    assert code(nlp, coder, "The convoy was attacked by militants.") == [("attacked", "190", "militants", "convoy")]


def test_object_condition_with_compound(nlp, coder):
    assert code(nlp, coder, "Police fired tear gas at protesters.")[0][:2] == ("fired", "175")


def test_light_verb_takes_code_from_noun(nlp, coder):
    [(trigger, cameo, source, target)] = code(nlp, coder, "The coalition carried out air strikes on militants.")
    assert (trigger, cameo, source, target) == ("strikes", "195", "coalition", "militants")


def test_wave_of_strikes(nlp, coder):
    [(trigger, cameo, source, _)] = code(nlp, coder, "Russian warplanes unleashed a new wave of strikes against rebels.")
    assert (trigger, cameo, source) == ("strikes", "190", "warplanes")


def test_event_noun_as_doer_is_one_event(nlp, coder):
    result = code(nlp, coder, "Russian air strikes killed 12 civilians.")
    assert result == [("strikes", "195", "Russian", "civilians")]


def test_nominal_between(nlp, coder):
    assert code(nlp, coder, "Talks between Kerry and Lavrov ended.") == [("Talks", "046", "Kerry", "Lavrov")]


def test_nominal_without_actors_is_dropped(nlp, coder):
    assert code(nlp, coder, "The raids continued.") == []


def test_topic_gerund_is_not_an_event(nlp, coder):
    assert code(nlp, coder, "Moscow agreed with Washington on striking the group.") == []


def test_condemning_a_strike_targets_its_source(nlp):
    verbs = dict(VERBS, condemn=[{"code": "111"}])
    result = code(nlp, EventCoder(build_book(verbs, NOUNS)), "Turkey condemned Russia's air strikes.")
    assert ("condemned", "111", "Turkey", "Russia") in result
    assert ("strikes", "195", "Russia", None) in result
