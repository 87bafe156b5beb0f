"""The exports read as the field's own readers read them: GDELT 2.0 events and mentions with the
official column names and integer dates, PLOVER records in the manual's fields and vocabulary,
ACLED's 31 standard columns; and the CLI conventions around them."""

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

from polybius.batch import ingest
from polybius.cli import app
from polybius.export import Filters, codes, export
from polybius.export.gdelt import _actor, fraction_date, lead_end
from polybius.ingest.sources import expand
from polybius.models import Article
from polybius.store import Store
from polybius.store.sqlite import outlet_of

REPO = Path(__file__).resolve().parents[1]
VOCABULARY = REPO / "src" / "polybius" / "coding" / "data" / "plover_vocabulary.yaml"

# The GDELT 2.0 event table's columns, as the GDELT 2.0 event codebook names them (written out
# here on purpose, not imported: the export must match the codebook, not itself).
OFFICIAL_EVENT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
OFFICIAL_MENTION_COLUMNS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier SentenceID "
    "Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen MentionDocTone "
    "MentionDocTranslationInfo Extras"
).split()
INT_COLUMNS = {"GLOBALEVENTID": "int64", "SQLDATE": "int64", "MonthYear": "int64", "Year": "int64",
               "DATEADDED": "int64", "IsRootEvent": "int64", "QuadClass": "int64", "NumMentions": "int64",
               "NumSources": "int64", "NumArticles": "int64", "Actor1Geo_Type": "int64", "Actor2Geo_Type": "int64",
               "ActionGeo_Type": "int64"}
# ACLED's standard export columns, in ACLED's order.
ACLED_STANDARD = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
).split()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("export") / "events.sqlite"
    with Store(db) as store:
        ingest(expand(str(REPO / "examples")), store, processes=1)
    return db


def _export(db: Path, fmt: str, out: Path, filters: Filters = Filters()) -> Path:
    with Store(db) as store:
        assert export(store, fmt, out, filters).rows > 0
    return out


def _gdelt(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=OFFICIAL_EVENT_COLUMNS, dtype={**INT_COLUMNS, "EventCode": str,
                       "EventBaseCode": str, "EventRootCode": str}, keep_default_na=False, na_values={"ActionGeo_Lat": [""],
                       "ActionGeo_Long": [""], "AvgTone": [""]})


# --- GDELT ------------------------------------------------------------------------------------

def test_gdelt_reads_with_the_official_columns_and_integer_dates(store_path, tmp_path):
    frame = _gdelt(_export(store_path, "gdelt", tmp_path / "events.tsv"))
    assert list(frame.columns) == OFFICIAL_EVENT_COLUMNS and len(frame) > 10
    for row in frame.itertuples():
        day = dt.datetime.strptime(str(row.SQLDATE), "%Y%m%d").date()
        assert (row.MonthYear, row.Year) == (day.year * 100 + day.month, day.year)
        assert row.FractionDate == pytest.approx(day.year + ((day.month - 1) * 30 + day.day) / 365, abs=1e-4)
        assert len(str(row.DATEADDED)) == 14 and str(row.DATEADDED).endswith("000000")
        assert row.Actor1Geo_Type == row.Actor2Geo_Type == 0  # we do not place actors apart from the action
    assert set(frame["ActionGeo_Type"]) <= {0, 1, 2, 3, 4, 5}


def test_fraction_date_is_gdelts_formula():
    assert fraction_date(dt.date(2016, 7, 1)) == 2016.4959
    assert fraction_date(dt.date(2019, 1, 1)) == pytest.approx(2019.0027, abs=1e-4)


def test_gdelt_places_carry_fips_codes(store_path, tmp_path):
    frame = _gdelt(_export(store_path, "gdelt", tmp_path / "events.tsv"))
    placed = frame[frame["ActionGeo_Type"] > 0]
    assert len(placed) > 5
    fips = {country.fips for country in codes.countries().values()}
    assert set(placed["ActionGeo_CountryCode"]) <= fips
    assert "IZ" in set(placed["ActionGeo_CountryCode"])  # Iraq is IZ in FIPS 10-4, not IRQ or IQ
    for row in placed.itertuples():
        assert row.ActionGeo_ADM1Code.startswith(row.ActionGeo_CountryCode)
        assert row.ActionGeo_FullName and row.ActionGeo_FeatureID
    cities = placed[placed["ActionGeo_Type"] == 4]
    assert any(name.count(", ") == 2 for name in cities["ActionGeo_FullName"])  # "City, Admin1, Country"
    assert all(id_.isdigit() for id_ in cities["ActionGeo_FeatureID"])  # GeoNames ids
    assert codes.adm1_code("EGY", "al Qahirah") == "EG11" and codes.adm1_code("USA", "Texas") == "USTX"


