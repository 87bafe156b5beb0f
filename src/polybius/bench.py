"""`polybius bench`: throughput and memory of the extractor beside a bare spaCy parse of the same texts.

The corpus is fixed and bundled (our examples and our gold sentences, grouped into articles of
eight sentences), so numbers from different machines and revisions compare. Each measurement runs
in a fresh worker process, so model loading and peak memory are per worker, as in production.
"""

from __future__ import annotations

import json
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from polybius.ingest import IngestError, read_path
from polybius.models import Article

REPO = Path(__file__).resolve().parents[2]
ARTICLE_SENTENCES = 8


@dataclass(frozen=True)
class Run:
    mode: str  # "bare-parse" | "polybius"
    processes: int
    articles: int
    sentences: int
    events: int
    seconds: float
    peak_rss_mib: float  # the largest worker's peak resident memory

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds


def fixed_corpus(repo: Path = REPO) -> list[Article]:
    """Bundled examples plus the gold sentences, eight to an article, in a stable order."""
    articles: list[Article] = []
    for path in sorted((repo / "examples").glob("*")):
        if path.suffix in {".txt", ".html", ".jsonl"}:
            articles.extend(item for item, _ in read_path(path) if not isinstance(item, IngestError))
    for gold in ("dev", "test"):
        lines = [json.loads(line) for line in (repo / "eval" / "gold" / f"{gold}.jsonl").read_text("utf-8").splitlines() if line.strip()]
        for start in range(0, len(lines), ARTICLE_SENTENCES):
            chunk = lines[start : start + ARTICLE_SENTENCES]
            articles.append(Article(article_id=f"{gold}-{start}", text="\n".join(item["text"] for item in chunk)))
    return articles


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _work(mode: str, articles: list[Article], model: str | None) -> tuple[int, int, float, float]:
    """Runs in a worker: load once, then time only the processing."""
    from polybius.clean import clean_text
    from polybius.parse import load_nlp

    nlp = load_nlp(model)
    if mode == "bare-parse":
        texts = [clean_text(a.text).text for a in articles]
        started = time.perf_counter()
        sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=16))
        return sentences, 0, time.perf_counter() - started, _peak_rss_mib()
    from polybius.pipeline import Pipeline

    pipeline = Pipeline(nlp=nlp)
    pipeline.extract(articles[0])  # warm the gazetteer and dictionaries outside the timing
    started = time.perf_counter()
    results = list(pipeline.run(articles))
    elapsed = time.perf_counter() - started
    return sum(r.sentences for r in results), sum(len(r.events) for r in results), elapsed, _peak_rss_mib()


def measure(mode: str, articles: list[Article], processes: int, model: str | None = None) -> Run:
    shares = [articles[i::processes] for i in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        outcomes = list(pool.map(_work, [mode] * processes, shares, [model] * processes))
    sentences = sum(o[0] for o in outcomes)
    return Run(mode, processes, len(articles), sentences, sum(o[1] for o in outcomes),
               max(o[2] for o in outcomes), max(o[3] for o in outcomes))


def prefilter_analysis(articles: list[Article], repo: Path = REPO) -> dict:
    """How many sentences a trigger prefilter would keep, and how many gold events it would lose."""
    from polybius.clean import clean_text
    from polybius.prefilter import load_prefilter

    check = load_prefilter()
    total = kept = 0
    for article in articles:
        text = clean_text(article.text).text
        for segment in check.segments(text):
            total += 1
            kept += check.may_hold_event(text[segment.start : segment.end])
    events = lost = 0
    for gold in ("dev", "test"):
        for line in (repo / "eval" / "gold" / f"{gold}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                events += len(item["events"])
                lost += 0 if check.may_hold_event(item["text"]) else len(item["events"])
    return {"sentences": total, "would_parse": kept, "pass_rate": round(kept / total, 3),
            "gold_events": events, "gold_events_lost": lost, "recall_loss": round(lost / events, 4)}


def report(runs: list[Run]) -> dict:
    by = {(r.mode, r.processes): r for r in runs}
    out: dict = {"runs": [asdict(r) | {"articles_per_s": round(r.articles_per_s, 2), "sentences_per_s": round(r.sentences_per_s, 1)} for r in runs]}
    bare, ours = by.get(("bare-parse", 1)), by.get(("polybius", 1))
    if bare and ours:
        out["ratio_polybius_over_bare_parse"] = round(ours.articles_per_s / bare.articles_per_s, 3)
    if ("polybius", 2) in by and ours:
        out["speedup_2_processes"] = round(by[("polybius", 2)].articles_per_s / ours.articles_per_s, 2)
    return out
