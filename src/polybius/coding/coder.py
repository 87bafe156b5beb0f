"""Find event-bearing clauses in a parsed sentence and code them with the pattern dictionaries.

Verbal events ("Russian warplanes struck ...") come from verb patterns; nominal events ("Russian
air strikes on Idlib", "talks between Kerry and Lavrov") from noun patterns. A noun that is the
object of a light verb ("carried out strikes") or the subject of another event verb ("air strikes
killed 12") is coded once, as one event, with the actors spread over both words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from polybius.coding import phrase_patterns, syntax
from polybius.coding.patterns import Pattern, PatternBook, best_match, load_patterns

# Gerunds under these prepositions name a topic, not an occurrence ("saw eye to eye on striking IS").
TOPIC_PREPOSITIONS = {"on", "about", "over", "of", "regarding", "concerning", "for", "against", "to", "into"}
# Nominal events under these prepositions are background, not reported occurrences.
BACKGROUND_PREPOSITIONS = {"since", "like", "unlike"}
# Roots whose nominal events share the governing clause's subject ("X said ahead of talks with Y",
# "in rallies on Tuesday, activists burned effigies").
PARTICIPATORY_ROOTS = {"03", "04", "05", "14"}
# Prepositions whose place or time objects say where/when, not whom ("strikes in Syria").
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "inside", "across", "over", "during", "around", "throughout", "outside"}
SETTING_ENTITIES = {"GPE", "LOC", "FAC", "DATE", "TIME"}
# Prepositions through which a verb names the event noun that carried it ("killed in air strikes").
CARRIER_PREPOSITIONS = {"in", "during", "by"}
# Verbal acts whose addressee may be the subject of their complement clause.
ADDRESSEE_ROOTS = {"02", "03", "10", "11", "12", "13"}
PRONOUNS = {"it", "its", "they", "their", "them", "we", "our", "us", "he", "his", "him", "she", "her", "i", "my"}


@dataclass(frozen=True)
class CodedAction:
    """A coded event before actors, claims, time and place are resolved: positions in the parse."""

    trigger: Token
    clause_head: Token
    code: str
    pattern_id: str
    nominal: bool
    source: Token | None
    target: Token | None
    anchor: Token | None = None  # a second word that names the act ("imposed ... siege")
    # A user's PETRARCH pattern (coding.phrase_patterns) coded it: an empty side takes the first of
    # these noun phrases that names an actor, and every coordinated actor takes part.
    source_options: tuple[Token, ...] = ()
    target_options: tuple[Token, ...] = ()
    petrarch: bool = False

    @property
    def evidence(self) -> tuple[int, int]:
        """Token range [start, end) of the words naming the act, kept short enough to read."""
        words = [self.trigger] + ([self.anchor] if self.anchor is not None else [])
        start, end = min(w.i for w in words), max(w.i for w in words) + 1
        return (start, end) if end - start <= 6 else (self.trigger.i, self.trigger.i + 1)


def _verb_holds(verb: Token, pattern: Pattern) -> bool:
    if pattern.subject_any:
        subject = syntax.logical_subject(verb)
        if subject is None or not (syntax.role_keys(syntax.through_quantifier(subject)) & pattern.subject_any):
            return False
    if pattern.object_any:
        obj = syntax.logical_object(verb)
        if obj is None or not (syntax.role_keys(syntax.through_quantifier(obj)) & pattern.object_any):
            return False
    if pattern.prep and not syntax.has_preposition(verb, pattern.prep):
        obj = syntax.logical_object(verb)
        if obj is None or not syntax.has_preposition(obj, pattern.prep):
            return False
    if pattern.pobj_any:
        objects = syntax.prepositional_objects(verb, pattern.prep or "")
        if not any(syntax.role_keys(o) & pattern.pobj_any for o in objects):
            return False
    if pattern.particle and syntax.particle(verb) != pattern.particle:
        return False
    if pattern.xcomp_any:
        complement = syntax.xcomp(verb)
        if complement is None or complement.lemma_.lower() not in pattern.xcomp_any:
            return False
    if pattern.negated is not None and syntax.is_negated(verb) != pattern.negated:
        return False
    return True


def _noun_holds(noun: Token, pattern: Pattern, light_subject: Token | None) -> bool:
    if pattern.modifier_any and not (syntax.modifier_lemmas(noun) & pattern.modifier_any):
        return False
    if pattern.plural is not None and (noun.tag_ in {"NNS", "NNPS"}) != pattern.plural:
        return False
    if pattern.prep and not syntax.has_preposition(noun, pattern.prep):
        return False
    if pattern.subject_any:
        if light_subject is None or not (syntax.head_keys(syntax.through_quantifier(light_subject)) & pattern.subject_any):
            return False
    return True


def _verb_slot(verb: Token, slot: str) -> Token | None:
    if slot == "subj":
        return syntax.logical_subject(verb)
    if slot == "dobj":
        obj = syntax.logical_object(verb)
        return syntax.through_quantifier(obj) if obj is not None else None
    if slot == "iobj":
        return syntax.indirect_object(verb)
    if slot == "dobj:owner":
        obj = syntax.logical_object(verb)
        owners = [c for c in obj.children if c.dep_ in {"poss", "compound", "amod"} and (c.ent_type_ or c.pos_ == "PROPN")] if obj is not None else []
        return owners[0] if owners else None
    if slot.startswith("prep:"):
        objects = _participants(syntax.prepositional_objects(verb, slot[5:]), slot[5:])
        if objects and objects[0].pos_ in {"VERB", "AUX"}:
            # "called on the authorities to release ...": the parser hangs the clause on 'on'; its subject is addressed
            return syntax.logical_subject(objects[0])
        return syntax.through_quantifier(objects[0]) if objects else None
    if slot.startswith("xcomp:"):
        complement = syntax.xcomp(verb)
        return _verb_slot(complement, slot[6:]) if complement is not None else None
    return None


def _noun_slot(noun: Token, slot: str) -> Token | None:
    if slot == "compound_nonplace":
        found = _noun_slot(noun, "compound")
        return found if found is not None and found.ent_type_ != "GPE" else None
    if slot in {"poss", "amod", "compound"}:
        for child in noun.children:
            if child.dep_ != slot:
                continue
            if slot == "poss" and child.ent_type_ in {"DATE", "TIME"}:
                continue
            if slot == "compound" and child.pos_ not in {"PROPN", "NOUN"} and child.ent_type_ not in {"GPE", "NORP", "ORG"}:
                continue  # "U.S. strikes", "opposition rally", "police raid"
            if slot == "amod" and child.ent_type_ != "NORP" and child.pos_ != "PROPN":
                continue
            return child
        return None
    if slot.startswith("prep:"):
        objects = [o for o in syntax.prepositional_objects(noun, slot[5:]) if o.pos_ in {"NOUN", "PROPN", "PRON"}]
        objects = _participants(objects, slot[5:])
        return syntax.through_quantifier(objects[0]) if objects else None
    return None


def _participants(objects: list[Token], preposition: str) -> list[Token]:
    """Drop times, and places behind locative prepositions: they are settings, not targets."""
    objects = [o for o in objects if o.ent_type_ not in {"DATE", "TIME"}]
    if preposition not in LOCATIVE_PREPOSITIONS:
        return objects
    return [o for o in objects if o.ent_type_ not in SETTING_ENTITIES]


def _first_slot(host: Token, slots: tuple[str, ...], reader) -> Token | None:
    for slot in slots:
        if slot == "prep:between":
            continue
        found = reader(host, slot)
        if found is not None:
            return found
    return None


def _between_pair(noun: Token) -> tuple[Token, Token] | None:
    """'talks between Kerry and Lavrov' → (Kerry, Lavrov)."""
    for obj in syntax.prepositional_objects(noun, "between"):
        others = [c for c in obj.conjuncts if c.i > obj.i]
        if others:
            return obj, others[0]
    return None


def _is_topic_gerund(verb: Token) -> bool:
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in TOPIC_PREPOSITIONS


def _is_background_noun(noun: Token) -> bool:
    return noun.dep_ == "pobj" and noun.head.lower_ in BACKGROUND_PREPOSITIONS


def _complement_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = syntax.logical_subject(child)
            if subject is not None and subject.lower_ not in PRONOUNS:
                return subject
    return None


def _listed(action: CodedAction | None) -> list[CodedAction]:
    return [action] if action is not None else []


def _below(token: Token, head: Token) -> bool:
    """token sits in head's object or complement (not in its subject, nor in a clause that only
    dates or explains it: 'threatened a strike after activists burned effigies')."""
    node = token
    while node.head != node:
        if syntax.is_circumstance(node):
            return False  # "warned it would respond, a day after its forces shot down a drone": the shooting is no content
        if node.head == head:
            return node.dep_ not in {"nsubj", "nsubjpass", "csubj", "parataxis", "npadvmod"}
        node = node.head
    return False


def _is_purpose(action: CodedAction) -> bool:
    """'used tear gas to break up a demonstration': the purpose is not an event."""
    head = action.clause_head
    return (not action.nominal or head != action.trigger) and head.dep_ in {"advcl", "acl", "relcl"} and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in head.children)


def _is_description(action: CodedAction) -> bool:
    """'a coalition which fiercely opposes IS': a present-tense relative clause states a property."""
    head = action.clause_head
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    return head.dep_ == "relcl" and action.clause_head.tag_ in {"VBZ", "VBP"}


def _is_condition_or_mandate(action: CodedAction) -> bool:
    """'... if the government guaranteed their safety', 'insisted that Washington withdraw':
    a condition or a demanded act (subjunctive) is the content of another act, not an event."""
    head = action.clause_head
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in head.children):
        return True
    return head.dep_ == "ccomp" and head.tag_ == "VB" and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)


def _is_elaboration(action: CodedAction, by_token: dict[int, CodedAction]) -> bool:
    """'imposed a siege, cutting off electricity': a participle restating its head's act."""
    head = action.clause_head
    if head.dep_ != "advcl" or head.tag_ != "VBG":
        return False
    governing = by_token.get(head.head.i)
    return governing is not None and governing.code[:2] == action.code[:2]


