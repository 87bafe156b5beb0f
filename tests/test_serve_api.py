"""`polybius serve`'s REST API on a store of the bundled examples: the filters of `polybius query`,
pagination, evidence spans, rival claims, 4xx (never 500) on bad input, SQL injection kept literal,
and the store left untouched."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typer.testing import CliRunner

from polybius.cli import app
from polybius.export import Filters, rows
from polybius.serve import StoreUnavailable, create_app
from polybius.serve.app import STATIC
from polybius.serve.database import connect
from polybius.store import Store

FILTER_PARAMS = ["since", "until", "actor", "country", "cameo", "plover", "status", "quad_class", "attribution",
                 "bbox", "text", "mentions"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store_digest(example_store):
    return digest(example_store)


@pytest.fixture(scope="module")
def client(example_store, store_digest):
    with TestClient(create_app(example_store, allow_extract=True, max_extract_bytes=4000)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def closed_client(example_store):
    with TestClient(create_app(example_store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def counts(example_store):
    with Store(example_store) as store:
        return store.counts()


def all_events(client, **params) -> list[dict]:
    """Every page of /api/events for these filters."""
    found, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={**params, "limit": 7, "offset": offset}).json()
        found += page["events"]
        offset = page["next_offset"]
    return found


def event_with(client, words: str) -> dict:
    hits = client.get("/api/events", params={"text": words, "mentions": "true"}).json()["events"]
    assert len(hits) == 1, [h["sentence"] for h in hits]
    return hits[0]


# -- the store and its counts ---------------------------------------------------------------

def test_health_reports_the_store(client, counts, example_store):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["read_only"] is True and body["extract"] is True
    assert body["counts"] == {k: counts[k] for k in ("articles", "mentions", "events", "conflicts")}
    assert body["store"] == str(example_store)


def test_examples_hold_rival_claims_and_one_event_in_two_articles(counts, client):
    assert counts["conflicts"] >= 2
    multi = max(all_events(client), key=lambda e: e["num_articles"])
    assert multi["num_articles"] >= 2 and multi["num_sources"] >= 2


# -- filters: the same answers as `polybius query` --------------------------------------------

@pytest.mark.parametrize("params, filters", [
    ({}, Filters()),
    ({"country": "LBY"}, Filters(country="LBY")),
    ({"country": "ken"}, Filters(country="KEN")),
    ({"cameo": "19"}, Filters(cameo="19")),
    ({"cameo": "195"}, Filters(cameo="195")),
    ({"plover": "assault"}, Filters(plover="ASSAULT")),
    ({"status": "claimed"}, Filters(status="claimed")),
    ({"actor": "KENCOP"}, Filters(actor="KENCOP")),
    ({"since": "2019-06-01", "until": "2019-07-31"}, Filters(since="2019-06-01", until="2019-07-31")),
    ({"bbox": "10,25,40,40"}, Filters(bbox=(10, 25, 40, 40))),
    ({"text": "drone"}, Filters(text="drone")),
    ({"country": "IRQ", "cameo": "19", "status": "asserted"}, Filters(country="IRQ", cameo="19", status="asserted")),
])
def test_filters_match_polybius_query(client, example_store, params, filters):
    with Store(example_store) as store:
        expected = [row["event_id"] for row in rows(store, filters)]
        expected_mentions = [row["event_id"] for row in rows(store, filters, mentions=True)]
    assert sorted(e["event_id"] for e in all_events(client, **params)) == sorted(expected)
    assert sorted(e["event_id"] for e in all_events(client, **params, mentions="true")) == sorted(expected_mentions)
    assert client.get("/api/events", params=params).json()["total"] == len(expected)


def test_filters_select_what_they_say(client):
    assert all(e["cameo_root"] == "19" for e in all_events(client, cameo="19"))
    assert all(e["quad_class"] == 4 for e in all_events(client, quad_class=4))
    quad = all_events(client, quad_class=1)
    assert quad and all(e["quad_class"] == 1 for e in quad)
    libya = all_events(client, country="LBY")
    assert libya and all("LBY" in (e["source"]["country"], e["target"]["country"], (e["place"] or {}).get("country")) for e in libya)
    claimed = all_events(client, attribution="LBYGOV")
    assert claimed and all(e["attribution"]["code"].startswith("LBYGOV") for e in claimed)
    officials = all_events(client, attribution="local council official")
    assert officials and all("local council official" in e["attribution"]["text"] for e in officials)
    dated = all_events(client, since="2019-06-12", until="2019-06-13")
    assert dated and all("2019-06-12" <= e["date"] <= "2019-06-13" for e in dated)


def test_pagination_walks_every_event_once(client, counts):
    seen = all_events(client)
    assert len(seen) == len({e["event_id"] for e in seen}) == counts["events"]
    last = client.get("/api/events", params={"offset": counts["events"], "limit": 5}).json()
    assert last["events"] == [] and last["next_offset"] is None and last["total"] == counts["events"]


@pytest.mark.parametrize("sort, key, reverse", [
    ("-mentions", lambda e: e["num_mentions"], True),
    ("goldstein", lambda e: e["goldstein"], False),
    ("-cameo", lambda e: e["cameo_code"], True),
])
def test_sort(client, sort, key, reverse):
    events = all_events(client, sort=sort)
    assert [key(e) for e in events] == sorted((key(e) for e in events), reverse=reverse)


def test_sort_by_date_puts_undated_last(client):
    events = all_events(client, sort="-date")
    dates = [e["date"] for e in events]
    dated = [d for d in dates if d]
    assert dates[: len(dated)] == sorted(dated, reverse=True) and all(d is None for d in dates[len(dated):])


# -- one event: evidence, mentions in other articles, rival claims ----------------------------

def test_event_evidence_spans_point_into_the_sentence(client, counts):
    checked = 0
    for event in all_events(client, mentions="true"):
        detail = client.get(f"/api/events/{event['event_id']}").json()
        evidence = detail["evidence"]
        assert evidence["sentence"] == event["sentence"]
        assert detail["article"]["text"][evidence["sentence_start"]:][: len(evidence["sentence"])] == evidence["sentence"]
        for span in evidence["spans"]:
            if span["in_sentence"]:
                assert evidence["sentence"][span["start"]:span["end"]].lower() == span["text"].lower()
                checked += 1
    assert checked >= counts["mentions"]  # at least the trigger of (nearly) every mention


def test_event_view_of_a_contested_claim(client):
    official = event_with(client, "local council official")
    detail = client.get(f"/api/events/{official['event_id']}").json()
    spans = {s["kind"]: s["text"] for s in detail["evidence"]["spans"]}
    assert spans["trigger"] == "hit" and spans["source"] == "the jets" and spans["target"] == "a fuel station"
    assert spans["attribution"] == "a local council official in Sirte"
    assert detail["event"]["status"] == "claimed" and detail["record"]["fatalities"] == 5
    rivals = {r["event"]["attribution"]["text"]: r for r in detail["conflicts"]}
    ministry = rivals["the defence ministry in Tripoli"]
    assert ministry["event"]["fatalities"] == 12 and ministry["article"]["publisher"] == "Example Wire Service"
    assert {s["kind"] for s in ministry["evidence"]["spans"]} >= {"trigger", "source", "target", "attribution", "date"}
    # the conflict is symmetric: the ministry's claim lists the official's
    back = client.get(f"/api/events/{ministry['event']['event_id']}").json()
    assert official["event_id"] in {r["event"]["event_id"] for r in back["conflicts"]}


def test_event_mentioned_in_two_articles_lists_the_other(client):
    event = max(all_events(client), key=lambda e: e["num_articles"])
    detail = client.get(f"/api/events/{event['event_id']}").json()
    others = {m["article"]["article_id"] for m in detail["mentions"]} - {detail["article"]["article_id"]}
    assert len(others) == event["num_articles"] - 1 >= 1
    assert all(m["event"]["cluster_id"] == event["cluster_id"] for m in detail["mentions"])


def test_unknown_event_is_404(client):
    response = client.get("/api/events/0000000000000000")
    assert response.status_code == 404 and "no event" in response.json()["error"]


# -- stats, map, actors, vocabulary -----------------------------------------------------------

def test_stats_add_up(client, counts):
    stats = client.get("/api/stats").json()
    assert stats["total"] == counts["events"]
    assert sum(d["count"] for d in stats["by_day"]) + stats["undated"] == stats["total"]
    for facet in ("by_root", "by_status", "by_quad_class"):
        assert sum(c["count"] for c in stats[facet]) == stats["total"], facet
    libya = next(c for c in stats["by_country"] if c["key"] == "LBY")
    assert libya["label"] == "Libya" and libya["count"] == client.get("/api/events", params={"country": "LBY"}).json()["total"]
    assert all(p["count"] > 0 and len(p["source"]) == len(p["target"]) == 3 for p in stats["by_pair"])
    root = next(c for c in stats["by_root"] if c["key"] == "19")
    assert root["label"] == "Use conventional military force"


def test_stats_follow_filters_and_stack(client):
    stats = client.get("/api/stats", params={"country": "KEN", "stack": "plover"}).json()
    assert stats["stack"] == "plover" and stats["total"] == client.get("/api/events", params={"country": "KEN"}).json()["total"]
    assert {d["key"] for d in stats["by_day"]} <= {c["key"] for c in stats["by_plover"]} | {None}


def test_map_points_are_the_located_events(client):
    located = [e for e in all_events(client) if e["place"] and e["place"]["lat"] is not None]
    points = client.get("/api/map").json()
    assert points["total"] == len(located) and not points["truncated"]
    assert {p["event_id"] for p in points["points"]} == {e["event_id"] for e in located}
    one = client.get("/api/map", params={"limit": 1}).json()
    assert one["truncated"] and one["points"][0]["num_mentions"] == max(e["num_mentions"] for e in located)


def test_actor_search(client):
    kenya = client.get("/api/actors", params={"q": "Kenya"}).json()
    assert kenya and all(hit["code"].startswith("KEN") for hit in kenya)
    assert [hit["count"] for hit in kenya] == sorted((hit["count"] for hit in kenya), reverse=True)
    assert {"KENCOP", "KENCVL"} <= {hit["code"] for hit in client.get("/api/actors", params={"q": "kenc"}).json()}
    assert client.get("/api/actors", params={"q": "%"}).json() == []  # a wildcard is a literal character


def test_vocabulary(client):
    vocabulary = client.get("/api/vocabulary").json()
    assert [r["code"] for r in vocabulary["roots"]] == [f"{n:02d}" for n in range(1, 21)]
    assert "ASSAULT" in vocabulary["plover_types"] and "claimed" in vocabulary["statuses"]


# -- bad input: 4xx with a message, never 500 ---------------------------------------------------

@pytest.mark.parametrize("params, words", [
    ({"since": "garbage"}, "since"),
    ({"until": "2019-13-45"}, "until"),
    ({"since": "2019-12-01", "until": "2019-01-01"}, "after"),
    ({"country": "SYRIA"}, "country"),
    ({"cameo": "19x"}, "cameo"),
    ({"plover": "BOMBING"}, "PLOVER"),
    ({"status": "maybe"}, "status"),
    ({"quad_class": "5"}, "quad_class"),
    ({"quad_class": "two"}, "quad_class"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "40,10,30,20"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"limit": "501"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"offset": str(10**30)}, "offset"),
    ({"sort": "sentence"}, "sort"),
    ({"mentions": "perhaps"}, "mentions"),
    ({"contry": "SYR"}, "contry"),
    ({"text": "x" * 201}, "text"),
])
def test_bad_parameters_are_422_with_a_message(client, params, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert words in response.json()["error"]


def test_bad_parameters_on_other_endpoints(client):
    assert client.get("/api/stats", params={"stack": "country"}).status_code == 422
    assert client.get("/api/map", params={"limit": 10**6}).status_code == 422
    assert client.get("/api/actors", params={"q": "x" * 101}).status_code == 422
    assert client.get("/api/events/" + "a" * 65).status_code == 422
    assert client.get("/api/health", params={"verbose": 1}).status_code == 422


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILTER_PARAMS + ["sort", "limit", "offset"]), value=st.text(max_size=40))
def test_any_parameter_value_is_answered_without_a_server_error(client, name, value):
    for path in ("/api/events", "/api/stats", "/api/map"):
        if path != "/api/events" and name in ("sort", "limit", "offset"):
            continue
        response = client.get(path, params={name: value})
        assert response.status_code in (200, 422), (path, name, value, response.text)
        if response.status_code == 422:
            assert response.json()["error"]


@pytest.mark.parametrize("params", [
    {"actor": "' OR 1=1 --"},
    {"text": "%' UNION SELECT sql, 1, 1 FROM sqlite_master --"},
    {"attribution": "x') OR ('1'='1"},
    {"actor": "KEN%' OR '1'='1"},
    {"text": "'; DROP TABLE events; --"},
])
def test_injection_attempts_are_literal_text(client, counts, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/health").json()["counts"]["events"] == counts["events"]


def test_injection_in_paths_and_enums(client):
    assert client.get("/api/events/x' OR '1'='1").status_code == 404
    assert client.get("/api/events", params={"sort": "date; DROP TABLE events"}).status_code == 422
    assert client.get("/api/events", params={"country": "'; --"}).status_code == 422
    assert client.get("/api/stats", params={"stack": "cameo_root) --"}).status_code == 422


# -- read-only ----------------------------------------------------------------------------------

def test_the_server_cannot_write_and_left_the_store_as_it_was(client, example_store, store_digest):
    for path in ("/api/events", "/api/stats", "/api/map", "/api/actors?q=a", "/api/health"):
        assert client.get(path).status_code == 200
    conn = connect(example_store)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM events")
        conn.execute("PRAGMA query_only = OFF")  # even then the file is opened read-only
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM events")
    finally:
        conn.close()
    assert digest(example_store) == store_digest


def test_a_store_that_is_missing_or_not_a_store_is_refused(tmp_path):
    missing = tmp_path / "typo.sqlite"
    with pytest.raises(StoreUnavailable, match="no store"):
        create_app(missing)
    assert not missing.exists()  # never created
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database " * 100)
    with pytest.raises(StoreUnavailable, match="cannot read"):
        create_app(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreUnavailable, match="not a polybius store"):
        create_app(other)
    with pytest.raises(StoreUnavailable, match="not a file"):
        create_app(tmp_path)


def test_a_store_that_breaks_while_serving_is_503(tmp_path, example_store):
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(example_store.read_bytes())
    with TestClient(create_app(copy)) as broken:
        copy.write_bytes(b"\0" * 4096)
        response = broken.get("/api/events")
    assert response.status_code == 503 and "store unavailable" in response.json()["error"]


def test_serve_command_refuses_a_missing_store_with_exit_code_2(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "typo.sqlite")])
    assert result.exit_code == 2 and "no store" in result.output
    assert not (tmp_path / "typo.sqlite").exists()


# -- extract -------------------------------------------------------------------------------------

def test_extract_is_off_unless_allowed(closed_client):
    response = closed_client.post("/api/extract", json={"text": "Rebels shelled Idlib on Monday."})
    assert response.status_code == 403 and "--allow-extract" in response.json()["error"]


def test_extract_codes_posted_text_without_storing_it(client, counts):
    response = client.post("/api/extract", json={"text": "Turkish jets bombed PKK positions in northern Iraq on Monday.",
                                                 "date": "2019-06-13"})
    assert response.status_code == 200
    events = response.json()["events"]
    assert events and events[0]["cameo"]["root"] == "19" and events[0]["date"] == "2019-06-10"
    assert client.get("/api/health").json()["counts"] == {k: counts[k] for k in ("articles", "mentions", "events", "conflicts")}


@pytest.mark.parametrize("body, status, words", [
    ({"text": "x" * 5000}, 413, "limit"),
    ({"text": "a", "html": "<p>a</p>"}, 422, "exactly one"),
    ({}, 422, "exactly one"),
    ({"text": "Rebels shelled Idlib.", "date": "yesterday"}, 422, "YYYY-MM-DD"),
    ({"text": "   "}, 422, "empty"),
    ({"text": 42}, 422, "text"),
])
def test_extract_rejects_bad_bodies(client, body, status, words):
    response = client.post("/api/extract", json=body)
    assert response.status_code == status and words in response.json()["error"]


def test_extract_rejects_bodies_that_are_not_json(client):
    response = client.post("/api/extract", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    chunks = (b"x" * 1000 for _ in range(10))  # no Content-Length: the limit holds while streaming
    assert client.post("/api/extract", content=chunks).status_code == 413


# -- the dashboard and the docs -----------------------------------------------------------------

def test_dashboard_and_docs_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and '<script type="module" src="/static/app.js">' in page.text
    for asset in ("app.js", "map.js", "timeline.js", "table.js", "evidence.js", "dom.js", "style.css"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    assert client.get("/docs").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/actors", "/api/extract", "/api/health"} <= set(paths)


def test_dashboard_loads_nothing_from_elsewhere():
    """No CDN, no tile server: the only absolute URL in our assets is the SVG namespace."""
    for path in STATIC.glob("*.*"):
        text = path.read_text("utf-8").replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in text and "https://" not in text, path.name


def test_basemap_is_built(client, basemap):
    served = client.get("/static/vendor/countries-50m.geojson")
    assert served.status_code == 200
    countries = json.loads(served.content)
    assert len(countries["features"]) > 200 and "Natural Earth" in countries["attribution"]
