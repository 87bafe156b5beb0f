"""Is the text English? py3langid's guess, trusted only when it is sure of another language.

News pages mix the article with page furniture, names and quotes, so the rule is one-sided: a
text is refused only when py3langid puts at least CONFIDENT of its probability on one other
language. Texts of under MIN_WORDS words are not judged at all (a headline, a caption).
Measured on the 38 pages of news_pages_dev and the bundled examples: every one is English with
probability 1.00 after cleaning (tests/test_clean.py keeps short, furniture-heavy pages passing).
"""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
CONFIDENT = 0.9
SAMPLE_CHARS = 20_000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def not_english(text: str) -> str | None:
    """Why the text is not English, or None when it is English or too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if len(WORD.findall(sample)) < MIN_WORDS:
        return None
    language, probability = _identifier().classify(sample)
    if language != "en" and probability >= CONFIDENT:
        return f"text does not look like English (py3langid: {language}, p={probability:.2f}); no events extracted"
    return None
