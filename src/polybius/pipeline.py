"""The extraction pipeline: clean → parse → code → actors → claims → time → place → counts.

One `Pipeline` per process holds the spaCy model and the dictionaries; `run` streams articles
through `nlp.pipe` and returns one `ArticleResult` per article, never raising on bad content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.actors import ResolvedActor, default_resolver
from polybius.claims import Claim, ClaimAssessor
from polybius.clean import CleanText, clean_text
from polybius.clean.language import english_score
from polybius.coding import syntax
from polybius.coding.coder import PRONOUNS, CodedAction, EventCoder
from polybius.coding.ontology import to_models
from polybius.geo import Geocoder
from polybius.locate import PlacePhrase, dateline, event_places, story_place_phrases
from polybius.models import Actor, Article, ArticleResult, Attribution, Event, Location, Status
from polybius.numbers import event_counts
from polybius.parse import load_nlp
from polybius.temporal import DateResolution, find_event_date

MAX_CONJUNCTS = 3
HOME_SHARE = 0.7  # an article is about one country when 70% of its country mentions name it
PRECISION_RANK = {"country": 1, "admin1": 2, "admin2": 3, "city": 4, "point": 5}
FUTURE_STATUSES = {Status.PLANNED}
# Verbal acts (QuadClass 1 and 3): when the speaker is the actor, saying it is doing it.
MATERIAL_ROOTS = {"14", "15", "17", "18", "19", "20"}
VERBAL_ROOTS = {"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"}
UNREALISED_STATUSES = {Status.HYPOTHETICAL, Status.NEGATED, Status.DENIED}


@dataclass
class ArticleContext:
    """What the later sentences of an article need from the earlier ones."""

    article: Article
    clean: CleanText
    countries: list[str]
    home: str | None = None  # the country most of the article is about, when one dominates
    last_speaker: tuple[Token, Actor] | None = None
    by_head: dict[str, Actor] = field(default_factory=dict)


@cache
def shared_pipeline(model: str | None = None) -> "Pipeline":
    """One pipeline per process and model, for callers that extract one text at a time."""
    return Pipeline(model=model)


class Pipeline:
    def __init__(self, model: str | None = None, nlp: Language | None = None):
        self.nlp = nlp or load_nlp(model)
        self.coder = EventCoder()
        self.claims = ClaimAssessor()
        self.resolver = default_resolver()
        self.geocoder = Geocoder()

    # -- public API -------------------------------------------------------------------------
    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        prepared: list[tuple[Article, CleanText | None, str | None]] = []

        def texts() -> Iterator[str]:
            for article in articles:
                cleaned, problem = self._prepare(article)
                prepared.append((article, cleaned, problem))
                yield cleaned.text if cleaned is not None else ""

        for doc in self.nlp.pipe(texts(), batch_size=batch_size):
            article, cleaned, problem = prepared.pop(0)
            if cleaned is None:
                yield ArticleResult(article_id=article.article_id, warnings=[problem] if problem else [])
                continue
            yield self._safe_extract(article, cleaned, doc, problem)

    def extract(self, article: Article) -> ArticleResult:
        return next(self.run([article]))

    # -- stages ------------------------------------------------------------------------------
    def _prepare(self, article: Article) -> tuple[CleanText | None, str | None]:
        cleaned = clean_text(article.text)
        if not cleaned.text.strip():
            return None, "no article text left after removing page furniture"
        score = english_score(cleaned.text)
        if score is not None and score < 0.12:
            return None, f"text does not look like English (function-word share {score:.2f}); no events extracted"
        return cleaned, None

    def _safe_extract(self, article: Article, cleaned: CleanText, doc: Doc, warning: str | None) -> ArticleResult:
        try:
            events = self._extract(article, cleaned, doc)
        except Exception as err:  # one broken article must not stop a batch
            return ArticleResult(article_id=article.article_id, error=f"extraction failed: {type(err).__name__}: {err}")
        return ArticleResult(article_id=article.article_id, events=events, sentences=sum(1 for _ in doc.sents),
                             warnings=[warning] if warning else [])

    def _extract(self, article: Article, cleaned: CleanText, doc: Doc) -> list[Event]:
        countries, home = self._article_countries(doc, article.pub_date)
        context = ArticleContext(article, cleaned, countries, home)
        events: list[Event] = []
        previous: list[Event] = []
        for index, sentence in enumerate(doc.sents):
            found = [_continue_date(event, sentence, previous) for event in merge_sentence_mentions(self._sentence_events(context, index, sentence))]
            events.extend(found)
            previous = found or previous
            self._remember_speaker(context, sentence)
        return link_conflicting_claims(place_by_story(events, home, lambda: self._story_places(context, doc)))

    def _article_countries(self, doc: Doc, on_date: dt.date | None) -> tuple[list[str], str | None]:
        """Countries the article is about, most mentioned first, and the one that dominates it."""
        counts: Counter[str] = Counter()
        for entity in doc.ents:
            if entity.label_ in {"GPE", "NORP", "LOC"}:
                country = self.resolver.resolve(entity.text, on_date).country
                if country:
                    counts[country] += 1
        ranked = counts.most_common()
        home = ranked[0][0] if ranked and ranked[0][1] >= HOME_SHARE * sum(counts.values()) else None
        return [country for country, _ in ranked], home

    def _story_places(self, context: ArticleContext, doc: Doc) -> list[Location]:
        """Precise places of the home country: the dateline, then those named outside reporting frames."""
        if context.home is None:
            return []
        found = []
        filed = dateline(context.clean.text)
        phrases = [filed] if filed is not None else []
        for sentence in doc.sents:
            phrases += story_place_phrases(sentence, self.claims.is_reporting_verb)
        for phrase in phrases:
            location = self._geocode(context, phrase)
            if location is not None and location.country == context.home and location.precision in {"city", "admin1", "admin2"}:
                found.append(location)
        return found

    def _geocode(self, context: ArticleContext, phrase: PlacePhrase) -> Location | None:
        """Geocode a place phrase; the location's text and span point into the original article."""
        query = phrase.text
        if phrase.demonym is not None:
            # "the Tunisian capital": the capital of the country the adjective names
            country = self.resolver.resolve(phrase.demonym).country
            place = self.geocoder.gazetteer.country(country) if country else None
            query = f"capital of {place.name}" if place is not None else ""
        location = self.geocoder.geocode(query, context.countries)
        if location is None:
            return None
        span = context.clean.to_original(*phrase.char_span)
        return location.model_copy(update={"text": context.article.text[span[0] : span[1]], "char_span": span})

    # -- one sentence -----------------------------------------------------------------------
    def _sentence_events(self, context: ArticleContext, index: int, sentence: Span) -> list[Event]:
        events: list[Event] = []
        for action in self.coder.code_sentence(sentence):
            claim = self.claims.assess(action.clause_head, sentence)
            attribution, speaker_actor = self._attribution(context, claim, sentence)
            location, place_reason = self._locate(context, sentence, action)
            local = self.coder.book.rules.non_local_words
            setting = location.country if location is not None and location.country else context.home
            sources = [_situate(a, setting, local) for a in self._actors(context, action.source, sentence, speaker_actor, claim)]
            targets = [_situate(a, setting, local) for a in self._actors(context, action.target, sentence, speaker_actor, claim)]
            if not any(a.country or a.code for a in sources + targets):
                continue  # an event nobody can be named for is of no use to an analyst
            if action.code[:2] in MATERIAL_ROOTS:
                targets = [_situate(a, setting, local, places=True) for a in targets]
            pairs = [(s, t) for s in sources for t in targets]
            if action.target is None and len(sources) > 1 and action.code in self.coder.book.rules.symmetric_codes:
                pairs = [(s, t) for s in sources for t in sources if s is not t]  # "Iran and Iraq signed"
            status = claim.status
            code = action.code
            intent = self._intent_code(action, claim)
            if intent is not None:
                # "said he was willing to meet Trump": the event is the expressed intent (036).
                code, status = intent, Status.ASSERTED
            if status is Status.ASSERTED and attribution is not None and not (code[:2] in VERBAL_ROOTS and _is_own_word(attribution, sources)):
                status = Status.CLAIMED
            for source, target in pairs:
                if source.code and source.code == target.code and source.name == target.name:
                    continue
                events.append(self._event(context, index, sentence, action, code, source, target, attribution, status, location, place_reason))
        return events

    def _attribution(self, context: ArticleContext, claim: Claim, sentence: Span) -> tuple[Attribution | None, Actor | None]:
        if claim.speaker is not None:
            actor = self._actor(context, claim.speaker, sentence, None)
            return self._as_attribution(actor), actor
        if context.last_speaker is not None and _is_quote_only(sentence):
            actor = context.last_speaker[1]
            return self._as_attribution(actor), actor
        return None, None

    def _as_attribution(self, actor: Actor) -> Attribution:
        return Attribution(
            text=actor.text or "",
            code=actor.code,
            country=actor.country,
            char_span=actor.char_span,
        )

    def _remember_speaker(self, context: ArticleContext, sentence: Span) -> None:
        for token in sentence:
            if self.claims.is_reporting_verb(token):
                speaker = self.claims.speaker_of(token)
                if speaker is not None:
                    actor = self._actor(context, speaker, sentence, context.last_speaker[1] if context.last_speaker else None)
                    context.last_speaker = (speaker, actor)
                    return

    def _actors(self, context: ArticleContext, head: Token | None, sentence: Span, speaker: Actor | None, claim: Claim) -> list[Actor]:
        if head is None:
            return [Actor()]
        heads = syntax.conjuncts(head)[:MAX_CONJUNCTS]
        return [self._actor(context, h, sentence, speaker) for h in heads]

    def _actor(self, context: ArticleContext, head: Token, sentence: Span, speaker: Actor | None) -> Actor:
        tokens = syntax.phrase_tokens(head)
        split = syntax.split_subject_tokens(head)
        if split:
            tokens = sorted({*tokens, *split}, key=lambda t: t.i)
        text = syntax.text_of(tokens)
        start, end = syntax.span_of(tokens)
        span = context.clean.to_original(start, end)
        resolved = self._resolve_phrase(head, tokens, text, context, split=bool(split))
        if resolved.country is not None and resolved.sector is None and resolved.name is None and (
                (head.ent_type_ == "GPE" and head.dep_ != "amod") or (head.pos_ == "NOUN" and not head.ent_type_)):
            # A state named as an agent ("Iran released", "talks with Pakistan") is its government, and so is
            # the state behind a thing it owns ("rejected France's plan", "Pakistani claims").
            resolved = ResolvedActor(resolved.country, "GOV", f"{resolved.country}GOV", resolved.name, resolved.matched)
        actor = _to_actor(text, span, resolved)
        head_lemma = head.lemma_.lower()
        if actor.country is None and _is_definite(head):
            # "The ministry said ..." after "Russia's defense ministry": the same ministry.
            earlier = context.by_head.get(head_lemma)
            if earlier is not None:
                return earlier.model_copy(update={"text": text, "char_span": span})
        if actor.country is not None and actor.sector is not None and head.ent_type_ not in {"PERSON", "GPE", "NORP"}:
            context.by_head[head_lemma] = actor
        if actor.country is None and actor.code is None or _has_pronoun(tokens):
            antecedent = self._antecedent(head, tokens, sentence, speaker, context)
            if antecedent is not None and (antecedent.country or antecedent.code):
                if head.lower_ in PRONOUNS:
                    return antecedent.model_copy(update={"text": text, "char_span": span})
                actor = actor.model_copy(update={
                    "country": actor.country or antecedent.country,
                    "sector": actor.sector or antecedent.sector,
                    "code": _join_code(actor.country or antecedent.country, actor.sector or antecedent.sector) if antecedent.country else antecedent.code,
                })
        return actor

    def _resolve_phrase(self, head: Token, tokens: list[Token], text: str, context: ArticleContext, split: bool = False) -> ResolvedActor:
        """The head's own phrase decides the sector; an 'of' complement may only add the country.

        'opponents of Syrian President Bashar Assad' is the Syrian opposition, not Assad.
        """
        on_date = context.article.pub_date
        if split:  # a subject the parser split in pieces: resolve it whole
            return self.resolver.resolve(text, on_date)
        bare = self.resolver.resolve(syntax.text_of(syntax.phrase_tokens(head, with_of=False, with_appos=False)), on_date)
        if bare.country is not None or bare.sector == "IGO":
            return bare  # "Moscow, a key Assad ally" is Moscow
        core = self.resolver.resolve(syntax.text_of(syntax.phrase_tokens(head, with_of=False)), on_date)
        if core.country is not None or core.sector == "IGO":
            return core  # "a rebel group, Suqur al-Jabal": the apposition names it
        if core.sector is not None:
            country = self.resolver.resolve(text, on_date).country
            if country is None and syntax.of_complement_tokens(head):
                country = self.resolver.resolve(syntax.text_of(syntax.of_complement_tokens(head)), on_date).country
            return ResolvedActor(country, core.sector, _join_code(country, core.sector) or core.code, core.name, core.matched)
        resolved = self.resolver.resolve(text, on_date)
        if resolved.empty and head.dep_ == "pobj":
            resolved = self._resolve_within(head, context) or resolved
        return resolved

    def _resolve_within(self, head: Token, context: ArticleContext) -> ResolvedActor | None:
        """An unresolvable phrase ('the information that Russia's strikes ...'): its first actor."""
        for token in head.subtree:
            if token == head or token.ent_type_ not in {"GPE", "NORP", "ORG", "PERSON"}:
                continue
            resolved = self.resolver.resolve(token.text, context.article.pub_date)
            if resolved.country or resolved.code:
                return resolved
        return None

    def _antecedent(self, head: Token, tokens: list[Token], sentence: Span, speaker: Actor | None, context: ArticleContext) -> Actor | None:
        """Pronouns: 'we/our' and 'he' inside reported speech are the speaker; 'its/their' the sentence's subject."""
        pronoun = next((t for t in tokens if t.lower_ in PRONOUNS), None)
        if pronoun is None:
            return None
        if speaker is not None:
            return speaker
        root = sentence.root
        subject = syntax.logical_subject(root)
        if subject is not None and subject.i != head.i and subject.lower_ not in PRONOUNS:
            return self._actor(context, subject, sentence, None)
        return context.last_speaker[1] if context.last_speaker else None

    def _intent_code(self, action: CodedAction, claim: Claim) -> str | None:
        rules = self.coder.book.rules
        cue = (claim.cue or "").lower()
        if claim.status in {Status.HYPOTHETICAL, Status.PLANNED} and cue in rules.intent_cues:
            return rules.intent_codes.get(action.code[:2])
        return None

    def _event(self, context: ArticleContext, index: int, sentence: Span, action: CodedAction, code: str, source: Actor,
               target: Actor, attribution: Attribution | None, status: Status, location: Location | None,
               place_reason: str | None = None) -> Event:
        article = context.article
        code = self._refine_code(action, code, source, target)
        cameo, plover, acled = to_models(code)
        resolution = find_event_date(sentence, action.clause_head, article.pub_date, future=status in FUTURE_STATUSES)
        if resolution.date is not None and resolution.reason and status in UNREALISED_STATUSES:
            resolution = DateResolution(None, "unknown", None, None, "a borrowed date says nothing of an event that did not happen")
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

    def _refine_code(self, action: CodedAction, code: str, source: Actor, target: Actor) -> str:
        """Codes that depend on the resolved actors or place.

        'met X at the United Nations': a meeting at a third place is 044; militants or unknown
        attackers using force on non-combatants: unconventional violence (rules.yaml).
        """
        rules = self.coder.book.rules
        if (code in rules.unconventional_codes and source.sector in rules.unconventional_sources
                and target.sector in rules.unconventional_targets):
            return rules.unconventional_code or code
        if code != "040":
            return code  # a visit (042) to the host's country is a visit, not a third-place meeting
        for venue in syntax.prepositional_objects(action.clause_head, "at") + syntax.prepositional_objects(action.clause_head, "in"):
            place = self.resolver.resolve(syntax.text_of(syntax.phrase_tokens(venue)), None)
            if place.sector == "IGO":
                return "044"
            if place.country and place.country not in {source.country, target.country}:
                return "044"
        return code

    def _locate(self, context: ArticleContext, sentence: Span, action: CodedAction) -> tuple[Location | None, str | None]:
        """The event's place, or why there is none."""
        exclude = {t.i for t in (action.source, action.target) if t is not None}
        best: tuple[tuple[int, int], Location] | None = None
        phrases = event_places(sentence, action.clause_head, action.trigger, exclude, action.target)
        for phrase in phrases:
            location = self._geocode(context, phrase)
            if location is None:
                continue
            rank = (phrase.weight, PRECISION_RANK.get(location.precision or "", 0))
            if best is None or rank > best[0]:
                best = rank, location
        if best is not None:
            return best[1], None
        if phrases:
            return None, self.geocoder.resolve_reason(phrases[0].text, context.countries)
        return None, "the sentence names no place for this event"


