"""Clean stage: drop page furniture, normalise whitespace and quotes, keep a map to the original."""

from polybius.clean.cleaner import CleanText, clean_text

__all__ = ["CleanText", "clean_text"]
