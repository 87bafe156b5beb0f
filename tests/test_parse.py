"""The parse stage: sentence-local entities, and long texts parsed in pieces with exact offsets."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import polybius.parse as parse
from polybius.ingest.readers import read_text

STRIKES = (Path(__file__).resolve().parents[1] / "examples" / "strikes-report.txt").read_text("utf-8")


def test_entities_equal_span_ents_for_every_sentence(nlp):
    doc = nlp(STRIKES)
    assert doc.ents
    for sentence in doc.sents:
        assert [(e.start, e.end, e.label_) for e in parse.entities(sentence)] == [(e.start, e.end, e.label_) for e in sentence.ents]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 400), st.integers(0, 400))
def test_entities_equal_span_ents_for_any_span(nlp, a, b):
    doc = _strikes_doc(nlp)
    start, end = sorted((min(a, len(doc)), min(b, len(doc))))
    span = doc[start:end]
    assert [(e.start, e.end, e.label_, e.kb_id, e.id) for e in parse.entities(span)] == [
        (e.start, e.end, e.label_, e.kb_id, e.id) for e in span.ents]


def _strikes_doc(nlp, cache={}):  # noqa: B006 - one parse for all hypothesis examples
    if "doc" not in cache:
        cache["doc"] = nlp(STRIKES)
    return cache["doc"]


def test_line_breaks_start_sentences(nlp):
    doc = nlp("Turkish jets struck\nRebels shelled Idlib on Monday")
    assert [s.text.strip() for s in doc.sents] == ["Turkish jets struck", "Rebels shelled Idlib on Monday"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=300), st.integers(1, 40))
def test_split_text_joins_back_exactly(text, size):
    pieces = parse.split_text(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)
    assert all(pieces) or pieces == [""]


def test_split_text_cuts_at_paragraph_ends_before_the_next_word():
    text = "First paragraph here.\n\nSecond one.\nThird paragraph is longer than the others."
    pieces = parse.split_text(text, 30)
    assert pieces[0] == "First paragraph here.\n\n"
    assert all(not p[0].isspace() for p in pieces[1:])
    # no paragraph end in reach: a sentence end, then a space
    assert parse.split_text("One two. Three four five six", 14) == ["One two. ", "Three four ", "five six"]
    assert parse.split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_long_text_is_parsed_in_pieces_with_exact_offsets(nlp, monkeypatch):
    text = "\n\n".join([STRIKES] * 3)
    whole = nlp(text)
    monkeypatch.setattr(parse, "WHOLE_CHARS", 2000)
    monkeypatch.setattr(parse, "PIECE_CHARS", 1500)
    short = "Rebels shelled Idlib on Monday."
    docs = list(parse.parse_texts(nlp, [short, text, short], batch_size=2))
    assert [d.text for d in docs] == [short, text, short]
    joined = docs[1]
    assert [t.text for t in joined] == [t.text for t in whole]
    assert [t.idx for t in joined] == [t.idx for t in whole]
    assert all(text[e.start_char : e.end_char] == e.text for e in joined.ents)
    assert abs(len(list(joined.sents)) - len(list(whole.sents))) <= 2  # the parser sees less context at a cut


def test_text_over_spacy_limit_never_reaches_e088(monkeypatch):
    blank = spacy.blank("en")
    blank.max_length = 1000
    text = "Word after word.\n" * 500  # 8,500 characters: over this pipeline's limit
    monkeypatch.setattr(parse, "WHOLE_CHARS", 900)
    monkeypatch.setattr(parse, "PIECE_CHARS", 900)
    (doc,) = parse.parse_texts(blank, [text])
    assert doc.text == text


def test_pipeline_codes_a_long_article_with_exact_spans(pipeline, monkeypatch):
    monkeypatch.setattr(parse, "WHOLE_CHARS", 2000)
    monkeypatch.setattr(parse, "PIECE_CHARS", 1500)
    article = read_text("\n\n".join([STRIKES] * 3), source="long")
    result = pipeline.extract(article)
    assert result.error is None and result.events
    for event in result.events:
        assert article.text[slice(*event.char_span)] == event.sentence
        assert article.text[slice(*event.trigger_span)] == event.trigger
