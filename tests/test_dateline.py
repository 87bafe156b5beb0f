"""Datelines and date lines: where and when a story was filed, never an event (issue 9, class 1).

All example copy is written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from polybius.clean import clean_text
from polybius.clean.dateline import full_date, read_top_of_page


@pytest.mark.parametrize(
    ("raw", "place", "country", "agency", "story"),
    [
        ("JALALABAD, Afghanistan, May 2 (Reuters) - Eleven villagers died in the raid.", "Jalalabad", "Afghanistan", "Reuters", "Eleven"),
        ("KABUL, Sept. 3 (Xinhua) -- Afghan forces retook the district.", "Kabul", None, "Xinhua", "Afghan"),
        ("Kunduz (AIP): Taliban fighters overran two checkpoints overnight.", "Kunduz", None, "AIP", "Taliban"),
        ("PESHAWAR: Gunmen shot dead a police officer on Sunday.", "Peshawar", None, None, "Gunmen"),
        ("BAGHDAD, Iraq \u2014 A car bomb exploded near a market.", "Baghdad", "Iraq", None, "A car"),
        ("Mogadishu - Fighters stormed a hotel in the capital.", "Mogadishu", None, None, "Fighters"),
        ("DAR ES SALAAM, June 3 (AFP) - Talks resumed on Monday.", "Dar Es Salaam", None, "AFP", "Talks"),
        ("AFP - Militants attacked a convoy.", None, None, "AFP", "Militants"),
        ("(Kabul Times) \u2013 The cabinet met on Sunday.", None, None, "Kabul Times", "The cabinet"),
    ],
)
def test_datelines_give_the_place_and_leave_the_story(raw: str, place: str | None, country: str | None,
                                                      agency: str | None, story: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.dateline is not None
    assert (cleaned.dateline.place, cleaned.dateline.country, cleaned.dateline.agency) == (place, country, agency)
    assert cleaned.text.startswith(story)
    assert cleaned.dateline.day is None  # no year: no publication day
    if place is not None:
        span = cleaned.dateline.place_span
        assert span is not None and raw[span[0]:span[1]].lower() == place.lower()
    assert any(reason == "dateline" for *_, reason in cleaned.dropped)


@pytest.mark.parametrize(
    "raw",
    [
        "Algeria: police fire tear gas at protesters\nPolice fired tear gas on Friday.",
        "Troops shelled the town - officials said - on Monday.",
        "Pak shelling leaves 5 dead, 30 injured; thousands flee villages",
        "LIVE: Protesters clash with police in the capital",
        "BREAKING - Blast hits market in the capital",
    ],
)
def test_headlines_and_prose_are_not_datelines(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.dateline is None and cleaned.text == raw


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("Tuesday, March 11, 2014\n\nPolice fired tear gas at students in Kabul.", dt.date(2014, 3, 11)),
        ("06 Oct 2014\nShells landed on two villages overnight.", dt.date(2014, 10, 6)),
        ("2013-02-06 18:49\nPolice fired tear gas in the capital.", dt.date(2013, 2, 6)),
        ("Published: 17 January 2019 12:20 GMT\nPolice fired tear gas.", dt.date(2019, 1, 17)),
        ("Source: Newswire | 2017-05-25 19:27:38 | Editor: staff\nThe ministry denied the report.", dt.date(2017, 5, 25)),
        ("NAIROBI, 14 July 2019 (AFP) - Police fired tear gas.", dt.date(2019, 7, 14)),
        ("20120803 AFP Uganda denied the report on Friday.", dt.date(2012, 8, 3)),
    ],
)
def test_date_lines_give_the_publication_day(raw: str, day: dt.date) -> None:
    cleaned = clean_text(raw)
    assert cleaned.dateline is not None and cleaned.dateline.day == day
    assert not any(ch.isdigit() for ch in cleaned.text.split("\n")[0][:4])  # the date is not parsed as text


def test_a_creation_date_beats_an_update_date() -> None:
    raw = "Updated: 14 May 2020\nPublished: 12 May 2020\nTroops withdrew from the town."
    assert read_top_of_page(raw).dateline.day == dt.date(2020, 5, 12)


@pytest.mark.parametrize("raw", ["Updated: 03-08-2022 22:34\nTroops withdrew.", "Police fired tear gas on Friday.",
                                 "Protesters marched in Tunis, Friday, Jan. 14, 2011, and police fired tear gas at them."])
def test_no_full_date_on_its_own_line_no_publication_day(raw: str) -> None:
    top = read_top_of_page(raw)
    assert top.dateline is None or top.dateline.day is None


@pytest.mark.parametrize(
    ("text", "day"),
    [("March 11, 2014", dt.date(2014, 3, 11)), ("25.12.2019", dt.date(2019, 12, 25)), ("12/25/2019", dt.date(2019, 12, 25)),
     ("03-08-2022", None), ("May 2", None), ("2019-02-30", None)],
)
def test_only_full_unambiguous_dates_name_a_day(text: str, day: dt.date | None) -> None:
    assert full_date(text) == day


def test_offsets_still_point_into_the_original() -> None:
    raw = "Tuesday, March 11, 2014\nKABUL, March 11 (Reuters) - Gunmen stormed a bank."
    cleaned = clean_text(raw)
    start = cleaned.text.index("Gunmen")
    span = cleaned.to_original(start, start + len("Gunmen"))
    assert raw[span[0]:span[1]] == "Gunmen"
