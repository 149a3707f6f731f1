"""Measure and wrap text as PowerPoint sets it: CJK-aware widths, Chinese line-breaking rules, fitting sizes."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence

from deckgen.grid import Box, Paragraphs

# Advance widths (1/1000 em) of ASCII 32..126 in Arial (= Liberation Sans, metric-compatible).
_ARIAL = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
          556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
          722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
          278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
          556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_ARIAL_BOLD = (278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
               556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
               722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
               278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
               611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)

# Line height of one line at 100 % spacing, in em: the largest of the fonts a deck meets
# (Noto Sans CJK 1.448, Microsoft YaHei 1.32, Arial 1.15), so a fit holds in every application.
LINE_HEIGHT_EM = 1.45
# Width allowance for differences between fonts and renderers.
WIDTH_SLACK = 0.97

# Chinese line-breaking (kinsoku) rules, as PowerPoint applies them for East Asian text.
NO_LINE_START = set("，。、；：？！）」』】》〉〕〗｝］”’…—·%‰℃°,.;:?!)]}>～・ー")
NO_LINE_END = set("（「『【《〈〔〖｛［“‘([{<$¥￥")


def char_em(ch: str, bold: bool = False) -> float:
    """The advance width of `ch` in em."""
    code = ord(ch)
    if 32 <= code <= 126:
        return (_ARIAL_BOLD if bold else _ARIAL)[code - 32] / 1000
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    if ch in "\u00a0":
        return 0.278
    # other Latin, Greek, Cyrillic, RTL scripts: a generous average letter
    return 0.62 if bold else 0.6


def text_em(text: str, bold: bool = False) -> float:
    """The width of a single line of `text` in em."""
    return sum(char_em(c, bold) for c in text)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Split into unbreakable units: single CJK characters, Latin words with their trailing spaces."""
    out: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            word += ch
            out.append(word)
            word = ""
        else:
            if word.endswith(" "):
                out.append(word)
                word = ""
            word += ch
    if word:
        out.append(word)
    # glue by the line-breaking rules
    glued: list[str] = []
    carry = ""
    for tok in out:
        tok = carry + tok
        carry = ""
        if glued and tok[0] in NO_LINE_START:
            glued[-1] += tok
        elif tok[-1] in NO_LINE_END:
            carry = tok
        else:
            glued.append(tok)
    if carry:
        if glued:
            glued[-1] += carry
        else:
            glued.append(carry)
    return glued


def wrap(text: str, width_em: float, bold: bool = False) -> list[str]:
    """Break one paragraph into lines no wider than `width_em` (a unit wider than a line is split by character)."""
    if not text:
        return [""]
    lines: list[str] = []
    cur = ""
    cur_w = 0.0
    for tok in _tokens(text):
        w = text_em(tok.rstrip(" "), bold)
        if cur and cur_w + w > width_em:
            lines.append(cur.rstrip(" "))
            cur, cur_w = "", 0.0
        if w > width_em:  # a single unit longer than the line: break it anywhere
            for ch in tok:
                cw = char_em(ch, bold)
                if cur and cur_w + cw > width_em:
                    lines.append(cur.rstrip(" "))
                    cur, cur_w = "", 0.0
                cur += ch
                cur_w += cw
            continue
        cur += tok
        cur_w += text_em(tok, bold)
    if cur or not lines:
        lines.append(cur.rstrip(" "))
    return lines


def line_count(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs) -> list[int]:
    """The number of lines each paragraph takes in `box` at `size` points."""
    width_em = (box.text_w - style.indent) * WIDTH_SLACK / size
    out = []
    for para in paragraphs:
        parts = para.split("\n")
        out.append(sum(len(wrap(p, width_em, style.bold)) for p in parts))
    return out


def text_height(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs) -> float:
    """The height in points that `paragraphs` take in `box` at `size` points."""
    counts = line_count(paragraphs, box, size, style)
    lines = sum(counts)
    return lines * size * LINE_HEIGHT_EM * style.line_spacing + style.space_before * max(0, len(counts) - 1)


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: the chosen size, the lines per paragraph, and whether it fits at all."""

    size: float
    lines: tuple[int, ...]
    fits: bool


def fit(paragraphs: Sequence[str], box: Box, max_size: float, min_size: float, style: Paragraphs,
        *, max_lines: int | None = None, step: float = 1.0) -> Fit:
    """The largest size from `max_size` down to `min_size` (by `step`) at which the text fits the box.

    With `max_lines`, each paragraph must also take at most that many lines. If nothing fits,
    the result has `fits=False` and `min_size`.
    """
    size = max_size
    while True:
        counts = line_count(paragraphs, box, size, style)
        ok = text_height(paragraphs, box, size, style) <= box.text_h and (
            max_lines is None or all(c <= max_lines for c in counts))
        if ok:
            return Fit(size, tuple(counts), True)
        if size - step < min_size - 1e-9:
            return Fit(min_size, tuple(line_count(paragraphs, box, min_size, style)), False)
        size -= step
