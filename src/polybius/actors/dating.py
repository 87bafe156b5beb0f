"""Named actors on the event's own date.

Phrases are resolved against the publication date, the only date known when a sentence's actors
are read. An event dated otherwise ("in 2003, Lavrov ...", "last March") may fall in another
office of the same person; once the event's date is known its named actors are read again on it.
"""

from __future__ import annotations

import datetime as dt

from polybius.actors.resolver import ActorResolver
from polybius.models import Actor


def on_event_date(resolver: ActorResolver, actor: Actor, day: dt.date | None, pub_date: dt.date | None) -> Actor:
    """The actor with the codes its named person or group held on `day` (unchanged when that is the
    publication date, when there is no date, or when the actor is not a named one)."""
    if day is None or day == pub_date or actor.name is None:
        return actor
    dated = resolver.named_on(actor.name, day)
    if dated is None or (dated.country, dated.sector, dated.code) == (actor.country, actor.sector, actor.code):
        return actor
    return actor.model_copy(update={"country": dated.country, "sector": dated.sector, "code": dated.code})
