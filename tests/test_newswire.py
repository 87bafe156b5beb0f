"""Newswire as it is published, end to end: datelines, days, places and tolls (issue 9).

Every page here is written for this project in wire style; none is copied from a news page.
"""

from __future__ import annotations

import datetime as dt

from polybius.ingest.readers import read_text

PUB = dt.date(2014, 3, 12)  # a Wednesday


def extract(pipeline, text: str, pub: dt.date | None = PUB):
    return pipeline.extract(read_text(text, source="test", pub_date=pub))


def by_trigger(events, word: str):
    return next(e for e in events if word in e.trigger)


# --- class 1: datelines and date lines --------------------------------------------------------------

DATED_PAGE = """Tuesday, March 11, 2014

Gunmen storm bank in eastern Afghanistan

JALALABAD, Afghanistan, March 11 (Reuters) - Gunmen stormed a bank in the city on Monday, killing three guards.
"""


def test_a_date_line_dates_a_page_without_metadata(pipeline):
    result = extract(pipeline, DATED_PAGE, pub=None)
    assert (result.pub_date, result.pub_date_source) == (dt.date(2014, 3, 11), "dateline")
    assert any("dated against the page's own" in w for w in result.warnings)
    storm = by_trigger(result.events, "storm")
    assert storm.date == dt.date(2014, 3, 10) and storm.fatalities == 3


def test_metadata_wins_over_the_page(pipeline):
    result = extract(pipeline, DATED_PAGE, pub=dt.date(2014, 3, 12))
    assert (result.pub_date, result.pub_date_source) == (dt.date(2014, 3, 12), "metadata")


def test_a_page_with_no_date_anywhere_resolves_nothing_to_a_day(pipeline):
    result = extract(pipeline, "KABUL (Reuters) - Gunmen stormed a bank on Monday, killing three guards.", pub=None)
    assert result.pub_date is None and result.pub_date_source is None
    assert result.events and all(e.date is None for e in result.events)
    assert all(e.unresolved.get("date") == "no publication date" for e in result.events)


def test_the_dateline_is_no_event_and_places_the_story(pipeline):
    result = extract(pipeline, "KUNDUZ, Afghanistan (AIP) - Police fired on the protesters, the governor said.")
    assert all("KUNDUZ" not in (e.source.text or "") + (e.target.text or "") for e in result.events)
    fired = by_trigger(result.events, "fired")
    assert fired.location is not None and fired.location.name == "Kunduz" and fired.location.country == "AFG"


# --- class 2: times of day, vague days, the day before ----------------------------------------------


def test_times_of_day_and_continued_days(pipeline):
    text = ("Protesters marched on the parliament late on Sunday. Police fired tear gas and water cannon at the crowd.\n"
            "On Monday night, gunmen attacked a checkpoint outside the city.\n"
            "The army has blamed the rebels for the unrest.")
    found = extract(pipeline, text).events
    assert by_trigger(found, "marched").date == dt.date(2014, 3, 9)
    assert by_trigger(found, "fired").date == dt.date(2014, 3, 9)  # continues the day just named
    assert by_trigger(found, "attacked").date == dt.date(2014, 3, 10)
    assert all(e.date is None for e in found if "blamed" in e.trigger)  # background, not the day's news


def test_a_weekday_is_never_after_publication(pipeline):
    found = extract(pipeline, "Rebels shelled the airport on Thursday, the army said.").events
    assert all(e.date is None or e.date <= PUB for e in found)
    assert by_trigger(found, "shelled").date == dt.date(2014, 3, 6)


# --- class 3: provinces and districts --------------------------------------------------------------


def test_provinces_resolve_in_the_story_country(pipeline):
    text = "Taliban fighters attacked a police post in the northern province of Kunduz on Tuesday, Afghan officials said."
    attack = by_trigger(extract(pipeline, text).events, "attacked")
    assert (attack.location.country, attack.location.precision) == ("AFG", "admin1")
    assert attack.location.admin1 == "Kunduz"


