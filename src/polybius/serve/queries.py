"""The dashboard's questions to the store, as SQL with bound parameters only.

Filters come from `polybius.export.Filters` (the same as `polybius query` and `export`); the
server adds QuadClass and attribution. Column names that vary (sort key, timeline stack) come
from fixed tables here, never from the request.

Speed: the store's `clusters` view joins every mention to its article to count outlets, which
on 100k mentions costs about a second each time it is computed whole. So filtering, counting,
sorting and the breakdowns pick each cluster's first mention and its mention count from `events`
alone (the same rule as the view: the cluster's smallest event_id), and the view is read only
for the clusters on screen, where SQLite narrows it to those clusters.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import Enum
from functools import cache

from polybius.coding import ontology
from polybius.export import Filters
from polybius.models import Status
from polybius.serve import schemas

# `k.num_mentions`: the mention count of each selected event's cluster.
FIRST_MENTIONS = (" FROM events e JOIN (SELECT MIN(event_id) AS first_event_id, COUNT(*) AS num_mentions"
                  " FROM events GROUP BY cluster_id) k ON k.first_event_id = e.event_id")
EVERY_MENTION = (" FROM events e JOIN (SELECT cluster_id AS of_cluster, COUNT(*) AS num_mentions"
                 " FROM events GROUP BY cluster_id) k ON k.of_cluster = e.cluster_id")
ARTICLE_COLUMNS = "a.url, a.publisher, a.outlet, a.title, a.pub_date"
QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}


class Sort(str, Enum):
    """Order of the events table; '-' sorts descending. Unknown dates, counts and tolls come last."""

    date = "date"
    date_desc = "-date"
    mentions = "mentions"
    mentions_desc = "-mentions"
    goldstein = "goldstein"
    goldstein_desc = "-goldstein"
    fatalities = "fatalities"
    fatalities_desc = "-fatalities"
    cameo = "cameo"
    cameo_desc = "-cameo"

    def order_by(self) -> str:
        column = {"date": "e.date", "mentions": "k.num_mentions", "goldstein": "e.goldstein",
                  "fatalities": "e.fatalities", "cameo": "e.cameo_code"}[self.value.lstrip("-")]
        direction = "DESC" if self.value.startswith("-") else "ASC"
        return f"{column} {direction} NULLS LAST, e.event_id {direction}"


class Stack(str, Enum):
    """What the timeline's bars are stacked by."""

    root = "root"
    plover = "plover"

    @property
    def column(self) -> str:
        return {"root": "cameo_root", "plover": "plover_type"}[self.value]


def like_escape(value: str) -> str:
    """A user's text as a literal inside a LIKE pattern (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class EventQuery(Filters):
    """`polybius query`'s filters plus the two the dashboard also offers."""

    quad_class: int | None = None
    attribution: str | None = None  # the speaker's code prefix, or words of who is said to say so
    mentions: bool = False  # every mention instead of one row per deduplicated event

    def source(self) -> str:
        """The FROM clause the filters apply to: `e` the event, `k.num_mentions` its cluster's count."""
        return EVERY_MENTION if self.mentions else FIRST_MENTIONS

    def where(self) -> tuple[str, list]:
        sql, params = super().where()
        clauses = [sql]
        if self.quad_class is not None:
            clauses.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.attribution:
            clauses.append("(e.attribution_code LIKE ? ESCAPE '\\' OR json_extract(e.record, '$.attribution.text') LIKE ? ESCAPE '\\')")
            params += [like_escape(self.attribution) + "%", "%" + like_escape(self.attribution) + "%"]
        return " AND ".join(clauses), params


@cache
def root_names() -> dict[str, str]:
    """CAMEO root -> a name, from its 'not more specific' code in the ontology table."""
    return {root: ontology.cameo(root + "0").name.removesuffix(", not more specific") for root in ontology.roots()}


@cache
def cameo_name(code: str) -> str | None:
    try:
        return ontology.cameo(code).name
    except KeyError:
        return None


@cache
def country_name(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)


