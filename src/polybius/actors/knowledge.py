"""Load the actor dictionaries (data/*.yaml) into one matcher, checking every code as we go.

The files are meant to be read and corrected by political scientists; this module only turns them
into lookup structures, and refuses a file with an unknown country, sector, IGO or group so that a
typo fails the test suite instead of silently producing wrong codes.

Three layers, each winning over the one before (docs/dictionaries.md):
1. the Phoenix dictionaries converted from PETRARCH2 (data/phoenix/, on unless turned off),
2. our hand-written YAML: a phrase or actor it knows keeps our meaning,
3. user dictionaries (PETRARCH format or our YAML), in the order given: they override both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import Any

import pycountry
import yaml

from polybius.actors.lexicon import Entry, Lexicon, is_plain, prepare, tokenize
from polybius.actors.named import NamedActor, NamedIndex, Role, parse_bound
from polybius.dictionaries import DictionarySet, bundled
from polybius.dictionaries.codes import agent_sector, read_actor_code
from polybius.dictionaries.entries import DictActor, DictAgent
from polybius.dictionaries.user import read_user_actors, read_user_agents

DATA_DIR = Path(__file__).with_name("data")
_NAME_PARTICLES = {"al", "el"}  # "Bashar al-Assad" is also written "Bashar Assad"
_PARTICLE_RE = re.compile(r"\b(?:al|el)\b", re.IGNORECASE)


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
    sources: tuple[str, ...] = ()  # the dictionaries loaded, lowest precedence first


def load_knowledge(data_dir: Path = DATA_DIR, dictionaries: DictionarySet | None = None) -> Knowledge:
    chosen = dictionaries or DictionarySet(phoenix=False)
    lexicon = Lexicon()
    sectors_doc = _read(data_dir / "sectors.yaml")
    sectors = _load_sectors(sectors_doc, lexicon)
    countries = _load_countries(_read(data_dir / "countries.yaml"), lexicon, sectors)
    igos = _load_igos(_read(data_dir / "igos.yaml"), lexicon, sectors)
    named = _load_named(_read(data_dir / "named_actors.yaml"), lexicon, countries, sectors, igos)
    ranks = _sector_ranks(sectors_doc)
    sources = ["sectors.yaml", "countries.yaml", "igos.yaml", "named_actors.yaml"]
    phoenix = data_dir / bundled.FOLDER
    if chosen.phoenix and phoenix.is_dir():
        _add_below(lexicon, named, bundled.read_bundled_actors(phoenix), bundled.read_bundled_agents(phoenix), countries, ranks)
        sources.insert(0, f"{bundled.FOLDER}/ (Phoenix, PETRARCH2)")
    for path in chosen.actors:
        if path.suffix in {".yaml", ".yml"}:
            layer = Lexicon()
            own = _load_named(_read(path), layer, countries, sectors, igos, origin=path.name, check=False)
            _put(lexicon, named, layer, own.actors)
        else:
            _put_dictionary(lexicon, named, read_user_actors(path), [], ranks)
        sources.append(str(path))
    for path in chosen.agents:
        if path.suffix in {".yaml", ".yml"}:
            layer = Lexicon()
            _load_sectors(_read(path), layer, sectors, origin=path.name)
            _put(lexicon, named, layer, {})
        else:
            _put_dictionary(lexicon, named, [], read_user_agents(path), ranks)
        sources.append(str(path))
    return Knowledge(lexicon, named, igos, countries, sectors, tuple(sources))


def _sector_ranks(doc: dict[str, Any]) -> dict[str, int]:
    """A dictionary agent ranks as our strongest word of its sector ("police" 3, "government" 2)."""
    ranks: dict[str, int] = {}
    for group in doc["terms"]:
        ranks[group["sector"]] = max(ranks.get(group["sector"], 0), int(group["rank"]))
    return ranks


def named_from_dictionary(actor: DictActor, key: str, countries: frozenset[str] | None) -> NamedActor | None:
    """A dictionary actor as a named actor. With `countries` (the bundled data), codes are turned into
    ours and a code for an unknown country is dropped; without (a user's file), codes stay as written.

    PETRARCH's precedence (a dated code in force beats the undated one; among dated codes the first
    listed wins) becomes roles that never overlap: each role keeps only the days no earlier one holds.
    """
    keep = countries is None
    default = None
    roles: list[Role] = []
    taken: list[tuple[dt.date, dt.date]] = []
    for span in actor.spans():
        code = read_actor_code(span.code, countries, keep=keep)
        if code is None:
            continue
        if not span.dated:
            default = default or code
            continue
        for start, end in _free_days(span.start or dt.date.min, span.end or dt.date.max, taken):
            title = f"{span.code} (line {span.line})" if span.line else span.code
            roles.append(Role(title, None if start == dt.date.min else start, None if end == dt.date.max else end,
                              sector=code.sector, country=code.country, code=code.code))
            taken.append((start, end))
    if default is None and not roles:
        return None
    if roles:
        countries_held = [r.country for r in roles if r.country]
        nationality = (default.country if default else None) or (max(set(countries_held), key=countries_held.count) if countries_held else None)
        return NamedActor(actor.name, "person", nationality, default.sector if default else None,
                          default.code if default else None, tuple(roles), origin=actor.origin)
    return NamedActor(actor.name, "group", default.country, default.sector, default.code, origin=actor.origin)


def _free_days(start: dt.date, end: dt.date, taken: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """[start, end] less every taken interval (all inclusive)."""
    pieces = [(start, end)]
    for low, high in taken:
        kept = []
        for a, b in pieces:
            if high < a or b < low:
                kept.append((a, b))
                continue
            if a < low:
                kept.append((a, low - dt.timedelta(days=1)))
            if high < b:
                kept.append((high + dt.timedelta(days=1), b))
        pieces = kept
    return pieces


def _agent_entry(agent: DictAgent, ranks: dict[str, int], keep: bool) -> Entry:
    sector = agent_sector(agent.code, agent.prefix)
    return Entry("sector", agent.phrase, sector=sector, rank=ranks.get(sector or "", 3), origin=agent.origin,
                 agent_code=agent.code if keep else None, prefix=agent.prefix)


def _actor_entries(actor: DictActor, key: str) -> list[tuple[str, Entry]]:
    return [(variant, Entry("named", alias, refs=(key,), origin=actor.origin)) for alias in actor.names for variant in _variants(alias)]


def _add_below(lexicon: Lexicon, named: NamedIndex, actors: list[DictActor], agents: list[DictAgent],
               countries: frozenset[str], ranks: dict[str, int]) -> None:
    """The bundled Phoenix layer, under ours: an actor one of whose names we know is ours (dropped whole);
    a name or agent phrase that means something else to us keeps our meaning. Two Phoenix actors
    sharing a name make it ambiguous, settled by the date as for our own ("Bush")."""
    ours = {" ".join(words) for words, _modes in lexicon.keys({"named", "igo"})}
    for actor in actors:
        names = [(variant, alias) for alias in actor.names for variant in _variants(alias)]
        if any(_lower_words(variant) in ours for variant, _alias in names):
            continue
        ref = actor.name if actor.name not in named.actors else f"{actor.name} ({actor.origin})"
        named.actors.defer(ref, partial(named_from_dictionary, actor, ref, countries))
        refs = (ref,)
        for variant, alias in names:
            lexicon.add_below(variant, "named", alias, (), None, 0, refs, actor.origin)
    for agent in agents:
        entry = _agent_entry(agent, ranks, keep=False)
        lexicon.add_below(agent.phrase, *(getattr(entry, f.name) for f in fields(Entry)))


def _lower_words(phrase: str) -> str:
    """'Sergey V. Lavrov' -> 'sergey v lavrov', as the lexicon's keys spell it."""
    return phrase.lower() if is_plain(phrase) else " ".join(prepare(phrase)[0][0])


