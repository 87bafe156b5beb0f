"""Tests for polybius.geo: name folding, the gazetteer build and cache, and geocoding rules."""

from __future__ import annotations

import pickle
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polybius.geo import Gazetteer, Geocoder, Place
from polybius.geo import gazetteer as gazetteer_mod
from polybius.geo.curated import load_curated
from polybius.geo.geonames import readable_alternates
from polybius.geo.normalize import key_variants, name_key
from polybius.models import Location

FIXTURE = Path(__file__).parent / "data" / "geo" / "mini_geonames.txt"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="session")
def geocoder(gazetteer: Gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


def _geo(geocoder: Geocoder, text: str, *context: str) -> Location:
    loc = geocoder.geocode(text, context)
    assert loc is not None, geocoder.resolve_reason(text, context)
    return loc


# --- normalisation ---------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Hamāh", "Hama"), ("Ḩamāh", "HAMA"), ("Raqqah", "Raqqa"), ("Dar'a", "Dar’a"), ("U.S.", "US"),
    ("St. Petersburg", "Saint Petersburg"), ("Idleb", "idleb"), ("Tizi-Ouzou", "Tizi Ouzou"),
    ("Łódź", "Lodz"), ("Şanlıurfa", "Sanliurfa"), ("Đà Nẵng", "Da Nang"),
])
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_arabic_article_is_optional() -> None:
    assert key_variants("al-Hasakah") == ("al hasaka", "hasaka")
    assert key_variants("Ar Raqqah")[1] == key_variants("Raqqa")[0]
    assert key_variants("Alabama") == ("alabama",)  # only a separate leading word is an article


def test_alternate_names_in_other_scripts_are_not_indexed() -> None:
    assert readable_alternates(["Łódź", "Лодзь", "ウッチ", "Lodsch"]) == ("Łódź", "Lodsch")


def test_keys_of_junk_are_empty() -> None:
    assert key_variants("!!!") == ()
    assert key_variants("") == ()


# --- descriptors and precision ---------------------------------------------------------------

@pytest.mark.parametrize("text, name, precision, country, admin1", [
    ("Hama province", "Hama", "admin1", "SYR", "Hama"),
    ("the Hama province", "Hama", "admin1", "SYR", "Hama"),
    ("northwest Idlib province", "Idlib", "admin1", "SYR", "Idlib"),
    ("Idlib governorate", "Idlib", "admin1", "SYR", "Idlib"),
    ("Idlib province", "Idlib", "admin1", "SYR", "Idlib"),
    ("Idlib countryside", "Idlib", "admin1", "SYR", "Idlib"),
    ("in Syria", "Syria", "country", "SYR", None),
    ("northern Syria", "Syria", "country", "SYR", None),
    ("central Tunis", "Tunis", "city", "TUN", "Tunis"),
    ("the capital Algiers", "Algiers", "city", "DZA", "Alger"),
    ("Khartoum", "Khartoum", "city", "SDN", "Khartoum"),
    ("Port Sudan", "Port Sudan", "city", "SDN", "Red Sea"),
    ("Gadaref", "Al Qadarif", "city", "SDN", "Al Qadarif"),
    ("Gedaref", "Al Qadarif", "city", "SDN", "Al Qadarif"),
    ("Al Qadarif", "Al Qadarif", "city", "SDN", "Al Qadarif"),
    ("Gedaref state", "Al Qadarif", "admin1", "SDN", "Al Qadarif"),
    ("Mohmand tribal region", "Mohmand", "admin2", "PAK", "Khyber Pakhtunkhwa"),
    ("Bajaur district", "Bajaur", "admin2", "PAK", "Khyber Pakhtunkhwa"),
    ("Orakzai tribal district", "Orakzai", "admin2", "PAK", "Khyber Pakhtunkhwa"),
    ("Kunar province", "Konar", "admin1", "AFG", "Konar"),
    ("northwest Pakistan", "Khyber Pakhtunkhwa", "admin1", "PAK", "Khyber Pakhtunkhwa"),
    ("north-west Pakistan", "Khyber Pakhtunkhwa", "admin1", "PAK", "Khyber Pakhtunkhwa"),
    ("southern Pakistan", "Pakistan", "country", "PAK", None),
    ("Rural Damascus", "Rif-dimashq", "admin1", "SYR", "Rif-dimashq"),
    ("Gaza City", "Gaza", "city", "PSE", "Gaza Strip"),
    ("capital of Syria", "Damascus", "city", "SYR", "Dimashq"),
    ("Hama, Syria", "Hamah", "city", "SYR", "Hama"),
])
def test_descriptors(geocoder: Geocoder, text: str, name: str, precision: str, country: str,
                     admin1: str | None) -> None:
    loc = _geo(geocoder, text)
    assert (loc.name, loc.precision, loc.country, loc.admin1) == (name, precision, country, admin1)
    assert loc.text == text
    assert loc.lat is not None and loc.lon is not None


