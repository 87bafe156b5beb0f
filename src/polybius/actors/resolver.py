"""Actor resolution: the text of a noun phrase -> country (ISO3) + sector + name.

The resolver never guesses. A phrase gets a country only when the text names one ("Russian",
"Moscow", "Kremlin", a known person or group), a sector only when a word says what kind of actor it
is ("warplanes", "police", "minister"), and a person's office only when it held on the event date.
Modifiers that name a *sponsor* ("U.S.-backed", "pro-Russian", "anti-Assad") or a *relation*
("envoy to Syria") do not give their country to the actor.

Sector words compete by rank (see data/sectors.yaml): a non-state word beats a specific state arm,
which beats a generic government word, which beats a weak agent noun that only inherits the sector
("Pentagon spokesman" -> MIL); ties go to the rightmost word, the English head.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from polybius.actors.knowledge import DATA_DIR, Knowledge, load_knowledge
from polybius.actors.lexicon import Match, Token, tokenize
from polybius.dictionaries import DictionarySet

SPONSOR_WORDS = frozenset(
    "backed supported sponsored funded financed armed allied aligned trained equipped leaning "
    "friendly linked affiliated inspired controlled held run dominated brokered".split()
)
NEGATING_PREFIXES = frozenset({"pro", "anti", "non"})
RELATION_PREPOSITIONS = frozenset({"to", "against", "toward", "towards", "with", "versus", "vs", "over", "on", "for"})
PLACE_PREPOSITIONS = frozenset({"in", "inside", "from", "near", "across", "throughout", "outside", "within", "of", "at"})
FORMER_WORDS = frozenset({"former", "ex"})
COORDINATORS = frozenset({"and", "&", "or"})
LIST_SEPARATORS = frozenset({",", ";"})
RESOLVED_KEPT = 50_000  # phrase resolutions remembered per resolver


@dataclass(frozen=True)
class ResolvedActor:
    country: str | None  # ISO3
    sector: str | None
    code: str | None  # "RUSMIL", "USAGOV", "SYRREB"; an IGO code ("NATO"); "RUS" with no sector
    name: str | None  # named person or group ("Vladimir Putin", "Islamic State"), else None
    matched: tuple[str, ...]  # dictionary entries that fired, as "kind:phrase"
    group: bool = False  # a named group (not a person): "the group" may refer back to it

    @property
    def empty(self) -> bool:
        return self.country is None and self.sector is None and self.code is None and self.name is None


NOTHING = ResolvedActor(None, None, None, None, ())


def _code(country: str | None, sector: str | None) -> str | None:
    return (country or "") + (sector or "") or None


@dataclass(frozen=True)
class _Reading:
    """One conjunct's result plus what head-noun sharing needs to know about it."""

    actor: ResolvedActor
    sector_from_noun: bool = False
    bare_country: bool = False


