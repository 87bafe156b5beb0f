"""Regenerate the README's speed section from `polybius bench` and a profile (no hand-typed numbers).

Usage: python scripts/speed_report.py [--readme README.md] [--repeat 3]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
from pathlib import Path

from polybius.bench import fixed_corpus, measure, prefilter_analysis, report
from polybius.pipeline import Pipeline

START, END = "<!-- speed:start -->", "<!-- speed:end -->"


def profile_shares(repeat: int) -> dict[str, float]:
    """Share of extraction time spent in the spaCy parse versus each polybius stage."""
    articles = fixed_corpus() * repeat
    pipeline = Pipeline()
    pipeline.extract(articles[0])
    profiler = cProfile.Profile()
    profiler.enable()
    list(pipeline.run(articles))
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = max(v[3] for v in stats.values())

    def cumulative(path_part: str, name: str) -> float:
        return sum(v[3] for (path, _, func), v in stats.items() if path_part in path and func == name)

    return {
        "spaCy parse (nlp.pipe)": cumulative("spacy/language.py", "pipe") / total,
        "event coding": cumulative("polybius/coding/coder.py", "code_sentence") / total,
        "actors": cumulative("polybius/actors/context.py", "actors") / total,
        "claims": cumulative("polybius/claims/status.py", "assess") / total,
        "dates": cumulative("polybius/temporal/attach.py", "find_event_date") / total,
        "places": cumulative("polybius/geo/placing.py", "event_place") / total,
        "cleaning": cumulative("polybius/clean/cleaner.py", "clean_text") / total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = fixed_corpus() * args.repeat
    runs = [measure("bare-parse", corpus, 1), measure("polybius", corpus, 1), measure("polybius", corpus, 2)]
    data = report(runs) | {"prefilter": prefilter_analysis(fixed_corpus())}
    Path("reports").mkdir(exist_ok=True)
    Path("reports/bench.json").write_text(json.dumps(data, indent=2))
    shares = profile_shares(1)
    pre = data["prefilter"]
    lines = [
        f"Produced by `python scripts/speed_report.py` (runs `polybius bench --repeat {args.repeat}`) on "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, CPU only; {len(corpus)} articles "
        "(the bundled examples and our gold sentences, eight to an article).",
        "",
        "| mode | processes | articles/s | sentences/s | peak RSS per worker (MiB) |",
        "|---|---|---|---|---|",
        *[f"| {r.mode} | {r.processes} | {r.articles_per_s:.1f} | {r.sentences_per_s:.1f} | {r.peak_rss_mib:.0f} |" for r in runs],
        "",
        f"- throughput ratio polybius / bare spaCy parse: **{data['ratio_polybius_over_bare_parse']}** by wall time, "
        f"**{data['ratio_polybius_over_bare_parse_cpu']}** by CPU time (goal ≥ 1.5: not met, see below; on a machine shared "
        "with other jobs wall-clock figures, the speed-up too, swing from run to run, CPU time much less)",
        f"- speed-up from 1 to 2 processes: **{data['speedup_2_processes']}**",
        f"- trigger prefilter: {pre['would_parse']} of {pre['sentences']} sentences ({pre['pass_rate']:.0%}) hold a trigger word; "
        f"it would lose {pre['gold_events_lost']} of {pre['gold_events']} gold events (recall loss {pre['recall_loss']:.1%})",
        "",
        "Where the time goes (share of extraction time, cProfile, cumulative):",
        "",
        "| part | share |",
        "|---|---|",
        *[f"| {name} | {share:.0%} |" for name, share in shares.items()],
        "",
        "The parse dominates; everything polybius adds costs the rest. Skipping sentences without a trigger word",
        "could save at most the share of sentences that have none, which on news copy is small (figure above),",
        "so the ≥ 1.5 ratio cannot come from a prefilter on this corpus; it is not wired into the pipeline.",
    ]
    text = args.readme.read_text("utf-8")
    section = "\n".join([START, *lines, END])
    args.readme.write_text(re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: section, text, flags=re.S), "utf-8")


if __name__ == "__main__":
    main()
