"""The web application: the REST API under /api and the dashboard at /, from one process.

Every request gets its own read-only connection. Bad parameters are answered with 4xx and a
message that names the parameter (unknown parameters too: a typo must not silently widen a
query); a store that breaks while serving is a 503, never a traceback.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from polybius.coding.ontology import PLOVER_TYPES
from polybius.ingest.readers import IngestError, parse_date, read_text
from polybius.models import Article, ArticleResult, Status
from polybius.serve import queries, schemas
from polybius.serve.database import check_store, connect, counts

MAX_PAGE = 500
MAX_MAP_POINTS = 20000
MAX_OFFSET = 2**31 - 1
DEFAULT_EXTRACT_BYTES = 1024 * 1024
STATIC = Path(str(resources.files("polybius.serve").joinpath("static")))


def create_app(db: Path | str, *, allow_extract: bool = False, max_extract_bytes: int = DEFAULT_EXTRACT_BYTES,
               model: str | None = None) -> FastAPI:
    """The app for one store; raises `StoreUnavailable` (with the reason) before serving anything."""
    db = Path(db)
    check_store(db)
    app = FastAPI(
        title="polybius", version=metadata.version("polybius"), docs_url="/docs", redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Political events coded from news text, with the sentence behind each one and the claims that "
                    "contradict it. Read-only on the store.",
    )
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    _error_handlers(app)
    extract_lock = asyncio.Lock()

    def connection() -> Iterator[sqlite3.Connection]:
        conn = connect(db)
        try:
            yield conn
        finally:
            conn.close()

    known_parameters: dict[str, set[str]] = {}

    def no_unknown_parameters(request: Request) -> None:
        if not known_parameters:
            for path, operations in app.openapi()["paths"].items():
                known_parameters[path] = {p["name"] for op in operations.values() for p in op.get("parameters", []) if p["in"] == "query"}
        known = known_parameters.get(request.scope["route"].path, set())
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise HTTPException(422, f"unknown parameter {', '.join(map(repr, unknown))}; this endpoint takes: {', '.join(sorted(known)) or 'none'}")

    api = dict(dependencies=[Depends(no_unknown_parameters)])

    @app.get("/api/health", response_model=schemas.Health, tags=["store"], **api)
    def health(conn: sqlite3.Connection = Depends(connection)) -> schemas.Health:
        """The store is readable; its counts."""
        return schemas.Health(status="ok", store=str(db), read_only=True, extract=allow_extract, counts=counts(conn))

    @app.get("/api/vocabulary", response_model=schemas.Vocabulary, tags=["store"], **api)
    def vocabulary() -> schemas.Vocabulary:
        """CAMEO roots with names, PLOVER types, statuses and QuadClasses: the values the filters take."""
        return queries.vocabulary()

    @app.get("/api/events", response_model=schemas.EventPage, tags=["events"], **api)
    def events(
        query: queries.EventQuery = Depends(event_query),
        sort: queries.Sort = Query(queries.Sort.date, description="date, mentions, goldstein, fatalities or cameo; '-' for descending"),
        limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        conn: sqlite3.Connection = Depends(connection),
    ) -> schemas.EventPage:
        """Events matching the filters (one per deduplicated event unless `mentions=true`), a page at a time."""
        return queries.page(conn, query, sort, limit, offset)

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, tags=["events"], **api)
    def event(event_id: str, conn: sqlite3.Connection = Depends(connection)) -> schemas.EventDetail:
        """One event with its sentence, highlighted spans, other mentions and the claims that conflict with it."""
        if len(event_id) > 64:
            raise HTTPException(422, "event_id is at most 64 characters")
        found = queries.detail(conn, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in this store")
        return found

    @app.get("/api/map", response_model=schemas.MapPoints, tags=["events"], **api)
    def map_points(
        query: queries.EventQuery = Depends(event_query),
        limit: int = Query(5000, ge=1, le=MAX_MAP_POINTS, description=f"Most-mentioned first, at most {MAX_MAP_POINTS}"),
        conn: sqlite3.Connection = Depends(connection),
    ) -> schemas.MapPoints:
        """The located events matching the filters, as light points for the map."""
        return queries.map_points(conn, query, limit)

    @app.get("/api/stats", response_model=schemas.Stats, tags=["events"], **api)
    def stats(
        query: queries.EventQuery = Depends(event_query),
        stack: queries.Stack = Query(queries.Stack.root, description="Stack the daily counts by CAMEO root or PLOVER type"),
        conn: sqlite3.Connection = Depends(connection),
    ) -> schemas.Stats:
        """Counts of the matching events by day, root, PLOVER type, country, country pair, status and QuadClass."""
        return queries.stats(conn, query, stack)

    @app.get("/api/actors", response_model=list[schemas.ActorHit], tags=["events"], **api)
    def actors(
        q: str = Query("", max_length=100, description="Code prefix (KENCOP), a name fragment, or a country name"),
        limit: int = Query(20, ge=1, le=100),
        conn: sqlite3.Connection = Depends(connection),
    ) -> list[schemas.ActorHit]:
        """Actor codes in the store, most mentioned first."""
        return queries.actors(conn, q, limit)

    @app.post("/api/extract", response_model=ArticleResult, tags=["extract"],
              responses={403: {"description": "Extraction is off"}, 413: {"description": "Body over the size limit"}}, **api)
    async def extract(request: Request) -> ArticleResult:
        """Code one posted article now (JSON: `text` or `html`, optional `date`, `url`, `publisher`); nothing is stored.

        Off unless the server was started with `--allow-extract`; the body is limited in size.
        """
        if not allow_extract:
            raise HTTPException(403, "extraction is off: start the server with --allow-extract")
        body = await _read_limited(request, max_extract_bytes)
        try:
            posted = schemas.ExtractRequest.model_validate_json(body)
        except ValidationError as error:
            raise HTTPException(422, f"body must be JSON with 'text' or 'html': {error.errors()[0]['msg']}") from None
        article = _article(posted)
        from polybius.pipeline import shared_pipeline  # spaCy loads on the first extraction, not at start-up

        async with extract_lock:  # one pipeline, one article at a time
            return await run_in_threadpool(lambda: shared_pipeline(model).extract(article))

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        box = tuple(float(v) for v in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise HTTPException(422, "bbox takes min_lon,min_lat,max_lon,max_lat with -180 <= lon <= 180, -90 <= lat <= 90, min <= max")
    return box


def event_query(
    since: dt.date | None = Query(None, description="Events on or after this date (YYYY-MM-DD)"),
    until: dt.date | None = Query(None, description="Events on or before this date (YYYY-MM-DD)"),
    actor: str | None = Query(None, max_length=100, description="Actor code prefix or name fragment, either side"),
    country: str | None = Query(None, pattern="^[A-Za-z]{3}$", description="ISO3 of either actor or the place"),
    cameo: str | None = Query(None, pattern=r"^\d{2,4}$", description="CAMEO code prefix: a root (19) or a code (195)"),
    plover: str | None = Query(None, max_length=20, description="PLOVER event type, e.g. ASSAULT"),
    status: Status | None = Query(None),
    quad_class: int | None = Query(None, ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"),
    attribution: str | None = Query(None, max_length=100, description="Who says so: a code prefix (TURGOV) or words ('official')"),
    bbox: str | None = Query(None, max_length=100, description="min_lon,min_lat,max_lon,max_lat"),
    text: str | None = Query(None, max_length=200, description="Words in the sentence"),
    mentions: bool = Query(False, description="Every mention instead of one row per deduplicated event"),
) -> queries.EventQuery:
    """The filters shared by the event endpoints (the same as `polybius query`, plus QuadClass and attribution)."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    if plover and plover.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"unknown PLOVER type {plover!r}; one of {', '.join(sorted(PLOVER_TYPES))}")
    return queries.EventQuery(
        since=since.isoformat() if since else None, until=until.isoformat() if until else None, actor=actor or None,
        country=country.upper() if country else None, cameo=cameo, plover=plover, status=status.value if status else None,
        bbox=_bbox(bbox), text=text or None, quad_class=quad_class, attribution=attribution or None, mentions=mentions,
    )


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise HTTPException(413, f"body over the {limit} byte limit" if declared.isdigit() else "bad Content-Length")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"body over the {limit} byte limit")
    return bytes(body)


def _article(posted: schemas.ExtractRequest) -> Article:
    if (posted.text is None) == (posted.html is None):
        raise HTTPException(422, "send exactly one of 'text' and 'html'")
    try:
        pub_date = parse_date(posted.date)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    article = read_text(posted.text if posted.text is not None else posted.html, source="api",
                        kind="text" if posted.text is not None else "html", pub_date=pub_date, url=posted.url,
                        publisher=posted.publisher)
    if isinstance(article, IngestError):
        raise HTTPException(422, article.message)
    return article


def _error_handlers(app: FastAPI) -> None:
    """One error shape for every failure: {"error": message} (plus FastAPI's `detail` list for validation)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        message = "; ".join(f"{'.'.join(str(p) for p in problem['loc'][1:]) or problem['loc'][0]}: {problem['msg']}" for problem in problems)
        detail = [{k: problem.get(k) for k in ("loc", "msg", "type")} for problem in problems]
        return JSONResponse({"error": message, "detail": detail}, status_code=422)

    @app.exception_handler(sqlite3.Error)
    async def store_error(_: Request, error: sqlite3.Error) -> JSONResponse:
        return JSONResponse({"error": f"store unavailable: {error}"}, status_code=503)
