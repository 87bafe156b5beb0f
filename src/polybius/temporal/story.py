"""The day a story is telling, as it reads on from sentence to sentence.

Wire copy names a day once and then goes on in the past tense: "Violence erupted on Wednesday
afternoon. At least six people were shot dead when soldiers fired on the crowd." The second
sentence has no date of its own, but it continues the first. `StoryClock` follows the story:

* the reference day is the last day the story named (in its main clause, else in one of its
  events); "the previous day", "later in the day" and "at dawn" are read against it;
* an event with no date expression of its own continues the reference day when the sentence
  right before named it (or continued it), the event is told in the simple past ("fired",
  "were shot"), as done, and the sentence carries no date or background word of its own
  ("earlier", "already", "in 2011"): perfect tenses, present tenses and background paragraphs
  break the chain.

* the lead (the story's first full sentence) tells the news of the report: its undated acts in
  the simple past or the news perfect ("have been detained") happened on or shortly before
  publication, so they take the publication day with week precision;
* a later sentence that dates an act the story already told ("Casualty claims in the fighting,
  which happened on Thursday, ...", "The attack took place on Tuesday") dates the undated events
  of that kind told before it (`backdate`).

Without a publication date relative days never resolve, so nothing is continued either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from polybius.coding.patterns import load_patterns
from polybius.models import UNREALISED, Event, Status
from polybius.parse import entities
from polybius.temporal.attach import DATE_LABELS, NO_EXPRESSION, clause_head, find_event_date
from polybius.temporal.expressions import DateResolution
from polybius.temporal.lexicon import load_lexicon

CONTINUED = "continues the day named in the sentence before"
LEAD = "told undated in the story's lead: on or shortly before publication"
LEAD_MIN_WORDS = 10  # a lead is a full sentence, not a headline or a caption
HEADLINE = "told undated in the story's headline (present tense): on or shortly before publication"
HEADLINE_MAX_WORDS = 20
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
NOT_DONE = frozenset({Status.HYPOTHETICAL, Status.NEGATED, Status.DENIED, Status.PLANNED})
PAST_TAGS = frozenset({"VBD"})


@dataclass
class StoryClock:
    """Follows the reference day of one article: date each sentence's events with `date_of`, then
    `advance` past the sentence."""

    pub_date: dt.date | None
    day: dt.date | None = None  # the day the story last named
    day_text: str | None = None
    fresh: bool = False  # the sentence before named (or continued) `day`
    continued: bool = False  # an event of the current sentence continued `day`
    sentences_read: int = 0
    lead_read: bool = False  # the story's first full sentence, its lead, is behind us
    lead_index: int | None = None  # the lead sentence whose undated acts took the publication week
    # (sentence index, CAMEO roots of the act, day, its text): "the fighting, which happened on Thursday"
    told_later: list[tuple[int, frozenset[str], dt.date, str | None]] = field(default_factory=list)

    def date_told(self, sentence: Span, when: Token, act: Token, status: Status) -> tuple[DateResolution, Status]:
        """The date of an act dated by the clause `when` (its own clause `act`, or the statement that
        tells it), and its status once dated: an act dated after the report ("next week's summit") is
        planned; a date borrowed from another clause says nothing of an act that did not happen."""
        resolution = self.date_of(sentence, when, status)
        if resolution.date is None and when != act:
            # "Japan said on Monday it will send aid": the parser may hang the statement's day on the act
            resolution = self.date_of(sentence, act, status)
        if resolution.date is not None and resolution.reason and status in UNREALISED and when == act:
            resolution = DateResolution(None, "unknown", None, None, "a borrowed date says nothing of an event that did not happen")
        if status in {Status.ASSERTED, Status.CLAIMED} and resolution.date is not None and self.pub_date is not None \
                and resolution.date > self.pub_date:
            status = Status.PLANNED
        return resolution, status

    def date_of(self, sentence: Span, trigger: Token, status: Status) -> DateResolution:
        """The event's own date (see `find_event_date`), else the story's day where it continues."""
        resolution = find_event_date(sentence, trigger, self.pub_date, future=status is Status.PLANNED,
                                     reference=self.day)
        clause = clause_head(trigger)
        if (resolution.reason != NO_EXPRESSION or status in NOT_DONE or _has_time_words(sentence)
                or _in_relative_clause(clause)):
            return resolution
        if self.fresh and self.day is not None and _simple_past(clause):
            self.continued = True
            return DateResolution(self.day, "day", self.day_text, None, CONTINUED)
        if not self.lead_read and self.pub_date is not None and _is_lead(sentence) and (_simple_past(clause) or _perfect(clause)):
            # the lead tells the news of the report: it happened on or shortly before publication
            self.lead_index = self.sentences_read
            return DateResolution(self.pub_date, "week", None, None, LEAD)
        if not self.lead_read and self.pub_date is not None and _is_headline(sentence) and trigger == clause and _headline_present(clause):
            # "Armenian PM resigns amid protests", "UN chief launches inquiry": the headline's news is the report's
            return DateResolution(self.pub_date, "week", None, None, HEADLINE)
        return resolution

    def advance(self, sentence: Span, events: list[Event]) -> None:
        """Move on to the day this sentence names, if it names one."""
        named = self._named_day(sentence, events)
        self.told_later.extend((self.sentences_read, roots, day, text) for roots, day, text in self._dated_mentions(sentence))
        if named is not None:
            self.day, self.day_text = named
        self.fresh = named is not None or self.continued
        self.continued = False
        self.sentences_read += 1
        self.lead_read = self.lead_read or _is_lead(sentence)

    def backdate(self, events: list[Event]) -> list[Event]:
        """Undated acts told before a sentence that says when an act of their kind happened take its day."""
        if not self.told_later:
            return events
        out = []
        for event in events:
            mention = next((m for m in self.told_later if event.sentence_index < m[0] and event.cameo.root in m[1]), None)
            only_the_week = event.sentence_index == self.lead_index and event.date_precision == "week" and not event.date_text
            undated = event.date is None and event.unresolved.get("date") == NO_EXPRESSION
            if mention is None or event.status in NOT_DONE or not (undated or only_the_week):
                out.append(event)
                continue
            out.append(event.model_copy(update={
                "date": mention[2], "date_precision": "day", "date_text": mention[3],
                "unresolved": {k: v for k, v in event.unresolved.items() if k != "date"}}))
        return out

    def _dated_mentions(self, sentence: Span) -> list[tuple[frozenset[str], dt.date, str | None]]:
        """Definite event nouns said to have happened on a day: "the fighting, which happened on
        Thursday", "the attack took place on Tuesday"."""
        found = []
        for noun in sentence:
            if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
                continue
            roots = _event_roots(noun.lemma_.lower())
            verb = _occurrence(noun)
            if not roots or verb is None:
                continue
            when = find_event_date(sentence, verb, self.pub_date, reference=self.day)
            if when.date is not None and when.precision == "day" and when.reason is None:
                found.append((roots, when.date, when.text))
        return found

    def _named_day(self, sentence: Span, events: list[Event]) -> tuple[dt.date, str | None] | None:
        """The day of the sentence's last dated event, else of its main clause ("Erdogan said on
        Saturday that ..."): a statement's day yields to the day of the acts it reports."""
        dated = [e for e in events if e.date is not None and e.date_precision == "day" and e.status not in NOT_DONE]
        if dated:
            return dated[-1].date, dated[-1].date_text
        main = find_event_date(sentence, sentence.root, self.pub_date, reference=self.day)
        if main.date is not None and main.precision == "day" and main.reason is None:
            return main.date, main.text
        return None


