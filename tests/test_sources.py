import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from polybius.ingest.readers import IngestError
from polybius.ingest.sources import expand, follow_feed, read_feed

ARTICLE_HTML = ("<html><head><title>Clashes</title></head><body><nav>Home</nav><article><p>" +
                "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said. " * 4 +
                "</p></article></body></html>")
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Talks</title><link>https://example.org/1</link><pubDate>Tue, 09 Jul 2019 10:00:00 GMT</pubDate>
<description>Kenya and Somalia held talks in Nairobi on Monday, officials said.</description></item>
<item><title>Empty</title><link>https://example.org/2</link><description></description></item>
</channel></rss>"""


def test_feed_entries_become_articles(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    items = [item for item, _ in read_feed(str(feed))]
    assert items[0].url == "https://example.org/1" and items[0].publisher == "Example Wire"
    assert str(items[0].pub_date) == "2019-07-09" and "talks" in items[0].text
    assert isinstance(items[1], IngestError)


def test_follow_polls_the_feed(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    assert len(list(follow_feed(str(feed), interval=0, polls=2))) == 4


def test_broken_feed_is_an_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("this is not a feed <<<", encoding="utf-8")
    items = [item for item, _ in read_feed(str(bad))]
    assert items and all(isinstance(i, IngestError) for i in items)


def _warc(path: Path) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body in enumerate([ARTICLE_HTML, "<html><body></body></html>"]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            record = writer.create_warc_record(f"https://news.test/{number}", "response", payload=io.BytesIO(body.encode()), http_headers=headers)
            writer.write_record(record)


def test_warc_html_responses_become_articles(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    items = [item for item, _ in expand(str(archive))]
    assert len(items) == 2
    assert items[0].url == "https://news.test/0" and "tear gas" in items[0].text
    assert isinstance(items[1], IngestError)


def test_folder_is_walked_with_sidecars(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Rebels attacked a convoy on Monday.", encoding="utf-8")
    (tmp_path / "sub" / "a.meta.json").write_text('{"date": "2020-03-03", "publisher": "Wire"}', encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = [item for item, _ in expand(str(tmp_path))]
    assert len(items) == 1 and str(items[0].pub_date) == "2020-03-03" and items[0].publisher == "Wire"
