"""Batch ingestion: sources → (parallel) extraction → store, idempotent and crash-safe.

The main process reads the sources and owns the database; workers only extract. Each article is
written in its own transaction, so killing the batch loses at most the articles in flight, and
running the same command again codes exactly those (everything already stored is skipped).
Articles are saved in input order, so when two versions of one article (same id or URL) meet
in a batch, the later one in the input wins on every run, whatever the workers' timing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context

from polybius.dictionaries import DictionarySet
from polybius.ingest.readers import IngestError
from polybius.models import Article, ArticleResult
from polybius.store import Standing, Store
from polybius.store.sqlite import version_of

_worker_pipeline = None
BATCH = 64  # articles handed to the workers at a time


@dataclass
class IngestReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0  # already in the store, as this version
    failed: int = 0  # rejected inputs and articles whose extraction failed
    events: int = 0
    replaced: int = 0  # stored articles that a newer version (same id or URL) replaced
    outdated: int = 0  # skipped: a version that a newer one already replaced
    repeated: int = 0  # skipped: the same article (same id and text) read twice in this run
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # replacements and repeats, one line each

    def count_rejected(self, error: IngestError) -> None:
        self.failed += 1
        self.errors.append(str(error))

    def admit(self, item: Article | IngestError, store: Store, seen: set[str]) -> Article | None:
        """The article if it needs coding; rejected inputs, repeats and stored or outdated versions
        are recorded here. `seen`: versions already read in this run. Shared by the local and
        the sharded engine, so both leave the same store."""
        self.read += 1
        if isinstance(item, IngestError):
            store.record_failure(item.source, item.message)
            self.count_rejected(item)
            return None
        version = version_of(item.article_id, item.text)
        if version in seen:
            self.repeated += 1
            self.notes.append(f"{_where(item)}: the same article (id {item.article_id}, same text) was already read in this run; skipped")
            return None
        seen.add(version)
        standing = store.standing(item)
        if standing is Standing.STORED:
            self.skipped += 1
        elif standing is Standing.SUPERSEDED:
            self.outdated += 1
            self.notes.append(f"{_where(item)}: an older version of an article that a newer one (same id or URL) replaced; skipped")
        else:
            return item
        return None

    def save(self, store: Store, article: Article, result: ArticleResult) -> None:
        """Store one coded article (replacing an older version of it) and count it."""
        replaced = store.save(article, result)
        if replaced:
            self.replaced += len(replaced)
            self.notes.append(f"{_where(article)}: replaces the stored version of {', '.join(replaced)} (same id or URL, new text)")
        if result.error or (result.warnings and not result.sentences):
            self.failed += 1
            self.errors.append(f"{_where(article)}: {result.error or '; '.join(result.warnings)}")
        else:
            self.coded += 1
            self.events += len(result.events)


def _init_worker(model: str | None, dictionaries: DictionarySet | None) -> None:
    global _worker_pipeline
    from polybius.pipeline import Pipeline

    _worker_pipeline = Pipeline(model=model, dictionaries=dictionaries)


def _extract(article: Article) -> tuple[Article, ArticleResult]:
    return article, _worker_pipeline.extract(article)


def _pending(items: Iterable, store: Store, report: IngestReport) -> Iterator[Article]:
    """Articles that need coding, in input order; the rest is recorded on the way."""
    seen: set[str] = set()
    for item, _warnings in items:
        if (article := report.admit(item, store, seen)) is not None:
            yield article


def _where(article: Article) -> str:
    return article.source_path or article.article_id


def ingest(items: Iterable, store: Store, processes: int = 1, model: str | None = None,
           on_article: Callable[[IngestReport], None] | None = None, dictionaries: DictionarySet | None = None) -> IngestReport:
    """`dictionaries` reach every worker (default: the settings, as in `Pipeline`)."""
    report = IngestReport()
    pending = _pending(items, store, report)

    def save(article: Article, result: ArticleResult) -> None:
        report.save(store, article, result)
        if on_article is not None:
            on_article(report)

    if processes <= 1:
        from polybius.pipeline import Pipeline

        pipeline = Pipeline(model=model, dictionaries=dictionaries)
        for article in pending:
            save(article, pipeline.extract(article))
        return report
    with get_context("fork").Pool(processes, initializer=_init_worker, initargs=(model, dictionaries)) as pool:
        # The database is read and written by this thread only: hand the workers one batch at a time.
        while batch := list(islice(pending, BATCH)):
            for article, result in pool.imap(_extract, batch, chunksize=2):
                save(article, result)
    return report
