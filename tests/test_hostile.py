"""Hostile input, broken stores, shared URLs: nothing hangs, nothing is lost, no traceback reaches a user."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import polybius.api as pb
from polybius.batch import ingest
from polybius.cli import app
from polybius.ingest.readers import IngestError, read_bytes, read_jsonl
from polybius.ingest.sources import expand
from polybius.models import Article
from polybius.store import Store, StoreError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from make_batch import NON_ENGLISH, make_batch  # noqa: E402

TEXT_A = "Rebels shelled the town of Idlib on Monday, killing three civilians, officials said."
TEXT_B = "Turkish jets struck PKK positions in northern Iraq on Tuesday, the defence ministry said."
TEXT_C = "Police fired tear gas at protesters in Nairobi on Wednesday, witnesses said."


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def store_file(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("hostile") / "events.sqlite"
    with Store(db) as store:
        ingest(expand(str(REPO / "examples")), store, processes=1)
    return db


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _one_error_line(result, *fragments: str) -> str:
    _no_traceback(result)
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert all(f in lines[0] for f in fragments), lines[0]
    return lines[0]


# -- shared URLs and repeated ids: re-runs never flip ------------------------------------------

def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_articles_sharing_a_url_are_stable_across_reruns(tmp_path, pipeline):
    live = "https://example.org/live-blog"
    batch = _jsonl(tmp_path / "live.jsonl", [
        {"text": TEXT_A, "url": live}, {"text": TEXT_A + "\n" + TEXT_B, "url": live}, {"text": TEXT_C, "url": "https://example.org/c"},
    ])
    with Store(tmp_path / "s.sqlite") as store:
        first = ingest(expand(str(batch)), store, processes=1)
        after_first = store.dump()
        runs = [ingest(expand(str(batch)), store, processes=1) for _ in range(2)]
        assert store.dump() == after_first
        urls = [row[1] for row in after_first["articles"]]
        texts = {row[1]: row[7] for row in after_first["articles"]}
    assert first.coded == 3 and first.replaced == 1  # the later text under the live blog's URL wins
    assert sorted(urls) == ["https://example.org/c", live] and texts[live] == TEXT_A + "\n" + TEXT_B
    assert all(r.coded == 0 and r.skipped == 2 and r.outdated == 1 for r in runs)
    assert any("older version" in note for note in runs[0].notes)


def test_parallel_ingest_keeps_the_later_version_like_a_single_process(tmp_path, pipeline):
    shared = "https://example.org/syndicated"
    records = [{"text": text, "url": shared if number % 3 == 0 else f"https://example.org/{number}"}
               for number, text in enumerate([TEXT_A, TEXT_B, TEXT_C] * 3)]
    batch = _jsonl(tmp_path / "syndicated.jsonl", records)
    dumps = []
    for processes in (1, 2):
        with Store(tmp_path / f"p{processes}.sqlite") as store:
            ingest(expand(str(batch)), store, processes=processes)
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]


def test_repeated_jsonl_ids_follow_the_documented_rule(tmp_path, pipeline):
    batch = _jsonl(tmp_path / "ids.jsonl", [
        {"id": "x", "text": TEXT_A}, {"id": "x", "text": TEXT_A},  # same id, same text: read once
        {"id": "y", "text": TEXT_B}, {"id": "y", "text": TEXT_C},  # same id, new text: the later replaces
    ])
    with Store(tmp_path / "ids.sqlite") as store:
        report = ingest(expand(str(batch)), store, processes=1)
        stored = {row[0]: row[7] for row in store.dump()["articles"]}
        dump = store.dump()
        again = ingest(expand(str(batch)), store, processes=1)
        assert store.dump() == dump
    assert report.repeated == 1 and report.replaced == 1 and report.coded == 3
    assert stored == {"x": TEXT_A, "y": TEXT_C}
    assert any("already read in this run" in n for n in report.notes) and any("replaces" in n for n in report.notes)
    assert again.coded == 0 and again.outdated == 1 and again.repeated == 1


def test_ingest_reports_replacements_on_the_command_line(runner, tmp_path, pipeline):
    batch = _jsonl(tmp_path / "ids.jsonl", [{"id": "y", "text": TEXT_B}, {"id": "y", "text": TEXT_C}])
    result = runner.invoke(app, ["ingest", str(batch), "--db", str(tmp_path / "cli.sqlite"), "-p", "1"])
    _no_traceback(result)
    assert result.exit_code == 0 and "1 earlier versions replaced" in result.output and "note:" in result.output


# -- a batch with 5% bad items ---------------------------------------------------------------

def test_batch_with_bad_items_records_one_failure_each_and_reruns_identically(tmp_path, pipeline):
    good = make_batch(95, 0, seed=11)
    lines = [json.dumps(item) for item in good]
    bad = [
        json.dumps({"id": "binary", "text": "".join(chr(c) for c in range(1, 9)) * 60}),
        json.dumps({"id": "huge", "text": "Rebels attacked a convoy. " * 250_000}),
        json.dumps({"id": "truncated", "text": TEXT_A})[:40],
        json.dumps({"id": "french", "text": NON_ENGLISH * 3}),
        json.dumps({"id": "broken-html", "html": "<html><body><div><p>" + "<span>" * 30}),
    ]
    for number, line in enumerate(bad):
        lines.insert(number * 20 + 7, line)
    batch = tmp_path / "mixed.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "mixed.sqlite") as store:
        report = ingest(expand(str(batch)), store, processes=1)
        counts = store.counts()
        dump = store.dump()
        rerun = ingest(expand(str(batch)), store, processes=1)
        assert store.dump() == dump
    assert report.read == 100 and report.failed == 5 and report.coded == 95
    assert counts["failures"] + counts["rejected_articles"] + counts["failed_articles"] == 5
    assert rerun.coded == 0


# -- stores ----------------------------------------------------------------------------------

def test_read_only_store_can_be_queried(store_file, tmp_path, runner):
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "events.sqlite"
    shutil.copy(store_file, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        with Store(db, readonly=True) as store:
            assert store.counts()["events"] > 0
            with pytest.raises(sqlite3.OperationalError):
                store.conn.execute("DELETE FROM events")  # opened read-only: SQLite itself refuses
        result = runner.invoke(app, ["query", "--db", str(db), "--limit", "3"])
        assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def test_read_only_store_in_a_read_only_folder_is_read_as_immutable(store_file, tmp_path, monkeypatch):
    """Where SQLite cannot create a WAL store's shared-memory file (a folder nobody may write;
    root writes anywhere, so the refusal is simulated), the store is still read."""
    import polybius.store.sqlite as sqlite_store

    connect = sqlite3.connect

    def refuse_plain_read_only(database, *args, **kwargs):
        if "mode=ro" in str(database) and "immutable=1" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite_store.sqlite3, "connect", refuse_plain_read_only)
    with Store(store_file, readonly=True) as store:
        assert store.counts()["events"] > 0


def test_writing_into_a_read_only_store_is_refused_plainly(store_file, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(StoreError, match="read-only"):
        Store(store_file)


def test_another_programs_database_is_never_written_into(tmp_path):
    other = tmp_path / "accounts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="something else"):
        Store(other)
    with pytest.raises(StoreError, match="not a polybius store"):
        Store(other, readonly=True)
    assert other.read_bytes() == before


def test_damaged_store_is_never_written_into(store_file, tmp_path):
    db = tmp_path / "damaged.sqlite"
    data = bytearray(store_file.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200  # a table page in the middle
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    with pytest.raises(StoreError, match="damaged|malformed"):
        Store(db)
    assert db.read_bytes() == before and not Path(f"{db}-wal").exists()


@pytest.mark.parametrize("command", ["ingest", "query", "export"])
@pytest.mark.parametrize("problem", ["missing-folder", "folder", "not-a-database", "truncated"])
def test_unusable_stores_end_in_one_error_line(runner, store_file, tmp_path, command, problem):
    db = {"missing-folder": tmp_path / "nowhere" / "s.sqlite", "folder": tmp_path, "not-a-database": tmp_path / "junk.sqlite",
          "truncated": tmp_path / "cut.sqlite"}[problem]
    if problem == "not-a-database":
        db.write_bytes(b"this is not SQLite at all\n" * 10)
    if problem == "truncated":
        db.write_bytes(store_file.read_bytes()[:20_000])
    args = {"ingest": ["ingest", str(REPO / "examples" / "strikes-report.txt")], "query": ["query"],
            "export": ["export", str(tmp_path / "out.csv")]}[command]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2
    _one_error_line(result, str(db) if problem != "missing-folder" else "nowhere")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("target", ["missing-folder", "folder", "disk-full"])
def test_export_write_errors_end_in_one_error_line(runner, store_file, tmp_path, target):
    if target == "disk-full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    for fmt in ("csv", "parquet"):
        out = {"missing-folder": tmp_path / "nowhere" / f"out.{fmt}", "folder": tmp_path, "disk-full": Path("/dev/full")}[target]
        result = runner.invoke(app, ["export", str(out), "--db", str(store_file), "--format", fmt])
        assert result.exit_code == 1
        _one_error_line(result, "cannot write", str(out))
    assert not list(tmp_path.glob(".*partial"))


def test_export_leaves_no_partial_file_when_the_store_fails(runner, store_file, tmp_path):
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", str(out), "--db", str(store_file)])
    assert result.exit_code == 0 and out.read_text().count("\n") > 1 and not list(tmp_path.glob(".*partial"))


def test_query_filters_are_checked_and_codes_match_in_any_case(runner, store_file):
    bad = runner.invoke(app, ["query", "--db", str(store_file), "--since", "garbage"])
    assert bad.exit_code == 2 and "--since takes a date" in bad.output
    upper = runner.invoke(app, ["query", "--db", str(store_file), "--country", "TUR"])
    lower = runner.invoke(app, ["query", "--db", str(store_file), "--country", "tur"])
    assert upper.exit_code == lower.exit_code == 0 and upper.stdout == lower.stdout and upper.stdout.strip()
    assert len(pb.events(store_file, country="tur")) == len(pb.events(store_file, country="TUR")) > 0


def test_ingest_exits_1_when_inputs_failed(runner, tmp_path, pipeline):
    (tmp_path / "good.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "--db", str(tmp_path / "s.sqlite"), "-p", "1"])
    _no_traceback(result)
    assert result.exit_code == 1 and "skipped:" in result.output and "coded 1" in result.output


def test_long_paths_in_errors_are_never_wrapped(runner, tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / ("another-long-folder-name-" * 4) / "store.sqlite"
    result = runner.invoke(app, ["query", "--db", str(deep)], terminal_width=60)
    line = _one_error_line(result)
    assert str(deep) in line


# -- the Python API --------------------------------------------------------------------------

def test_api_extract_checks_its_input(pipeline, monkeypatch):
    with pytest.raises(TypeError, match="str or bytes"):
        pb.extract(None)
    events = pb.extract(TEXT_A.encode("cp1252"), pub_date="2016-05-02")
    assert events and events[0].sentence.startswith("Rebels")
    with pytest.raises(ValueError, match="binary"):
        pb.extract(b"\x00\x01" * 100)
    monkeypatch.setenv("POLYBIUS_MAX_BYTES", "100")
    with pytest.raises(ValueError, match="POLYBIUS_MAX_BYTES"):
        pb.extract(TEXT_A * 3)
    with pytest.raises(ValueError, match="POLYBIUS_MAX_BYTES"):
        pb.extract((TEXT_A * 3).encode())


def test_api_events_never_creates_a_store(tmp_path):
    typo = tmp_path / "typo.sqlite"
    with pytest.raises(FileNotFoundError, match="no store"):
        pb.events(typo)
    assert not typo.exists()
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        pb.events(typo.with_name("x"), since="garbage")


# -- random bytes, encodings and truncations -------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "koi8-r", "shift_jis"]))
def test_any_encoding_is_read_or_refused_never_raised(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace")
    item, warnings = read_bytes(data, source="fuzz")
    assert isinstance(item, (Article, IngestError)) and isinstance(warnings, list)
    if encoding == "utf-8" and isinstance(item, Article):
        assert item.text == text


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2000))
def test_truncated_jsonl_is_read_or_refused_line_by_line(cut):
    data = (REPO / "examples" / "batch.jsonl").read_text("utf-8")[:cut]
    items = list(read_jsonl(data.splitlines(), source="cut.jsonl"))
    whole_lines = data.count("\n")
    assert all(isinstance(i, (Article, IngestError)) for i in items)
    assert sum(isinstance(i, Article) for i in items) >= sum(1 for line in data.splitlines()[:whole_lines] if line.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=3000), st.sampled_from([".txt", ".html", ".jsonl", ".rss", ".warc.gz"]))
def test_cli_never_shows_a_traceback_for_random_bytes(runner, pipeline, tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with patch("polybius.pipeline.Pipeline", lambda model=None, dictionaries=None: pipeline):  # one model load for all examples
        result = runner.invoke(app, ["extract", str(path)])
        stored = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "fuzz.sqlite"), "-p", "1"])
    for outcome in (result, stored):
        _no_traceback(outcome)
        assert outcome.exit_code in {0, 1}, outcome.output


def test_a_huge_jsonl_line_is_refused_without_holding_it(tmp_path):
    from polybius.config import Settings
    from polybius.ingest.readers import read_path

    batch = tmp_path / "huge.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "text": TEXT_A}) + "\n")
        handle.write('{"id": "huge", "text": "' + "word " * 400_000 + '"}\n')
        handle.write(json.dumps({"id": "c", "text": TEXT_C}) + "\n")
    items = [item for item, _ in read_path(batch, settings=Settings(spacy_model=None, max_bytes=10_000))]
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "Article"]
    assert items[1].source.endswith(":2") and "limit" in items[1].message and items[2].article_id == "c"
