"""`deckgen outline --renumber`: count the labels of each list of entries 1, 2, 3… again, in the outline file itself."""
from __future__ import annotations

import re
from typing import Any, Optional

from deckgen.outline.typed import record
from deckgen.pull.yamledit import Document, load, styled
from deckgen.text.numerals import chinese_number, from_chinese

_CN = "一二三四五六七八九十两〇零"
_LABEL = re.compile(rf"^(?P<pre>\s*[（(]?第?)(?P<num>[{_CN}]+|\d+)(?P<post>[)）]?[、．.,，]?[要是]?\s*)$")


@record(frozen=True)
class Renumbered:
    """One label changed: its entry's title, the old and the new label."""

    title: str
    old: str
    new: str


def _number(num: str) -> Optional[int]:
    return int(num) if num.isdigit() else from_chinese(num)


def _relabel(label: str, n: int) -> Optional[str]:
    """`label` counting `n` in its own style (`（八）` → `（七）`, `8.` → `7.`); None if it counts nothing."""
    m = _LABEL.match(label)
    if not m or _number(m.group("num")) is None:
        return None
    num = str(n) if m.group("num").isdigit() else chinese_number(n)
    return f"{m.group('pre')}{num}{m.group('post')}"


def _runs(entries: Any, out: list[Renumbered]) -> None:
    """Renumber the labels of one list: each run of counted labels from its first label's number, a run
    starting again at one (`一要…三要 一要…`) kept as a run of its own."""
    if not isinstance(entries, list):
        return
    expected: Optional[int] = None
    for entry in entries:
        label = entry.get("label") if isinstance(entry, dict) else None
        m = _LABEL.match(label) if isinstance(label, str) else None
        n = _number(m.group("num")) if m else None
        if n is None:
            expected = None
            continue
        if expected is None or n == 1:
            expected = n
        if n != expected:
            new = _relabel(label, expected)
            if new is not None:
                entry["label"] = styled(label, new)
                out.append(Renumbered(str(entry.get("title", "")), label, new))
        expected += 1


def renumber(raw: bytes) -> tuple[Document, list[Renumbered]]:
    """The outline `raw` with the labels of its sections, subsections and points counted again, and the changes."""
    doc = load(raw)
    out: list[Renumbered] = []
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    _runs(sections, out)
    for sec in sections or []:
        subs = sec.get("subsections") if isinstance(sec, dict) else None
        _runs(subs, out)
        for sub in subs or []:
            if isinstance(sub, dict):
                _runs(sub.get("points"), out)
    return doc, out
