"""Measure and wrap text as PowerPoint and LibreOffice set it: CJK-aware widths, Chinese line breaking, fitting sizes.

Calibration (LibreOffice 7.4.7, the CI renderer; probe decks from `tests/measure_probe.py`, read back
with `pdftotext -bbox` and glyph origins from `pdftocairo -svg`; run `python -m tests.measure_probe`):

* Fonts. The theme's Arial renders as Liberation Sans (`fc-match Arial`; metric-compatible, so the
  tables below are Arial's too) and 微软雅黑 as Noto Sans CJK (the PDF embeds NotoSansCJKjp-Regular
  and -Bold; bare `fc-match 微软雅黑` says DejaVu Sans, `fc-match 微软雅黑:lang=zh-cn` Noto Sans CJK SC).
* Widths. Ideographs and full-width punctuation render at 0.9966–1.0035 em (8–66 pt, bold too); Latin
  at the Liberation Sans advances within ±0.35 % from 10 pt (±0.7 % at 8–9 pt). Pair kerning
  (e.g. "A␣" −0.055 em) only narrows. `WIDTH_SLACK` keeps 1 % in hand for that rounding.
* Autospace. LibreOffice puts 0.233–0.240 em (any size, bold too) between East Asian and Latin or
  digit text, also across a space, and counts it when it breaks lines; PowerPoint adds none. The
  measurer adds `AUTOSPACE_EM` at each such boundary, so a fit holds in both.
* Weak characters (space, “ ” ‘ ’ — … and the rest of General Punctuation) take the script of the
  character before them: between ideographs “ ” are full width (中“中”中 = 5.0 em), between Latin
  letters they are Arial's (A“A”A = 2.67 em). At the start of a paragraph they take the font of the
  next character but count as Latin for autospace (“中” = 3.23 em). PowerPoint sets them in the
  East Asian font when the run is `lang="zh-CN"`, so in CJK text (`cjk=True`) they count 1 em.
  Latin-1 symbols (· ° ×) are Latin to LibreOffice (中·中 = 2.81 em) and count 1 em in CJK text.
* Line height. LibreOffice sets pptx text on a font-independent pitch of 1.198 em × `lnSpc`
  (Noto Sans CJK, Liberation Sans, Liberation Serif, DejaVu Sans alike; 20–32 pt; 90–120 %): the
  first baseline sits 1.008 em below the top inset at 100 % (0.919 at 95 %, 1.068 at 105 %), the
  last line ends 0.208 em below its baseline, so n lines take n × 1.198 × lnSpc + 0.02 em.
  PowerPoint uses a 1.2 em box shared by the fonts on a line, each scaled by its usWin
  ascent/descent (measured against PowerPoint by developer0hye/office2pdf#1258): Arial 1854/434 and
  Microsoft YaHei 2167/536 per 2048 give 1.2 × (0.8103 + 0.1983) = 1.2103 em. `LINE_HEIGHT_EM`
  takes the larger. Space before is not applied to a box's first paragraph (LibreOffice).
* Wrapping. LibreOffice breaks between any two ideographs and between ideographs and Latin words,
  never inside a Latin word unless the word alone is longer than the line (then the word starts a
  new line and is cut by character). For `lang="zh-CN"` it keeps ，。、；：？！）」』】》〉〕〗｝”’·～々
  and , . ; : ? ! ) ] } off a line's start and （「『【《〈〔〖｛［“‘ ( [ { $ ¥ ￥ £ off its end,
  moving the previous character along. With `hangingPunct="1"` it instead hangs ，。、；：？！ and
  , . ; : ? ! past the right edge (up to 1 em outside the box); the measurer assumes no hanging,
  which costs at most a line. A line of exactly N ideographs fits a box of N em plus insets at
  28 pt, but not at 20 pt (glyphs render 1.002 em there).
  `NO_LINE_START` / `NO_LINE_END` hold those rules and Word's Simplified Chinese lists (… — % ℃ …).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from deckgen.plan.grid import Box, Paragraphs

# Advance widths (1/1000 em) of ASCII 32..126 and of U+00A0..U+00FF in Liberation Sans (= Arial).
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
_ARIAL_LATIN1 = (278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 552, 400, 549, 333,
                 333, 333, 576, 537, 333, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667,
                 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778,
                 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556,
                 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556, 556, 500, 556, 500)
_ARIAL_BOLD_LATIN1 = (278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 552, 400, 549,
                      333, 333, 333, 576, 556, 333, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722,
                      722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778,
                      778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 556,
                      556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 549, 611, 611,
                      611, 611, 611, 556, 611, 556)
# General Punctuation and a few symbols, regular and bold (where they differ).
_ARIAL_PUNCT = {"–": 556, "—": 1000, "‘": 222, "’": 222, "‚": 222, "“": 333, "”": 333, "„": 333, "†": 556,
                "‡": 556, "•": 350, "…": 1000, "‰": 1000, "‹": 333, "›": 333, "€": 556, "™": 1000, "−": 584}
_ARIAL_BOLD_PUNCT = {**_ARIAL_PUNCT, "‘": 278, "’": 278, "‚": 278, "“": 500, "”": 500, "„": 500}

# Line height of one line at 100 % spacing, in em (see the module docstring: LibreOffice 1.198, PowerPoint 1.2103).
LINE_HEIGHT_EM = 1.211
# Space LibreOffice adds between East Asian and Latin text (measured 0.233–0.240 em).
AUTOSPACE_EM = 0.25
# Share of the line width the measurer fills: LibreOffice's per-size rounding of advances is within ±0.7 %.
WIDTH_SLACK = 0.99

# Chinese line-breaking (kinsoku) rules: LibreOffice's zh-CN rules (see above) plus Word's Simplified
# Chinese lists, which PowerPoint follows; a superset, so a fit holds in both.
NO_LINE_START = frozenset("，。、；：？！）」』】》〉〕〗〙〛｝］”’…—·%‰℃°′″›,.;:?!)]}>"
                          "～・ー々〃〆〞︶︺︾﹀﹄﹚﹜﹞＂％＇．｀｜¢")
NO_LINE_END = frozenset("（「『【《〈〔〖〘〚｛［“‘([{<$¥￥£‹〝﹙﹛﹝＄￡")

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = frozenset(" \u00a0")


def _is_wide(ch: str) -> bool:
    """East Asian wide or full-width (ideographs, kana, hangul, full-width punctuation): 1 em everywhere."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_weak(ch: str) -> bool:
    """Takes its script from its neighbours: spaces, General Punctuation, zero-width and combining marks."""
    return ch in _SPACES or 0x2000 <= ord(ch) <= 0x206F or ch in _ZERO_WIDTH or unicodedata.combining(ch) > 0


