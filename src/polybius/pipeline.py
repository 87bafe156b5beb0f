"""The extraction pipeline: clean → parse → code → actors → claims → time → place → counts.

The pipeline only orchestrates: each stage's logic lives in its package (`actors.context`,
`geo.placing`, `claims.conflicts`, `coding.mentions`, ...).

One `Pipeline` per process holds the spaCy model and the dictionaries; `run` streams articles
through `nlp.pipe` and returns one `ArticleResult` per article, never raising on bad content.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from polybius.actors import resolver_for
from polybius.actors.context import ArticleActors, article_countries, is_own_word
from polybius.actors.dating import on_event_date
from polybius.claims import ClaimAssessor
from polybius.claims.conflicts import link_conflicting_claims
from polybius.clean import CleanText, clean_text
from polybius.clean.language import not_english
from polybius.coding.coder import CodedAction, EventCoder
from polybius.coding.mentions import continue_date, merge_sentence_mentions
from polybius.coding.ontology import to_models
from polybius.coding.refine import Told, as_told, refine_code
from polybius.dictionaries import DictionarySet
from polybius.dictionaries.user import pattern_book
from polybius.geo import Geocoder
from polybius.geo.placing import ArticlePlaces, place_by_doers, place_by_story
from polybius.models import Actor, Article, ArticleResult, Attribution, Event, Location
from polybius.numbers import book_once, event_counts
from polybius.parse import load_nlp, parse_texts, reattach_reported_circumstances
from polybius.temporal import StoryClock



@dataclass
class ArticleContext:
    """One article as its sentences are coded: its text map, main country, actors and places."""

    article: Article
    clean: CleanText
    home: str | None  # the country most of the article is about, when one dominates
    actors: ArticleActors
    places: ArticlePlaces
    clock: StoryClock  # the day the story is telling, sentence by sentence


@cache
def shared_pipeline(model: str | None = None) -> "Pipeline":
    """One pipeline per process and model, for callers that extract one text at a time."""
    return Pipeline(model=model)


class Pipeline:
    def __init__(self, model: str | None = None, nlp: Language | None = None, dictionaries: DictionarySet | None = None):
        """`dictionaries`: the dictionaries to load (default: the settings, POLYBIUS_PHOENIX/_ACTORS/_AGENTS/_VERBS)."""
        self.nlp = nlp or load_nlp(model)
        chosen = dictionaries if dictionaries is not None else DictionarySet.from_env()
        self.coder = EventCoder(pattern_book(chosen.verbs))
        self.claims = ClaimAssessor()
        self.resolver = resolver_for(chosen)
        self.geocoder = Geocoder()

    # -- public API -------------------------------------------------------------------------
    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        prepared: deque[tuple[Article, CleanText | None, str | None]] = deque()

        def texts() -> Iterator[str]:
            for article in articles:
                cleaned, problem = self._prepare(article)
                prepared.append((article, cleaned, problem))
                yield cleaned.text if cleaned is not None else ""

        for doc in parse_texts(self.nlp, texts(), batch_size=batch_size):
            article, cleaned, problem = prepared.popleft()
            if cleaned is None:
                yield ArticleResult(article_id=article.article_id, warnings=[problem] if problem else [])
                continue
            yield self._safe_extract(article, cleaned, doc, problem)

    def extract(self, article: Article) -> ArticleResult:
        return next(self.run([article]))

    # -- stages ------------------------------------------------------------------------------
    def _prepare(self, article: Article) -> tuple[CleanText | None, str | None]:
        cleaned = clean_text(article.text, is_word=self.nlp.vocab.strings.__contains__)
        if not cleaned.text.strip():
            return None, "no article text left after removing page furniture"
        reason = not_english(cleaned.text)
        if reason is not None:
            return None, reason
        return cleaned, None

    def _safe_extract(self, article: Article, cleaned: CleanText, doc: Doc, warning: str | None) -> ArticleResult:
        warnings = [warning] if warning else []
        source = "metadata" if article.pub_date is not None else None
        if article.pub_date is None and cleaned.dateline is not None and cleaned.dateline.day is not None:
            # a page with no metadata: its own date line or dateline gives the publication day
            article, source = article.model_copy(update={"pub_date": cleaned.dateline.day}), "dateline"
            warnings.append(f"no publication date given: dated against the page's own {cleaned.dateline.day_text!r}")
        try:
            events = self._extract(article, cleaned, doc)
        except Exception as err:  # one broken article must not stop a batch
            return ArticleResult(article_id=article.article_id, error=f"extraction failed: {type(err).__name__}: {err}")
        return ArticleResult(article_id=article.article_id, events=events, sentences=sum(1 for _ in doc.sents),
                             pub_date=article.pub_date, pub_date_source=source, warnings=warnings)

    def _extract(self, article: Article, cleaned: CleanText, doc: Doc) -> list[Event]:
        reattach_reported_circumstances(doc, self.claims.is_reporting_verb)
        countries, home = article_countries(self.resolver, doc, article.pub_date)
        places = ArticlePlaces(self.geocoder, self.resolver, cleaned, article.text, countries)
        context = ArticleContext(
            article, cleaned, places.story_country(home),
            ArticleActors(self.resolver, self.claims, cleaned, article.pub_date, countries),
            places,
            StoryClock(article.pub_date),
        )
        events: list[Event] = []
        previous: list[Event] = []
        for index, sentence in enumerate(doc.sents):
            found = [continue_date(event, sentence, previous) for event in merge_sentence_mentions(self._sentence_events(context, index, sentence))]
            events.extend(found)
            previous = found or previous
            context.clock.advance(sentence, found)
            context.actors.remember_speaker(sentence)
        story_places = lambda: context.places.story_places(doc, context.home, self.claims.is_reporting_verb)  # noqa: E731
        events = context.clock.backdate(events)
        events = place_by_story(events, context.home, story_places)
        events = place_by_doers(events, self.coder.book.rules.domestic_place_roots, context.places.country_of)
        return link_conflicting_claims(book_once(events))

    # -- one sentence -----------------------------------------------------------------------
    def _sentence_events(self, context: ArticleContext, index: int, sentence: Span) -> list[Event]:
        events: list[Event] = []
        rules = self.coder.book.rules
        for action in self.coder.code_sentence(sentence):
            claim = self.claims.assess(action.clause_head, sentence)
            attribution, speaker_actor = context.actors.attribution(claim, sentence)
            location, place_reason = context.places.place_of(sentence, action, rules.visit_codes)
            pairs = context.actors.participants(action, sentence, speaker_actor, location, context.home, rules)
            if not pairs:
                continue  # an event nobody can be named for is of no use to an analyst
            own_word = attribution is not None and is_own_word(attribution, [source for source, _ in pairs])
            told = as_told(rules, action, claim, attribution is not None, own_word, self.claims.statement_of(claim))
            for source, target in pairs:
                events.append(self._event(context, index, sentence, action, told, source, target, attribution, location, place_reason))
        return events

    def _event(self, context: ArticleContext, index: int, sentence: Span, action: CodedAction, told: Told, source: Actor,
               target: Actor, attribution: Attribution | None, location: Location | None, place_reason: str | None) -> Event:
        """One event record, dated by the clause `told.when` (the act's, or the statement's)."""
        article = context.article
        resolution, status = context.clock.date_told(sentence, told.when, action.clause_head, told.status)
        # a named person's office is the one held on the event's own date, not on the publication date
        source, target = (on_event_date(self.resolver, actor, resolution.date, article.pub_date) for actor in (source, target))
        code = refine_code(self.coder.book.rules, self.resolver, action, told.code, source, target)
        cameo, plover, acled = to_models(code)
        counts = event_counts(action.clause_head, action.trigger)
        words = [t for t in sentence if not t.is_space]
        sent_span = context.clean.to_original(words[0].idx, words[-1].idx + len(words[-1].text))
        first, last = sentence.doc[action.evidence[0]], sentence.doc[action.evidence[1] - 1]
        trigger_span = context.clean.to_original(first.idx, last.idx + len(last.text))
        identity = f"{article.article_id}|{index}|{action.trigger.i}|{source.char_span}|{target.char_span}"
        date_span = resolution.char_span
        return Event(
            event_id=hashlib.sha1(identity.encode()).hexdigest()[:16],
            article_id=article.article_id,
            sentence_index=index,
            sentence=article.text[sent_span[0] : sent_span[1]],
            char_span=sent_span,
            trigger=article.text[trigger_span[0] : trigger_span[1]],
            trigger_span=trigger_span,
            cameo=cameo,
            plover=plover,
            acled=acled,
            source=source,
            target=target,
            attribution=attribution,
            status=status,
            date=resolution.date,
            date_precision=resolution.precision if resolution.date else "unknown",
            date_text=resolution.text if date_span is None else article.text[slice(*context.clean.to_original(*date_span))],
            location=location,
            fatalities=counts.fatalities,
            injured=counts.injured,
            numbers_text=counts.texts,
            confidence=_confidence(action, source, target),
            unresolved={key: why for key, why in (("date", None if resolution.date else resolution.reason or "no date expression for this event"),
                                                  ("location", None if location else place_reason)) if why},
        )


def _confidence(action: CodedAction, source: Actor, target: Actor) -> float:
    """A transparent heuristic: resolved actors and verbal triggers raise confidence."""
    score = 0.4
    score += 0.2 if source.country or source.code else 0.0
    score += 0.15 if target.country or target.code else 0.0
    score += 0.15 if not action.nominal else 0.05
    return round(min(score, 0.95), 2)
