"""Named actors (persons and groups) whose codes depend on the date: who held which office when.

A person's code comes from the office they held on the event date, never from their fame: Kerry in
2005 is a senator (USA LEG), in 2015 the Secretary of State (USA GOV), in 2019 a private citizen
(USA, no sector). A group can change standing too (the Taliban govern Afghanistan from 2021).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Literal

DateBound = dt.date | int | str | None


def parse_bound(value: DateBound, *, end: bool) -> dt.date | None:
    """Read YYYY, YYYY-MM or YYYY-MM-DD; a partial start means its first day, a partial end its last."""
    if value is None or isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    raise ValueError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")


@dataclass(frozen=True)
class Standing:
    """What a named actor counts as on one date."""

    country: str | None
    sector: str | None
    code: str | None = None  # explicit code (IGO or transnational group); else country + sector


@dataclass(frozen=True)
class Role:
    """One office or affiliation held between two dates (both inclusive, None = open)."""

    title: str
    start: dt.date | None
    end: dt.date | None
    sector: str | None = None
    country: str | None = None
    igo: str | None = None
    group: str | None = None  # the role is leading/speaking for this named group
    code: str | None = None  # an explicit code (a dictionary's CAMEO code); else country + sector

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class NamedActor:
    name: str
    kind: Literal["person", "group"]
    country: str | None  # a person's nationality; a group's home country (None: transnational)
    sector: str | None = None  # a group's standing outside any dated role
    code: str | None = None
    roles: tuple[Role, ...] = ()
    jihadist: bool = False
    origin: str = "named_actors.yaml"  # the dictionary (and line) this actor comes from

    def in_role(self, day: dt.date | None) -> bool:
        return day is not None and any(role.covers(day) for role in self.roles)


class ActorTable(MutableMapping[str, NamedActor]):
    """Named actors by key. A dictionary's actors are built on first use: tens of thousands of them
    then cost almost nothing to load, and a process only builds the few its texts name."""

    def __init__(self, actors: dict[str, NamedActor] | None = None):
        self._ready: dict[str, NamedActor] = dict(actors or {})
        self._pending: dict[str, Callable[[], NamedActor | None]] = {}

    def defer(self, key: str, make: Callable[[], NamedActor | None]) -> None:
        self._ready.pop(key, None)
        self._pending[key] = make

    def __getitem__(self, key: str) -> NamedActor:
        actor = self._ready.get(key)
        if actor is None:
            actor = self._pending.pop(key)()
            if actor is None:
                raise KeyError(key)
            self._ready[key] = actor
        return actor

    def __setitem__(self, key: str, actor: NamedActor) -> None:
        self._pending.pop(key, None)
        self._ready[key] = actor

    def __delitem__(self, key: str) -> None:
        if self._pending.pop(key, None) is None:
            del self._ready[key]

    def __contains__(self, key: object) -> bool:
        return key in self._ready or key in self._pending

    def __iter__(self) -> Iterator[str]:
        return iter([*self._ready, *self._pending])

    def __len__(self) -> int:
        return len(self._ready) + len(self._pending)


class NamedIndex:
    """All named actors by name, able to say what each stood for on a date."""

    def __init__(self, actors: dict[str, NamedActor] | ActorTable):
        self.actors = actors if isinstance(actors, ActorTable) else ActorTable(actors)

    def standing(self, actor: NamedActor, day: dt.date | None) -> Standing:
        base = Standing(actor.country, actor.sector, actor.code)
        if actor.kind == "group":
            current = [role for role in actor.roles if day is not None and role.covers(day)]
            return self._role_standing(actor, current[0], day) if current else base
        roles = actor.roles if day is None else tuple(r for r in actor.roles if r.covers(day))
        found = {self._role_standing(actor, role, day) for role in roles}
        if len(found) == 1:
            return found.pop()
        if found and len({s.country for s in found}) == 1:
            return Standing(next(iter(found)).country, None)
        return base if not found else Standing(actor.country, None)  # no office that day, or offices that disagree

    def role_on(self, actor: NamedActor, day: dt.date | None) -> Role | None:
        """The one role that decides the actor's standing on `day`, if there is one."""
        roles = [role for role in actor.roles if day is not None and role.covers(day)]
        return roles[0] if len(roles) == 1 or (roles and actor.kind == "group") else None

    def _role_standing(self, actor: NamedActor, role: Role, day: dt.date | None) -> Standing:
        if role.group is not None:
            return self.standing(self.actors[role.group], day)
        if role.igo is not None:
            return Standing(None, "IGO", role.igo)
        return Standing(role.country or actor.country, role.sector, role.code)

    def pick(self, names: tuple[str, ...], day: dt.date | None) -> NamedActor | None:
        """Choose among actors sharing an alias ("Bush", "Assad"): the one in office that day, else none."""
        known = [actor for actor in map(self.actors.get, names) if actor is not None]  # a dictionary actor may not build
        if len(known) == 1:
            return known[0]
        serving = [actor for actor in known if actor.in_role(day)]
        return serving[0] if len(serving) == 1 else None