def summary(row: sqlite3.Row, counts: sqlite3.Row) -> schemas.EventSummary:
    record = json.loads(row["record"])
    attribution = record.get("attribution")
    location = record.get("location")

    def actor(side: str) -> schemas.ActorOut:
        part = record.get(side) or {}
        return schemas.ActorOut(code=part.get("code"), country=part.get("country"), name=part.get("name"), text=part.get("text"))

    return schemas.EventSummary(
        event_id=row["event_id"], cluster_id=row["cluster_id"], article_id=row["article_id"], date=row["date"],
        date_precision=row["date_precision"], cameo_code=row["cameo_code"], cameo_root=row["cameo_root"],
        cameo_name=record.get("cameo", {}).get("name"), quad_class=row["quad_class"], goldstein=row["goldstein"],
        plover_type=row["plover_type"], source=actor("source"), target=actor("target"), status=row["status"],
        attribution=schemas.AttributionOut(code=attribution.get("code"), text=attribution["text"]) if attribution else None,
        place=schemas.PlaceOut(**{k: location.get(k) for k in ("name", "country", "admin1", "lat", "lon", "precision")}) if location else None,
        fatalities=row["fatalities"], num_mentions=counts["num_mentions"], num_sources=counts["num_sources"],
        num_articles=counts["num_articles"], sentence=row["sentence"], url=row["url"], publisher=row["publisher"],
        title=row["title"], pub_date=row["pub_date"],
    )


def rows(conn: sqlite3.Connection, where: str, params: list, order: str = "e.event_id",
         with_text: bool = False) -> list[tuple[sqlite3.Row, sqlite3.Row]]:
    """Events with their article (and its text if asked), and their cluster's counts from the `clusters` view."""
    columns = ARTICLE_COLUMNS + (", a.text AS article_text" if with_text else "")
    found = conn.execute(f"SELECT e.*, {columns} FROM events e JOIN articles a ON a.article_id = e.article_id"
                         f" WHERE {where} ORDER BY {order}", params).fetchall()
    clusters = sorted({row["cluster_id"] for row in found})
    counts = {c["cluster_id"]: c for c in conn.execute(
        f"SELECT * FROM clusters WHERE cluster_id IN ({', '.join('?' * len(clusters))})", clusters)}
    return [(row, counts[row["cluster_id"]]) for row in found]


def page(conn: sqlite3.Connection, query: EventQuery, sort: Sort, limit: int, offset: int) -> schemas.EventPage:
    where, params = query.where()
    total = conn.execute(f"SELECT COUNT(*){query.source()} WHERE {where}", params).fetchone()[0]
    ids = [r[0] for r in conn.execute(f"SELECT e.event_id{query.source()} WHERE {where} ORDER BY {sort.order_by()} LIMIT ? OFFSET ?",
                                      [*params, limit, offset])]
    position = {event_id: n for n, event_id in enumerate(ids)}
    found = sorted(rows(conn, f"e.event_id IN ({', '.join('?' * len(ids))})", ids), key=lambda pair: position[pair[0]["event_id"]])
    following = offset + len(ids)
    return schemas.EventPage(total=total, limit=limit, offset=offset, events=[summary(*pair) for pair in found],
                             next_offset=following if following < total else None)


def map_points(conn: sqlite3.Connection, query: EventQuery, limit: int) -> schemas.MapPoints:
    where, params = query.where()
    where += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
    located = conn.execute(
        "SELECT e.event_id, e.lat, e.lon, e.quad_class, k.num_mentions, e.date, e.cameo_code, e.source_code,"
        " e.target_code, e.location_name, e.status, COUNT(*) OVER () AS total"  # all matches, before LIMIT
        f"{query.source()} WHERE {where} ORDER BY k.num_mentions DESC, e.event_id LIMIT ?", [*params, limit],
    ).fetchall()
    total = located[0]["total"] if located else 0
    points = [schemas.MapPoint(event_id=r["event_id"], lat=r["lat"], lon=r["lon"], quad_class=r["quad_class"],
                               num_mentions=r["num_mentions"], date=r["date"], cameo_code=r["cameo_code"],
                               cameo_name=cameo_name(r["cameo_code"]), source=r["source_code"], target=r["target_code"],
                               place=r["location_name"], status=r["status"]) for r in located]
    return schemas.MapPoints(total=total, truncated=total > len(points), points=points)


