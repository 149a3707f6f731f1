"""Fit text to a text frame as PowerPoint and LibreOffice set it: wrap at a size, count lines, pick the largest size.

Widths and line height come from `deckgen.text.metrics`, line breaks from `deckgen.text.breaking`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Sequence

from deckgen.text import breaking
from deckgen.text.frame import Box, Paragraphs
from deckgen.text.metrics import LINE_HEIGHT_EM, WIDTH_SLACK, advances_of
from deckgen.text.script import has_cjk


def wrap(text: str, width_em: float, bold: bool = False, cjk: bool | None = None) -> list[str]:
    """Break one paragraph into lines no wider than `width_em`, as `deckgen.text.breaking.wrap` does.

    Lines break between ideographs, after spaces and between ideographs and Latin words, never before a
    `NO_LINE_START` or after a `NO_LINE_END` character; a word longer than a line starts a new line and
    is cut by character. Widths are `deckgen.text.metrics.advances` (autospace included). Trailing
    spaces are dropped from each line. `""` is one empty line. `cjk=None` decides by the text.
    """
    if cjk is None:
        cjk = has_cjk(text)
    return list(_wrapped(text, width_em, bold, cjk))


@lru_cache(maxsize=65536)
def _wrapped(text: str, width_em: float, bold: bool, cjk: bool) -> tuple[str, ...]:
    """`wrap`, remembered by every input (the same bullet at the same width is broken once)."""
    return tuple(line.text for line in breaking.wrap(text, width_em, partial(advances_of, bold=bold, cjk=cjk)))


def line_count(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs,
               cjk: bool | None = None) -> list[int]:
    """The number of lines each paragraph takes in `box` at `size` points (a newline starts a new line).

    `cjk=None` treats the text as CJK when any paragraph holds an East Asian wide character.
    """
    if cjk is None:
        cjk = any(has_cjk(p) for p in paragraphs)
    width_em = line_width_em(box, size, style, cjk)
    return [sum(len(_wrapped(part, width_em, style.bold, cjk)) for part in para.split("\n")) for para in paragraphs]


def line_width_em(box: Box, size: float, style: Paragraphs, cjk: bool) -> float:
    """The line width in em at `size`; letter spacing narrows it as if every character were that much wider
    (an ideograph is 1 em, a Latin letter about half of one)."""
    width = (box.text_w - style.indent) * WIDTH_SLACK / size
    if style.letter_spacing:
        width /= 1 + style.letter_spacing / (size * (1.0 if cjk else 0.5))
    return width


def text_height(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs,
                cjk: bool | None = None) -> float:
    """The height in points that `paragraphs` take in `box` at `size` points (no space before the first)."""
    return _height(line_count(paragraphs, box, size, style, cjk), size, style)


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: the chosen size, the lines per paragraph, and whether it fits at all."""

    size: float
    lines: tuple[int, ...]
    fits: bool


def fit(paragraphs: Sequence[str], box: Box, max_size: float, min_size: float, style: Paragraphs,
        *, max_lines: int | None = None, step: float = 1.0, cjk: bool | None = None, balance: bool = False) -> Fit:
    """The largest size from `max_size` down to `min_size` (by `step`) at which the text fits the box.

    With `max_lines`, each paragraph must also take at most that many lines. If nothing fits,
    the result has `fits=False` and `min_size`. Pass `cjk` for the deck's language (True for a
    `zh-CN` deck: ambiguous punctuation is then full width); `None` decides by the text. With `balance`,
    a size that leaves one or two CJK characters alone on a paragraph's last line (`orphans`) gives way
    to the largest of the next `BALANCE_STEPS` smaller sizes that fits without one, if any.
    """
    if cjk is None:
        cjk = any(has_cjk(p) for p in paragraphs)
    return _fit(tuple(paragraphs), box, max_size, min_size, style, max_lines, step, cjk, balance)


