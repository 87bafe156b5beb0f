"""Counts stage: the dead and injured that belong to one event (see `tolls`)."""

from polybius.numbers.tolls import Counts, book_once, count_on, event_counts, parse_number

__all__ = ["Counts", "book_once", "count_on", "event_counts", "parse_number"]
