"""`polybius bench`: throughput and memory of the extractor beside a bare spaCy parse of the same texts.

Two corpora: the fixed bundled one (our examples and our gold sentences, grouped into articles of
eight sentences), so numbers from different machines and revisions compare; and real news pages
(`../shared/eval/news_pages_dev`, read in place when present), repeated to a few hundred articles.
Each measurement runs in a fresh worker process, so model loading and peak memory are per worker,
as in production. Wall time and CPU time are both kept: on a shared machine CPU time is the
steadier measure of the work done. `measure_ray` times the same corpus through the Ray engine.
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
REAL_PAGES = REPO.parent / "shared" / "eval" / "news_pages_dev"


@dataclass(frozen=True)
class Run:
    mode: str  # "bare-parse" | "polybius"
    processes: int
    articles: int
    sentences: int
    events: int
    seconds: float
    peak_rss_mib: float  # the largest worker's peak resident memory (0 when not measured)
    cpu_seconds: float | None = None  # the busiest worker's CPU time (None when not measured)

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


def real_pages(folder: Path = REAL_PAGES, size: int = 300) -> list[Article]:
    """The real news pages, copies numbered, up to `size` articles; empty when the set is absent."""
    from polybius.ingest.readers import parse_date

    gold = folder / "gold.json"
    if not gold.exists():
        return []
    dates = {a["id"]: a.get("pub_date") for a in json.loads(gold.read_text("utf-8"))["articles"]}
    pages = [(p.stem, p.read_text("utf-8")) for p in sorted((folder / "texts").glob("*.txt"))]
    return [Article(article_id=f"{name}-{n // len(pages)}", text=text, pub_date=parse_date(dates.get(name)))
            for n, (name, text) in ((n, pages[n % len(pages)]) for n in range(size))]


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _work(mode: str, articles: list[Article], model: str | None, warm_up: list[Article] | None = None) -> tuple[int, int, float, float, float]:
    """Runs in a worker: load once, warm up (on `warm_up`, else the first articles), then time only the processing."""
    from polybius.clean import clean_text
    from polybius.parse import load_nlp, resolve_model_name

    if mode == "bare-parse":  # spaCy's pipeline as it ships, with only our line breaks (same sentences, no speed-ups)
        import spacy

        nlp = spacy.load(resolve_model_name(model))
        nlp.add_pipe("polybius_line_breaks", before="parser")
        texts = [clean_text(a.text).text for a in articles]
        list(nlp.pipe([clean_text(a.text).text for a in warm_up] if warm_up else texts[:2]))
        started, cpu = time.perf_counter(), time.process_time()
        sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=16))
        return sentences, 0, time.perf_counter() - started, time.process_time() - cpu, _peak_rss_mib()
    from polybius.pipeline import Pipeline

    pipeline = Pipeline(nlp=load_nlp(model))
    list(pipeline.run(warm_up or articles[:1]))  # load the gazetteer and dictionaries outside the timing
    started, cpu = time.perf_counter(), time.process_time()
    results = list(pipeline.run(articles))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return sum(r.sentences for r in results), sum(len(r.events) for r in results), elapsed, cpu, _peak_rss_mib()


def measure(mode: str, articles: list[Article], processes: int, model: str | None = None,
            warm_up: list[Article] | None = None) -> Run:
    """`warm_up` articles go through each worker untimed first: with other texts than the corpus, the
    caches (spaCy's lemmas, our attribute rules and actor phrases) hold only what a long run on other
    news would, so a corpus read once measures text the process has never seen."""
    shares = [articles[i::processes] for i in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        outcomes = list(pool.map(_work, [mode] * processes, shares, [model] * processes, [warm_up] * processes))
    sentences = sum(o[0] for o in outcomes)
    return Run(mode, processes, len(articles), sentences, sum(o[1] for o in outcomes),
               max(o[2] for o in outcomes), max(o[4] for o in outcomes), max(o[3] for o in outcomes))


@dataclass(frozen=True)
class RayRun:
    """The Ray engine on the same corpus: coding (workers ready), start-up and the merge, apart."""

    run: Run
    startup_seconds: float  # starting Ray and loading the model in every worker
    merge_seconds: float  # Parquet into a fresh store
    shards: int


def measure_ray(articles: list[Article], workers: int, model: str | None = None, shards_per_worker: int = 4) -> RayRun:
    """Write the corpus as JSONL, code it on a local Ray instance with `workers` CPUs, merge it into a store."""
    import tempfile

    import pyarrow.parquet as pq

    from polybius.engines import ray_engine
    from polybius.engines.parquet import merge
    from polybius.engines.shards import plan
    from polybius.store import Store

    with tempfile.TemporaryDirectory(prefix="polybius-bench-") as tmp:
        batch = Path(tmp) / "corpus.jsonl"
        batch.write_text("".join(json.dumps({"id": a.article_id, "text": a.text, "date": a.pub_date and a.pub_date.isoformat()}) + "\n"
                                 for a in articles), encoding="utf-8")
        shards = plan([str(batch)], shard_size=max(1, -(-len(articles) // (workers * shards_per_worker))))
        job = ray_engine.run(shards, Path(tmp) / "out", address="local", workers=workers, model=model)
        sentences = sum(pq.read_table(Path(tmp) / "out" / "articles", columns=["sentences"]).column("sentences").to_pylist())
        started = time.perf_counter()
        with Store(Path(tmp) / "merged.sqlite") as store:
            merge(Path(tmp) / "out", store)
        merged = time.perf_counter() - started
    run = Run("ray", workers, job.articles, sentences, job.mentions, job.seconds, 0.0, round(job.cpu_seconds / workers, 3))
    return RayRun(run, job.startup_seconds, round(merged, 3), len(shards))


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


def report(runs: list[Run], ray_runs: list[RayRun] = ()) -> dict:
    runs = [*runs, *(r.run for r in ray_runs)]
    by = {(r.mode, r.processes): r for r in runs}
    out: dict = {"runs": [asdict(r) | {"articles_per_s": round(r.articles_per_s, 2), "sentences_per_s": round(r.sentences_per_s, 1)} for r in runs]}
    bare, ours = by.get(("bare-parse", 1)), by.get(("polybius", 1))
    if bare and ours:
        out["ratio_polybius_over_bare_parse"] = round(ours.articles_per_s / bare.articles_per_s, 3)
        if bare.cpu_seconds and ours.cpu_seconds:
            out["ratio_polybius_over_bare_parse_cpu"] = round(bare.cpu_seconds / ours.cpu_seconds, 3)
    if ("polybius", 2) in by and ours:
        out["speedup_2_processes"] = round(by[("polybius", 2)].articles_per_s / ours.articles_per_s, 2)
    for ray_run in ray_runs:
        local = by.get(("polybius", ray_run.run.processes))
        out.setdefault("ray", []).append({
            "workers": ray_run.run.processes, "shards": ray_run.shards, "articles_per_s": round(ray_run.run.articles_per_s, 2),
            "startup_seconds": ray_run.startup_seconds, "merge_seconds": ray_run.merge_seconds,
            "merge_articles_per_s": round(ray_run.run.articles / ray_run.merge_seconds, 1) if ray_run.merge_seconds else None,
            "over_local_processes": round(ray_run.run.articles_per_s / local.articles_per_s, 3) if local else None,
            # CPU per article in the workers (reading the shard, coding, writing Parquet) over the local path's (coding)
            "cpu_over_local": round(ray_run.run.cpu_seconds * ray_run.run.processes / (local.cpu_seconds * local.processes), 3)
                              if local and local.cpu_seconds and ray_run.run.cpu_seconds else None,
        })
    return out
