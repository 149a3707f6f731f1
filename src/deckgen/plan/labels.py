"""Slide labels: the default numbering of each level (一、 （一） 1. / I. A. 1.) and joining a label to a title."""
from __future__ import annotations

from typing import Optional

from deckgen.text.numerals import chinese_number, roman
from deckgen.text.script import is_wide


def default_label(level: int, n: int, cjk: bool) -> str:
    """The label of the n-th (1-based) node at `level` (0 section, 1 subsection, 2 point)."""
    if cjk:
        return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.")[level]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return (f"{roman(n)}.", f"{letters[(n - 1) % 26]}.", f"{n}.")[level]


def with_label(label: Optional[str], title: str) -> str:
    """Join a label and a title: no space after a CJK label (一、 （一） 一要), one space otherwise."""
    if not label:
        return title
    return f"{label}{title}" if is_wide(label[-1]) else f"{label} {title}"
