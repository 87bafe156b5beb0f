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