@pytest.mark.parametrize("bare", ["Hama", "Idlib", "Tunis", "Khartoum", "Gaza"])
def test_bare_name_of_city_and_admin1_is_the_city(geocoder: Geocoder, bare: str) -> None:
    assert _geo(geocoder, bare).precision == "city"


def test_admin1_point_is_inside_the_unit_not_the_city(geocoder: Geocoder) -> None:
    province, city = _geo(geocoder, "Idlib province"), _geo(geocoder, "Idlib")
    assert (province.lat, province.lon) != (city.lat, city.lon)
    assert 35.4 < province.lat < 36.3 and 36.1 < province.lon < 37.0  # Idlib governorate's extent


def test_bare_admin1_without_a_namesake_city(geocoder: Geocoder) -> None:
    assert _geo(geocoder, "Kunar").precision == "admin1"
    assert _geo(geocoder, "Ontario").country == "CAN"  # the province outranks Ontario, California


def test_the_capital_uses_the_context_country(geocoder: Geocoder) -> None:
    assert _geo(geocoder, "the capital", "SDN").name == "Khartoum"
    assert geocoder.geocode("the capital") is None


# --- ambiguity -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, context, country", [
    ("Tripoli", ("LBN",), "LBN"), ("Tripoli", ("LBY",), "LBY"), ("Tripoli", (), "LBY"),
    ("Tripoli", ("FRA", "LBN"), "LBN"),
    ("Paris", (), "FRA"), ("Aleppo", (), "SYR"),
    ("Hyderabad", ("PAK",), "PAK"), ("Hyderabad", ("IND",), "IND"),
    ("Georgia", (), "GEO"), ("Georgia", ("USA",), "USA"),
    ("Lebanon", ("USA",), "LBN"),  # a country name never means a small namesake town
    ("Damascus", ("USA",), "SYR"),  # a huge namesake abroad beats a small one in context
    ("Washington", (), "USA"),
])
def test_ambiguous_names(geocoder: Geocoder, text: str, context: tuple[str, ...], country: str) -> None:
    assert _geo(geocoder, text, *context).country == country


def test_washington_means_the_capital(geocoder: Geocoder) -> None:
    assert _geo(geocoder, "Washington").name == "Washington, D.C."
    assert _geo(geocoder, "Washington state").precision == "admin1"


# --- countries -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso3", [
    ("Syria", "SYR"), ("Iraq", "IRQ"), ("the United States", "USA"), ("U.S.", "USA"), ("US", "USA"),
    ("Britain", "GBR"), ("DRC", "COD"), ("Ivory Coast", "CIV"), ("Syrian Arab Republic", "SYR"),
])
def test_countries(geocoder: Geocoder, text: str, iso3: str) -> None:
    loc = _geo(geocoder, text)
    assert (loc.precision, loc.country, loc.admin1) == ("country", iso3, None)
    assert -90 <= loc.lat <= 90 and -180 <= loc.lon <= 180


def test_country_point_lies_in_the_country(gazetteer: Gazetteer) -> None:
    syria = gazetteer.country("SYR")
    assert syria is not None and 32.3 < syria.lat < 37.3 and 35.7 < syria.lon < 42.4
    usa = gazetteer.country("USA")
    assert usa is not None and 25 < usa.lat < 49 and -125 < usa.lon < -67  # not dragged off by Alaska/Guam


