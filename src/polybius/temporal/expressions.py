"""Turn one date expression ("on Wednesday", "last week", "Jan. 14, 2011") into a calendar date.

Relative expressions are resolved against the article's publication date and never against the
clock, so the same article always gets the same dates. Without a publication date they stay
unresolved (reason "no publication date"); explicit full dates and years still resolve.
Anaphoric expressions ("the previous day", "later in the day", "at dawn") are read against a
reference day, the day the story last named; without one they stay unresolved.

What `date` means depends on `precision`:
  day   - that day;
  week  - a day inside the week meant: the anchor moved by whole weeks ("last week" = pub_date - 7);
  month - the first day of that month;
  year  - 1 January of that year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from polybius.temporal.lexicon import load_lexicon

NO_PUB_DATE = "no publication date"
DURATION = "duration, not a date"
TIME_ONLY = "time of day without a date"
TOO_LONG = "period too long to date the event"
UNRECOGNISED = "unrecognised date expression"
OUT_OF_RANGE = "date out of range"
NO_REFERENCE = "relative to a day the text does not name before it"
AFTER_REFERENCE = "counted from the day last named, it would fall after publication"
# Reasons meaning "this is not a point in time" (or not one we can place) rather than "a date we
# could not pin down": such an expression never masks a worse-ranked one.
NOT_A_DATE = frozenset({DURATION, TIME_ONLY, TOO_LONG, UNRECOGNISED, NO_REFERENCE, AFTER_REFERENCE})

# Years outside this range are far more often misread numbers than news events.
MIN_YEAR, MAX_YEAR = 1000, 2999
# Longest gap between leap years (1896 -> 1904), so "Feb 29" without a year always finds one.
LEAP_SEARCH_YEARS = 9
ARTICLES = ("the",)
BACKWARD = ("last", "past", "previous")
FORWARD = ("next", "coming")

_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\b(?:\d{4}\s*)?(?:local time|gmt|utc)\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\b")


@dataclass(frozen=True)
class DateResolution:
    """A resolved (or knowingly unresolved) date, with the text it came from."""

    date: dt.date | None
    precision: str
    text: str | None
    char_span: tuple[int, int] | None
    reason: str | None


@dataclass(frozen=True)
class Reading:
    """What an expression means, before it is tied to a place in a text."""

    date: dt.date | None
    precision: str
    reason: str | None = None

    @classmethod
    def unresolved(cls, reason: str) -> Reading:
        return cls(None, "unknown", reason)


@dataclass(frozen=True)
class Query:
    """The expression as written, and what relative readings are anchored on."""

    written: str
    pub: dt.date | None
    future: bool
    reference: dt.date | None = None  # the day the story last named, for "the previous day"


def resolve_expression(text: str, pub_date: dt.date | None, future: bool = False,
                       reference: dt.date | None = None) -> DateResolution:
    """Resolve `text` against `pub_date`; `future` reads bare weekdays and months forwards;
    `reference` is the day the story last named, for anaphoric expressions."""
    written = text.strip()
    reading = read_expression(written, pub_date, future, reference)
    return DateResolution(reading.date, reading.precision, written or None, None, reading.reason)


def read_expression(text: str, pub_date: dt.date | None, future: bool = False,
                    reference: dt.date | None = None) -> Reading:
    """The meaning of `text` alone; never raises."""
    words = normalise(text)
    undated = " ".join(_CLOCK.sub(" ", words).split())
    lex = load_lexicon()
    if undated != words and all(w in lex.prepositions or w in ARTICLES for w in undated.split()):
        if reference is not None:
            return Reading(reference, "day")  # "at 6 p.m.": a time on the day the story is telling
        return Reading.unresolved(TIME_ONLY)
    if not undated:
        return Reading.unresolved(UNRECOGNISED)
    try:
        return _interpret(undated, Query(text.strip(), pub_date, future, reference))
    except OverflowError:
        return Reading.unresolved(OUT_OF_RANGE)


def normalise(text: str) -> str:
    """Lower case, no possessives, no dots after letters ("Jan."), no commas, single spaces."""
    s = text.lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)
    s = s.replace(",", " ")
    return " ".join(s.split())


def _interpret(s: str, q: Query) -> Reading:
    """Try each reading; if none fits, drop one filler word ("on", "the", "morning") and retry.

    dateparser comes last, on the whole expression, because it is slow and knows no fillers.
    """
    words = s
    while True:
        for reader in _READERS:
            reading = reader(words, q)
            if reading is not None:
                return reading
        shorter = _strip_filler(words)
        if shorter == words:
            return _fallback(s) or Reading.unresolved(UNRECOGNISED)
        words = shorter


def _strip_filler(s: str) -> str:
    lex = load_lexicon()
    for word in (*lex.prepositions, *ARTICLES, *lex.time_of_day):
        if s.startswith(word + " "):
            return s[len(word) + 1:]
    head, _, last = s.rpartition(" ")
    return head if head and last in lex.time_of_day else s


@dataclass(frozen=True)
class Patterns:
    """The lexicon's word lists compiled into the regular expressions the readers match."""

    relative_window: re.Pattern[str]
    ago: re.Pattern[str]
    counted: re.Pattern[str]
    bare_units: re.Pattern[str]
    weekday: re.Pattern[str]
    leading_weekday: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    month: re.Pattern[str]
    counted_anaphor: re.Pattern[str]


