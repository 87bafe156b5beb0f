"""Resolve a place mention from news text ("northwest Idlib province", "the capital Algiers") to a
`polybius.models.Location`.

Resolution, in order:

1. Leading fillers ("in", "near", "the", ...) are dropped and the whole phrase is looked up, so
   names that contain descriptor words ("Gaza City", "Rural Damascus", "northwest Pakistan")
   win over their parts.
2. Otherwise descriptor words are peeled off one at a time and the rest looked up again:
   directions ("northwest", "central") change nothing but the name (a capitalised one opening
   the phrase is part of it and goes last: "North Waziristan tribal region"); "province", "governorate",
   "state", "region", "countryside" ask for an admin1; "district", "agency", "tribal region",
   "county" for an admin2 (then admin1); "city", "town", "the capital", "downtown" for a city.
   "capital of X" and a bare "the capital" (given a context country) mean a country's capital.
3. Candidates are ranked by, in order:
   a. context: candidates in `context_countries` first, earlier countries first — unless a
      other candidate has over DWARF_RATIO times the population and at least DWARF_MIN
      people (Damascus, Syria beats Damascus, Maryland even for a US-context article);
   b. kind: the descriptor's kind first; with no descriptor, countries first, then a curated
      preferred sense (Washington -> Washington, D.C.), then a city of NOTABLE_CITY people or
      more that shares its name with an admin unit of its own country (the Hama rule: bare
      "Hama", "Idlib", "Tunis", "Khartoum" mean the city), then everything else;
   c. population (admin units: their towns' summed population), then exact spelling.
4. When the story's countries are known and the best candidate lies outside them, it must be
   notable: a town of fewer than NOTABLE_CITY people, or any place but the kind of unit the text
   names ("district", "province"), leaves the name unresolved (a province the gazetteer spells
   differently must not become a hamlet abroad: "Line", Czechia; "Chora district", Greece).
5. A name with no entry at all is tried with looser spelling (ou/u, iya/ia, q/k, kh/k, gh/g,
   dh/d), but only against places in the story's countries.
   A bare name that names a country keeps only the country and admin1 units (so "Lebanon" is
   never Lebanon, Pennsylvania, but "Georgia" with context USA is the US state).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from polybius.geo.curated import load_curated
from polybius.geo.gazetteer import Gazetteer, Place
from polybius.geo.normalize import key_of_tokens, name_key, tokens
from polybius.models import Location

MAX_CHARS = 120  # longer spans are sentences, not place names
MAX_TOKENS = 10
NOTABLE_CITY = 15_000
DWARF_RATIO = 8
DWARF_MIN = 150_000

FILLERS = frozenset({"in", "at", "near", "from", "to", "into", "inside", "outside", "across", "around",
                     "throughout", "of", "on", "within", "the", "nearby", "neighbouring", "neighboring"})
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "far", "northernmost", "southernmost", "mid",
})
COMPASS_PAIRS = frozenset({("north", "east"), ("north", "west"), ("south", "east"), ("south", "west"),
                           ("north", "eastern"), ("north", "western"), ("south", "eastern"), ("south", "western")})
ADMIN1, ADMIN2, CITY = "admin1", "admin2", "city"
SUFFIXES: dict[tuple[str, ...], str] = {
    **{(w,): ADMIN1 for w in ("province", "governorate", "governate", "state", "region", "oblast", "prefecture",
                              "wilaya", "wilayah", "department", "territory", "emirate", "countryside")},
    **{(w,): ADMIN2 for w in ("district", "agency", "county", "subdistrict", "tehsil", "municipality", "parish")},
    ("tribal", "district"): ADMIN2, ("tribal", "region"): ADMIN2, ("tribal", "area"): ADMIN2,
    ("tribal", "areas"): ADMIN2, ("tribal", "agency"): ADMIN2,
    ("city",): CITY, ("town",): CITY, ("village",): CITY, ("hamlet",): CITY, ("area",): "", ("areas",): "",
}
PREFIXES: dict[tuple[str, ...], str] = {
    ("capital",): CITY, ("downtown",): CITY, ("greater",): CITY,
    ("city", "of"): CITY, ("town", "of"): CITY, ("village", "of"): CITY, ("hamlet", "of"): CITY,
    ("outskirts", "of"): CITY, ("suburbs", "of"): CITY, ("centre", "of"): CITY, ("center", "of"): CITY,
    ("province", "of"): ADMIN1, ("governorate", "of"): ADMIN1, ("state", "of"): ADMIN1,
    ("region", "of"): ADMIN1, ("district", "of"): ADMIN2,
}
KIND_ORDER = {ADMIN1: (ADMIN1, ADMIN2, CITY, "country"), ADMIN2: (ADMIN2, ADMIN1, CITY, "country"),
              CITY: (CITY, ADMIN2, ADMIN1, "country")}


@dataclass(frozen=True)
class Resolution:
    """A geocoding outcome with the reason, so callers can log why a mention stayed unplaced."""

    location: Location | None
    reason: str


@dataclass(frozen=True)
class _Query:
    toks: tuple[str, ...]
    want: str  # "" (no descriptor), ADMIN1, ADMIN2 or CITY
    capital_of: bool = False


class Geocoder:
    """Stateless apart from the shared gazetteer; safe to share across threads."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._given = gazetteer

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Built lazily so constructing a Geocoder costs nothing until the first lookup."""
        return self._given or Gazetteer.default()

    @cached_property
    def _stopwords(self) -> frozenset[str]:
        return frozenset(name_key(w) for w in load_curated().stopwords)

    @cached_property
    def _preferred(self) -> dict[str, tuple[str, str, str]]:
        return {name_key(n): (p.name, p.country, p.kind) for p in load_curated().preferred for n in p.names}

    def geocode(self, text: str, context_countries: Sequence[str] = ()) -> Location | None:
        """The most plausible place for `text`, or None; never raises on odd input."""
        return self.resolve(text, context_countries).location

    def resolve_reason(self, text: str, context_countries: Sequence[str] = ()) -> str:
        """Why `text` resolved as it did (or did not), for logs and debugging."""
        return self.resolve(text, context_countries).reason

    def resolve(self, text: str, context_countries: Sequence[str] = ()) -> Resolution:
        if not isinstance(text, str) or not text.strip():
            return Resolution(None, "empty text")
        if len(text) > MAX_CHARS:
            return Resolution(None, f"longer than {MAX_CHARS} characters")
        context = tuple(c for c in context_countries if isinstance(c, str))
        head, _, tail = text.partition(",")
        if tail.strip():  # "Hama, Syria": the part after the comma narrows the first
            country = self._country_named(tail)
            if country is not None:
                return self._resolve_tokens(text, tokens(head), (country.country, *context))
        return self._resolve_tokens(text, tokens(text), context)

    def _resolve_tokens(self, text: str, toks: list[str], context: tuple[str, ...]) -> Resolution:
        while toks and toks[0] in FILLERS:
            toks = toks[1:]
        if not toks:
            return Resolution(None, "no name left after dropping fillers")
        if len(toks) > MAX_TOKENS:
            return Resolution(None, f"more than {MAX_TOKENS} words")
        if toks == ["capital"] and context:
            return self._capital(text, context[0], "the capital, read as that of the first context country")
        for query in _readings(tuple(toks), _named_direction(text)):
            key = key_of_tokens(query.toks)
            if key in self._stopwords:
                return Resolution(None, f"'{key}' is not a place in news use")
            found = self.gazetteer.candidates(" ".join(query.toks))
            if not found:
                continue
            best = self._rank(found, query, key, context)[0]
            if (why := _abroad(best, query, context)) is not None:
                return Resolution(None, f"{why} is called '{key}' ({best.name}, {best.country}); the story is in {', '.join(context)}")
            if query.capital_of and best.kind == "country":
                return self._capital(text, best.country, f"capital of {best.name}")
            return Resolution(_location(text, best), f"{best.kind} '{best.name}' from '{key}'"
                              + (f" (wanted {query.want})" if query.want else ""))
        return self._loosely(text, tuple(toks), context) or Resolution(None, f"no gazetteer entry for '{' '.join(toks)}'")

    def _loosely(self, text: str, toks: tuple[str, ...], context: tuple[str, ...]) -> Resolution | None:
        """A spelling variant ("Mahmoudiya" for Al Mahmudiyah, "Paktiya" for Paktia), only among
        places of the story's own countries: loose spelling never crosses a border."""
        for query in _readings(toks, _named_direction(text)):
            found = [p for p in self.gazetteer.loose_candidates(" ".join(query.toks)) if p.country in context]
            if found:
                key = key_of_tokens(query.toks)
                best = self._rank(found, query, key, context)[0]
                return Resolution(_location(text, best), f"{best.kind} '{best.name}' spelled '{key}' in the story's country")
        return None

    def _rank(self, found: list[Place], query: _Query, key: str, context: tuple[str, ...]) -> list[Place]:
        if not query.want and any(p.kind == "country" for p in found):
            found = [p for p in found if p.kind in ("country", ADMIN1)]
        biggest = max((p.population or 0 for p in found), default=0)

        def context_rank(place: Place) -> int:
            if place.country not in context:
                return len(context)
            # A small namesake never beats a world city, however high its country ranks in context.
            dwarfed = biggest >= DWARF_MIN and biggest > DWARF_RATIO * (place.population or 1000)
            return len(context) + 1 if dwarfed else context.index(place.country)

        admin_countries = {p.country for p in found if p.kind in (ADMIN1, ADMIN2)}  # all match `key`
        preferred = self._preferred.get(key)

        def kind_rank(place: Place) -> int:
            if query.want:
                return KIND_ORDER[query.want].index(place.kind)
            if place.kind == "country":
                return 0
            if preferred == (place.name, place.country, place.kind):
                return 1
            if place.kind == CITY and (place.population or 0) >= NOTABLE_CITY and place.country in admin_countries:
                return 2
            return 3

        return sorted(found, key=lambda p: (context_rank(p), kind_rank(p), -(p.population or 0),
                                            name_key(p.name) != key))

    def _capital(self, text: str, iso3: str, why: str) -> Resolution:
        capital = self.gazetteer.capital(iso3)
        if capital is None:
            return Resolution(None, f"no capital known for {iso3}")
        return Resolution(_location(text, capital), why)

    def _country_named(self, text: str) -> Place | None:
        return next((p for p in self.gazetteer.candidates(text.strip()) if p.kind == "country"), None)