def _put_dictionary(lexicon: Lexicon, named: NamedIndex, actors: list[DictActor], agents: list[DictAgent],
                    ranks: dict[str, int]) -> None:
    """A user's PETRARCH file, over everything loaded so far. An entry whose one code names only a
    country (ARNOR [ARN], NORTH_KOREA [PRK]) is a country to us: agents combine with it ("Arnor's
    government" = ARNGOV) and "in Arnor" is a place; any other entry is a named person or group."""
    layer = Lexicon()
    own: dict[str, NamedActor] = {}
    for actor in actors:
        country = _country_only(actor)
        if country is not None:
            for alias in actor.names:
                layer.add(alias, Entry("country", alias, (country,), origin=actor.origin))
            continue
        converted = named_from_dictionary(actor, actor.name, None)
        if converted is None:
            continue
        own[actor.name] = converted
        for phrase, entry in _actor_entries(actor, actor.name):
            layer.add(phrase, entry)
    for agent in agents:
        layer.add(agent.phrase, _agent_entry(agent, ranks, keep=True))
    _put(lexicon, named, layer, own)


def _country_only(actor: DictActor) -> str | None:
    spans = actor.spans()
    if len(spans) != 1 or spans[0].dated:
        return None
    code = read_actor_code(spans[0].code, None, keep=True)
    if code is None or code.country is None or code.sector is not None or code.code != code.country:
        return None
    return code.country