def place_by_story(events: list[Event], home: str | None, named: Callable[[], list[Location]]) -> list[Event]:
    """A story told in one place lends it to its events that name none ('police fired tear gas'
    in a report whose events happen in Khartoum): the city or province of the article's dominant
    country that most located events share, else the first one the text names outside reporting
    frames; only for events whose actors are of that country (or unknown)."""
    if home is None or all(e.location is not None for e in events):
        return events
    located = [e.location for e in events if e.location is not None and e.status not in UNREALISED_STATUSES | {Status.PLANNED}]
    places = Counter((loc.name, loc.admin1) for loc in located if loc.country == home and loc.precision in {"city", "admin1", "admin2"})
    if places:
        (name, admin1), count = places.most_common(1)[0]
        if count * 2 < len(located):
            return events
        story = next(loc for loc in located if (loc.name, loc.admin1) == (name, admin1))
    elif not located and (candidates := named()):
        story = candidates[0]
    else:
        return events
    return [
        e.model_copy(update={"location": story, "unresolved": {k: v for k, v in e.unresolved.items() if k != "location"}})
        if e.location is None and e.status not in UNREALISED_STATUSES and {e.source.country, e.target.country} <= {home, None}
        else e
        for e in events
    ]


def merge_sentence_mentions(events: list[Event]) -> list[Event]:
    """One act told twice in a sentence is one event: 'stormed a post, killing four soldiers'.

    Events of one sentence merge when they share the CAMEO root, status and source code and their
    targets agree (or one is unknown). The first mention stays, completed from the others: the
    more specific code, a known target, the death toll, the more precise place.
    """
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if m.cameo.root == event.cameo.root and m.status == event.status
                     and m.source.code == event.source.code
                     and (m.target.code == event.target.code or None in {m.target.code, event.target.code})), None)
        if twin is None:
            merged.append(event)
            continue
        update: dict = {}
        if len(event.cameo.code) > len(twin.cameo.code) or (twin.cameo.code.endswith("0") and not event.cameo.code.endswith("0")):
            update.update(cameo=event.cameo, plover=event.plover, acled=event.acled)
        if twin.target.code is None and event.target.code is not None:
            update["target"] = event.target
        for key in ("fatalities", "injured", "date", "location"):
            if getattr(twin, key) is None and getattr(event, key) is not None:
                update[key] = getattr(event, key)
        if update.get("date") is not None:
            update.update(date_precision=event.date_precision, date_text=event.date_text)
        if event.numbers_text:
            update["numbers_text"] = twin.numbers_text + [t for t in event.numbers_text if t not in twin.numbers_text]
        merged[merged.index(twin)] = twin.model_copy(update=update)
    return merged