def test_global_event_ids_are_stable_across_filtered_exports(store_path, tmp_path):
    everything = _gdelt(_export(store_path, "gdelt", tmp_path / "all.tsv")).set_index("GLOBALEVENTID")
    fights = _gdelt(_export(store_path, "gdelt", tmp_path / "fights.tsv", Filters(cameo="19"))).set_index("GLOBALEVENTID")
    assert everything.index.is_unique and 0 < len(fights) < len(everything)
    assert set(fights.index) <= set(everything.index)
    pd.testing.assert_frame_equal(fights, everything.loc[fights.index])


def test_mentions_join_to_events(store_path, tmp_path):
    events = _gdelt(_export(store_path, "gdelt", tmp_path / "events.tsv"))
    mentions = pd.read_csv(_export(store_path, "gdelt-mentions", tmp_path / "mentions.tsv"), sep="\t", header=None,
                           names=OFFICIAL_MENTION_COLUMNS, dtype={"GLOBALEVENTID": "int64", "EventTimeDate": "int64",
                                                                  "MentionTimeDate": "int64", "SentenceID": "int64"})
    joined = mentions.merge(events, on="GLOBALEVENTID", how="left", validate="many_to_one", indicator=True)
    assert (joined["_merge"] == "both").all()
    assert (joined["EventTimeDate"] == joined["DATEADDED"]).all()
    counts = mentions.groupby("GLOBALEVENTID").size()
    assert (events.set_index("GLOBALEVENTID")["NumMentions"] == counts.reindex(events["GLOBALEVENTID"]).values).all()
    assert (mentions["SentenceID"] >= 1).all() and set(mentions["MentionType"]) == {1}


def test_root_events_come_from_the_lead_paragraph(store_path, tmp_path):
    frame = _gdelt(_export(store_path, "gdelt", tmp_path / "events.tsv"))
    assert set(frame["IsRootEvent"]) == {0, 1}
    text = "SYRIA: SHELLING RESUMES\nRebels shelled the town of Idlib on Monday, killing four people.\nLater, talks began."
    assert text[:lead_end(text)].endswith("four people.\n")
    one_paragraph = "Rebels shelled Idlib on Monday, killing four people in the town. Talks began later."
    assert one_paragraph[:lead_end(one_paragraph)] == "Rebels shelled Idlib on Monday, killing four people in the town."


def test_bodies_get_cameo_block_codes_and_uncoded_actors_stay_empty():
    un = _actor({"code": "UNO", "country": None, "sector": "IGO", "name": "United Nations", "text": "the U.N."})
    assert un[:4] == ["IGOUNO", "UNITED NATIONS", "", "UNO"] and un[7] == "IGO"
    nato = _actor({"code": "NATO", "country": None, "sector": "IGO", "name": "North Atlantic Treaty Organization", "text": "NATO"})
    assert (nato[0], nato[3]) == ("IGOWSTNAT", "NAT")
    assert _actor({"code": None, "country": None, "sector": None, "name": None, "text": "14 shelters"}) == [""] * 10
    assert _actor({"code": "TURMIL", "country": "TUR", "sector": "MIL", "name": None, "text": "its aircraft"})[:3] == ["TURMIL", "TURKEY", "TUR"]


def test_num_sources_counts_registered_domains():
    one = outlet_of(Article(article_id="a", text="x", url="https://edition.cnn.com/2019/06/13/story"))
    two = outlet_of(Article(article_id="b", text="y", url="https://www.cnn.com/2019/06/13/other"))
    assert one == two == "cnn.com"
    assert outlet_of(Article(article_id="c", text="z", url="http://127.0.0.1:8000/a")) == "127.0.0.1"


# --- PLOVER -----------------------------------------------------------------------------------