def _is_purpose_noun(action: CodedAction, by_token: dict[int, CodedAction]) -> bool:
    """'flew to Ankara for talks': talks as the purpose of a coded trip are not a second event."""
    noun = action.trigger
    return action.nominal and noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.i in by_token


def _governing_subject(noun: Token) -> Token | None:
    for ancestor in noun.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            subject = syntax.logical_subject(ancestor)
            if subject is not None and subject.i != noun.i and noun not in subject.subtree:
                return subject
            return None
    return None


class EventCoder:
    """Apply the pattern book to one sentence at a time."""

    def __init__(self, book: PatternBook | None = None):
        self.book = book or load_patterns()

    def _noun_pattern(self, noun: Token, light_subject: Token | None = None) -> Pattern | None:
        patterns = self.book.nouns.get(noun.lemma_.lower()) or self.book.nouns.get(noun.lower_)
        if not patterns:
            return None
        return best_match(patterns, lambda p: _noun_holds(noun, p, light_subject))

    def _nominal_action(self, noun: Token, clause_head: Token, pattern: Pattern, source: Token | None, target: Token | None) -> CodedAction | None:
        if pattern.code is None:
            return None
        pair = None
        if "prep:between" in pattern.target:
            # "talks between X and Y"; "fighting broke out between X and Y" hangs it on the verb
            pair = _between_pair(noun) or (_between_pair(clause_head) if clause_head != noun else None)
        if pair is not None and source is None:
            source, target = pair
        elif pair is not None:
            target = target or pair[0]
        slots = pattern.source
        if pattern.code[:2] in self.book.rules.venue_roots:
            slots = tuple(slot for slot in slots if slot != "compound") + ("compound_nonplace",)
        source = source or _first_slot(noun, slots, self._noun_slot)
        target = target or _first_slot(noun, pattern.target, self._noun_slot)
        if target is None and clause_head != noun:
            # "carried out air strikes on militants": the parser may hang the target on the verb.
            target = _first_slot(clause_head, tuple(s for s in pattern.target if s.startswith("prep:")), _verb_slot)
        if source is None and pattern.code[:2] in PARTICIPATORY_ROOTS:
            source = _governing_subject(noun)
        return CodedAction(noun, clause_head, pattern.code, pattern.pattern_id, True, source, target)

    def code_sentence(self, sentence: Span) -> list[CodedAction]:
        actions: list[CodedAction] = []
        consumed: set[int] = set()
        for token in sentence:
            if token.pos_ not in {"VERB", "AUX"} or _is_topic_gerund(token):
                continue
            actions.extend(self._code_verb(token, consumed))
        for token in sentence:
            # proper nouns are names, not acts ("Ban Ki-moon", "Strike Force")
            if token.i in consumed or token.pos_ != "NOUN" or _is_background_noun(token):
                continue
            pattern = self._noun_pattern(token)
            if pattern is None:
                continue
            action = self._nominal_action(token, self._occurrence_clause(token), pattern, None, None)
            if action is not None:
                actions.append(action)
        theirs = [a for a in actions if a.petrarch]
        if theirs:  # a user's PETRARCH verb takes its whole phrase (PETRARCH codes one verb a verb phrase); our rules are for ours
            verbs = [a.trigger for a in theirs]
            actions = [a for a in self._apply_sentence_rules([a for a in actions if not a.petrarch]) + theirs
                       if not phrase_patterns.within_phrase_of(a.trigger, verbs)]
        else:
            actions = self._apply_sentence_rules(actions)
        # A free-standing event noun with nobody attached ("the raids continued") says too little.
        return [a for a in actions if a.clause_head != a.trigger or a.source is not None or a.target is not None or a.petrarch]

    def _apply_sentence_rules(self, actions: list[CodedAction]) -> list[CodedAction]:
        """Drop contents of appeals/threats/rejections, purposes and restatements; credit claims."""
        rules = self.book.rules
        by_token = {a.clause_head.i: a for a in actions if a.clause_head != a.trigger or not a.nominal}
        contents = [a.clause_head for a in actions if not a.nominal and (a.code[:2] in rules.content_roots or a.code in rules.content_codes)]
        claims = [a for a in actions if a.code == "015"]
        kept: list[CodedAction] = []
        for action in actions:
            if any(action.clause_head != head and _below(action.trigger, head) for head in contents):
                continue
            if _is_purpose(action) or _is_description(action) or _is_condition_or_mandate(action) or _is_elaboration(action, by_token) or _is_purpose_noun(action, by_token):
                continue
            if action.source is None:
                # "IS claimed responsibility for the bombing": the claimant is the bomber.
                claimant = next((c for c in claims if c is not action and _below(action.trigger, c.clause_head)), None)
                if claimant is not None:
                    action = CodedAction(action.trigger, action.clause_head, action.code, action.pattern_id,
                                         action.nominal, claimant.source, action.target, action.anchor)
            kept.append(action)
        return kept

    def _noun_slot(self, noun: Token, slot: str) -> Token | None:
        """Noun slots; a common-noun compound counts as the doer only when it names one ("police raid")."""
        found = _noun_slot(noun, slot)
        if found is None and slot == "amod":
            # "Saudi-led air strikes": the leader of a '-led' strike carried it out
            led = next((c for c in noun.children if c.dep_ == "amod" and c.lemma_.lower() == "lead"), None)
            found = next((c for c in led.children if c.dep_ in {"npadvmod", "compound", "nmod"}), None) if led is not None else None
        if found is not None and slot.startswith("compound") and found.pos_ in {"NOUN", "PROPN"} and not found.ent_type_:
            # "police raid" names its doer; "air strikes" (even "Air strikes" opening a sentence) does not
            return found if found.lemma_.lower() in self.book.rules.agent_compounds else None
        return found

    def _target_slots(self, verb: Token, pattern: Pattern) -> tuple[str, ...]:
        """The pattern's target slots, without the object when it is the weapon ("fired tear gas")."""
        obj = syntax.logical_object(verb)
        if obj is not None and syntax.head_keys(obj) & self.book.rules.instrument_objects:
            return tuple(slot for slot in pattern.target if slot != "dobj")
        return pattern.target

    def _occurrence_clause(self, noun: Token) -> Token:
        """'Protests erupted in Minsk on Friday': the verb saying the event happened is its clause."""
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in self.book.occurrence_verbs and not syntax.logical_object(verb):
            return verb
        return noun

    def _object_target(self, noun: Token) -> Token | None:
        """'threatened a strike against the South': whom the threatened act is aimed at."""
        for preposition in self.book.rules.object_target_preps:
            objects = _participants(syntax.prepositional_objects(noun, preposition), preposition)
            if objects:
                return syntax.through_quantifier(objects[0])
        return None

    def _event_noun_source(self, noun: Token) -> Token | None:
        """'condemned Russia's air strikes': the condemnation targets the strikes' source."""
        pattern = self._noun_pattern(noun)
        if pattern is None or pattern.code is None:
            return None
        return _first_slot(noun, pattern.source, self._noun_slot)

    def _light_verb_actions(self, verb: Token, noun: Token, subject: Token | None, consumed: set[int]) -> list[CodedAction]:
        """One event per coordinated event noun: "conducted sorties and air strikes"."""
        actions = []
        for conjunct in syntax.conjuncts(noun):
            pattern = self._noun_pattern(conjunct, light_subject=subject)
            if pattern is None:
                continue
            consumed.add(conjunct.i)
            action = self._nominal_action(conjunct, verb, pattern, subject, None)
            if action is not None:
                actions.append(action)
        return actions

    def _code_verb(self, verb: Token, consumed: set[int]) -> list[CodedAction]:
        if self.book.phrases is not None:
            coded = self.book.phrases.code(verb)
            if coded is not None:  # a user's verb: their patterns alone decide
                return [CodedAction(verb, verb, c.code, c.rule, False, c.source, c.target, source_options=c.source_options,
                                    target_options=c.target_options, petrarch=True) for c in coded]
        lemma = verb.lemma_.lower()
        obj = syntax.logical_object(verb)
        inner = syntax.through_quantifier(obj) if obj is not None else None
        subject = syntax.logical_subject(verb)
        # Light verb + event noun: "carried out strikes", "held talks", "unleashed a wave of strikes".
        if lemma in self.book.light_verbs:
            # "carried out strikes", "held talks", "engaged in talks"
            nouns = [inner] if inner is not None else syntax.prepositional_objects(verb, "in")
            for noun in nouns:
                actions = self._light_verb_actions(verb, noun, subject, consumed)
                if actions:
                    return actions
        patterns = self.book.verbs.get(lemma)
        if not patterns:
            return []
        pattern = best_match(patterns, lambda p: _verb_holds(verb, p))
        if pattern is None or pattern.code is None:
            return []
        if subject is not None and subject.lemma_.lower() in self.book.rules.aggregate_subjects and any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            return []  # "the conflict has killed 10,000 people": a toll, not an event
        # Event noun as the doer: "air strikes killed 12 civilians" is one air-strike event.
        doer = syntax.through_quantifier(subject) if subject is not None else None
        if doer is not None and (doer.pos_ == "NOUN" or doer.tag_ == "VBG"):
            noun_pattern = self._noun_pattern(doer)
            if noun_pattern is not None and noun_pattern.code is not None:
                consumed.add(doer.i)
                target = _first_slot(verb, pattern.target, _verb_slot)
                return _listed(self._nominal_action(doer, verb, noun_pattern, None, target))
        source = _first_slot(verb, pattern.source, _verb_slot)
        target = _first_slot(verb, self._target_slots(verb, pattern), _verb_slot)
        if source is None:
            # "civilians were killed in Russian raids": the raid's doer is the killing's doer.
            for preposition in CARRIER_PREPOSITIONS:
                for noun in syntax.prepositional_objects(verb, preposition):
                    noun_pattern = self._noun_pattern(noun)
                    if noun_pattern is not None and noun_pattern.code is not None and (
                            noun_pattern.code[:2] in self.book.rules.carrier_roots or noun_pattern.code[:2] == pattern.code[:2]):
                        consumed.add(noun.i)
                        return _listed(self._nominal_action(noun, verb, noun_pattern, None, target))
        if inner is not None and inner.pos_ == "NOUN":
            noun_pattern = self._noun_pattern(inner)
            same_act = noun_pattern is not None and noun_pattern.code is not None and noun_pattern.code[:2] == pattern.code[:2]
            named_by_object = bool(pattern.object_any) and noun_pattern is not None  # "lodged a protest" is the protest
            if same_act or named_by_object or (noun_pattern is not None and pattern.code[:2] in self.book.rules.object_consuming_roots):
                consumed.add(inner.i)  # "imposed sanctions" is one event; "eased sanctions" acts on old ones
        if source is None and pattern.code in self.book.rules.symmetric_codes:
            # "an accord was struck in Doha between the Taliban and the United States"
            pair = _between_pair(verb) or (_between_pair(inner) if inner is not None else None)
            if pair is not None:
                source, target = pair
        if target is None and pattern.code[:2] in ADDRESSEE_ROOTS and pattern.target:
            target = _complement_subject(verb)  # "demanded that the United States extradite Gulen"
        if target is not None and target.pos_ == "NOUN":
            if pattern.code[:2] in self.book.rules.object_target_roots:
                target = self._object_target(target) or target
            else:
                target = self._event_noun_source(target) or target
        anchor = inner if pattern.object_any and inner is not None else None
        return [CodedAction(verb, verb, pattern.code, pattern.pattern_id, False, source, target, anchor)]
