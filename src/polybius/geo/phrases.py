"""Pick the place phrases that belong to an event (not the place a speaker stood in).

A place counts for an event when the nearest verb above it in the parse is the event's own clause
head, when it hangs off the event noun, or when it hangs off the event's target ("destroyed a
command post in Hama province"): "an IS camp in Idlib province was hit" places the hit in Idlib;
"Lavrov told reporters at the U.N." places nothing. Candidates come from locative prepositions
and from place entities, because the small English model often labels places as ORG or NORP
("Bajaur", "Tunis"); the geocoder decides what is a place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from polybius.parse import entities

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "PERSON"}
PLACE_SUFFIXES = {"province", "governorate", "region", "district", "state", "county", "city", "town", "village",
                  "area", "agency", "valley", "prefecture", "oblast", "department", "tribal", "strip", "bank",
                  "hamlet", "settlement", "township", "municipality", "sector", "locality", "subdistrict"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
              "southeastern", "southwestern", "upper", "lower"}
# Nouns for part of a place: "the centre of Algiers", "the outskirts of Kabul".
AREA_NOUNS = {"centre", "center", "outskirts", "heart", "part", "parts", "edge", "suburb", "suburbs", "north", "south",
              "east", "west", "countryside", "vicinity", "capital", "streets", "street", "border", "environs", "downtown",
              "interior", "coast", "shore", "periphery", "rest", "side", "corner", "neighbourhood", "neighborhood", "quarter"}
# Prepositions of an occasion whose own place is the event's: "during a ceremony held in Beijing".
OCCASION_PREPOSITIONS = {"during", "at", "on", "in", "amid"}
RELATION_PREPOSITIONS = {"against", "with", "toward", "towards", "versus", "vs", "for", "by", "between", "among", "amongst"}
ENTITY_PLACE_DEPS = {"pobj", "appos", "compound", "conj", "npadvmod", "ROOT"}
PLACE_PREPOSITIONS = {"in": 3, "at": 3, "through": 2, "near": 2, "into": 2, "across": 2, "outside": 2, "inside": 3, "around": 2,
                      "throughout": 2, "on": 1, "to": 1, "from": 0}


@dataclass(frozen=True)
class PlacePhrase:
    text: str
    char_span: tuple[int, int]
    weight: int
    demonym: str | None = None  # "the Tunisian capital": the adjective naming the country
    # names an actor's home ("Kabul police", "U.S. aircrews"): a city there is the place, a country only a nationality
    actor_home: bool = False
    antecedent: str | None = None  # "in the country": the last country the text named before it
    nationality: str | None = None  # "the Ukrainian town of X": the adjective naming the country it is in


def _first_verb_above(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _preposition_weight(head: Token) -> int:
    node = head
    for _ in range(5):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ == "pobj":
            node = node.head.head  # "in the centre of the capital Algiers"
            continue
        if node.dep_ == "pobj":
            return PLACE_PREPOSITIONS.get(node.head.lower_, 0)
        if node.dep_ in {"compound", "amod", "conj", "appos", "poss"}:
            node = node.head
            continue
        break
    return 0


def _name_span(head: Token) -> tuple[int, int]:
    """'northwest Idlib province', 'central Tunis', 'Bajaur district': names, directions, suffixes."""
    start = end = head.i
    for child in sorted(head.children, key=lambda t: t.i):
        if child.i < head.i and child.dep_ in {"compound", "amod", "nmod"} and (child.pos_ == "PROPN" or child.lower_ in DIRECTIONS or child.lower_ in PLACE_SUFFIXES):
            start = min(start, child.i)
    doc = head.doc
    while start > head.sent.start and doc[start - 1].lower_ in DIRECTIONS:
        start -= 1
    end = head.i + 1
    while end < head.sent.end and doc[end].lower_ in PLACE_SUFFIXES:
        end += 1
    # keep only a contiguous run ending at the head: drop determiners and possessors in front
    while start < head.i and (doc[start].dep_ in {"det", "poss", "case"} or doc[start].is_punct):
        start += 1
    of = head.head if head.dep_ == "pobj" and start == head.i else None
    if of is not None and of.lower_ == "of" and of.i == head.i - 1 and of.head.lemma_ in PLACE_SUFFIXES:
        # "the northern province of Kunduz": the unit word says what kind of place
        start = of.head.i
        while start > head.sent.start and doc[start - 1].lower_ in DIRECTIONS:
            start -= 1
    return start, end


def _candidates(sentence: Span) -> list[Token]:
    heads: list[Token] = []
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS and token.ent_type_ not in NOT_PLACES:
            heads.append(token)
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and (
                token.head.head.lemma_ in PLACE_SUFFIXES or token.head.head.lower_ in AREA_NOUNS):
            heads.append(token)  # "near the town of Amadiya", "the province of Idlib", "the centre of Harare"
    for entity in entities(sentence):
        # subjects and objects are actors ("Russia gave notice"), not places; nor are the objects of
        # relation prepositions ("measures against Japan", "talks with Iran")
        if entity.root.dep_ == "pobj" and entity.root.head.lower_ in RELATION_PREPOSITIONS:
            continue
        if entity.root.dep_ == "npadvmod" and entity.root.head.tag_ == "VBN" and entity.root.head.dep_ == "amod":
            continue  # "Moscow-backed separatists", "US-led coalition": who backs or leads, not where
        if entity.label_ in PLACE_LABELS and entity.root not in heads and entity.root.dep_ in ENTITY_PLACE_DEPS:
            heads.append(entity.root)
    extra = []
    for head in heads:
        # "into Chaklala air base, Rawalpindi": the small model often calls such an apposition a person
        extra.extend(c for c in head.children if (c.dep_ == "appos" and c.pos_ == "PROPN")
                     or (c.dep_ in {"appos", "poss"} and c.ent_type_ not in NOT_PLACES))
    return heads + [e for e in extra if e not in heads]


def _attached(head: Token, clause_head: Token, trigger: Token, target: Token | None) -> bool:
    verb = _first_verb_above(head)
    if trigger != clause_head and trigger in head.ancestors:
        return True
    if target is not None and target in head.ancestors:
        return True  # inside the target's phrase: "a command post used by the PKK near Amadiya"
    if verb == clause_head:
        return True
    if clause_head.dep_ == "conj" and verb == clause_head.head and clause_head.pos_ == "VERB":
        return True  # "flew into Chaklala air base and delivered meals": the first verb's place is the second's
    if verb is not None and verb.dep_ == "advcl" and verb.head == clause_head \
            and any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children):
        return True  # "killed 14 civilians when they hit a house in Saada": where the killing happened
    if verb is not None and verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.head == clause_head \
            and verb.head.head.lower_ in OCCASION_PREPOSITIONS:
        return True  # "signed three accords during a ceremony held in Beijing": the occasion's place
    return trigger.pos_ in {"NOUN", "PROPN"} and trigger in head.ancestors


def _names_owner(head: Token) -> bool:
    """'Myanmar's junta', 'the ambassador of Chad', 'Russia's strikes': the country that owns a
    person, body or act, not where the event is. Area nouns ('the centre of Algiers') and place
    nouns ('Pakistan's Bajaur district') keep their places."""
    while head.dep_ == "conj":  # "the presidents of Sudan and South Sudan": each conjunct is owned alike
        head = head.head
    if head.dep_ == "poss":
        owner = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "of":
        owner = head.head.head
    else:
        return False
    return (owner.pos_ == "NOUN" and owner.lemma_.lower() not in PLACE_SUFFIXES | AREA_NOUNS
            and owner.ent_type_ not in PLACE_LABELS)


def _phrase(head: Token, weight: int) -> PlacePhrase | None:
    """The place name a candidate head stands for, or None for common nouns ('the centre')."""
    doc = head.doc
    if head.lemma_ == "capital":
        demonym = next((c for c in head.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
        if demonym is not None:  # "the Tunisian capital"
            return PlacePhrase(doc[demonym.i : head.i + 1].text, (demonym.idx, head.idx + len(head.text)), weight, demonym.text)
    if head.lemma_ == "country" and all(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in head.lefts) and any(head.lefts):
        # "police in the country killed nine": the country the story last named
        named = [e for e in doc.ents if e.end <= head.i and e.label_ in {"GPE", "NORP"}]
        if named:
            start = next(head.lefts).i
            return PlacePhrase(doc[start : head.i + 1].text, (doc[start].idx, head.idx + len(head.text)), weight,
                               antecedent=named[-1].text)
    start, end = _name_span(head)
    entity = next((e for e in entities(head.sent) if e.root == head and e.label_ in PLACE_LABELS), None)
    if entity is not None and entity.end > end and doc[end].lower_ == "of":
        end = entity.end  # "the Republic of Maldives", not "Republic"
    if not any(t.pos_ == "PROPN" or t.ent_type_ in PLACE_LABELS for t in doc[start:end]):
        return None
    unit = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    nationality = next((c.text for c in unit.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None) \
        if unit is not None and unit.lemma_ in PLACE_SUFFIXES else None
    return PlacePhrase(doc[start:end].text, (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)), weight,
                       nationality=nationality)


def _weighted(head: Token) -> int | None:
    """How strongly a preposition marks the head as a place; None when nothing does."""
    weight = _preposition_weight(head)
    if weight == 0 and head.ent_type_ not in PLACE_LABELS:
        return None
    return weight - 1 if head.dep_ == "poss" else weight  # "Pakistan's Bajaur district": the wider frame


def event_places(sentence: Span, clause_head: Token, trigger: Token, exclude: set[int], target: Token | None = None) -> list[PlacePhrase]:
    """Place phrases attached to the event, best first. `exclude`: token indices of the actors' heads."""
    found: list[PlacePhrase] = []
    for head in _candidates(sentence):
        if head.i in exclude or _names_owner(head) or not _attached(head, clause_head, trigger, target):
            continue
        weight = _weighted(head)
        phrase = _phrase(head, weight) if weight is not None else None
        if phrase is not None:
            home = head.head.i in exclude and head.dep_ in {"compound", "amod", "poss"}
            found.append(replace(phrase, actor_home=True) if home else phrase)
    found.sort(key=lambda p: -p.weight)
    return found


def story_place_phrases(sentence: Span, is_reporting_verb) -> list[PlacePhrase]:
    """Place phrases of a sentence that are not where somebody spoke ('told a briefing in Ankara')."""
    found = []
    for head in _candidates(sentence):
        verb = _first_verb_above(head)
        if (verb is not None and is_reporting_verb(verb)) or _weighted(head) is None:
            continue
        phrase = _phrase(head, 0)
        if phrase is not None and phrase.demonym is None:
            found.append(phrase)
    return found