def test_a_district_found_only_abroad_stays_unresolved(pipeline):
    text = "Afghan troops clashed with Taliban fighters in Chora district on Tuesday."
    found = extract(pipeline, text).events
    assert found and all(e.location is None or e.location.country == "AFG" for e in found)
    unplaced = [e for e in found if e.location is None]
    assert any("abroad" in e.unresolved.get("location", "") for e in unplaced)


def test_the_city_named_for_the_event_beats_the_country(pipeline):
    text = "Soldiers fired on protesters in the centre of Harare on Wednesday, killing six people."
    fired = by_trigger(extract(pipeline, text).events, "fired")
    assert fired.location.name == "Harare" and fired.location.precision == "city"
    assert fired.fatalities == 6


def test_the_country_means_the_country_named_before(pipeline):
    text = ("Myanmar's generals ignored the appeal.\n"
            "On Wednesday, police in the country killed at least nine people taking part in the marches.")
    killed = by_trigger(extract(pipeline, text).events, "killed")
    assert killed.location.country == "MMR" and killed.fatalities == 9


# --- class 5: tolls --------------------------------------------------------------------------------


def test_the_dead_belong_to_the_act_that_killed_them(pipeline):
    text = "JALALABAD, Afghanistan (Reuters) - Eleven villagers, four of them children, died when a NATO helicopter fired on their homes on Tuesday."
    fired = by_trigger(extract(pipeline, text).events, "fired")
    assert fired.fatalities == 11 and fired.date == dt.date(2014, 3, 11)


def test_running_totals_are_nobodys_toll(pipeline):
    text = ("Government troops shelled rebel positions near the border on Monday, killing 14 fighters.\n"
            "The conflict has killed more than 5,000 people since April.\n"
            "Security forces have killed 240 protesters since the elections in January, monitors say.")
    found = extract(pipeline, text).events
    assert {e.fatalities for e in found} <= {14, None}
    assert by_trigger(found, "shelled").fatalities == 14


def test_killed_and_injured_together_are_not_deaths(pipeline):
    found = extract(pipeline, "A car bomb killed or wounded 45 people at a market in Kirkuk on Monday.").events
    assert all(e.fatalities is None for e in found)


def test_a_later_sentence_dates_the_act_told_before(pipeline):
    text = ("Government troops and rebels clashed near the border town, leaving dozens dead.\n"
            "Casualty figures from the fighting, which took place on Monday, could not be confirmed.\n"
            "The rebels have accused the army of shelling villages.")
    found = extract(pipeline, text).events
    clash = by_trigger(found, "clashed")
    assert clash.date == dt.date(2014, 3, 10) and clash.unresolved.get("date") is None
    assert all(e.date is None for e in found if "accused" in e.trigger)  # told after, and of another kind


def test_a_town_the_gazetteer_lacks_keeps_its_country(pipeline):
    text = "Government jets bombed a bakery in the Syrian town of Tell Qarzabeen on Monday, killing 12 people."
    bombed = by_trigger(extract(pipeline, text).events, "bombed")
    assert (bombed.location.country, bombed.location.precision) == ("SYR", "country")


def test_who_backs_an_actor_is_no_place(pipeline):
    text = "Moscow-backed separatists shelled the port on Monday."
    found = extract(pipeline, text).events
    assert all(e.location is None or e.location.name != "Moscow" for e in found)


def test_a_toll_told_again_is_booked_once(pipeline):
    text = ("Car bomb kills 14 at Kirkuk market\n"
            "A car bomb killed 14 people at a crowded market in Kirkuk on Friday, police said.\n"
            "Fourteen people were killed in the blast, a police officer told reporters.\n"
            "Separately, gunmen killed seven soldiers at a checkpoint near Tikrit on Friday.")
    found = extract(pipeline, text).events
    assert [e.fatalities for e in found if e.fatalities == 14] == [14]
    booked = next(e for e in found if e.fatalities == 14)
    assert booked.location is not None and booked.location.name == "Kirkuk" and booked.date == dt.date(2014, 3, 7)
    assert any(e.fatalities == 7 for e in found)  # another act, another toll
    assert any("booked on another mention" in e.unresolved.get("fatalities", "") for e in found)
