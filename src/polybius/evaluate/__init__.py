"""Evaluation stage: score extracted events against hand-coded gold (ours and the shared sets)."""

from polybius.evaluate.gold import GoldEvent, GoldItem, load_gold
from polybius.evaluate.matching import match_events
from polybius.evaluate.metrics import Scores, score_items

__all__ = ["GoldEvent", "GoldItem", "Scores", "load_gold", "match_events", "score_items"]
