"""Counts of the dead and injured that belong to one event.

Only numbers grammatically tied to the event count: its own clause ("stormed a post, killing four
soldiers", "air strikes killed 12 civilians", "left 21 militants dead"), or the death clause the
event explains ("Eleven villagers died when a helicopter fired on their homes": the eleven are the
helicopter attack's). A running total belongs to no one event ("have killed 5,000 people since
April", "the conflict that has killed 2,600 people"), nor does a count shared by the dead and the
injured ("killed or wounded 50 people"). The word lists are in `data/tolls.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from polybius.coding import syntax
from polybius.coding.patterns import load_patterns
from polybius.models import Event

EVENT_CHAIN_DEPS = {"advcl", "conj", "xcomp", "ccomp", "acl"}
# "died when ...", "were killed as ...": the subordinate act is how they died.
CAUSE_MARKS = {"when", "as", "after", "while"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
NESTED_CLAUSES = {"relcl", "ccomp", "acl"}


@dataclass(frozen=True)
class Tolls:
    number_words: dict[str, int]
    scale_words: dict[str, int]
    kill: frozenset[str]
    injure: frozenset[str]
    die: frozenset[str]
    death_adjectives: frozenset[str]
    aggregate_markers: tuple[str, ...]
    aggregate_periods: frozenset[str]
    aggregate_wholes: frozenset[str]


@cache
def load_tolls() -> Tolls:
    raw = yaml.safe_load(resources.files("polybius.numbers").joinpath("data/tolls.yaml").read_text("utf-8"))
    return Tolls(
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        scale_words={str(k): int(v) for k, v in raw["scale_words"].items()},
        kill=frozenset(raw["kill_lemmas"]),
        injure=frozenset(raw["injure_lemmas"]),
        die=frozenset(raw["die_lemmas"]),
        death_adjectives=frozenset(raw["death_adjectives"]),
        aggregate_markers=tuple(raw["aggregate_markers"]),
        aggregate_periods=frozenset(raw["aggregate_periods"]),
        aggregate_wholes=frozenset(raw["aggregate_wholes"]),
    )


@dataclass
class Counts:
    fatalities: int | None = None
    injured: int | None = None
    texts: list[str] = field(default_factory=list)


def parse_number(text: str) -> int | None:
    """'4,900' → 4900, 'four' → 4, '1.5 million' → 1500000; None when not a count."""
    tolls = load_tolls()
    cleaned = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        value = float(cleaned)
        return int(value) if value < 10_000_000 else None
    words = cleaned.replace("-", " ").split()
    total, current = 0, 0
    for word in words:
        if word in tolls.number_words:
            current += tolls.number_words[word]
        elif word in tolls.scale_words:
            current = max(current, 1) * tolls.scale_words[word]
            total, current = total + current, 0
        elif re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
        elif word in {"and", "a"}:
            continue
        else:
            return None
    value = int(total + current)
    return value or None


def count_on(noun: Token) -> tuple[int, str] | None:
    """The count modifying a noun ('four soldiers', 'more than 50 militants'), with its source text."""
    tolls = load_tolls()
    scale = tolls.scale_words
    for child in noun.children:
        # "Eleven villagers" opening a sentence: the number word is often tagged a proper-noun compound
        if child.dep_ == "nummod" or (child.dep_ in {"amod", "compound"} and (child.pos_ == "NUM" or child.like_num)):
            pieces = sorted({child, *(c for c in child.subtree if c.dep_ in {"quantmod", "compound", "nummod"})}, key=lambda t: t.i)
            # "Eleven" opening a sentence is often tagged a proper noun
            numeric = " ".join(t.text for t in pieces if t.pos_ == "NUM" or t.like_num or t.lower_ in scale
                               or t.lower_ in tolls.number_words)
            value = parse_number(numeric) if numeric else None
            if value is not None:
                text = noun.doc[pieces[0].i : noun.i + 1].text
                return value, text
    if noun.pos_ == "NUM":
        value = parse_number(noun.text)
        if value is not None:
            return value, noun.text
    return None


def event_counts(clause_head: Token, trigger: Token) -> Counts:
    """The dead and injured of the event whose clause is headed by `clause_head`."""
    counts = Counts()
    for verb in _candidate_verbs(clause_head, trigger):
        kind = _kind(verb)
        if kind is None or _aggregate(verb) or _shared_with_injured(verb):
            continue
        for victim in _victims(verb, kind):
            found = count_on(victim)
            if found is None:
                continue
            value, text = found
            if kind == "injure":
                if counts.injured is None:
                    counts.injured = value
                    counts.texts.append(text)
            elif counts.fatalities is None:
                counts.fatalities = value
                counts.texts.append(text)
    return counts


def _candidate_verbs(clause_head: Token, trigger: Token) -> list[Token]:
    verbs = [clause_head]
    verbs.extend(c for c in clause_head.children if c.dep_ in EVENT_CHAIN_DEPS and c.pos_ == "VERB")
    if trigger != clause_head:
        verbs.extend(c for c in trigger.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB")
    if clause_head.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in CAUSE_MARKS or c.dep_ == "mark"
                                           and c.lower_ in CAUSE_MARKS for c in clause_head.children):
        verbs.append(clause_head.head)  # "Eleven villagers died when a helicopter fired on their homes"
        if clause_head.head.dep_ == "conj":
            verbs.append(clause_head.head.head)  # "12 were killed and 20 injured when a bomber blew himself up"
    for head in (clause_head, trigger):
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for place in (c for c in prep.subtree if c.dep_ == "pobj" and c.ent_type_ in PLACE_ENTITIES):
                # "shelling in the hamlet of Arnia that left five villagers dead": a place kills nobody
                verbs.extend(c for c in place.children if c.dep_ == "relcl" and c.pos_ == "VERB")
    return list(dict.fromkeys(verbs))


def _kind(verb: Token) -> str | None:
    """'kill', 'die', 'injure', 'leave' (left N dead) or None."""
    tolls = load_tolls()
    lemma = verb.lemma_.lower()
    if lemma in tolls.kill or (verb.pos_ == "VERB" and _made_dead(verb) and lemma != "leave"):
        return "kill"  # "were shot dead", "gunned down ... dead"
    if lemma in tolls.die:
        return "die"
    if lemma in tolls.injure:
        return "injure"
    if lemma == "leave":
        return "leave"
    return None


def _made_dead(verb: Token) -> bool:
    """ "were shot dead", "left them dead", "shot dead two officers" (however "dead" is parsed)."""
    adjectives = load_tolls().death_adjectives
    if any(c.dep_ in {"oprd", "acomp", "advmod"} and c.lower_ in adjectives for c in verb.children):
        return True
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.lower_ in adjectives and following.head in verb.children


def _victims(verb: Token, kind: str) -> list[Token]:
    if kind == "die":
        return [c for c in verb.children if c.dep_ == "nsubj"]
    if kind == "leave":
        adjectives = load_tolls().death_adjectives
        found = []
        for child in verb.children:
            if child.dep_ == "dobj" and (_made_dead(verb) or any(c.lower_ in adjectives for c in child.children)):
                found.append(child)  # "left 21 militants dead"
            elif child.dep_ in {"ccomp", "oprd"} and child.lower_ in adjectives:
                found.extend(c for c in child.children if c.dep_ == "nsubj")  # "left [21 militants dead]"
        return found
    victim = syntax.logical_object(verb)
    if victim is None and verb.tag_ == "VBN" and verb.dep_ == "conj" and syntax.is_passive(verb.head):
        # "12 people were killed and 20 others injured": the second passive lost its auxiliary
        victim = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if victim is None and kind == "kill":
        # "killed nine people taking part in the marches", parsed as a clause of its own
        victim = next((s for c in verb.children if c.dep_ in {"advcl", "ccomp"} and c.tag_ == "VBG" and c.i > verb.i
                       for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
    return [victim] if victim is not None else []


def _aggregate(verb: Token) -> bool:
    """A running total: "have killed 5,000 since April", "has killed 2,000 in total", "the conflict
    that has killed 2,600", "2,600 have died in the five-month conflict"."""
    tolls = load_tolls()
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    subject = syntax.logical_subject(verb) if _kind(verb) != "die" else None
    doers = [subject] if subject is not None else []
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in {"that", "which"}), None)
    if pronoun is not None and verb.dep_ == "relcl":
        # the parsed antecedent, and the noun right before the pronoun, which it often is instead
        doers = [verb.head] + [t for t in pronoun.doc[max(pronoun.i - 2, 0):pronoun.i] if t.pos_ == "NOUN"][-1:]
    totals = load_patterns().rules.aggregate_subjects | tolls.aggregate_periods
    if perfect and any(d.lemma_.lower() in totals for d in doers):
        return True  # "the conflict that has killed ...", but "fighting that killed four soldiers" is an event
    words = f" {' '.join(t.lower_ for t in _own_clause(verb))} "
    if any(f" {marker} " in words for marker in tolls.aggregate_markers):
        return True
    if perfect and any(p.dep_ == "pobj" and p.lemma_.lower() in tolls.aggregate_periods
                       for prep in verb.children if prep.dep_ == "prep" for p in prep.children):
        return True
    # "were killed in the conflict last year": the whole conflict
    return any(token.dep_ == "pobj" and token.head.lower_ == "in" and token.lemma_.lower() in tolls.aggregate_wholes
               and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) for token in _own_clause(verb))


