"""Which predicted event answers which gold event.

Rule (documented in docs/evaluation.md, tested in tests/test_evaluate.py):
1. Predictions are first collapsed to one per (trigger word, CAMEO root): coordinated actors give
   several records for one mention. Gold events are collapsed the same way (our gold codes
   two-way events such as meetings twice, A->B and B->A, from one trigger).
2. A gold event with a `trigger` pairs with a prediction whose trigger shares a word with it
   (case-insensitive; a prefix match of at least 4 letters allows "strikes"/"strike"; a predicted
   trigger may name two words, "imposed a siege"); among several, the one with the same root,
   else the first.
3. A gold event without a trigger, or whose trigger no prediction shares, pairs with an unpaired
   prediction of the same root from the same text (a coder who found the act from another word of
   the sentence found the event).
4. Within a mention's group of records (coordinated or two-sided actors), the record whose actors
   agree most with the gold event is scored.
5. Each prediction pairs at most once. Unpaired gold events are misses, unpaired predictions are
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


def collapse(events: list[Event]) -> list[list[Event]]:
    """Group records of one mention; the group's first record stands for it unless a sibling fits better."""
    groups: dict[tuple[str, str, int | None], list[Event]] = {}
    for event in events:
        groups.setdefault((event.trigger.lower(), event.cameo.root, event.sentence_index), []).append(event)
    return list(groups.values())


def _agreement(gold: GoldEvent, event: Event) -> int:
    return sum(
        getattr(gold, key) == value
        for key, value in (("source_country", event.source.country), ("target_country", event.target.country),
                           ("source_sector", event.source.sector), ("target_sector", event.target.sector))
        if key in gold.present
    )


def same_word(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    if a == b:
        return True
    stem = min(len(a), len(b))
    return stem >= 4 and a[: max(4, stem - 2)] == b[: max(4, stem - 2)]


def collapse_gold(gold: list[GoldEvent]) -> list[GoldEvent]:
    seen: dict[tuple[str, str | None], GoldEvent] = {}
    untriggered: list[GoldEvent] = []
    for event in gold:
        if event.trigger is None:
            untriggered.append(event)
        else:
            seen.setdefault((event.trigger.lower(), event.cameo_root), event)
    return [*seen.values(), *untriggered]


def shares_word(predicted: str, gold: str) -> bool:
    return any(same_word(a, b) for a in predicted.split() for b in gold.split())


def match_events(gold: list[GoldEvent], predicted: list[Event]) -> list[Pair]:
    gold = collapse_gold(gold)
    remaining = collapse(predicted)
    pairs: list[Pair] = []
    ordered = sorted(gold, key=lambda g: g.trigger is None)  # triggered gold first
    for item in ordered:
        candidates = [g for g in remaining if item.trigger and shares_word(g[0].trigger, item.trigger)]
        if not candidates:
            candidates = [g for g in remaining if g[0].cameo.root == item.cameo_root]
        chosen = next((g for g in candidates if g[0].cameo.root == item.cameo_root), candidates[0] if candidates else None)
        if chosen is None:
            pairs.append(Pair(item, None))
            continue
        remaining.remove(chosen)
        pairs.append(Pair(item, max(chosen, key=lambda event: _agreement(item, event))))
    pairs.extend(Pair(None, group[0]) for group in remaining)
    return pairs