def _is_symbol(ch: str) -> bool:
    """An East Asian ambiguous-width character that is not a letter (quotes, dashes, · ° × ①)."""
    return unicodedata.east_asian_width(ch) == "A" and not unicodedata.category(ch).startswith("L")


def _latin_em(ch: str, bold: bool) -> float | None:
    """The Arial advance of `ch` in em, or None when the tables do not know it."""
    code = ord(ch)
    if 32 <= code <= 126:
        return (_ARIAL_BOLD if bold else _ARIAL)[code - 32] / 1000
    if 0xA0 <= code <= 0xFF:
        return (_ARIAL_BOLD_LATIN1 if bold else _ARIAL_LATIN1)[code - 0xA0] / 1000
    known = (_ARIAL_BOLD_PUNCT if bold else _ARIAL_PUNCT).get(ch)
    if known is not None:
        return known / 1000
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and ord(base) < 127 and base.isalpha():  # ā ǎ ō ü …: the base letter (ī ǐ as wide as ı)
        return max((_ARIAL_BOLD if bold else _ARIAL)[ord(base) - 32] / 1000, 0.278)
    return None


def char_em(ch: str, bold: bool = False, cjk: bool = False) -> float:
    """The advance width of `ch` in em, set alone.

    Ideographs and full-width forms are 1 em. Latin letters, digits and half-width punctuation take
    Arial's widths. Ambiguous-width punctuation and symbols (“ ” ‘ ’ — … · °) are 1 em in CJK text
    (`cjk=True`: PowerPoint sets them in the East Asian font) and Arial's width otherwise.
    Combining marks and zero-width characters are 0; characters Arial lacks count 0.6 em (a
    generous letter) or, when ambiguous-width, 1 em.
    """
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0.0
    if _is_wide(ch):
        return 1.0
    ambiguous = unicodedata.east_asian_width(ch) == "A"
    latin_letter = unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith("LATIN")
    if cjk and ambiguous and not latin_letter:
        return 1.0
    known = _latin_em(ch, bold)
    if known is not None:
        return known
    return 1.0 if ambiguous else (0.62 if bold else 0.6)