def _own_clause(verb: Token) -> list[Token]:
    """The verb's clause without the clauses nested in its arguments (whose "since" is theirs)."""
    nested: set[int] = set()
    for child in verb.children:
        for token in child.subtree:
            if token.dep_ in NESTED_CLAUSES and token.i not in nested:
                nested.update(t.i for t in token.subtree)
    return [t for t in verb.subtree if t.i not in nested]


def _own_victims(verb: Token) -> bool:
    deps = {"nsubj"} if _kind(verb) == "die" or verb.tag_ == "VBN" else {"dobj", "nsubjpass"}  # "and 20 others injured"
    return any(c.dep_ in deps or c.dep_ == "nsubjpass" for c in verb.children)


def _shared_with_injured(verb: Token) -> bool:
    """ "killed or wounded 50 people", "50 people were killed and injured": the count is of both."""
    tolls = load_tolls()
    if _kind(verb) not in ("kill", "die", "injure"):
        return False
    partners = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    own = {"kill": tolls.kill | tolls.die, "die": tolls.kill | tolls.die, "injure": tolls.injure}[_kind(verb)]
    for partner in partners:
        lemma = partner.lemma_.lower()
        if lemma in own or (lemma not in tolls.kill | tolls.die | tolls.injure):
            continue
        if not (_own_victims(verb) and _own_victims(partner)) and not any(
                t.pos_ == "NUM" for v in (verb, partner) for t in v.children):
            return True  # one count for both verbs ("killed and two wounded" has two)
    return False


