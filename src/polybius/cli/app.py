"""The `polybius` command line: one Typer app; each command group lives in its own module.

Exit codes: 0 every input was read (zero events is not an error); 1 at least one input was
rejected (its error is printed on stderr, the other inputs were still processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import logging

import typer
from rich.console import Console
from rich.logging import RichHandler

from polybius import __version__
from polybius.ingest.readers import parse_date

app = typer.Typer(help="Political event data from news articles.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True, highlight=False)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"polybius {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the polybius version and exit."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True,
                                help="Log more on stderr: -v progress notes (INFO), -vv details (DEBUG)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Log errors only (the default logs warnings)."),
) -> None:
    """Political event data from news articles."""
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(name)s: %(message)s", force=True,
                        handlers=[RichHandler(console=err, show_time=False, show_path=False)])


def _date_option(value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