def _put(lexicon: Lexicon, named: NamedIndex, layer: Lexicon, actors: dict[str, NamedActor]) -> None:
    named.actors.update(actors)
    lexicon.put_all(layer)


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


def _load_sectors(doc: dict[str, Any], lexicon: Lexicon, known: frozenset[str] | None = None,
                  origin: str = "sectors.yaml") -> frozenset[str]:
    codes = known if known is not None else frozenset(doc["codes"])
    for group in doc["terms"]:
        sector, rank = group["sector"], int(group["rank"])
        if sector not in codes:
            raise ValueError(f"{origin}: unknown sector {sector!r}")
        for word in group["words"]:
            entry = Entry("sector", word, sector=sector, rank=rank, origin=origin)
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
            lexicon.add(name, Entry("country", name, (iso3,), origin="countries.yaml"))
        for adjective in item.get("adjectives", []):
            lexicon.add(adjective, Entry("country", adjective, (iso3,), origin="countries.yaml"))
            if adjective.endswith(("an", "i")):  # demonym nouns: Russians, Iraqis
                lexicon.add(adjective + "s", Entry("country", adjective, (iso3,), origin="countries.yaml"))
        for capital in item.get("capitals", []):
            lexicon.add(capital, Entry("country", capital, (iso3,), "GOV", 0, origin="countries.yaml"))
        for seat, sector in (item.get("seats") or {}).items():
            if sector not in sectors:
                raise ValueError(f"countries.yaml: {seat}: unknown sector {sector!r}")
            lexicon.add(seat, Entry("country", seat, (iso3,), sector, 2, origin="countries.yaml"))
    return frozenset(listed)


def _load_igos(doc: dict[str, Any], lexicon: Lexicon, sectors: frozenset[str]) -> dict[str, Igo]:
    igos = {}
    for item in doc["bodies"]:
        igo = Igo(item["code"], item["name"], item.get("sector", "IGO"))
        if igo.sector not in sectors or igo.code in igos:
            raise ValueError(f"igos.yaml: bad sector or duplicate code in {item}")
        igos[igo.code] = igo
        for alias in dict.fromkeys([igo.name, *item.get("aliases", [])]):
            lexicon.add(alias, Entry("igo", alias, refs=(igo.code,), origin="igos.yaml"))
    return igos


def _variants(alias: str) -> list[str]:
    """The alias, and the alias without Arabic article particles when anything is left."""
    if not _PARTICLE_RE.search(alias):
        return [alias]
    words = [t.text for t in tokenize(alias)]
    bare = [w for w in words if w.lower() not in _NAME_PARTICLES]
    return [alias, " ".join(bare)] if bare and len(bare) < len(words) else [alias]


def _load_named(
    doc: dict[str, Any],
    lexicon: Lexicon,
    countries: frozenset[str],
    sectors: frozenset[str],
    igos: dict[str, Igo],
    origin: str = "named_actors.yaml",
    check: bool = True,
) -> NamedIndex:
    """Our YAML schema; a user's YAML file (`check` off) may name countries and groups of its own."""
    actors: dict[str, NamedActor] = {}
    for kind, items in (("group", doc.get("groups") or []), ("person", doc.get("persons") or [])):
        for item in items:
            actor = NamedActor(
                name=item["name"],
                kind=kind,
                country=item.get("country"),
                sector=item.get("sector"),
                code=item.get("code"),
                roles=tuple(_role(r, item["name"]) for r in item.get("roles", [])),
                jihadist=bool(item.get("jihadist", False)),
                origin=origin,
            )
            if actor.name in actors:
                raise ValueError(f"{origin}: {actor.name} listed twice")
            actors[actor.name] = actor
            for alias in dict.fromkeys([actor.name, *item.get("aliases", [])]):
                for variant in _variants(alias):
                    lexicon.add(variant, Entry("named", alias, refs=(actor.name,), origin=origin))
    if check:
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
