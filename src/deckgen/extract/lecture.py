"""A lecture as read from its file: paragraphs with their lines and heading levels, and what was removed."""
from __future__ import annotations

from dataclasses import field

from deckgen.diagnostics import Diagnostic
from deckgen.outline.typed import record


@record(frozen=True)
class Para:
    """One paragraph: its text, its 1-based line (paragraph number in a .docx) and a heading level
    from the document's styles (0 = the document title, 1… = Heading 1…), if it has one."""

    text: str
    line: int | None = None
    level: int | None = None


@record(frozen=True)
class Marker:
    """A document-site marker (`##paidbegin##`) removed from the text, and the line it was on."""

    text: str
    line: int | None


@record(frozen=True)
class Lecture:
    """A lecture as read: paragraphs in order, how it was read, what was removed, and what was not read."""

    paragraphs: tuple[Para, ...]
    source: str
    kind: str
    encoding: str | None = None
    markers: tuple[Marker, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    warnings: tuple[Diagnostic, ...] = ()
    markdown: tuple = ()  # a Markdown lecture: its blocks (`deckgen.extract.markdown.Block`) and front-matter title

    @property
    def body(self) -> str:
        """The lecture text: the paragraphs joined by line breaks."""
        return "\n".join(p.text for p in self.paragraphs)
