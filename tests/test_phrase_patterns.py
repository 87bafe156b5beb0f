"""PETRARCH verb patterns (words around the verb) matched on spaCy's parse, and the PETRARCH
conventions that apply to what a user's verb dictionary codes: the first actor after the verb as
the target, every coordinated actor, pairs of codes, one coded verb per verb phrase."""

from __future__ import annotations

import datetime as dt

import pytest

from polybius.coding.phrase_patterns import PhraseBook, PhrasePattern, PhraseRule, within_phrase_of
from polybius.dictionaries import DictionarySet
from polybius.models import Article

SETS = {"TIETYPES": ("MILITARY", "ECONOMIC"), "NEGATIVE": ("DID N'T", "WILL NOT"), "SOFT": ("OVERLY SOFT",)}


def _verb(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("pattern", "text", "verb", "matches"),
    [
        ("* &TIETYPES TIES", "Freedonia cut its economic ties with Sylvania.", "cut", True),
        ("* &TIETYPES TIES", "Freedonia cut its cultural ties with Sylvania.", "cut", False),
        ("* RESOLUTION", "Freedonia adopted two resolutions on Sylvania.", "adopted", False),  # words, not lemmas
        ("* RESOLUTION", "Freedonia adopted a resolution on Sylvania.", "adopted", True),
        ("INDICATED WOULD * NOW", "Freedonia indicated it would act now against Sylvania.", "act", True),
        ("WOULD INDICATED * NOW", "Freedonia indicated it would act now against Sylvania.", "act", False),  # order counts
        ("&NEGATIVE *", "Freedonia didn't attack Sylvania.", "attack", True),
        ("&NEGATIVE *", "Freedonia will not attack Sylvania.", "attack", True),
        ("&NEGATIVE *", "Freedonia did attack Sylvania.", "attack", False),
        ("FAILED_TO_*", "Freedonia failed to attack Sylvania.", "attack", True),
        ("FAILED_TO_*", "Freedonia failed once more to attack Sylvania.", "attack", False),  # '_': next to each other
        ("* OVERLY_SOFT", "Freedonia found the terms overly soft.", "found", True),
        ("* &SOFT", "Freedonia found the terms overly soft.", "found", True),
        ("* TO", "Freedonia agreed, and Sylvania appealed to Ruritania.", "agreed", False),  # a coordinated verb is another phrase
    ],
)
def test_words_around_the_verb(nlp, pattern, text, verb, matches):
    assert (PhrasePattern.parse(pattern, SETS).match(_verb(nlp, text, verb)) is not None) is matches


def test_the_words_a_pattern_needs():
    assert PhrasePattern.parse("* &TIETYPES TIES WITH +", SETS).needs == {"ties", "with"}  # word sets and markers need none
    assert PhrasePattern.parse("* &SOFT", SETS).needs == set()


def test_noun_phrase_markers(nlp):
    verb = _verb(nlp, "The army of Freedonia received weapons from Sylvania yesterday.", "received")
    found = PhrasePattern.parse("+ * ^ FROM $", SETS).match(verb)
    assert (found.source.text, found.target.text) == ("Sylvania", "Freedonia")  # noun phrases are spaCy's noun chunks
    assert PhrasePattern.parse("* FROM +", SETS).match(verb).target.text == "Sylvania"
    assert PhrasePattern.parse("* WEAPONS $", SETS).match(verb).source.text == "Sylvania"  # other words may come between
    assert PhrasePattern.parse("* WEAPONS_$", SETS).match(verb) is None  # unless '_' joins them
    both = PhrasePattern.parse("% *", SETS).match(_verb(nlp, "Freedonia, Sylvania and Ruritania agreed on a truce.", "agreed"))
    assert both.source is both.target and both.source.text == "Freedonia"  # a compound acts on itself
    after = PhrasePattern.parse("* WITH %", SETS).match(_verb(nlp, "Freedonia agreed with Sylvania and Ruritania.", "agreed"))
    assert (after.source, after.target.text) == (None, "Sylvania")  # after the verb, a compound is the target


def test_a_noun_phrase_marker_may_start_inside_the_phrase(nlp):
    verb = _verb(nlp, "Freedonia warned its citizens about the Sylvanian navy.", "warned")
    assert PhrasePattern.parse("* ITS ^ ABOUT +", SETS).match(verb).target.text == "navy"  # 'its' opens 'its citizens'


def test_a_verb_written_around_other_words(nlp):
    tap = PhrasePattern.parse("*", SETS).around(["WIRE"], [])
    assert tap.match(_verb(nlp, "Freedonian agents wire tapped the Sylvanian embassy.", "tapped")) is not None
    assert tap.match(_verb(nlp, "Freedonian agents tapped the Sylvanian embassy.", "tapped")) is None


