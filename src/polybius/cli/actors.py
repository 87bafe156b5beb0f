"""`polybius actors lookup`: what a name resolves to on a date, and why."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from polybius.actors.named import Role
from polybius.cli.app import ACTORS_HELP, AGENTS_HELP, _date_option, _dictionaries, app, err

actors_app = typer.Typer(help="Inspect the actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


def _role_text(role: Role, nationality: str | None) -> str:
    start = role.start.isoformat() if role.start else "..."
    end = role.end.isoformat() if role.end else "..."
    where = role.igo or role.group or role.code or "".join(filter(None, [role.country or nationality, role.sector])) or "no code"
    return f"{role.title}: {where}, {start} to {end}"


@actors_app.command()
def lookup(
    name: str = typer.Argument(..., help="A name or actor phrase, e.g. 'Sergei Lavrov' or 'Russian police'."),
    date: str | None = typer.Option(None, "--date", help="The date YYYY-MM-DD (dated roles: the one in force that day)."),
    actors: list[Path] = typer.Option(None, "--actors", help=ACTORS_HELP),
    agents: list[Path] = typer.Option(None, "--agents", help=AGENTS_HELP),
) -> None:
    """Print what NAME resolves to and why: the dictionary entries, the named actor, the dated role."""
    from polybius.actors import resolver_for
    from polybius.actors.explain import explain

    day = _date_option(date)
    try:
        resolver = resolver_for(_dictionaries(actors, agents))
    except (ValueError, OSError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    found = explain(resolver, name, day)
    out = Console(highlight=False, soft_wrap=True)
    result = found.resolved
    out.print(f"{name!r} on {day or 'no date'}: code {result.code or '-'}, country {result.country or '-'}, "
              f"sector {result.sector or '-'}, name {result.name or '-'}")
    if not found.fired:
        out.print("  no dictionary entry matches")
    for entry in found.fired:
        out.print(f"  {entry.kind} '{entry.text}' = entry '{entry.label}' ({entry.origin})")
    if found.actor is not None:
        actor = found.actor
        out.print(f"  named actor: {actor.name} ({actor.kind}, {actor.origin})")
        for role in actor.roles:
            mark = "*" if role is found.role else " "
            out.print(f"   {mark} {_role_text(role, actor.country)}")
        if found.role is not None:
            out.print(f"  in force on {day}: {found.role.title}")
        elif day is not None:
            out.print(f"  no single role in force on {day}: the actor's own standing applies")
    for actor in found.candidates:
        out.print(f"  shares the name: {actor.name} ({actor.origin}); no single one in office on {day or 'no date'}")
    out.print("dictionaries, lowest precedence first: " + ", ".join(resolver.knowledge.sources))
