"""The geometry text is fitted to: a text frame's box in points and how it sets its paragraphs."""
from __future__ import annotations

from dataclasses import dataclass

from deckgen.text.metrics import LINE_HEIGHT_EM

EMU_PER_PT = 12700


@dataclass(frozen=True)
class Box:
    """A text frame: position and size in points, plus its text insets."""

    x: float
    y: float
    w: float
    h: float
    inset_l: float = 7.2
    inset_r: float = 7.2
    inset_t: float = 3.6
    inset_b: float = 3.6

    @property
    def text_w(self) -> float:
        return self.w - self.inset_l - self.inset_r

    @property
    def text_h(self) -> float:
        return self.h - self.inset_t - self.inset_b

    def emu(self) -> tuple[int, int, int, int]:
        return tuple(round(v * EMU_PER_PT) for v in (self.x, self.y, self.w, self.h))  # type: ignore[return-value]


@dataclass(frozen=True)
class Paragraphs:
    """How a text frame sets its paragraphs: line spacing (fraction), space between paragraphs (pt, and as a
    share of a line: a template's `spcPct`), bullet indent (pt), bold, and letter spacing (pt added after each
    character, as a template's `spc` says)."""

    line_spacing: float = 1.0
    space_before: float = 0.0
    indent: float = 0.0
    bold: bool = False
    letter_spacing: float = 0.0
    space_before_lines: float = 0.0

    def between(self, size: float) -> float:
        """The space (pt) between two paragraphs of text at `size`."""
        return self.space_before + self.space_before_lines * size * LINE_HEIGHT_EM