class ActorResolver:
    """Resolve actor phrases against the dictionaries in `data_dir` (loaded once, then read-only),
    plus the bundled Phoenix facts and users' dictionaries that `dictionaries` selects."""

    def __init__(self, data_dir: Path | None = None, dictionaries: DictionarySet | None = None):
        self.knowledge: Knowledge = load_knowledge(data_dir or DATA_DIR, dictionaries or DictionarySet(phoenix=False))
        # Resolution is a pure function of its arguments, and news repeats its actor phrases.
        self._remembered = lru_cache(maxsize=RESOLVED_KEPT)(self._resolve_all)

    def resolve(
        self, phrase: str, on_date: dt.date | None = None, context_country: str | Sequence[str] | None = None
    ) -> ResolvedActor:
        """One actor for the whole phrase; a coordination of different countries has country None."""
        parts = self.resolve_all(phrase, on_date, context_country)
        if len(parts) <= 1:
            return parts[0] if parts else NOTHING
        return _merge(parts)

    def resolve_all(
        self, phrase: str, on_date: dt.date | None = None, context_country: str | Sequence[str] | None = None
    ) -> list[ResolvedActor]:
        """One actor per conjunct ("U.S. and Russian officials" -> USAGOV, RUSGOV); empty ones dropped."""
        context = context_country if context_country is None or isinstance(context_country, str) else tuple(context_country)
        return list(self._remembered(phrase, on_date, context))

    def _resolve_all(self, phrase: str, on_date: dt.date | None,
                     context_country: str | tuple[str, ...] | None) -> tuple[ResolvedActor, ...]:
        tokens = tokenize(phrase)
        matches = self.knowledge.lexicon.scan(tokens)
        readings = [
            self._read(phrase, tokens, [m for m in matches if a <= m.i < b], a, b, on_date, context_country)
            for a, b in _conjunct_spans(tokens, matches)
        ]
        return tuple(r.actor for r in _share_head(readings) if not r.actor.empty)

    def named_on(self, name: str, day: dt.date) -> ResolvedActor | None:
        """A named actor's codes on `day` (an event's own date), or None for a name we do not know."""
        index = self.knowledge.named
        actor = index.actors.get(name)
        if actor is None:
            return None
        standing = index.standing(actor, day)
        if standing.sector == "IGO":
            return ResolvedActor(None, "IGO", standing.code, actor.name, ())
        code = standing.code or _code(standing.country, standing.sector)
        return ResolvedActor(standing.country, standing.sector, code, actor.name, ())

    def _read(
        self,
        phrase: str,
        tokens: list[Token],
        matches: list[Match],
        start: int,
        stop: int,
        on_date: dt.date | None,
        context_country: str | Sequence[str] | None,
    ) -> _Reading:
        former = any(t.key in FORMER_WORDS for t in tokens[start:stop])
        active: list[Match] = []
        placed: set[int] = set()  # indices (into active) of countries named as a place ("in Syria")
        leader: Match | None = None
        for match in matches:
            before = tokens[match.i - 1].key if match.i > start else ""
            after = tokens[match.j].key if match.j < stop else ""
            # "U.S.-backed", "Iran-armed": a hyphen makes the country a sponsor; "Turkish armed drones" are Turkish
            sponsored = after in SPONSOR_WORDS and (after != "armed" or tokens[match.j].start == tokens[match.j - 1].end + 1
                                                    and phrase[tokens[match.j - 1].end : tokens[match.j].start] == "-")
            if before in NEGATING_PREFIXES or before in RELATION_PREPOSITIONS or sponsored:
                continue
            if after == "led":
                if match.entry.kind != "country":
                    continue
                leader = leader or match
            if before in PLACE_PREPOSITIONS:
                placed.add(len(active))
            active.append(match)
        if not active:
            return _Reading(NOTHING)
        matched = tuple(f"{m.entry.kind}:{m.entry.label}" for m in active)
        agent = None if former else _best_agent(active)
        text_sector = agent.entry.sector if agent is not None else None
        sector_from_noun = text_sector is not None and any(m.entry.kind == "sector" for m in active)

        named = [m for m in active if m.entry.kind == "named"]
        if named:
            head = named[-1]
            return _Reading(self._named_actor(head, active, text_sector, on_date, matched), sector_from_noun)

        countries = [m for k, m in enumerate(active) if m.entry.kind == "country" and k not in placed]
        igos = [m for m in active if m.entry.kind == "igo"]
        if igos and not countries:
            igo = self.knowledge.igos[igos[0].entry.refs[0]]
            return _Reading(ResolvedActor(None, igo.sector, igo.code, igo.name, matched))

        countries = countries or [m for m in active if m.entry.kind == "country"]
        codes = [c for c in (_pick_country(m.entry.countries, context_country) for m in countries) if c]
        country = codes[0] if codes else None
        name = None
        if leader is not None and country is not None and leader.j + 1 < stop:
            name = phrase[tokens[leader.i].start : tokens[leader.j + 1].end]
        actor = ResolvedActor(country, text_sector, _agent_code(country, agent), name, matched)
        return _Reading(actor, sector_from_noun, country is not None and agent is None)

    def _named_actor(
        self,
        head: Match,
        active: list[Match],
        text_sector: str | None,
        on_date: dt.date | None,
        matched: tuple[str, ...],
    ) -> ResolvedActor:
        index = self.knowledge.named
        actor = index.pick(head.entry.refs, on_date)
        if actor is None:  # an alias shared by several people, none singled out by the date
            nationalities = {actor.country for actor in map(index.actors.get, head.entry.refs) if actor is not None}
            country = nationalities.pop() if len(nationalities) == 1 else None
            return ResolvedActor(country, text_sector, _code(country, text_sector), None, matched)
        standing = index.standing(actor, on_date)
        follows = any(m.entry.kind == "sector" and m.i >= head.j for m in active)
        if actor.kind == "person" and follows:  # "Assad forces", "the Obama administration"
            country = standing.country or actor.country
            return ResolvedActor(country, text_sector, _code(country, text_sector), None, matched)
        group = actor.kind == "group"
        if standing.sector == "IGO":
            return ResolvedActor(None, "IGO", standing.code, actor.name, matched, group)
        # A known person out of office keeps only the nationality, whatever title the text gives.
        code = standing.code or _code(standing.country, standing.sector)
        return ResolvedActor(standing.country, standing.sector, code, actor.name, matched, group)


