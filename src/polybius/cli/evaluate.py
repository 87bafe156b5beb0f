"""`polybius evaluate` and `polybius bench`: accuracy against gold, throughput and memory."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from polybius.cli.app import app, err


class By(str, Enum):
    root = "root"
    code = "code"
    plover = "plover"


@app.command()
def evaluate(
    gold: Path | None = typer.Argument(None, help="Gold JSONL (eval/gold/*.jsonl) or a shared set folder with gold.json."),
    by: By = typer.Option(By.root, "--by", help="Category to score."),
    fields: str = typer.Option("actors,status,date,location", "--fields", help="Fields to score on matched pairs."),
    report: Path | None = typer.Option(None, "--report", help="Write the full JSON report here."),
    failures: bool = typer.Option(False, "--failures", help="Page criteria: print only the failing ones, each with the events produced instead."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name (default: $POLYBIUS_SPACY_MODEL, en_core_web_sm, its mirror)."),
    petrarch_suite: Path | None = typer.Option(None, "--petrarch-suite", help="PETRARCH2's validation suite folder "
                                               "(PETR.UnitTest.records.xml and its dictionaries), read in place."),
    suite_verbs: bool = typer.Option(True, "--suite-verbs/--our-verbs", help="With --petrarch-suite: code with the "
                                     "suite's verb dictionary (its codebook) or with our CAMEO verb patterns."),
) -> None:
    """Score the extractor against gold: precision/recall/F1 per category, field accuracy, confusion.

    On a page-criteria set (a folder with gold.json), `--failures` makes error analysis one command:
    each failing criterion with the closest events and the conditions they miss.
    """
    from rich.table import Table

    from polybius.evaluate.runner import evaluate as run_evaluation
    from polybius.pipeline import Pipeline

    if petrarch_suite is not None:
        _petrarch_suite(petrarch_suite, model, report, suite_verbs)
        return
    if gold is None:
        err.print("[red]error:[/red] give a gold file or folder, or --petrarch-suite PATH")
        raise typer.Exit(2)
    if not gold.exists():
        err.print(f"[red]error:[/red] {gold} does not exist")
        raise typer.Exit(2)
    result = run_evaluation(gold, Pipeline(model=model), by=by.value, fields=[f for f in fields.split(",") if f])
    out = Console(highlight=False)
    data = result.to_json()
    if "scores" in data:
        scores = data["scores"]
        table = Table(title=f"{gold} by {by.value}")
        for column in ("category", "precision", "recall", "f1", "tp", "fp", "fn"):
            table.add_column(column, justify="right" if column != "category" else "left")
        for label, row in [*scores["per_category"].items(), ("ALL", scores["overall"])]:
            table.add_row(label, *(str(row[k]) for k in ("precision", "recall", "f1", "tp", "fp", "fn")))
        out.print(table)
        fields_table = Table(title="field accuracy on matched events")
        fields_table.add_column("field")
        fields_table.add_column("accuracy", justify="right")
        fields_table.add_column("n", justify="right")
        for name, row in scores["fields"].items():
            fields_table.add_row(name, str(row["accuracy"]), str(row["n"]))
        out.print(fields_table)
        if scores.get("location_km"):
            out.print(f"location error: {scores['location_km']}")
        labels = sorted({*scores["confusion"], *(p for row in scores["confusion"].values() for p in row)})
        matrix = Table(title="confusion (rows gold, columns predicted)")
        matrix.add_column("gold")
        for label in labels:
            matrix.add_column(label, justify="right")
        for gold_label in labels:
            row = scores["confusion"].get(gold_label, {})
            matrix.add_row(gold_label, *(str(row.get(p, "")) for p in labels))
        out.print(matrix)
    if "criteria" in data:
        criteria = data["criteria"]
        summary = (f"{gold}: {criteria['passed']}/{criteria['total']} criteria pass, "
                   f"{criteria['musts_passed']}/{criteria['musts_total']} musts")
        if failures:
            for row in criteria["results"]:
                if not row["passed"]:
                    out.print(f"[bold]{row['article_id']}[/bold] {row['kind']}: {row['name']}", soft_wrap=True)
                    for line in row["evidence"]:
                        out.print(f"    {line}", soft_wrap=True, markup=False)
            out.print(summary)
        else:
            table = Table(title=summary)
            for column in ("article", "kind", "criterion", "pass"):
                table.add_column(column)
            for row in criteria["results"]:
                table.add_row(row["article_id"], row["kind"], row["name"], "yes" if row["passed"] else "NO")
            out.print(table)
    for problem in result.errors:
        err.print(f"[red]error:[/red] {problem}")
    if report is not None:
        report.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


def _petrarch_suite(folder: Path, model: str | None, report: Path | None, suite_verbs: bool) -> None:
    from rich.table import Table

    from polybius.evaluate.petrarch import MEASURES, RECORDS, evaluate_suite

    if not (folder / RECORDS).is_file():
        err.print(f"[red]error:[/red] no {RECORDS} in {folder}")
        raise typer.Exit(2)
    try:
        data = evaluate_suite(folder, model, suite_verbs=suite_verbs).to_json()
    except (ValueError, OSError) as error:  # a malformed suite dictionary: file:line
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    table = Table(title=f"PETRARCH2 suite {folder}: agreement per expected event")
    for column in ("category", "expected", *MEASURES, "extra", "no-event sentences agree"):
        table.add_column(column, justify="left" if column == "category" else "right")
    rows = [*data["per_category"].items(), ("ALL", {"expected": data["expected_events"], **data["overall"],
                                                   "extra": data["overall"]["extra_events"],
                                                   "empty_sentences": data["overall"]["empty_sentences"],
                                                   "empty_agree": data["overall"]["empty_sentences_agree"]})]
    for label, row in rows:
        table.add_row(label, str(row["expected"]), *(f"{row[m]:.2f}" for m in MEASURES), str(row["extra"]),
                      f"{row['empty_agree']}/{row['empty_sentences']}")
    out = Console(highlight=False, width=max(Console().width, 120))
    out.print(table)
    if data["suite_verbs"]:
        out.print("suite verb dictionary: " + ", ".join(f"{k} {v}" for k, v in data["suite_verbs"].items()))
    if report is not None:
        report.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


class BenchCorpus(str, Enum):
    bundled = "bundled"
    pages = "pages"


@app.command()
def bench(
    processes: str = typer.Option("1,2", "--processes", help="Worker counts to measure, comma-separated."),
    repeat: int = typer.Option(3, "--repeat", help="Times the fixed corpus is repeated."),
    corpus_name: BenchCorpus = typer.Option(BenchCorpus.bundled, "--corpus", help="bundled: examples and gold sentences; pages: the real news pages of ../shared/eval/news_pages_dev."),
    size: int = typer.Option(300, "--size", help="Articles of the pages corpus (the pages repeated)."),
    engine: str = typer.Option("local", "--engine", help="local, or ray: also time the Ray engine with the same worker counts."),
    report_path: Path | None = typer.Option(None, "--report", help="Write the JSON report here."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name (default: $POLYBIUS_SPACY_MODEL, en_core_web_sm, its mirror)."),
) -> None:
    """Articles/s, sentences/s and peak memory, beside a bare spaCy parse of the same texts."""
    from rich.progress import Progress
    from rich.table import Table

    from polybius.bench import fixed_corpus, measure, measure_ray, prefilter_analysis, real_pages, report

    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine is local or ray")
    corpus = real_pages(size=size) if corpus_name is BenchCorpus.pages else fixed_corpus() * repeat
    if not corpus:
        err.print("[red]error:[/red] the real pages (../shared/eval/news_pages_dev) are not on this machine; use --corpus bundled")
        raise typer.Exit(2)
    counts = [int(n) for n in processes.split(",") if n.strip()]
    plan = [("bare-parse", 1)] + [("polybius", n) for n in counts] + [("ray", n) for n in counts if engine == "ray"]
    runs, ray_runs = [], []
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("benchmarking", total=len(plan))
        for mode, count in plan:
            if mode == "ray":
                ray_runs.append(measure_ray(corpus, count, model))
            else:
                runs.append(measure(mode, corpus, count, model))
            progress.advance(task)
    data = report(runs, ray_runs)
    data["prefilter"] = prefilter_analysis(fixed_corpus())
    table = Table(title=f"{len(corpus)} articles ({corpus_name.value})")
    for column in ("mode", "processes", "articles/s", "sentences/s", "CPU s", "events", "peak RSS MiB"):
        table.add_column(column)
    for run in [*runs, *(r.run for r in ray_runs)]:
        table.add_row(run.mode, str(run.processes), f"{run.articles_per_s:.1f}", f"{run.sentences_per_s:.1f}",
                      f"{run.cpu_seconds:.1f}" if run.cpu_seconds else "", str(run.events), f"{run.peak_rss_mib:.0f}" if run.peak_rss_mib else "")
    out = Console(highlight=False)
    out.print(table)
    for key in ("ratio_polybius_over_bare_parse", "ratio_polybius_over_bare_parse_cpu", "speedup_2_processes", "ray", "prefilter"):
        if key in data:
            out.print(f"{key}: {data[key]}")
    if report_path is not None:
        report_path.write_text(json.dumps(data, indent=2), encoding="utf-8")