def has_cjk(text: str) -> bool:
    """Whether `text` holds an East Asian wide character (an ideograph, kana, hangul, full-width form)."""
    return any(_is_wide(ch) for ch in text)


def _running(strong: list[bool | None]) -> list[bool | None]:
    """For each position, the last strong script at or before it (None before the first)."""
    out: list[bool | None] = []
    last: bool | None = None
    for s in strong:
        last = s if s is not None else last
        out.append(last)
    return out


def _layout(text: str, bold: bool, cjk: bool) -> tuple[list[float], list[bool], list[bool]]:
    """Per character of one paragraph: width (em), East Asian side for autospace, whether a line may start there."""
    n = len(text)
    # strong script per character (True = East Asian); None for weak characters and ambiguous symbols
    strong = [None if _is_weak(ch) or _is_symbol(ch) else _is_wide(ch) for ch in text]
    running = _running(strong)
    first = next((s for s in strong if s is not None), False)
    # a weak character takes the previous strong script; leading ones count as Latin for autospace
    # but take the next strong script's font
    side = [bool(r) for r in running]
    # weak punctuation next to ideographs is set in the East Asian font: full width, as in CJK text
    widths = [char_em(ch, bold, cjk or (s is None and ch not in _SPACES and (first if r is None else r)))
              for ch, s, r in zip(text, strong, running)]
    start = [False] * n
    for i in range(1, n):
        a, b = text[i - 1], text[i]
        if b in NO_LINE_START or a in NO_LINE_END or b in _SPACES:
            continue
        start[i] = a in _SPACES or _is_wide(a) or _is_wide(b)
    return widths, side, start


def _break(text: str, width_em: float, bold: bool, cjk: bool) -> list[tuple[int, int]]:
    """Greedy line breaking: (start, end) of each line; trailing spaces stay on their line, uncounted."""
    widths, side, start = _layout(text, bold, cjk)
    n = len(text)
    limit = width_em + 1e-9
    lines: list[tuple[int, int]] = []
    s = 0
    while s < n:
        width = solid = 0.0
        end = None
        k = s
        while k < n:
            width += widths[k] + (AUTOSPACE_EM if k > s and side[k] != side[k - 1] else 0.0)
            k += 1
            if text[k - 1] not in _SPACES:
                solid = width
            if k == n or start[k]:
                if solid > limit:
                    break
                end = k
        if end is None:  # the first unit alone is longer than a line: cut it by character
            width, end = widths[s], s + 1
            while end < n:
                width += widths[end] + (AUTOSPACE_EM if side[end] != side[end - 1] else 0.0)
                if width > limit:
                    break
                end += 1
        lines.append((s, end))
        s = end
    return lines


def text_em(text: str, bold: bool = False, cjk: bool | None = None) -> float:
    """The width of `text` set on one line, in em, autospace included.

    `cjk=None` decides by the text itself: CJK when it holds an East Asian wide character.
    """
    if cjk is None:
        cjk = has_cjk(text)
    widths, side, _ = _layout(text, bold, cjk)
    gaps = sum(1 for i in range(1, len(text)) if side[i] != side[i - 1])
    return sum(widths) + gaps * AUTOSPACE_EM


