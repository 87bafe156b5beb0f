"""Name keys for the gazetteer index.

News copy, GeoNames and ISO 3166-2 spell the same place differently (Hamāh, Hamah, Hama;
al-Hasakah, Hasakeh; St. Petersburg, Saint Petersburg). Rather than fuzzy matching at lookup
time, both sides are folded to the same key: transliterated to ASCII (anyascii), apostrophes
dropped, case folded, punctuation to spaces, doubled letters collapsed and a word-final "ah" read as "a" (the
Arabic tā' marbūṭa is written either way). A leading Arabic article is optional, so every
name is indexed under its full key and, where it has one, its key without the article.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u2032"
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "et", "ez", "ul"})
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
# One translate() pass: apostrophes and dots vanish ("U.S." -> "us"), other ASCII punctuation
# becomes a space; applied after case folding and accent stripping, so the text is ASCII.
_TOKEN_TABLE = {
    i: (None if chr(i) in APOSTROPHES + "." else (chr(i) if chr(i).isalnum() else " ")) for i in range(128)
}
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_TA_MARBUTA_RE = re.compile(r"(?<=[a-z]{2})ah\b")


def ascii_fold(text: str) -> str:
    """Transliterate to ASCII (anyascii), keeping case, so names stay readable: Łódź -> Lodz,
    Şanlıurfa -> Sanliurfa (stripping accents alone would drop Ł and ı)."""
    if text.isascii():
        return text
    return anyascii(text)


def is_latin_script(text: str) -> bool:
    """True when every letter is Latin: names in other scripts are not how English news spells them."""
    return all(ch.isascii() or not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def tokens(text: str) -> list[str]:
    """Lowercase ASCII word tokens of `text`, with common abbreviations spelled out."""
    if not text.isascii():  # drop typographic apostrophes before ascii folding would lose them
        text = "".join(ch for ch in text if ch not in APOSTROPHES)
    words = ascii_fold(text.casefold()).translate(_TOKEN_TABLE).split()
    return [ABBREVIATIONS.get(tok, tok) for tok in words]


def key_of_tokens(toks: list[str] | tuple[str, ...]) -> str:
    """The index key for already tokenised text (see the module docstring for the folding)."""
    key = " ".join(toks)
    if _DOUBLE_RE.search(key):
        key = _DOUBLE_RE.sub(r"\1", key)
    if "ah" in key:
        key = _TA_MARBUTA_RE.sub("a", key)
    return key


def name_key(text: str) -> str:
    """The full index key of a name; empty when the name has no letters or digits."""
    return key_of_tokens(tokens(text))


# Transliteration variants folded only for loose lookups inside the story's countries:
# "Mahmoudiya"/"Mahmudiya", "Paktiya"/"Paktia", "Qandahar"/"Kandahar", "Ghowr"/"Gowr".
_LOOSE = ((re.compile(r"ou"), "u"), (re.compile(r"iy(?=a)"), "i"), (re.compile(r"q"), "k"),
          (re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"), (re.compile(r"dh"), "d"))


def loose_key(key: str) -> str:
    """A key with common transliteration variants folded (see `_LOOSE`); for loose lookups only."""
    for pattern, replacement in _LOOSE:
        key = pattern.sub(replacement, key)
    return _DOUBLE_RE.sub(r"\1", key)


def key_variants(text: str) -> tuple[str, ...]:
    """The full key and, when the name starts with an Arabic article, the key without it."""
    toks = tokens(text)
    full = key_of_tokens(toks)
    if len(toks) > 1 and toks[0] in ARTICLES:
        return (full, key_of_tokens(toks[1:]))
    return (full,) if full else ()
