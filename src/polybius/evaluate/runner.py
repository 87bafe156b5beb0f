"""Run the pipeline over a gold set and score it; used by `polybius evaluate`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from polybius.evaluate.gold import load_gold
from polybius.evaluate.matching import match_events
from polybius.evaluate.metrics import Scores, score_items
from polybius.evaluate.shared import CriterionResult, judge_article, load_news_pages
from polybius.models import Article
from polybius.pipeline import Pipeline


@dataclass
class Report:
    gold: str
    scores: Scores | None = None
    criteria: list[CriterionResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict = {"gold": self.gold, "errors": self.errors}
        if self.scores is not None:
            out["scores"] = self.scores.to_json()
        if self.criteria:
            musts = [c for c in self.criteria if c.kind == "must"]
            out["criteria"] = {
                "passed": sum(c.passed for c in self.criteria),
                "total": len(self.criteria),
                "musts_passed": sum(c.passed for c in musts),
                "musts_total": len(musts),
                "results": [{**c.__dict__, "evidence": list(c.evidence)} for c in self.criteria],
            }
        return out


def evaluate_jsonl(path: Path, pipeline: Pipeline, by: str, fields: list[str]) -> Report:
    items = load_gold(path)
    articles = [Article(article_id=item.item_id, text=item.text, pub_date=item.pub_date) for item in items]
    report = Report(gold=str(path))
    pairs_per_item = []
    for item, result in zip(items, pipeline.run(articles)):
        if result.error:
            report.errors.append(f"{item.item_id}: {result.error}")
        pairs_per_item.append(match_events(item.events, result.events))
    report.scores = score_items(pairs_per_item, by=by, fields=fields)
    return report


def evaluate_news_pages(folder: Path, pipeline: Pipeline) -> Report:
    articles_gold, texts = load_news_pages(folder)
    report = Report(gold=str(folder))
    articles = []
    for gold in articles_gold:
        text = (texts / f"{gold['id']}.txt").read_text("utf-8")
        pub = gold.get("pub_date")
        articles.append(Article(article_id=gold["id"], text=text, url=gold.get("url"), pub_date=dt.date.fromisoformat(pub) if pub else None))
    for gold, result in zip(articles_gold, pipeline.run(articles)):
        if result.error:
            report.errors.append(f"{gold['id']}: {result.error}")
        report.criteria.extend(judge_article(gold["id"], gold, result.events))
    return report


def evaluate(path: Path, pipeline: Pipeline, by: str = "root", fields: list[str] | None = None) -> Report:
    if path.is_dir() and (path / "gold.json").exists():
        return evaluate_news_pages(path, pipeline)
    return evaluate_jsonl(path, pipeline, by, fields or ["actors", "status", "date", "location"])

