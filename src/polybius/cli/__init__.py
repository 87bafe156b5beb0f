"""The `polybius` command line (see `polybius.cli.app`); importing this package registers every command."""

# Each module registers its commands on `app`; the import order is the order `polybius --help` lists them.
from polybius.cli import extract  # noqa: F401, I001
from polybius.cli import store  # noqa: F401
from polybius.cli import evaluate  # noqa: F401
from polybius.cli import serve  # noqa: F401
from polybius.cli import actors  # noqa: F401
from polybius.cli.app import app

__all__ = ["app"]
