"""The plan of a deck: one `SlidePlan` per slide, each text fitted to its slot. Pure data."""
from __future__ import annotations

from dataclasses import field
from typing import Optional, Union

from deckgen.outline.model import Role
from deckgen.outline.typed import record
from deckgen.text.frame import Box


@record(frozen=True)
class Text:
    """Text for one placeholder: its paragraphs, the fitted size in points, and each paragraph's bullet
    level when some are sub-bullets (empty: all at the first level)."""

    paragraphs: tuple[str, ...]
    size: float
    levels: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def line(self) -> str:
        """The text on one line, as a list or a message shows a title (the lines it breaks into joined)."""
        from deckgen.text.script import one_line

        return one_line(self.paragraphs)


@record(frozen=True)
class Run:
    """Text in one size and look: `color` is a scheme colour name (`accent1`, `dk1`…), '' to inherit."""

    text: str
    size: float
    bold: bool = False
    color: str = ""


@record(frozen=True)
class Block:
    """A shape the render function draws with text in it (a card, a big number, a column): its box in
    points, its paragraphs (each a tuple of runs), their alignment, its fill and outline (scheme colour
    names, '' for none), its geometry and the anchor of its text."""

    name: str
    box: Box
    paragraphs: tuple[tuple[Run, ...], ...]
    align: str = "l"
    anchor: str = "t"
    fill: str = ""
    line: str = ""
    shape: str = "rect"
    space_before: float = 0.0
    line_spacing: float = 1.0


@record(frozen=True)
class Blocks:
    """The shapes a cards, numbers or compare slide draws (all of one size where they are alike)."""

    items: tuple[Block, ...]


@record(frozen=True)
class ChartPlan:
    """A native chart: type, categories, series (name, values) with their scheme colours, the unit,
    the alt text, where it goes (points), its text size, and whether values are labelled on the data."""

    type: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    colors: tuple[str, ...]
    unit: str
    alt: str
    box: Box
    size: float
    labels: bool
    text_color: str = ""
    line_color: str = ""


@record(frozen=True)
class TablePlan:
    """A native table: the header and the rows on this slide, column widths (points), which columns are
    right-aligned (numbers), the fitted text size, the alt text, the box and the colours (scheme names)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    right: tuple[bool, ...]
    size: float
    alt: str
    box: Box
    header_fill: str = ""
    header_text: str = ""
    band_fill: str = ""
    text_color: str = ""


@record(frozen=True)
class PicturePlan:
    """A picture: the file (absolute), as the outline wrote it, its alt text, the frame it is fitted in, and
    the bullets drawn beside it when the layout has no text placeholder for them."""

    path: str
    shown: str
    alt: str
    box: Box
    beside: tuple[Block, ...] = ()


@record(frozen=True)
class CodePlan:
    """Code on a slide: its lines (never wrapped), the size that fits the longest line and all lines in `box`
    (points), in the theme's monospace font."""

    lines: tuple[str, ...]
    size: float
    box: Box


Payload = Union[Blocks, ChartPlan, TablePlan, PicturePlan, CodePlan]


@record(frozen=True)
class SlidePlan:
    """One slide: its kind (`role`), its title, the text of each of its kind's other slots (`texts`, in
    the order of `deckgen.plan.kinds`), what its kind draws beyond text placeholders (`payload`: shapes,
    a chart, a table or a picture), speaker notes, and where it came from.

    `source` is the outline path of the entry the slide shows (`sections[0].subsections[1]`) and `where`
    its position in the outline file (line, column), when known.
    """

    role: Role
    title: Text
    notes: str = ""
    texts: tuple[tuple[str, Text], ...] = ()
    section: Optional[int] = None     # index into DeckPlan.sections
    source: str = ""
    footer: bool = True
    where: Optional[tuple[int, int]] = None
    ordinal: Optional[int] = None     # the number of the lecture section it belongs to (1 for sections[0])
    payload: Optional[Payload] = None

    def text(self, slot: str) -> Optional[Text]:
        """The text of the slot named `slot` (`body`, `subtitle`, `byline`, `label`), or None."""
        return next((t for name, t in self.texts if name == slot), None)

    @property
    def body(self) -> Optional[Text]:
        return self.text("body")


@record(frozen=True)
class DeckPlan:
    """The whole deck: document properties, PowerPoint section names and the slides in order."""

    title: str
    language: str
    footer: Optional[Text]
    theme: str
    subtitle: Optional[str] = None
    presenter: Optional[str] = None
    date: Optional[str] = None
    sections: tuple[str, ...] = ()
    slides: tuple[SlidePlan, ...] = field(default_factory=tuple)
    markup: bool = False  # texts and notes hold inline formatting (`deckgen.text.inline`)
