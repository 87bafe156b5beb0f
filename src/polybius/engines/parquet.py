"""The Parquet output of a sharded job, and its merge into the SQLite store.

Layout of an output folder (every file is written whole, then renamed into place):

    articles/<shard>.parquet           every article of the shard, with its status, error and warnings
    failures/<shard>.parquet           inputs that never became an article (bad JSON line, empty file ...)
    mentions/month=YYYY-MM/<shard>.parquet
                                       event mentions with their cluster id, by the month of the event
                                       date (the publication date when the event has none; `unknown`)
    _shards/<shard>.json               the shard's manifest, written last: a shard with a manifest
                                       marked done is complete and is never coded again

Months, not days, partition the mentions: daily folders would leave hundreds of tiny files per
shard. The merge replays the shards, in plan order, through the store's own admission rules (`IngestReport.admit`) and
`save`, so dedup, replacement of changed articles, cluster keys and NumMentions/NumSources follow
exactly the rules of a one-process ingest, and merging twice changes nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from polybius.batch import IngestReport
from polybius.ingest.readers import IngestError, parse_date
from polybius.models import Article, ArticleResult, Event
from polybius.store import Store, cluster_key

MANIFESTS = "_shards"

ARTICLE_SCHEMA = pa.schema([
    ("position", pa.int32()), ("article_id", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("publisher", pa.string()), ("pub_date", pa.string()), ("source", pa.string()), ("text", pa.string()),
    ("sentences", pa.int32()), ("error", pa.string()), ("warnings", pa.list_(pa.string())), ("events", pa.int32()),
])
FAILURE_SCHEMA = pa.schema([("position", pa.int32()), ("source", pa.string()), ("message", pa.string())])
MENTION_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("cluster_id", pa.string()),
    ("sentence_index", pa.int32()), ("date", pa.string()), ("date_precision", pa.string()), ("pub_date", pa.string()),
    ("cameo_code", pa.string()), ("cameo_root", pa.string()), ("quad_class", pa.int8()), ("goldstein", pa.float64()),
    ("plover_type", pa.string()), ("source_code", pa.string()), ("source_country", pa.string()), ("source_name", pa.string()),
    ("target_code", pa.string()), ("target_country", pa.string()), ("target_name", pa.string()), ("status", pa.string()),
    ("attribution_code", pa.string()), ("location_name", pa.string()), ("location_country", pa.string()),
    ("location_admin1", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("fatalities", pa.int32()),
    ("url", pa.string()), ("publisher", pa.string()), ("sentence", pa.string()), ("record", pa.string()),
    ("article_position", pa.int32()), ("event_position", pa.int32()),  # where the shard read the article; event order
])


@dataclass
class ShardManifest:
    """What a shard wrote (or why it could not), as JSON beside its output."""

    shard_id: str
    index: int
    inputs: str  # the shard's files and ranges, for people
    status: str  # "done" | "failed"
    attempts: int = 1
    error: str | None = None
    files: list[str] = field(default_factory=list)  # relative to the output folder
    articles: int = 0
    failures: int = 0
    mentions: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time on this shard: reading, coding, writing


def month_of(event: Event, article: Article) -> str:
    day = event.date or article.pub_date
    return day.isoformat()[:7] if day else "unknown"


def _mention_row(event: Event, article: Article, article_position: int, event_position: int) -> dict:
    loc = event.location
    return {
        "event_id": event.event_id, "article_id": event.article_id, "cluster_id": cluster_key(event),
        "sentence_index": event.sentence_index, "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision, "pub_date": article.pub_date.isoformat() if article.pub_date else None,
        "cameo_code": event.cameo.code, "cameo_root": event.cameo.root, "quad_class": event.cameo.quad_class,
        "goldstein": event.cameo.goldstein, "plover_type": event.plover.type, "source_code": event.source.code,
        "source_country": event.source.country, "source_name": event.source.name, "target_code": event.target.code,
        "target_country": event.target.country, "target_name": event.target.name, "status": event.status.value,
        "attribution_code": event.attribution.code if event.attribution else None,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "fatalities": event.fatalities, "url": article.url, "publisher": article.publisher, "sentence": event.sentence,
        "record": event.model_dump_json(), "article_position": article_position, "event_position": event_position,
    }


def _write(table: pa.Table, path: Path) -> None:
    """Whole file or nothing: a killed worker never leaves half a Parquet file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    pq.write_table(table, partial)
    os.replace(partial, path)


