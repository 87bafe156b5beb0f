"""A time bound for library calls that take none (trafilatura on a pathological page).

The bound is a SIGALRM timer, so it holds in the main thread of a process (where the CLI and the
batch reader run) and nowhere else; elsewhere the call runs unbounded, held only by the size limit.
The timer interrupts Python code, not a single C call, which for HTML parsing ends within seconds.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DeadlineExceeded(BaseException):
    """Raised inside the bounded call; a BaseException so that the library's own
    `except Exception` cannot swallow it and carry on."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `DeadlineExceeded` in the body once `seconds` have passed (0 or less: no bound)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame) -> None:
        raise DeadlineExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
