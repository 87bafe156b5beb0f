"""The dashboard in a real browser: `polybius serve` on a store of the bundled examples, driven by
Playwright in Debian's Chromium (Playwright's own browser download cannot work here).

Screenshots go to reports/ (git-ignored); `make screenshot` copies one to docs/ for the README.
Without Chromium these tests skip, except under CI (CI=1/true), where they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "reports"
CHROMIUM = os.environ.get("POLYBIUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and quiet: with no network here, Chromium's background services would only fail.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(example_store, basemap):
    """`polybius serve` in its own process on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "polybius.cli", "serve", "--db", str(example_store), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"polybius serve did not start: {process.stdout.read()}")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/{path}", timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e .[dev])")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.requested = []
    opened.problems = []
    opened.on("request", lambda request: opened.requested.append(request.url))
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.on("console", lambda message: message.type == "error" and opened.problems.append(message.text))
    yield opened
    context.close()


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#map-panel[data-basemap=loaded]")


def shown_events(page) -> int:
    """Events drawn on the map: single points plus the members of each cluster."""
    singles = page.locator("#map-panel circle.event").count()
    clustered = sum(int(c) for c in page.locator("#map-panel .cluster").evaluate_all("nodes => nodes.map(n => n.dataset.count)"))
    return singles + clustered


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_dashboard_shows_map_timeline_and_table(page, server):
    REPORTS.mkdir(exist_ok=True)
    load(page, server + "/")
    located = api(server, "map")["total"]
    assert located > 10 and shown_events(page) == located
    assert page.locator("#map-panel .land path").count() > 200  # the Natural Earth countries
    assert page.locator("#timeline-panel rect[data-date]").count() > 0
    assert page.locator("#events tbody tr[data-id]").count() == min(50, api(server, "events?limit=1")["total"])
    page.screenshot(path=str(REPORTS / "dashboard.png"))
    assert all(url.startswith(server) or url.startswith("data:") for url in page.requested), page.requested
    assert not page.problems, page.problems


def test_filter_by_country_updates_every_view_and_the_url(page, server):
    load(page, server + "/")
    page.select_option("#filters select[name=country]", "LBY")
    page.wait_for_function("new URLSearchParams(location.search).get('country') === 'LBY'")
    expected = api(server, "events?country=LBY&limit=1")["total"]
    page.wait_for_function(f"document.querySelector('#table-panel .count').textContent.startsWith('{expected} event')")
    assert page.locator("#events tbody tr[data-id]").count() == expected
    assert shown_events(page) == api(server, "map?country=LBY")["total"]
    # the link is shareable: opening it again restores the filter
    shared = page.url
    page.goto("about:blank")
    load(page, shared)
    assert page.locator("#filters select[name=country]").input_value() == "LBY"
    assert page.locator("#events tbody tr[data-id]").count() == expected
    page.screenshot(path=str(REPORTS / "dashboard-libya.png"))
    assert not page.problems, page.problems


def test_event_view_highlights_the_evidence_and_shows_the_rival_claims(page, server):
    official = api(server, "events?text=local%20council%20official&mentions=true")["events"][0]
    load(page, server + "/?country=LBY")
    page.click(f"#events tbody tr[data-id='{official['event_id']}']")
    view = page.locator("#event-view")
    view.wait_for(state="visible")
    assert query(page)["event"] == official["event_id"]
    evidence = view.locator(".evidence .sentence").first

    def marked(kind: str) -> str:
        return "".join(evidence.locator(f"mark[data-kind~='{kind}']").all_text_contents())

    assert marked("trigger") == "hit" and marked("source") == "the jets" and marked("target") == "a fuel station"
    assert marked("attribution") == "a local council official in Sirte"
    assert "according to a local council official in Sirte" in view.locator(".evidence .claim").first.inner_text()
    rivals = view.locator("#conflicts .rivals .account")
    assert rivals.count() == len(api(server, f"events/{official['event_id']}")["conflicts"]) >= 2
    texts = " ".join(rivals.all_inner_texts())
    assert "the defence ministry in Tripoli" in texts and "12" in texts
    assert view.locator("#conflicts .this .account").count() == 1  # side by side with this account
    page.screenshot(path=str(REPORTS / "event-view.png"))
    # the event view is part of the link, and Escape closes it
    page.keyboard.press("Escape")
    view.wait_for(state="hidden")
    assert "event" not in query(page)
    assert not page.problems, page.problems


