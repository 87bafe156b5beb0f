"""Precision, recall and F1 per category, field accuracy on matched pairs, a root confusion matrix."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from polybius.evaluate.gold import GoldEvent
from polybius.evaluate.matching import Pair
from polybius.models import Event

CATEGORY_READERS: dict[str, tuple[Callable[[GoldEvent], str | None], Callable[[Event], str | None]]] = {
    "root": (lambda g: g.cameo_root, lambda e: e.cameo.root),
    "code": (lambda g: g.cameo_code, lambda e: e.cameo.code),
    "plover": (lambda g: g.plover_type, lambda e: e.plover.type),
}
FIELD_READERS: dict[str, tuple[str, Callable[[Event], object]]] = {
    "source_country": ("source_country", lambda e: e.source.country),
    "source_sector": ("source_sector", lambda e: e.source.sector),
    "target_country": ("target_country", lambda e: e.target.country),
    "target_sector": ("target_sector", lambda e: e.target.sector),
    "status": ("status", lambda e: e.status.value),
    "date": ("date", lambda e: e.date),
    "location_country": ("location_country", lambda e: e.location.country if e.location else None),
    "location_admin1": ("location_admin1", lambda e: e.location.admin1 if e.location else None),
    "fatalities": ("fatalities", lambda e: e.fatalities),
}
FIELD_GROUPS = {
    "actors": ["source_country", "source_sector", "target_country", "target_sector"],
    "status": ["status"],
    "date": ["date"],
    "location": ["location_country", "location_admin1"],
    "fatalities": ["fatalities"],
}


@dataclass
class Scores:
    by: str
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    field_hits: Counter = field(default_factory=Counter)
    field_total: Counter = field(default_factory=Counter)
    km_errors: list[float] = field(default_factory=list)
    unlocated: int = 0  # gold events with coordinates whose prediction has none

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}

    def per_category(self) -> dict[str, dict[str, float | int]]:
        labels = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {label: self._prf(self.tp[label], self.fp[label], self.fn[label]) for label in labels}

    def overall(self) -> dict[str, float | int]:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def fields(self) -> dict[str, dict[str, float | int]]:
        return {
            name: {"accuracy": round(self.field_hits[name] / self.field_total[name], 3), "n": self.field_total[name]}
            for name in sorted(self.field_total)
            if self.field_total[name]
        }

    def location_km(self) -> dict[str, float | int] | None:
        if not self.km_errors and not self.unlocated:
            return None
        errors = sorted(self.km_errors)
        return {
            "n": len(errors),
            "unlocated": self.unlocated,
            "median_km": round(statistics.median(errors), 1) if errors else None,
            "mean_km": round(statistics.fmean(errors), 1) if errors else None,
            "within_25km": round(sum(e <= 25 for e in errors) / len(errors), 3) if errors else None,
        }

    def to_json(self) -> dict:
        return {
            "by": self.by,
            "overall": self.overall(),
            "per_category": self.per_category(),
            "confusion": {gold: dict(row) for gold, row in sorted(self.confusion.items())},
            "fields": self.fields(),
            "location_km": self.location_km(),
        }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((phi2 - phi1) / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def score_items(pairs_per_item: list[list[Pair]], by: str = "root", fields: list[str] | None = None) -> Scores:
    gold_of, predicted_of = CATEGORY_READERS[by]
    wanted = [name for group in (fields or []) for name in FIELD_GROUPS.get(group, [group])]
    scores = Scores(by=by)
    for pairs in pairs_per_item:
        for pair in pairs:
            gold_label = gold_of(pair.gold) if pair.gold is not None else None
            predicted_label = predicted_of(pair.predicted) if pair.predicted is not None else None
            scores.confusion[gold_label or "none"][predicted_label or "none"] += 1
            if gold_label and predicted_label == gold_label:
                scores.tp[gold_label] += 1
            else:
                if gold_label:
                    scores.fn[gold_label] += 1
                if predicted_label:
                    scores.fp[predicted_label] += 1
            if pair.gold is not None and pair.gold.location_lat is not None and pair.gold.location_lon is not None:
                location = pair.predicted.location if pair.predicted is not None else None
                if location is not None and location.lat is not None and location.lon is not None:
                    scores.km_errors.append(haversine_km(pair.gold.location_lat, pair.gold.location_lon, location.lat, location.lon))
                elif pair.predicted is not None:
                    scores.unlocated += 1
            if pair.gold is not None and pair.predicted is not None:
                for name in wanted:
                    key, reader = FIELD_READERS[name]
                    if key in pair.gold.present:
                        scores.field_total[name] += 1
                        scores.field_hits[name] += reader(pair.predicted) == getattr(pair.gold, key)
    return scores
