import datetime as dt
import json

import pytest
from hypothesis import given, strategies as st

from polybius.config import Settings
from polybius.ingest import IngestError, read_bytes, read_jsonl, read_path
from polybius.ingest.readers import article_id_for, decode, parse_date
from polybius.models import Article

SMALL = Settings(spacy_model=None, max_bytes=1024)


def test_plain_text_keeps_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rebels attacked a checkpoint on Monday.", encoding="utf-8")
    [(article, warnings)] = list(read_path(path, pub_date=dt.date(2020, 1, 8), url="https://x.test/a"))
    assert isinstance(article, Article) and warnings == []
    assert article.pub_date == dt.date(2020, 1, 8)
    assert article.url == "https://x.test/a"
    assert article.article_id == article_id_for(article.text, article.url)


def test_same_article_same_id():
    one, _ = read_bytes(b"Troops fired on protesters.", source="a")
    two, _ = read_bytes(b"Troops fired on protesters.", source="b")
    other, _ = read_bytes(b"Troops fired on protesters.", source="b", url="https://x.test/2")
    assert one.article_id == two.article_id != other.article_id


def test_html_uses_trafilatura_text_and_metadata(tmp_path):
    html = """<!doctype html><html><head><title>Police fire tear gas</title>
    <meta property="article:published_time" content="2019-03-08T10:00:00Z">
    <link rel="canonical" href="https://news.test/story"></head><body><nav>Home | World | Sport</nav>
    <article><p>Police fired tear gas at protesters in the capital on Friday, witnesses said, as thousands marched.</p>
    <p>The protesters demanded the resignation of the president and chanted slogans against the government.</p></article>
    <footer>Copyright 2012 News Test. All rights reserved.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [(article, _)] = list(read_path(path))
    assert isinstance(article, Article)
    assert "Police fired tear gas" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.pub_date == dt.date(2019, 3, 8)
    assert article.url == "https://news.test/story"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_bad_bytes_are_errors(data, message):
    item, _ = read_bytes(data, source="x")
    assert isinstance(item, IngestError) and message in item.message


def test_non_utf8_decodes_with_warning():
    item, warnings = read_bytes("Caf\u00e9 owners protested in Paris.".encode("cp1252"), source="x")
    assert isinstance(item, Article) and "Café" in item.text
    assert warnings and "UTF-8" in warnings[0]


def test_non_utf8_encoding_is_guessed_not_assumed():
    text = "Протестующие собрались в Москве в субботу, требуя отставки правительства."
    decoded, warnings = decode(text.encode("cp1251"))
    assert decoded == text and "cp1251" in warnings[0]


def test_oversized_input_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    [(item, _)] = list(read_path(path, settings=SMALL))
    assert isinstance(item, IngestError) and "limit" in item.message


def test_jsonl_batch_reports_bad_lines_and_continues():
    lines = [
        json.dumps({"id": "a1", "text": "Police arrested ten protesters.", "date": "2020-02-02", "url": "u1"}),
        "{not json",
        json.dumps({"id": "a2", "text": "", "date": None}),
        json.dumps({"id": "a3", "text": "Talks resumed.", "date": "2020-02-31"}),
        json.dumps(["a list"]),
        json.dumps({"id": "a4", "html": "<html><body><article><p>" + "Soldiers clashed with rebels near the border town. " * 5 + "</p></article></body></html>"}),
    ]
    items = list(read_jsonl(lines, source="batch.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "IngestError", "IngestError", "Article"]
    assert items[0].article_id == "a1" and items[0].pub_date == dt.date(2020, 2, 2)
    assert "batch.jsonl:2" in str(items[1])
    assert "2020-02-31" in items[3].message
    assert "Soldiers clashed" in items[5].text


def test_directory_is_an_error(tmp_path):
    [(item, _)] = list(read_path(tmp_path))
    assert isinstance(item, IngestError)


def test_parse_date():
    assert parse_date("2015-10-01") == dt.date(2015, 10, 1)
    assert parse_date("2015-10-01T12:00:00Z") == dt.date(2015, 10, 1)
    assert parse_date(None) is None
    with pytest.raises(ValueError):
        parse_date("Feb 30")


@given(st.binary(max_size=2000))
def test_read_bytes_never_raises(data):
    item, warnings = read_bytes(data, source="fuzz", kind="text")
    assert isinstance(item, (Article, IngestError))


def test_decode_refuses_control_heavy_bytes():
    with pytest.raises(ValueError):
        decode(bytes(range(1, 32)) * 40)
