"""The `polybius` command line: one Typer app; each command group lives in its own module.

Exit codes: 0 every input was read (zero events is not an error); 1 at least one input was
rejected (its error is printed on stderr, the other inputs were still processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console
from rich.markup import escape

from polybius.ingest.readers import parse_date

app = typer.Typer(help="Political event data from news articles.", no_args_is_help=True, add_completion=False)
# soft_wrap: an error line is never broken mid-word (a long path stays whole and can be copied).
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line (no traceback, no markup read from the message) and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _date_option(value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
