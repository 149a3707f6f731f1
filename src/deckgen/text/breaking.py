"""The one line breaker: greedy breaking of a paragraph by Chinese (kinsoku) and Latin rules, for slides and print.

Calibration (LibreOffice 7.4.7, the CI renderer; probes as described in `deckgen.text.metrics`):

* Wrapping. LibreOffice breaks between any two ideographs and between ideographs and Latin words,
  never inside a Latin word unless the word alone is longer than the line (then the word starts a
  new line and is cut by character). For `lang="zh-CN"` it keeps ，。、；：？！）」』】》〉〕〗｝”’·～々
  and , . ; : ? ! ) ] } off a line's start and （「『【《〈〔〖｛［“‘ ( [ { $ ¥ ￥ £ off its end,
  moving the previous character along. With `hangingPunct="1"` it instead hangs ，。、；：？！ and
  , . ; : ? ! past the right edge (up to 1 em outside the box); the measurer assumes no hanging,
  which costs at most a line. A line of exactly N ideographs fits a box of N em plus insets at
  28 pt, but not at 20 pt (glyphs render 1.002 em there).
  `NO_LINE_START` / `NO_LINE_END` hold those rules and Word's Simplified Chinese lists (… — % ℃ …).
* Spaces. A line may break after a space, never before one, and spaces (U+0020, U+00A0) at a line's
  end do not count toward its width. The ideographic space U+3000 breaks the same way (UAX #14 class
  BA, "break after": `同志们　我们` never starts a line with U+3000), but it counts at a line's end, as
  it does in LibreOffice 7.4, which sets it like an ideograph (probes at 28 pt: 一二三四五　六七八九十
  in 5 em is 一二三四五 /　六七八九 / 十). Counting it keeps every fit safe there: this breaker never
  makes fewer lines than LibreOffice for text with U+3000 (it may make one more where LibreOffice
  starts a line with it).

The caller supplies the widths (`Metrics`): `deckgen.text.fit` passes em widths with LibreOffice's
autospace, the handout a font's own advances (`per_character`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from deckgen.text.script import is_wide

# Chinese line-breaking (kinsoku) rules: LibreOffice's zh-CN rules (see above) plus Word's Simplified
# Chinese lists, which PowerPoint follows; a superset, so a fit holds in both. Japanese adds its small kana
# and iteration marks (JIS X 4051), which Chinese text never holds: one set serves both languages.
NO_LINE_START = frozenset("，。、；：？！）」』】》〉〕〗〙〛｝］”’…—·%‰℃°′″›,.;:?!)]}>"
                          "～・ー々〃〆〞︶︺︾﹀﹄﹚﹜﹞＂％＇．｀｜¢"
                          "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゛゜ゝゞヽヾ")
NO_LINE_END = frozenset("（「『【《〈〔〖〘〚｛［“‘([{<$¥￥£‹〝﹙﹛﹝＄￡")
# Break after, never before. (Breaking after a no-break space too is LibreOffice's and PowerPoint's
# behaviour as measured, not UAX #14's.)
SPACES = frozenset(" \u00a0\u3000")
# Spaces that hang at a line's end: not counted toward its width (U+3000 is counted, see above).
HANGING = frozenset(" \u00a0")

Metrics = Callable[[str], tuple[Sequence[float], Sequence[float]]]
"""A paragraph's widths: per character, its advance and the gap set before it when it does not start a line."""

_EPSILON = 1e-9  # rounding in sums of advances


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: its text (no trailing ASCII spaces), width and whether it ends the paragraph.

    The width counts gaps but not the spaces at the line's end."""

    text: str
    width: float
    last: bool

    @property
    def cjk_share(self) -> float:
        """The share of East Asian wide characters among the line's non-space characters."""
        solid = [ch for ch in self.text if ch not in SPACES]
        return sum(1 for ch in solid if is_wide(ch)) / len(solid) if solid else 0.0


def per_character(char_width: Callable[[str], float]) -> Metrics:
    """`Metrics` from the advance of each character alone (a font's own widths, no autospace)."""

    def metrics(text: str) -> tuple[list[float], list[float]]:
        return [char_width(ch) for ch in text], [0.0] * len(text)

    return metrics


def break_opportunities(text: str) -> list[bool]:
    """`ok[i]`: a line may start at `text[i]` (i ≥ 1; `ok[0]` is False).

    Lines break between ideographs, between an ideograph and a Latin word and after `SPACES` — never
    inside a Latin word, never before a space, never before a character of `NO_LINE_START` (，。、” …)
    and never after one of `NO_LINE_END` (（《“ …).
    """
    ok = [False] * len(text)
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b in NO_LINE_START or a in NO_LINE_END or b in SPACES:
            continue
        ok[i] = a in SPACES or is_wide(a) or is_wide(b)
    return ok


def wrap(paragraph: str, width: float, metrics: Metrics, first_indent: float = 0.0) -> list[Line]:
    """Greedy line breaking of one paragraph into lines at most `width` wide (`first_indent` less on line one).

    Each line takes as many units (text between break opportunities) as fit; the gap before a
    line's first character is dropped and spaces at its end are not counted. A unit longer than a
    whole line (a long URL) starts a new line and is cut by character; spaces right after such a cut
    stay on the cut line. An empty paragraph is one empty line.
    """
    if not paragraph:
        return [Line("", 0.0, True)]
    widths, gaps = metrics(paragraph)
    ok = break_opportunities(paragraph)
    n = len(paragraph)
    lines: list[Line] = []
    s = 0
    while s < n:
        limit = width - (first_indent if not lines else 0.0) + _EPSILON
        total = solid = 0.0
        end, end_solid = None, 0.0
        k = s
        while k < n:
            total += widths[k] + (gaps[k] if k > s else 0.0)
            k += 1
            if paragraph[k - 1] not in HANGING:
                solid = total
            if k == n or ok[k]:
                if solid > limit:
                    break
                end, end_solid = k, solid
        if end is None:  # the first unit alone is longer than a line: cut it by character
            end, end_solid = s + 1, widths[s]
            while end < n and end_solid + (widths[end] + gaps[end]) <= limit:
                end_solid += widths[end] + gaps[end]
                end += 1
            while end < n and paragraph[end] == " ":
                end += 1
        lines.append(Line(paragraph[s:end].rstrip(" "), end_solid, end >= n))
        s = end
    return lines
