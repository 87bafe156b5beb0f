"""Reader for the TABARI/PETRARCH dictionary formats: `.actors` and `.agents` files.

The field has kept its actor knowledge in these files for two decades (KEDS, TABARI, PETRARCH,
Phoenix), so polybius reads them as they are. What the reader accepts:

* comments: a line starting with `#` or `<!`, anything after `#` on a line, and `<!-- ... -->`
  blocks, which may span lines;
* actors: a head line `NAME [CODE range] ...`, then `+SYNONYM` lines and `[CODE range]` lines, in any
  order until the next head line. `_` joins the words of a name (`SERGEY_LAVROV`; a trailing `_`
  only says the name ends there). A code line without a range is the actor's undated code; a range
  is `YYMMDD-YYMMDD` or `YYYYMMDD-YYYYMMDD` (both inclusive), `<DATE` (before that day) or
  `>DATE` (from that day). The first code listed that covers a date is the one in force;
* verbs: `--- NAME [CODE] ---` opens a verb block with its default code (`---`: not an event;
  `032:033`: a pair, what the source does and what the target does back; codes are 2 to 4 digits,
  optionally with a letter, `174K`); then the verb's lines (`RESTORE`, `BAN {BANS BANNED} [191]`,
  `+CORDON_OFF`, `WIRE_+TAP`: `+` marks the verb among joined words) and pattern lines
  `- BEFORE * AFTER [CODE]`, `*` standing for the verb, kept as written for
  `polybius.coding.phrase_patterns`; `&NAME` lines with `+PHRASE` members define word sets (with
  regular plurals, unless the name or the phrase ends in `_`; `+&OTHER` takes in another set);
* agents: `PHRASE {PLURAL} [~CODE]` (the code follows the actor's: Russian + ~GOV = RUSGOV) or
  `[CODE~]` (the code comes first: NGO~ + Russian = NGORUS). Without `{}` a regular plural is made;
  `{}` means none. `!NAME! = A, B, C` defines a substitution set and `FIRE!PERSON!` stands for
  FIREMAN, FIREMEN, FIREWOMAN, ... (no plural is made for substituted phrases).

A malformed entry raises `DictionaryError` naming the file and line; a caller that prefers to
skip bad entries (converting a large third-party file) passes a list to collect them instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_CODE_RE = re.compile(r"^[A-Za-z0-9+\-/]+$")
_DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")
_MARKER_RE = re.compile(r"!([A-Za-z0-9]+)!")
_NAME_CHARS_RE = re.compile(r"[\[\]{}~]")


class DictionaryError(ValueError):
    """A malformed dictionary entry, with the file and line it is on."""

    def __init__(self, path: str | Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class CodeSpan:
    """One code and the dates it holds (both inclusive; None = open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    line: int = 0

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorRecord:
    """One actor entry: its names (head first, words joined by spaces) and its codes in order."""

    names: tuple[str, ...]
    codes: tuple[CodeSpan, ...]
    path: str
    line: int


@dataclass(frozen=True)
class AgentRecord:
    """One agent entry: the phrases it matches (singular, plural, substitutions) and its code."""

    phrases: tuple[str, ...]
    code: str  # without the tilde: "GOV", "GOVFRM", "NGO"
    prefix: bool  # "NGO~": the code goes before the actor's country
    path: str
    line: int


@dataclass(frozen=True)
class VerbCode:
    """`[031]`; `[032:033]` a pair: the source does 032 to the target and the target 033 back
    ('left for X' = a visit and its hosting); `[---]` no event (`code` None)."""

    code: str | None
    back: str | None = None


@dataclass(frozen=True)
class VerbPattern:
    """`- BEFORE * AFTER [CODE]`: the words around the verb `*` as written (`_` joins words, `&SET`
    names a word set, `$ + % ^` stand for noun phrases); `polybius.coding.phrase_patterns` reads them."""

    text: str
    code: VerbCode
    line: int


@dataclass(frozen=True)
class VerbEntry:
    """A verb line: its words (`WIRE_+TAP` is 'wire' then the verb 'tap', `+CUT_OFF` the verb 'cut'
    then 'off'), the forms written in `{}` (then no regular ones are made) and its own code if any."""

    words: tuple[str, ...]
    verb: int  # which of the words is the verb
    forms: tuple[str, ...] = ()
    code: VerbCode | None = None  # None: the block's

    @property
    def word(self) -> str:
        return self.words[self.verb]


@dataclass(frozen=True)
class VerbRecord:
    """One verb block: its verbs, default code and patterns."""

    verbs: tuple[VerbEntry, ...]
    code: VerbCode
    patterns: tuple[VerbPattern, ...]
    path: str
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    """A verbs file: its blocks, and its word sets (`&NAME` -> phrases, regular plurals included)."""

    records: list[VerbRecord]
    sets: dict[str, tuple[str, ...]]


_VERB_CODE_RE = re.compile(r"^(---|\d{2,4}[A-Z]?)(?::(---|\d{2,4}[A-Z]?))?$")


def read_verb_code(text: str) -> VerbCode:
    """'031', '174K', '032:033' (a pair), '---' (not an event); anything else raises."""
    found = _VERB_CODE_RE.match(text.strip().upper())
    if not found:
        raise ValueError(f"bad verb code [{text.strip()}]: use 2 to 4 digits (and a letter), '---' or CODE:CODE")
    first, back = (None if part in {None, "---"} else part for part in found.groups())
    return VerbCode(first, back)


def read_date(text: str) -> dt.date:
    """YYMMDD (00-30 are 20YY, as in TABARI) or YYYYMMDD."""
    if not _DATE_RE.match(text):
        raise ValueError(f"bad date {text!r}: use YYMMDD or YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {text!r}: no such day") from None


def read_code(text: str, line: int = 0) -> CodeSpan:
    """The inside of one `[...]`: a code and an optional date range."""
    parts = text.split()
    if not parts:
        raise ValueError("empty code []")
    code, spec = parts[0].upper(), "".join(parts[1:])
    if not _CODE_RE.match(code):
        raise ValueError(f"bad code {parts[0]!r}")
    if not spec:
        return CodeSpan(code, line=line)
    if spec[0] == "<":
        return CodeSpan(code, None, read_date(spec[1:]) - dt.timedelta(days=1), line)
    if spec[0] == ">":
        return CodeSpan(code, read_date(spec[1:]), None, line)
    first, dash, last = spec.partition("-")
    if not dash:
        raise ValueError(f"bad date range {spec!r}: use <DATE, >DATE or DATE-DATE")
    start, end = read_date(first), read_date(last)
    if end < start:
        raise ValueError(f"date range {spec!r} ends before it starts")
    return CodeSpan(code, start, end, line)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, content) with comments and blank lines removed."""
    in_comment = False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if in_comment:
                if "-->" not in line:
                    continue
                line, in_comment = line[line.index("-->") + 3 :], False
            while "<!--" in line:
                before, _, after = line.partition("<!--")
                if "-->" in after:
                    line = before + after[after.index("-->") + 3 :]
                else:
                    line, in_comment = before, True
            if line.lstrip().startswith("<!"):
                continue  # TABARI's loose '<! -- ... -->' headers
            line = line.split("#", 1)[0]
            if line.strip():
                yield number, line


def _name(text: str) -> str:
    """SERGEY_V._LAVROV_ -> 'SERGEY V. LAVROV'."""
    return " ".join(text.replace("_", " ").split())


def _split_codes(text: str) -> tuple[str, list[str]]:
    """'NAME [A 1-2] [B]' -> ('NAME ', ['A 1-2', 'B']); unbalanced brackets raise."""
    head, bracket, rest = text.partition("[")
    codes: list[str] = []
    if not bracket:
        return head, codes
    rest = "[" + rest
    while rest.strip():
        rest = rest.strip()
        if not rest.startswith("["):
            raise ValueError(f"unexpected text {rest!r} after a code")
        close = rest.find("]")
        if close < 0:
            raise ValueError("'[' without ']'")
        inner = rest[1:close]
        if "[" in inner:
            raise ValueError("'[' without ']'")
        codes.append(inner)
        rest = rest[close + 1 :]
    return head, codes


def read_actors(path: str | Path, errors: list[DictionaryError] | None = None) -> list[ActorRecord]:
    """Every actor entry of a TABARI/PETRARCH .actors file, in file order."""
    path = Path(path)
    records: list[ActorRecord] = []
    names: list[str] = []
    codes: list[CodeSpan] = []
    head_line = 0
    broken = False  # the current entry had an error: drop it whole

    def close() -> None:
        if not names or broken:
            return
        if not codes:
            _fail(DictionaryError(path, head_line, f"actor {names[0]!r} has no [code]"), errors)
            return
        records.append(ActorRecord(tuple(dict.fromkeys(names)), tuple(codes), str(path), head_line))

    for number, line in _lines(path):
        text = line.strip()
        try:
            if text.startswith(("+", "[")):
                if not names and not broken:
                    raise ValueError("synonym or code before any actor")
                name_part, code_texts = _split_codes(text[1:] if text[0] == "+" else text)
                if text[0] == "+":
                    names.append(_checked_name(name_part))
                elif name_part.strip():
                    raise ValueError(f"unexpected text {name_part.strip()!r} before a code")
                codes.extend(read_code(c, number) for c in code_texts)
                continue
            close()
            names, codes, head_line, broken = [], [], number, False
            name_part, code_texts = _split_codes(text)
            names.append(_checked_name(name_part))
            codes.extend(read_code(c, number) for c in code_texts)
        except DictionaryError:
            raise  # the entry before this line had no code
        except ValueError as problem:
            broken = True  # skip the rest of this entry (its synonyms and codes) too
            _fail(DictionaryError(path, number, str(problem)), errors)
    close()
    return records


def _checked_name(text: str) -> str:
    name = _name(text)
    if not name:
        raise ValueError("empty actor name")
    if _NAME_CHARS_RE.search(name):
        raise ValueError(f"stray bracket or tilde in name {name!r}")
    return name


def _fail(error: DictionaryError, errors: list[DictionaryError] | None) -> None:
    if errors is None:
        raise error
    errors.append(error)


def regular_plural(phrase: str) -> str:
    """TABARI's regular plural of the last word, with English's consonant-y and sibilant rules."""
    upper = phrase.upper()
    if re.search(r"[^AEIOU]Y$", upper):
        return phrase[:-1] + "IES"
    if upper.endswith(("S", "X", "CH", "SH", "Z")):
        return phrase + "ES"
    return phrase + "S"


def read_agents(path: str | Path, errors: list[DictionaryError] | None = None) -> list[AgentRecord]:
    """Every agent entry of a TABARI/PETRARCH .agents file, substitutions and plurals expanded."""
    path = Path(path)
    records: list[AgentRecord] = []
    sets: dict[str, list[str]] = {}
    for number, line in _lines(path):
        try:
            if "!" in line and "=" in line and "[" not in line:
                marker, _, values = line.partition("=")
                found = _MARKER_RE.fullmatch(marker.strip())
                items = [v.strip() for v in values.split(",") if v.strip()]
                if not found or not items:
                    raise ValueError("a substitution set is written !NAME! = A, B, C")
                sets[found.group(1)] = items
                continue
            records.append(_agent(line, number, path, sets))
        except ValueError as problem:
            _fail(DictionaryError(path, number, str(problem)), errors)
    return records


def _agent(line: str, number: int, path: Path, sets: dict[str, list[str]]) -> AgentRecord:
    phrase_part, code_texts = _split_codes(line)
    if len(code_texts) != 1:
        raise ValueError("an agent needs exactly one [code]")
    raw = code_texts[0].replace(" ", "")
    if raw.startswith("~"):
        code, prefix = raw[1:], False
    elif raw.endswith("~"):
        code, prefix = raw[:-1], True
    else:
        raise ValueError(f"agent code {raw!r} needs a '~' before (suffix) or after (prefix) it")
    if not code or not _CODE_RE.match(code):
        raise ValueError(f"bad agent code {raw!r}")
    plural: str | None = None
    if "{" in phrase_part or "}" in phrase_part:
        found = re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", phrase_part)
        if not found:
            raise ValueError("'{' without '}' (a plural is written {PLURAL}, or {} for none)")
        phrase_part, plural = found.group(1), _name(found.group(2))
    phrase = _name(phrase_part)
    if not phrase:
        raise ValueError("empty agent phrase")
    marker = _MARKER_RE.search(phrase)
    if marker:
        if marker.group(1) not in sets:
            raise ValueError(f"substitution set !{marker.group(1)}! is not defined above")
        phrases = [phrase[: marker.start()] + item + phrase[marker.end() :] for item in sets[marker.group(1)]]
    elif "!" in phrase:
        raise ValueError(f"unterminated substitution marker in {phrase!r}")
    else:
        phrases = [phrase, regular_plural(phrase) if plural is None else plural]
    return AgentRecord(tuple(dict.fromkeys(p for p in phrases if p)), code.upper(), prefix, str(path), number)


_SET_RE = re.compile(r"&([A-Za-z0-9]+)")


def read_verbs(path: str | Path, errors: list[DictionaryError] | None = None) -> VerbDictionary:
    """Every verb block and word set of a TABARI/PETRARCH verbs file, in file order."""
    path = Path(path)
    records: list[VerbRecord] = []
    sets: dict[str, list[str]] = {}
    plural_sets: dict[str, bool] = {}
    current_set: str | None = None
    block: dict | None = None

    def close() -> None:
        if block is not None and block["verbs"]:
            records.append(VerbRecord(tuple(block["verbs"]), block["code"], tuple(block["patterns"]), str(path), block["line"]))

    for number, line in _lines(path):
        text = line.strip()
        try:
            if text.startswith("---"):  # "--- NAME [CODE] ---" (PETRARCH reads the first code; the closing --- may be lost to a comment)
                close()
                current_set = None
                codes = _split_codes(text[3:].strip().removesuffix("---"))[1]
                block = {"verbs": [], "code": read_verb_code(codes[0] if codes else "---"), "patterns": [], "line": number}
                continue
            if text.startswith("&"):
                label = text[1:].split()[0]
                current_set = label.rstrip("_")
                sets[current_set] = []
                plural_sets[current_set] = not label.endswith("_")  # '&NAME_': its phrases take no plural
                continue
            if text.startswith("+") and current_set is not None:
                sets[current_set].extend(_set_phrases(text[1:].strip(), plural_sets[current_set], sets))
                continue
            current_set = None
            if text.startswith("~"):
                raise ValueError("verb transformations ('~ a (a b VERB) VERB = ...') are not read")
            if text.startswith("-"):
                if block is None:
                    raise ValueError("a pattern before any --- VERB --- block")
                block["patterns"].append(_verb_pattern(text[1:], number, sets))
                continue
            if block is None:
                raise ValueError(f"unexpected line {text!r} before any --- VERB --- block")
            entry = _verb_entry(text)
            if entry is not None:
                block["verbs"].append(entry)
        except ValueError as problem:
            _fail(DictionaryError(path, number, str(problem)), errors)
    close()
    return VerbDictionary(records, {name: tuple(dict.fromkeys(phrases)) for name, phrases in sets.items()})


def _set_phrases(member: str, plural: bool, sets: dict[str, list[str]]) -> list[str]:
    """A `+MEMBER` line of a word set: a phrase (`AUSTRIAN_FLORIN`, `AUSTRIAN FLORIN`: consecutive
    words) and its regular plural unless it ends in `_`; `+&OTHER` takes in another set's phrases."""
    found = _SET_RE.fullmatch(member.rstrip("_"))
    if found:
        if found.group(1) not in sets:
            raise ValueError(f"word set &{found.group(1)} is not defined above")
        return list(sets[found.group(1)])
    phrase = _name(member)
    if not phrase:
        raise ValueError("empty word-set member")
    return [phrase, regular_plural(phrase)] if plural and not member.endswith("_") else [phrase]


