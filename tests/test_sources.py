import io
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from polybius.config import Settings
from polybius.ingest.deadline import DeadlineExceeded, deadline
from polybius.ingest.readers import IngestError, read_text
from polybius.ingest.sources import expand, follow_feeds, read_feed, read_warc
from polybius.models import Article

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
    assert len(list(follow_feeds([str(feed)], interval=0, polls=2))) == 4


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


def _records(path: Path, bodies: list[bytes], gzip: bool = True) -> list[int]:
    """A WARC of HTML responses; returns the offset where each record ends."""
    ends = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for number, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(f"https://news.test/{number}", "response", payload=io.BytesIO(body), http_headers=headers))
            ends.append(stream.tell())
    return ends


def _page(number: int) -> bytes:
    return ARTICLE_HTML.replace("Nairobi", f"Nairobi ({number})").encode()


def test_warc_record_over_the_limit_is_refused_and_the_rest_read(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    big = ("<html><body><article>" + "<p>Rebels shelled the town.</p>" * 400 + "</article></body></html>").encode()
    _records(archive, [_page(0), big, _page(2)])
    items = [item for item, _ in read_warc(archive, Settings(spacy_model=None, max_bytes=len(big) - 1))]
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "Article"]
    assert "POLYBIUS_MAX_BYTES" in items[1].message and items[1].source.endswith("#2")


def test_pathological_page_is_refused_before_extraction(tmp_path):
    """50 MB of HTML squeezed into a small .warc.gz never reaches trafilatura (nor memory)."""
    archive = tmp_path / "bomb.warc.gz"
    bomb = b"<html><body>" + b"<div><p>word</p></div>" * (50 * 2**20 // 22) + b"</body></html>"
    _records(archive, [bomb, _page(1)])
    assert archive.stat().st_size < 1_000_000
    items = [item for item, _ in read_warc(archive, Settings(spacy_model=None, max_bytes=5 * 2**20))]
    assert isinstance(items[0], IngestError) and "limit" in items[0].message
    assert isinstance(items[1], Article)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.booleans(), st.floats(0, 1, exclude_max=True))
def test_truncated_warc_keeps_whole_records_and_reports_the_cut(tmp_path, gzip, where):
    whole = tmp_path / f"whole-{gzip}.warc"
    ends = _records(whole, [_page(n) for n in range(3)], gzip=gzip)
    data = whole.read_bytes()
    cut = int(where * len(data))
    archive = tmp_path / "cut.warc"
    archive.write_bytes(data[:cut])
    items = [item for item, _ in read_warc(archive)]
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    complete = sum(1 for end in ends if end <= cut)
    # every record wholly before the cut is read, in order; nothing else is made up
    assert [a.url for a in articles] == [f"https://news.test/{n}" for n in range(len(articles))]
    assert complete <= len(articles) <= complete + 1
    # a cut inside a record is reported (a record whose text is all there may still be read)
    if len(articles) == complete and cut not in [0, *ends]:
        assert len(errors) == 1 and errors[0].source == str(archive) and "archive" in errors[0].message


def test_html_extraction_time_is_bounded():
    page = "<html><body><article>" + "<div><p>Rebels shelled the town of Idlib on Monday, officials said.</p></div>" * 20_000 + "</article></body></html>"
    started = time.monotonic()
    item = read_text(page, source="slow.html", kind="html", settings=Settings(spacy_model=None, max_bytes=2**30, html_seconds=0.2))
    assert isinstance(item, IngestError) and "POLYBIUS_HTML_SECONDS" in item.message
    assert time.monotonic() - started < 30


def test_deadline_interrupts_a_busy_call():
    with pytest.raises(DeadlineExceeded):
        with deadline(0.05):
            while True:
                pass
    with deadline(0.5):
        pass  # a call within its bound is left alone, and the timer is gone afterwards
    time.sleep(0.6)


def test_feed_server_that_never_answers_times_out():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()  # connections are accepted by the kernel and never answered
        url = f"http://127.0.0.1:{server.getsockname()[1]}/feed.rss"
        found: list = []
        reader = threading.Thread(target=lambda: found.extend(read_feed(url, Settings(spacy_model=None, max_bytes=2**20, feed_seconds=0.5))))
        reader.start()
        reader.join(30)
        assert not reader.is_alive(), "ingest hung on a silent server"
    (item, _), = found
    assert isinstance(item, IngestError) and "timed out" in item.message


@pytest.fixture
def feed_server(tmp_path):
    """Two feeds over HTTP, each with one entry of its own."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.rss").write_text(RSS.replace("https://example.org/", f"https://example.org/{name}/"), encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_follow_polls_every_feed(feed_server):
    items = [item for item, _ in follow_feeds([f"{feed_server}/a.rss", f"{feed_server}/b.rss"], interval=0, polls=2)]
    urls = [i.url for i in items if isinstance(i, Article)]
    assert urls == ["https://example.org/a/1", "https://example.org/b/1"] * 2
    missing = [item for item, _ in read_feed(f"{feed_server}/missing.rss")]
    assert isinstance(missing[0], IngestError) and "404" in missing[0].message
