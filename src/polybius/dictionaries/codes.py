"""CAMEO actor codes (RUSGOV, AFGGOVDEV, IGOUNO, NGOARN) read as polybius's country + sector + code.

The mapping is data (`data/cameo_actor_codes.yaml`); this module only applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CODES_FILE = Path(__file__).with_name("data") / "cameo_actor_codes.yaml"


@dataclass(frozen=True)
class ActorCode:
    """What one CAMEO code says about an actor (all None: PETRARCH's null code, no actor)."""

    country: str | None
    sector: str | None
    code: str | None


NO_ACTOR = ActorCode(None, None, None)


@dataclass(frozen=True)
class CodeTable:
    international: dict[str, str | None]
    null: frozenset[str]
    sectors: dict[str, str | None]
    igos: dict[str, str]
    countries: dict[str, str]


@cache
def code_table() -> CodeTable:
    with CODES_FILE.open(encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    return CodeTable(doc["international"], frozenset(doc["no_actor"]), doc["sectors"], doc["igos"], doc["countries"])


def _parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def read_actor_code(raw: str, countries: frozenset[str] | None = None, keep: bool = True) -> ActorCode | None:
    """Split a CAMEO code. `keep`: the code stays as written (a user's dictionary), else polybius's own
    (country + sector, or our IGO code). With `countries`, a first part that is neither one of them nor
    an international prefix gives None (a region or a state that no longer exists); without, any
    three letters are a country (a user's dictionary may define its own, as the PETRARCH suite does).
    `A/B` lists several actors; polybius takes the first.
    """
    table = code_table()
    code = raw.split("/")[0].upper()
    if not code or code in table.null or not code[0].isalnum():
        return NO_ACTOR
    first, rest = code[:3], _parts(code[3:])
    if first in table.null:
        sector = _sector(rest, table)
        return ActorCode(None, sector, None) if sector else NO_ACTOR
    if first in table.international:
        sector = table.international[first]
        if keep:
            return ActorCode(None, sector, code)
        igo = next((table.igos[p] for p in rest if p in table.igos), None) if first == "IGO" else None
        return ActorCode(None, sector, igo or code)
    country = table.countries.get(first, first)
    if countries is not None and country not in countries:
        return None
    sector = _sector(rest, table)
    return ActorCode(country, sector, code if keep else country + (sector or ""))


def _sector(parts: list[str], table: CodeTable) -> str | None:
    return next((table.sectors[p] for p in parts if table.sectors.get(p)), None)


def agent_sector(code: str, prefix: bool) -> str | None:
    """The polybius sector an agent code stands for: ~GOVFRM -> GOV, NGO~ -> NGO, ~GGS -> None."""
    table = code_table()
    if prefix:
        return table.international.get(code[:3]) or _sector(_parts(code), table)
    return _sector(_parts(code), table)
