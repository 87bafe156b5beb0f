"""Pick the date expression that belongs to an event trigger, using the dependency parse.

A sentence often carries several dates: "Jets struck Idlib on Wednesday, the ministry said
Thursday." Only one is the strike's. Candidates are ranked in three tiers, nearest in the tree
first within a tier:

  0. attached to the trigger's own clause (or, for nominal triggers, to the trigger itself or a
     clause describing it: "Wednesday's attacks", "the strikes on Wednesday", "the attack
     carried out on Tuesday");
  1. attached to a clause above the trigger (the clause governing a nominal event): borrowed as
     is; dates in clauses below or beside the trigger ("Syria, where Moscow has fought since
     1979") belong to something else and are never used;
  2. attached to a reporting verb ("said Thursday"): the statement's date is only an upper bound
     for the event, so a day is widened to week precision. Never used for planned events, for
     which a statement date says nothing.

The best expression that names a date wins even when it cannot be resolved (no publication date,
an invalid date): a worse tier never masks it. Durations, clock times and bounds ("until Friday")
name no date and are passed over. A borrowed (tier 1 or 2) date keeps a note in `reason` saying
where it came from; elsewhere `reason` is set only when `date` is None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from polybius.parse import entities
from polybius.temporal.expressions import NOT_A_DATE, DateResolution, read_expression
from polybius.temporal.lexicon import load_lexicon

NO_EXPRESSION = "no date expression"
BORROWED = "date of another clause"
REPORTED = "date of the report: the event happened on or before it"
DATE_LABELS = ("DATE", "TIME")
ADVERBIAL_DEPS = ("npadvmod", "tmod", "advmod", "obl", "poss")
OWN, OTHER, REPORTING = 0, 1, 2  # tiers, best first
# Characters before a year that are searched for a copyright marker.
COPYRIGHT_TOKENS = 8
COPYRIGHT_WINDOW = 20


@dataclass(frozen=True)
class Candidate:
    """A date expression in the sentence and the word it modifies."""

    span: Span
    anchor: Token
    adverbial: bool  # dates its anchor ("on Wednesday"), not just describes it ("the 2011 uprising")
    preposition: str | None = None

    @property
    def bounding(self) -> bool:
        """Under "until", "before", ...: a limit of the event, not its date."""
        return self.preposition is not None and self.preposition not in load_lexicon().event_prepositions


@dataclass(frozen=True, order=True)
class Ranked:
    """Sorts by tier, then dependency distance to the trigger, then distance in words."""

    tier: int
    distance: int
    offset: int
    candidate: Candidate = field(compare=False)


def find_event_date(sentence: Span, trigger: Token, pub_date: dt.date | None, future: bool = False) -> DateResolution:
    """The date of the event `trigger` denotes, from the expressions in `sentence`."""
    unused: DateResolution | None = None  # the best expression that names no date, to say why
    for ranked in sorted(_ranked(sentence, trigger)):
        cand = ranked.candidate
        if ranked.tier == REPORTING and future:
            continue
        reading = read_expression(cand.span.text, pub_date, future)
        where = (cand.span.text, (cand.span.start_char, cand.span.end_char))
        if cand.bounding or reading.reason in NOT_A_DATE:
            reason = f"{cand.preposition!r} bounds the event" if cand.bounding else reading.reason
            unused = unused or DateResolution(None, "unknown", *where, reason)
            continue
        if reading.date is None or ranked.tier == OWN:
            return DateResolution(reading.date, reading.precision, *where, reading.reason)
        if ranked.tier == OTHER:
            return DateResolution(reading.date, reading.precision, *where, BORROWED)
        return DateResolution(reading.date, _widened(reading.precision), *where, REPORTED)
    return unused or DateResolution(None, "unknown", None, None, NO_EXPRESSION)


def _widened(precision: str) -> str:
    """A statement's day is only an upper bound for the event: say "within that week"."""
    return "week" if precision == "day" else precision