def test_capitals(gazetteer: Gazetteer) -> None:
    assert {iso3: gazetteer.capital(iso3).name for iso3 in ("SYR", "SDN", "FRA")} == {
        "SYR": "Damascus", "SDN": "Khartoum", "FRA": "Paris"}


# --- junk ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["the U.N.", "Thursday", "", "   ", "!!!", "the region", "Nowhereburg Xq"])
def test_non_places(geocoder: Geocoder, text: str) -> None:
    assert geocoder.geocode(text) is None
    assert geocoder.resolve_reason(text)


def test_long_random_text(geocoder: Geocoder) -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("abcdefghij klmnop\u0627\u0644 ,.-'") for _ in range(10_000))
    assert geocoder.geocode(text) is None
    assert "longer than" in geocoder.resolve_reason(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200), context=st.lists(st.text(max_size=4), max_size=3))
def test_geocode_never_raises(geocoder: Geocoder, text: str, context: list[str]) -> None:
    loc = geocoder.geocode(text, context)
    assert loc is None or isinstance(loc, Location)


# --- curated data ----------------------------------------------------------------------------

def test_curated_names_point_at_real_entries(gazetteer: Gazetteer) -> None:
    curated = load_curated()
    for iso3, aliases in curated.admin1_aliases.items():
        for name in aliases:
            assert any(p.kind == "admin1" and p.country == iso3 and p.name == name
                       for p in gazetteer.candidates(name)), (iso3, name)
    for iso3 in curated.country_aliases:
        assert gazetteer.country(iso3) is not None, iso3
    for pref in curated.preferred:
        assert any((p.name, p.country, p.kind) == (pref.name, pref.country, pref.kind)
                   for n in pref.names for p in gazetteer.candidates(n)), pref


def test_fata_towns_are_in_khyber_pakhtunkhwa(gazetteer: Gazetteer) -> None:
    towns = [p for p in gazetteer.candidates("Parachinar") if p.country == "PAK"]
    assert towns and all(p.admin1 == "Khyber Pakhtunkhwa" for p in towns)


def test_admin1_names_drop_administrative_words(gazetteer: Gazetteer) -> None:
    karbala = [p for p in gazetteer.candidates("Karbala") if p.kind == "admin1"]
    assert [p.name for p in karbala] == ["Karbala'"]
    assert "Muhafazat Karbala'" in karbala[0].alternates


# --- GeoNames dump and the disk cache --------------------------------------------------------

def test_geonames_dump_adds_and_overrides(tmp_path: Path) -> None:
    started = time.perf_counter()
    built = Gazetteer.load(geonames=FIXTURE, cache_dir=tmp_path)
    build_seconds = time.perf_counter() - started
    assert list(tmp_path.glob("gazetteer-*.pickle"))

    added = built.candidates("Polybios Town")
    assert [(p.name, p.kind, p.country, p.admin1, p.population) for p in added] == [
        ("Polybiusville", "city", "SYR", "Idlib", 12345)]
    saraqib = [p for p in built.candidates("Sarakeb") if p.country == "SYR"]
    assert [p.population for p in saraqib] == [33000]
    idlib = [p for p in built.candidates("Idlib Governorate Test Alias") if p.kind == "admin1"]
    assert [(p.name, p.lat, p.lon) for p in idlib] == [("Idlib", 35.75, 36.70)]
    assert built.candidates("Seatville") and not built.candidates("Ghosthamlet")
    assert not built.candidates("Brookwater") and not built.candidates("Nowhereburg")
    assert [p.kind for p in built.candidates("Testshire")] == ["admin2"]
    assert Geocoder(built).geocode("Polybiusville").admin1 == "Idlib"

    started = time.perf_counter()
    cached = Gazetteer.load(geonames=FIXTURE, cache_dir=tmp_path)
    assert time.perf_counter() - started < build_seconds
    assert cached.candidates("Polybios Town") == added


def test_unreadable_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = Gazetteer([Place("Testville", "city", "SYR", "Idlib", 35.9, 36.6, 1000)], {})
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, geonames=None: tiny))
    path = tmp_path / f"gazetteer-{gazetteer_mod._fingerprint(None)}.pickle"
    path.write_bytes(b"not a pickle")
    loaded = Gazetteer.load(cache_dir=tmp_path)
    assert loaded.candidates("testville") == tiny.candidates("Testville")
    assert isinstance(pickle.loads(path.read_bytes()), Gazetteer)