def _abroad(place: Place, query: _Query, context: tuple[str, ...]) -> str | None:
    """Why a place outside the story's countries cannot be meant, or None when it may be: a town
    of under NOTABLE_CITY people, or anything but the unit the text names ("Chora district" is not a
    Greek town, "Dara district" no Syrian province). Admin units abroad stay: a story may name
    only the attacker's country ("US drone strike kills five in North Waziristan")."""
    if not context or place.country in context:
        return None
    if place.kind == CITY and (place.population or 0) < NOTABLE_CITY:
        return "only a small town abroad"
    if query.want in (ADMIN1, ADMIN2) and place.kind != query.want:
        return f"only a {place.kind} (not the {query.want} the text names) abroad"
    return None


def _named_direction(text: str) -> bool:
    """ "North Waziristan", "South Kordofan": a capitalised direction opening the name is part of
    it; "northern Syria", "the western Darfur region" only describe where."""
    first = next((w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in FILLERS), "")
    return first[:1].isupper() and first.lower() in DIRECTIONS


def _readings(toks: tuple[str, ...], named_direction: bool = False) -> Iterator[_Query]:
    """The phrase itself, then successively shorter readings with one descriptor peeled off."""
    query = _Query(toks, "")
    while query.toks:
        yield query
        query = _peel(query, named_direction)
        if query is None:
            return


