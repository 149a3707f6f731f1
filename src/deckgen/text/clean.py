"""Characters text cannot carry, from one table: what the YAML reader refuses, what a slide cannot hold, what a lecture drops."""
from __future__ import annotations

import re
import unicodedata

# (first, last, what): the code points no slide can hold. Tab and line feed are text; carriage
# return, U+2028 and U+2029 are line ends, normalised to line feed before anything is dropped.
_UNHOLDABLE = (
    ("\x00", "\x08", "C0 controls"),
    ("\x0b", "\x0c", "vertical tab, form feed"),
    ("\x0e", "\x1f", "C0 controls"),
    ("\x7f", "\x9f", "delete and the C1 controls, next line (NEL) among them"),
    ("\ud800", "\udfff", "lone surrogates"),
    ("\ufffe", "\uffff", "non-characters"),
)
# Next line: a C1 control a slide cannot hold, but a line break to YAML, which reads it.
_NEL = "\x85"
# Invisible characters pasted in from Word and web pages: zero-width space, direction marks, BOM.
_INVISIBLE = "\u200b\u200e\u200f\ufeff"


def _char_class(ranges: tuple[tuple[str, str], ...], extra: str = "") -> re.Pattern[str]:
    """A pattern matching one character of the (first, last) `ranges` or of `extra`."""
    return re.compile("[" + "".join(re.escape(a) + ("-" + re.escape(b) if b > a else "") for a, b in ranges)
                      + "".join(map(re.escape, extra)) + "]")


def _without(ranges: tuple[tuple[str, str], ...], ch: str) -> tuple[tuple[str, str], ...]:
    """`ranges` with `ch` taken out: the range holding it split in two around it."""
    out: list[tuple[str, str]] = []
    for first, last in ranges:
        if first <= ch <= last:
            out += [(first, chr(ord(ch) - 1))] if first < ch else []
            out += [(chr(ord(ch) + 1), last)] if ch < last else []
        else:
            out.append((first, last))
    return tuple(out)


_RANGES = tuple((first, last) for first, last, _ in _UNHOLDABLE)

UNREADABLE = _char_class(_without(_RANGES, _NEL))
"""What the YAML reader refuses: the slide-unholdable characters but NEL (carriage return passes too)."""
UNHOLDABLE = _char_class(_RANGES)
"""What a slide cannot hold, once line ends are normalised."""

# PyYAML's pure-Python reader compiles, as yaml is imported, the characters it refuses written as the complement
# of those it reads: 57 M instructions (a twentieth of building the shipped outline) for a pattern deckgen uses
# only when libyaml fails. The class is `UNREADABLE`, whose ranges compile fifty times faster.
YAML_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"


def lend_yaml_its_pattern() -> None:
    """Put `UNREADABLE` in `re`'s cache under PyYAML's text of the same class (`YAML_NON_PRINTABLE`, as
    yaml/reader.py writes it), so that PyYAML's import takes it compiled; call before yaml is imported. Does
    nothing where `re` keeps no such cache."""
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict):
        cache.setdefault((str, YAML_NON_PRINTABLE, 0), UNREADABLE)
UNWANTED = _char_class(_RANGES, _INVISIBLE)
"""What a lecture read for extraction drops: the unholdable characters and the invisible ones."""


def normalise_line_ends(text: str) -> str:
    """CRLF, CR, U+2028 (line separator) and U+2029 (paragraph separator) as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def join_surrogates(text: str) -> str:
    """UTF-16 surrogate pairs written as two escapes (`"\\ud83d\\ude00"` in YAML, as JSON writes an emoji)
    joined into the character they encode; only a lone surrogate is left to be dropped."""
    return _PAIR.sub(lambda m: chr(0x10000 + ((ord(m[0][0]) - 0xD800) << 10) + ord(m[0][1]) - 0xDC00), text)


def sanitise(text: str, invisible: bool = False) -> tuple[str, int]:
    """Normalise line ends, join escaped surrogate pairs, drop the characters a slide cannot hold and
    NFC-normalise.

    With `invisible`, zero-width spaces, direction marks and BOMs go too (lectures pasted from Word
    or the web). Returns the text and how many characters were dropped.
    """
    cleaned, dropped = (UNWANTED if invisible else UNHOLDABLE).subn("", join_surrogates(normalise_line_ends(text)))
    return unicodedata.normalize("NFC", cleaned), dropped
