"""`polybius serve`: the REST API and the dashboard over a store."""

from __future__ import annotations

from pathlib import Path

import typer

from polybius.cli.app import app, err


@app.command()
def serve(
    db: Path = typer.Option(Path("polybius.sqlite"), "--db", help="The store to show (opened read-only)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_extract: bool = typer.Option(False, "--allow-extract", help="Enable POST /api/extract (codes posted text; stores nothing)."),
    max_extract_bytes: int = typer.Option(1024 * 1024, "--max-extract-bytes", min=1, help="Largest body POST /api/extract accepts."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline for --allow-extract."),
) -> None:
    """Serve the dashboard at / and the API at /api (OpenAPI docs at /docs), read-only on the store."""
    import uvicorn

    from polybius.serve import StoreUnavailable, create_app

    try:
        web = create_app(db, allow_extract=allow_extract, max_extract_bytes=max_extract_bytes, model=model)
    except StoreUnavailable as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    err.print(f"polybius: dashboard at http://{host}:{port}/  API docs at http://{host}:{port}/docs  (store {db}, read-only)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