@pytest.fixture
def book():
    parse = lambda text: PhrasePattern.parse(text, SETS)  # noqa: E731
    rules = [PhraseRule(parse("* &TIETYPES TIES"), "902", origin="t:2"), PhraseRule(parse("* TIES"), "901", origin="t:3"),
             PhraseRule(parse("NOT *"), None, origin="t:4"), PhraseRule(parse("*"), "345", origin="t:1")]
    left = [PhraseRule(parse("*"), "032", "033", origin="t:9")]
    return PhraseBook(by_form={"abandon": rules, "abandoned": rules, "left": left}, by_lemma={"abandon": rules, "left": left})


def test_the_longest_matching_pattern_decides(nlp, book):
    code = lambda text: [c.code for c in book.code(_verb(nlp, text, text.split()[1]))]  # noqa: E731
    assert code("Freedonia abandoned its economic ties with Sylvania.") == ["902"]
    assert code("Freedonia abandoned its ties with Sylvania.") == ["901"]
    assert code("Freedonia abandoned the talks with Sylvania.") == ["345"]  # the verb's own code
    assert book.code(_verb(nlp, "Freedonia did not abandon Sylvania.", "abandon")) == []  # [---]: no event
    assert book.code(_verb(nlp, "Freedonia attacked Sylvania.", "attacked")) is None  # not a verb of theirs
    modal = PhraseBook(by_lemma={"should": book.by_lemma["abandon"]})
    assert modal.code(_verb(nlp, "Freedonia should attack Sylvania.", "should")) is None  # PETRARCH reads verbs, not modals


def test_forms_before_lemmas_and_pairs_of_codes(nlp, book):
    left = _verb(nlp, "The Freedonian envoy left for Sylvania on Monday.", "left")
    forward, back = book.code(left)  # 'left' is its own entry, though spaCy's lemma is 'leave'
    assert (forward.code, forward.source.text, forward.target, [t.text for t in forward.target_options]) == ("032", "envoy", None, ["Sylvania", "Monday"])
    assert (back.code, back.target.text, [t.text for t in back.source_options]) == ("033", "envoy", ["Sylvania", "Monday"])
    assert book.code(_verb(nlp, "Freedonia is abandoning Sylvania.", "abandoning"))[0].code == "345"  # other forms: by lemma
    assert book.code(_verb(nlp, "The envoy is leaving for Sylvania.", "leaving")) is None  # 'left' is no form of 'leave' here


def test_a_passive_without_its_agent_has_no_known_doer(nlp, book):
    coded = book.code(_verb(nlp, "Sylvania was abandoned by its allies.", "abandoned"))[0]
    assert (coded.source.text, coded.target.text) == ("allies", "Sylvania")
    coded = book.code(_verb(nlp, "Sylvania was abandoned last year.", "abandoned"))[0]
    assert (coded.source, coded.source_options, coded.target.text) == (None, (), "Sylvania")


def test_one_coded_verb_per_verb_phrase(nlp):
    doc = nlp("Freedonia said Sylvania attacked Ruritania, and Marxonia agreed.")
    said, attacked, agreed = (next(t for t in doc if t.text == w) for w in ("said", "attacked", "agreed"))
    assert within_phrase_of(attacked, [said]) and not within_phrase_of(agreed, [said]) and not within_phrase_of(said, [said])


def test_the_coder_lets_a_users_verbs_alone_code_them(nlp, book):
    from dataclasses import replace

    from polybius.coding.coder import EventCoder
    from polybius.coding.patterns import load_patterns

    coder = EventCoder(replace(load_patterns(), phrases=book))
    doc = nlp("Freedonia abandoned its economic ties with Sylvania after Ruritania attacked Marxonia.")
    actions = coder.code_sentence(next(iter(doc.sents)))
    assert [(a.trigger.text, a.code, a.petrarch) for a in actions] == [("abandoned", "902", True)]  # 'attacked' is in its phrase
    assert [t.text for t in actions[0].target_options] == ["ties", "Sylvania", "Ruritania", "Marxonia"]
    doc = nlp("Ruritania attacked Marxonia.")
    assert [(a.code, a.petrarch) for a in coder.code_sentence(next(iter(doc.sents)))] == [("190", False)]  # ours code the rest


