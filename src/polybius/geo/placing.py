"""Where an event happened: geocode the place phrases that belong to it, else the story's place.

`phrases.py` picks the phrases of a sentence that belong to an event; this module geocodes them
against the countries the article is about, keeps the best one, says why when there is none,
and lends the story's place (its dateline, or the place most of its events share) to events
that name none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from polybius.actors import ActorResolver
from polybius.clean import CleanText
from polybius.coding import syntax
from polybius.coding.coder import CodedAction
from polybius.geo.geocoder import Geocoder
from polybius.geo.phrases import PlacePhrase, event_places, story_place_phrases
from polybius.models import UNREALISED, Event, Location, Status

PRECISION_RANK = {"country": 1, "admin1": 2, "admin2": 3, "city": 4, "point": 5}


@dataclass
class ArticlePlaces:
    """Geocodes the place phrases of one article; spans point into the original article text."""

    geocoder: Geocoder
    resolver: ActorResolver
    clean: CleanText
    article_text: str
    countries: list[str]

    def __post_init__(self) -> None:
        filed = self.filed
        if filed is not None and filed.country and filed.country not in self.countries:
            self.countries = [*self.countries, filed.country]  # names resolve there too, after the story's own

    @cached_property
    def filed(self) -> Location | None:
        """Where the dateline says the story was filed ("JALALABAD, Afghanistan, May 2 (Reuters) -")."""
        dateline = self.clean.dateline
        if dateline is None or dateline.place_query is None or dateline.place_span is None:
            return None
        location = self.geocoder.geocode(dateline.place_query, self.countries)
        if location is None:
            return None
        return location.model_copy(update={"text": self.article_text[slice(*dateline.place_span)],
                                           "char_span": dateline.place_span})

    def story_country(self, home: str | None) -> str | None:
        """The country the story is about: the one its text dominates, else its dateline's, when the
        text names no other country first ("KUNDUZ, Afghanistan (AIP) - Police fired ...")."""
        if home is not None or self.filed is None or not self.filed.country:
            return home
        return self.filed.country if self.countries[0] == self.filed.country else None

    def geocode(self, phrase: PlacePhrase) -> Location | None:
        query = phrase.text
        if phrase.demonym is not None:
            # "the Tunisian capital": the capital of the country the adjective names
            country = self.resolver.resolve(phrase.demonym).country
            place = self.geocoder.gazetteer.country(country) if country else None
            query = f"capital of {place.name}" if place is not None else ""
        if phrase.antecedent is not None:
            # "in the country": the country the text named last
            country = self.resolver.resolve(phrase.antecedent).country
            place = self.geocoder.gazetteer.country(country) if country else None
            query = place.name if place is not None else ""
        countries = self.countries
        nation = self.resolver.resolve(phrase.nationality).country if phrase.nationality else None
        if nation:
            countries = [nation, *countries]  # "the Ukrainian town of X": look in Ukraine first
        location = self.geocoder.geocode(query, countries)
        if location is None and nation and (country := self.geocoder.gazetteer.country(nation)) is not None:
            location = self.geocoder.geocode(country.name)  # a town the gazetteer lacks: at least its country
        if location is None:
            return None
        span = self.clean.to_original(*phrase.char_span)
        return location.model_copy(update={"text": self.article_text[span[0] : span[1]], "char_span": span})

    def place_of(self, sentence: Span, action: CodedAction, visit_codes: frozenset[str]) -> tuple[Location | None, str | None]:
        """The coded act's place, or why there is none. Its actors and their conjuncts are no places
        ("Kenya and Uganda warned ..."), but a visit happens where the visited is."""
        exclude = {c.i for t in (action.source, action.target) if t is not None for c in syntax.conjuncts(t)}
        if action.code in visit_codes and action.target is not None:
            exclude -= {c.i for c in syntax.conjuncts(action.target)}
        return self.event_place(sentence, action.clause_head, action.trigger, exclude, action.target)

    def event_place(self, sentence: Span, clause_head: Token, trigger: Token, exclude: set[int],
                    target: Token | None) -> tuple[Location | None, str | None]:
        """The event's place, or why there is none. `exclude`: token indices of the actors' heads."""
        best: tuple[tuple[int, int], Location] | None = None
        phrases = event_places(sentence, clause_head, trigger, exclude, target)
        for phrase in phrases:
            location = self.geocode(phrase)
            if location is None or (phrase.actor_home and location.precision == "country"):
                continue  # "U.S. aircrews" are American wherever they are; "Kabul police" are in Kabul
            rank = (phrase.weight, PRECISION_RANK.get(location.precision or "", 0))
            if best is None or rank > best[0]:
                best = rank, location
        if best is not None:
            return best[1], None
        if phrases:
            return None, self.geocoder.resolve_reason(phrases[0].text, self.countries)
        return None, "the sentence names no place for this event"

    def country_of(self, iso3: str | None) -> Location | None:
        """A country-level place for an event known only to happen in a country (no span: not named)."""
        place = self.geocoder.gazetteer.country(iso3) if iso3 else None
        if place is None:
            return None
        return Location(text=place.name, name=place.name, country=place.country, lat=round(place.lat, 5),
                        lon=round(place.lon, 5), precision="country")

    def story_places(self, doc: Doc, home: str | None, is_reporting_verb: Callable[[Token], bool]) -> list[Location]:
        """Precise places of the home country: the dateline, then those named outside reporting frames."""
        if home is None:
            return []
        found = [self.filed] if self.filed is not None else []
        for sentence in doc.sents:
            found += [loc for phrase in story_place_phrases(sentence, is_reporting_verb) if (loc := self.geocode(phrase))]
        return [loc for loc in found if loc.country == home and loc.precision in {"city", "admin1", "admin2"}]


def place_by_story(events: list[Event], home: str | None, named: Callable[[], list[Location]]) -> list[Event]:
    """A story told in one place lends it to its events that name none ('police fired tear gas'
    in a report whose events happen in Khartoum): the city or province of the article's dominant
    country that most located events share, else the first one the text names outside reporting
    frames; only for events whose actors are of that country (or unknown)."""
    if home is None or all(e.location is not None for e in events):
        return events
    located = [e.location for e in events if e.location is not None and e.status not in UNREALISED | {Status.PLANNED}]
    places = Counter((loc.name, loc.admin1) for loc in located if loc.country == home and loc.precision in {"city", "admin1", "admin2"})
    if places:
        (name, admin1), count = places.most_common(1)[0]
        if count * 2 < len(located):
            return events
        story = next(loc for loc in located if (loc.name, loc.admin1) == (name, admin1))
    elif not located and (candidates := named()):
        story = candidates[0]
    else:
        return events
    return [
        e.model_copy(update={"location": story, "unresolved": {k: v for k, v in e.unresolved.items() if k != "location"}})
        if e.location is None and e.status not in UNREALISED and {e.source.country, e.target.country} <= {home, None}
        else e
        for e in events
    ]


def place_by_doers(events: list[Event], roots: frozenset[str], country_of: Callable[[str | None], Location | None]) -> list[Event]:
    """Protests and state coercion happen where their doers live: an event of these roots still
    without a place ("In rallies on Tuesday, South Korean groups burned effigies") is placed, at
    country level, in its source's country when the source is of a kind (sector) bound to it."""
    placed = []
    for event in events:
        if event.location is None and event.cameo.root in roots and event.source.country and event.source.sector:
            location = country_of(event.source.country)
            if location is not None:
                event = event.model_copy(update={"location": location,
                                                 "unresolved": {k: v for k, v in event.unresolved.items() if k != "location"}})
        placed.append(event)
    return placed
