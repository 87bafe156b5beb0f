"""Datelines and date lines at the top of a page: where the story was filed and, when the page
has no metadata, the day it was published. Neither is an event, so both leave the text that is
parsed.

* A dateline opens the story's first paragraph: "JALALABAD, Afghanistan, May 2 (Reuters) -",
  "KABUL, Sept. 3 (Xinhua) --", "Kunduz (AIP):", "PESHAWAR:", "AFP -", "20120803 AFP". It is cut
  from the start of its line; its place becomes the story's place.
* A date line stands alone ("Tuesday, March 11, 2014", "2013-02-06 18:49", "Source: Xinhua |
  2017-05-25 19:27:38") or opens a line with a marker ("date 2022-08-03 ...", "Published:
  06 Oct 2014"): it is dropped (or cut), and its date is the publication day.

Only a full date (day, month and year, or an ISO or unambiguous numeric date) names a day: a
dateline's "May 2" says nothing of the year, and "03-08-2022" could be March or August.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from polybius.temporal.lexicon import load_lexicon

DASH = "-\u2013\u2014\u2212"
INVISIBLE = "\u200b\u200c\u200d\ufeff\u00ad"  # stripped from line ends, as the cleaner does


@dataclass(frozen=True)
class Dateline:
    """What the top of a page says about the story; offsets are in the original text."""

    place: str | None = None  # "Jalalabad" (as written, capitals folded)
    country: str | None = None  # "Afghanistan", when the dateline names one
    place_span: tuple[int, int] | None = None
    agency: str | None = None
    day: dt.date | None = None  # the publication day, only from a full date
    day_text: str | None = None

    @property
    def place_query(self) -> str | None:
        """What to geocode: "Jalalabad, Afghanistan"."""
        if self.place is None:
            return None
        return f"{self.place}, {self.country}" if self.country else self.place


@dataclass(frozen=True)
class TopOfPage:
    """The dateline found, and for each affected line (by its start offset) where the kept text
    begins: the line's end to drop it whole, a later offset to cut a prefix."""

    dateline: Dateline | None
    cuts: dict[int, int]


@dataclass(frozen=True)
class _Patterns:
    full_date: re.Pattern[str]
    dateline: re.Pattern[str]
    agency_only: re.Pattern[str]
    marker_date: re.Pattern[str]
    compact_date: re.Pattern[str]
    date_first: re.Pattern[str]
    agencies: frozenset[str]
    labels: frozenset[str]
    markers: tuple[str, ...]
    line_words: frozenset[str]
    search_chars: int


@cache
def _patterns() -> _Patterns:
    raw = yaml.safe_load(resources.files("polybius.clean").joinpath("data/datelines.yaml").read_text("utf-8"))
    lex = load_lexicon()
    months = _alternatives(m.capitalize() for m in lex.months) + "|" + _alternatives(m.upper() for m in lex.months)
    weekdays = _alternatives(w.capitalize() for w in lex.weekdays if len(w) > 3)
    month = rf"(?:{months})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    full = (rf"(?:(?:{weekdays}),?\s+)?(?:{month}\s+{day},?\s+\d{{4}}|{day}\s+(?:of\s+)?{month},?\s+\d{{4}})"
            rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}")
    partial = rf"{month}\s+{day}|{day}\s+{month}"
    agencies = sorted(raw["agencies"], key=len, reverse=True)
    agency = _alternatives(agencies)
    word = r"[A-Z][A-Za-z'.\-]*"
    particle = r"(?:es|el|al|de|del|da|di|du|la|le|of|upon)"
    place = rf"{word}(?:\s(?:{particle}\s)?{word}){{0,3}}"
    return _Patterns(
        full_date=re.compile(full),
        dateline=re.compile(
            rf"(?P<place>{place}(?:\s?/\s?{place})*)"
            rf"(?:,\s*(?!(?:{months})\b)(?P<country>{place}))?"
            rf"(?:,?\s*(?P<date>{full}|{partial}))?"
            rf"(?:\s*\((?P<agency>[^()\n]{{1,40}})\))?"
            rf"(?:\s*(?P<sep>[{DASH}]{{1,3}}|:)\s+|\s*$)"),
        agency_only=re.compile(rf"(?:\((?P<paren>[^()\n]{{1,40}})\)|(?P<agency>{agency}))\s*(?:[{DASH}]{{1,3}}|:)\s+", re.I),
        marker_date=re.compile(rf"(?P<marker>{_alternatives(raw['publication_markers'])})\s*:?\s*(?P<date>{full})"
                               rf"(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s*[|{DASH}]\s*|\s+|$)", re.I),
        compact_date=re.compile(rf"(?P<date>(?:19|20)\d{{6}})\s+(?:{agency})\s+", re.I),
        date_first=re.compile(rf"(?P<date>{full})\s*(?:[{DASH}]{{1,3}}|:)\s+"),
        agencies=frozenset(a.lower() for a in agencies),
        labels=frozenset(w.lower() for w in raw["labels"]),
        markers=tuple(m.lower() for m in raw["publication_markers"]),
        line_words=frozenset(w.lower() for w in raw["date_line_words"]),
        search_chars=int(raw["search_chars"]),
    )