@cache
def patterns() -> Patterns:
    lex = load_lexicon()
    count = rf"(?:{_alternatives(lex.numbers)}|\d+)"
    units = _alternatives(lex.unit_minutes)
    hedge = rf"(?:(?:{_alternatives(lex.hedges)}) )?"
    weekdays, months = _alternatives(lex.weekdays), _alternatives(lex.months)
    modifier = _alternatives((*BACKWARD, *FORWARD, "this"))
    return Patterns(
        relative_window=re.compile(rf"(?:the )?(?:past|last|previous) (?:({count}) )?({units})s?"),
        ago=re.compile(rf"{hedge}({count}) ({units})s? ago"),
        counted=re.compile(rf"{hedge}{count} (?:{units})s?(?: and .+)?"),
        bare_units=re.compile(rf"{hedge}(?:{units})s"),
        weekday=re.compile(rf"(?:({modifier}) )?({weekdays}|weekend)"),
        leading_weekday=re.compile(rf"^(?:{weekdays}) (?=\d|(?:{months})\b)"),
        month_day=re.compile(rf"({months}) (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{1,6}}))?"),
        day_month=re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({months})(?: (\d{{1,6}}))?"),
        month=re.compile(rf"(?:({modifier}) )?({months})(?: (?:of )?(\d{{1,6}}))?"),
        counted_anaphor=re.compile(rf"{hedge}({count}) ({units})s? ({_alternatives(lex.anaphoric_directions)})"),
    )


# --- readers: each returns None when the expression is not of its kind -------------------------


def _relative(s: str, q: Query) -> Reading | None:
    rel = load_lexicon().relative.get(s)
    if rel is None:
        return None
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    return _shift(q.pub, rel.unit, rel.offset)


def _anaphoric(s: str, q: Query) -> Reading | None:
    """ "the previous day", "later in the day", "that night", "at dawn": days from the reference day."""
    lex = load_lexicon()
    offset = lex.anaphoric.get(s)
    if offset is None:
        words = s.split()
        fillers = {*lex.prepositions, *ARTICLES, *lex.anaphoric_words}
        if not any(w in lex.time_of_day or w in ("that", "same") for w in words) or not all(
                w in fillers or w in lex.time_of_day for w in words):
            return None
        if all(w in ("hours", "hour", "a", "few", "several") or w in lex.prepositions for w in words):
            return None  # "for hours", "a few hours": how long, not when
        offset = 0
    if q.reference is None:
        return Reading.unresolved(NO_REFERENCE)
    day = q.reference + dt.timedelta(days=offset)
    if q.pub is not None and day > q.pub and not q.future:
        return Reading.unresolved(AFTER_REFERENCE)
    return Reading(day, "day")