def _event_roots(lemma: str) -> frozenset[str]:
    """The CAMEO roots an event noun can code ("fighting" -> 19), from the coding dictionary."""
    return frozenset(p.code[:2] for p in load_patterns().nouns.get(lemma, ()) if p.code)


def _occurrence(noun: Token) -> Token | None:
    """The verb saying the act happened: its relative clause ("which happened") or the noun's own
    verb as subject ("the attack took place")."""
    occurring = load_lexicon().occurrence_verbs
    verbs = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if noun.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(noun.head)
    follower = noun.doc[noun.i + 2] if noun.i + 2 < noun.sent.end and noun.nbor(1).is_punct else (
        noun.nbor(1) if noun.i + 1 < noun.sent.end else None)
    if follower is not None and follower.lower_ in ("which", "that") and follower.head.dep_ == "relcl":
        verbs.append(follower.head)  # "the fighting, which happened ...", however the parser hung the clause
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in occurring or (lemma == "take" and any(c.lower_ == "place" for c in verb.children)):
            return verb
    return None


def _has_time_words(sentence: Span) -> bool:
    """The sentence has a time frame of its own: a date, or a word that sets it in the background."""
    lex = load_lexicon()
    return any(ent.label_ in DATE_LABELS for ent in entities(sentence)) or any(
        t.lower_ in lex.background_words or t.lower_ in lex.weekdays or t.lower_ in lex.relative for t in sentence)


def _is_lead(sentence: Span) -> bool:
    """A full sentence of prose, ending as sentences do (headlines and tickers do not)."""
    words = [t for t in sentence if t.is_alpha]
    return len(words) >= LEAD_MIN_WORDS and sentence.text.rstrip().endswith((".", '."', ".'", ".\u201d"))


def _is_headline(sentence: Span) -> bool:
    """A short line at the top that does not end as a sentence does: a headline."""
    words = [t for t in sentence if t.is_alpha]
    return 2 <= len(words) <= HEADLINE_MAX_WORDS and not sentence.text.rstrip().endswith((".", '."', ".'", ".\u201d", "?", "!"))


def _headline_present(clause: Token) -> bool:
    """Headlines tell the news in the present tense ("resigns", "launches"); an act named by a noun
    in them ("mission into prison attack") may be older news."""
    return clause.tag_ in ("VBZ", "VBP")


def _perfect(verb: Token) -> bool:
    """ "have been detained", "has seized": the news perfect."""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _in_relative_clause(clause: Token) -> bool:
    """ "a tribe who met a commander", "the rebels the army clashed with": background description."""
    return any(node.dep_ in ("relcl", "acl") for node in (clause, *clause.ancestors))


def _simple_past(verb: Token) -> bool:
    """ "fired", "were shot", "was arrested": told as done, not as background ("had fled", "have
    killed") nor as ongoing ("are fleeing")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" or a.lower_ in ("will", "would", "shall", "may", "might", "can", "could")
           for a in auxiliaries):
        return False
    if verb.tag_ in PAST_TAGS:
        return True
    return verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxiliaries)
