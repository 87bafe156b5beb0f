"""Validate the CAMEO pattern dictionaries (src/polybius/coding/data/verbs.yaml and nouns.yaml).

Only the standard library and PyYAML are used: the files are checked as data (keys, codes, slots,
reachability of every CAMEO root) and a small re-implementation of the documented matching rule
(all conditions hold; most conditions wins; ties go to the first) runs spot checks on codes we are
sure of.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "polybius" / "coding" / "data"

VERB_CONDITIONS = {"subject_any", "object_any", "prep", "pobj_any", "particle", "xcomp_any", "negated"}
NOUN_CONDITIONS = {"modifier_any", "plural", "prep", "subject_any"}
ROLE_KEYS = {"code", "source", "target", "note", "comment"}
LIST_CONDITIONS = {"subject_any", "object_any", "xcomp_any", "modifier_any", "pobj_any"}
WORD_CONDITIONS = {"prep", "particle"}
BOOL_CONDITIONS = {"negated", "plural"}

REPORTING_FRAMES = {"say", "tell", "add", "report", "quote"}

LEMMA_RE = re.compile(r"^[a-z][a-z'-]*$")
WORD_RE = re.compile(r"^[a-z]+$")
VERB_SLOT_RE = re.compile(r"^(subj|dobj|dobj:owner|iobj|prep:[a-z]+|xcomp:(dobj|iobj|prep:[a-z]+))$")
NOUN_SLOT_RE = re.compile(r"^(poss|amod|compound|prep:[a-z]+)$")


def _codes(*spans: str) -> set[str]:
    """'0211-0214' -> {'0211', ..., '0214'}; '010' -> {'010'}."""
    found: set[str] = set()
    for span in spans:
        if "-" in span:
            low, high = span.split("-")
            found.update(str(n).zfill(len(low)) for n in range(int(low), int(high) + 1))
        else:
            found.add(span)
    return found


# CAMEO 1.1b3 event codes.
VALID_CODES = _codes(
    "010-019",
    "020", "021", "0211-0214", "022", "023", "0231-0234", "024", "0241-0244", "025", "0251-0256", "026-028",
    "030", "031", "0311-0314", "032", "033", "0331-0334", "034", "0341-0344", "035", "0351-0356", "036-039",
    "040-046",
    "050-057",
    "060-064",
    "070-075",
    "080", "081", "0811-0814", "082", "083", "0831-0834", "084", "0841-0842", "085", "086", "0861-0863",
    "087", "0871-0874",
    "090-094",
    "100", "101", "1011-1014", "102", "103", "1031-1034", "104", "1041-1044", "105", "1051-1056", "106-108",
    "110", "111", "112", "1121-1125", "113-116",
    "120", "121", "1211-1212", "122", "1221-1224", "123", "1231-1234", "124", "1241-1246", "125-129",
    "130", "131", "1311-1313", "132", "1321-1324", "133-138", "1381-1385", "139",
    "140", "141", "1411-1414", "142", "1421-1424", "143", "1431-1434", "144", "1441-1444", "145", "1451-1454",
    "150-154",
    "160", "161", "162", "1621-1623", "163-166", "1661-1663",
    "170", "171", "1711-1712", "172", "1721-1724", "173-175",
    "180", "181", "182", "1821-1823", "183", "1831-1833", "184-186",
    "190-196",
    "200-204", "2041-2042",
)
ROOTS = {f"{n:02d}" for n in range(1, 21)}


class DuplicateKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with the same key twice."""


def _construct_mapping(loader: DuplicateKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


DuplicateKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=DuplicateKeyLoader)


@pytest.fixture(scope="module")
def verbs() -> dict:
    return _load("verbs.yaml")


@pytest.fixture(scope="module")
def nouns_file() -> dict:
    return _load("nouns.yaml")


@pytest.fixture(scope="module")
def nouns(nouns_file) -> dict:
    return nouns_file["nouns"]


def _all_patterns(book: dict):
    for lemma, patterns in book.items():
        for index, pattern in enumerate(patterns):
            yield lemma, index, pattern


# ------------------------------------------------------------------ structure


def test_files_parse_without_duplicate_keys(verbs, nouns_file):
    assert isinstance(verbs, dict) and verbs
    assert set(nouns_file) == {"light_verbs", "occurrence_verbs", "nouns"}


def test_duplicate_key_loader_detects_duplicates():
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("a: [1]\nb: [2]\na: [3]\n", Loader=DuplicateKeyLoader)