VIOLENT_ROOTS = {"18", "19", "20"}
PLACE_RANK = {None: 0, "country": 1, "admin1": 2, "admin2": 3, "city": 4, "point": 5}
DATE_RANK = {"unknown": 0, "year": 1, "month": 2, "week": 3, "day": 4}


def book_once(events: list[Event]) -> list[Event]:
    """One toll, one event: a count told again (in the headline, the lead and a quote; or for the
    death clause and the act that caused it) stays with the best-told mention, the one with the
    most precise day and place, and is taken off the others."""
    keep: dict[int, set[str]] = {i: {"fatalities", "injured"} for i in range(len(events))}
    for key in ("fatalities", "injured"):
        groups: list[list[int]] = []
        for i, event in enumerate(events):
            if getattr(event, key) is None or event.cameo.root not in VIOLENT_ROOTS:
                continue
            group = next((g for g in groups if _same_toll(events[g[0]], event, key)), None)
            if group is None:
                groups.append([i])
            else:
                group.append(i)
        for group in groups:
            best = max(group, key=lambda i: (_told(events[i]), -i))
            for i in group:
                if i != best:
                    keep[i].discard(key)
    out = []
    for i, event in enumerate(events):
        dropped = {"fatalities", "injured"} - keep[i]
        if not dropped or all(getattr(event, k) is None for k in dropped):
            out.append(event)
            continue
        update = {k: None for k in dropped}
        update["unresolved"] = {**event.unresolved, **{k: "the same count is booked on another mention of this act"
                                                          for k in dropped if getattr(event, k) is not None}}
        out.append(event.model_copy(update=update))
    return out


def _same_toll(a: Event, b: Event, key: str) -> bool:
    """The same count for what may be the same act: same value, no contradicting day, country or victims."""
    if getattr(a, key) != getattr(b, key):
        return False
    if a.date is not None and b.date is not None and a.date != b.date and "day" in (a.date_precision, b.date_precision) \
            and a.date_precision == b.date_precision:
        return False
    countries = {e.location.country for e in (a, b) if e.location is not None and e.location.country}
    return len(countries) <= 1 and _compatible(a.target.country, b.target.country) and _compatible(a.target.sector, b.target.sector)


def _compatible(x: str | None, y: str | None) -> bool:
    """ "seven children" and "seven jihadists" are two tolls; an unknown side matches anything."""
    return x is None or y is None or x == y


def _told(event: Event) -> tuple[int, int, int, int]:
    place = event.location.precision if event.location is not None else None
    return (DATE_RANK.get(event.date_precision, 0), PLACE_RANK.get(place, 0),
            int(event.source.country is not None or event.source.code is not None), len(event.cameo.code))
