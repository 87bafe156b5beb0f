"""Mentions of one act within a sentence, and acts that continue the previous sentence's."""

from __future__ import annotations

from spacy.tokens import Span

from polybius.models import UNREALISED, Actor, Event



def merge_sentence_mentions(events: list[Event]) -> list[Event]:
    """One act told twice in a sentence is one event: 'stormed a post, killing four soldiers'.

    Events of one sentence merge when they share the CAMEO root, status and source code and their
    targets agree (or one is unknown). The first mention stays, completed from the others: the
    more specific code, a known target, the death toll, the more precise place.
    """
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if m.cameo.root == event.cameo.root and m.status == event.status
                     and m.source.code == event.source.code and _same_target(m.target, event.target)), None)
        if twin is None:
            merged.append(event)
            continue
        update: dict = {}
        if len(event.cameo.code) > len(twin.cameo.code) or (twin.cameo.code.endswith("0") and not event.cameo.code.endswith("0")):
            update.update(cameo=event.cameo, plover=event.plover, acled=event.acled)
        if event.target.code is not None and (twin.target.code is None or (twin.target.sector is None and event.target.sector)):
            update["target"] = event.target
        for key in ("fatalities", "injured", "date", "location"):
            if getattr(twin, key) is None and getattr(event, key) is not None:
                update[key] = getattr(event, key)
        if update.get("date") is not None:
            update.update(date_precision=event.date_precision, date_text=event.date_text)
        unresolved = {key: why for key, why in twin.unresolved.items() if update.get(key) is None}
        if unresolved != twin.unresolved:
            update["unresolved"] = unresolved  # a date or place taken from the other mention is no longer missing
        if event.numbers_text:
            update["numbers_text"] = twin.numbers_text + [t for t in event.numbers_text if t not in twin.numbers_text]
        merged[merged.index(twin)] = twin.model_copy(update=update)
    return merged


def _same_target(one: Actor, other: Actor) -> bool:
    """Targets agree when equal, when one is unknown, or when one is only a place in the other's
    country ('killed 14 civilians when they hit a house' -> the civilians, in Yemen)."""
    if one.code == other.code or None in {one.code, other.code}:
        return True
    return one.country is not None and one.country == other.country and None in {one.sector, other.sector}


def continue_date(event: Event, sentence: Span, previous: list[Event]) -> Event:
    """'... were also hit': an undated event that continues the previous sentence's act takes its date."""
    if (event.date is not None or event.unresolved.get("date") != "no date expression"
            or event.status in UNREALISED or not any(t.lower_ == "also" for t in sentence)):
        return event  # dated, or its own date expression says why not ("after Monday's killing")
    earlier = next((e for e in previous if e.cameo.root == event.cameo.root and e.date is not None), None)
    if earlier is None:
        return event
    return event.model_copy(update={"date": earlier.date, "date_precision": earlier.date_precision, "date_text": earlier.date_text,
                                    "unresolved": {k: v for k, v in event.unresolved.items() if k != "date"}})
