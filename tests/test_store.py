"""Store, batch ingest, dedup and exports: idempotent, crash-safe, every format round-trips."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from polybius.batch import ingest
from polybius.export import GDELT_COLUMNS, Filters, export
from polybius.ingest.readers import read_text
from polybius.ingest.sources import expand
from polybius.models import ArticleResult
from polybius.store import Standing, Store, cluster_key

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from make_batch import make_batch  # noqa: E402


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("batch") / "batch.jsonl"
    items = make_batch(40, 0.1, seed=3)
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory, batch_file, pipeline):
    db = tmp_path_factory.mktemp("store") / "events.sqlite"
    with Store(db) as store:
        report = ingest(expand(str(batch_file)), store, processes=1)
        counts = store.counts()
    return db, report, counts


def test_batch_ingest_records_bad_items(filled):
    _, report, counts = filled
    assert report.read == 40 and report.coded + report.failed == 40
    assert report.failed == 4  # every tenth item is bad
    assert counts["failures"] + counts["rejected_articles"] + counts["failed_articles"] == 4
    assert counts["articles"] == 36 and counts["mentions"] >= counts["events"] > 30


def test_ingesting_again_adds_nothing(filled, batch_file):
    db, _, counts = filled
    with Store(db) as store:
        before = store.dump()
        report = ingest(expand(str(batch_file)), store, processes=1)
        stored = counts["articles"] + counts["rejected_articles"] + counts["failed_articles"]
        assert report.coded == 0 and report.skipped == stored
        assert store.dump() == before


def test_changed_article_replaces_the_old_one(tmp_path, pipeline):
    with Store(tmp_path / "s.sqlite") as store:
        first = read_text("Rebels attacked an army post in Idlib on Monday.", source="a", url="https://x.test/1")
        store.save(first, pipeline.extract(first))
        changed = read_text("Rebels attacked an army post in Hama on Monday.", source="a", url="https://x.test/1")
        assert store.standing(changed) is Standing.NEW  # a new id (URL + text), under a stored URL
        assert store.save(changed, pipeline.extract(changed)) == [first.article_id]
        assert store.counts()["articles"] == 1
        assert {row["location_admin1"] for row in store.events()} == {"Hama"}
        assert store.standing(first) is Standing.SUPERSEDED and store.standing(changed) is Standing.STORED


def test_dedup_counts_mentions_sources_articles(tmp_path, pipeline):
    text = "Russian warplanes struck rebel positions in Idlib province on Wednesday."
    with Store(tmp_path / "d.sqlite") as store:
        for number, publisher in enumerate(["Wire A", "Wire B", "Wire B"]):
            article = read_text(text + f" Story {number}.", source="t", url=f"https://x.test/{number}", publisher=publisher,
                                pub_date=__import__("datetime").date(2015, 10, 1))
            store.save(article, pipeline.extract(article))
        [row] = list(store.events("e.cameo_root = '19'", clustered=True))
        assert (row["num_mentions"], row["num_sources"], row["num_articles"]) == (3, 2, 3)


def test_cluster_key_ignores_wording_but_not_place(pipeline):
    a = pipeline.extract(read_text("Jets struck rebel positions in Idlib on Monday.", source="a", pub_date=__import__("datetime").date(2016, 5, 3))).events
    b = pipeline.extract(read_text("Jets struck rebel positions in Idlib on Monday, officials said.", source="b", pub_date=__import__("datetime").date(2016, 5, 3))).events
    c = pipeline.extract(read_text("Jets struck rebel positions in Hama on Monday.", source="c", pub_date=__import__("datetime").date(2016, 5, 3))).events
    assert cluster_key(a[0]) == cluster_key(b[0]) != cluster_key(c[0])


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "acled", "csv", "parquet", "jsonl"])
def test_exports_round_trip_row_counts(filled, tmp_path, fmt):
    db, _, counts = filled
    out = tmp_path / f"out.{fmt}"
    with Store(db) as store:
        result = export(store, fmt, out)
    written = result.rows
    if fmt == "gdelt":
        rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
        assert all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    elif fmt in {"plover", "jsonl"}:
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    elif fmt == "parquet":
        rows = pd.read_parquet(out).to_dict("records")
    else:
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == written > 0
    assert written + result.left_out == counts["events"]  # a format leaves out only what it cannot hold
    if fmt in {"csv", "parquet", "jsonl"}:
        assert result.left_out == 0


def test_query_filters(filled):
    db, _, _ = filled
    with Store(db) as store:
        fights = list(store.events(*Filters(cameo="19").where(), clustered=True))
        assert fights and all(r["cameo_code"].startswith("19") for r in fights)
        boxed = list(store.events(*Filters(bbox=(30.0, 30.0, 45.0, 40.0)).where()))
        assert all(30 <= r["lon"] <= 45 and 30 <= r["lat"] <= 40 for r in boxed)


def test_python_api_frames(filled):
    import polybius.api as pb

    db, _, counts = filled
    frame = pb.events(db)
    assert len(frame) == counts["events"] and "num_mentions" in frame.columns
    assert pb.events_arrow(db, cameo="19").num_rows == len(pb.events(db, cameo="19"))


def test_kill_and_resume_matches_an_uninterrupted_run(tmp_path, batch_file):
    command = [sys.executable, "-m", "polybius.cli", "ingest", str(batch_file), "--processes", "1"]
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    # exit status 1: the batch holds bad items, recorded as failures, and every good one is coded
    assert subprocess.run(command + ["--db", str(clean_db)], capture_output=True).returncode == 1
    process = subprocess.Popen(command + ["--db", str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.5)
        if killed_db.exists():
            with Store(killed_db) as store:
                if store.counts()["articles"] >= 5:
                    break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(killed_db) as store:
        interrupted = store.counts()["articles"]
    assert 0 < interrupted < 36, "the kill must land mid-batch"
    assert subprocess.run(command + ["--db", str(killed_db)], capture_output=True).returncode == 1
    with Store(clean_db) as clean, Store(killed_db) as resumed:
        assert resumed.dump() == clean.dump()


def test_article_result_without_sentences_is_rejected(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        article = read_text("Texte en fran\u00e7ais.", source="fr")
        store.save(article, ArticleResult(article_id=article.article_id, warnings=["not English"]))
        assert store.counts()["rejected_articles"] == 1


def test_a_store_made_before_codes_outside_cameo_accepts_them(tmp_path, pipeline):
    import datetime as dt
    import sqlite3

    from polybius.coding.ontology import to_models
    from polybius.models import Article

    old_schema = Path(__file__).resolve().parents[1] / "src" / "polybius" / "store" / "schema.sql"
    text = old_schema.read_text().replace("quad_class       INTEGER,", "quad_class       INTEGER NOT NULL,").replace(
        "goldstein        REAL,", "goldstein        REAL NOT NULL,")
    assert "quad_class       INTEGER NOT NULL" in text
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        conn.executescript(text)
    article = Article(article_id="a1", text="Russian warplanes struck rebel positions in Idlib on Monday.", pub_date=dt.date(2020, 3, 2))
    result = pipeline.extract(article)
    with Store(db) as store:
        store.save(article, result)
    weis = result.events[0].model_copy(update={"event_id": "weis", "cameo": to_models("903")[0]})
    with Store(db) as store:  # reopened: the old NOT NULL columns were relaxed, the rows kept
        store.save(article, result.model_copy(update={"events": [*result.events, weis]}))
        rows = store.conn.execute("SELECT event_id, quad_class FROM events ORDER BY event_id").fetchall()
        assert ("weis", None) in [tuple(r) for r in rows] and len(rows) == len(result.events) + 1
        assert store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] >= 1
