"""A user's TABARI/PETRARCH verb dictionary as a `PhraseBook` (`polybius.coding.phrase_patterns`).

Every pattern keeps PETRARCH's meaning (words around the verb, `&SET`, `$ + % ^`), and every code
is kept as the dictionary writes it: a user's verb dictionary is the user's codebook (a code CAMEO
does not have takes its root's QuadClass and Goldstein, see `coding.ontology.to_models`). A verb
written around other words (`WIRE_+TAP`, `+CUT_OFF`) has those words next to it in every pattern.
A verb is found by the forms PETRARCH would make of it (`LEAVE`: leaves, leaved, leaving; `{}`
lists them instead) and, failing those, by spaCy's lemma; `LEFT` and `MET` blocks thus keep the
forms they name. The block's default code is the verb's pattern without words (`[---]`: alone, the
verb is no event). What cannot be read is counted, not fatal: patterns in PETRARCH 2's bracketed
syntax (`(FOR {FINANCIAL AID})`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from polybius.coding.phrase_patterns import PhraseBook, PhrasePattern, PhraseRule
from polybius.dictionaries.petrarch import VerbDictionary, VerbEntry


@dataclass
class VerbBook:
    """The user's verbs, and what could not be read (reason -> count)."""

    phrases: PhraseBook = field(default_factory=PhraseBook)
    skipped: Counter = field(default_factory=Counter)
    patterns: int = 0  # the dictionary's patterns read


def verb_forms(entry: VerbEntry) -> set[str]:
    """The forms PETRARCH makes of a verb (TABARI's rules: +S/ES, +ED/D, +ING, a final E dropped
    before ING after a consonant), or the ones written in `{}`; lower case."""
    word = entry.word.upper()
    if entry.forms:
        return {word.lower(), *(f.lower() for f in entry.forms)}
    third = word + ("ES" if word[-1] in "SXZ" else "S")
    past = word + ("D" if word.endswith("E") else "ED")
    gerund = (word[:-1] if word.endswith("E") and len(word) > 1 and word[-2] not in "AEIOU" else word) + "ING"
    return {w.lower() for w in (word, third, past, gerund)}


def verb_book(dictionary: VerbDictionary) -> VerbBook:
    book = VerbBook()
    for record in dictionary.records:
        patterns: list[tuple[PhrasePattern, str | None, str | None, int]] = []
        for pattern in record.patterns:
            try:
                patterns.append((PhrasePattern.parse(pattern.text, dictionary.sets), pattern.code.code, pattern.code.back, pattern.line))
                book.patterns += 1
            except ValueError:
                book.skipped["patterns in a syntax polybius does not read (PETRARCH 2's brackets)"] += 1
        name = Path(record.path).name
        for entry in record.verbs:
            default = entry.code or record.code
            before, after = entry.words[: entry.verb], entry.words[entry.verb + 1 :]
            rules = [PhraseRule(phrase.around(before, after), code, back, f"{name}:{line}") for phrase, code, back, line in patterns]
            rules.append(PhraseRule(PhrasePattern((), ()).around(before, after), default.code, default.back, f"{name}:{record.line}"))
            book.phrases.by_lemma.setdefault(entry.word.lower(), []).extend(rules)
            for form in verb_forms(entry):
                book.phrases.by_form.setdefault(form, []).extend(rules)
    return book