def _counted_anaphor(s: str, q: Query) -> Reading | None:
    """ "a week earlier", "two days later", "three months before": units from the reference day."""
    m = patterns().counted_anaphor.fullmatch(s)
    if m is None:
        return None
    if q.reference is None:
        return Reading.unresolved(NO_REFERENCE)
    count, unit = _count(m[1]), m[2]
    offset = count * load_lexicon().anaphoric_directions[m[3]]
    if unit in ("minute", "hour"):
        return Reading(q.reference, "day")
    reading = _shift(q.reference, "year", 10 * offset) if unit == "decade" else _shift(q.reference, unit, offset)
    if q.pub is not None and reading.date is not None and reading.date > q.pub and not q.future:
        return Reading.unresolved(AFTER_REFERENCE)  # the day read against is not the one meant
    return reading


def _window(s: str, q: Query) -> Reading | None:
    """ "the past 24 hours": a period ending at publication, dated to publication when it is short."""
    m = patterns().relative_window.fullmatch(s)
    if m is None:
        return None
    units = load_lexicon().unit_minutes
    minutes = _count(m[1]) * units[m[2]]
    if minutes > units["week"]:
        return Reading.unresolved(TOO_LONG)
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    return Reading(q.pub, "day" if minutes <= units["day"] else "week")


def _ago(s: str, q: Query) -> Reading | None:
    m = patterns().ago.fullmatch(s)
    if m is None:
        return None
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    count, unit = _count(m[1]), m[2]
    if unit in ("minute", "hour"):
        return Reading(q.pub, "day")
    if unit == "decade":
        return _shift(q.pub, "year", -10 * count)
    return _shift(q.pub, unit, -count)


def _duration(s: str, q: Query) -> Reading | None:
    """ "more than a year", "two weeks", "years": how long, not when."""
    pats = patterns()
    if pats.counted.fullmatch(s) or pats.bare_units.fullmatch(s):
        return Reading.unresolved(DURATION)
    return None


def _weekday(s: str, q: Query) -> Reading | None:
    """ "Thursday" looks back (forward if `future`); "last"/"next" exclude the publication day.

    "the weekend" is read as its Saturday with week precision: it spans two days.
    """
    m = patterns().weekday.fullmatch(s)
    if m is None:
        return None
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    modifier, name = m[1], m[2]
    target = load_lexicon().weekdays.get(name, 5)
    forwards = modifier in FORWARD or (q.future and modifier not in BACKWARD)
    strict = modifier in BACKWARD or modifier in FORWARD
    if forwards:
        gap = (target - q.pub.weekday()) % 7 or (7 if strict else 0)
        day = q.pub + dt.timedelta(days=gap)
    else:
        gap = (q.pub.weekday() - target) % 7 or (7 if strict else 0)
        day = q.pub - dt.timedelta(days=gap)
    return Reading(day, "week" if name == "weekend" else "day")


def _explicit(s: str, q: Query) -> Reading | None:
    """Dates with a day and a month: ISO, "Jan 14 2011", "the 14th of January", "Thursday Jan 14"."""
    pats, months = patterns(), load_lexicon().months
    s = pats.leading_weekday.sub("", s)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        return _day_reading(int(m[1]), int(m[2]), int(m[3]), q)
    if m := pats.month_day.fullmatch(s):
        month, day, year = m[1], m[2], m[3]
    elif m := pats.day_month.fullmatch(s):
        day, month, year = m[1], m[2], m[3]
    else:
        return None
    return _day_reading(int(year) if year else None, months[month], int(day), q)


