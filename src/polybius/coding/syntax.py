"""Reading argument structure off a spaCy dependency parse.

The coder asks grammatical questions ("who is the logical subject of this verb?") and these
helpers answer them once, so passives, conjoined verbs, relative clauses and participles are
normalised in one place instead of in every pattern.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
# Modifiers that belong to an actor's noun phrase (not clauses hanging off it).
PHRASE_DEPS = {"compound", "amod", "poss", "det", "nmod", "nummod", "quantmod", "case", "punct", "appos", "npadvmod", "hmod", "hyph", "flat", "cc", "conj", "prep", "pobj"}
# Quantifier nouns whose "of" complement is the real head: "a wave of strikes", "dozens of militants".
QUANTIFIER_NOUNS = {"wave", "series", "round", "spate", "barrage", "string", "number", "dozen", "dozens", "hundred",
                    "hundreds", "thousand", "thousands", "group", "band", "unit", "contingent", "team", "squad", "batch", "flurry", "volley", "salvo", "campaign", "part", "member", "members", "some", "most", "all", "many", "several", "one", "two",
                    # measures: "50 tonnes of medical supplies", "a consignment of arms"
                    "tonne", "tonnes", "ton", "tons", "kilogram", "kilograms", "kg", "load", "truckload", "truckloads", "planeload",
                    "consignment", "shipment", "package", "packages", "parcel", "parcels", "batch", "lot", "amount", "quantity",
                    "quantities", "worth", "millions", "billions",
                    # collectives named by their members: "a coalition of Islamist rebels"
                    "coalition", "alliance", "umbrella", "network", "bloc"}


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Subordinators of a clause that says when or why the act it modifies happened.
CIRCUMSTANCE_MARKERS = {"after", "because", "since", "as", "when", "while", "although", "though", "once", "before", "until"}


def is_passive(verb: Token) -> bool:
    """Passive voice, including reduced relatives: 'groups funded by the CIA'."""
    if verb.dep_ in {"acl", "advcl"} and verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children):
        return True
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ == "auxpass" for child in verb.children)


def through_quantifier(noun: Token) -> Token:
    """'a wave of strikes' → strikes; 'dozens of militants' → militants."""
    if noun.lemma_.lower() in QUANTIFIER_NOUNS or noun.text.lower() in QUANTIFIER_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return noun


def _surface_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or child.dep_ == "expl":
            if child.dep_ != "expl":
                return child
    return None


def _inherited_subject(verb: Token) -> Token | None:
    """Subjects shared through coordination, control and modification.

    "struck X and killed Y" (conj), "vowed to retaliate" (xcomp), "militants who attacked" (relcl),
    "warplanes striking targets" (acl): the subject comes from the governing word.
    """
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"} and head != verb:
        subject = logical_subject(head)
        if subject is not None:
            return subject
    extraposed = head.lemma_ == "be"  # "it is unrealistic to give ultimatums": nobody gives them
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.head != head:
        head = head.head  # "it was prepared to negotiate": the subject of the copula
    if verb.dep_ in {"xcomp", "advcl"} and head != verb:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        subject = logical_subject(head) if is_passive(head) is False else _surface_subject(head)
        if subject is not None and subject.lower_ == "it" and extraposed:
            return None
        return subject
    if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return head
    return None


def logical_subject(verb: Token) -> Token | None:
    """The doer: active subject, or the 'by' agent of a passive verb."""
    if is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None
    subject = _surface_subject(verb)
    if subject is None:
        subject = _inherited_subject(verb)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        clause = subject.head
        subject = clause.head if clause.dep_ == "relcl" else None
    return subject


def logical_object(verb: Token) -> Token | None:
    """The done-to: direct object, or the surface subject of a passive verb."""
    if is_passive(verb):
        subject = _surface_subject(verb)
        if subject is not None and subject.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
            return verb.head
        if subject is None and verb.dep_ in {"acl", "relcl"}:
            return verb.head
        if subject is None and verb.dep_ == "conj":
            return logical_object(verb.head) if verb.head != verb else None
        return subject
    for child in verb.children:
        if child.dep_ in {"dobj", "obj"}:
            return child
    return None


def indirect_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"dative", "iobj"}:
            if child.pos_ == "ADP":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
            return child
    return None


def prepositional_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of `preposition` attached to the token (and for verbs, to its direct object)."""
    hosts = [token]
    if token.pos_ in {"VERB", "AUX"}:
        obj = logical_object(token)
        if obj is not None:
            hosts.append(obj)
    found: list[Token] = []
    for host in hosts:
        for child in host.children:
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == preposition:
                found.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
    return found


