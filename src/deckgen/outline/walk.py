"""Walk an outline's slide entries in slide order, each with its outline path and its level."""
from __future__ import annotations

from typing import Iterator

from deckgen.diagnostics import PathPart
from deckgen.outline.model import Outline, SlideNode
from deckgen.outline.typed import record


@record(frozen=True)
class Entry:
    """One slide entry of an outline: its path (`("sections", 0, "subsections", 1)`), its level
    (`opening`, `section`, `subsection`, `point`, `closing`) and the node."""

    path: tuple[PathPart, ...]
    level: str
    node: SlideNode


def entries(outline: Outline) -> Iterator[Entry]:
    """Every opening, section, subsection, point and closing entry, in the order of the slides."""
    for i, node in enumerate(outline.opening):
        yield Entry(("opening", i), "opening", node)
    for i, sec in enumerate(outline.sections):
        yield Entry(("sections", i), "section", sec)
        for j, sub in enumerate(sec.subsections):
            yield Entry(("sections", i, "subsections", j), "subsection", sub)
            for k, point in enumerate(sub.points):
                yield Entry(("sections", i, "subsections", j, "points", k), "point", point)
    for i, node in enumerate(outline.closing):
        yield Entry(("closing", i), "closing", node)