def _verb_pattern(text: str, number: int, sets: dict[str, list[str]]) -> VerbPattern:
    words_part, codes = _split_codes(text)
    if len(codes) != 1:
        raise ValueError("a verb pattern needs exactly one [code]")
    code = read_verb_code(codes[0])
    words = " ".join(words_part.split())
    if words.count("*") != 1:
        raise ValueError("a verb pattern needs one '*' where the verb stands")
    for name in _SET_RE.findall(words):
        if name not in sets:
            raise ValueError(f"word set &{name} is not defined above")
    return VerbPattern(words, code, number)


def _verb_entry(text: str) -> VerbEntry | None:
    """`BAN {BANS BANNED}`, `+CUT_OFF`, `WIRE_+TAP [1711]`, `RESTORE`."""
    forms_text = " ".join(re.findall(r"\{([^}]*)\}", text))
    head, codes = _split_codes(re.sub(r"\{[^}]*\}", " ", text))
    if len(codes) > 1:
        raise ValueError("a verb takes at most one [code]")
    written = head.split()
    if not written:
        return None
    words, verb = _verb_words(written[0])
    forms = tuple(parts[at] for parts, at in map(_verb_words, forms_text.split()))
    return VerbEntry(words, verb, forms, read_verb_code(codes[0]) if codes else None)


def _verb_words(written: str) -> tuple[tuple[str, ...], int]:
    """'WIRE_+TAP' -> (('WIRE', 'TAP'), 1); '+CUT_OFF' -> (('CUT', 'OFF'), 0); 'RESTORE' -> (('RESTORE',), 0)."""
    parts = [p for p in written.split("_") if p]
    if not parts:
        raise ValueError(f"empty verb {written!r}")
    marked = [k for k, p in enumerate(parts) if p.startswith("+")]
    if len(marked) > 1:
        raise ValueError(f"verb {written!r} marks more than one word with '+'")
    return tuple(p.lstrip("+") for p in parts), marked[0] if marked else 0
