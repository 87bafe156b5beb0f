"""Pick the place phrase that belongs to an event (not the place a speaker stood in).

A place counts for an event when the nearest verb above it in the parse is the event's own clause
head (or, for nominal events, when it hangs off the event noun): "an IS camp in Idlib province
were hit" places the hit in Idlib; "Lavrov told reporters at the U.N." places nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_SUFFIXES = {"province", "governorate", "region", "district", "state", "county", "city", "town", "village",
                  "area", "agency", "valley", "capital", "border", "belt", "prefecture", "oblast", "department"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
              "southeastern", "southwestern", "upper", "lower"}
PLACE_PREPOSITIONS = {"in": 3, "at": 3, "near": 2, "into": 2, "across": 2, "outside": 2, "inside": 3, "on": 1, "to": 1, "from": 0, "around": 2, "throughout": 2}


@dataclass(frozen=True)
class PlacePhrase:
    text: str
    char_span: tuple[int, int]
    weight: int


def _phrase(entity: Span) -> tuple[int, int]:
    """Grow an entity over 'northwest ... province' style words around it (token indices)."""
    doc = entity.doc
    start, end = entity.start, entity.end
    while start > entity.sent.start and doc[start - 1].lower_ in DIRECTIONS:
        start -= 1
    while end < entity.sent.end and doc[end].lower_ in PLACE_SUFFIXES:
        end += 1
    return start, end


def _first_verb_above(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _preposition_weight(head: Token) -> int:
    node = head
    for _ in range(3):
        if node.dep_ == "pobj":
            return PLACE_PREPOSITIONS.get(node.head.lower_, 0)
        if node.dep_ in {"compound", "amod", "conj", "appos"}:
            node = node.head
            continue
        break
    return 0


def event_places(sentence: Span, clause_head: Token, trigger: Token, exclude: set[int], target: Token | None = None) -> list[PlacePhrase]:
    """Place phrases attached to the event, best first. `exclude`: token indices of the actors' heads.

    Besides places on the event's own clause, a place on the target ("destroyed a command post in
    Hama province") locates the event.
    """
    found: list[PlacePhrase] = []
    for entity in sentence.ents:
        if entity.label_ not in PLACE_LABELS:
            continue
        head = entity.root
        if head.i in exclude or any(t.i in exclude for t in entity):
            continue
        in_trigger = trigger != clause_head and trigger in head.ancestors
        verb = _first_verb_above(head)
        on_target = target is not None and target in head.ancestors and _first_verb_above(target) == verb
        if not (in_trigger or on_target or verb == clause_head or (trigger.pos_ in {"NOUN", "PROPN"} and verb == _first_verb_above(trigger) and trigger in head.ancestors)):
            continue
        weight = _preposition_weight(head)
        if weight == 0 and head.dep_ not in {"pobj", "npadvmod"}:
            continue
        start, end = _phrase(entity)
        doc = sentence.doc
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        found.append(PlacePhrase(doc.text[span[0] : span[1]], span, weight))
    found.sort(key=lambda p: -p.weight)
    return found
