"""The action ontology: CAMEO table, Goldstein weights, QuadClass and the PLOVER/ACLED crosswalk."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polybius.coding import ontology
from polybius.coding.ontology import OntologyError, parse_cameo_table, parse_crosswalk
from polybius.models import Cameo, Plover

CAMEO_HEADER = "code\troot\tname\tgoldstein\tquad_class\n"
CROSSWALK_HEADER = "cameo\tplover_type\tplover_mode\tplover_context\tacled_event_type\tacled_sub_event_type\n"
SMALL_CAMEO = CAMEO_HEADER + "190\t19\tFight\t-10.0\t4\n195\t19\tAir attack\t-10.0\t4\n1951\t19\tGuided\t-10.0\t4\n"


def test_twenty_roots_each_with_an_unspecified_code() -> None:
    assert ontology.roots() == [f"{n:02d}" for n in range(1, 21)]
    codes = set(ontology.all_codes())
    assert all(root + "0" in codes for root in ontology.roots())


def test_codebook_size_and_1_1b3_additions() -> None:
    codes = ontology.all_codes()
    assert len(codes) == 296
    assert len(set(codes)) == len(codes)
    assert {"155", "176", "1834", "1951", "1952"} <= set(codes)


def test_every_sub_code_has_its_parent() -> None:
    codes = set(ontology.all_codes())
    assert all(code[:3] in codes for code in codes if len(code) == 4)


@pytest.mark.parametrize(
    ("code", "quad"),
    [("010", 1), ("057", 1), ("060", 2), ("075", 2), ("0874", 2), ("090", 3), ("112", 3), ("139", 3),
     ("140", 4), ("163", 4), ("195", 4), ("2042", 4)],
)
def test_quad_class(code: str, quad: int) -> None:
    assert ontology.cameo(code).quad_class == quad


def test_quad_class_follows_root_everywhere() -> None:
    for code in ontology.all_codes():
        entry = ontology.cameo(code)
        assert entry.root == code[:2]
        assert entry.quad_class == ontology.quad_class_for_root(entry.root)


@pytest.mark.parametrize(
    ("code", "weight"),
    [("010", 0.0), ("016", -2.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8),
     ("057", 8.0), ("072", 8.3), ("0874", 10.0), ("112", -2.0), ("130", -4.4), ("163", -8.0),
     ("173", -5.0), ("175", -9.0), ("182", -9.5), ("1823", -10.0), ("190", -10.0), ("191", -9.5),
     ("195", -10.0)],
)
def test_known_goldstein_weights(code: str, weight: float) -> None:
    assert ontology.cameo(code).goldstein == weight


def test_codes_without_a_published_weight_inherit_their_parent() -> None:
    assert ontology.cameo("1834").goldstein == ontology.cameo("183").goldstein
    assert ontology.cameo("1951").goldstein == ontology.cameo("195").goldstein
    assert ontology.cameo("155").goldstein == ontology.cameo("150").goldstein


@pytest.mark.parametrize(
    ("code", "plover_type", "mode"),
    [("016", None, None), ("0214", None, None), ("036", "AGREE", None), ("042", "CONSULT", "visit"), ("043", "CONSULT", "visit"),
     ("055", "CONCEDE", None), ("0841", "RETREAT", "release"), ("091", "ACCUSE", "investigate"),
     ("1042", "REQUEST", "change"), ("112", "ACCUSE", "disapprove"), ("116", "SANCTION", "convict"),
     ("141", "PROTEST", "demo"), ("145", "PROTEST", "riot"), ("154", "MOBILIZE", "troops"),
     ("163", "SANCTION", "discontinue"), ("173", "COERCE", "arrest"), ("1712", "ASSAULT", "destroy"),
     ("181", "ASSAULT", "abduct"), ("1831", "ASSAULT", "suicide-attack"), ("193", "ASSAULT", "firearms"),
     ("194", "ASSAULT", "heavy-weapons"), ("195", "ASSAULT", "aerial"), ("1952", "ASSAULT", "drone"),
     ("2041", "ASSAULT", "unconventional"), ("142", "PROTEST", "hunger"), ("1124", "ACCUSE", "allege")],
)
def test_plover_crosswalk(code: str, plover_type: str | None, mode: str | None) -> None:
    _, plover, _ = ontology.to_models(code)
    assert (plover.type, plover.mode) == (plover_type, mode)


@pytest.mark.parametrize(
    ("code", "acled"),
    [("141", ("Protests", "Peaceful protest")), ("1413", ("Protests", "Peaceful protest")),
     ("145", ("Riots", "Violent demonstration")), ("175", ("Protests", "Protest with intervention")),
     ("181", ("Violence against civilians", "Abduction/forced disappearance")),
     ("1831", ("Explosions/Remote violence", "Suicide bomb")),
     ("186", ("Violence against civilians", "Attack")), ("190", ("Battles", "Armed clash")),
     ("193", ("Battles", "Armed clash")), ("194", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
     ("195", ("Explosions/Remote violence", "Air/drone strike")), ("202", ("Violence against civilians", "Attack")),
     ("043", None), ("112", None), ("163", None)],
)
def test_acled_crosswalk(code: str, acled: tuple[str, str] | None) -> None:
    _, _, got = ontology.to_models(code)
    assert got == (None if acled is None else {"event_type": acled[0], "sub_event_type": acled[1]})


def test_sub_code_uses_its_own_row_or_falls_back_to_parent_and_root() -> None:
    assert ontology.to_models("1121")[1].context == ["crime", "corruption"]  # own row
    assert ontology.to_models("1833")[1].mode == "explosives"  # parent 183
    assert ontology.to_models("184")[1].type == "ASSAULT"  # root 18


def test_plover_drops_statements_and_appeals_only() -> None:
    for code in ontology.all_codes():
        plover = ontology.to_models(code, ["future"])[1]
        if ontology.cameo(code).root in {"01", "02"}:
            assert (plover.type, plover.mode, plover.context) == (None, None, [])
        else:
            assert plover.type is not None


def test_crosswalk_uses_only_the_manuals_vocabulary() -> None:
    for code in ontology.all_codes():
        plover = ontology.to_models(code)[1]
        if plover.type is not None:
            assert plover.type in ontology.PLOVER.types
            assert plover.mode is None or plover.mode in ontology.PLOVER.modes[plover.type]
            assert set(plover.context) <= ontology.PLOVER.contexts


def test_extra_context_is_appended_once() -> None:
    _, plover, _ = ontology.to_models("195", ["future", "military", "future"])
    assert plover.context == ["military", "future"]
    assert ontology.to_models("195")[1].context == ["military"]  # the cached row is not mutated


@pytest.mark.parametrize("code", ["999", "19", "0000", "", "195 "])
def test_unknown_code_raises_key_error(code: str) -> None:
    with pytest.raises(KeyError, match="unknown CAMEO code"):
        ontology.cameo(code)


@pytest.mark.parametrize("code", ["", "195 ", "19x", "A19", "12345"])
def test_malformed_code_raises_key_error(code: str) -> None:
    with pytest.raises(KeyError, match="unknown event code"):
        ontology.to_models(code)


def test_code_of_a_users_codebook_takes_what_its_cameo_root_says() -> None:
    cameo, plover, acled = ontology.to_models("1717")  # WEIS, kept as written: the root is CAMEO's 17
    root = ontology.to_models("170")
    assert (cameo.code, cameo.root, cameo.name) == ("1717", "17", None)
    assert (cameo.quad_class, cameo.goldstein, plover, acled) == (root[0].quad_class, root[0].goldstein, root[1], root[2])
    assert ontology.to_models("174K")[0].root == "17"


def test_code_whose_root_cameo_does_not_have_has_no_weights() -> None:
    cameo, plover, acled = ontology.to_models("903")
    assert (cameo.code, cameo.root, cameo.quad_class, cameo.goldstein) == ("903", "90", None, None)
    assert (plover.type, acled) == (None, None)
    assert Cameo.model_validate(cameo.model_dump()) == cameo


def test_root_given_as_code_gets_a_hint() -> None:
    with pytest.raises(KeyError, match="use 190"):
        ontology.cameo("19")


@given(st.sampled_from(ontology.all_codes()), st.lists(st.sampled_from(["future", "negation", "military"])))
def test_every_code_round_trips_into_valid_models(code: str, extra: list[str]) -> None:
    cameo, plover, acled = ontology.to_models(code, extra)
    assert Cameo.model_validate(cameo.model_dump()) == cameo
    assert Plover.model_validate(plover.model_dump()) == plover
    assert (cameo.code, cameo.root) == (code, code[:2])
    assert plover.type is None or plover.type in ontology.PLOVER_TYPES
    assert plover.mode is None or plover.mode in ontology.PLOVER_MODES[plover.type]
    assert plover.type is None or set(extra) <= set(plover.context)
    assert acled is None or acled["sub_event_type"] in ontology.ACLED_SUB_EVENTS[acled["event_type"]]


@pytest.mark.parametrize(
    ("row", "message"),
    [("195\t19\tAir attack\t-10.0\t3\n", "QuadClass 3"),
     ("195\t19\tAir attack\t-11\t4\n", "outside"),
     ("195\t18\tAir attack\t-10.0\t4\n", "expected '19'"),
     ("1952\t19\tDrones\t-10.0\t4\n", "parent 195"),
     ("19\t19\tFight\t-10.0\t4\n", "not 3 or 4 digits"),
     ("190\t19\tAgain\t-10.0\t4\n", "listed twice"),
     ("195\t19\tAir attack\tstrong\t4\n", "could not convert"),
     ("195\t19\tAir attack\t-10.0\n", "expected 5"),
     ("210\t21\tBeyond\t-10.0\t4\n", "01 to 20")],
)
def test_bad_cameo_rows_are_rejected(row: str, message: str) -> None:
    with pytest.raises(OntologyError, match=message):
        parse_cameo_table(CAMEO_HEADER + "190\t19\tFight\t-10.0\t4\n" + row)


def test_root_without_unspecified_code_is_rejected() -> None:
    with pytest.raises(OntologyError, match="no unspecified code 190"):
        parse_cameo_table(CAMEO_HEADER + "195\t19\tAir attack\t-10.0\t4\n")


def test_crosswalk_resolution_most_specific_row_wins() -> None:
    codes = parse_cameo_table(SMALL_CAMEO)
    rows = parse_crosswalk(
        CROSSWALK_HEADER + "19\tASSAULT\t\tmilitary\t\t\n195\tASSAULT\taerial\t\t\t\n", codes
    )
    assert rows["190"].key == "19"
    assert rows["1951"].key == "195" and rows["1951"].mode == "aerial"


@pytest.mark.parametrize(
    ("rows", "message"),
    [("19\tFIGHT\t\t\t\t\n", "not a PLOVER type"),
     ("19\tASSAULT\tvisit\t\t\t\n", "no mode 'visit'"),
     ("19\tASSAULT\t\twar\t\t\n", "general contexts"),
         ("01\t\tvisit\t\t\t\n", "takes no mode or context"),
     ("19\tASSAULT\t\t\tBattles\t\n", "given together"),
     ("19\tASSAULT\t\t\tBattles\tRiot\n", "not an ACLED sub-event"),
     ("19\tASSAULT\t\t\t\t\n196\tASSAULT\t\t\t\t\n", "not a known CAMEO code"),
     ("19\tASSAULT\t\t\t\t\n19\tCOERCE\t\t\t\t\n", "two rows"),
     ("195\tASSAULT\t\t\t\t\n", "190 has no row"),
     ("19\tASSAULT\t\t\t\t\n190\tASSAULT\t\t\t\t\n195\tASSAULT\t\t\t\t\n", "no code resolves"),
     ("19\tASSAULT\t\t\n", "expected 6")],
)
def test_bad_crosswalk_rows_are_rejected(rows: str, message: str) -> None:
    with pytest.raises(OntologyError, match=message):
        parse_crosswalk(CROSSWALK_HEADER + rows, parse_cameo_table(SMALL_CAMEO))


def test_missing_header_is_rejected() -> None:
    with pytest.raises(OntologyError, match="header"):
        parse_cameo_table("# only a comment\n190\t19\tFight\t-10.0\t4\n")
