"""`polybius serve`: a read-only REST API over a store and the analyst's dashboard, in one process.

`database` opens the store read-only, `queries` asks it questions with bound parameters,
`schemas` types the answers, `app` wires them to HTTP; `static/` is the dashboard (our own
JavaScript and SVG, plus a Natural Earth basemap built from the npm package world-atlas by
`make setup`: no CDN, no tile server, nothing fetched at run time).
"""

from polybius.serve.app import create_app
from polybius.serve.database import StoreUnavailable

__all__ = ["StoreUnavailable", "create_app"]
