"""The action ontology: CAMEO codes with their weights, and what each one means in PLOVER and ACLED.

The coder only ever decides on a CAMEO code. Everything else an event record says about the
action (root, QuadClass, Goldstein weight, PLOVER type/mode/context, ACLED category) is looked up
here from readable tables, data/cameo.tsv and data/plover.tsv (whose PLOVER names must be the
manual's, data/plover_vocabulary.yaml), which are checked when loaded
so that a typo in the data fails loudly instead of producing a wrong event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from polybius.models import Cameo, Plover


@dataclass(frozen=True)
class PloverVocabulary:
    """The PLOVER manual's names (data/plover_vocabulary.yaml): types with their modes, contexts."""

    modes: dict[str, frozenset[str]]  # type -> the modes it defines (empty: the type takes none)
    contexts: frozenset[str]  # the general contexts
    auxiliary_contexts: frozenset[str]  # historical, future, hypothetical, negation

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.modes)


def _load_vocabulary() -> PloverVocabulary:
    raw = yaml.safe_load(resources.files("polybius.coding").joinpath("data", "plover_vocabulary.yaml").read_text("utf-8"))
    return PloverVocabulary(
        modes={name: frozenset(modes or ()) for name, modes in raw["types"].items()},
        contexts=frozenset(raw["contexts"]),
        auxiliary_contexts=frozenset(raw["auxiliary_contexts"]),
    )


PLOVER = _load_vocabulary()
PLOVER_TYPES = PLOVER.types
PLOVER_MODES = PLOVER.modes
PLOVER_CONTEXTS = PLOVER.contexts | PLOVER.auxiliary_contexts

ACLED_SUB_EVENTS: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    }),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    }),
}

CAMEO_COLUMNS = ("code", "root", "name", "goldstein", "quad_class")
CROSSWALK_COLUMNS = (
    "cameo", "plover_type", "plover_mode", "plover_context", "acled_event_type", "acled_sub_event_type",
)
_CODE = re.compile(r"\d{3,4}")
_KEY = re.compile(r"\d{2,4}")
_USER_CODE = re.compile(r"\d{2,4}[A-Z]?")


class OntologyError(ValueError):
    """A data table breaks one of the ontology's rules (the message names file and line)."""


@dataclass(frozen=True)
class CameoEntry:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class CrosswalkRow:
    """One row of plover.tsv: what a CAMEO code, its children or its whole root mean in PLOVER/ACLED."""

    key: str
    plover_type: str | None  # None: PLOVER has no category for it (CAMEO 01 and 02)
    mode: str | None
    context: tuple[str, ...]
    acled: tuple[str, str] | None


def quad_class_for_root(root: str) -> int:
    """GDELT's grouping of the 20 roots into the four QuadClasses."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"CAMEO roots run from 01 to 20, not {root!r}")
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def _table_rows(text: str, columns: tuple[str, ...], source: str) -> Iterator[tuple[str, list[str]]]:
    """Yield ('file:line', cells) for each data row, after checking the header and the cell count."""
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        where = f"{source}:{number}"
        if not header_seen:
            if tuple(cells) != columns:
                raise OntologyError(f"{where}: header must be {'<TAB>'.join(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise OntologyError(f"{where}: expected {len(columns)} tab-separated cells, got {len(cells)}")
        yield where, cells
    if not header_seen:
        raise OntologyError(f"{source}: no header row")


def parse_cameo_table(text: str, source: str = "cameo.tsv") -> dict[str, CameoEntry]:
    """Read and check a CAMEO table; codes keep the file's order."""
    entries: dict[str, CameoEntry] = {}
    for where, (code, root, name, goldstein, quad_class) in _table_rows(text, CAMEO_COLUMNS, source):
        if not _CODE.fullmatch(code):
            raise OntologyError(f"{where}: code {code!r} is not 3 or 4 digits")
        if code in entries:
            raise OntologyError(f"{where}: code {code} listed twice")
        if root != code[:2]:
            raise OntologyError(f"{where}: code {code} has root {root!r}, expected {code[:2]!r}")
        if len(code) == 4 and code[:3] not in entries:
            raise OntologyError(f"{where}: code {code} comes before (or without) its parent {code[:3]}")
        if not name:
            raise OntologyError(f"{where}: code {code} has no name")
        try:
            weight = float(goldstein)
            quad = int(quad_class)
            expected_quad = quad_class_for_root(root)
        except ValueError as error:
            raise OntologyError(f"{where}: {error}") from None
        if not -10.0 <= weight <= 10.0:
            raise OntologyError(f"{where}: Goldstein weight {weight} of {code} is outside [-10, 10]")
        if quad != expected_quad:
            raise OntologyError(f"{where}: code {code} has QuadClass {quad}, root {root} implies {expected_quad}")
        entries[code] = CameoEntry(code, root, name, weight, quad)
    for root in {entry.root for entry in entries.values()}:
        if root + "0" not in entries:
            raise OntologyError(f"{source}: root {root} has no unspecified code {root}0")
    return entries


