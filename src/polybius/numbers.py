"""Counts of the dead and injured that belong to one event's own clause.

Only numbers grammatically tied to the event ("stormed a post, killing four soldiers", "air
strikes killed 12 civilians", "left 21 militants dead") count; an aggregate toll in a background
clause is attached to no event because no event clause governs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from polybius.coding import syntax

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
KILL_LEMMAS = {"kill", "slay", "massacre", "execute", "behead"}
INJURE_LEMMAS = {"wound", "injure", "hurt", "maim"}
DEATH_ADJECTIVES = {"dead", "killed"}
EVENT_CHAIN_DEPS = {"advcl", "conj", "xcomp", "ccomp", "acl"}


@dataclass
class Counts:
    fatalities: int | None = None
    injured: int | None = None
    texts: list[str] = field(default_factory=list)


def parse_number(text: str) -> int | None:
    """'4,900' → 4900, 'four' → 4, '1.5 million' → 1500000; None when not a count."""
    cleaned = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        value = float(cleaned)
        return int(value) if value < 10_000_000 else None
    words = cleaned.replace("-", " ").split()
    total, current = 0, 0
    for word in words:
        if word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
        elif word in SCALE_WORDS:
            current = max(current, 1) * SCALE_WORDS[word]
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
    for child in noun.children:
        if child.dep_ == "nummod" or (child.pos_ == "NUM" and child.dep_ in {"amod", "compound"}):
            pieces = sorted({child, *(c for c in child.subtree if c.dep_ in {"quantmod", "compound", "nummod"})}, key=lambda t: t.i)
            numeric = " ".join(t.text for t in pieces if t.pos_ == "NUM" or t.lower_ in SCALE_WORDS)
            value = parse_number(numeric) if numeric else None
            if value is not None:
                text = noun.doc[pieces[0].i : noun.i + 1].text
                return value, text
    if noun.pos_ == "NUM":
        value = parse_number(noun.text)
        if value is not None:
            return value, noun.text
    return None


def _victims(verb: Token) -> list[Token]:
    victim = syntax.logical_object(verb)
    return [victim] if victim is not None else []


def _candidate_verbs(clause_head: Token, trigger: Token) -> list[Token]:
    verbs = [clause_head]
    verbs.extend(c for c in clause_head.children if c.dep_ in EVENT_CHAIN_DEPS and c.pos_ == "VERB")
    if trigger != clause_head:
        verbs.extend(c for c in trigger.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB")
    return verbs


def event_counts(clause_head: Token, trigger: Token) -> Counts:
    counts = Counts()
    for verb in _candidate_verbs(clause_head, trigger):
        lemma = verb.lemma_.lower()
        if lemma in KILL_LEMMAS or lemma in INJURE_LEMMAS:
            for victim in _victims(verb):
                found = count_on(victim)
                if found is None:
                    continue
                value, text = found
                if lemma in KILL_LEMMAS and counts.fatalities is None:
                    counts.fatalities = value
                    counts.texts.append(text)
                elif lemma in INJURE_LEMMAS and counts.injured is None:
                    counts.injured = value
                    counts.texts.append(text)
        if lemma == "leave":
            for child in verb.children:
                if child.dep_ in {"dobj", "ccomp", "oprd"}:
                    dead = child if child.lower_ in DEATH_ADJECTIVES else next((c for c in child.children if c.lower_ in DEATH_ADJECTIVES), None)
                    holder = child if dead is not child else child.head
                    found = count_on(holder) if dead is not None else None
                    if found and counts.fatalities is None:
                        counts.fatalities, text = found
                        counts.texts.append(text)
    return counts