def _ranked(sentence: Span, trigger: Token) -> list[Ranked]:
    own_clause = clause_head(trigger)
    reporting = load_lexicon().reporting_verbs
    ranked = []
    for cand in candidates(sentence):
        if not cand.adverbial and cand.anchor != trigger:
            continue
        clause = clause_head(cand.anchor)
        if clause == own_clause or _describes(clause, trigger):
            tier = OWN
        elif clause.lemma_.lower() in reporting:
            tier = REPORTING
        elif clause in trigger.ancestors:
            tier = OTHER
        else:
            continue  # a clause below or beside the trigger dates something else ("since 1979")
        ranked.append(Ranked(tier, tree_distance(trigger, cand.anchor), abs(cand.span.start - trigger.i), cand))
    return ranked


def _describes(clause: Token, trigger: Token) -> bool:
    """A participle or relative clause on a nominal trigger ("the attack carried out on Tuesday")."""
    return clause.dep_ in ("acl", "relcl") and clause.head == trigger


def candidates(sentence: Span) -> list[Candidate]:
    """Every date expression in the sentence that modifies some word, copyright years excluded."""
    found = []
    for span in _merge_parts(_date_spans(sentence)):
        attached = _attach(span)
        if attached is not None and not _is_copyright(attached.span):
            found.append(attached)
    return found


def _date_spans(sentence: Span) -> list[Span]:
    """DATE/TIME entities, plus weekday, month and "overnight"-like words the tagger missed."""
    lex = load_lexicon()
    spans = [ent for ent in entities(sentence) if ent.label_ in DATE_LABELS]
    covered = {t.i for ent in spans for t in ent}
    for token in sentence:
        if token.i in covered:
            continue
        word = token.lower_
        if (
            (token.is_title and word in lex.weekdays and len(word) > 3)
            or (token.is_title and word in lex.months and len(word) > 3 and token.dep_ == "pobj")
            or word in lex.relative
        ):
            spans.append(sentence.doc[token.i:token.i + 1])
    return sorted(spans, key=lambda s: s.start)


def _merge_parts(spans: list[Span]) -> list[Span]:
    """Join "the early hours" + "of Sunday" into one expression: the second completes the first."""
    merged: list[Span] = []
    for span in spans:
        root = span.root
        if merged and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head in merged[-1]:
            merged[-1] = span.doc[merged[-1].start:span.end]
        else:
            merged.append(span)
    return merged


def _attach(span: Span) -> Candidate | None:
    """Find the word the expression modifies, taking in a preposition just before it."""
    node = span.root
    while node.dep_ == "conj" and node.head.ent_type_ in DATE_LABELS:
        node = node.head  # "on Wednesday and Thursday": Thursday attaches where Wednesday does
    if node.dep_ == "ROOT" or node.head == node:
        return None
    if node.dep_ == "pobj":
        prep = node.head
        if prep.dep_ == "ROOT":
            return None
        if prep.i == span.start - 1:
            span = span.doc[prep.i:span.end]
        return Candidate(span, prep.head, adverbial=True, preposition=prep.lower_)
    return Candidate(span, node.head, adverbial=node.dep_ in ADVERBIAL_DEPS)


def _is_copyright(span: Span) -> bool:
    window = span.doc[max(span.sent.start, span.start - COPYRIGHT_TOKENS) : span.end]  # a Span: no whole-doc join
    text = window.text[-(COPYRIGHT_WINDOW + len(span.text)) :].lower()
    return any(marker in text for marker in load_lexicon().copyright_markers)


def clause_head(token: Token) -> Token:
    """The verb heading the clause `token` is in; "set to hold talks" counts as one clause."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    while node.dep_ == "xcomp" and node.head != node:
        node = node.head
    return node


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of the same sentence."""
    up_from_a = {t.i: steps for steps, t in enumerate([a, *a.ancestors])}
    for steps, t in enumerate([b, *b.ancestors]):
        if t.i in up_from_a:
            return steps + up_from_a[t.i]
    return len(up_from_a) + steps + 1
