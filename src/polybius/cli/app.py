"""The `polybius` command line: one Typer app; each command group lives in its own module.

Exit codes: 0 every input was read (zero events is not an error); 1 at least one input was
rejected (its error is printed on stderr, the other inputs were still processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape

from polybius import __version__
from polybius.ingest.readers import parse_date

app = typer.Typer(help="Political event data from news articles.", no_args_is_help=True, add_completion=False)
# soft_wrap: an error line is never broken mid-word (a long path stays whole and can be copied).
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line (no traceback, no markup read from the message) and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


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


ACTORS_HELP = "Actor dictionary (PETRARCH .actors format, or our YAML); repeatable; overrides the bundled ones."
AGENTS_HELP = "Agent dictionary (PETRARCH .agents format, or our sectors YAML); repeatable."
VERBS_HELP = "Verb dictionary (PETRARCH verbs format); its verbs replace our patterns for them; repeatable."


def _dictionaries(actors: list[Path] | None, agents: list[Path] | None, verbs: list[Path] | None = None):
    """The settings' dictionaries plus the command line's; a missing file is a usage error."""
    from polybius.dictionaries import DictionarySet

    for path in [*(actors or []), *(agents or []), *(verbs or [])]:
        if not path.is_file():
            err.print(f"[red]error:[/red] no dictionary file {path}")
            raise typer.Exit(2)
    return DictionarySet.from_env().adding(actors, agents, verbs)


def _pipeline(model: str | None, dictionaries):
    """A pipeline, or exit 2 with the reason (no spaCy model, a malformed dictionary at file:line)."""
    from polybius.parse import ModelNotFound
    from polybius.pipeline import Pipeline

    try:
        return Pipeline(model=model, dictionaries=dictionaries)
    except (ModelNotFound, ValueError, OSError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
