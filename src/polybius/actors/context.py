"""Actors in context: a noun phrase of one sentence of one article -> an `Actor`.

The dictionary resolver (`resolver.py`) reads a phrase on its own. News needs more: a pronoun
inside reported speech is the speaker, "the ministry" after "Russia's defence ministry" is that
ministry, a state acting is its government, a role-only actor ("police") belongs to the country
where the event happens. `ArticleActors` holds what one article has said so far to decide these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import yaml

from spacy.tokens import Doc, Span, Token

from polybius.actors.resolver import ActorResolver, ResolvedActor
from polybius.claims import Claim, ClaimAssessor
from polybius.clean import CleanText
from polybius.coding import syntax
from polybius.coding.coder import PRONOUNS, CodedAction
from polybius.coding.patterns import Rules
from polybius.models import Actor, Attribution, Location
from polybius.parse import entities

MAX_CONJUNCTS = 3
# Acts of force and coercion: an unnamed target is a thing or people where it happens.
MATERIAL_ROOTS = {"14", "15", "17", "18", "19", "20"}
HOME_SHARE = 0.7  # an article is about one country when 70% of its country mentions name it
NAME_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# Pronouns for things and groups, which refer to a clause's subject rather than to whoever speaks.
THIRD_PERSON_THINGS = {"it", "its", "they", "their", "them"}


@dataclass(frozen=True)
class References:
    """Phrases resolved by the article, from data/references.yaml."""

    context_aliases: dict[str, tuple[str, ...]]
    pair_references: frozenset[str]
    reciprocal_targets: frozenset[str]
    country_anaphors: frozenset[str]
    group_anaphors: frozenset[str]


@cache
def load_references() -> References:
    raw = yaml.safe_load(resources.files("polybius.actors").joinpath("data/references.yaml").read_text("utf-8"))
    return References(
        context_aliases={str(k).lower(): tuple(v) for k, v in raw["context_aliases"].items()},
        pair_references=frozenset(str(p).lower() for p in raw["pair_references"]),
        reciprocal_targets=frozenset(str(p).lower() for p in raw["reciprocal_targets"]),
        country_anaphors=frozenset(str(p).lower() for p in raw["country_anaphors"]),
        group_anaphors=frozenset(str(p).lower() for p in raw["group_anaphors"]),
    )


def article_countries(resolver: ActorResolver, doc: Doc, on_date: dt.date | None) -> tuple[list[str], str | None]:
    """Countries the article is about, most mentioned first, and the one that dominates it."""
    counts: Counter[str] = Counter()
    for entity in doc.ents:
        if entity.label_ in {"GPE", "NORP", "LOC"}:
            country = resolver.resolve(entity.text, on_date).country
            if country:
                counts[country] += 1
    ranked = counts.most_common()
    home = ranked[0][0] if ranked and ranked[0][1] >= HOME_SHARE * sum(counts.values()) else None
    return [country for country, _ in ranked], home


@dataclass
class ArticleActors:
    """Resolves the actor phrases of one article, remembering speakers and named bodies."""

    resolver: ActorResolver
    claims: ClaimAssessor
    clean: CleanText
    on_date: dt.date | None
    countries: list[str] = field(default_factory=list)  # the article's countries, most mentioned first
    last_speaker: tuple[Token, Actor] | None = None
    by_head: dict[str, Actor] = field(default_factory=dict)
    by_name: dict[str, Actor] = field(default_factory=dict)  # "sargsyan" -> the Armenian PM named earlier
    last_pair: tuple[Actor, Actor] | None = None  # the parties of the last two-sided event
    references: References = field(default_factory=load_references)

    # -- speakers ---------------------------------------------------------------------------
    def attribution(self, claim: Claim, sentence: Span) -> tuple[Attribution | None, Actor | None]:
        """Who says it: the claim's speaker, else the last speaker for a sentence that is only a quote."""
        if claim.speaker is not None:
            actor = self.actor(claim.speaker, sentence, None)
            return as_attribution(actor), actor
        if self.last_speaker is not None and _is_quote_only(sentence):
            actor = self.last_speaker[1]
            return as_attribution(actor), actor
        return None, None

    def remember_speaker(self, sentence: Span) -> None:
        for token in sentence:
            if self.claims.is_reporting_verb(token):
                speaker = self.claims.speaker_of(token)
                if speaker is not None:
                    actor = self.actor(speaker, sentence, self.last_speaker[1] if self.last_speaker else None)
                    self.last_speaker = (speaker, actor)
                    return

    # -- phrases ----------------------------------------------------------------------------
    def actors(self, head: Token | None, sentence: Span, speaker: Actor | None, every: bool = False) -> list[Actor]:
        """One actor per conjunct ('Kenya and Uganda'; at most MAX_CONJUNCTS unless `every`), the
        story's two parties for 'the two sides', or one empty actor for a missing slot."""
        if head is None:
            return [Actor()]
        if self._phrase_key(head) in self.references.pair_references:
            pair = self._sentence_pair(head) or self.last_pair
            if pair is not None:
                tokens = syntax.phrase_tokens(head)
                span = self.clean.to_original(*syntax.span_of(tokens))
                return [a.model_copy(update={"text": syntax.text_of(tokens), "char_span": span}) for a in pair]
        heads = syntax.conjuncts(head)[: None if every else MAX_CONJUNCTS]
        if len(heads) == 1:
            return self._split_modifiers(head, self.actor(head, sentence, speaker))
        return [self.actor(h, sentence, speaker) for h in heads]

    def _split_modifiers(self, head: Token, actor: Actor) -> list[Actor]:
        """'Russian and Belarusian authorities' are two actors, though the parser sees one noun."""
        coordinated = [m for m in head.children if m.dep_ in {"amod", "compound", "nmod"} and m.i < head.i
                       and any(c.dep_ == "conj" for c in m.children)]
        owners = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" and head.tag_ in {"NNS", "NNPS"}
                  for o in p.children if o.dep_ == "pobj" and any(c.dep_ == "conj" for c in o.children)]
        if actor.name is not None or not (coordinated or owners):
            return [actor]
        # "the presidents of Sudan and South Sudan": one actor per country the plural head is of
        text = head.doc[coordinated[0].i : head.i + 1].text if coordinated else head.doc[head.i : owners[0].right_edge.i + 1].text
        parts = self.resolver.resolve_all(text, self.on_date, self.countries)
        if len({p.country for p in parts}) < 2 or any(p.country is None for p in parts):
            return [actor]
        # a bare country among them shares the head's sector ("presidents of Sudan and South Sudan")
        return [actor.model_copy(update={"text": text, "country": p.country, "sector": p.sector or actor.sector,
                                         "code": p.code if p.sector or not actor.sector else join_code(p.country, actor.sector)})
                for p in parts[:MAX_CONJUNCTS]]

    def participants(self, action: CodedAction, sentence: Span, speaker: Actor | None, location: Location | None,
                     home: str | None, rules: Rules) -> list[tuple[Actor, Actor]]:
        """The (source, target) pairs of one coded act: one per conjunct ('Kenya and Uganda warned'),
        both ways for two-sided acts with no target of their own ('Iran and Iraq signed') and for
        reciprocal targets ('blamed each other'); role-only actors situated where the event happens.
        What a user's PETRARCH pattern coded follows PETRARCH: an open side is its first noun phrase
        naming an actor, every conjunct takes part, nobody acts on itself. Empty when nobody can be named."""
        action = self.settle_options(action)
        local = rules.non_local_words
        setting = location.country if location is not None and location.country else home
        if action.code[:2] in rules.venue_roots:
            setting = home  # talks in Doha are not between Qataris: a venue situates nobody
        sources = [situate(a, setting, local) for a in self.actors(action.source, sentence, speaker, action.petrarch)]
        if action.source is None and action.code[:2] in rules.default_sources:
            # "Protests erupted in Minsk": nobody named protests, so civilians of that country do.
            sources = [situate(Actor(sector=rules.default_sources[action.code[:2]]), setting, local)]
        if action.code[:2] in rules.domestic_roots and (location is None or not location.country):
            # "police arrested 400 people": the people are in the police's country
            setting = next((a.country for a in sources if a.country), None) or setting
        named_targets = self.actors(action.target, sentence, speaker, action.petrarch)
        if not any(a.country or a.code for a in sources + [situate(a, setting, local) for a in named_targets]):
            return []
        targets = [situate(a, setting, local, places=action.code[:2] in MATERIAL_ROOTS) for a in named_targets]
        if len(sources) == 2:
            self.remember_pair(*sources)  # "Sudan and South Sudan agreed ...": the story's two parties
        if (action.target is None and len(sources) > 1 and action.code in rules.symmetric_codes) or self.is_reciprocal(action.target):
            pairs = [(s, t) for s in sources for t in sources if s is not t]  # "Iran and Iraq signed", "blamed each other"
        else:
            # A target that only took the place's country ('local forces' fought by the army) is
            # another party than a same-coded source; one the text names so is the source itself.
            # (PETRARCH's conventions drop any actor the text names acting on itself.)
            pairs = [(s, t) for s in sources for t, named in zip(targets, named_targets)
                     if not (s.code and s.code == t.code and s.name == t.name and named.code == t.code)
                     and not (action.petrarch and s.code and s.code == named.code)]
        if action.code in rules.symmetric_codes:  # talks, deals, fighting: their parties are 'the two sides'
            for source, target in pairs:
                self.remember_pair(source, target)
        return pairs

    def settle_options(self, action: CodedAction) -> CodedAction:
        """A user's PETRARCH pattern left a side open, or gave it a phrase naming no actor ('Resumption of
        ties between X and Y may spur ...'): the first of its noun phrases that names one, else what it had."""
        def settled(given: Token | None, options: tuple[Token, ...]) -> Token | None:
            if given is not None and any(self.names_actor(c) for c in syntax.conjuncts(given)):
                return given
            return next((h for h in options if self.names_actor(h)), given if given is not None or not options else options[0])

        if not (action.source_options or action.target_options):
            return action
        return replace(action, source=settled(action.source, action.source_options), target=settled(action.target, action.target_options))

    def names_actor(self, head: Token) -> bool:
        """The words up to `head` name a country or a named actor, or `head` is an actor noun: 'Ithilen
        villages', 'the ambassadors', not 'formal diplomatic ties' (an adjective alone makes no actor)."""
        own = self.resolver.resolve(head.text, self.on_date, self.countries)
        phrase = self.resolver.resolve(head.doc[head.left_edge.i : head.i + 1].text, self.on_date, self.countries)
        return bool(phrase.country or phrase.name or own.country or own.name or own.sector)

    def is_reciprocal(self, head: Token | None) -> bool:
        """'each side blamed the other', 'accused each other': the target is the other source."""
        return head is not None and self._phrase_key(head) in self.references.reciprocal_targets

    def _sentence_pair(self, head: Token) -> tuple[Actor, Actor] | None:
        """'After complaints by the U.S. that Russia gave notice, the two sides ...': exactly two
        states named before the phrase in its own sentence are its two sides."""
        found: dict[str, Actor] = {}
        for entity in head.sent.ents:
            if entity.end > head.i or entity.label_ not in {"GPE", "NORP"}:
                continue
            resolved = self.resolver.resolve(entity.text, self.on_date, self.countries)
            if resolved.country and resolved.country not in found:
                found[resolved.country] = Actor(text=entity.text, country=resolved.country, sector="GOV", code=f"{resolved.country}GOV")
        return tuple(found.values()) if len(found) == 2 else None  # type: ignore[return-value]

    def remember_pair(self, source: Actor, target: Actor) -> None:
        """The parties of a two-sided event, for a later 'the two sides'."""
        if source.code and target.code and (source.country or source.code) != (target.country or target.code):
            self.last_pair = (source, target)

    @staticmethod
    def _phrase_key(head: Token) -> str:
        return syntax.text_of(syntax.phrase_tokens(head, with_of=False, with_appos=False)).lower()

    def actor(self, head: Token, sentence: Span, speaker: Actor | None) -> Actor:
        tokens = syntax.phrase_tokens(head)
        split = syntax.split_subject_tokens(head)
        if split:
            tokens = sorted({*tokens, *split}, key=lambda t: t.i)
        text = syntax.text_of(tokens)
        start, end = syntax.span_of(tokens)
        span = self.clean.to_original(start, end)
        resolved = self._resolve_phrase(head, tokens, text, split=bool(split))
        if resolved.country is None and resolved.code is None:
            resolved = self._from_context(head, tokens) or resolved
        else:
            self._remember_names(tokens, resolved)
        if resolved.country is not None and resolved.sector is None and resolved.name is None and (
                (head.ent_type_ == "GPE" and head.dep_ != "amod") or (head.pos_ == "NOUN" and not head.ent_type_)
                or (head.pos_ == "PROPN" and head.dep_ != "amod" and resolved.matched and all(m.startswith("country:") for m in resolved.matched))):
            # A state named as an agent ("Iran released", "talks with Pakistan", "Maldives and China signed",
            # whatever entity label the parser gives it) is its government, and so is the state behind a
            # thing it owns ("rejected France's plan", "Pakistani claims").
            resolved = ResolvedActor(resolved.country, "GOV", f"{resolved.country}GOV", resolved.name, resolved.matched)
        actor = _to_actor(text, span, resolved)
        head_lemma = head.lemma_.lower()
        if actor.country is None and _is_definite(head):
            # "The ministry said ..." after "Russia's defense ministry": the same ministry.
            earlier = self.by_head.get(head_lemma)
            if earlier is not None:
                return earlier.model_copy(update={"text": text, "char_span": span})
        if actor.country is not None and actor.sector is not None and head.ent_type_ not in {"PERSON", "GPE", "NORP"}:
            self.by_head[head_lemma] = actor
        if resolved.group and (actor.country or actor.code):
            # "Boko Haram ... The group said": a named group is what 'the group' means next
            self.by_head.update(dict.fromkeys(self.references.group_anaphors, actor))
        if actor.country is None and actor.code is None or _has_pronoun(tokens):
            antecedent = self._antecedent(head, tokens, sentence, speaker)
            if antecedent is not None and (antecedent.country or antecedent.code):
                if head.lower_ in PRONOUNS:
                    return antecedent.model_copy(update={"text": text, "char_span": span})
                if actor.country is not None or actor.name is not None:
                    return actor  # "His Excellency Wang Yi", "its army": a resolved name keeps its own codes
                actor = actor.model_copy(update={
                    "country": actor.country or antecedent.country,
                    "sector": actor.sector or antecedent.sector,
                    "code": join_code(actor.country or antecedent.country, actor.sector or antecedent.sector) if antecedent.country else antecedent.code,
                })
        return actor

    def _resolve_phrase(self, head: Token, tokens: list[Token], text: str, split: bool = False) -> ResolvedActor:
        """The head's own phrase decides the sector; an 'of' complement may only add the country.

        'opponents of Syrian President Bashar Assad' is the Syrian opposition, not Assad.
        """
        on_date = self.on_date
        if split:  # a subject the parser split in pieces: resolve it whole
            return self.resolver.resolve(text, on_date, self.countries)
        bare = self.resolver.resolve(syntax.text_of(syntax.phrase_tokens(head, with_of=False, with_appos=False)), on_date, self.countries)
        if bare.country is not None or bare.sector == "IGO":
            return bare  # "Moscow, a key Assad ally" is Moscow
        core = self.resolver.resolve(syntax.text_of(syntax.phrase_tokens(head, with_of=False)), on_date, self.countries)
        if core.country is not None or core.sector == "IGO":
            return core  # "a rebel group, Suqur al-Jabal": the apposition names it
        if core.sector is not None:
            country = self.resolver.resolve(text, on_date, self.countries).country
            if country is None and syntax.of_complement_tokens(head):
                country = self.resolver.resolve(syntax.text_of(syntax.of_complement_tokens(head)), on_date, self.countries).country
            return ResolvedActor(country, core.sector, join_code(country, core.sector) or core.code, core.name, core.matched)
        resolved = self.resolver.resolve(text, on_date, self.countries)
        if resolved.empty and head.dep_ == "pobj":
            resolved = self._resolve_within(head) or resolved
        return resolved

    def _from_context(self, head: Token, tokens: list[Token]) -> ResolvedActor | None:
        """A name the article introduced earlier with a title ('Armenian Prime Minister Serzh
        Sargsyan' ... 'Sargsyan said'), or a divided country's half ('the South')."""
        key = self._phrase_key(head)
        if key in self.references.country_anaphors:
            country = self.country_before(head) or (self.countries[0] if self.countries else None)
            return ResolvedActor(country, "GOV", f"{country}GOV", None, (f"context:{key}",)) if country else None
        if key in self.references.context_aliases:
            country = next((c for c in self.countries if c in self.references.context_aliases[key]), None)
            return ResolvedActor(country, "GOV", f"{country}GOV", None, (f"context:{key}",)) if country else None
        for name in _name_keys(tokens):
            if name in self.by_name:
                earlier = self.by_name[name]
                return ResolvedActor(earlier.country, earlier.sector, earlier.code, earlier.name, (f"earlier:{name}",))
        return None

    def country_before(self, token: Token) -> str | None:
        """The last country its sentence names before `token` ('... to Chad, was expelled from the country')."""
        # any entity label: the small model calls some countries persons ("the ambassador to Chad")
        for entity in reversed([e for e in token.sent.ents if e.end <= token.i and e.label_ in {"GPE", "NORP", "LOC", "PERSON", "ORG"}]):
            country = self.resolver.resolve(entity.text, self.on_date, self.countries).country
            if country:
                return country
        return None

    def _remember_names(self, tokens: list[Token], resolved: ResolvedActor) -> None:
        for name in _name_keys(tokens):
            self.by_name.setdefault(name, _to_actor(name, (0, 0), resolved))

    def _resolve_within(self, head: Token) -> ResolvedActor | None:
        """An unresolvable phrase ('the information that Russia's strikes ...'): its first actor,
        read as a whole name ('the African Union', not 'Union')."""
        first, last = head.left_edge.i, head.right_edge.i
        # "talks mediated by the African Union": the mediator is not the talks
        clauses = {t.i for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent" for t in a.subtree}
        for entity in entities(head.sent):
            if not (first <= entity.start and entity.end - 1 <= last) or head.i in range(entity.start, entity.end) \
                    or entity.start in clauses:
                continue
            if entity.label_ not in {"GPE", "NORP", "ORG", "PERSON"}:
                continue
            resolved = self.resolver.resolve(entity.text, self.on_date, self.countries)
            if resolved.country or resolved.code:
                return resolved
        return None

    def _antecedent(self, head: Token, tokens: list[Token], sentence: Span, speaker: Actor | None) -> Actor | None:
        """Pronouns: 'we/our' and 'he' inside reported speech are the speaker; 'it/they/its/their'
        the subject of the nearest clause above that is not a reporting frame ('air strikes killed 14
        civilians when they hit a house, medics said': 'they' are the strikes), else the speaker."""
        pronoun = next((t for t in tokens if t.lower_ in PRONOUNS), None)
        if pronoun is None:
            return None
        if speaker is not None and pronoun.lower_ not in THIRD_PERSON_THINGS:
            return speaker
        own_clause = next((a for a in pronoun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        for clause in pronoun.ancestors:
            if clause.pos_ not in {"VERB", "AUX"} or self.claims.is_reporting_verb(clause):
                continue
            if pronoun.dep_ == "poss" and clause == own_clause:
                continue  # "a helicopter fired on their homes": a clause's doer does not own its object
            subject = syntax.logical_subject(clause)
            if subject is not None and subject.i != head.i and pronoun not in subject.subtree and subject.lower_ not in PRONOUNS:
                doers = syntax.prepositional_objects(subject, "by")  # "strikes by the coalition ... when they hit"
                return self.actor(doers[0] if doers else subject, sentence, None)
        if speaker is not None:
            return speaker
        root = sentence.root
        subject = syntax.logical_subject(root)
        if subject is not None and subject.i != head.i and subject.lower_ not in PRONOUNS:
            return self.actor(subject, sentence, None)
        return self.last_speaker[1] if self.last_speaker else None


def situate(actor: Actor, country: str | None, non_local_words: frozenset[str], places: bool = False) -> Actor:
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


def as_attribution(actor: Actor) -> Attribution:
    return Attribution(text=actor.text or "", code=actor.code, country=actor.country, char_span=actor.char_span)


def is_own_word(attribution: Attribution, sources: list[Actor]) -> bool:
    """'Turkey said it was ready to talk': a speaker making a verbal act is not a third-party claim."""
    return any(attribution.char_span is not None and attribution.char_span == s.char_span for s in sources) or any(
        attribution.code is not None and attribution.code == s.code for s in sources)


def join_code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return f"{country}{sector or ''}"


def _name_keys(tokens: list[Token]) -> list[str]:
    """The proper names in an actor phrase, whole and by surname: 'Serzh Sargsyan', 'sargsyan'.

    Runs of proper nouns that the parser marks as names (any entity but a country or people, whose
    own names resolve anyway); a person's last name also stands alone in later mentions."""
    keys: list[str] = []
    run: list[Token] = []
    for token in [*tokens, None]:
        if token is not None and token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES - {"GPE", "NORP"}:
            run.append(token)
            continue
        if run:
            keys.append(" ".join(t.text for t in run).lower())
            if len(run) > 1 and run[-1].ent_type_ == "PERSON":
                keys.append(run[-1].text.lower())
            run = []
    return keys


def _is_quote_only(sentence: Span) -> bool:
    text = sentence.text.strip()
    return text.startswith('"') and text.rstrip().endswith(('"', '."', '"'))


def _is_definite(head: Token) -> bool:
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)


def _has_pronoun(tokens: list[Token]) -> bool:
    return any(t.lower_ in PRONOUNS and t.dep_ in {"poss", "nsubj", "nsubjpass", "dobj", "pobj"} for t in tokens)


def _to_actor(text: str, span: tuple[int, int], resolved: ResolvedActor) -> Actor:
    return Actor(text=text, code=resolved.code, country=resolved.country, sector=resolved.sector, name=resolved.name, char_span=span)
