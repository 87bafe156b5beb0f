"""Reader for GeoNames dump files (allCountries.txt, cities500.txt, ...; tab separated, 19 columns).

Only rows the gazetteer can use are yielded: populated places with a known population or an
administrative seat (PPLA*, PPLC), first- and second-order divisions, and independent countries.
That keeps even allCountries.txt (12M rows, mostly hamlets and hills) to a bounded index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polybius.geo.normalize import ascii_fold, is_latin_script

ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country", "PCLD": "country", "PCLS": "country"}
SEAT_PREFIXES = ("PPLA", "PPLC")
MIN_COLUMNS = 15


@dataclass(frozen=True, slots=True)
class GeoNamesRow:
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    kind: str  # "city", "admin1", "admin2" or "country"
    country_code: str  # ISO 3166-1 alpha-2
    admin1_code: str
    population: int


def readable_alternates(names: list[str] | str) -> tuple[str, ...]:
    """Keep alternate names news copy could use: Latin script, capitalised, not an airport code.

    GeoNames alternates mix scripts, lowercase romanisations ("alqdarf") and IATA codes ("KRT");
    indexing those would only add false matches.
    """
    if isinstance(names, str):
        names = names.split(",") if names else []
    kept: list[str] = []
    for name in names:
        if not is_latin_script(name):
            continue
        folded = ascii_fold(name)
        if len(folded) < 3 or len(folded) < len(name) * 0.8 or not folded[0].isupper():
            continue
        if folded.isupper() and len(folded) <= 4:
            continue
        kept.append(name)
    return tuple(dict.fromkeys(kept))


def read_geonames(path: Path) -> Iterator[GeoNamesRow]:
    """Yield the usable rows of a GeoNames dump; malformed lines are skipped, never fatal."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < MIN_COLUMNS:
                continue
            kind = _kind(cols[6], cols[7])
            try:
                lat, lon, population = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            except ValueError:
                continue
            if kind is None or (kind == "city" and population <= 0 and not cols[7].startswith(SEAT_PREFIXES)):
                continue
            yield GeoNamesRow(
                name=cols[1], alternates=readable_alternates(cols[3]), lat=lat, lon=lon, kind=kind,
                country_code=cols[8], admin1_code=cols[10], population=population,
            )


def _kind(feature_class: str, feature_code: str) -> str | None:
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        return ADMIN_CODES.get(feature_code)
    return None