def _continue_date(event: Event, sentence: Span, previous: list[Event]) -> Event:
    """'... were also hit': an undated event that continues the previous sentence's act takes its date."""
    if event.date is not None or event.status in UNREALISED_STATUSES or not any(t.lower_ == "also" for t in sentence):
        return event
    earlier = next((e for e in previous if e.cameo.root == event.cameo.root and e.date is not None), None)
    if earlier is None:
        return event
    return event.model_copy(update={"date": earlier.date, "date_precision": earlier.date_precision, "date_text": earlier.date_text,
                                    "unresolved": {k: v for k, v in event.unresolved.items() if k != "date"}})


def link_conflicting_claims(events: list[Event]) -> list[Event]:
    """Link claims by different speakers that tell one material event differently.

    Two claimed (or denied) material events of the same CAMEO root, from different speakers, with
    compatible dates and sources, conflict when their death tolls differ, or when speakers of
    different countries name different targets or disagree on whether it happened: Moscow says
    its strikes hit IS, a Syrian security source says they hit the Army of Conquest.
    """
    links: dict[str, set[str]] = {}
    contested = [e for e in events if e.attribution is not None and e.status in {Status.CLAIMED, Status.DENIED} and e.cameo.quad_class == 4]
    for i, first in enumerate(contested):
        for second in contested[i + 1 :]:
            if first.cameo.root != second.cameo.root or first.sentence_index == second.sentence_index:
                continue
            if (first.attribution.code or first.attribution.text) == (second.attribution.code or second.attribution.text):
                continue
            if first.date and second.date and first.date != second.date:
                continue
            if first.source.country and second.source.country and first.source.country != second.source.country:
                continue
            tolls = first.fatalities is not None and second.fatalities is not None and first.fatalities != second.fatalities
            sides = first.attribution.country and second.attribution.country and first.attribution.country != second.attribution.country
            targets = first.target.code and second.target.code and first.target.code != second.target.code
            if tolls or (sides and (targets or first.status != second.status)):
                links.setdefault(first.event_id, set()).add(second.event_id)
                links.setdefault(second.event_id, set()).add(first.event_id)
    return [e.model_copy(update={"conflicts_with": sorted(links[e.event_id])}) if e.event_id in links else e for e in events]


