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

Tier 1 also takes a date from a present participle describing one of the event's participants
("arrested 400 people protesting on Saturday": the protest and the arrests are simultaneous) and
from a "when" clause ("were killed when a bomber blew himself up on Wednesday").
A date inside a phrase that only bounds the event ("since the coup on February 1", "prior to
Friday's strikes") dates that other thing, never the event. The report's date (tier 2) is only
lent to what the report says happened: not to an act inside a relative clause or under a future
or modal verb ("he will launch an inquiry into an attack that killed ..."), which is older news.

The best expression that names a date wins even when it cannot be resolved (no publication date,
an invalid date): a worse tier never masks it. Durations, clock times and bounds ("until Friday")
name no date and are passed over. A borrowed (tier 1 or 2) date keeps a note in `reason` saying
where it came from; elsewhere `reason` is set only when `date` is None. A date after publication
is never lent to another clause ("is hosting a summit next week, as rebels have taken towns");
in its own clause it says the event is still to come.
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
AFTER_PUBLICATION = "a date after publication belongs to its own clause, not to this event"
DATE_LABELS = ("DATE", "TIME")
ADVERBIAL_DEPS = ("npadvmod", "tmod", "advmod", "obl", "poss")
PARTICIPANT_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj", "attr")
# Verbs of future or possibility: a report that something will or may be done dates no older act inside it.
MODAL_WORDS = frozenset({"will", "would", "shall", "should", "may", "might", "could", "can", "must"})
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
    enclosing: str | None = None  # the preposition above a noun anchor: "since" in "since the coup on Feb 1"

    @property
    def bounding(self) -> bool:
        """Under "until", "before", ...: a limit of the event, not its date."""
        return self.preposition is not None and self.preposition not in load_lexicon().event_prepositions

    @property
    def dates_a_bound(self) -> bool:
        """Dates a noun that only bounds the event: "since the coup on Feb 1", "prior to Friday's strikes"."""
        return self.enclosing in load_lexicon().bounding_prepositions


@dataclass(frozen=True, order=True)
class Ranked:
    """Sorts by tier, then dependency distance to the trigger, then distance in words."""

    tier: int
    distance: int
    offset: int
    candidate: Candidate = field(compare=False)


def find_event_date(sentence: Span, trigger: Token, pub_date: dt.date | None, future: bool = False,
                    reference: dt.date | None = None) -> DateResolution:
    """The date of the event `trigger` denotes, from the expressions in `sentence`.

    `reference` is the day the story last named, for "the previous day" or "later in the day".
    """
    lagged = _lagged_date(sentence, trigger, pub_date, reference)
    if lagged is not None:
        return lagged
    unused: DateResolution | None = None  # the best expression that names no date, to say why
    for ranked in sorted(_ranked(sentence, trigger)):
        cand = ranked.candidate
        if ranked.tier == REPORTING and future:
            continue
        reading = read_expression(cand.span.text, pub_date, future, reference)
        where = (cand.span.text, (cand.span.start_char, cand.span.end_char))
        if ranked.tier != OWN and not future and reading.date is not None and pub_date is not None and reading.date > pub_date:
            unused = unused or DateResolution(None, "unknown", *where, AFTER_PUBLICATION)
            continue
        if cand.bounding or (cand.anchor != trigger and cand.dates_a_bound) or reading.reason in NOT_A_DATE:
            if cand.bounding:
                reason = f"{cand.preposition!r} bounds the event"
            elif cand.anchor != trigger and cand.dates_a_bound:
                reason = f"dates what {cand.enclosing!r} refers to, which bounds the event"
            else:
                reason = reading.reason
            unused = unused or DateResolution(None, "unknown", *where, reason)
            continue
        if reading.date is None or ranked.tier == OWN:
            return DateResolution(reading.date, reading.precision, *where, reading.reason)
        if ranked.tier == OTHER:
            return DateResolution(reading.date, reading.precision, *where, BORROWED)
        return DateResolution(reading.date, _widened(reading.precision), *where, REPORTED)
    return unused or DateResolution(None, "unknown", None, None, NO_EXPRESSION)


def _lagged_date(sentence: Span, trigger: Token, pub_date: dt.date | None, reference: dt.date | None) -> DateResolution | None:
    """'Iran warned on Friday ..., a day after its forces shot down a drone': the drone fell a day
    before the nearest day named above the 'a day after' clause, whatever modal lies between."""
    own = clause_head(trigger)
    lag = _subordinate_lag(own)
    if not lag:
        return None
    above = [c for c in candidates(sentence) if clause_head(c.anchor) in own.ancestors and not c.bounding]
    for cand in sorted(above, key=lambda c: tree_distance(trigger, c.anchor)):
        reading = read_expression(cand.span.text, pub_date, False, reference)
        if reading.date is not None and reading.precision == "day":
            return DateResolution(reading.date + dt.timedelta(days=lag), "day", cand.span.text,
                                  (cand.span.start_char, cand.span.end_char), BORROWED)
    return None


LAG_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
LAG_MARKS = {"after": -1, "before": 1}  # "X, a day after Y": Y is a day before X


def _subordinate_lag(clause: Token) -> int:
    """Days from the governing clause's date to this clause's, for 'a day after', 'two days before'."""
    if clause.dep_ != "advcl":
        return 0
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark" and c.lower_ in LAG_MARKS), None)
    unit = next((c for c in clause.children if c.dep_ == "npadvmod" and c.lower_ in LAG_UNITS), None)
    if mark is None or unit is None:
        return 0
    count = next((c for c in unit.children if c.dep_ in {"det", "nummod"}), None)
    word = count.lower_ if count is not None else "a"
    number = int(word) if word.isdigit() else load_lexicon().numbers.get(word)
    return LAG_MARKS[mark] * number * LAG_UNITS[unit.lower_] if number else 0


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
        elif cand.anchor.pos_ in ("NOUN", "PROPN") and cand.anchor in trigger.ancestors and _relative(trigger):
            tier = OTHER  # "the bombing on Sunday, which killed 20 people": the noun's date is its clause's
        elif clause.lemma_.lower() in reporting:
            if not _reports(clause, trigger):
                continue
            tier = REPORTING
        elif ((clause in trigger.ancestors and _lends_to(clause, trigger)) or _describes_participant(clause, own_clause)
              or _at_the_same_time(clause, own_clause)):
            tier = OTHER
        else:
            continue  # a clause below or beside the trigger dates something else ("since 1979")
        ranked.append(Ranked(tier, tree_distance(trigger, cand.anchor), abs(cand.span.start - trigger.i), cand))
    return ranked


def _at_the_same_time(clause: Token, own_clause: Token) -> bool:
    """A "when" clause tells the same moment: "12 people were killed when a bomber blew himself up
    on Wednesday" (also when the parser hangs it on a verb coordinated with the event's)."""
    head = clause.head
    governs = head == own_clause or (head.dep_ == "conj" and head.head == own_clause)
    return clause.dep_ == "advcl" and governs and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in load_lexicon().simultaneous_marks for c in clause.children)


