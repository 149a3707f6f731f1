"""The identifier deckgen writes into each slide (which outline entry it shows), and the deck's outline record."""
from __future__ import annotations

import hashlib
import json
from typing import Optional, Sequence, Union

from deckgen.outline.typed import record

PathPart = Union[str, int]

# Written as the name of a hidden, empty shape on the slide (PowerPoint, WPS and LibreOffice keep the names of
# ordinary shapes; LibreOffice drops slide tags, `p:cSld/@name` and placeholder names) and as `p:cSld/@name`.
PREFIX = "deckgen:"
VERSION = "1"
COVER = "deck"      # the title slide made from `deck:`
AGENDA = "agenda"   # the agenda made from the section titles

# Custom document properties of a deck: the outline it was built from, relative to the deck's folder, and a
# hash of that outline's bytes as they were when the deck was built.
OUTLINE_PROPERTY = "deckgen.outline"
OUTLINE_HASH_PROPERTY = "deckgen.outline.sha256"


@record(frozen=True)
class SlideKey:
    """What a slide shows: the outline `path` of its entry (`("sections", 0, "subsections", 1)`, `("deck",)`
    for the cover, `("agenda",)`), the `part` of the entry (0 its first slide, 1… its continuation or
    bullets slides), the `role` it was planned as, a short hash of the entry as it was in the outline
    (`entry`) and a short hash of the slide's text as deckgen wrote it (`text`, empty until known)."""

    path: tuple[PathPart, ...]
    part: int
    role: str
    entry: str
    text: str = ""

    def mark(self) -> str:
        """The identifier as written into the slide: `deckgen:1:sections/0/subsections/1:0:content:E:T`."""
        where = "/".join(str(p) for p in self.path)
        return ":".join((PREFIX.rstrip(":"), VERSION, where, str(self.part), self.role, self.entry, self.text))

    @property
    def where(self) -> str:
        """The path as `sections/0/subsections/1`."""
        return "/".join(str(p) for p in self.path)


def parse_mark(text: Optional[str]) -> Optional[SlideKey]:
    """The `SlideKey` in a shape or slide name written by `SlideKey.mark`, or None if it is not one."""
    if not text or not text.startswith(PREFIX):
        return None
    fields = text.split(":")
    if len(fields) != 7 or fields[1] != VERSION or not fields[3].isdigit():
        return None
    parts: list[PathPart] = [int(p) if p.isdigit() else p for p in fields[2].split("/") if p]
    if not parts or not isinstance(parts[0], str):
        return None
    return SlideKey(tuple(parts), int(fields[3]), fields[4], fields[5], fields[6])


# `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`, made once (dumps makes its encoder
# at every call: two of them a slide)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def short_hash(value: object) -> str:
    """Eight hex digits of SHA-256 over `value` as canonical JSON (text, numbers, lists, mappings)."""
    data = _CANONICAL.encode(value).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:8]


def text_hash(title: Sequence[str], bodies: Sequence[Sequence[tuple[str, int]]], notes: Sequence[str],
              others: Sequence[str] = ()) -> str:
    """The short hash of a slide's text: its title paragraphs, each body placeholder's paragraphs with their
    levels, its notes paragraphs, and what else it shows (drawn text, tables, pictures; see
    `deckgen.package.slidetext`)."""
    text = [list(title), [[list(p) for p in body] for body in bodies], list(notes)]
    return short_hash(text + [list(others)] if others else text)


def file_hash(data: bytes) -> str:
    """`sha256:…` of a file's bytes (the outline record)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()
