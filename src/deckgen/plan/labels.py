"""Slide labels: the default numbering of each level (一、 （一） 1. / I. A. 1.) and joining a label to a title."""
from __future__ import annotations

from typing import Optional

from deckgen.text.numerals import chinese_number, roman
from deckgen.text.script import is_wide


_HANGUL = "가나다라마바사아자차카타파하"


def default_label(level: int, n: int, cjk: bool, language: str = "") -> str:
    """The label of the n-th (1-based) node at `level` (0 section, 1 subsection, 2 point): Chinese 一、 （一） 1.,
    Japanese 1. （1） ①, Korean 1. 가. 1), English I. A. 1."""
    primary = language.split("-")[0].lower()
    if primary == "ja":
        circled = chr(0x2460 + n - 1) if n <= 20 else f"({n})"
        return (f"{n}.", f"（{n}）", circled)[level]
    if primary == "ko":
        return (f"{n}.", f"{_HANGUL[(n - 1) % len(_HANGUL)]}.", f"{n})")[level]
    if cjk:
        return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.")[level]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return (f"{roman(n)}.", f"{letters[(n - 1) % 26]}.", f"{n}.")[level]


def with_label(label: Optional[str], title: str) -> str:
    """Join a label and a title: no space after a CJK label (一、 （一） 一要), one space otherwise."""
    if not label:
        return title
    return f"{label}{title}" if is_wide(label[-1]) else f"{label} {title}"