def _relative(trigger: Token) -> bool:
    """The trigger's clause describes a noun: a relative clause or a participle on it."""
    return clause_head(trigger).dep_ in ("relcl", "acl")


def _reports(verb: Token, trigger: Token) -> bool:
    """The reporting `verb` tells of the event itself, not of an older act mentioned inside what it
    reports: the path up from the trigger meets no relative clause and no future or modal verb.

    The verb governs the trigger, or it is an attribution after the quote that the parser hung
    below the quote's verb ('"We call on them to ...," the ministry tweeted yesterday').
    """
    if verb in trigger.ancestors:
        top = verb
    elif verb.dep_ in ("ccomp", "parataxis") and verb.i > trigger.i and verb.head in (trigger, *trigger.ancestors):
        top = verb.head
    else:
        return False
    return _lends_to(top, trigger, relative_clauses=False)


def _lends_to(clause: Token, trigger: Token, relative_clauses: bool = True) -> bool:
    """No future or modal verb (and, unless `relative_clauses`, no relative clause) lies between the
    trigger and the clause above it whose date would be lent."""
    for node in (trigger, *trigger.ancestors):
        if node != trigger and node.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in node.children):
            return False
        if node == clause:
            return True
        if node.dep_ == "relcl" and not relative_clauses:
            return False
    return True


