"""One worker of a sharded job: loads the model once, then codes shard after shard into Parquet.

The same class runs in-process (tests, one machine without Ray) and as a Ray actor, so what a
cluster writes is what one process writes.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from polybius.engines.parquet import ShardManifest, write_manifest, write_shard_data
from polybius.engines.shards import Shard, read_shard
from polybius.ingest.readers import IngestError
from polybius.dictionaries import DictionarySet
from polybius.models import Article, ArticleResult


WARM_UP = Article(article_id="warm-up", text="Police arrested dozens of protesters in Nairobi on Monday, officials said.")


class ShardWorker:
    def __init__(self, model: str | None = None, dictionaries: DictionarySet | None = None):
        from polybius.pipeline import Pipeline

        self.pipeline = Pipeline(model=model, dictionaries=dictionaries)
        # Dictionaries, gazetteer and geocoder load on first use: load them now, at start-up, not in the first shard.
        self.pipeline.extract(WARM_UP)

    def ready(self) -> bool:
        """Answered once the model is loaded: lets a caller start timing after the load."""
        return True

    def _extract_all(self, articles: list[Article]) -> list[ArticleResult]:
        """Batched extraction; should the batch itself break, each article alone, so one bad one is recorded, not lost."""
        try:
            return list(self.pipeline.run(articles))
        except Exception:
            results = []
            for article in articles:
                try:
                    results.append(self.pipeline.extract(article))
                except Exception as err:
                    results.append(ArticleResult(article_id=article.article_id, error=f"extraction failed: {type(err).__name__}: {err}"))
            return results

    def code(self, shard: Shard, out: str, attempt: int = 1) -> ShardManifest:
        """Code one shard and write it; never raises: a failure comes back as a manifest marked failed."""
        started, cpu = time.perf_counter(), time.process_time()
        manifest = ShardManifest(shard.shard_id, shard.index, shard.describe(), "done", attempts=attempt)
        try:
            articles: list[tuple[int, Article]] = []
            failures: list[tuple[int, IngestError]] = []
            for position, (item, _warnings) in enumerate(read_shard(shard)):
                (failures if isinstance(item, IngestError) else articles).append((position, item))
            results = self._extract_all([article for _, article in articles])
            coded = [(position, article, result) for (position, article), result in zip(articles, results, strict=True)]
            write_shard_data(Path(out), manifest, coded, failures)
            manifest.seconds, manifest.cpu_seconds = round(time.perf_counter() - started, 3), round(time.process_time() - cpu, 3)
            write_manifest(Path(out), manifest)  # last: it marks the shard done
            return manifest
        except Exception as err:
            manifest.status, manifest.error = "failed", f"{type(err).__name__}: {err}"
            manifest.seconds = round(time.perf_counter() - started, 3)
            traceback.print_exc()
            return manifest
