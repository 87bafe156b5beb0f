"""A user's TABARI/PETRARCH verb dictionary as polybius verb patterns (the `verbs.yaml` schema).

PETRARCH matches patterns on its own parse; polybius keeps what its pattern conditions can say:

* the verb: `RESTORE` is the lemma `restore`; `BREAK_DOWN` is `break` with the particle `down`;
  verbs written around another word (`WIRE_+TAP`) are not read;
* words after `*`: a first preposition is the pattern's preposition (`* AGAINST +` = prep against,
  target there); otherwise the last word before any preposition must head the verb's object
  (`* DIPLOMATIC TIES` = the object is "ties"), and a following preposition holds the target;
* words before `*`: only a negation (`NOT *`) can be said; other context words make a pattern
  polybius cannot express, so it is left out (and counted);
* codes must be CAMEO codes polybius knows; `[---]` means this use is not an event.
The block's default code becomes the verb's pattern without conditions. A user's verb replaces
polybius's patterns for that verb entirely.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from polybius.dictionaries.petrarch import VerbPattern, VerbRecord

PREPOSITIONS = frozenset("about against at by for from in into of on over to toward towards under upon with within".split())
PARTICLES = frozenset("off up down out in on over away back through".split())
NEGATIONS = frozenset({"not", "no", "never", "n't", "did", "does", "do", "will", "would", "wo", "ca", "really"})
MARKERS = frozenset({"$", "+", "%", "^"})
TARGETS = ("dobj", "prep:with", "prep:to", "prep:against", "prep:on", "prep:for", "prep:from")
OBJECT_TARGETS = TARGETS[1:] + ("prep:of",)


@dataclass
class VerbBook:
    """Patterns by lemma, and what could not be converted (reason -> count)."""

    verbs: dict[str, list[dict]] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _verb(phrase: str) -> tuple[str, str | None] | None:
    words = phrase.lower().split()
    if not words or not all(re.fullmatch(r"[a-z]+", w) for w in words):
        return None
    if len(words) == 1:
        return words[0], None
    if len(words) == 2 and words[1] in PARTICLES:
        return words[0], words[1]
    return None


def _conditions(pattern: VerbPattern, book: VerbBook) -> dict | None:
    before = [w.lower() for w in pattern.before if w not in MARKERS]
    conditions: dict = {}
    if before:
        if not set(before) <= NEGATIONS or not set(before) & {"not", "no", "never", "n't"}:
            book.skipped["patterns with context before the verb"] += 1
            return None
        conditions["negated"] = True
    after = [w.lower() for w in pattern.after if w not in MARKERS - {"+"}]
    words = [w for w in after if w != "+"]
    if words and words[0] in PREPOSITIONS:
        conditions["prep"] = words[0]
        conditions["target"] = [f"prep:{words[0]}"]
        return conditions
    content = []
    for word in words:
        if word in PREPOSITIONS:
            conditions["target"] = [f"prep:{word}"]
            break
        content.append(word)
    if content:
        head = content[-1]
        if not re.fullmatch(r"[a-z][a-z'-]*", head):
            book.skipped["patterns with words polybius cannot match"] += 1
            return None
        conditions["object_any"] = sorted({head, _singular(head)})
        conditions.setdefault("target", list(OBJECT_TARGETS))
    return conditions


def verb_book(records: list[VerbRecord], cameo_codes: frozenset[str]) -> VerbBook:
    book = VerbBook()
    for record in records:
        converted: list[dict] = []
        for pattern in record.patterns:
            if pattern.code is not None and pattern.code not in cameo_codes:
                book.skipped["patterns with codes that are not CAMEO"] += 1
                continue
            conditions = _conditions(pattern, book)
            if conditions is not None:
                converted.append({"code": pattern.code, **conditions})
        if record.code is None or record.code in cameo_codes:
            converted.append({"code": record.code, "target": list(TARGETS)})
        else:
            book.skipped["verb default codes that are not CAMEO"] += 1
        for verb in record.verbs:
            read = _verb(verb)
            if read is None:
                book.skipped["verbs written around other words"] += 1
                continue
            lemma, particle = read
            extra = {"particle": particle} if particle else {}
            book.verbs.setdefault(lemma, []).extend({**p, **extra} for p in converted)
    return book
