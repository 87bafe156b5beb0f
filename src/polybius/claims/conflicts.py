"""Rival accounts of one event: link claims by different speakers that tell it differently."""

from __future__ import annotations

from polybius.models import Event, Status


def link_conflicting_claims(events: list[Event]) -> list[Event]:
    """Link claims by different speakers that tell one material event differently.

    Two claimed (or denied) material events of the same CAMEO root, from different speakers, with
    compatible dates and sources, conflict when their death tolls differ, or when speakers of
    different countries name different targets or disagree on whether it happened: Moscow says
    its strikes hit IS, a Syrian security source says they hit the Army of Conquest.
    """
    links: dict[str, set[str]] = {}
    contested = [e for e in events if e.attribution is not None and e.status in {Status.CLAIMED, Status.DENIED} and e.cameo.quad_class == 4]
    for i, first in enumerate(contested):
        for second in contested[i + 1 :]:
            if first.cameo.root != second.cameo.root or first.sentence_index == second.sentence_index:
                continue
            if (first.attribution.code or first.attribution.text) == (second.attribution.code or second.attribution.text):
                continue
            if first.date and second.date and first.date != second.date:
                continue
            if first.source.country and second.source.country and first.source.country != second.source.country:
                continue
            tolls = first.fatalities is not None and second.fatalities is not None and first.fatalities != second.fatalities
            sides = first.attribution.country and second.attribution.country and first.attribution.country != second.attribution.country
            targets = first.target.code and second.target.code and first.target.code != second.target.code
            if tolls or (sides and (targets or first.status != second.status)):
                links.setdefault(first.event_id, set()).add(second.event_id)
                links.setdefault(second.event_id, set()).add(first.event_id)
    return [e.model_copy(update={"conflicts_with": sorted(links[e.event_id])}) if e.event_id in links else e for e in events]
