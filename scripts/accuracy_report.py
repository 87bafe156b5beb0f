"""Regenerate the README's accuracy section from `polybius evaluate` runs (no hand-typed numbers).

Usage: python scripts/accuracy_report.py [--readme README.md] [--shared ../shared/eval]
Reports go to reports/*.json; the README section between the accuracy markers is replaced.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from polybius.dictionaries import DictionarySet
from polybius.evaluate.petrarch import MEASURES, evaluate_suite
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


def suite_table(data: dict) -> list[str]:
    lines = ["| category | expected events | " + " | ".join(MEASURES) + " | extra events |",
             "|---|---|" + "---|" * len(MEASURES) + "---|"]
    rows = [*data["per_category"].items(), ("**all**", {"expected": data["expected_events"], **data["overall"],
                                                       "extra": data["overall"]["extra_events"]})]
    for label, row in rows:
        if row["expected"]:
            lines.append(f"| {label} | {row['expected']} | " + " | ".join(f"{row[m]:.2f}" for m in MEASURES) + f" | {row['extra']} |")
    return lines


def phoenix_comparison(pipeline: Pipeline, test_on: dict, news_on: dict | None, news: Path) -> list[str]:
    """The bundled Phoenix dictionaries on (the default) and off, on the held-out gold and the news pages."""
    off = Pipeline(nlp=pipeline.nlp, dictionaries=DictionarySet(phoenix=False))
    test_off = evaluate(Path("eval/gold/test.jsonl"), off).to_json()
    news_off = evaluate(news, off).to_json() if news_on is not None else None
    lines = ["| dictionaries | named actors | held-out root P / R / F1 | source country / sector | target country / sector | news criteria |",
             "|---|---|---|---|---|---|"]
    for label, resolver, test, pages in (("ours only (`POLYBIUS_PHOENIX=0`)", off.resolver, test_off, news_off),
                                         ("ours + Phoenix (default)", pipeline.resolver, test_on, news_on)):
        overall, fields = test["scores"]["overall"], test["scores"]["fields"]
        pair = lambda a, b: f"{fields[a]['accuracy']:.2f} / {fields[b]['accuracy']:.2f}"  # noqa: E731
        criteria = f"{pages['criteria']['passed']}/{pages['criteria']['total']}" if pages else "n/a"
        lines.append(f"| {label} | {len(resolver.knowledge.named.actors):,} | {overall['precision']:.2f} / {overall['recall']:.2f} / "
                     f"{overall['f1']:.2f} | {pair('source_country', 'source_sector')} | {pair('target_country', 'target_sector')} | {criteria} |")
    return lines


def page_tables(title: str, report: dict) -> list[str]:
    """The totals, one row per page, then every criterion (`polybius evaluate --failures` says why one fails)."""
    criteria = report["criteria"]
    share = lambda passed, total: f"{passed}/{total} ({passed / total:.0%})"  # noqa: E731
    lines = [f"### {title}", "",
             f"**{share(criteria['passed'], criteria['total'])} of all criteria, "
             f"{share(criteria['musts_passed'], criteria['musts_total'])} of the musts.**", "",
             "| page | criteria | musts |", "|---|---|---|"]
    pages: dict[str, list[dict]] = {}
    for row in criteria["results"]:
        pages.setdefault(row["article_id"], []).append(row)
    for page, rows in pages.items():
        musts = [r for r in rows if r["kind"] == "must"]
        lines.append(f"| {page} | {sum(r['passed'] for r in rows)}/{len(rows)} | {sum(r['passed'] for r in musts)}/{len(musts)} |")
    lines += ["", "| page | kind | criterion | pass |", "|---|---|---|---|"]
    lines += [f"| {r['article_id']} | {r['kind']} | {r['name']} | {'yes' if r['passed'] else '**no**'} |" for r in criteria["results"]]
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--shared", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--reports", type=Path, default=Path("reports"))
    args = parser.parse_args()
    args.reports.mkdir(exist_ok=True)
    pipeline = Pipeline(dictionaries=DictionarySet())  # the default: ours + Phoenix, no user files
    out: list[str] = [
        "Produced by `python scripts/accuracy_report.py` (which runs `polybius evaluate`); the JSON reports",
        "with confusion matrices are written to `reports/`. Matching rules: `docs/evaluation.md`.",
        "",
    ]
    reports: dict[str, dict] = {}
    for name, title in (("test", "Held-out gold (`eval/gold/test.jsonl`, never used for tuning)"),
                        ("dev", "Development gold (`eval/gold/dev.jsonl`, used for tuning)")):
        report = reports[name] = evaluate(Path(f"eval/gold/{name}.jsonl"), pipeline).to_json()
        (args.reports / f"gold-{name}.json").write_text(json.dumps(report, indent=2, default=str))
        km = report["scores"].get("location_km")
        km_line = (f"Location error: median {km['median_km']} km, mean {km['mean_km']} km over {km['n']} events." if km else
                   "Location error in km: this gold carries no coordinates (the evaluator reports it when gold has lat/lon).")
        out += [f"### {title}", "", *root_table(report["scores"]), "",
                "`date` is the day-exact rate; `location_*` compare country and admin1 names.", "",
                *field_table(report["scores"]), "", km_line, ""]
    news = args.shared / "news_pages_dev"
    news_report = None
    if (news / "gold.json").exists():
        news_report = evaluate(news, pipeline).to_json()
        (args.reports / "news_pages_dev.json").write_text(json.dumps(news_report, indent=2, default=str))
        out += page_tables("Real news pages (`../shared/eval/news_pages_dev`, made by others)", news_report)
    for folder, title in (("pages", "Our own wire-style pages (`eval/pages`: written before the rules they test, then used for error analysis)"),
                          ("pages_holdout", "Our own held-out pages (`eval/pages_holdout`: never used for error analysis or tuning)")):
        ours = evaluate(Path("eval") / folder, pipeline).to_json()
        (args.reports / f"{folder}.json").write_text(json.dumps(ours, indent=2, default=str))
        out += page_tables(title, ours)
    out += ["### Bundled Phoenix dictionaries (PETRARCH2's actors and agents, `docs/dictionaries.md`)", "",
            *phoenix_comparison(pipeline, reports["test"], news_report, news), ""]
    suite = args.shared / "petrarch2_validation"
    if (suite / "PETR.UnitTest.records.xml").exists():
        data = evaluate_suite(suite, dictionaries=DictionarySet(), nlp=pipeline.nlp).to_json()
        (args.reports / "petrarch2_validation.json").write_text(json.dumps(data, indent=2, default=str))
        ours = evaluate_suite(suite, dictionaries=DictionarySet(), nlp=pipeline.nlp, suite_verbs=False).to_json()["overall"]
        verbs = data["suite_verbs"]
        left_out = ", ".join(f"{count} {reason.removeprefix('left out: ')}" for reason, count in verbs.items() if reason.startswith("left out"))
        out += ["### PETRARCH2 validation suite (`../shared/eval/petrarch2_validation`, its own dictionaries loaded)", "",
                "Agreement per expected event (`polybius evaluate --petrarch-suite`); actors compared on their first three",
                "letters except in `triple_exact`. The suite's event codes come from its own test verb dictionary (mostly WEIS",
                f"codes), read as a user verb dictionary of PETRARCH patterns: {verbs['verbs']} verbs, {verbs['patterns']} patterns"
                + (f"; left out: {left_out}" if left_out else ""),
                f"({verbs['malformed_lines']} deliberately malformed test lines skipped). With our own CAMEO verbs instead: root {ours['root']:.2f},",
                f"code {ours['code']:.2f}, triple {ours['triple']:.2f}. See `docs/coding.md` for the conventions that differ.", "",
                *suite_table(data), ""]
    text = args.readme.read_text("utf-8")
    section = "\n".join([START, *out, END])
    args.readme.write_text(re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: section, text, flags=re.S), "utf-8")


if __name__ == "__main__":
    main()
