"""Which predicted event answers which gold event.

Rule (documented in docs/evaluation.md, tested in tests/test_evaluate.py):
1. Predictions are first collapsed to one per (trigger word, CAMEO root): coordinated actors give
   several records for one mention, and the gold codes a mention once.
2. A gold event with a `trigger` pairs with a prediction whose trigger is the same word (case-
   insensitive; a prefix match of at least 4 letters allows "strikes"/"strike"); among several, the
   one with the same root, else the first.
3. A gold event without a trigger pairs with an unpaired prediction of the same root.
4. Each prediction pairs at most once. Unpaired gold events are misses, unpaired predictions are
   false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass

from polybius.evaluate.gold import GoldEvent
from polybius.models import Event


@dataclass(frozen=True)
class Pair:
    gold: GoldEvent | None
    predicted: Event | None


def collapse(events: list[Event]) -> list[Event]:
    seen: dict[tuple[str, str, int | None], Event] = {}
    for event in events:
        key = (event.trigger.lower(), event.cameo.root, event.sentence_index)
        seen.setdefault(key, event)
    return list(seen.values())


def same_word(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    if a == b:
        return True
    stem = min(len(a), len(b))
    return stem >= 4 and a[: max(4, stem - 2)] == b[: max(4, stem - 2)]


def match_events(gold: list[GoldEvent], predicted: list[Event]) -> list[Pair]:
    remaining = collapse(predicted)
    pairs: list[Pair] = []
    ordered = sorted(gold, key=lambda g: g.trigger is None)  # triggered gold first
    for item in ordered:
        candidates = [p for p in remaining if item.trigger and same_word(p.trigger, item.trigger)]
        if not item.trigger:
            candidates = [p for p in remaining if p.cameo.root == item.cameo_root]
        chosen = next((p for p in candidates if p.cameo.root == item.cameo_root), candidates[0] if candidates else None)
        if chosen is not None:
            remaining.remove(chosen)
        pairs.append(Pair(item, chosen))
    pairs.extend(Pair(None, p) for p in remaining)
    return pairs
