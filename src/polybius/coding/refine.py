"""Codes that depend on more than the verb: the claim's modality and the resolved actors.

'said he was willing to meet Trump' is the expressed intent (036), not a meeting; 'met X at the
United Nations' is a meeting at a third place (044); militants using force on non-combatants is
unconventional violence (rules.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from polybius.actors import ActorResolver
from polybius.claims import Claim
from polybius.coding import syntax
from polybius.coding.coder import CodedAction
from polybius.coding.patterns import Rules
from polybius.models import Actor, Status


def intent_code(rules: Rules, action: CodedAction, claim: Claim, own_word: bool = False) -> str | None:
    """The 03x code of an act that is only intended ('ready to negotiate', and a party's own 'we
    will send aid'), else None."""
    cue = (claim.cue or "").lower()
    if claim.status in {Status.HYPOTHETICAL, Status.PLANNED} and cue in rules.intent_cues:
        return rules.intent_codes.get(action.code[:2])
    if own_word and claim.status is Status.PLANNED and cue in rules.own_intent_cues:
        return rules.intent_codes.get(action.code[:2])
    return None


def threat_code(rules: Rules, action: CodedAction, claim: Claim) -> str | None:
    """The 13x code of coercion or force made conditional, or of a modal response, else None.

    'may impose sanctions if talks fail', 'would retaliate', 'will cut aid unless troops withdraw':
    the event is the threat, by the act's doer against its target; the act itself never happened.
    """
    if claim.status not in {Status.HYPOTHETICAL, Status.PLANNED}:
        return None
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in rules.threat_conditions for m in c.children)
                      for c in action.clause_head.children)
    response = claim.status is Status.HYPOTHETICAL and action.trigger.lemma_.lower() in rules.response_verbs
    if conditional or response:
        return rules.threat_codes.get(action.code) or rules.threat_codes.get(action.code[:2])
    return None


def refine_code(rules: Rules, resolver: ActorResolver, action: CodedAction, code: str, source: Actor, target: Actor) -> str:
    """The code once the actors and the venue are known."""
    if (code in rules.unconventional_codes and source.sector in rules.unconventional_sources
            and target.sector in rules.unconventional_targets):
        return rules.unconventional_code or code
    if code != "040":
        return code  # a visit (042) to the host's country is a visit, not a third-place meeting
    for venue in syntax.prepositional_objects(action.clause_head, "at") + syntax.prepositional_objects(action.clause_head, "in"):
        place = resolver.resolve(syntax.text_of(syntax.phrase_tokens(venue)), None)
        if place.sector == "IGO":
            return "044"
        if place.country and place.country not in {source.country, target.country}:
            return "044"
    return code


# Verbal acts (QuadClass 1 and 3): when the speaker is the actor, saying it is doing it.
VERBAL_ROOTS = {"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"}


@dataclass(frozen=True)
class Told:
    """An act as the text tells it: its code, its status, and the clause whose day is its date."""

    code: str
    status: Status
    when: Token


def as_told(rules: Rules, action: CodedAction, claim: Claim, attributed: bool, own_word: bool, statement: Token | None) -> Told:
    """The event is what was said when the act is only said: "said he was willing to meet Trump" is
    the expressed intent (036), "may impose sanctions if talks fail" the threat (1312), each dated by
    the clause that says it (`statement`, the reporting verb); a party's own denial ("said on Thursday
    it is not supporting rebels") stays the negated act, dated when made. A third party's account
    of an act is claimed; a party saying it does a verbal act is doing it."""
    said = intent_code(rules, action, claim, own_word) or threat_code(rules, action, claim)
    code, status, when = action.code, claim.status, action.clause_head
    if said is not None:
        code, status, when = said, Status.ASSERTED, statement or when
    elif status is Status.NEGATED and own_word and statement is not None:
        when = statement
    if status is Status.ASSERTED and attributed and not (code[:2] in VERBAL_ROOTS and own_word):
        status = Status.CLAIMED
    return Told(code, status, when)
