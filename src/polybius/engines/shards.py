"""Shards: the pieces of a corpus that one worker codes in one go, in the order one process reads them.

A plan lists the inputs exactly as `polybius ingest` would read them (`ingest.sources.expand`), cut
into shards: large JSONL files by line ranges, Parquet files by row groups, WARC archives and feeds
whole, small files in groups. Merging the shards' output in plan order therefore replays the same
stream of articles into the store as a one-process ingest. A shard's id names its inputs (path,
range, size and modification time), so an unchanged shard is recognised and not coded twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from polybius.ingest.parquet import read_parquet, row_group_sizes
from polybius.ingest.readers import JSONL_SUFFIXES, read_jsonl
from polybius.ingest.sources import ARTICLE_SUFFIXES, PARQUET_SUFFIXES, WARC_SUFFIXES, Item, expand, is_feed_url

DEFAULT_SHARD_SIZE = 200  # articles (lines, rows or files) per shard


@dataclass(frozen=True)
class LineRange:
    """Lines of a JSONL file: where to seek, the number of the first line, how many lines."""

    offset: int
    first_line: int
    count: int


@dataclass(frozen=True)
class Shard:
    index: int  # position in the plan: merge order
    paths: tuple[str, ...]  # files or feed URLs, each read whole, in order (or the one file a range slices)
    lines: LineRange | None = None
    row_groups: tuple[int, ...] | None = None
    fingerprint: str = ""  # sizes and modification times of the inputs

    @property
    def shard_id(self) -> str:
        spec = json.dumps([self.paths, asdict(self.lines) if self.lines else None, self.row_groups, self.fingerprint])
        return hashlib.sha1(spec.encode()).hexdigest()[:16]

    def describe(self) -> str:
        where = self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"
        if self.lines:
            return f"{where} lines {self.lines.first_line}-{self.lines.first_line + self.lines.count - 1}"
        if self.row_groups is not None:
            return f"{where} row groups {self.row_groups[0]}-{self.row_groups[-1]}"
        return where


def _fingerprint(paths: list[str]) -> str:
    parts = []
    for path in paths:
        try:
            stat = Path(path).stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append("-")  # a feed URL, or a file that is gone (reading it records the failure)
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _files(target: str, skip: Path | None) -> list[str]:
    """The files one argument names, in the order `expand` reads them; none from under `skip`."""
    path = Path(target)
    if not path.is_dir():
        return [target]
    return [str(child) for child in sorted(p for p in path.rglob("*") if p.is_file())
            if (child.suffix.lower() in ARTICLE_SUFFIXES or child.name.lower().endswith(WARC_SUFFIXES))
            and not (skip is not None and child.resolve().is_relative_to(skip))]


def _jsonl_ranges(path: str, size: int) -> list[LineRange]:
    ranges: list[LineRange] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        line, offset, count = 1, handle.tell(), 0
        while handle.readline():
            count += 1
            if count == size:
                ranges.append(LineRange(offset, line, count))
                line, offset, count = line + count, handle.tell(), 0
    if count:
        ranges.append(LineRange(offset, line, count))
    return ranges


def _row_group_runs(path: str, size: int) -> list[tuple[int, ...]]:
    runs: list[list[int]] = []
    rows = size
    for group, group_rows in enumerate(row_group_sizes(Path(path))):
        if rows >= size:
            runs.append([])
            rows = 0
        runs[-1].append(group)
        rows += group_rows
    return [tuple(run) for run in runs]


def plan(targets: list[str], shard_size: int = DEFAULT_SHARD_SIZE, output: Path | None = None) -> list[Shard]:
    """Cut the inputs into shards, in the order a one-process ingest reads them.

    `output` is the job's own Parquet folder: when it lies inside an input folder, its files are
    not read back as articles.
    """
    skip = output.resolve() if output is not None else None
    shards: list[Shard] = []
    group: list[str] = []  # consecutive small files, coded together

    def add(paths: list[str], **slicing) -> None:
        shards.append(Shard(len(shards), tuple(paths), fingerprint=_fingerprint(paths), **slicing))

    def flush() -> None:
        if group:
            add(list(group))
            group.clear()

    for target in targets:
        for file in [target] if is_feed_url(target) else _files(target, skip):
            name = file.lower()
            splittable = Path(file).is_file() and Path(file).suffix.lower() in JSONL_SUFFIXES | PARQUET_SUFFIXES
            if is_feed_url(file) or name.endswith(WARC_SUFFIXES) or splittable:
                flush()
                if not splittable:
                    add([file])
                elif Path(file).suffix.lower() in JSONL_SUFFIXES:
                    for lines in _jsonl_ranges(file, shard_size):
                        add([file], lines=lines)
                else:
                    try:
                        runs = _row_group_runs(file, shard_size)
                    except Exception:  # unreadable Parquet: one shard, whose reading records the failure
                        add([file])
                        continue
                    for run in runs:
                        add([file], row_groups=run)
            else:
                group.append(file)
                if len(group) >= shard_size:
                    flush()
    flush()
    return shards


def read_shard(shard: Shard) -> Iterator[Item]:
    """The shard's items, exactly as `expand` yields them for the same inputs."""
    if shard.lines is not None:
        path, lines = shard.paths[0], shard.lines
        with open(path, encoding="utf-8", errors="replace") as handle:
            handle.seek(lines.offset)
            text = [handle.readline() for _ in range(lines.count)]
        for item in read_jsonl(text, source=path, start=lines.first_line):
            yield item, []
    elif shard.row_groups is not None:
        yield from read_parquet(Path(shard.paths[0]), shard.row_groups)
    else:
        for path in shard.paths:
            yield from expand(path)