def stats(conn: sqlite3.Connection, query: EventQuery, stack: Stack) -> schemas.Stats:
    """Every breakdown in one statement over the filtered events (computed once, then grouped)."""
    where, params = query.where()
    sql = f"""
        WITH picked AS MATERIALIZED (
            SELECT e.event_id, e.date, e.cameo_root, e.plover_type, e.quad_class, e.status,
                   e.source_country, e.target_country, e.location_country {query.source()} WHERE {where})
        SELECT 'day', date, {stack.column}, COUNT(*) FROM picked WHERE date IS NOT NULL GROUP BY 2, 3
        UNION ALL SELECT 'root', cameo_root, NULL, COUNT(*) FROM picked GROUP BY 2
        UNION ALL SELECT 'plover', plover_type, NULL, COUNT(*) FROM picked WHERE plover_type IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'status', status, NULL, COUNT(*) FROM picked GROUP BY 2
        UNION ALL SELECT 'quad', quad_class, NULL, COUNT(*) FROM picked GROUP BY 2
        UNION ALL SELECT 'pair', source_country, target_country, COUNT(*) FROM picked
                  WHERE source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY 2, 3
        UNION ALL SELECT 'country', country, NULL, COUNT(DISTINCT event_id) FROM (
                  SELECT event_id, source_country AS country FROM picked
                  UNION ALL SELECT event_id, target_country FROM picked
                  UNION ALL SELECT event_id, location_country FROM picked) WHERE country IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'total', NULL, NULL, COUNT(*) FROM picked
        UNION ALL SELECT 'undated', NULL, NULL, COUNT(*) FROM picked WHERE date IS NULL
    """
    facets: dict[str, list[tuple]] = {}
    for facet, first, second, count in conn.execute(sql, params):
        facets.setdefault(facet, []).append((first, second, count))
    ranked = lambda facet: sorted(facets.get(facet, []), key=lambda item: (-item[2], str(item[0])))  # noqa: E731
    names = root_names()
    return schemas.Stats(
        total=facets["total"][0][2], undated=facets["undated"][0][2], stack=stack.value,
        by_day=[schemas.DayCount(date=d, key=k, count=n) for d, k, n in sorted(facets.get("day", []), key=lambda i: (i[0], str(i[1])))],
        by_root=[schemas.Count(key=k, label=names.get(k), count=n) for k, _, n in ranked("root")],
        by_plover=[schemas.Count(key=k, count=n) for k, _, n in ranked("plover")],
        by_country=[schemas.Count(key=k, label=country_name(k), count=n) for k, _, n in ranked("country")],
        by_pair=[schemas.PairCount(source=s, target=t, count=n) for s, t, n in ranked("pair")],
        by_status=[schemas.Count(key=k, count=n) for k, _, n in ranked("status")],
        by_quad_class=[schemas.Count(key=str(k), label=QUAD_CLASSES.get(k), count=n) for k, _, n in ranked("quad")],
    )


def actors(conn: sqlite3.Connection, text: str, limit: int) -> list[schemas.ActorHit]:
    """Actor codes by code prefix, a named person or group, or a country's name ('Kenya' -> KEN...)."""
    import pycountry

    try:
        iso = pycountry.countries.lookup(text.strip()).alpha_3 if text.strip() else None
    except LookupError:
        iso = None
    pattern = like_escape(text.strip())
    rows = conn.execute(
        """SELECT code, MAX(country) AS country, GROUP_CONCAT(DISTINCT name) AS names, COUNT(*) AS n FROM (
               SELECT source_code AS code, source_country AS country, source_name AS name FROM events
               UNION ALL SELECT target_code, target_country, target_name FROM events)
           WHERE code IS NOT NULL AND (code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR country = ?)
           GROUP BY code ORDER BY n DESC, code LIMIT ?""",
        [pattern.upper() + "%", "%" + pattern + "%", iso, limit],
    )
    return [schemas.ActorHit(code=r["code"], country=r["country"], names=sorted(set((r["names"] or "").split(",")) - {""}),
                             count=r["n"]) for r in rows]