# --- performance -----------------------------------------------------------------------------

def test_lookup_latency(geocoder: Geocoder) -> None:
    texts = ["Hama province", "Tripoli", "the capital Algiers", "northwest Pakistan", "Paris", "Thursday",
             "Springfield", "San Jose", "Mohmand tribal region", "al-Hasakah"] * 20
    started = time.perf_counter()
    for text in texts:
        geocoder.geocode(text, ("SYR",))
    per_lookup_ms = (time.perf_counter() - started) * 1000 / len(texts)
    assert per_lookup_ms < 5, per_lookup_ms


def test_world_city_beats_small_in_context_namesake():
    # An article about Syria that mentions the United States must still put "Paris" in France.
    location = Geocoder().geocode("Paris", ["SYR", "RUS", "USA"])
    assert location is not None and location.country == "FRA"


# --- provinces and districts in the story's country (issue 9, class 3) ---------------------------

@pytest.mark.parametrize("text, context, name, precision, country", [
    ("the northern province of Kunduz", ("AFG",), "Kunduz", "admin1", "AFG"),
    ("the eastern province of Kunar", ("AFG",), "Konar", "admin1", "AFG"),
    ("Helmand province", ("AFG", "USA"), "Helmand", "admin1", "AFG"),
    ("North Waziristan tribal region", ("PAK",), "North Waziristan", "admin2", "PAK"),
    ("South Kordofan state", ("SDN",), "Southern Kordofan", "admin1", "SDN"),
    ("the western Darfur region", ("SDN",), "Darfur", "admin1", "SDN"),  # a lower-case direction only says where
    ("Jammu region", ("IND", "PAK"), "Jammu", "admin2", "IND"),
    ("Jammu and Kashmir", (), "Jammu and Kashmir", "admin1", "IND"),
    ("the hamlet of Arnia", ("IND",), "Arnia", "city", "IND"),
])
def test_provinces_and_districts(geocoder: Geocoder, text: str, context: tuple[str, ...], name: str,
                                 precision: str, country: str) -> None:
    loc = _geo(geocoder, text, *context)
    assert (loc.name, loc.precision, loc.country) == (name, precision, country)


@pytest.mark.parametrize("text, context, name, country", [
    ("Mahmoudiya", ("IRQ",), "Al Mahmudiyah", "IRQ"),
    ("Paktiya province", ("AFG",), "Paktia", "AFG"),
])
def test_spelling_variants_resolve_inside_the_story_country(geocoder: Geocoder, text: str, context: tuple[str, ...],
                                                            name: str, country: str) -> None:
    loc = _geo(geocoder, text, *context)
    assert (loc.name, loc.country) == (name, country)


@pytest.mark.parametrize("context", [(), ("SYR", "TUR")])
def test_loose_spelling_never_crosses_a_border(geocoder: Geocoder, context: tuple[str, ...]) -> None:
    assert geocoder.geocode("Mahmoudiya", context) is None


@pytest.mark.parametrize("text, context", [
    ("Chora district", ("AFG",)),  # a district is not the Greek town of that name
    ("Line", ("IND", "PAK")),  # "the Line of Control" is no Czech village
])
def test_a_name_only_found_abroad_stays_unresolved_with_a_reason(geocoder: Geocoder, text: str,
                                                                 context: tuple[str, ...]) -> None:
    res = geocoder.resolve(text, context)
    assert res.location is None and "abroad" in res.reason and "the story is in" in res.reason


def test_notable_places_abroad_still_resolve(geocoder: Geocoder) -> None:
    assert _geo(geocoder, "Dar es Salaam", "BDI").country == "TZA"  # talks held abroad
    assert _geo(geocoder, "Minsk", "UKR", "RUS").country == "BLR"
    assert _geo(geocoder, "North Waziristan", "USA").country == "PAK"  # a story naming only the attacker's country


def test_a_district_is_no_province_abroad(geocoder: Geocoder) -> None:
    res = geocoder.resolve("Dara district", ("AFG",))
    assert res.location is None and "abroad" in res.reason
