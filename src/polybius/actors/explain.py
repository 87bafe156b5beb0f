"""Why a phrase resolves as it does: which dictionary entries fired, which named actor, which role.

People maintain dictionaries by asking this question (`polybius actors lookup`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from polybius.actors.lexicon import tokenize
from polybius.actors.named import NamedActor, Role
from polybius.actors.resolver import ActorResolver, ResolvedActor


@dataclass(frozen=True)
class Fired:
    """One dictionary entry that matched part of the phrase."""

    kind: str  # country, sector, igo, named
    text: str  # the words of the phrase it matched
    label: str  # the phrase as the dictionary writes it
    origin: str  # the dictionary (file, and line for dictionary files)


@dataclass(frozen=True)
class Explanation:
    phrase: str
    day: dt.date | None
    resolved: ResolvedActor
    fired: tuple[Fired, ...]
    actor: NamedActor | None  # the named actor the phrase stands for, if any
    role: Role | None  # the role in force on the day, if one decides it
    candidates: tuple[NamedActor, ...] = ()  # actors sharing the name, when the date picks none


def explain(resolver: ActorResolver, phrase: str, day: dt.date | None) -> Explanation:
    tokens = tokenize(phrase)
    matches = resolver.knowledge.lexicon.scan(tokens)
    fired = tuple(Fired(m.entry.kind, phrase[tokens[m.i].start : tokens[m.j - 1].end], m.entry.label, m.entry.origin)
                  for m in matches)
    index = resolver.knowledge.named
    named = [m for m in matches if m.entry.kind == "named"]
    actor = role = None
    candidates: tuple[NamedActor, ...] = ()
    if named:
        refs = named[-1].entry.refs
        actor = index.pick(refs, day)
        if actor is None:
            candidates = tuple(actor for actor in map(index.actors.get, refs) if actor is not None)
        else:
            role = index.role_on(actor, day)
    return Explanation(phrase, day, resolver.resolve(phrase, day), fired, actor, role, candidates)
