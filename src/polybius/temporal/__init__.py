"""Event dates: resolve date expressions against the publication date and pick the one an event owns."""

from polybius.temporal.attach import find_event_date
from polybius.temporal.expressions import DateResolution, resolve_expression
from polybius.temporal.story import StoryClock

__all__ = ["DateResolution", "StoryClock", "find_event_date", "resolve_expression"]
