"""polybius's compact dictionary files: one tab-separated line per actor or agent phrase.

Fast to load (no YAML parse for tens of thousands of names) and easy to read and grep:

    actors.tsv   name <TAB> aliases (| between them) <TAB> codes <TAB> source
                 Sergey Lavrov	Lavrov|Sergei Lavrov	RUSGOV:1994-09-22..2004-07-12 RUSGOV:2004-03-09..	Countries:39797
    agents.tsv   phrase <TAB> code <TAB> source
                 police officer	~COP	agents:250

A code is a CAMEO code, alone (undated) or with `:START..END` (ISO dates, both inclusive, either
may be empty); codes are listed in precedence order (the first one in force on a date wins).
`~CODE` follows the actor's country, `CODE~` precedes it. Lines starting with `#` are comments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from polybius.dictionaries.entries import DictActor, DictAgent
from polybius.dictionaries.petrarch import CodeSpan


def format_code(span: CodeSpan) -> str:
    if not span.dated:
        return span.code
    start = span.start.isoformat() if span.start else ""
    end = span.end.isoformat() if span.end else ""
    return f"{span.code}:{start}..{end}"


def parse_code(text: str) -> CodeSpan:
    code, _, dates = text.partition(":")
    if not dates:
        return CodeSpan(code)
    start, _, end = dates.partition("..")
    return CodeSpan(code, dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\n").split("\t")


def read_actors(path: Path, origin_names: dict[str, str] | None = None) -> list[DictActor]:
    """`origin_names` turns the short source ('Countries') into the file it names."""
    names = origin_names or {}
    actors = []
    for number, (name, aliases, codes, source) in _rows(path):
        short, _, line = source.partition(":")
        origin = f"{names.get(short, short)}:{line}" if line else f"{path.name}:{number}"
        actors.append(DictActor(name, tuple(aliases.split("|")) if aliases else (), (), origin, codes))
    return actors


def read_agents(path: Path, origin_names: dict[str, str] | None = None) -> list[DictAgent]:
    names = origin_names or {}
    agents = []
    for _number, (phrase, code, source) in _rows(path):
        short, _, line = source.partition(":")
        prefix = code.endswith("~")
        agents.append(DictAgent(phrase, code.strip("~"), prefix, f"{names.get(short, short)}:{line}"))
    return agents


def write_actors(path: Path, actors: Iterable[DictActor], header: str) -> int:
    lines = [f"# {row}" for row in header.splitlines()]
    for actor in actors:
        lines.append("\t".join([actor.name, "|".join(actor.aliases), " ".join(format_code(c) for c in actor.codes), actor.origin]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def write_agents(path: Path, agents: Iterable[DictAgent], header: str) -> int:
    lines = [f"# {row}" for row in header.splitlines()]
    for agent in agents:
        code = f"{agent.code}~" if agent.prefix else f"~{agent.code}"
        lines.append("\t".join([agent.phrase, code, agent.origin]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)
