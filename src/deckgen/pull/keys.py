"""The identifier of each planned slide: the outline entry it shows, which part of it, and a hash of that entry."""
from __future__ import annotations

import re
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any, Optional

from deckgen.diagnostics import PathPart
from deckgen.outline.typed import to_data
from deckgen.outline.model import Outline, Role, SlideNode
from deckgen.package.slideid import AGENDA, COVER, SlideKey, short_hash
from deckgen.plan.model import DeckPlan

_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
CHILDREN = ("subsections", "points")


def parse_path(source: str) -> tuple[PathPart, ...]:
    """`sections[0].subsections[1]` (a `SlidePlan.source`) → `("sections", 0, "subsections", 1)`."""
    return tuple(int(m.group(2)) if m.group(2) is not None else m.group(1) for m in _STEP.finditer(source))


def own_fields(node: Any) -> dict[str, Any]:
    """The fields of an outline node that are its own slide's (its children left out), as plain data."""
    data = (to_data(node, json=True, exclude_none=True, exclude=frozenset(CHILDREN)) if is_dataclass(node)
            else dict(node))  # (a section's subsections are not dumped only to be dropped)
    levels = getattr(node, "bullet_levels", ())
    if any(levels):
        data["bullet_levels"] = list(levels)
    return {k: v for k, v in data.items() if k not in CHILDREN}


def entry_hash(node: Any) -> str:
    """The short hash of an outline node's own fields (title, label, bullets, notes, layout…)."""
    return short_hash(own_fields(node))


def node_at(outline: Outline, path: tuple[PathPart, ...]) -> Optional[Any]:
    """The node of `outline` at `path` (`("deck",)` is the deck), or None when there is none."""
    node: Any = outline
    for step in path:
        try:
            node = node[step] if isinstance(step, int) else getattr(node, step)
        except (IndexError, AttributeError, TypeError):
            return None
    return node if isinstance(node, SlideNode) or path == (COVER,) else None


def entry_hashes(outline: Outline) -> dict[tuple[PathPart, ...], str]:
    """`entry_hash` of every slide entry of `outline` and of its deck (the cover), by path: what `slide_keys`
    needs of the outline, computed before the deck is planned (a build does it while the plan is made)."""
    from deckgen.outline.walk import entries

    hashes = {(COVER,): entry_hash(outline.deck)}
    hashes.update((e.path, entry_hash(e.node)) for e in entries(outline))
    return hashes


def slide_keys(outline: Outline, deck: DeckPlan,
               known: Optional[dict[tuple[PathPart, ...], str]] = None) -> list[SlideKey]:
    """One `SlideKey` per slide of `deck` (planned from `outline`), in order; the text hash is left to the
    renderer, which knows the slide as written. `known`: the entries' hashes computed already (`entry_hashes`)."""
    keys = []
    parts: dict[tuple[PathPart, ...], int] = {}
    hashes: dict[tuple[PathPart, ...], str] = dict(known or {})  # an entry's continuation slides share its hash
    for s in deck.slides:
        path = (AGENDA,) if s.role is Role.AGENDA else parse_path(s.source)
        part = parts.get(path, 0)
        parts[path] = part + 1
        digest = hashes.get(path)
        if digest is None:
            node = node_at(outline, path)
            if node is not None:
                digest = hashes[path] = entry_hash(node)
            else:  # (no entry: the slide's own title)
                digest = short_hash([t for t in s.title.paragraphs])
        keys.append(SlideKey(path, part, s.role.value, digest))
    return keys


def outline_record(outline: Path, deck: Path) -> dict[str, str]:
    """The deck's record of its outline (custom properties): its path relative to the deck's folder and the
    hash of its bytes now. An outline that cannot be read again (gone since) records its path only."""
    import os

    from deckgen.package.slideid import OUTLINE_HASH_PROPERTY, OUTLINE_PROPERTY, file_hash

    try:
        where = os.path.relpath(outline.resolve(), deck.resolve().parent)
    except ValueError:  # another drive (Windows)
        where = str(outline.resolve())
    record = {OUTLINE_PROPERTY: where.replace(os.sep, "/")}
    try:
        record[OUTLINE_HASH_PROPERTY] = file_hash(outline.read_bytes())
    except OSError:
        pass
    return record
