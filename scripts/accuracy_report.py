"""Regenerate the README's accuracy section from `polybius evaluate` runs (no hand-typed numbers).

Usage: python scripts/accuracy_report.py [--readme README.md] [--shared ../shared/eval]
Reports go to reports/*.json; the README section between the accuracy markers is replaced.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from polybius.evaluate.runner import evaluate
from polybius.pipeline import Pipeline

START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"


def root_table(scores: dict) -> list[str]:
    lines = ["| CAMEO root | precision | recall | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for label, row in [*scores["per_category"].items(), ("**all**", scores["overall"])]:
        gold, predicted = row["tp"] + row["fn"], row["tp"] + row["fp"]
        lines.append(f"| {label} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} | {gold} | {predicted} |")
    return lines


def field_table(scores: dict) -> list[str]:
    lines = ["| field (on matched events) | accuracy | n |", "|---|---|---|"]
    lines += [f"| {name} | {row['accuracy']:.2f} | {row['n']} |" for name, row in scores["fields"].items()]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--shared", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--reports", type=Path, default=Path("reports"))
    args = parser.parse_args()
    args.reports.mkdir(exist_ok=True)
    pipeline = Pipeline()
    out: list[str] = [
        "Produced by `python scripts/accuracy_report.py` (which runs `polybius evaluate`); the JSON reports",
        "with confusion matrices are written to `reports/`. Matching rules: `docs/evaluation.md`.",
        "",
    ]
    for name, title in (("test", "Held-out gold (`eval/gold/test.jsonl`, never used for tuning)"),
                        ("dev", "Development gold (`eval/gold/dev.jsonl`, used for tuning)")):
        report = evaluate(Path(f"eval/gold/{name}.jsonl"), pipeline).to_json()
        (args.reports / f"gold-{name}.json").write_text(json.dumps(report, indent=2, default=str))
        km = report["scores"].get("location_km")
        km_line = (f"Location error: median {km['median_km']} km, mean {km['mean_km']} km over {km['n']} events." if km else
                   "Location error in km: this gold carries no coordinates (the evaluator reports it when gold has lat/lon).")
        out += [f"### {title}", "", *root_table(report["scores"]), "",
                "`date` is the day-exact rate; `location_*` compare country and admin1 names.", "",
                *field_table(report["scores"]), "", km_line, ""]
    news = args.shared / "news_pages_dev"
    if (news / "gold.json").exists():
        report = evaluate(news, pipeline).to_json()
        (args.reports / "news_pages_dev.json").write_text(json.dumps(report, indent=2, default=str))
        criteria = report["criteria"]
        out += [f"### Real news pages (`../shared/eval/news_pages_dev`): {criteria['passed']}/{criteria['total']} criteria pass", "",
                "| article | kind | criterion | pass |", "|---|---|---|---|"]
        out += [f"| {r['article_id']} | {r['kind']} | {r['name']} | {'yes' if r['passed'] else '**no**'} |" for r in criteria["results"]]
        out.append("")
    text = args.readme.read_text("utf-8")
    section = "\n".join([START, *out, END])
    args.readme.write_text(re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: section, text, flags=re.S), "utf-8")


if __name__ == "__main__":
    main()
