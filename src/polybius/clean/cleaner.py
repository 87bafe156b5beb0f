"""Remove boilerplate and normalise text while remembering where every character came from.

Events must point back into the text the user gave us, so cleaning never edits blindly: each kept
character records its offset in the original, and dropped lines are listed with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from polybius.clean.dateline import Dateline, read_top_of_page

CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
TERMINAL = ('.', '!', '?', '"', "'", ':', ')')


@dataclass(frozen=True)
class Rules:
    drop_line: tuple[re.Pattern[str], ...]
    section_markers: frozenset[str]
    section_marker_min_chars: int
    list_headers: frozenset[str]
    prose_min_words: int
    ticker_separators: tuple[str, ...]
    ticker_min_segments: int
    subheading: re.Pattern[str]
    trailing_credit: re.Pattern[str]

    def is_ticker(self, line: str) -> bool:
        """Several headlines strung on one line with bullets or bars."""
        separators = sum(line.count(s) for s in self.ticker_separators)
        return separators + 1 >= self.ticker_min_segments

    def is_prose(self, line: str) -> bool:
        return len(line.split()) >= self.prose_min_words and line.rstrip().endswith(TERMINAL)


@cache
def load_rules() -> Rules:
    raw = yaml.safe_load(resources.files("polybius.clean").joinpath("data/boilerplate.yaml").read_text("utf-8"))
    return Rules(
        drop_line=tuple(re.compile(p, re.IGNORECASE) for p in raw["drop_line"]),
        section_markers=frozenset(m.lower() for m in raw["section_markers"]),
        section_marker_min_chars=int(raw["section_marker_min_chars"]),
        list_headers=frozenset(m.lower() for m in raw["list_headers"]),
        prose_min_words=int(raw["prose_min_words"]),
        ticker_separators=tuple(raw["ticker_separators"]),
        ticker_min_segments=int(raw["ticker_min_segments"]),
        subheading=re.compile(raw["subheading"]),
        trailing_credit=re.compile(raw["trailing_credit"], re.IGNORECASE),
    )


@dataclass
class CleanText:
    """Cleaned text plus, for every character, its offset in the original text."""

    text: str
    offsets: list[int]
    original_length: int
    dropped: list[tuple[int, int, str]] = field(default_factory=list)
    dateline: Dateline | None = None  # where (and, on a page with no metadata, when) the story was filed

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the clean text to the original text."""
        if end <= start:
            point = self.offsets[start] if start < len(self.offsets) else self.original_length
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1


def _lines(raw: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\r\n|\r|\n", raw):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(raw)))
    return spans


def _strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or raw[start] in ZERO_WIDTH):
        start += 1
    while end > start and (raw[end - 1].isspace() or raw[end - 1] in ZERO_WIDTH):
        end -= 1
    return start, end


def _is_wrapped_continuation(previous: str, line: str) -> bool:
    """Hard-wrapped text: a line that does not end a sentence, followed by one starting lower-case."""
    return bool(previous) and not previous.rstrip().endswith(TERMINAL) and line[:1].islower()


LINE_BREAK_HYPHEN = re.compile(r"\b([a-z]+)-([a-z]+)\b")


def clean_text(raw: str, is_word: Callable[[str], bool] | None = None) -> CleanText:
    """Clean `raw`; with `is_word` (a vocabulary), hyphens left from print layout are removed:
    'conser-vative' -> 'conservative' when the joined word is known and a part is not."""
    rules = load_rules()
    out_chars: list[str] = []
    offsets: list[int] = []
    dropped: list[tuple[int, int, str]] = []
    previous_line = ""
    in_list = False  # inside a list of other stories' headlines
    top = read_top_of_page(raw)
    for line_start, line_end in _lines(raw):
        start, end = _strip_span(raw, line_start, line_end)
        if start == end:
            in_list = False
            continue
        if start in top.cuts:  # a dateline or date line: where and when, never an event
            dropped.append((start, min(top.cuts[start], end), "dateline"))
            start = top.cuts[start]
            if start >= end:
                continue
        line = raw[start:end]
        stripped = line.strip(" .:").lower()
        if stripped in rules.section_markers and len(out_chars) >= rules.section_marker_min_chars:
            dropped.append((start, len(raw), f"page furniture after section marker {line!r}"))
            break
        if stripped in rules.list_headers:
            in_list = True
            dropped.append((start, end, f"headline list {line!r}"))
            continue
        if in_list and not rules.is_prose(line):
            dropped.append((start, end, "headline list"))
            continue
        in_list = False
        if rules.is_ticker(line):
            dropped.append((start, end, "headline ticker"))
            continue
        if rules.subheading.match(line):
            dropped.append((start, end, "subheading"))
            continue
        if any(p.search(line) for p in rules.drop_line):
            dropped.append((start, end, "boilerplate line"))
            continue
        credit = rules.trailing_credit.search(line)
        if credit:
            dropped.append((start + credit.start(), end, "caption credit"))
            end = start + credit.start()
            line = raw[start:end]
        if out_chars:
            joiner = " " if _is_wrapped_continuation(previous_line, line) else "\n"
            out_chars.append(joiner)
            offsets.append(line_start - 1 if line_start > 0 else 0)
        _append_normalised(raw, start, end, out_chars, offsets, _layout_hyphens(raw, start, end, is_word))
        previous_line = line
    return CleanText(text="".join(out_chars), offsets=offsets, original_length=len(raw), dropped=dropped,
                     dateline=top.dateline)


def _layout_hyphens(raw: str, start: int, end: int, is_word: Callable[[str], bool] | None) -> set[int]:
    """Positions of hyphens that split one word ('in-sulted'), not two ('cease-fire', 'pro-democracy')."""
    if is_word is None:
        return set()
    found = set()
    for match in LINE_BREAK_HYPHEN.finditer(raw, start, end):
        left, right = match.group(1), match.group(2)
        if is_word(left + right) and not (is_word(left) and is_word(right)):
            found.add(match.start(2) - 1)
    return found


def _append_normalised(raw: str, start: int, end: int, out: list[str], offsets: list[int], skip: set[int]) -> None:
    """Copy raw[start:end] with quotes/dashes/spaces normalised and runs of spaces collapsed."""
    for position in range(start, end):
        char = raw[position]
        if char in ZERO_WIDTH or position in skip:
            continue
        char = CHAR_MAP.get(char, char)
        if char.isspace():
            char = " "
            if out and out[-1] == " ":
                continue
        out.append(char)
        offsets.append(position)
