"""How wide text is and how tall its lines are as PowerPoint and LibreOffice set them, in em: Arial and CJK widths, autospace.

Calibration (LibreOffice 7.4.7, the CI renderer; probe decks from `tests/measure_probe.py`, read back
with `pdftotext -bbox` and glyph origins from `pdftocairo -svg`; run `python -m tests.measure_probe`; line breaking is calibrated in `deckgen.text.breaking`):

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
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from deckgen.text.script import has_cjk, is_wide

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

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Spaces are weak: they take the script of the text before them. The ideographic space U+3000 is not:
# it is wide, East Asian and 1 em (it is a space only to the line breaker).
_SPACES = frozenset(" \u00a0")


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
    """The advance width of `ch` in em, set alone (each character measured once per style: see `_char_em`)."""
    key = (ch, bold, cjk)
    width = _CHAR_EM.get(key)
    if width is None:
        width = _CHAR_EM[key] = _char_em(ch, bold, cjk)
    return width


_CHAR_EM: dict[tuple[str, bool, bool], float] = {}  # (character, bold, cjk) → em; bounded by the characters in use


def _char_em(ch: str, bold: bool, cjk: bool) -> float:
    """The advance width of `ch` in em, set alone.

    Ideographs and full-width forms are 1 em. Latin letters, digits and half-width punctuation take
    Arial's widths. Ambiguous-width punctuation and symbols (“ ” ‘ ’ — … · °) are 1 em in CJK text
    (`cjk=True`: PowerPoint sets them in the East Asian font) and Arial's width otherwise.
    Combining marks and zero-width characters are 0; characters Arial lacks count 0.6 em (a
    generous letter) or, when ambiguous-width, 1 em.
    """
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0.0
    if is_wide(ch):
        return 1.0
    ambiguous = unicodedata.east_asian_width(ch) == "A"
    latin_letter = unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith("LATIN")
    if cjk and ambiguous and not latin_letter:
        return 1.0
    known = _latin_em(ch, bold)
    if known is not None:
        return known
    return 1.0 if ambiguous else (0.62 if bold else 0.6)


@lru_cache(maxsize=None)  # bounded by the characters in use
def _strong(ch: str) -> bool | None:
    """The script `ch` sets by itself: True East Asian, False Latin, None weak (space, “ ” — …) or an
    ambiguous symbol."""
    return None if _is_weak(ch) or _is_symbol(ch) else is_wide(ch)


def _running(strong: list[bool | None]) -> list[bool | None]:
    """For each position, the last strong script at or before it (None before the first)."""
    out: list[bool | None] = []
    last: bool | None = None
    for s in strong:
        last = s if s is not None else last
        out.append(last)
    return out


def advances(text: str, bold: bool = False, cjk: bool = False) -> tuple[list[float], list[float]]:
    """Per character of one paragraph: its advance in em, and the autospace gap set before it (see
    `advances_of`, which this copies into lists)."""
    widths, gaps = advances_of(text, bold, cjk)
    return list(widths), list(gaps)


@lru_cache(maxsize=32768)
def advances_of(text: str, bold: bool = False, cjk: bool = False) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per character of one paragraph: its advance in em, and the autospace gap set before it.

    A weak character (space, “ ” — …) takes the script of the strong character before it; leading
    ones count as Latin for autospace but take the next strong script's font, so ambiguous
    punctuation next to ideographs is full width, as in CJK text (`cjk=True`). The gap is
    `AUTOSPACE_EM` where East Asian and Latin text meet, 0 elsewhere; a line breaker drops it at a
    line's start. This is the width function `deckgen.text.breaking.wrap` takes for slides.
    """
    if _SOLID_WIDE.fullmatch(text):  # ideographs and full-width punctuation only: each 1 em, no gap (most lines)
        return (1.0,) * len(text), (0.0,) * len(text)
    return _advances(text, bold, cjk)


# Characters that are East Asian wide (W or F), strong and neither combining nor zero-width: each is 1 em in any
# style, and text of only these has no autospace (`advances_of`, whose general path gives the same: tested
# character by character)
_SOLID_WIDE = re.compile("[\u3001-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff5e]+")


def _advances(text: str, bold: bool, cjk: bool) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """`advances_of`, character by character."""
    # strong script per character (True = East Asian); None for weak characters and ambiguous symbols
    strong = [_strong(ch) for ch in text]
    running = _running(strong)
    first = next((s for s in strong if s is not None), False)
    side = [bool(r) for r in running]
    widths = [char_em(ch, bold, cjk or (s is None and ch not in _SPACES and (first if r is None else r)))
              for ch, s, r in zip(text, strong, running)]
    gaps = [AUTOSPACE_EM if i and side[i] != side[i - 1] else 0.0 for i in range(len(text))]
    return tuple(widths), tuple(gaps)


def text_em(text: str, bold: bool = False, cjk: bool | None = None) -> float:
    """The width of `text` set on one line, in em, autospace included.

    `cjk=None` decides by the text itself: CJK when it holds an East Asian wide character.
    """
    if cjk is None:
        cjk = has_cjk(text)
    widths, gaps = advances_of(text, bold, cjk)
    return sum(widths) + sum(gaps)
