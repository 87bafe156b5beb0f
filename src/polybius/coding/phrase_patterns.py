"""Verb patterns written as the words around the verb (PETRARCH/TABARI's `- BEFORE * AFTER [CODE]`),
matched on spaCy's parse.

polybius's own patterns (`data/verbs.yaml`) name grammatical roles: the object's head, a
preposition. A PETRARCH verb dictionary names words in order instead, and a user who brings one
expects its patterns to mean what PETRARCH made them mean (its documentation and TABARI's manual):

* `*` is the verb. The terms after it are looked for, in order, among the words of the verb's own
  phrase that follow it (its subtree, less verbs coordinated with it); the terms before it, from
  the verb backwards, among the words before it in its sentence, back to a comma that ends a clause.
* Other words may come between two terms; `_` joins terms that must be next to each other
  (`FAILED_TO_*`: "failed to" right before the verb). A `_` before a space (`WAS_ *`) joins nothing.
* A word matches as written, in any case: PETRARCH matches words, not lemmas (`RESOLUTION` is not
  "resolutions"). `&NAME` matches any phrase of that word set (its words consecutive).
* `+` and `$` are a noun phrase at that place: the target and the source; `^` skips a noun phrase;
  `%` is a coordinated noun phrase ("the Philippines and France"): before the verb, source and
  target at once (each acts on the others), after it the targets.

Among a verb's patterns, the one with the most terms that matches wins (PETRARCH searches its
pattern tree for the longest match); ties go to the first written. Without `$` the source is the
verb's subject, or, when that names no actor, as in PETRARCH the first noun phrase before the verb
that does; without `+` the target is the first noun phrase after the verb in its phrase that names
an actor (`PhraseCoding.source_options`/`target_options`, decided once actors are resolved).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.tokens import Token

from polybius.coding import syntax

MARKERS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
# Punctuation that ends the clause before a verb, unless it only separates coordinated nouns or an apposition.
CLAUSE_PUNCTUATION = {",", ";", ":", "--", "(", ")"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
UNREAD_SYNTAX = set("(){}|")  # PETRARCH 2's bracketed noun phrases and TABARI's disjunctions


@dataclass(frozen=True)
class Term:
    """One place of a pattern: some words (one of several phrases, for a word set) or a noun phrase."""

    phrases: tuple[tuple[str, ...], ...] = ()  # lower-case words, in reading order
    marker: str | None = None  # "source", "target", "compound", "skip"
    joined: bool = False  # next to its neighbour on the verb's side (or to the verb itself)


@dataclass(frozen=True)
class PhraseMatch:
    """Where a matched pattern put the source and the target (None: the pattern does not say)."""

    source: Token | None = None
    target: Token | None = None


@dataclass(frozen=True)
class PhrasePattern:
    """A pattern's terms on each side of the verb, read outwards from it."""

    before: tuple[Term, ...]  # nearest the verb first
    after: tuple[Term, ...]  # nearest the verb first

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)

    @cached_property
    def needs(self) -> frozenset[str]:
        """Words any match needs in the sentence (a quick test before matching)."""
        return frozenset(t.phrases[0][0] for t in self.before + self.after if len(t.phrases) == 1 and len(t.phrases[0]) == 1)

    @classmethod
    def parse(cls, text: str, sets: Mapping[str, Sequence[str]] | None = None) -> "PhrasePattern":
        """'INDICATED WOULD * NOW', '* &TIETYPES TIES WITH +', 'IN_AND_*_OUT_AGAIN'; ValueError if unreadable."""
        items: list[tuple[str, bool]] = []  # (item, joined to the item before it)
        for chunk in text.split():
            parts = [p for p in chunk.split("_") if p]
            items.extend((part, k > 0) for k, part in enumerate(parts))
        stars = [k for k, (item, _) in enumerate(items) if item == "*"]
        if len(stars) != 1:
            raise ValueError("a verb pattern needs one '*' where the verb stands")
        star, sets = stars[0], sets or {}
        # a term before the verb is joined to its neighbour on the verb's side when the item after it says so
        before = tuple(_term(items[k][0], items[k + 1][1], sets) for k in reversed(range(star)))
        after = tuple(_term(item, joined, sets) for item, joined in items[star + 1 :])
        return cls(before, after)

    def around(self, before: Sequence[str], after: Sequence[str]) -> "PhrasePattern":
        """The same pattern for a verb written around other words (`WIRE_+TAP`, `+CUT_OFF`)."""
        if not before and not after:
            return self
        next_to = lambda words: tuple(Term(((w.lower(),),), joined=True) for w in words)  # noqa: E731
        return PhrasePattern(next_to(reversed(before)) + self.before, next_to(after) + self.after)

    def match(self, verb: Token) -> PhraseMatch | None:
        sides = _sides(verb)
        found = _match(self.after, sides[1], 0, verb.i, {})
        if found is None:
            return None
        found = _match(self.before, sides[0], 0, verb.i, found)
        if found is None:
            return None
        return PhraseMatch(found.get("source"), found.get("target"))