def test_other_articles_that_report_an_event(page, server):
    events = api(server, "events?limit=500")["events"]
    reported_twice = max(events, key=lambda e: e["num_articles"])
    load(page, f"{server}/?event={reported_twice['event_id']}")
    view = page.locator("#event-view")
    view.wait_for(state="visible")
    cards = view.locator(".mentions .account")
    assert cards.count() == reported_twice["num_articles"] - 1
    assert cards.first.locator("mark[data-kind~='trigger']").count() == 1
    assert not page.problems, page.problems


def test_brushing_the_timeline_filters_by_date(page, server):
    load(page, server + "/")
    box = page.locator("#timeline-panel svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.35, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('since')")
    state = query(page)
    assert state["since"] < state["until"]
    expected = api(server, f"events?since={state['since']}&until={state['until']}&limit=1")["total"]
    page.wait_for_function(f"document.querySelector('#table-panel .count').textContent.startsWith('{expected} event')")
    assert page.locator("#filters input[name=since]").input_value() == state["since"]
    # a click without dragging clears the range
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] / 2)
    page.wait_for_function("!new URLSearchParams(location.search).has('since')")
    assert not page.problems, page.problems


def test_a_cluster_of_several_places_zooms_in(page, server):
    load(page, server + "/")
    scale = float(page.locator("#map-panel svg").get_attribute("data-scale"))
    clusters = page.locator("#map-panel .cluster")
    biggest = max(range(clusters.count()), key=lambda i: int(clusters.nth(i).get_attribute("data-count")))
    clusters.nth(biggest).click()
    page.wait_for_function(f"Number(document.querySelector('#map-panel svg').dataset.scale) > {scale}")
    assert page.locator("#map-panel circle.event, #map-panel .cluster").count() >= 2
    assert not page.problems, page.problems


def test_a_cluster_of_one_place_lists_its_events(page, server):
    load(page, server + "/?country=KEN")
    cluster = page.locator("#map-panel .cluster").first
    count = int(cluster.get_attribute("data-count"))
    cluster.click()
    popup = page.locator("#map-panel .map-popup")
    popup.wait_for(state="visible")
    assert popup.locator("li").count() == count >= 2
    popup.locator("li button").first.click()
    page.locator("#event-view").wait_for(state="visible")
    assert "event" in query(page)
    assert not page.problems, page.problems


def test_article_text_is_shown_as_text_never_as_markup(page, server):
    """A hostile sentence (served through the real API response, altered in flight) stays inert."""
    official = api(server, "events?text=local%20council%20official&mentions=true")["events"][0]
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'

    def tamper(route):
        detail = route.fetch().json()
        detail["evidence"]["sentence"] = hostile + detail["evidence"]["sentence"]
        for span in detail["evidence"]["spans"]:
            if span["in_sentence"]:
                span["start"] += len(hostile)
                span["end"] += len(hostile)
        detail["event"]["attribution"]["text"] = hostile
        route.fulfill(json=detail)

    page.route(f"**/api/events/{official['event_id']}", tamper)
    load(page, f"{server}/?event={official['event_id']}")
    view = page.locator("#event-view")
    view.wait_for(state="visible")
    assert view.locator("img, script").count() == 0
    assert hostile in view.locator(".evidence .sentence").first.inner_text()
    assert view.locator(".evidence mark[data-kind~='trigger']").first.inner_text() == "hit"
    assert page.evaluate("window.pwned") is None