def test_lemmas_are_lowercase_words(verbs, nouns):
    for book in (verbs, nouns):
        for lemma in book:
            assert isinstance(lemma, str) and LEMMA_RE.match(lemma), lemma


def test_every_lemma_has_a_list_of_patterns(verbs, nouns):
    for book in (verbs, nouns):
        for lemma, patterns in book.items():
            assert isinstance(patterns, list) and patterns, lemma
            assert all(isinstance(p, dict) for p in patterns), lemma


@pytest.mark.parametrize("kind", ["verbs", "nouns"])
def test_pattern_keys_values_and_slots(kind, verbs, nouns):
    book = verbs if kind == "verbs" else nouns
    conditions = VERB_CONDITIONS if kind == "verbs" else NOUN_CONDITIONS
    slot_re = VERB_SLOT_RE if kind == "verbs" else NOUN_SLOT_RE
    for lemma, index, pattern in _all_patterns(book):
        where = f"{kind}:{lemma}#{index}"
        assert "code" in pattern, where
        unknown = set(pattern) - conditions - ROLE_KEYS
        assert not unknown, f"{where}: unknown keys {unknown}"
        for key in LIST_CONDITIONS & set(pattern):
            values = pattern[key]
            assert isinstance(values, list) and values, where
            for value in values:
                # catches YAML turning on/off/yes/no into booleans
                assert isinstance(value, str) and value == value.lower() and value.strip() == value and value, (where, key, value)
        for key in WORD_CONDITIONS & set(pattern):
            assert isinstance(pattern[key], str) and WORD_RE.match(pattern[key]), (where, key, pattern[key])
        for key in BOOL_CONDITIONS & set(pattern):
            assert isinstance(pattern[key], bool), (where, key)
        for role in ("source", "target"):
            if role in pattern:
                slots = pattern[role]
                assert isinstance(slots, list), (where, role)
                for slot in slots:
                    assert isinstance(slot, str) and slot_re.match(slot), (where, role, slot)


def test_codes_are_valid_cameo(verbs, nouns):
    for book in (verbs, nouns):
        for lemma, index, pattern in _all_patterns(book):
            code = pattern["code"]
            if code is None:
                continue
            assert isinstance(code, str) and re.fullmatch(r"\d{3,4}", code), (lemma, index, code)
            assert code[:2] in ROOTS, (lemma, code)
            assert code in VALID_CODES, (lemma, code)


def test_null_patterns_carry_conditions_or_are_the_only_fallback(verbs, nouns):
    """A null pattern without conditions is a fallback; it must not hide a generic coded pattern."""
    for book, conditions in ((verbs, VERB_CONDITIONS), (nouns, NOUN_CONDITIONS)):
        for lemma, patterns in book.items():
            generic = [p for p in patterns if not (set(p) & conditions)]
            assert len(generic) <= 1, f"{lemma}: more than one unconditioned pattern"
            assert any(p["code"] is not None for p in patterns), f"{lemma}: no coded pattern at all"


def test_no_unreachable_duplicate_conditions(verbs, nouns):
    for book, conditions in ((verbs, VERB_CONDITIONS), (nouns, NOUN_CONDITIONS)):
        for lemma, patterns in book.items():
            seen = set()
            for index, pattern in enumerate(patterns):
                key = tuple(sorted((k, str(pattern[k])) for k in conditions if k in pattern))
                assert key not in seen, f"{lemma}#{index} repeats the conditions of an earlier pattern"
                seen.add(key)


def test_reporting_frames_are_not_event_verbs(verbs):
    assert not (REPORTING_FRAMES & set(verbs))
    for pattern in verbs.get("claim", []):
        assert pattern.get("object_any"), "claim is a reporting frame unless its object is e.g. responsibility"


def test_light_verbs(nouns_file, verbs):
    light = nouns_file["light_verbs"]
    assert isinstance(light, list) and len(light) == len(set(light))
    for verb in light:
        assert isinstance(verb, str) and LEMMA_RE.match(verb), verb
    for required in ("carry", "conduct", "launch", "stage", "hold", "wage", "mount", "unleash"):
        assert required in light
    # verbs whose target sits on the verb ("imposed sanctions on Iran") must not be light verbs
    for verb in ("impose", "lift", "declare", "send", "provide", "sign", "halt", "suspend", "end", "open"):
        assert verb not in light, verb


def _roots(book: dict) -> set[str]:
    return {p["code"][:2] for _, _, p in _all_patterns(book) if p["code"]}


def test_all_twenty_roots_reachable_from_verbs(verbs):
    assert _roots(verbs) == ROOTS