@lru_cache(maxsize=16384)
def _fit(paragraphs: tuple[str, ...], box: Box, max_size: float, min_size: float, style: Paragraphs,
         max_lines: int | None, step: float, cjk: bool, balance: bool) -> Fit:
    """`fit`, remembered by every input (a deck's repeated titles and bullets are fitted once)."""
    solid = [[_solid_em(part, style.bold, cjk) for part in para.split("\n")] for para in paragraphs]
    size = max_size
    while True:
        # wrap only at sizes a cheap lower bound does not already rule out (long text stays fast)
        if _may_fit(solid, box, size, style, max_lines):
            counts = line_count(paragraphs, box, size, style, cjk)
            ok = _height(counts, size, style) <= _room(box, size) and (max_lines is None or all(c <= max_lines for c in counts))
            if ok:
                found = Fit(size, tuple(counts), True)
                if balance and orphans(paragraphs, box, size, style, cjk):
                    return _balanced(paragraphs, box, found, min_size, style, max_lines, step, cjk)
                return found
        if size - step < min_size - 1e-9:
            return Fit(min_size, tuple(line_count(paragraphs, box, min_size, style, cjk)), False)
        size -= step


BALANCE_STEPS = 4  # sizes below the largest fitting one tried to keep a last line from holding one or two characters


def _balanced(paragraphs: Sequence[str], box: Box, found: Fit, min_size: float, style: Paragraphs,
              max_lines: int | None, step: float, cjk: bool) -> Fit:
    """`found`, or a slightly smaller size that fits and leaves no orphan on a last line."""
    for n in range(1, BALANCE_STEPS + 1):
        size = found.size - n * step
        if size < min_size - 1e-9:
            break
        counts = line_count(paragraphs, box, size, style, cjk)
        if _height(counts, size, style) <= _room(box, size) and (max_lines is None or all(c <= max_lines for c in counts)) \
                and not orphans(paragraphs, box, size, style, cjk):
            return Fit(size, tuple(counts), True)
    return found


def orphans(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs, cjk: bool | None = None) -> list[str]:
    """The paragraphs whose last line, at `size` in `box`, holds only one or two CJK characters (with any
    punctuation after them): `准确把握高质量发展的科学内 / 涵`."""
    if cjk is None:
        cjk = any(has_cjk(p) for p in paragraphs)
    width_em = line_width_em(box, size, style, cjk)
    out = []
    for para in paragraphs:
        for part in para.split("\n"):
            lines = wrap(part, width_em, style.bold, cjk)
            if len(lines) > 1 and _lonely(lines[-1]):
                out.append(para)
                break
    return out


def _lonely(line: str) -> bool:
    """One or two ideographs alone, perhaps with closing punctuation (`涵`, `工作。`)."""
    core = [ch for ch in line.strip() if ch not in breaking.NO_LINE_START and ch not in breaking.SPACES]
    return 1 <= len(core) <= 2 and all(has_cjk(ch) for ch in core)


def _room(box: Box, size: float) -> float:
    """The height text may take in `box` at `size`: glyphs reach about 0.1 em below the last line's box,
    which the bottom inset usually absorbs; a box without one keeps that room free."""
    return box.text_h - max(0.0, 0.1 * size - box.inset_b)


def _height(counts: Sequence[int], size: float, style: Paragraphs) -> float:
    return sum(counts) * size * LINE_HEIGHT_EM * style.line_spacing + style.between(size) * max(0, len(counts) - 1)


def _solid_em(text: str, bold: bool, cjk: bool) -> float:
    """The width (em) of the characters of `text` that are not spaces: no set of lines holds less."""
    if not text:
        return 0.0
    widths, _ = advances_of(text, bold, cjk)
    if breaking.HANGING.isdisjoint(text):  # (the same sum, in the same order)
        return sum(widths)
    return sum(w for ch, w in zip(text, widths) if ch not in breaking.HANGING)


def _may_fit(solid: list[list[float]], box: Box, size: float, style: Paragraphs, max_lines: int | None) -> bool:
    """False when the text surely does not fit at `size`: each line holds at most the box's width, so a
    paragraph part takes at least ceil(solid width / line width) lines (valid while every character is
    narrower than a line, hence the 2 em guard)."""
    width_em = line_width_em(box, size, style, True) if style.letter_spacing else (box.text_w - style.indent) * WIDTH_SLACK / size
    if width_em < 2:
        return True
    counts = [sum(max(1, math.ceil(w / (width_em + 1e-9) - 1e-9)) for w in parts) for parts in solid]
    return _height(counts, size, style) <= _room(box, size) and (max_lines is None or all(c <= max_lines for c in counts))
