"""spaCy's attribute ruler (tag → POS, morphology and lemma exceptions), matched once per kind of token.

The stock component runs its Matcher, with every one of its ~180 patterns, over every token: about
a tenth of the whole parse on news text. Nearly all of its patterns look at one token and only at
its tag, lowercase form, dependency label and whether it is a space, so which of them match is a
function of those four values. This component asks spaCy's own Matcher once per such combination
(on a Doc of tokens that carry them, one per new combination) and remembers the answer; patterns that span tokens or read
anything else still run on the whole Doc. The matches, their order and the attributes set are the
stock component's (`tests/test_attribute_rules.py` compares every token attribute of both).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

SIGNATURE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
CACHE_LIMIT = 200_000  # combinations remembered before the memory is cleared


class CachedAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose single-token patterns are matched per token signature, then cached."""

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled: tuple[Matcher, Matcher] | None = None
        self._cache: dict[tuple[int, int, int, bool], list[int]] = {}

    def _compile(self) -> tuple[Matcher, Matcher]:
        """Split the rules: those decided by one token's signature, and the rest."""
        per_token, whole_doc = Matcher(self.vocab), Matcher(self.vocab)
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            _, patterns = self.matcher.get(key)
            local = all(len(p) == 1 and set(p[0]) <= SIGNATURE_KEYS for p in patterns)
            (per_token if local else whole_doc).add(self.vocab.strings.add(key), patterns)
        return per_token, whole_doc

    def _learn(self, matcher: Matcher, tokens: list[Token]) -> None:
        """Match the not-yet-seen signatures, all at once, on one Doc of their tokens side by side."""
        probe = Doc(self.vocab, words=[t.text for t in tokens], spaces=[False] * len(tokens))
        for copy, token in zip(probe, tokens, strict=True):
            copy.tag, copy.dep = token.tag, token.dep
        found: list[list[int]] = [[] for _ in tokens]
        for match_id, start, _ in matcher(probe, allow_missing=True):
            found[start].append(match_id)  # single-token patterns: one token, one start
        for token, ids in zip(tokens, found, strict=True):
            self._cache[_signature(token)] = ids

    def match(self, doc: Doc):
        if getattr(self, "_compiled", None) is None:
            self._compiled, self._cache = self._compile(), {}
        per_token, whole_doc = self._compiled
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        unseen = {_signature(t): t for t in doc if _signature(t) not in self._cache}
        if unseen:
            self._learn(per_token, list(unseen.values()))
        matches = list(whole_doc(doc, allow_missing=True))
        for token in doc:
            matches.extend((match_id, token.i, token.i + 1) for match_id in self._cache[_signature(token)])
        ordered = [(int(self.vocab.strings[match_id]), match_id, start, end) for match_id, start, end in matches]
        ordered.sort()
        return ordered


def _signature(token: Token) -> tuple[int, int, int, bool]:
    return token.lower, token.tag, token.dep, token.is_space


@Language.factory("polybius_attribute_ruler", default_config={"validate": False})
def make_cached_attribute_ruler(nlp: Language, name: str, validate: bool) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.vocab, name, validate=validate)


def use_cached_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for the cached one, with the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names or isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributeRuler):
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "polybius_attribute_ruler").add_patterns(patterns)
