"""The plan of a deck: one `SlidePlan` per slide, each text fitted to its slot. Pure data."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from deckgen.outline.model import Role


@dataclass(frozen=True)
class Text:
    """Text for one placeholder: its paragraphs, the fitted size in points, and each paragraph's bullet
    level when some are sub-bullets (empty: all at the first level)."""

    paragraphs: tuple[str, ...]
    size: float
    levels: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind (`role`), its title, the text of each of its kind's other slots (`texts`, in
    the order of `deckgen.plan.kinds`), speaker notes, and where it came from.

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

    def text(self, slot: str) -> Optional[Text]:
        """The text of the slot named `slot` (`body`, `subtitle`, `byline`, `label`), or None."""
        return next((t for name, t in self.texts if name == slot), None)

    @property
    def body(self) -> Optional[Text]:
        return self.text("body")


@dataclass(frozen=True)
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
