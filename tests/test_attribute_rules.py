"""The cached attribute ruler annotates exactly as spaCy's own, token for token."""

import json
from pathlib import Path

import spacy

from polybius.attribute_rules import CachedAttributeRuler, use_cached_attribute_ruler
from polybius.parse import resolve_model_name

REPO = Path(__file__).resolve().parents[1]
TRICKY = [
    "I ain't gonna do it, y'all. Let's go. It's been there. He had had it. Gotta run, c'mon! Somethin' 'bout 'em.",
    "  \n\n  Spaces  \t here.  There is a man who does what he did; it was that one, those were his.",
    "She gets what she got. You told me, and I told you. If it rains, we'll stay; whether or not, they'd go.",
]


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_same_annotations_as_the_stock_attribute_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributeRuler)
    stock = spacy.load(resolve_model_name())
    texts = TRICKY + [p.read_text("utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (REPO / "eval" / "gold" / "dev.jsonl").read_text("utf-8").splitlines() if line.strip()]
    ours = spacy.load(resolve_model_name())
    use_cached_attribute_ruler(ours)
    use_cached_attribute_ruler(ours)  # a second call changes nothing
    assert ours.pipe_names == stock.pipe_names
    for _ in range(2):  # the second pass answers from the cache
        assert [_annotations(d) for d in ours.pipe(texts)] == [_annotations(d) for d in stock.pipe(texts)]