def test_most_roots_reachable_from_nouns(nouns):
    assert len(_roots(nouns)) >= 15, sorted(ROOTS - _roots(nouns))


def test_size(verbs, nouns):
    assert len(verbs) >= 400
    assert len(nouns) >= 150


def test_engine_loader_accepts_the_files():
    patterns = pytest.importorskip("polybius.coding.patterns")
    patterns.load_patterns.cache_clear()
    book = patterns.load_patterns()
    assert "strike" in book.verbs and "talk" in book.nouns and "carry" in book.light_verbs


# ------------------------------------------------------------------ matching spot checks


def _best(patterns: list[dict], holds) -> dict | None:
    matching = [(i, p) for i, p in enumerate(patterns) if holds(p)]
    if not matching:
        return None

    def specificity(p: dict) -> int:
        return sum(bool(p.get(k)) for k in ("subject_any", "object_any", "modifier_any", "xcomp_any", "prep", "particle")) + (
            p.get("plural") is not None
        ) + (p.get("negated") is not None)

    return max(matching, key=lambda ip: (specificity(ip[1]), -ip[0]))[1]


def verb_code(verbs, lemma, subj=(), obj=(), preps=(), particle=None, xcomp=None, negated=False):
    subj, obj, preps = set(subj), set(obj), set(preps)

    def holds(p: dict) -> bool:
        if p.get("subject_any") and not (subj & set(p["subject_any"])):
            return False
        if p.get("object_any") and not (obj & set(p["object_any"])):
            return False
        if p.get("prep") and p["prep"] not in preps:
            return False
        if p.get("particle") and p["particle"] != particle:
            return False
        if p.get("xcomp_any") and xcomp not in p["xcomp_any"]:
            return False
        if p.get("negated") is not None and p["negated"] != negated:
            return False
        return True

    best = _best(verbs[lemma], holds)
    return None if best is None else best["code"]


def noun_code(nouns, lemma, mods=(), plural=False, preps=(), light_subject=()):
    mods, preps, subj = set(mods), set(preps), set(light_subject)

    def holds(p: dict) -> bool:
        if p.get("modifier_any") and not (mods & set(p["modifier_any"])):
            return False
        if p.get("plural") is not None and p["plural"] != plural:
            return False
        if p.get("prep") and p["prep"] not in preps:
            return False
        if p.get("subject_any") and not (subj & set(p["subject_any"])):
            return False
        return True

    best = _best(nouns[lemma], holds)
    return None if best is None else best["code"]


