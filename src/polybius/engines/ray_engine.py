"""The Ray engine: a pool of Ray actors, one model load each, coding shards into Parquet.

Ray schedules the actors on a local instance or a cluster (`address`: "local" starts one on this
machine, "auto" joins the cluster this machine belongs to, "ray://head:10001" connects a client).
Each actor loads the spaCy model and the dictionaries once, then codes one shard per call; the
driver only hands out shards and never touches articles. A shard whose worker fails or dies is
retried on a fresh actor, then recorded as failed in its manifest; the other shards go on.
"""

from __future__ import annotations

from polybius.dictionaries import DictionarySet

import logging
import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from polybius.engines.parquet import ShardManifest, read_manifests, write_manifest
from polybius.engines.shards import Shard
from polybius.engines.worker import ShardWorker


@dataclass
class JobReport:
    """What a sharded job did: shards coded now, found done from an earlier run, failed for good."""

    shards: int = 0
    already_done: int = 0
    coded: int = 0
    failed: list[ShardManifest] = field(default_factory=list)
    retries: int = 0
    workers: int = 0
    startup_seconds: float = 0.0  # connecting and loading the model in every worker
    seconds: float = 0.0  # coding, once the workers are ready
    articles: int = 0
    mentions: int = 0
    cpu_seconds: float = 0.0  # the workers' CPU time on the shards coded now, all together

    def add(self, manifest: ShardManifest) -> None:
        if manifest.status == "done":
            self.coded += 1
            self.articles += manifest.articles
            self.mentions += manifest.mentions
            self.cpu_seconds += manifest.cpu_seconds
        else:
            self.failed.append(manifest)


class WorkersFailed(RuntimeError):
    pass


def _first_line(err: Exception) -> str:
    return next(iter(str(err).splitlines()), "")


def _last_line(err: Exception) -> str:
    """Ray's error text ends with the worker's own exception: the part a person needs."""
    return next((line.strip() for line in reversed(str(err).splitlines()) if line.strip()), "")


def connect(address: str | None = None, workers: int | None = None) -> bool:
    """Start or join Ray unless this process already did; True when we did (and should shut it down)."""
    import ray

    if ray.is_initialized():
        return False
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    if address in (None, "", "local"):
        ray.init(num_cpus=workers or os.cpu_count() or 1, **quiet)
    else:
        ray.init(address=address, **quiet)
    return True


def run(shards: list[Shard], out: Path, *, address: str | None = None, workers: int | None = None, model: str | None = None,
        dictionaries: DictionarySet | None = None,
        retries: int = 2, on_shard: Callable[[JobReport], None] | None = None) -> JobReport:
    """Code every shard not already done under `out`; `workers` actors (default: one per CPU Ray sees)."""
    import ray
    from ray.exceptions import RayError

    report = JobReport(shards=len(shards))
    done = {shard_id for shard_id, m in read_manifests(out).items() if m.status == "done"}
    todo = deque((shard, 1) for shard in shards if shard.shard_id not in done)
    report.already_done = len(shards) - len(todo)
    if not todo:
        return report
    started = time.perf_counter()
    owned = connect(address, workers)
    try:
        count = min(workers or int(ray.available_resources().get("CPU", 1)) or 1, len(todo))
        remote = ray.remote(num_cpus=1, max_restarts=0)(ShardWorker)
        idle = [remote.remote(model, dictionaries) for _ in range(count)]
        try:
            ray.get([actor.ready.remote() for actor in idle])
        except RayError as err:  # no model, a broken install on a node: nothing can be coded
            raise WorkersFailed(f"the workers could not start: {_last_line(err)}") from None
        report.workers, report.startup_seconds = count, round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        running: dict = {}
        while todo or running:
            while todo and idle:
                shard, attempt = todo.popleft()
                actor = idle.pop()
                running[actor.code.remote(shard, str(out), attempt)] = (actor, shard, attempt)
            [finished], _ = ray.wait(list(running), num_returns=1)
            actor, shard, attempt = running.pop(finished)
            try:
                manifest = ray.get(finished)
                idle.append(actor)
            except RayError as err:  # the worker died (out of memory, a crash, a lost node): replace it
                manifest = ShardManifest(shard.shard_id, shard.index, shard.describe(), "failed", attempt,
                                         f"worker lost: {type(err).__name__}: {_first_line(err)}")
                ray.kill(actor)
                idle.append(remote.remote(model, dictionaries))
            if manifest.status != "done" and attempt <= retries:
                report.retries += 1
                todo.append((shard, attempt + 1))
                continue
            if manifest.status != "done":
                write_manifest(out, manifest)
            report.add(manifest)
            if on_shard is not None:
                on_shard(report)
        report.seconds = round(time.perf_counter() - started, 3)
    finally:
        if owned:
            ray.shutdown()
    return report