def _term(item: str, joined: bool, sets: Mapping[str, Sequence[str]]) -> Term:
    if item in MARKERS:
        return Term(marker=MARKERS[item], joined=joined)
    if UNREAD_SYNTAX & set(item):
        raise ValueError(f"'{item}': bracketed phrases and alternatives are not read")
    if item.startswith("&"):
        name = item[1:].rstrip("_")
        if name not in sets:
            raise ValueError(f"word set &{name} is not defined")
        return Term(tuple(tuple(p.lower().split()) for p in sets[name] if p.split()), joined=joined)
    return Term(((item.lower(),),), joined=joined)


@dataclass
class _Side:
    """The words on one side of the verb, in order away from it, and the noun phrases among them:
    position of any of a phrase's words -> (position after the phrase, its head)."""

    tokens: list[Token] = field(default_factory=list)
    backwards: bool = False  # the words before the verb, read from the verb back
    phrases: dict[int, tuple[int, Token]] = field(default_factory=dict)
    compounds: dict[int, tuple[int, Token]] = field(default_factory=dict)

    def heads(self) -> list[Token]:
        """Heads of the noun phrases, in order away from the verb; a coordination once, by its first conjunct."""
        heads = [head for _, (_, head) in sorted(self.phrases.items()) if head.dep_ != "conj"]
        return list(dict.fromkeys(heads))


@lru_cache(maxsize=32)
def _sides(verb: Token) -> tuple[_Side, _Side]:
    """(before, after): the words a pattern's terms are looked for in."""
    sentence = verb.sent
    before = []
    for token in reversed(sentence[: verb.i - sentence.start]):
        if token.text in CLAUSE_PUNCTUATION and token.head.pos_ not in NOMINAL:
            break
        before.append(token)
    skipped = {t.i for c in verb.children if c.i > verb.i and c.dep_ in {"conj", "cc"} and (c.dep_ == "cc" or c.pos_ in {"VERB", "AUX"})
               for t in c.subtree}
    after = [t for t in verb.subtree if t.i > verb.i and t.i not in skipped]
    chunks = [(c.start, c.end, c.root) for c in sentence.noun_chunks]
    return _side(before, chunks, backwards=True), _side(after, chunks, backwards=False)


def _side(tokens: list[Token], chunks: list[tuple[int, int, Token]], backwards: bool) -> _Side:
    side = _Side(tokens, backwards)
    position = {t.i: k for k, t in enumerate(tokens)}
    spans: dict[Token, tuple[int, int]] = {}
    for start, end, root in chunks:
        if all(i in position for i in range(start, end)):
            spans[root] = (start, end)
            last = start if backwards else end - 1
            for i in range(start, end):  # from any of its words on, as in PETRARCH ('* THEIR ^ ABOUT +')
                side.phrases[position[i]] = (position[last] + 1, root)
    for root, (start, end) in spans.items():
        members = [spans[c] for c in syntax.conjuncts(root) if c in spans]
        if root.dep_ == "conj" or len(members) < 2:
            continue
        start, end = min(s for s, _ in members), max(e for _, e in members)
        if all(i in position for i in range(start, end)):
            first, last = (end - 1, start) if backwards else (start, end - 1)
            side.compounds[position[first]] = (position[last] + 1, root)
    return side


