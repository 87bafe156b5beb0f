"""End to end on the article this project started from (read from ../shared when present) and on our own texts."""

import datetime as dt
import re

import pytest

from polybius.ingest.readers import read_text
from polybius.models import Status

PUB = dt.date(2015, 10, 1)


@pytest.fixture(scope="module")
def afp_events(pipeline, afp_text):
    return pipeline.extract(read_text(afp_text, source="afp", pub_date=PUB)).events


@pytest.fixture(scope="module")
def afp_undated(pipeline, afp_text):
    return pipeline.extract(read_text(afp_text, source="afp")).events


def test_russian_air_strikes_geocoded_to_hama_and_idlib(afp_events):
    strikes = [e for e in afp_events if e.cameo.root == "19" and e.location is not None and e.location.admin1 in {"Hama", "Idlib"}]
    assert {e.location.admin1 for e in strikes} == {"Hama", "Idlib"}
    for event in strikes:
        assert event.location.country == "SYR" and event.location.lat is not None and event.location.precision == "admin1"
        assert event.status is Status.CLAIMED and event.attribution is not None
        assert event.attribution.country in {"RUS", "SYR"}
    hama = next(e for e in strikes if e.location.admin1 == "Hama")
    assert hama.source.code == "RUSMIL" and hama.date == dt.date(2015, 9, 30)
    assert any(e.date in {dt.date(2015, 9, 30), dt.date(2015, 10, 1)} for e in strikes if e.location.admin1 == "Idlib")


def test_russian_strikes_source_is_russian_military(afp_events):
    assert any(e.cameo.code == "195" and e.source.code == "RUSMIL" for e in afp_events)


def test_mccain_accuses_russia(afp_events):
    accusation = next(e for e in afp_events if e.cameo.code == "112" and e.source.name == "John McCain")
    assert accusation.source.code == "USALEG" and accusation.target.country == "RUS"
    assert accusation.status is Status.ASSERTED


def test_turkish_disapproval(afp_events):
    assert any(e.cameo.root == "11" and e.source.code == "TURGOV" and e.target.country == "RUS" for e in afp_events)


def test_kerry_lavrov_meeting(afp_events):
    meeting = next(e for e in afp_events if e.cameo.root == "04" and e.source.country == "USA" and e.target.name == "Sergei Lavrov")
    assert meeting.cameo.code == "044"  # at the United Nations: a third location
    assert meeting.date == dt.date(2015, 9, 30)


def test_rejections_by_putin_and_lavrov(afp_events):
    rejections = {e.source.name for e in afp_events if e.cameo.code == "016" and e.status is Status.ASSERTED}
    assert {"Vladimir Putin", "Sergei Lavrov"} <= rejections


def test_denied_killing_of_civilians(afp_events):
    assert any(e.status is Status.DENIED and e.target.sector == "CVL" for e in afp_events)


def test_no_asserted_strike_in_iraq(afp_events):
    in_iraq = [e for e in afp_events if e.location is not None and e.location.country == "IRQ"]
    assert in_iraq and all(e.status is Status.NEGATED for e in in_iraq)


def test_nothing_dated_from_the_copyright_year_or_after_publication(afp_events):
    assert all(e.date is None or (e.date.year != 2012 and e.date <= PUB) or e.status is Status.PLANNED for e in afp_events)


def test_planned_talks_in_paris_on_friday(afp_events):
    talks = next(e for e in afp_events if e.cameo.root == "04" and e.source.country == "FRA")
    assert talks.status is Status.PLANNED and talks.date == dt.date(2015, 10, 2)
    assert talks.location is not None and talks.location.country == "FRA"


def test_conflicting_claims_are_linked(afp_events):
    by_id = {e.event_id: e for e in afp_events}
    moscow = next(e for e in afp_events if e.cameo.root == "19" and e.attribution and e.attribution.country == "RUS" and e.conflicts_with)
    assert any(by_id[i].attribution.country == "SYR" for i in moscow.conflicts_with)


def test_background_is_not_dated_to_publication(afp_events):
    assert not any(e.date == dt.date(1979, 1, 1) for e in afp_events)
    assert not any(e.trigger.startswith("opposes") for e in afp_events)


def test_every_span_points_into_the_original(afp_events, afp_text):
    for event in afp_events:
        start, end = event.char_span
        assert afp_text[start:end] == event.sentence
        t_start, t_end = event.trigger_span
        assert afp_text[t_start:t_end] == event.trigger
        for actor in (event.source, event.target):
            if actor.char_span is not None:
                assert afp_text[slice(*actor.char_span)] == actor.text


def test_without_publication_date_weekdays_stay_unresolved(afp_undated):
    assert afp_undated
    dated = [e for e in afp_undated if e.date is not None]
    # only explicit years ("protests ... in 2011") may resolve; "Thursday" may not
    assert all(re.search(r"\b(19|20)\d\d\b", e.date_text or "") for e in dated)
    assert any(e.date_text and "Wednesday" in e.date_text and e.date is None for e in afp_undated)


def test_fatalities_belong_to_their_event(pipeline):
    text = ("Militants stormed a police checkpoint in Pakistan's Bajaur district on Monday, killing four soldiers, officials said. "
            "The insurgency has killed more than 4,900 people since 2007.")
    events = pipeline.extract(read_text(text, source="t", pub_date=dt.date(2009, 10, 27))).events
    storm = next(e for e in events if e.cameo.root in {"18", "19"})
    assert storm.fatalities == 4 and storm.date == dt.date(2009, 10, 26)
    assert storm.location is not None and storm.location.country == "PAK"
    assert not any(e.fatalities and e.fatalities > 1000 for e in events)


def test_bad_article_is_reported_not_raised(pipeline):
    results = list(pipeline.run([read_text("\u2603" * 50, source="x"), read_text("Rebels shelled the town of Idlib on Monday.", source="y", pub_date=PUB)]))
    assert len(results) == 2 and results[1].events


def test_unresolved_fields_say_why(pipeline):
    events = pipeline.extract(read_text("Rebels shelled an army post in Zzyxqland on Thursday.", source="t")).events
    assert events and events[0].date is None and events[0].unresolved["date"] == "no publication date"
    assert events[0].location is None and "location" in events[0].unresolved


def test_militants_attacking_civilians_is_unconventional_violence(pipeline):
    text = "Militants attacked civilians at a market near Quetta on Monday."
    events = pipeline.extract(read_text(text, source="t", pub_date=dt.date(2016, 5, 3))).events
    assert any(e.cameo.code == "180" and e.target.sector == "CVL" for e in events)
    soldiers = pipeline.extract(read_text("Militants attacked an army convoy near Quetta on Monday.", source="t")).events
    assert all(e.cameo.root == "19" for e in soldiers if e.trigger.startswith("attacked"))
