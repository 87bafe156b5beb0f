"""How the cost of coding one article grows with its length.

Codes 1x, 4x, 16x and 64x a real article (its copies joined as paragraphs), then 32x and 128x for
the linearity check (4x the text must cost at most 4.5x the time and 2x the peak memory), then an
article of exactly 1,000,000 characters. Each size runs in a fresh process, so its peak resident
memory is its own; time is measured around the extraction only (model loading excluded), as wall
time and as CPU time (user + system; steadier than wall time on a shared machine).

Usage: python benchmarks/length.py [--article examples/strikes-report.txt] [--sizes 1,4,16,64]
                                   [--check 32,128] [--chars 1000000] [--report OUT.json]
Exit status 1 when the linearity check fails.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIME_RATIO = 4.5  # 4x the text may cost at most this many times the time
MEMORY_RATIO = 2.0  # ... and at most this many times the peak memory
MILLION = 1_000_000


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _mib(kib: int) -> float:
    return kib / 1024


def measure_one(article_path: Path, copies: int, chars: int | None) -> dict:
    """Code `copies` copies of the article (or `chars` characters of copies) in this process."""
    from polybius.ingest import IngestError, read_path
    from polybius.pipeline import Pipeline

    article, _warnings = next(read_path(article_path))
    if isinstance(article, IngestError):
        raise SystemExit(f"cannot read {article_path}: {article.message}")
    pipeline = Pipeline()
    pipeline.extract(article)  # warm up: every dictionary and the gazetteer are loaded now
    loaded = _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    if chars is not None:
        copies = chars // len(article.text) + 1
    text = "\n\n".join([article.text] * copies)
    if chars is not None:
        text = text[:chars]
    long = article.model_copy(update={"text": text, "article_id": f"length-{len(text)}"})
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = pipeline.extract(long)
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    return {
        "copies": copies, "characters": len(text), "sentences": result.sentences, "events": len(result.events),
        "error": result.error, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "peak_rss_mib": round(_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)),
        "loaded_rss_mib": round(loaded),
    }


def measure(article: Path, copies: int = 1, chars: int | None = None) -> dict:
    """One size in a fresh interpreter, so that the peak memory is that size's alone."""
    command = [sys.executable, __file__, "--one", str(copies), "--article", str(article)]
    if chars is not None:
        command += ["--chars", str(chars)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {copies} copies failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    header = ("| copies | characters | sentences | events | wall s | CPU s | CPU ms per 1,000 chars "
              "| peak RSS MiB | RSS after loading MiB |")
    lines = [header, "|" + "---:|" * 9]
    for row in rows:
        per_k = 1000 * row["cpu_s"] / row["characters"] * 1000
        lines.append(f"| {row['copies']} | {row['characters']:,} | {row['sentences']:,} | {row['events']:,} | {row['wall_s']} "
                     f"| {row['cpu_s']} | {per_k:.0f} | {row['peak_rss_mib']} | {row['loaded_rss_mib']} |")
    return "\n".join(lines)


def linearity(small: dict, large: dict) -> dict:
    ratio = large["characters"] / small["characters"]
    check = {
        "text_ratio": round(ratio, 2),
        "cpu_ratio": round(large["cpu_s"] / small["cpu_s"], 2),
        "wall_ratio": round(large["wall_s"] / small["wall_s"], 2),
        "memory_ratio": round(large["peak_rss_mib"] / small["peak_rss_mib"], 2),
    }
    check["passed"] = check["cpu_ratio"] <= TIME_RATIO and check["memory_ratio"] <= MEMORY_RATIO
    return check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", type=Path, default=REPO / "examples" / "strikes-report.txt")
    parser.add_argument("--sizes", default="1,4,16,64", help="copies to code, comma-separated")
    parser.add_argument("--check", default="32,128", help="two copy counts, 4x apart, for the linearity check")
    parser.add_argument("--chars", type=int, help=f"also code an article of this many characters (default {MILLION:,}; 0: skip)")
    parser.add_argument("--report", type=Path, help="write the measurements as JSON here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure_one(args.article, args.one, args.chars)))
        return 0

    chars = MILLION if args.chars is None else args.chars
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    small, large = (int(n) for n in args.check.split(","))
    rows = [measure(args.article, n) for n in sizes]
    check_rows = [measure(args.article, n) for n in (small, large)]
    rows_all = rows + check_rows + ([measure(args.article, chars=chars)] if chars else [])
    check = linearity(*check_rows)
    print(f"Article: {args.article.name} ({rows[0]['characters']:,} characters), copies joined as paragraphs.\n")
    print(table(sorted(rows_all, key=lambda r: r["characters"])))
    print(f"\n{small} -> {large} copies: {check['text_ratio']}x the text took {check['cpu_ratio']}x the CPU time "
          f"({check['wall_ratio']}x the wall time) and {check['memory_ratio']}x the peak memory "
          f"(limits {TIME_RATIO}x and {MEMORY_RATIO}x): {'PASS' if check['passed'] else 'FAIL'}")
    if args.report is not None:
        args.report.write_text(json.dumps({"rows": rows_all, "check": check}, indent=2), encoding="utf-8")
    return 0 if check["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
