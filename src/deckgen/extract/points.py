"""Points inside paragraphs: runs such as 一要…二要…, 一是…二是…, 第一，…第二，…, 首先…其次…最后…, ——… and First, … Second, …"""
from __future__ import annotations

import re

from deckgen.outline.typed import record
from deckgen.text.numerals import CN_NUMERAL, from_chinese
from deckgen.text.sentences import CLOSERS, TERMINALS

_CN = rf"{CN_NUMERAL}{{1,3}}"
_SEQ = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
_EN = {"first": 1, "firstly": 1, "second": 2, "secondly": 2, "third": 3, "thirdly": 3, "fourth": 4, "fourthly": 4,
       "fifth": 5, "fifthly": 5, "sixth": 6, "seventh": 7, "finally": 0, "lastly": 0}

# family name, pattern; group `n` holds the number word, the whole match is the label.
FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一要", re.compile(rf"(?P<n>{_CN})要")),
    ("一是", re.compile(rf"(?P<n>{_CN})是")),
    ("第一，", re.compile(rf"第(?P<n>{_CN})[，,、：:]")),
    ("其一，", re.compile(rf"其(?P<n>{_CN})[，,、：:]")),
    ("首先", re.compile(r"(?P<n>首先|其次|再次|最后)[，,：:]?")),
    ("——", re.compile(r"(?P<n>——|－－|--)")),
    ("First,", re.compile(r"(?P<n>First|Firstly|Second|Secondly|Third|Thirdly|Fourth|Fourthly|Fifth|Fifthly|Sixth|"
                          r"Seventh|Finally|Lastly),\s")),
)
_BOUNDARY_ZH = set(TERMINALS) | set("；;：:，,\n")
_BOUNDARY_EN = set(".!?;:\n")


@record(frozen=True)
class Marker:
    """One occurrence of a point marker: where it starts and ends in the text, its label and number
    (0 for a closing word such as 最后 or Finally)."""

    family: str
    start: int
    end: int
    label: str
    number: int


def _at_boundary(text: str, pos: int, lo: int, english: bool) -> bool:
    """True when `pos` starts a paragraph, sentence or clause (a marker mid-word is not a point)."""
    if pos <= lo:
        return True
    j = pos - 1
    while j >= lo and text[j] in " \t\u3000":
        j -= 1
    if j < lo:
        return True
    prev = text[j]
    if prev in CLOSERS and j > lo and text[j - 1] in TERMINALS + ".":
        return True
    return prev in (_BOUNDARY_EN if english else _BOUNDARY_ZH)


def _number(family: str, word: str) -> int | None:
    if family == "首先":
        return _SEQ[word]
    if family == "First,":
        return _EN[word.lower()]
    if family == "——":
        return 1
    return from_chinese(word)


def markers(text: str, lo: int, hi: int, family: str, pattern: re.Pattern[str]) -> list[Marker]:
    """Occurrences of one family's markers in `text[lo:hi]` that stand at a boundary."""
    found = []
    for m in pattern.finditer(text, lo, hi):
        if family == "——" and not (m.start() == lo or text[m.start() - 1] == "\n"):
            continue
        if not _at_boundary(text, m.start(), lo, family == "First,"):
            continue
        word = m.group("n")
        number = _number(family, word)
        if number is None:
            continue
        if family in ("一要", "一是") and text[m.end():m.end() + len(word)] == word:
            continue  # 一是一、二是二: an idiom, not a point
        found.append(Marker(family, m.start(), m.end(), m.group().rstrip(), number))
    return found


def runs(found: list[Marker]) -> list[list[Marker]]:
    """Runs of markers numbered consecutively from one (a closing word may end a run of two or more).

    `——` paragraphs form a run when two or more follow each other."""
    out: list[list[Marker]] = []
    current: list[Marker] = []
    for marker in found:
        if marker.family == "——":
            current.append(marker)
            continue
        if marker.number == 1:
            if len(current) >= 2:
                out.append(current)
            current = [marker]
        elif current and current[-1].number != 0 and (
                marker.number == current[-1].number + 1 or (marker.number == 0 and len(current) >= 2)):
            current.append(marker)
    if len(current) >= 2:
        out.append(current)
    return out


def _dash_runs(text: str, found: list[Marker]) -> list[list[Marker]]:
    """Group `——` paragraph starts into runs of consecutive paragraphs."""
    out: list[list[Marker]] = []
    current: list[Marker] = []
    for marker in found:
        if current and "\n" in text[current[-1].end:marker.start] and \
                text[current[-1].end:marker.start].count("\n") > 1:
            if len(current) >= 2:
                out.append(current)
            current = []
        current.append(marker)
    if len(current) >= 2:
        out.append(current)
    return out


def find_points(text: str, lo: int, hi: int, exclude: frozenset[str] = frozenset()) -> list[Marker]:
    """The point markers of `text[lo:hi]`: every run of the family whose first run starts earliest.

    A run counts only when consecutive from one (一要, 二要, …): 第一要务 or a lone 一是 is no point."""
    best: list[list[Marker]] = []
    for family, pattern in FAMILIES:
        if family in exclude:
            continue
        found = markers(text, lo, hi, family, pattern)
        family_runs = _dash_runs(text, found) if family == "——" else runs(found)
        family_runs = [r for r in family_runs if _substantial(text, r, hi)]
        if family_runs and (not best or family_runs[0][0].start < best[0][0].start):
            best = family_runs
    return [marker for run in best for marker in run]


def _substantial(text: str, run: list[Marker], hi: int) -> bool:
    """Each point of a run says something (at least two characters before the next marker)."""
    ends = [m.start for m in run[1:]] + [hi]
    return all(len(text[m.end:end].strip()) >= 2 for m, end in zip(run, ends))
