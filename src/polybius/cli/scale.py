"""`polybius ingest --engine ray` and `--from-parquet`: code shards on Ray, merge Parquet into the store.

Not a command group of its own: the options belong to `ingest` (cli/store.py), which hands over here.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from polybius.cli.app import err


def ingest_sharded(targets: list[str], db: Path, *, from_parquet: Path | None, out: Path | None, address: str,
                   workers: int, shard_size: int, model: str | None, dictionaries=None) -> None:
    from polybius.engines import default_output, ingest, merge_parquet
    from polybius.engines.ray_engine import WorkersFailed

    job = None
    if from_parquet is not None:
        if not from_parquet.is_dir():
            err.print(f"[red]error:[/red] no Parquet output at {from_parquet}")
            raise typer.Exit(2)
        if targets:
            raise typer.BadParameter("--from-parquet merges an earlier job's output: name no inputs with it")
        report = merge_parquet(from_parquet, db)
    else:
        if not targets:
            raise typer.BadParameter("name at least one file, folder, feed or archive")
        try:
            import ray  # noqa: F401
        except ImportError:
            err.print("[red]error:[/red] the Ray engine needs Ray: pip install 'polybius[ray]'")
            raise typer.Exit(2) from None
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("starting workers", total=None)

            def tick(job_report) -> None:
                progress.update(task, total=job_report.shards - job_report.already_done,
                                completed=job_report.coded + len(job_report.failed),
                                description=f"shards coded {job_report.coded}, failed {len(job_report.failed)}, articles {job_report.articles}")

            try:
                result = ingest(targets, db, engine="ray", out=out, address=address, workers=workers or None,
                                shard_size=shard_size, model=model, on_progress=tick, dictionaries=dictionaries)
            except ConnectionError as error:  # --address auto or ray://... with no cluster there
                err.print(f"[red]error:[/red] cannot reach Ray at {address}: {error}")
                raise typer.Exit(2) from None
            except WorkersFailed as error:
                err.print(f"[red]error:[/red] {error}")
                raise typer.Exit(2) from None
        report, job = result.ingest, result.job
        err.print(f"{job.shards} shards in {out or default_output(db)}: {job.coded} coded now on {job.workers} workers "
                  f"({job.articles} articles in {job.seconds:.1f} s after {job.startup_seconds:.1f} s start-up), "
                  f"{job.already_done} done before, {len(job.failed)} failed, {job.retries} retries")
    for problem in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {problem}")
    from polybius.store import Store

    with Store(db) as store:
        counts = store.counts()
    err.print(f"merged {report.read} items: stored {report.coded}, already stored {report.skipped}, failed {report.failed}; "
              f"store: {counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events")
    if job is not None and job.failed:
        raise typer.Exit(1)