def test_plover_records_use_the_manuals_fields_and_vocabulary(store_path, tmp_path):
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    contexts = set(vocabulary["contexts"]) | set(vocabulary["auxiliary_contexts"])
    lines = _export(store_path, "plover", tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) > 10
    for record in records:
        assert isinstance(record["id"], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        assert isinstance(record["event"], list) and len(record["event"]) == 1
        [event] = record["event"]
        assert event in vocabulary["types"]
        assert isinstance(record["mode"], list) and set(record["mode"]) <= set(vocabulary["types"][event])
        assert isinstance(record["context"], list) and set(record["context"]) <= contexts
        for side in ("actor", "recipient"):
            assert isinstance(record[side], list)
            for entity in record[side]:
                assert {"code", "sector", "entity_text"} <= set(entity)
                assert entity["code"] is None or re.fullmatch(r"[A-Z]{3}", entity["code"])
        assert record["dead"] is None or isinstance(record["dead"], int)
        assert record["injured"] is None or isinstance(record["injured"], int)
        assert record["quad_code"] in {1, 2, 3, 4}
        assert {"url", "publication", "coder"} <= set(record["cite_info"])
        assert record["event_loc"] is None or {"lat", "lon", "country_code", "resolution"} <= set(record["event_loc"])
    assert any(record["mode"] for record in records) and any(record["recipient"] for record in records)


def test_plover_leaves_out_what_plover_does_not_code(store_path, tmp_path):
    with Store(store_path) as store:
        result = export(store, "plover", tmp_path / "p.jsonl")
        dropped = sum(1 for row in store.events(clustered=True)
                      if row["cameo_root"] in {"01", "02"} or not (row["date"] or row["pub_date"]))
    assert 0 < result.left_out == dropped


# --- ACLED ------------------------------------------------------------------------------------

def test_acled_has_the_31_standard_columns_in_order(store_path, tmp_path):
    with _export(store_path, "acled", tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        assert len(rows[0]) == 31 and list(rows[0]) == ACLED_STANDARD
    names = {country.name for country in codes.countries().values()}
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}\d+", row["event_id_cnty"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) and row["year"] == row["event_date"][:4]
        assert row["time_precision"] in {"1", "2", "3"} and row["country"] in names and row["iso"].isdigit()
        assert row["disorder_type"] and row["region"] and int(row["timestamp"]) > 0
    assert any(row["inter1"] and row["interaction"] for row in rows)


# --- CLI conventions and typed frames ---------------------------------------------------------

def test_version_flag():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"polybius \S+\n", result.stdout)


def test_export_infers_the_format_and_refuses_a_mismatch(store_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", str(out), "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    schema = pq.read_schema(out)
    assert str(schema.field("date").type) == "date32[day]" and str(schema.field("pub_date").type) == "date32[day]"
    wrong = runner.invoke(app, ["export", str(tmp_path / "y.parquet"), "--format", "csv", "--db", str(store_path)])
    assert wrong.exit_code == 2 and "does not end like csv output" in wrong.output
    assert not (tmp_path / "y.parquet").exists()
    unknown = runner.invoke(app, ["export", str(tmp_path / "y.data"), "--db", str(store_path)])
    assert unknown.exit_code == 2 and "give --format" in unknown.output


def test_bad_filter_date_is_a_usage_error(store_path, tmp_path):
    result = CliRunner().invoke(app, ["query", "--db", str(store_path), "--since", "13/06/2019"])
    assert result.exit_code == 2


def test_api_frames_have_date_types(store_path):
    import polybius.api as pb

    frame = pb.events(store_path)
    assert all(value is None or isinstance(value, dt.date) for value in frame["date"])
    assert any(isinstance(value, dt.date) for value in frame["date"])
    assert str(pb.events_arrow(store_path).schema.field("pub_date").type) == "date32[day]"


def test_ingest_knows_its_total_for_local_files_only():
    from polybius.cli.store import _known_total

    lines = sum(1 for batch in (REPO / "examples").glob("*.jsonl")
                for line in batch.read_text(encoding="utf-8").splitlines() if line.strip())
    assert _known_total([str(REPO / "examples")]) == lines + 2  # the JSONL lines, one HTML page, one text file
    assert _known_total([str(REPO / "examples"), "https://example.org/feed.rss"]) is None
