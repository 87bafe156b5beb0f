import pytest
from hypothesis import given, strategies as st

from polybius.numbers import count_on, event_counts, parse_number


@pytest.mark.parametrize("text, value", [("4", 4), ("4,900", 4900), ("four", 4), ("twenty-one", 21), ("1.5 million", 1500000), ("dozen", 12), ("several", None), ("", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@given(st.integers(min_value=0, max_value=9_999_999))
def test_digits_round_trip(value):
    assert parse_number(f"{value:,}") == value


def _counts(nlp, text, head):
    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    return event_counts(token, token)


def test_killing_participle_gives_fatalities(nlp):
    counts = _counts(nlp, "Militants stormed a checkpoint on Monday, killing four soldiers and wounding two others.", "stormed")
    assert counts.fatalities == 4
    assert "four soldiers" in counts.texts[0]


def test_direct_kill(nlp):
    assert _counts(nlp, "Gunmen killed 12 civilians in the market.", "killed").fatalities == 12


def test_background_toll_is_not_an_events_count(nlp):
    counts = _counts(nlp, "Rebels attacked the town. The war has killed more than 240,000 people.", "attacked")
    assert counts.fatalities is None


def test_count_on_noun(nlp):
    doc = nlp("More than 50 militants attacked the post.")
    militants = next(t for t in doc if t.text == "militants")
    assert count_on(militants)[0] == 50


# --- whose toll is it (issue 9, class 5) ---------------------------------------------------------


def _toll(nlp, text, head):
    """Counts as the pipeline takes them: from the clause the trigger word heads or sits in."""
    from polybius.temporal.attach import clause_head

    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    return event_counts(clause_head(token), token)


@pytest.mark.parametrize("text, trigger, dead", [
    # the dead of a "when" clause are the toll of the act it tells
    ("Nine farmers, three of them teenagers, died when an army gunship fired on their village on Monday.", "fired", 9),
    ("At least seven people were shot dead when soldiers opened fire on the crowd in the main square.", "opened", 7),
    ("At least seven people were shot dead when soldiers opened fire on the crowd in the main square.", "shot", 7),
    # "left N dead" with the place in between, and a killing told by an adjective
    ("Rebels shelled the hamlet of Dara overnight, leaving four villagers dead and 20 others injured.", "shelled", 4),
    ("Gunmen shot dead two police officers at a checkpoint.", "shot", 2),
])
def test_the_toll_goes_to_the_act_that_caused_it(nlp, text, trigger, dead):
    assert _toll(nlp, text, trigger).fatalities == dead


@pytest.mark.parametrize("text, trigger", [
    ("Security forces have killed at least 40 protesters since the elections in March.", "killed"),
    ("The bombing campaign has killed more than 3,000 people in total, monitors say.", "campaign"),
    ("The ceasefire follows four months of fighting that has killed more than 1,800 people.", "killed"),
    ("More than 1,800 people have died in the four-month conflict.", "died"),
    ("Insurgents have killed 900 people so far this year.", "killed"),
    ("The truce came with a deal on the exchange of prisoners and the withdrawal of artillery after three months of war "
     "that has killed more than 900 people.", "killed"),
])
def test_running_totals_belong_to_no_event(nlp, text, trigger):
    assert _toll(nlp, text, trigger).fatalities is None


@pytest.mark.parametrize("text, trigger", [
    ("The gunmen killed or injured 35 shoppers in the market.", "killed"),
    ("Thirty-five shoppers were killed or injured in the attack.", "killed"),
])
def test_killed_and_injured_together_are_not_deaths(nlp, text, trigger):
    counts = _toll(nlp, text, trigger)
    assert counts.fatalities is None and counts.injured is None


def test_separate_counts_of_dead_and_injured_both_hold(nlp):
    counts = _toll(nlp, "A roadside bomb killed five soldiers and wounded eight others.", "bomb")
    assert (counts.fatalities, counts.injured) == (5, 8)
    assert _toll(nlp, "Three guards were killed and two wounded in the raid, he said.", "killed").fatalities == 3


def test_fighting_that_killed_is_an_event_not_a_total(nlp):
    assert _toll(nlp, "Militants stormed the post, sparking fighting that killed six soldiers.", "fighting").fatalities == 6


def test_dead_and_injured_of_a_when_clause(nlp):
    text = "At least 14 people were killed and 30 others wounded when a car bomb exploded near a market on Friday."
    counts = _toll(nlp, text, "exploded")
    assert (counts.fatalities, counts.injured) == (14, 30)


def test_a_number_word_opening_the_sentence_counts(nlp):
    doc = nlp("Eleven villagers died when a gunship fired on their homes.")
    fired = next(t for t in doc if t.text == "fired")
    assert event_counts(fired, fired).fatalities == 11
