"""The command line on the bundled examples and on bad input: clear messages, documented exit codes."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polybius.cli import app
from polybius.models import Event

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _events(output: str) -> list[Event]:
    return [Event.model_validate_json(line) for line in output.splitlines() if line.strip()]


def test_extract_bundled_example(runner, pipeline):
    meta = json.loads((EXAMPLES / "strikes-report.meta.json").read_text())
    result = runner.invoke(app, ["extract", str(EXAMPLES / "strikes-report.txt"), "--date", meta["date"]])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert len(events) >= 5
    roots = {e.cameo.root for e in events}
    assert "19" in roots
    assert all(e.date is None or e.date.year == 2019 for e in events), "the footer's copyright year leaked"
    assert any(e.source.country == "TUR" and e.cameo.root == "19" for e in events)


def test_extract_html_and_jsonl(runner, pipeline):
    result = runner.invoke(app, ["extract", str(EXAMPLES / "protest-report.html"), str(EXAMPLES / "batch.jsonl")])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert {e.article_id for e in events} >= {"batch-1"} or len({e.article_id for e in events}) >= 2


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_other_formats(runner, pipeline, fmt):
    result = runner.invoke(app, ["extract", str(EXAMPLES / "strikes-report.txt"), "--date", "2019-06-13", "--format", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    else:
        assert result.stdout.splitlines()[0].startswith("event_id,article_id")


def test_stdin(runner, pipeline):
    text = "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said."
    result = runner.invoke(app, ["extract", "-", "--date", "2019-07-09"], input=text)
    assert result.exit_code == 0
    events = _events(result.stdout)
    assert events and events[0].cameo.root in {"17", "18"}


def test_empty_file(runner, tmp_path, pipeline):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert "empty" in result.stderr and "Traceback" not in result.output


def test_binary_file(runner, tmp_path, pipeline):
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 10)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1 and "binary" in result.stderr


def test_non_utf8_file_warns_and_extracts(runner, tmp_path, pipeline):
    path = tmp_path / "latin.txt"
    path.write_bytes("Troops shelled the caf\u00e9 district of Aleppo on Monday.".encode("cp1252"))
    result = runner.invoke(app, ["extract", str(path), "--date", "2016-05-03"])
    assert result.exit_code == 0 and "UTF-8" in result.stderr


def test_huge_file_is_refused_without_reading(runner, tmp_path, pipeline):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Rebels attacked a convoy. " * (20 * 1024 * 1024 // 26 + 1))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1 and "limit" in result.stderr


def test_non_english_text_warns_with_zero_events(runner, tmp_path, pipeline):
    path = tmp_path / "fr.txt"
    path.write_text("Les forces de l'ordre ont tir\u00e9 des gaz lacrymog\u00e8nes sur les manifestants dans le centre de la capitale vendredi, selon des t\u00e9moins sur place, apr\u00e8s une journ\u00e9e de tension.")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0 and result.stdout.strip() == ""
    assert "English" in result.stderr


def test_bad_date_is_a_usage_error(runner):
    result = runner.invoke(app, ["extract", "x.txt", "--date", "2015-02-30"])
    assert result.exit_code == 2


def test_one_bad_input_does_not_stop_the_others(runner, tmp_path, pipeline):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    good = tmp_path / "good.txt"
    good.write_text("Police arrested twenty protesters in Khartoum on Thursday.")
    result = runner.invoke(app, ["extract", str(bad), str(good), "--date", "2019-01-17"])
    assert result.exit_code == 1
    assert _events(result.stdout)


def test_schema_command(runner):
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    for key in ("event_id", "cameo", "plover", "source", "target", "attribution", "status", "date", "location", "fatalities", "confidence"):
        assert key in schema["properties"]