def has_preposition(token: Token, preposition: str) -> bool:
    return any(c.dep_ in {"prep", "agent", "dative"} and c.lower_ == preposition for c in token.children)


def particle(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
    return None


def xcomp(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "xcomp":
            return child
    return None


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("the U.S. and Russia")."""
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def modifier_lemmas(noun: Token) -> set[str]:
    """Lower-cased lemmas and words of compounds and adjectives on a noun ("air strikes" → {air})."""
    found: set[str] = set()
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "nmod"}:
            found.add(child.lemma_.lower())
            found.add(child.lower_)
    return found


def head_key(token: Token) -> str:
    """Two-word key for compound heads ('air force', 'tear gas') else the lemma."""
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
    if compounds:
        return f"{compounds[0].lemma_.lower()} {token.lemma_.lower()}"
    return token.lemma_.lower()


def head_keys(token: Token) -> set[str]:
    return {head_key(token), token.lemma_.lower(), token.lower_}


def role_keys(token: Token) -> set[str]:
    """Head keys plus titles compounded on a name: 'President Mahmoud Abbas' is a president."""
    keys = head_keys(token)
    if token.pos_ == "PROPN":
        keys |= {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}
    return keys


def phrase_tokens(head: Token, *, with_of: bool = True, with_appos: bool = True) -> list[Token]:
    """The noun phrase of an actor: modifiers, possessors, appositions; no clauses hanging off it.

    Dates are left out ("opponents of Assad Thursday"), and so are 'of' complements that are
    clauses ("accused Russian warplanes of striking groups").
    """
    keep: list[Token] = []

    def visit(token: Token, depth: int) -> None:
        keep.append(token)
        for child in token.children:
            if child.dep_ in {"relcl", "acl", "advcl", "ccomp", "cc", "conj"}:
                continue  # clauses describe; coordination is expanded by the caller
            if child.ent_type_ in {"DATE", "TIME"} and child.dep_ in {"npadvmod", "pobj", "compound", "nmod", "appos"}:
                continue
            if child.dep_ == "appos" and not with_appos:
                continue
            if child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"}]
                # "opponents of Assad"; "the government in Bamako" (a seat of government, not a venue)
                wanted = child.lower_ == "of" or (child.lower_ == "in" and depth == 0 and any(o.pos_ == "PROPN" for o in objects))
                if not with_of or not wanted or depth > 1 or not objects:
                    continue
            if child.dep_ in PHRASE_DEPS:
                visit(child, depth + 1)

    visit(head, 0)
    keep.sort(key=lambda t: t.i)
    while keep and keep[0].is_punct:
        keep.pop(0)
    while keep and keep[-1].is_punct and keep[-1].text != ")":
        keep.pop()
    return keep


def split_subject_tokens(head: Token) -> list[Token]:
    """Parser slips split one subject into several ('A rebel group, Suqur al-Jabal, said'): rejoin them."""
    if head.dep_ not in SUBJECT_DEPS:
        return []
    siblings = [c for c in head.head.children if c.dep_ == head.dep_ and c != head]
    joined: list[Token] = []
    for sibling in siblings:
        joined.extend(t for t in sibling.subtree if t.dep_ not in {"relcl", "acl"})
    return joined


def of_complement_tokens(head: Token) -> list[Token]:
    """Every token of the head's 'of' complement, dates left out ('opponents of Syrian President Assad')."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return [t for t in child.subtree if t.ent_type_ not in {"DATE", "TIME"} and t != child]
    return []


def span_of(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    # The contiguous surface text when the phrase is contiguous (a Span, not doc.text: that joins
    # the whole document on every call); else the pieces joined.
    if tokens[-1].i - tokens[0].i + 1 == len(tokens):
        return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return " ".join(t.text for t in tokens)


def ancestors_in(token: Token, sentence: Span) -> Iterator[Token]:
    for ancestor in token.ancestors:
        if sentence.start <= ancestor.i < sentence.end:
            yield ancestor


def is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def is_circumstance(clause: Token) -> bool:
    """'... after activists burned effigies', '... when they hit a house': an adverbial clause
    introduced by a subordinator of time or cause, not the content of the act it modifies."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in CIRCUMSTANCE_MARKERS for c in clause.children)
