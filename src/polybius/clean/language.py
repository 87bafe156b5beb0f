"""A cheap English check: the share of words that are English function words.

English prose runs at 35-50% function words; other languages written in Latin script stay far
below, and non-Latin scripts have none. Too-short texts are not judged (None).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20


def english_score(text: str, sample_chars: int = 20_000) -> float | None:
    words = WORD.findall(text[:sample_chars].lower())
    if len(words) < MIN_WORDS:
        return None
    return sum(1 for w in words if w in STOP_WORDS) / len(words)
