"""Batch ingestion: sources → (parallel) extraction → store, idempotent and crash-safe.

The main process reads the sources and owns the database; workers only extract. Each article is
written in its own transaction, so killing the batch loses at most the articles in flight, and
running the same command again codes exactly those (everything already stored is skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context

from polybius.ingest.readers import IngestError
from polybius.models import Article, ArticleResult
from polybius.store import Store

_worker_pipeline = None
BATCH = 64  # articles handed to the workers at a time


@dataclass
class IngestReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0  # already in the store
    failed: int = 0  # rejected inputs and articles whose extraction failed
    events: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, article: Article, result: ArticleResult) -> None:
        """One stored article: coded, or failed (extraction error, or nothing parsed)."""
        if result.error or (result.warnings and not result.sentences):
            self.failed += 1
            self.errors.append(f"{article.source_path or article.article_id}: {result.error or '; '.join(result.warnings)}")
        else:
            self.coded += 1
            self.events += len(result.events)

    def count_rejected(self, error: IngestError) -> None:
        self.failed += 1
        self.errors.append(str(error))


def _init_worker(model: str | None) -> None:
    global _worker_pipeline
    from polybius.pipeline import Pipeline

    _worker_pipeline = Pipeline(model=model)


def _extract(article: Article) -> tuple[Article, ArticleResult]:
    return article, _worker_pipeline.extract(article)


def _pending(items: Iterable, store: Store, report: IngestReport) -> Iterator[Article]:
    """New articles only; rejected inputs are recorded on the way."""
    for item, _warnings in items:
        report.read += 1
        if isinstance(item, IngestError):
            store.record_failure(item.source, item.message)
            report.count_rejected(item)
        elif store.needs_coding(item):
            yield item
        else:
            report.skipped += 1


def ingest(items: Iterable, store: Store, processes: int = 1, model: str | None = None,
           on_article: Callable[[IngestReport], None] | None = None) -> IngestReport:
    report = IngestReport()
    pending = _pending(items, store, report)

    def save(article: Article, result: ArticleResult) -> None:
        store.save(article, result)
        report.count(article, result)
        if on_article is not None:
            on_article(report)

    if processes <= 1:
        from polybius.pipeline import Pipeline

        pipeline = Pipeline(model=model)
        for article in pending:
            save(article, pipeline.extract(article))
        return report
    with get_context("fork").Pool(processes, initializer=_init_worker, initargs=(model,)) as pool:
        # The database is read and written by this thread only: hand the workers one batch at a time.
        while batch := list(islice(pending, BATCH)):
            for article, result in pool.imap_unordered(_extract, batch, chunksize=2):
                save(article, result)
    return report
