"""Status and attribution from reporting frames, denials, negation, modality and plans.

We walk up the dependency tree from the event's clause. The closest modal cue decides the status
("not planning to expand strikes" → negated, even inside "Lavrov told reporters that ..."), while the
nearest reporting frame above the event gives its attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from polybius.coding import syntax
from polybius.models import Status


@dataclass(frozen=True)
class Cues:
    reporting: frozenset[str]
    denial: frozenset[str]
    denial_objects: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    plan: frozenset[str]
    hypothetical: frozenset[str]
    conditional: frozenset[str]
    planned_preps: frozenset[str]
    according: frozenset[str]
    realised: frozenset[str]
    failed: frozenset[str]
    realis_markers: frozenset[str]


@cache
def load_cues() -> Cues:
    raw = yaml.safe_load(resources.files("polybius.claims").joinpath("data/cues.yaml").read_text("utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Cues(
        reporting=words("reporting_verbs"),
        denial=words("denial_verbs"),
        denial_objects=words("denial_objects"),
        hypothetical_aux=words("hypothetical_auxiliaries"),
        future_aux=words("future_auxiliaries"),
        plan=words("plan_governors"),
        hypothetical=words("hypothetical_governors"),
        conditional=words("conditional_markers"),
        planned_preps=words("planned_prepositions"),
        according=words("according_markers"),
        realised=words("realised_governors"),
        failed=words("failed_governors"),
        realis_markers=words("realis_markers"),
    )


@dataclass(frozen=True)
class Claim:
    status: Status
    speaker: Token | None
    cue: str | None


class ClaimAssessor:
    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()

    def is_reporting_verb(self, token: Token) -> bool:
        return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in self.cues.reporting

    def statement_of(self, claim: Claim) -> Token | None:
        """The reporting verb of a claim's speaker ('South Sudan on Thursday said ...'), if it has one."""
        if claim.speaker is not None and self.is_reporting_verb(claim.speaker.head):
            return claim.speaker.head
        return None

    def speaker_of(self, verb: Token) -> Token | None:
        """The subject of a reporting verb; passive 'he was quoted as saying by X' gives 'he'."""
        subject = syntax.logical_subject(verb)
        if subject is None and verb.dep_ in {"advcl", "pcomp", "xcomp"}:
            subject = syntax.logical_subject(verb.head)
        if subject is None and syntax.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "nsubjpass":
                    return child
        return subject

    def _local_status(self, token: Token) -> tuple[Status, str] | None:
        """Cues on the word itself: negation (first: 'will not supply' is negated), modal and future
        auxiliaries, conditional marks."""
        negation = next((c for c in token.children if c.dep_ == "neg"), None)
        if negation is not None:
            return Status.NEGATED, negation.lower_
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in self.cues.hypothetical_aux:
                return Status.HYPOTHETICAL, word
            if child.dep_ == "aux" and word in self.cues.future_aux:
                return Status.PLANNED, word
            if child.dep_ == "mark" and word in self.cues.conditional:
                return Status.HYPOTHETICAL, word
        return None

    def _governor_status(self, governor: Token, via: Token) -> tuple[Status, str] | None:
        lemma = governor.lemma_.lower()
        if lemma in self.cues.denial and via.dep_ not in {"advcl", "parataxis"}:
            # "denied backing rebels, a day after the UN called for ...": the 'after' clause is not denied
            return Status.DENIED, lemma
        if governor.lemma_.lower() in self.cues.denial_objects and governor.head.lemma_.lower() in self.cues.denial and via.dep_ in {"acl", "ccomp", "relcl"}:
            return Status.DENIED, governor.head.lemma_.lower()
        if self._is_realis_clause(via):
            return None  # "threatened a strike after activists burned effigies": the burning happened
        if via.dep_ in {"xcomp", "ccomp", "acl", "advcl", "pobj", "pcomp"} and (lemma in self.cues.plan or lemma in self.cues.hypothetical):
            negated = syntax.is_negated(governor)
            if negated:
                return Status.NEGATED, f"not {lemma}"
            return (Status.PLANNED if lemma in self.cues.plan else Status.HYPOTHETICAL), lemma
        if via.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lower_ in self.cues.planned_preps:
            return Status.PLANNED, f"{governor.head.lower_} of"
        if via.dep_ == "pobj" and governor.lower_ in self.cues.planned_preps:
            return Status.PLANNED, governor.lower_
        return None

    def assess(self, clause_head: Token, sentence: Span) -> Claim:
        status: tuple[Status, str] | None = self._local_status(clause_head)
        speaker: Token | None = None
        via = clause_head
        framed = False  # passed through a circumstance clause: what lies above no longer reports it
        for governor in syntax.ancestors_in(clause_head, sentence):
            framed = framed or self._is_realis_clause(via)
            if speaker is None and not framed and self.is_reporting_verb(governor) and via.dep_ in {"ccomp", "parataxis", "xcomp", "conj", "advcl"}:
                speaker = self.speaker_of(governor)
            if status is None and not framed:
                status = self._governor_status(governor, via)
                if status is None and via.dep_ in {"xcomp", "conj", "ccomp"} and governor.pos_ in {"VERB", "AUX"}:
                    inherited = self._local_status(governor)
                    if inherited is not None and inherited[0] is not Status.NEGATED:
                        status = inherited
            via = governor
        if speaker is None:
            speaker = self._parenthetical_speaker(clause_head, sentence)
        if status is None:
            status = self._unrealised(clause_head, sentence)
        if status is not None:
            return Claim(status[0], speaker, status[1])
        if speaker is not None:
            return Claim(Status.CLAIMED, speaker, "reported")
        return Claim(Status.ASSERTED, None, None)

    def _is_realis_clause(self, clause: Token) -> bool:
        """'warned on Friday, a day after its forces shot down a drone': the 'after' clause is the
        reporter's, not what the speaker says."""
        return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.cues.realis_markers for c in clause.children)

    def _unrealised(self, clause_head: Token, sentence: Span) -> tuple[Status, str] | None:
        """Infinitives of purpose and 'it is unrealistic to ...': the act has not happened."""
        for node in (clause_head, *syntax.ancestors_in(clause_head, sentence)):
            if node.pos_ in {"VERB", "AUX"} and node.lemma_ == "be":
                for child in node.children:
                    if child.dep_ in {"acomp", "attr"} and child.lemma_.lower() in self.cues.hypothetical:
                        return Status.HYPOTHETICAL, child.lemma_.lower()
            if node.pos_ == "VERB" and node.dep_ in {"advcl", "acl", "relcl", "xcomp"}:
                if any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
                    governor = node.head.lemma_.lower()
                    if node.dep_ == "xcomp" and governor in self.cues.failed:
                        return Status.NEGATED, governor
                    if node.dep_ == "xcomp" and governor in self.cues.realised:
                        continue
                    return Status.HYPOTHETICAL, "to"
            if self.is_reporting_verb(node):
                return None
        return None

    def _parenthetical_speaker(self, clause_head: Token, sentence: Span) -> Token | None:
        """'<event>, officials said.' or 'according to X': a frame hanging off the event clause."""
        root = clause_head
        while root.dep_ in {"conj", "xcomp", "ccomp"} and root.head != root and not self.is_reporting_verb(root.head):
            root = root.head
        for child in root.children:
            # "X attacked Y, officials said" — but not "X rejected Y, saying ...": that is X elaborating.
            if child.dep_ in {"parataxis", "ccomp"} and self.is_reporting_verb(child) and child.i > clause_head.i:
                return self.speaker_of(child)
        for token in sentence:
            if token.lower_ in self.cues.according and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
                objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None
