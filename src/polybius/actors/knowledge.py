"""Load the actor dictionaries (data/*.yaml) into one matcher, checking every code as we go.

The files are meant to be read and corrected by political scientists; this module only turns them
into lookup structures, and refuses a file with an unknown country, sector, IGO or group so that a
typo fails the test suite instead of silently producing wrong codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import yaml

from polybius.actors.lexicon import Entry, Lexicon, tokenize
from polybius.actors.named import NamedActor, NamedIndex, Role, parse_bound

DATA_DIR = Path(__file__).with_name("data")
_NAME_PARTICLES = {"al", "el"}  # "Bashar al-Assad" is also written "Bashar Assad"


@dataclass(frozen=True)
class Igo:
    code: str
    name: str
    sector: str


@dataclass(frozen=True)
class Knowledge:
    lexicon: Lexicon
    named: NamedIndex
    igos: dict[str, Igo]
    country_codes: frozenset[str]
    sector_codes: frozenset[str]


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    lexicon = Lexicon()
    sectors = _load_sectors(_read(data_dir / "sectors.yaml"), lexicon)
    countries = _load_countries(_read(data_dir / "countries.yaml"), lexicon, sectors)
    igos = _load_igos(_read(data_dir / "igos.yaml"), lexicon, sectors)
    named = _load_named(_read(data_dir / "named_actors.yaml"), lexicon, countries, sectors, igos)
    return Knowledge(lexicon, named, igos, countries, sectors)


def _read(path: Path) -> dict[str, Any]:
    """Parse with libyaml when present: the dictionaries are large and pure-Python YAML is slow."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


def _plural(phrase: str) -> str | None:
    """English plural of a lower-case noun phrase's last word (policeman -> policemen), else None."""
    if not phrase.islower() or phrase.endswith("s"):
        return None
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + ("es" if phrase.endswith(("ch", "sh", "x")) else "s")


def _load_sectors(doc: dict[str, Any], lexicon: Lexicon) -> frozenset[str]:
    codes = frozenset(doc["codes"])
    for group in doc["terms"]:
        sector, rank = group["sector"], int(group["rank"])
        if sector not in codes:
            raise ValueError(f"sectors.yaml: unknown sector {sector!r}")
        for word in group["words"]:
            entry = Entry("sector", word, sector=sector, rank=rank)
            lexicon.add(word, entry)
            plural = _plural(word)
            if plural:
                lexicon.add(plural, entry)
    return codes


def _official_names(iso3: str) -> list[str]:
    """pycountry's names, minus the inverted ones ("Korea, Republic of") nobody writes in prose."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    names = {getattr(country, field, None) for field in ("name", "official_name", "common_name")}
    return [re.sub(r"^the ", "", n) for n in names if n and "," not in n and "(" not in n]


def _load_countries(doc: dict[str, Any], lexicon: Lexicon, sectors: frozenset[str]) -> frozenset[str]:
    valid = {c.alpha_3 for c in pycountry.countries} | set(doc.get("extra_codes", {}))
    listed = set()
    for item in doc["countries"]:
        iso3 = item["iso3"]
        if iso3 not in valid:
            raise ValueError(f"countries.yaml: {iso3} is neither ISO 3166-1 nor in extra_codes")
        listed.add(iso3)
        for name in [*item.get("names", []), *_official_names(iso3)]:
            lexicon.add(name, Entry("country", name, (iso3,)))
        for adjective in item.get("adjectives", []):
            lexicon.add(adjective, Entry("country", adjective, (iso3,)))
            if adjective.endswith(("an", "i")):  # demonym nouns: Russians, Iraqis
                lexicon.add(adjective + "s", Entry("country", adjective, (iso3,)))
        for capital in item.get("capitals", []):
            lexicon.add(capital, Entry("country", capital, (iso3,), "GOV", 0))
        for seat, sector in (item.get("seats") or {}).items():
            if sector not in sectors:
                raise ValueError(f"countries.yaml: {seat}: unknown sector {sector!r}")
            lexicon.add(seat, Entry("country", seat, (iso3,), sector, 2))
    return frozenset(listed)


def _load_igos(doc: dict[str, Any], lexicon: Lexicon, sectors: frozenset[str]) -> dict[str, Igo]:
    igos = {}
    for item in doc["bodies"]:
        igo = Igo(item["code"], item["name"], item.get("sector", "IGO"))
        if igo.sector not in sectors or igo.code in igos:
            raise ValueError(f"igos.yaml: bad sector or duplicate code in {item}")
        igos[igo.code] = igo
        for alias in dict.fromkeys([igo.name, *item.get("aliases", [])]):
            lexicon.add(alias, Entry("igo", alias, refs=(igo.code,)))
    return igos


def _variants(alias: str) -> list[str]:
    """The alias, and the alias without Arabic article particles when anything is left."""
    words = [t.text for t in tokenize(alias)]
    bare = [w for w in words if w.lower() not in _NAME_PARTICLES]
    return [alias, " ".join(bare)] if bare and len(bare) < len(words) else [alias]


def _load_named(
    doc: dict[str, Any],
    lexicon: Lexicon,
    countries: frozenset[str],
    sectors: frozenset[str],
    igos: dict[str, Igo],
) -> NamedIndex:
    actors: dict[str, NamedActor] = {}
    for kind, items in (("group", doc["groups"]), ("person", doc["persons"])):
        for item in items:
            actor = NamedActor(
                name=item["name"],
                kind=kind,
                country=item.get("country"),
                sector=item.get("sector"),
                code=item.get("code"),
                roles=tuple(_role(r, item["name"]) for r in item.get("roles", [])),
                jihadist=bool(item.get("jihadist", False)),
            )
            if actor.name in actors:
                raise ValueError(f"named_actors.yaml: {actor.name} listed twice")
            actors[actor.name] = actor
            for alias in dict.fromkeys([actor.name, *item.get("aliases", [])]):
                for variant in _variants(alias):
                    lexicon.add(variant, Entry("named", alias, refs=(actor.name,)))
    for actor in actors.values():
        _check(actor, actors, countries, sectors, igos)
    return NamedIndex(actors)


def _role(item: dict[str, Any], owner: str) -> Role:
    linked = item.get("igo") or item.get("group")
    role = Role(
        title=item["title"],
        start=parse_bound(item.get("start"), end=False),
        end=parse_bound(item.get("end"), end=True),
        sector=item.get("sector", None if linked else "GOV"),
        country=item.get("country"),
        igo=item.get("igo"),
        group=item.get("group"),
    )
    if role.start and role.end and role.start > role.end:
        raise ValueError(f"named_actors.yaml: {owner}: {role.title} ends before it starts")
    return role


def _check(
    actor: NamedActor,
    actors: dict[str, NamedActor],
    countries: frozenset[str],
    sectors: frozenset[str],
    igos: dict[str, Igo],
) -> None:
    problems = []
    if actor.kind == "person" and actor.country is None:
        problems.append("a person needs a nationality")
    for country in {actor.country, *(r.country for r in actor.roles)} - {None}:
        if country not in countries:
            problems.append(f"unknown country {country}")
    for sector in {actor.sector, *(r.sector for r in actor.roles)} - {None}:
        if sector not in sectors:
            problems.append(f"unknown sector {sector}")
    for role in actor.roles:
        if role.igo is not None and role.igo not in igos:
            problems.append(f"unknown IGO {role.igo}")
        target = actors.get(role.group) if role.group is not None else None
        if role.group is not None and (target is None or target.kind != "group"):
            problems.append(f"unknown group {role.group}")
    if problems:
        raise ValueError(f"named_actors.yaml: {actor.name}: {'; '.join(problems)}")