def write_shard_data(out: Path, manifest: ShardManifest, coded: list[tuple[int, Article, ArticleResult]],
                     failures: list[tuple[int, IngestError]]) -> None:
    """Write one shard's articles, failures and mentions, and list them in its manifest (written after, by the caller)."""
    name = f"{manifest.shard_id}.parquet"
    articles = [{
        "position": position, "article_id": a.article_id, "url": a.url, "title": a.title, "publisher": a.publisher,
        "pub_date": a.pub_date.isoformat() if a.pub_date else None, "source": a.source_path, "text": a.text,
        "sentences": r.sentences, "error": r.error, "warnings": r.warnings, "events": len(r.events),
    } for position, a, r in coded]
    by_month: dict[str, list[dict]] = {}
    for article_position, article, result in coded:
        for event_position, event in enumerate(result.events):
            by_month.setdefault(month_of(event, article), []).append(_mention_row(event, article, article_position, event_position))
    files = [f"articles/{name}", f"failures/{name}"]
    _write(pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA), out / files[0])
    _write(pa.Table.from_pylist([{"position": p, "source": f.source, "message": f.message} for p, f in failures], schema=FAILURE_SCHEMA), out / files[1])
    for month, rows in sorted(by_month.items()):
        files.append(f"mentions/month={month}/{name}")
        _write(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA), out / files[-1])
    manifest.files, manifest.articles, manifest.failures = files, len(articles), len(failures)
    manifest.mentions = sum(len(rows) for rows in by_month.values())


def write_manifest(out: Path, manifest: ShardManifest) -> None:
    path = out / MANIFESTS / f"{manifest.shard_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(asdict(manifest), indent=1), encoding="utf-8")
    os.replace(partial, path)


def read_manifests(out: Path) -> dict[str, ShardManifest]:
    folder = out / MANIFESTS
    if not folder.is_dir():
        return {}
    found = (ShardManifest(**json.loads(p.read_text("utf-8"))) for p in sorted(folder.glob("*.json")))
    return {m.shard_id: m for m in found}


def _shard_records(out: Path, manifest: ShardManifest) -> Iterator[tuple[Article, ArticleResult]]:
    """A done shard's articles with their results, in the order the shard read them."""
    mentions: dict[int, list[tuple[int, str]]] = {}
    for file in manifest.files:
        if file.startswith("mentions/"):
            for row in pq.read_table(out / file, columns=["article_position", "event_position", "record"]).to_pylist():
                mentions.setdefault(row["article_position"], []).append((row["event_position"], row["record"]))
    for row in sorted(pq.read_table(out / f"articles/{manifest.shard_id}.parquet").to_pylist(), key=lambda r: r["position"]):
        article = Article(article_id=row["article_id"], text=row["text"], url=row["url"], title=row["title"],
                          publisher=row["publisher"], pub_date=parse_date(row["pub_date"]), source_path=row["source"])
        events = [Event.model_validate_json(record) for _, record in sorted(mentions.get(row["position"], []))]
        yield article, ArticleResult(article_id=article.article_id, events=events, sentences=row["sentences"],
                                     error=row["error"], warnings=row["warnings"] or [])


def merge(out: Path, store: Store, shard_ids: Iterable[str] | None = None) -> IngestReport:
    """Replay done shards (all, or the given ones) into the store in plan order; failed shards are reported."""
    manifests = read_manifests(out)
    chosen = [manifests[s] for s in shard_ids if s in manifests] if shard_ids is not None else list(manifests.values())
    report = IngestReport()
    seen: set[str] = set()  # versions read so far, as one local run would have read them
    for manifest in sorted(chosen, key=lambda m: m.index):
        if manifest.status != "done":
            report.errors.append(f"shard {manifest.inputs}: {manifest.error} (after {manifest.attempts} tries; run again to retry)")
            continue
        for row in pq.read_table(out / f"failures/{manifest.shard_id}.parquet").to_pylist():
            report.admit(IngestError(row["source"], row["message"]), store, seen)
        for article, result in _shard_records(out, manifest):
            if report.admit(article, store, seen) is not None:
                report.save(store, article, result)
    return report