VERB_CHECKS = [
    # (lemma, facts, expected code)
    ("strike", dict(subj=["warplane"]), "195"),
    ("strike", dict(subj=["air force"]), "195"),
    ("strike", dict(obj=["deal"]), "057"),
    ("strike", dict(obj=["balance"]), None),
    ("strike", dict(subj=["worker"]), "143"),
    ("strike", dict(subj=["earthquake"]), None),
    ("strike", dict(), "190"),
    ("fire", dict(obj=["gas", "tear gas"]), "175"),
    ("fire", dict(obj=["rocket"]), "194"),
    ("fire", dict(obj=["mortar"]), "194"),
    ("fire", dict(subj=["jet"], obj=["missile"]), "195"),
    ("fire", dict(obj=["minister"]), None),
    ("open", dict(obj=["fire"]), "193"),
    ("claim", dict(obj=["responsibility"]), "015"),
    ("claim", dict(obj=["victory"]), "192"),
    ("deny", dict(obj=["allegation"]), "016"),
    ("reject", dict(obj=["accusation"]), "016"),
    ("reject", dict(obj=["plan"]), "127"),
    ("reject", dict(obj=["talk"]), "125"),
    ("reject", dict(obj=["mediation"]), "126"),
    ("decline", dict(xcomp="comment"), "011"),
    ("express", dict(obj=["condolence"]), "018"),
    ("express", dict(obj=["concern"]), "110"),
    ("express", dict(obj=["optimism"]), "013"),
    ("call", dict(preps=["for"]), "020"),
    ("call", dict(preps=["on"], xcomp="release"), "0253"),
    ("call", dict(particle="off", obj=["talk"]), "164"),
    ("agree", dict(xcomp="meet"), "036"),
    ("offer", dict(xcomp="mediate"), "039"),
    ("vow", dict(xcomp="retaliate"), "138"),
    ("meet", dict(preps=["with"]), "040"),
    ("speak", dict(preps=["by", "with"]), "041"),
    ("visit", dict(), "042"),
    ("host", dict(), "043"),
    ("mediate", dict(), "045"),
    ("negotiate", dict(), "046"),
    ("praise", dict(), "051"),
    ("apologize", dict(), "055"),
    ("sign", dict(obj=["agreement"]), "057"),
    ("sign", dict(obj=["decree"]), None),
    ("extradite", dict(), "063"),
    ("grant", dict(obj=["asylum"]), "075"),
    ("send", dict(obj=["aid"]), "073"),
    ("release", dict(obj=["prisoner"]), "0841"),
    ("release", dict(obj=["statement"]), None),
    ("lift", dict(obj=["sanction"]), "085"),
    ("withdraw", dict(obj=["troop"]), "0874"),
    ("withdraw", dict(obj=["ambassador"]), "161"),
    ("investigate", dict(obj=["corruption"]), "091"),
    ("demand", dict(obj=["release"]), "1053"),
    ("demand", dict(obj=["resignation"]), "1041"),
    ("condemn", dict(), "111"),
    ("accuse", dict(), "112"),
    ("sue", dict(), "115"),
    ("convict", dict(), "116"),
    ("threaten", dict(xcomp="attack"), "1384"),
    ("veto", dict(), "129"),
    ("boycott", dict(), "143"),
    ("riot", dict(), "145"),
    ("mobilize", dict(obj=["troop"]), "154"),
    ("impose", dict(obj=["sanction"]), "163"),
    ("impose", dict(obj=["curfew"]), "1723"),
    ("expel", dict(obj=["diplomat"]), "166"),
    ("expel", dict(), "174"),
    ("arrest", dict(), "173"),
    ("seize", dict(obj=["town"]), "192"),
    ("confiscate", dict(), "1711"),
    ("kidnap", dict(), "181"),
    ("torture", dict(), "1822"),
    ("assassinate", dict(), "186"),
    ("kill", dict(subj=["gunman"], obj=["journalist"]), "186"),
    ("kill", dict(subj=["suicide bomber", "bomber"]), "1831"),
    ("kill", dict(obj=["protester"]), "175"),
    ("kill", dict(subj=["warplane"]), "195"),
    ("shell", dict(), "194"),
    ("bomb", dict(), "195"),
    ("bomb", dict(subj=["militant"]), "183"),
    ("violate", dict(obj=["ceasefire"]), "196"),
    ("occupy", dict(), "192"),
    ("besiege", dict(), "191"),
    ("clash", dict(subj=["protester"]), "145"),
    ("disperse", dict(), "175"),
    ("massacre", dict(), "202"),
    ("use", dict(obj=["chemical weapon", "weapon"]), "2041"),
    ("use", dict(obj=["civilian"], preps=["as"]), "184"),
]


@pytest.mark.parametrize(("lemma", "facts", "expected"), VERB_CHECKS)
def test_verb_spot_checks(verbs, lemma, facts, expected):
    assert verb_code(verbs, lemma, **facts) == expected


NOUN_CHECKS = [
    ("strike", dict(mods=["air"]), "195"),
    ("strike", dict(mods=["drone"]), "195"),
    ("strike", dict(mods=["general"]), "143"),
    ("strike", dict(mods=["hunger"]), "142"),
    ("strike", dict(light_subject=["worker"]), "143"),
    ("strike", dict(), "190"),
    ("talk", dict(plural=True), "046"),
    ("talk", dict(plural=False), None),
    ("ceasefire", dict(), "0871"),
    ("agreement", dict(mods=["ceasefire"]), "0871"),
    ("agreement", dict(), "057"),
    ("attack", dict(mods=["chemical"]), "2041"),
    ("attack", dict(mods=["heart"]), None),
    ("bombing", dict(mods=["suicide"]), "1831"),
    ("bomb", dict(mods=["car"]), "1832"),
    ("sanction", dict(), "163"),
    ("protest", dict(), "141"),
    ("arrest", dict(), "173"),
    ("massacre", dict(), "202"),
    ("cleansing", dict(mods=["ethnic"]), "203"),
    ("visit", dict(), "042"),
    ("aid", dict(mods=["humanitarian"]), "073"),
    ("investigation", dict(), "090"),
    ("ultimatum", dict(), "139"),
    ("raid", dict(mods=["air"]), "195"),
]


@pytest.mark.parametrize(("lemma", "facts", "expected"), NOUN_CHECKS)
def test_noun_spot_checks(nouns, lemma, facts, expected):
    assert noun_code(nouns, lemma, **facts) == expected