def read_top_of_page(raw: str) -> TopOfPage:
    """Find the dateline and date lines among the first lines of `raw` (never raises)."""
    pats = _patterns()
    cuts: dict[int, int] = {}
    place: Dateline | None = None
    days: list[tuple[int, dt.date, str]] = []  # (rank, day, text): lower rank is better
    for start, end in _top_lines(raw, pats.search_chars):
        line = raw[start:end]
        offset = 0
        if (m := pats.marker_date.match(line)) is not None and (day := full_date(m["date"])) is not None:
            days.append((_marker_rank(m["marker"]), day, m["date"]))
            offset = m.end()
        elif (m := pats.compact_date.match(line)) is not None and (day := _compact(m["date"])) is not None:
            days.append((0, day, m["date"]))
            offset = m.end()
        elif (m := pats.date_first.match(line)) is not None and (day := full_date(m["date"])) is not None:
            days.append((1, day, m["date"]))
            offset = m.end()
        elif (found := _date_only_line(line)) is not None:
            cuts[start] = end
            days.append(found)
            continue
        if place is None and offset < len(line) and (found_place := _dateline(line[offset:], start + offset)) is not None:
            place, used = found_place
            offset += used
            if place.day is not None:
                days.append((0, place.day, place.day_text or ""))
        if offset:
            cuts[start] = start + offset if start + offset < end else end
    if days:
        rank, day, text = min(days, key=lambda d: d[0])
        place = Dateline(**{**(place.__dict__ if place else {}), "day": day, "day_text": text})
    return TopOfPage(place, cuts)


def full_date(text: str) -> dt.date | None:
    """A date with day, month and year; None for partial or ambiguous ones ("03-08-2022")."""
    from polybius.temporal.expressions import read_expression

    numeric = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text.strip())
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        if first <= 12 and second <= 12 and first != second:
            return None  # day-first or month-first: the page does not say
        day, month = (first, second) if first > 12 or first == second else (second, first)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    reading = read_expression(text, None)
    return reading.date if reading.precision == "day" else None


def _top_lines(raw: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of the stripped, non-empty lines that begin within the first `limit` characters."""
    spans, start = [], 0
    for match in re.finditer(r"\r\n|\r|\n|$", raw):
        if start > limit:
            break
        s, e = start, match.start()
        while s < e and (raw[s].isspace() or raw[s] in INVISIBLE):
            s += 1
        while e > s and (raw[e - 1].isspace() or raw[e - 1] in INVISIBLE):
            e -= 1
        if s < e:
            spans.append((s, e))
        start = match.end()
        if match.start() == len(raw):
            break
    return spans


def _date_only_line(line: str) -> tuple[int, dt.date, str] | None:
    """A line holding a full date and little else: (rank, day, date text)."""
    pats = _patterns()
    found = [(m, full_date(m.group())) for m in pats.full_date.finditer(line)]
    found = [(m, d) for m, d in found if d is not None]
    if not found:
        return None
    rest = pats.full_date.sub(" ", line)
    lex = load_lexicon()
    unknown = [w for w in re.findall(r"[A-Za-z][A-Za-z'./]*", rest)
               if w.lower().rstrip(".:") not in pats.line_words | pats.agencies | set(pats.markers)
               and w.lower().rstrip(".,") not in lex.weekdays and w.lower().rstrip(".,") not in lex.months]
    if len(unknown) > 2:
        return None
    match, day = found[0]
    before = re.findall(r"[a-z]+", line[: match.start()].lower())
    marker = next((m for m in pats.markers if m in before), None)
    return (_marker_rank(marker) if marker else 1), day, match.group()


def _marker_rank(marker: str) -> int:
    """Creation markers first, then a bare date line (rank 1), update markers last."""
    return 2 if marker.lower() in ("updated", "modified", "last updated") else 0


def _compact(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _dateline(text: str, base: int) -> tuple[Dateline, int] | None:
    """A dateline opening `text` (which starts at offset `base` of the page): the Dateline and how
    many characters of `text` it takes, with the separator after it."""
    pats = _patterns()
    if (m := pats.agency_only.match(text)) is not None:
        return Dateline(agency=m["paren"] or m["agency"]), m.end()
    m = pats.dateline.match(text)
    if m is None:
        return None
    name, sep, agency = m["place"], m["sep"], m["agency"]
    caps = name.replace(" ", "").replace("/", "").replace(".", "").replace("-", "").isupper()
    if sep is None and (m["date"] is None or m.end() < len(text)):
        return None  # a line that is only "Dhaka, October 29" is a dateline; anything longer is prose
    if sep == ":" and not (caps or agency):
        return None  # "Algeria: police fire tear gas" is a headline
    if name.lower() in pats.agencies:
        return Dateline(agency=name), m.end()
    if name.lower() in pats.labels:
        return None  # "LIVE: ...", "WATCH: ...": a headline label, no place
    shown = None if "/" in name else name.title() if caps else name  # "Johannesburg/Washington": no one place
    country = m["country"]
    if country and caps and country.isupper():
        country = country.title()
    day = full_date(m["date"]) if m["date"] else None
    span = (base + m.start("place"), base + m.end("place")) if shown else None
    return (Dateline(place=shown, country=country, place_span=span, agency=agency, day=day,
                     day_text=m["date"] if day else None), m.end())


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
