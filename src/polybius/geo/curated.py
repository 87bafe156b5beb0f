"""The hand-written gazetteer knowledge in data/gazetteer.yaml, parsed once into plain types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DATA_FILE = "gazetteer.yaml"


@dataclass(frozen=True)
class CuratedPlace:
    """A place the open data lack (mostly districts), with the names news uses for it."""

    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Preferred:
    """A bare name (`names`) whose usual news sense is one particular place."""

    name: str
    country: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Curated:
    admin1_prefixes: tuple[str, ...]
    admin1_suffixes: tuple[str, ...]
    admin1_renames: dict[str, dict[str, str]]
    country_aliases: dict[str, tuple[str, ...]]
    admin1_aliases: dict[str, dict[str, tuple[str, ...]]]
    places: tuple[CuratedPlace, ...]
    preferred: tuple[Preferred, ...]
    stopwords: tuple[str, ...]

    def clean_admin1(self, name: str) -> str:
        """Drop administrative words GeoNames keeps in admin1 names ("Muhafazat Karbala'")."""
        for prefix in self.admin1_prefixes:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix):]
        for suffix in self.admin1_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
        return name


def data_bytes() -> bytes:
    """The raw YAML, also used to fingerprint the gazetteer cache."""
    return resources.files("polybius.geo").joinpath("data", DATA_FILE).read_bytes()


@cache
def load_curated() -> Curated:
    raw = yaml.safe_load(data_bytes())
    affixes = raw.get("admin1_affixes", {})
    return Curated(
        admin1_prefixes=tuple(affixes.get("prefixes", ())),
        admin1_suffixes=tuple(affixes.get("suffixes", ())),
        admin1_renames={cc: dict(m) for cc, m in raw.get("admin1_renames", {}).items()},
        country_aliases={cc: tuple(v) for cc, v in raw.get("country_aliases", {}).items()},
        admin1_aliases={
            cc: {name: tuple(v) for name, v in m.items()} for cc, m in raw.get("admin1_aliases", {}).items()
        },
        places=tuple(
            CuratedPlace(
                name=p["name"], kind=p["kind"], country=p["country"], admin1=p.get("admin1"),
                lat=float(p["lat"]), lon=float(p["lon"]), aliases=tuple(p.get("aliases", ())),
            )
            for p in raw.get("places", ())
        ),
        preferred=tuple(
            Preferred(name=p["name"], country=p["country"], kind=p["kind"], names=tuple(p["for"]))
            for p in raw.get("preferred", ())
        ),
        stopwords=tuple(raw.get("stopwords", ())),
    )
