"""Slide kinds a lecture's own text suggests: a lead quotation (a quote slide), key figures (big numbers)."""
from __future__ import annotations

import re

from deckgen.text.quotes import lead_quotation

# A figure with its unit, as lectures write them: 126.06万亿元, 5.2%, 300万个, 2.55个百分点 (not years: 2023年).
_FIGURE = re.compile(r"(?<![\d.第])(\d+(?:\.\d+)?)(个百分点|万亿元|亿元|万元|元|万亿|亿|万人|万个|万户|万吨|%|％|‰|倍|人|户|个|项|家|吨|公里)")
_LEAD_IN = re.compile(r"^(?:其中|同时|全年|今年|去年|比上年|较上年|同比)?")
_VERBS = ("达到", "达", "为", "超过", "突破", "增长到", "增至", "提高到", "提升到", "下降到", "降至", "约")
MAX_NUMBERS = 4


def leads_with_quotation(own: str) -> bool:
    """Whether a slide's own text (after its heading) opens with a quotation (`A总书记指出，“…”`): a quote slide."""
    return lead_quotation(own, within=1) is not None


def key_figures(own: str) -> list[tuple[str, str]]:
    """The figures of a slide's text with what they count — (`126.06万亿元`, `国内生产总值`) — when there
    are two to four distinct ones (a figure-heavy paragraph: big numbers); else none."""
    found: list[tuple[str, str]] = []
    for m in _FIGURE.finditer(own):
        value = m.group(1) + m.group(2)
        if any(value == v for v, _ in found):
            continue
        before = re.split(r"[，。；：、,;:！？（）“”\n]", own[: m.start()])[-1]
        for verb in _VERBS:
            before = before.removesuffix(verb)
        label = before.strip()[-12:]
        if label:
            found.append((value, label))
    return found[:MAX_NUMBERS] if 2 <= len(found) else []