def _is_quote_only(sentence: Span) -> bool:
    text = sentence.text.strip()
    return text.startswith('"') and text.rstrip().endswith(('"', '."', '"'))


def _situate(actor: Actor, country: str | None, non_local_words: frozenset[str], places: bool = False) -> Actor:
    """An actor named only by role ('police', 'gunmen', 'rebel positions') belongs to the country
    where the event happens (else to the country the article is about, when one dominates).

    Named or transnational actors (a code of their own) and IGOs keep what the dictionaries say.
    With `places`, an unresolved target of a material act (a village, a building) is in that country too.
    """
    if actor.country is not None or country is None:
        return actor
    if places and actor.text and actor.sector is None and actor.code is None and actor.name is None:
        # the target of a material act is a thing or people there: "shelled a village", "stormed the council building"
        return actor.model_copy(update={"country": country, "code": country})
    if actor.sector is None or actor.sector == "IGO" or (actor.code not in {None, actor.sector}):
        return actor
    if any(word in non_local_words for word in (actor.text or "").lower().replace("-", " ").split()):
        return actor
    return actor.model_copy(update={"country": country, "code": f"{country}{actor.sector}"})


def _is_own_word(attribution: Attribution, sources: list[Actor]) -> bool:
    """'Turkey said it was ready to talk': a speaker making a verbal act is not a third-party claim."""
    return any(attribution.char_span is not None and attribution.char_span == s.char_span for s in sources) or any(
        attribution.code is not None and attribution.code == s.code for s in sources)


def _is_definite(head: Token) -> bool:
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)


def _has_pronoun(tokens: list[Token]) -> bool:
    return any(t.lower_ in PRONOUNS and t.dep_ in {"poss", "nsubj", "nsubjpass", "dobj", "pobj"} for t in tokens)


def _join_code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return f"{country}{sector or ''}"


def _to_actor(text: str, span: tuple[int, int], resolved: ResolvedActor) -> Actor:
    return Actor(text=text, code=resolved.code, country=resolved.country, sector=resolved.sector, name=resolved.name, char_span=span)


def _confidence(action: CodedAction, source: Actor, target: Actor) -> float:
    """A transparent heuristic: resolved actors and verbal triggers raise confidence."""
    score = 0.4
    score += 0.2 if source.country or source.code else 0.0
    score += 0.15 if target.country or target.code else 0.0
    score += 0.15 if not action.nominal else 0.05
    return round(min(score, 0.95), 2)