def vocabulary() -> schemas.Vocabulary:
    return schemas.Vocabulary(
        roots=[schemas.Root(code=code, name=name, quad_class=ontology.quad_class_for_root(code)) for code, name in root_names().items()],
        plover_types=sorted(ontology.PLOVER_TYPES),
        statuses=[status.value for status in Status],
        quad_classes=[schemas.Count(key=str(k), label=v, count=0) for k, v in QUAD_CLASSES.items()],
    )


# -- one event and its evidence -------------------------------------------------------------

def _evidence(record: dict, article_text: str) -> schemas.Evidence:
    """The sentence with the spans a reader checks: who, did what, to whom, when, where, says who."""
    start, end = record["char_span"]
    aligned = article_text[start:end] == record["sentence"]  # else offsets cannot be trusted: show the words only
    sentence = record["sentence"]
    spans: list[schemas.Span] = []

    def add(kind: str, span, text: str | None) -> None:
        if not span:
            return
        first, last = span
        inside = aligned and start <= first < last <= end
        words = article_text[first:last] if aligned else (text or "")
        if words:
            spans.append(schemas.Span(kind=kind, text=words, start=first - start if inside else None,
                                      end=last - start if inside else None, in_sentence=inside))

    add("trigger", record.get("trigger_span"), record.get("trigger"))
    for kind, key in (("source", "source"), ("target", "target"), ("attribution", "attribution"), ("place", "location")):
        part = record.get(key) or {}
        add(kind, part.get("char_span"), part.get("text"))
    date_text = record.get("date_text")
    if date_text:
        found = sentence.lower().find(date_text.lower())
        spans.append(schemas.Span(kind="date", text=date_text, start=found if found >= 0 else None,
                                  end=found + len(date_text) if found >= 0 else None, in_sentence=found >= 0))
    return schemas.Evidence(sentence=sentence, sentence_start=start, spans=sorted(spans, key=lambda s: (s.start is None, s.start or 0)))


def _article_ref(row: sqlite3.Row) -> schemas.ArticleRef:
    return schemas.ArticleRef(article_id=row["article_id"], url=row["url"], title=row["title"], publisher=row["publisher"],
                              outlet=row["outlet"], pub_date=row["pub_date"])


def _accounts(conn: sqlite3.Connection, where: str, params: list) -> list[schemas.Account]:
    found = rows(conn, where, params, "a.pub_date NULLS LAST, e.article_id, e.sentence_index, e.event_id", with_text=True)
    return [schemas.Account(event=summary(row, counts), article=_article_ref(row), evidence=_evidence(json.loads(row["record"]), row["article_text"]))
            for row, counts in found]


def detail(conn: sqlite3.Connection, event_id: str) -> schemas.EventDetail | None:
    found = rows(conn, "e.event_id = ?", [event_id], with_text=True)
    if not found:
        return None
    row, counts = found[0]
    record = json.loads(row["record"])
    cluster = row["cluster_id"]
    mentions = _accounts(conn, "e.cluster_id = ? AND e.event_id != ?", [cluster, event_id])
    conflicts = _accounts(
        conn,
        "e.cluster_id != ? AND e.event_id IN (SELECT k.other_event_id FROM conflicts k JOIN events m ON m.event_id = k.event_id"
        " WHERE m.cluster_id = ?)",
        [cluster, cluster],
    )
    ref = _article_ref(row)
    return schemas.EventDetail(
        event=summary(row, counts), article=schemas.ArticleOut(**ref.model_dump(), text=row["article_text"]),
        evidence=_evidence(record, row["article_text"]), record=record, mentions=mentions, conflicts=conflicts,
    )