def wrap(text: str, width_em: float, bold: bool = False, cjk: bool | None = None) -> list[str]:
    """Break one paragraph into lines no wider than `width_em`, by the rules in the module docstring.

    Lines break between ideographs, at spaces and between ideographs and Latin words, never before a
    `NO_LINE_START` or after a `NO_LINE_END` character; a word longer than a line starts a new line and
    is cut by character. Trailing spaces are dropped from each line. `""` is one empty line.
    """
    if not text:
        return [""]
    if cjk is None:
        cjk = has_cjk(text)
    return [text[s:e].rstrip(" ") for s, e in _break(text, width_em, bold, cjk)]


def line_count(paragraphs: Sequence[str], box: Box, size: float, style: Paragraphs,
               cjk: bool | None = None) -> list[int]:
    """The number of lines each paragraph takes in `box` at `size` points (a newline starts a new line).

    `cjk=None` treats the text as CJK when any paragraph holds an East Asian wide character.
    """
    if cjk is None:
        cjk = any(has_cjk(p) for p in paragraphs)
    width_em = (box.text_w - style.indent) * WIDTH_SLACK / size
    return [sum(len(wrap(part, width_em, style.bold, cjk)) for part in para.split("\n")) for para in paragraphs]


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
        *, max_lines: int | None = None, step: float = 1.0, cjk: bool | None = None) -> Fit:
    """The largest size from `max_size` down to `min_size` (by `step`) at which the text fits the box.

    With `max_lines`, each paragraph must also take at most that many lines. If nothing fits,
    the result has `fits=False` and `min_size`. Pass `cjk` for the deck's language (True for a
    `zh-CN` deck: ambiguous punctuation is then full width); `None` decides by the text.
    """
    if cjk is None:
        cjk = any(has_cjk(p) for p in paragraphs)
    solid = [[_solid_em(part, style.bold, cjk) for part in para.split("\n")] for para in paragraphs]
    size = max_size
    while True:
        # wrap only at sizes a cheap lower bound does not already rule out (long text stays fast)
        if _may_fit(solid, box, size, style, max_lines):
            counts = line_count(paragraphs, box, size, style, cjk)
            ok = _height(counts, size, style) <= box.text_h and (max_lines is None or all(c <= max_lines for c in counts))
            if ok:
                return Fit(size, tuple(counts), True)
        if size - step < min_size - 1e-9:
            return Fit(min_size, tuple(line_count(paragraphs, box, min_size, style, cjk)), False)
        size -= step


def _height(counts: Sequence[int], size: float, style: Paragraphs) -> float:
    return sum(counts) * size * LINE_HEIGHT_EM * style.line_spacing + style.space_before * max(0, len(counts) - 1)


def _solid_em(text: str, bold: bool, cjk: bool) -> float:
    """The width (em) of the characters of `text` that are not spaces: no set of lines holds less."""
    if not text:
        return 0.0
    widths, _, _ = _layout(text, bold, cjk)
    return sum(w for ch, w in zip(text, widths) if ch not in _SPACES)


def _may_fit(solid: list[list[float]], box: Box, size: float, style: Paragraphs, max_lines: int | None) -> bool:
    """False when the text surely does not fit at `size`: each line holds at most the box's width, so a
    paragraph part takes at least ceil(solid width / line width) lines (valid while every character is
    narrower than a line, hence the 2 em guard)."""
    width_em = (box.text_w - style.indent) * WIDTH_SLACK / size
    if width_em < 2:
        return True
    counts = [sum(max(1, math.ceil(w / (width_em + 1e-9) - 1e-9)) for w in parts) for parts in solid]
    return _height(counts, size, style) <= box.text_h and (max_lines is None or all(c <= max_lines for c in counts))
