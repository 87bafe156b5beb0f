"""Engines: where articles are coded. `local` is this machine's process pool writing straight into
the store (`polybius.batch`); `ray` cuts the corpus into shards, codes them on a Ray actor pool
(this machine or a cluster) into Parquet, then merges the Parquet into the store with the same
dedup and cluster rules, so both engines leave the same store.

    from polybius.engines import ingest
    report = ingest(["news/", "crawl.warc.gz"], "events.sqlite", engine="ray", workers=8)
"""

from __future__ import annotations

from polybius.dictionaries import DictionarySet

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from polybius.batch import IngestReport
from polybius.engines.ray_engine import JobReport

ENGINES = ("local", "ray")


@dataclass
class EngineReport:
    """The store side (what the merge or the batch did) and, for sharded engines, the job side."""

    ingest: IngestReport
    job: JobReport | None = None


def default_output(db: Path) -> Path:
    """Where a sharded job writes its Parquet when not told: beside the store."""
    return db.with_name(db.name.rsplit(".", 1)[0] + ".parquet")


def ingest(targets: list[str], db: str | Path, *, engine: str = "local", out: str | Path | None = None,
           address: str | None = None, workers: int | None = None, shard_size: int | None = None,
           model: str | None = None, retries: int = 2, on_progress: Callable | None = None,
           dictionaries: DictionarySet | None = None) -> EngineReport:
    """Code `targets` into the store at `db` with the chosen engine; idempotent for both."""
    from polybius.store import Store

    db = Path(db)
    if engine == "local":
        from polybius.batch import ingest as batch_ingest
        from polybius.ingest.sources import expand

        items = itertools.chain.from_iterable(expand(t) for t in targets)
        with Store(db) as store:
            return EngineReport(batch_ingest(items, store, processes=workers or 1, model=model, on_article=on_progress, dictionaries=dictionaries))
    if engine != "ray":
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    from polybius.engines import ray_engine
    from polybius.engines.parquet import merge
    from polybius.engines.shards import DEFAULT_SHARD_SIZE, plan

    out = Path(out) if out is not None else default_output(db)
    shards = plan(targets, shard_size or DEFAULT_SHARD_SIZE, output=out)
    job = ray_engine.run(shards, out, address=address, workers=workers, model=model, dictionaries=dictionaries,
                         retries=retries, on_shard=on_progress)
    with Store(db) as store:
        return EngineReport(merge(out, store, [s.shard_id for s in shards]), job)


def merge_parquet(out: str | Path, db: str | Path) -> IngestReport:
    """Merge every done shard under `out` (written by any earlier job) into the store at `db`."""
    from polybius.engines.parquet import merge
    from polybius.store import Store

    with Store(db) as store:
        return merge(Path(out), store)