def _month(s: str, q: Query) -> Reading | None:
    """ "December 2019" explicitly; "in December" the latest December on or before publication."""
    m = patterns().month.fullmatch(s)
    if m is None:
        return None
    modifier, month, year = m[1], load_lexicon().months[m[2]], m[3]
    if year is not None:
        if modifier is not None:
            return None
        return _year_check(int(year)) or Reading(dt.date(int(year), month, 1), "month")
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    if modifier == "this":
        return Reading(dt.date(q.pub.year, month, 1), "month")
    strict = modifier is not None
    if modifier in FORWARD or (q.future and modifier is None):
        this_year = month > q.pub.month or (month == q.pub.month and not strict)
        return Reading(_first_of(q.pub.year if this_year else q.pub.year + 1, month), "month")
    this_year = month < q.pub.month or (month == q.pub.month and not strict)
    return Reading(_first_of(q.pub.year if this_year else q.pub.year - 1, month), "month")


def _year(s: str, q: Query) -> Reading | None:
    m = re.fullmatch(r"(?:the year )?(\d{1,6})", s)
    if m is None:
        return None
    year = int(m[1])
    return _year_check(year) or Reading(dt.date(year, 1, 1), "year")


_READERS: tuple[Callable[[str, Query], Reading | None], ...] = (
    _relative, _anaphoric, _counted_anaphor, _window, _ago, _duration, _weekday, _explicit, _month, _year,
)


def _fallback(s: str) -> Reading | None:
    """Let dateparser try other full dates ("14/01/2011", "2011/01/14"), strictly.

    Strict parsing needs day, month and year in the text, so the clock can never fill a gap.
    """
    has_month = any(word in load_lexicon().months for word in s.split())
    if not re.search(r"\d", s) or not (has_month or _NUMERIC_DATE.search(s)):
        return None
    parsed = _dateparser()(s)
    return Reading(parsed, "day") if parsed is not None else None


# --- helpers -----------------------------------------------------------------------------------


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so "sept" is tried before "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _count(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else load_lexicon().numbers[word]


def _year_check(year: int) -> Reading | None:
    """An unresolved reading when `year` is not a plausible news year, else None."""
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return Reading.unresolved(f"implausible year {year}")


def _first_of(year: int, month: int) -> dt.date:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(year)
    return dt.date(year, month, 1)


def _shift(pub: dt.date, unit: str, offset: int) -> Reading:
    """Move the publication date by whole units; the precision is the unit's."""
    if unit == "day":
        return Reading(pub + dt.timedelta(days=offset), "day")
    if unit == "week":
        return Reading(pub + dt.timedelta(weeks=offset), "week")
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + offset
        return Reading(_first_of(index // 12, index % 12 + 1), "month")
    return Reading(_first_of(pub.year + offset, 1), "year")


def _day_reading(year: int | None, month: int, day: int, q: Query) -> Reading:
    """A day-precision reading; a missing year keeps the date on or before publication (after if future)."""
    invalid = Reading.unresolved(f"invalid date {q.written!r}")
    if year is not None:
        if (bad_year := _year_check(year)) is not None:
            return bad_year
        return Reading(dt.date(year, month, day), "day") if _valid(year, month, day) else invalid
    if not _valid(2000, month, day):  # 2000 is a leap year: a day that fails there fails every year
        return invalid
    if q.pub is None:
        return Reading.unresolved(NO_PUB_DATE)
    step = 1 if q.future else -1
    for year in range(q.pub.year, q.pub.year + step * LEAP_SEARCH_YEARS, step):
        if _valid(year, month, day):
            candidate = dt.date(year, month, day)
            if (candidate >= q.pub) if q.future else (candidate <= q.pub):
                return Reading(candidate, "day")
    raise OverflowError(q.written)


def _valid(year: int, month: int, day: int) -> bool:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@cache
def _dateparser() -> Callable[[str], dt.date | None]:
    """Import dateparser on first use: its import and first call take about a second."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"STRICT_PARSING": True, "PARSERS": ["custom-formats", "absolute-time"]},
    )

    def parse(text: str) -> dt.date | None:
        try:
            data = parser.get_date_data(text)
        except (ValueError, OverflowError):
            return None
        if data.date_obj is None or not MIN_YEAR <= data.date_obj.year <= MAX_YEAR:
            return None
        return data.date_obj.date()

    return parse