def _best_agent(active: list[Match]) -> Match | None:
    """Highest-ranked sector word (or seat of government) in the phrase; ties go to the rightmost."""
    ranked = [(m.entry.rank, m.i, k) for k, m in enumerate(active)
              if (m.entry.sector or m.entry.agent_code) and m.entry.kind != "igo"]
    return active[max(ranked)[2]] if ranked else None


def _agent_code(country: str | None, agent: Match | None) -> str | None:
    """Country + sector; a user's agent code is kept as written (ARN + ~GOVFRM, NGO~ + ARN)."""
    if agent is None or agent.entry.agent_code is None:
        return _code(country, agent.entry.sector if agent is not None else None)
    if agent.entry.prefix:
        return agent.entry.agent_code + (country or "")
    return (country or "") + agent.entry.agent_code


def _pick_country(candidates: tuple[str, ...], context_country: str | Sequence[str] | None) -> str | None:
    """An unambiguous name gives its country; an ambiguous one only when the context picks one
    (the first of the context's countries, most relevant first, that the name can mean)."""
    if len(candidates) == 1:
        return candidates[0]
    context = (context_country,) if isinstance(context_country, str) else context_country or ()
    return next((country for country in context if country in candidates), None)


def _conjunct_spans(tokens: list[Token], matches: list[Match]) -> list[tuple[int, int]]:
    """Split at coordinators outside dictionary names ("Trinidad and Tobago" stays whole).

    Commas separate conjuncts only in a list that ends with a coordinator ("Russia, Iran and
    Syria"); otherwise a comma is apposition ("a rebel group, Suqur al-Jabal").
    """
    inside = {k for m in matches for k in range(m.i, m.j)}
    coordinators = [k for k, t in enumerate(tokens) if t.key in COORDINATORS and k not in inside]
    if not coordinators:
        return [(0, len(tokens))]
    last = coordinators[-1]
    cuts = coordinators + [k for k, t in enumerate(tokens) if t.key in LIST_SEPARATORS and k < last]
    spans, begin = [], 0
    for cut in sorted(cuts):
        spans.append((begin, cut))
        begin = cut + 1
    spans.append((begin, len(tokens)))
    return [(a, b) for a, b in spans if a < b]


def _share_head(readings: list[_Reading]) -> list[_Reading]:
    """Give a bare country the last conjunct's head noun: "U.S. and Russian officials" -> both GOV."""
    if len(readings) < 2:
        return readings
    last = readings[-1].actor
    if not (readings[-1].sector_from_noun and last.country and last.name is None):
        return readings
    shared = [
        _Reading(replace(r.actor, sector=last.sector, code=_code(r.actor.country, last.sector)), True)
        if r.bare_country
        else r
        for r in readings[:-1]
    ]
    return [*shared, readings[-1]]


def _merge(parts: list[ResolvedActor]) -> ResolvedActor:
    """What several conjuncts have in common: a field they disagree on becomes None."""

    def common(values: list[str | None]) -> str | None:
        distinct = set(values)
        return distinct.pop() if len(distinct) == 1 else None

    country = common([p.country for p in parts])
    sector = common([p.sector for p in parts])
    code = common([p.code for p in parts]) or _code(country, sector)
    name = common([p.name for p in parts])
    return ResolvedActor(country, sector, code, name, tuple(m for p in parts for m in p.matched))


@cache
def resolver_for(dictionaries: DictionarySet) -> ActorResolver:
    """One resolver per dictionary selection, built once per process."""
    return ActorResolver(dictionaries=dictionaries)


def default_resolver() -> ActorResolver:
    """The resolver over the dictionaries the settings select (Phoenix on unless turned off)."""
    return resolver_for(DictionarySet.from_env())