def _describes_participant(clause: Token, own_clause: Token) -> bool:
    """A bare present participle on the event or one of its participants, which happens at the same
    time: "arrested 400 people protesting on Saturday" (however the parser hangs "protesting")."""
    if clause.tag_ != "VBG" or any(c.dep_ in ("aux", "mark") for c in clause.children):
        return False
    if clause.dep_ == "acl":
        return clause.head.dep_ in PARTICIPANT_DEPS and clause_head(clause.head) == own_clause
    return clause.dep_ in ("ccomp", "advcl") and clause.head == own_clause


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
    spans = [trimmed for ent in entities(sentence) if ent.label_ in DATE_LABELS and (trimmed := _trim(ent)) is not None]
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


def _trim(span: Span) -> Span | None:
    """Drop words the tagger swept into a date from the left: "[a minibus] earlier Thursday"."""
    start = span.start
    while start < span.end and span.doc[start].pos_ in ("NOUN", "PROPN", "DET") and not _date_word(span.doc[start]):
        start += 1
    while start > span.start and span.doc[start - 1].pos_ == "DET":
        start -= 1  # "a day", "that night": the determiner belongs to the date word
    return span.doc[start:span.end] if start < span.end else None


def _date_word(token: Token) -> bool:
    lex = load_lexicon()
    word = token.lower_.rstrip(".")
    return (token.like_num or word in lex.weekdays or word in lex.months or word in lex.time_of_day
            or word in lex.unit_minutes or word.rstrip("s") in lex.unit_minutes or word in ("the", "weekend")
            or any(word in phrase.split() for phrase in lex.relative))


def _merge_parts(spans: list[Span]) -> list[Span]:
    """Join "the early hours" + "of Sunday" and "Wednesday" + "afternoon" into one expression: the
    second completes the first."""
    merged: list[Span] = []
    for span in spans:
        root = span.root
        if merged and ((root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head in merged[-1])
                       or span.start == merged[-1].end):
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
            if prep.i > prep.sent.start and prep.nbor(-1).lower_ in load_lexicon().time_of_day:
                span = span.doc[prep.i - 1:span.end]  # "late on Saturday"
        return Candidate(span, prep.head, adverbial=True, preposition=prep.lower_, enclosing=_enclosing(prep.head))
    # "overnight attacks": a relative time word on a noun dates it, as "Wednesday's attacks" does
    adverbial = node.dep_ in ADVERBIAL_DEPS or (node.dep_ == "amod" and span.text.lower() in load_lexicon().relative)
    return Candidate(span, node.head, adverbial=adverbial, enclosing=_enclosing(node.head))


def _enclosing(anchor: Token) -> str | None:
    """The preposition governing a noun anchor ("since" for "since the coup on Feb 1"), if any."""
    node = anchor
    while node.pos_ in ("NOUN", "PROPN", "PRON") and node.dep_ in ("compound", "conj", "appos"):
        node = node.head
    if node.pos_ in ("NOUN", "PROPN", "PRON") and node.dep_ == "pobj":
        prep = node.head
        while prep.dep_ == "pcomp" or (prep.dep_ == "prep" and prep.head.pos_ == "ADP"):
            prep = prep.head  # "prior to", "ahead of", "because of"
        if prep.head.pos_ in ("ADV", "ADJ") and prep.head.dep_ in ("advmod", "amod"):
            return f"{prep.head.lower_} {prep.lower_}"  # "prior to", "ahead of"
        return prep.lower_
    return None


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