def test_the_context_settles_petrarch_sides_and_takes_every_conjunct(nlp, book, tmp_path):
    from dataclasses import replace

    from polybius.coding.coder import EventCoder
    from polybius.coding.patterns import load_patterns
    from polybius.pipeline import Pipeline

    actors = tmp_path / "duck.actors.txt"
    actors.write_text("FREEDONIA [FRD]\nSYLVANIA [SYL]\nRURITANIA [RUR]\nMARXONIA [MRX]\nKLOPSTOKIA [KLP]\n")
    pipeline = Pipeline(nlp=nlp, dictionaries=DictionarySet(phoenix=False, actors=(actors,)))
    pipeline.coder = EventCoder(replace(load_patterns(), phrases=book))

    def events(text: str) -> list[tuple]:
        found = pipeline.extract(Article(article_id="c", text=text, pub_date=dt.date(1933, 11, 17))).events
        return sorted(((e.source.country, e.target.country, e.cameo.code) for e in found), key=str)

    # the target is the first noun phrase after the verb that names an actor: not "formal diplomatic relations"
    assert events("Klopstokia abandoned the resumption of formal diplomatic relations with Freedonia.") == [("KLP", "FRD", "345")]
    four = events("Freedonia, Sylvania, Ruritania and Marxonia abandoned their economic ties with Klopstokia.")
    assert four == sorted(((c, "KLP", "902") for c in ("FRD", "SYL", "RUR", "MRX")), key=str)  # every conjunct


# -- in the pipeline: PETRARCH's conventions for what a user's verb dictionary codes --------------------
ACTORS = """\
FREEDONIA [FRD]
+FREEDONIAN
SYLVANIA [SYL]
RURITANIA [RUR]
+RURITANIAN
MARXONIA [MRX]
KLOPSTOKIA [KLP]
THE_BALKAN_STATES [BLK/SRB]
"""
VERBS = """\
--- WELCOME [041] ---
WELCOME
--- LEFT [032:033] ---
LEFT
--- SAY [023] ---
SAY {SAID SAYS SAYING}
--- RESTORE [064] ---
RESTORE
--- AGREE [081] ---
AGREE
- % * [030:030]
--- SPUR [081] ---
SPUR
"""


@pytest.fixture(scope="module")
def petrarch_events(nlp, tmp_path_factory):
    from polybius.pipeline import Pipeline

    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "duck.actors.txt").write_text(ACTORS)
    (folder / "duck.verbs.txt").write_text(VERBS)
    pipeline = Pipeline(nlp=nlp, dictionaries=DictionarySet(phoenix=False, actors=(folder / "duck.actors.txt",),
                                                            verbs=(folder / "duck.verbs.txt",)))

    def events(text: str) -> list[tuple]:
        result = pipeline.extract(Article(article_id="p", text=text, pub_date=dt.date(1933, 11, 17)))
        return sorted(((e.source.country, e.target.country, e.cameo.code) for e in result.events), key=str)
    return events


def test_the_target_is_the_first_actor_after_the_verb(petrarch_events):
    # not 'formal diplomatic ties': an adjective alone makes no actor
    assert petrarch_events("Freedonia welcomed the resumption of formal diplomatic ties with Sylvania.") == [("FRD", "SYL", "041")]


def test_every_coordinated_actor_takes_part(petrarch_events):
    events = petrarch_events("Freedonia, Sylvania, Ruritania and Marxonia welcomed the resumption of talks with Klopstokia.")
    assert events == sorted((c, "KLP", "041") for c in ("FRD", "SYL", "RUR", "MRX"))


def test_a_source_naming_no_actor_gives_way_to_the_first_that_does(petrarch_events):
    events = petrarch_events("Resumption of talks between Freedonia and Sylvania may spur a truce with Ruritania.")
    assert [e for e in events if e[2] == "081"] == [("FRD", "RUR", "081"), ("SYL", "RUR", "081")]  # ('talks' is ours: 046)


def test_a_pair_of_codes_and_a_compound_acting_on_itself(petrarch_events):
    assert petrarch_events("A Freedonian envoy left for Sylvania on Monday.") == [("FRD", "SYL", "032"), ("SYL", "FRD", "033")]
    assert petrarch_events("Freedonia and Sylvania agree that the border should stay open.") == [
        ("FRD", "SYL", "030"), ("SYL", "FRD", "030")]


def test_reporting_verbs_of_the_dictionary_are_events_and_keep_what_came_before(petrarch_events):
    events = petrarch_events("Freedonia will restore ties with Sylvania, a Ruritanian official said.")
    assert ("FRD", "SYL", "064") in events and ("RUR", None, "023") in events
    assert petrarch_events("A Ruritanian official said Freedonia will restore ties with Sylvania.") == [("RUR", "FRD", "023")]


def test_our_conventions_stay_without_a_users_verbs(pipeline):
    events = pipeline.extract(Article(article_id="o", text="Kenya and Uganda, Tanzania and Rwanda signed an agreement with Ethiopia.",
                                      pub_date=dt.date(2020, 1, 1))).events
    assert len({e.source.country for e in events}) <= 3  # at most three conjuncts a side
