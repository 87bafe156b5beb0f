"""The `polybius` command line: one Typer app; each command group lives in its own module.

Exit codes: 0 every input was read (zero events is not an error); 1 at least one input was
rejected (its error is printed on stderr, the other inputs were still processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console

from polybius.ingest.readers import parse_date

app = typer.Typer(help="Political event data from news articles.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True, highlight=False)


def _date_option(value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
