"""Break paragraphs into lines for print with a font's own widths, by Chinese line-breaking rules. Pure."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

from deckgen.text.fit import NO_LINE_END, NO_LINE_START

_SPACES = frozenset(" \u00a0\u3000")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: its text (no trailing spaces), natural width and whether it ends the paragraph."""

    text: str
    width: float
    last: bool

    @property
    def cjk_share(self) -> float:
        """The share of East Asian wide characters among the line's non-space characters."""
        solid = [ch for ch in self.text if ch not in _SPACES]
        return sum(1 for ch in solid if _wide(ch)) / len(solid) if solid else 0.0


def break_opportunities(text: str) -> list[bool]:
    """`ok[i]`: a line may start at `text[i]` (i ≥ 1).

    Lines break between ideographs, between an ideograph and a Latin word and after spaces — never
    inside a Latin word, never before a character of `NO_LINE_START` (，。、” …) and never after one
    of `NO_LINE_END` (（《“ …), the same rules as `deckgen.text.fit`.
    """
    ok = [False] * len(text)
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b in NO_LINE_START or a in NO_LINE_END or b in _SPACES:
            continue
        ok[i] = a in _SPACES or _wide(a) or _wide(b)
    return ok


def wrap(paragraph: str, width: float, char_width: Callable[[str], float], first_indent: float = 0.0) -> list[Line]:
    """Greedy line breaking of one paragraph into lines at most `width` wide (`first_indent` less on line one).

    `char_width(ch)` is the advance of one character in the font and size used. A unit longer than a
    whole line (a long URL) is cut by character. An empty paragraph is one empty line.
    """
    if not paragraph:
        return [Line("", 0.0, True)]
    widths = [char_width(ch) for ch in paragraph]
    ok = break_opportunities(paragraph)
    n = len(paragraph)
    lines: list[Line] = []
    s = 0
    while s < n:
        limit = width - (first_indent if not lines else 0.0) + 1e-6
        total = solid = 0.0
        end, end_solid = None, 0.0
        k = s
        while k < n:
            total += widths[k]
            k += 1
            if paragraph[k - 1] not in _SPACES:
                solid = total
            if k == n or ok[k]:
                if solid > limit:
                    break
                end, end_solid = k, solid
        if end is None:  # the first unit alone is longer than a line: cut it by character
            end, end_solid = s + 1, widths[s]
            while end < n and end_solid + widths[end] <= limit:
                end_solid += widths[end]
                end += 1
        text = paragraph[s:end].rstrip(" ")
        lines.append(Line(text, end_solid, end >= n))
        s = end
        while s < n and paragraph[s] == " ":  # spaces at a break belong to neither line
            s += 1
    if lines:
        last = lines[-1]
        lines[-1] = Line(last.text, last.width, True)
    return lines
