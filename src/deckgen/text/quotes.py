"""Find the quotation a passage leads with (`A总书记指出，“…”`, `As Smith said, "…"`) and who said it where."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

# A verb of saying, then a comma or colon, then the quotation in Chinese or straight double quotes.
_ZH = re.compile(r"(?P<lead>[^。！？；\n“”]*?)(?:指出|强调|说|写道|提出|要求|告诫我们|深刻指出)[，,：:]\s*“(?P<text>[^“”]{4,})”")
_EN = re.compile(r"(?P<lead>[^.!?;\n\"“”]*?)\b(?:said|wrote|noted|stressed|observed|put it)[,:]?\s*[\"“](?P<text>[^\"“”]{4,})[\"”]")
_WHERE = re.compile(r"(?P<who>.+?)在(?P<where>.+?)(?:中|上|时|期间)?$")
_FILLERS = ("同时", "此外", "因此", "所以", "正如", "就像", "如")


@dataclass(frozen=True)
class Quotation:
    """A quotation found in text: its words (inside the quotation marks) and its source, as the text names it."""

    text: str
    source: str = ""


def _source_zh(lead: str) -> str:
    """`A总书记在党的二十大报告中` → `A总书记，党的二十大报告`; leading connectives are dropped."""
    lead = lead.strip(" ，,、")
    for word in _FILLERS:
        lead = lead.removeprefix(word)
    lead = lead.strip(" ，,、")
    m = _WHERE.fullmatch(lead)
    if m and m.group("who") and m.group("where"):
        return f"{m.group('who')}，{m.group('where')}"
    return lead


def lead_quotation(text: str, *, within: int = 2) -> Optional[Quotation]:
    """The quotation `text` leads with: one introduced by a verb of saying in its first `within` sentences
    (a salutation line such as `同志们：` does not count), else None."""
    lines = [line for line in text.split("\n") if line.strip() and not re.fullmatch(r"\s*\S{1,8}[：:]\s*", line)]
    head = "\n".join(lines)
    sentences = re.split(r"(?<=[。！？!?])(?![”’\"])", head)
    window = "".join(sentences[:within])
    m = _ZH.search(window)
    if m:
        return Quotation(m.group("text").strip(), _source_zh(m.group("lead")))
    m = _EN.search(window)
    if m:
        return Quotation(m.group("text").strip(), m.group("lead").strip(" ,").removeprefix("As ").removeprefix("as "))
    return None


def find_quotation(texts: Iterable[str]) -> Optional[Quotation]:
    """The lead quotation of the first of `texts` (bullets, then notes) that has one."""
    for text in texts:
        found = lead_quotation(text)
        if found is not None:
            return found
    return None