def _match(terms: tuple[Term, ...], side: _Side, start: int, last: int, found: dict) -> dict | None:
    """Match `terms` from position `start` on (`last`: the document index of the word matched before)."""
    if not terms:
        return found
    term, rest = terms[0], terms[1:]
    for at in ([start] if term.joined else range(start, len(side.tokens))):
        if at >= len(side.tokens) or (term.joined and abs(side.tokens[at].i - last) != 1):
            break
        for stop, captured in _spans(term, side, at):
            result = _match(rest, side, stop, side.tokens[stop - 1].i, {**found, **captured})
            if result is not None:
                return result
    return None


def _spans(term: Term, side: _Side, at: int) -> Iterator[tuple[int, dict]]:
    """Ways `term` can cover the words from position `at`: (position after them, what they capture)."""
    if term.marker == "compound":
        if at in side.compounds:
            stop, head = side.compounds[at]
            yield stop, ({"source": head, "target": head} if side.backwards else {"target": head})
        return
    if term.marker is not None:
        if at in side.phrases:
            stop, head = side.phrases[at]
            yield stop, ({} if term.marker == "skip" else {term.marker: head})
        return
    tokens = side.tokens
    for phrase in term.phrases:
        words = phrase[::-1] if side.backwards else phrase  # a phrase's words run towards the verb before it
        stop = at + len(words)
        if stop > len(tokens):
            continue
        run = tokens[at:stop]
        if all(t.lower_ == w for t, w in zip(run, words)) and all(abs(a.i - b.i) == 1 for a, b in zip(run, run[1:])):
            yield stop, {}


@dataclass(frozen=True)
class PhraseRule:
    """One pattern of a user's verb: its words, its code (None: this use is no event) and the code
    of what the target does back (`[032:033]`), and where it was written (`file:line`)."""

    phrase: PhrasePattern
    code: str | None
    back: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class PhraseCoding:
    """A coded act before actors are resolved: the source and target the pattern or the subject
    gives, else the noun phrases to take the first actor from (PETRARCH's convention)."""

    code: str
    rule: str
    source: Token | None
    target: Token | None
    source_options: tuple[Token, ...] = ()
    target_options: tuple[Token, ...] = ()


@dataclass
class PhraseBook:
    """A user's verbs: rules by the verb's written forms (`LEFT`, `MET`: PETRARCH tells verb forms
    apart) and by its base word (any other inflection spaCy lemmatises to it)."""

    by_form: dict[str, list[PhraseRule]] = field(default_factory=dict)
    by_lemma: dict[str, list[PhraseRule]] = field(default_factory=dict)

    def rules_for(self, verb: Token) -> list[PhraseRule] | None:
        return self.by_form.get(verb.lower_) or self.by_lemma.get(verb.lemma_.lower())

    def code(self, verb: Token) -> list[PhraseCoding] | None:
        """The acts a user's verb codes here: None when the verb is none of theirs (ours decide),
        [] when their patterns say it is no event."""
        rules = self.rules_for(verb) if verb.tag_.startswith("VB") else None  # PETRARCH reads verbs, not modals ('should')
        if not rules:
            return None
        words = {t.lower_ for t in verb.sent}
        matches = [(rule, found) for rule in rules if rule.phrase.needs <= words and (found := rule.phrase.match(verb)) is not None]
        if not matches:
            return []
        rule, found = max(matches, key=lambda m: (m[0].phrase.size, -rules.index(m[0])))
        if rule.code is None:
            return []
        before, after = _sides(verb)
        source, target = found.source or syntax.logical_subject(verb), found.target
        sources = () if found.source is not None else tuple(before.heads()[::-1])
        if syntax.is_passive(verb) and found.source is None:
            # "X was criticized": X is done to; with no 'by' agent the doer is unknown (PETRARCH makes X the source)
            sources, target = (), target or syntax.logical_object(verb)
        targets = () if target is not None else tuple(after.heads())
        coded = [PhraseCoding(rule.code, rule.origin, source, target, sources, targets)]
        if rule.back is not None and not (source is not None and source == target and rule.back == rule.code):
            # "left for X" (032:033): X hosts the visitor; for '%' both ways are already every pair
            coded.append(PhraseCoding(rule.back, rule.origin, target, source, targets, sources))
        return coded


def within_phrase_of(token: Token, verbs: Sequence[Token]) -> bool:
    """The token is among the words after one of `verbs` in its phrase (PETRARCH codes no verb there)."""
    return any(verb != token and verb.i < token.i and token in _sides(verb)[1].tokens for verb in verbs)
