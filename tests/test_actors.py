"""Actor resolution: phrases -> country, sector, code, name; dated offices; the traps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from polybius.actors import ActorResolver, default_resolver
from polybius.actors.knowledge import DATA_DIR
from polybius.actors.lexicon import tokenize
from polybius.actors.named import parse_bound

D2015 = dt.date(2015, 10, 1)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return default_resolver()


# phrase -> (country, sector, code, name), all resolved on 2015-10-01
CASES = {
    "Russian warplanes": ("RUS", "MIL", "RUSMIL", None),
    "Russia's defense ministry": ("RUS", "GOV", "RUSGOV", None),
    "Turkish Foreign Minister Feridun Sinirlioglu": ("TUR", "GOV", "TURGOV", "Feridun Sinirlioglu"),
    "U.S. Senator John McCain": ("USA", "LEG", "USALEG", "John McCain"),
    "Moscow": ("RUS", "GOV", "RUSGOV", None),
    "Washington": ("USA", "GOV", "USAGOV", None),
    "the Kremlin": ("RUS", "GOV", "RUSGOV", None),
    "Kremlin spokesman Dmitry Peskov": ("RUS", "GOV", "RUSGOV", "Dmitry Peskov"),
    "Pentagon spokesman Colonel Steve Warren": ("USA", "MIL", "USAMIL", "Steve Warren"),
    "Pentagon officials": ("USA", "MIL", "USAMIL", None),
    "A U.S.-backed rebel group, Suqur al-Jabal": ("SYR", "REB", "SYRREB", "Suqur al-Jabal"),
    "the U.N. Security Council": (None, "IGO", "UNSC", "United Nations Security Council"),
    "Syrian President Bashar Assad": ("SYR", "GOV", "SYRGOV", "Bashar al-Assad"),
    "President Bashar al-Assad's forces": ("SYR", "MIL", "SYRMIL", None),
    "Assad": ("SYR", "GOV", "SYRGOV", "Bashar al-Assad"),
    "Putin": ("RUS", "GOV", "RUSGOV", "Vladimir Putin"),
    "Kerry": ("USA", "GOV", "USAGOV", "John Kerry"),
    "Islamic State group": (None, "REB", "IMGISL", "Islamic State"),
    "IS fighters": (None, "REB", "IMGISL", "Islamic State"),
    "Daesh": (None, "REB", "IMGISL", "Islamic State"),
    "ISIL militants": (None, "REB", "IMGISL", "Islamic State"),
    "al-Qaida": (None, "REB", "IMGAQD", "al-Qaeda"),
    "the al-Nusra Front": ("SYR", "REB", "SYRREB", "al-Nusra Front"),
    "Army of Conquest": ("SYR", "REB", "SYRREB", "Army of Conquest"),
    "Hezbollah fighters": ("LBN", "REB", "LBNREB", "Hezbollah"),
    "Iranian-backed Houthis": ("YEM", "REB", "YEMREB", "Houthis"),
    "the Pakistani Taliban": ("PAK", "REB", "PAKREB", "Pakistani Taliban"),
    "Taliban": ("AFG", "REB", "AFGREB", "Taliban"),
    "civilians": (None, "CVL", "CVL", None),
    "police": (None, "COP", "COP", None),
    "Algerian police": ("DZA", "COP", "DZACOP", None),
    "Tunisian police": ("TUN", "COP", "TUNCOP", None),
    "militants": (None, "REB", "REB", None),
    "a Syrian security source": ("SYR", "COP", "SYRCOP", None),
    "Western powers": (None, None, None, None),
    "the U.S.-led coalition": ("USA", "MIL", "USAMIL", "U.S.-led coalition"),
    "Saudi-led coalition warplanes": ("SAU", "MIL", "SAUMIL", "Saudi-led coalition"),
    "Russian senators": ("RUS", "LEG", "RUSLEG", None),
    "U.S. and Russian officials": (None, "GOV", "GOV", None),
    "the U.S. and Russia": (None, None, None, None),
    "Russia": ("RUS", None, "RUS", None),
    "the United States": ("USA", None, "USA", None),
    "anti-Assad rebels": (None, "REB", "REB", None),
    "pro-Russian separatists": (None, "SEP", "SEP", None),
    "U.S.-backed rebels": (None, "REB", "REB", None),
    "government forces": (None, "MIL", "MIL", None),
    "rebel soldiers": (None, "REB", "REB", None),
    "opposition lawmakers": (None, "OPP", "OPP", None),
    "Moscow police": ("RUS", "COP", "RUSCOP", None),
    "the U.N. envoy to Syria": (None, "IGO", "UNO", "United Nations"),
    "Russia's U.N. ambassador Vitaly Churkin": ("RUS", "GOV", "RUSGOV", "Vitaly Churkin"),
    "NATO": (None, "IGO", "NATO", "North Atlantic Treaty Organization"),
    "European Union foreign ministers": (None, "IGO", "EU", "European Union"),
    "the Red Cross": (None, "NGO", "ICRC", "International Committee of the Red Cross"),
    "Kurdish YPG fighters": ("SYR", "REB", "SYRREB", "People's Protection Units"),
    "the Syrian Observatory for Human Rights": ("SYR", "HRI", "SYRHRI", "Syrian Observatory for Human Rights"),
    "the Obama administration": ("USA", "GOV", "USAGOV", None),
    "Trinidad and Tobago": ("TTO", None, "TTO", None),
    "Erdoğan": ("TUR", "GOV", "TURGOV", "Recep Tayyip Erdogan"),
    "Niger Delta militants": ("NGA", "REB", "NGAREB", None),
    "rebels in Syria": ("SYR", "REB", "SYRREB", None),
    "Russian jets in Syria": ("RUS", "MIL", "RUSMIL", None),
    "Chinese People's Liberation Army": ("CHN", "MIL", "CHNMIL", "People's Liberation Army"),
    "U.N. Secretary-General Ban Ki-moon": (None, "IGO", "UNO", "Ban Ki-moon"),
    "Gaza's Hamas-run health ministry": ("PSE", "GOV", "PSEGOV", None),
}


@pytest.mark.parametrize("phrase", sorted(CASES))
def test_resolves_phrase(resolver: ActorResolver, phrase: str) -> None:
    got = resolver.resolve(phrase, D2015)
    assert (got.country, got.sector, got.code, got.name) == CASES[phrase]
    assert got.matched or got.empty  # every non-empty answer says which entries fired


@pytest.mark.parametrize(
    ("phrase", "day", "expected"),
    [
        ("John Kerry", dt.date(2005, 1, 1), ("USA", "LEG", "John Kerry")),  # senator
        ("Kerry", dt.date(2019, 6, 1), ("USA", None, "John Kerry")),  # out of office
        ("Kerry", None, ("USA", None, "John Kerry")),  # offices disagree without a date
        ("Putin", dt.date(2010, 1, 1), ("RUS", "GOV", "Vladimir Putin")),  # prime minister
        ("Feridun Sinirlioglu", dt.date(2020, 1, 1), ("TUR", None, "Feridun Sinirlioglu")),
        ("Foreign Minister Ahmet Davutoglu", dt.date(2018, 1, 1), ("TUR", None, "Ahmet Davutoglu")),
        ("Assad", dt.date(1995, 1, 1), ("SYR", "GOV", "Hafez al-Assad")),
        ("Assad", dt.date(2026, 1, 1), ("SYR", None, None)),  # two Assads, neither in office
        ("Bush", dt.date(2003, 3, 20), ("USA", "GOV", "George W. Bush")),
        ("Bush", dt.date(1991, 1, 17), ("USA", "GOV", "George H. W. Bush")),
        ("Clinton", dt.date(2011, 1, 1), ("USA", "GOV", "Hillary Clinton")),
        ("Taliban", dt.date(2023, 1, 1), ("AFG", "GOV", "Taliban")),
        ("Taliban", dt.date(2010, 1, 1), ("AFG", "REB", "Taliban")),
        ("Hemedti", dt.date(2021, 1, 1), ("SDN", "GOV", "Mohamed Hamdan Dagalo")),
        ("Hemedti", dt.date(2024, 1, 1), ("SDN", "REB", "Mohamed Hamdan Dagalo")),  # leads the RSF at war
        ("Hemedti", dt.date(2016, 1, 1), ("SDN", "MIL", "Mohamed Hamdan Dagalo")),  # RSF then a state force
        ("Haniyeh", dt.date(2020, 1, 1), ("PSE", "REB", "Ismail Haniyeh")),  # speaks for Hamas
        ("Julani", dt.date(2025, 3, 1), ("SYR", "GOV", "Ahmed al-Sharaa")),
        ("Stoltenberg", dt.date(2012, 1, 1), ("NOR", "GOV", "Jens Stoltenberg")),
    ],
)
def test_dated_offices(
    resolver: ActorResolver, phrase: str, day: dt.date | None, expected: tuple[str | None, ...]
) -> None:
    got = resolver.resolve(phrase, day)
    assert (got.country, got.sector, got.name) == expected


def test_igo_office_holder_gets_the_igo_code(resolver: ActorResolver) -> None:
    got = resolver.resolve("Stoltenberg", dt.date(2016, 1, 1))
    assert (got.country, got.sector, got.code, got.name) == (None, "IGO", "NATO", "Jens Stoltenberg")
    assert resolver.resolve("Ban Ki-moon", dt.date(2005, 1, 1)).code == "KORGOV"


@pytest.mark.parametrize(
    ("phrase", "codes"),
    [
        ("U.S. and Russian officials", ["USAGOV", "RUSGOV"]),
        ("the U.S. and Russia", ["USA", "RUS"]),
        ("Russia, Iran and Syria", ["RUS", "IRN", "SYR"]),
        ("Russian and Syrian government forces", ["RUSMIL", "SYRMIL"]),
        ("Kerry and Lavrov", ["USAGOV", "RUSGOV"]),
        ("Syrian troops and allied militias", ["SYRMIL", "REB"]),
        ("A U.S.-backed rebel group, Suqur al-Jabal", ["SYRREB"]),  # apposition, not a list
        ("Trinidad and Tobago", ["TTO"]),  # the "and" is inside a name
        ("Islamic State of Iraq and the Levant", ["IMGISL"]),
    ],
)
def test_resolve_all_splits_coordination(resolver: ActorResolver, phrase: str, codes: list[str]) -> None:
    assert [a.code for a in resolver.resolve_all(phrase, D2015)] == codes


def test_coordination_of_one_country_keeps_it(resolver: ActorResolver) -> None:
    got = resolver.resolve("Russian troops and Russian warplanes", D2015)
    assert (got.country, got.sector) == ("RUS", "MIL")


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("us", None),
        ("Us", None),
        ("UK", "GBR"),
        ("Turkey", "TUR"),
        ("turkey", None),
        ("Chad", "TCD"),
        ("Jordan", "JOR"),
        ("jordan", None),
        ("Georgia", "GEO"),
        ("Niger", "NER"),
        ("Nigerien soldiers", "NER"),
        ("Nigerian soldiers", "NGA"),
        ("Guinea-Bissau", "GNB"),
        ("Papua New Guinea", "PNG"),
        ("South Sudanese troops", "SSD"),
        ("Sudanese troops", "SDN"),
        ("Kosovo", "XKX"),
    ],
)
def test_case_and_token_traps(resolver: ActorResolver, phrase: str, country: str | None) -> None:
    assert resolver.resolve(phrase).country == country


def test_uppercase_only_acronyms(resolver: ActorResolver) -> None:
    assert resolver.resolve("IS").name == "Islamic State"
    assert resolver.resolve("it is").empty
    assert resolver.resolve("who").empty
    assert resolver.resolve("WHO").code == "WHO"
    assert resolver.resolve("what it is like for us").empty


def test_context_country_only_settles_ambiguous_names(resolver: ActorResolver) -> None:
    assert resolver.resolve("Congo").country is None
    assert resolver.resolve("Congo", context_country="COG").country == "COG"
    assert resolver.resolve("Congolese troops", context_country="COD").code == "CODMIL"
    assert resolver.resolve("civilians", context_country="SYR").country is None
    assert resolver.resolve("Russian jets", context_country="SYR").country == "RUS"
    assert resolver.resolve("Jerusalem", context_country="ISR").code == "ISRGOV"


def test_unknown_phrase_is_empty(resolver: ActorResolver) -> None:
    got = resolver.resolve("the weather on Tuesday")
    assert got.empty and got.matched == () and got.code is None
    assert resolver.resolve_all("") == []


def test_tokenizer_handles_punctuation_and_spans() -> None:
    phrase = "U.S.-backed al-Qa'ida's fighters"
    tokens = tokenize(phrase)
    assert [t.text for t in tokens] == ["US", "backed", "al", "Qaida", "fighters"]
    assert [phrase[t.start : t.end] for t in tokens] == ["U.S.", "backed", "al", "Qa'ida", "fighters"]
    accented = tokenize("Erdoğan's men")
    assert [t.text for t in accented] == ["Erdogan", "men"]
    assert "Erdoğan's men"[accented[0].start : accented[0].end] == "Erdoğan"


def test_partial_dates() -> None:
    assert parse_bound("2015", end=False) == dt.date(2015, 1, 1)
    assert parse_bound("2015", end=True) == dt.date(2015, 12, 31)
    assert parse_bound("2016-02", end=True) == dt.date(2016, 2, 29)
    assert parse_bound(2013, end=False) == dt.date(2013, 1, 1)
    assert parse_bound(None, end=True) is None


def test_data_codes_are_valid(resolver: ActorResolver) -> None:
    knowledge = resolver.knowledge
    iso = {c.alpha_3 for c in pycountry.countries}
    extras = set(yaml.safe_load((DATA_DIR / "countries.yaml").read_text("utf-8"))["extra_codes"])
    assert knowledge.country_codes <= iso | extras
    assert len(knowledge.country_codes) >= 197  # 193 UN members + observers and partly recognised states
    persons = [a for a in knowledge.named.actors.values() if a.kind == "person"]
    assert sum(len(p.roles) for p in persons) >= 300
    for person in persons:
        for role in person.roles:
            assert role.start is None or role.end is None or role.start <= role.end


def test_bad_data_is_refused(tmp_path: Path) -> None:
    for name in ("sectors.yaml", "countries.yaml", "igos.yaml", "named_actors.yaml"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text("utf-8"), "utf-8")
    named = tmp_path / "named_actors.yaml"
    named.write_text(named.read_text("utf-8").replace("country: SYR, sector: REB", "country: SYX, sector: REB", 1))
    with pytest.raises(ValueError, match="SYX"):
        ActorResolver(tmp_path)


_VALID = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
_WORDS = st.sampled_from(
    ["U.S.", "us", "IS", "is", "Russian", "and", ",", "-backed", "pro-", "Assad", "police", "the", "Kremlin",
     "Congo", "led", "coalition", "to", "Syria", "former", "minister", "'s", "Daesh", "NATO", "é", "  "]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join)), st.none() | st.dates())
def test_never_raises_and_codes_exist(phrase: str, day: dt.date | None) -> None:
    resolver = default_resolver()
    for actor in [resolver.resolve(phrase, day), *resolver.resolve_all(phrase, day)]:
        assert actor.country is None or actor.country in _VALID
        assert actor.sector is None or actor.sector in resolver.knowledge.sector_codes
        if actor.country and actor.sector and actor.sector != "IGO":
            assert actor.code == actor.country + actor.sector


def test_armed_is_a_sponsor_only_when_hyphenated():
    resolver = default_resolver()
    assert resolver.resolve("Turkish armed drones").code == "TURMIL"
    assert resolver.resolve("Iranian-armed militias").country is None