def _peel(query: _Query, named_direction: bool) -> _Query | None:
    toks, want = query.toks, query.want
    if toks[0] in FILLERS:
        return _Query(toks[1:], want, query.capital_of)
    if len(toks) > 2 and toks[:2] == ("capital", "of"):
        return _Query(toks[2:], CITY, capital_of=True)
    if not named_direction and (direction := _peel_direction(query)) is not None:
        return direction
    for size in (2, 1):
        if len(toks) > size and toks[:size] in PREFIXES:
            return _Query(toks[size:], want or PREFIXES[toks[:size]], query.capital_of)
        if len(toks) > size and toks[-size:] in SUFFIXES:
            return _Query(toks[:-size], want or SUFFIXES[toks[-size:]], query.capital_of)
    return _peel_direction(query)


def _peel_direction(query: _Query) -> _Query | None:
    toks = query.toks
    if len(toks) > 2 and (toks[0], toks[1]) in COMPASS_PAIRS:
        return _Query(toks[2:], query.want, query.capital_of)
    if len(toks) > 1 and toks[0] in DIRECTIONS:
        return _Query(toks[1:], query.want, query.capital_of)
    return None


def _location(text: str, place: Place) -> Location:
    return Location(text=text, name=place.name, country=place.country,
                    admin1=place.admin1 if place.kind != "country" else None,
                    lat=round(place.lat, 5), lon=round(place.lon, 5), precision=place.kind)