def _crosswalk_row(where: str, cells: list[str]) -> CrosswalkRow:
    key, plover_type, mode, context, acled_type, acled_sub = cells
    if not _KEY.fullmatch(key):
        raise OntologyError(f"{where}: {key!r} is neither a CAMEO root nor a CAMEO code")
    tags = tuple(tag.strip() for tag in context.split(";") if tag.strip())
    if not plover_type:
        if mode or tags:
            raise OntologyError(f"{where}: a row without a PLOVER type takes no mode or context")
    elif plover_type not in PLOVER_TYPES:
        raise OntologyError(f"{where}: {plover_type!r} is not a PLOVER type")
    if mode and mode not in PLOVER_MODES.get(plover_type, frozenset()):
        raise OntologyError(f"{where}: PLOVER defines no mode {mode!r} for {plover_type}")
    unknown = [tag for tag in tags if tag not in PLOVER.contexts]
    if unknown:
        raise OntologyError(f"{where}: not among the PLOVER manual's general contexts: {unknown}")
    if bool(acled_type) != bool(acled_sub):
        raise OntologyError(f"{where}: ACLED event type and sub-event type must be given together")
    if acled_type and acled_sub not in ACLED_SUB_EVENTS.get(acled_type, frozenset()):
        raise OntologyError(f"{where}: {acled_sub!r} is not an ACLED sub-event of {acled_type!r}")
    return CrosswalkRow(key, plover_type or None, mode or None, tags, (acled_type, acled_sub) if acled_type else None)


def parse_crosswalk(text: str, codes: Iterable[str], source: str = "plover.tsv") -> dict[str, CrosswalkRow]:
    """Read and check a crosswalk, and resolve it for every code: code -> the row that applies.

    Fails if a code has no row, or if a row applies to no code (a mistyped or shadowed key).
    """
    codes = list(codes)
    known_keys = set(codes) | {code[:2] for code in codes}
    rows: dict[str, CrosswalkRow] = {}
    for where, cells in _table_rows(text, CROSSWALK_COLUMNS, source):
        row = _crosswalk_row(where, cells)
        if row.key in rows:
            raise OntologyError(f"{where}: {row.key} has two rows")
        if row.key not in known_keys:
            raise OntologyError(f"{where}: {row.key} is not a known CAMEO code or root")
        rows[row.key] = row
    resolved: dict[str, CrosswalkRow] = {}
    for code in codes:
        key = next((k for k in (code, code[:3], code[:2]) if k in rows), None)
        if key is None:
            raise OntologyError(f"{source}: CAMEO code {code} has no row for itself, its parent or its root")
        resolved[code] = rows[key]
    unused = sorted(set(rows) - {row.key for row in resolved.values()})
    if unused:
        raise OntologyError(f"{source}: rows that no code resolves to (more specific rows shadow them): {unused}")
    return resolved


def _read(name: str) -> str:
    return resources.files("polybius.coding").joinpath("data", name).read_text("utf-8")


@cache
def _cameo_table() -> dict[str, CameoEntry]:
    return parse_cameo_table(_read("cameo.tsv"))


@cache
def _crosswalk() -> dict[str, CrosswalkRow]:
    return parse_crosswalk(_read("plover.tsv"), _cameo_table())


def cameo(code: str) -> CameoEntry:
    """The CAMEO entry for a 3- or 4-digit code."""
    try:
        return _cameo_table()[code]
    except KeyError:
        hint = f" (a root is not a code: use {code}0)" if len(code) == 2 else ""
        raise KeyError(f"unknown CAMEO code {code!r}{hint}") from None


def to_models(code: str, context: list[str] | None = None) -> tuple[Cameo, Plover, dict[str, str] | None]:
    """The event record's action fields for a CAMEO code (or a code of a user's codebook, see `_outside_cameo`).

    `context` adds sentence-level PLOVER tags (e.g. "future") after the code's own tags.
    The PLOVER type is None for the CAMEO categories PLOVER drops (01 statements, 02 appeals).
    The third item is the ACLED event_type / sub_event_type, or None outside violence and protest.
    """
    entry = _cameo_table().get(code)
    if entry is None:
        return _outside_cameo(code, context)
    row = _crosswalk()[code]
    # A code PLOVER does not code (01, 02) gets an empty Plover: no type, so no mode or context.
    tags = list(dict.fromkeys([*row.context, *(context or [])])) if row.plover_type else []
    acled = {"event_type": row.acled[0], "sub_event_type": row.acled[1]} if row.acled else None
    return (
        Cameo(code=entry.code, root=entry.root, name=entry.name, quad_class=entry.quad_class,
              goldstein=entry.goldstein),
        Plover(type=row.plover_type, mode=row.mode, context=tags),
        acled,
    )


def _outside_cameo(code: str, context: list[str] | None) -> tuple[Cameo, Plover, dict[str, str] | None]:
    """A code of a user's own codebook (PETRARCH's WEIS-style `1717`, `174K`): kept as written, its
    root is its first two digits; where CAMEO has that root, QuadClass, Goldstein, PLOVER and ACLED
    are the root's (GDELT groups QuadClass by root), else they are unknown."""
    if not _USER_CODE.fullmatch(code):
        raise KeyError(f"unknown event code {code!r}: a code is 2 to 4 digits, optionally one capital letter")
    root = code[:2]
    if root + "0" not in _cameo_table():
        return Cameo(code=code, root=root, name=None, quad_class=None, goldstein=None), Plover(), None
    base, plover, acled = to_models(root + "0", context)
    return Cameo(code=code, root=root, name=None, quad_class=base.quad_class, goldstein=base.goldstein), plover, acled


def all_codes() -> list[str]:
    """Every CAMEO event code, in codebook order."""
    return list(_cameo_table())


def roots() -> list[str]:
    """The 20 CAMEO roots, "01" to "20"."""
    return sorted({entry.root for entry in _cameo_table().values()})
