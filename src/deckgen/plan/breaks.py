"""Where a Chinese title set in two lines breaks: between words (`建设 / 社会主义`), never inside one (`社会主 / 义`).

PowerPoint and LibreOffice break Chinese between any two characters, so a long title's natural break often
splits a word. Without a dictionary, the lecture's own text tells where its words end (accessor variety: the
two characters before a word boundary are followed, across the lecture, by many different characters, and
the two after it preceded by many; inside a word, `社会主` is only ever followed by `义`). A title whose natural
break the lecture shows to be inside a word gets a line break (`\\n`, an `a:br` on the slide) at the clearest
boundary among those that keep both lines in the box at the title's size: after punctuation, else at a word
boundary (after `的`, or where the lecture's variety is high), the more even split of those. A title the
lecture says too little about keeps its natural break, as does any title that is not two lines of Chinese.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Iterable, Optional, Sequence

from deckgen.outline.model import Role
from deckgen.plan.grid import Frames, Slot
from deckgen.plan.model import SlidePlan, Text
from deckgen.plan.sizing import ALONE_SHARE, OWN_SIZE
from deckgen.text.breaking import break_opportunities
from deckgen.text.fit import BALANCE_STEPS, line_count
from deckgen.text.script import is_wide

AFTER = frozenset("，、；：。！？）》」』”’")  # a line may end after these: the clearest boundary of all
BEFORE = frozenset("（《「『“‘")  # … or start with these
PARTICLES_AFTER = frozenset("的")  # a word ends before a line that starts after these (`国家的 / 首要任务`); not before
# `和` `与`, which join set phrases (`党和国家`) as often as they join words
CLEAR = 5  # the variety a word boundary needs at least (distinct neighbours on both sides; fewer is chance)
STRONG = 0.35  # … and this share of the greatest variety among the places the title may break
LEAST = 0.3  # each line holds at least this share of the title's characters (no `（五）` alone on a line)
SPAN = 2  # characters each side of a boundary whose neighbours are counted


class Variety:
    """Accessor variety in a text: how many different characters follow or precede a string in it."""

    def __init__(self, text: str) -> None:
        self.text, self.backwards = text, text[::-1]
        self.seen: dict[tuple[str, bool], int] = {}

    def around(self, s: str, after: bool) -> int:
        """How many different characters follow `s` (`after`) or precede it in the text (its ends count as one;
        `s` repeating itself, `哈哈` in `哈哈哈`, is counted once)."""
        key = (s, after)
        if key not in self.seen:
            # a pattern that starts with the string itself, so the search runs at C speed: what precedes it is
            # what follows it, reversed, in the reversed text
            text, word = (self.text, s) if after else (self.backwards, s[::-1])
            found = set(re.findall(re.escape(word) + "(.)", text, re.S))
            if text.endswith(word):
                found.add("")
            self.seen[key] = len(found)
        return self.seen[key]

    def boundary(self, text: str, i: int) -> int:
        """How clearly the lecture shows a word boundary between `text[:i]` and `text[i:]`: the smaller of
        the variety after the `SPAN` characters before it and before the `SPAN` characters after it."""
        left, right = text[max(0, i - SPAN):i], text[i:i + SPAN]
        return min(self.around(left, True), self.around(right, False))


def _tier(text: str, i: int, variety: Variety, strong: int) -> int:
    """How good a break before `text[i]` is: 2 after punctuation, 1 at a word boundary (after `的`, or where
    the lecture's variety is at least `strong`), 0 elsewhere."""
    a, b = text[i - 1], text[i]
    if a in AFTER or b in BEFORE:
        return 2
    if not (is_wide(a) and is_wide(b)):
        return 0
    return int(a in PARTICLES_AFTER or variety.boundary(text, i) >= strong)


def break_at(text: str, slot: Slot, size: float, variety: Variety, floor: float) -> Optional[tuple[float, int]]:
    """Where to break `text` (two lines of Chinese in `slot` at `size`) rather than where it breaks by itself,
    and at what size: the largest size down to `floor` at which a break after punctuation or at a word
    boundary (`_tier`) leaves both lines in the box, each at least `LEAST` of the title; punctuation first,
    then the more even split. None: keep the natural break (it is already one of those, or none is in reach).
    A word boundary is where the lecture's variety is at least `STRONG` of the greatest among the places the title
    may break (each line `LEAST` of it), and at least `CLEAR`."""
    box, style = slot.box, slot.style
    if "\n" in text or line_count([text], box, size, style, True) != [2]:
        return None
    ok = break_opportunities(text)
    natural = max((i for i in range(1, len(text)) if ok[i] and line_count([text[:i]], box, size, style, True) == [1]),
                  default=None)  # the greedy breaker fills the first line
    if natural is not None and _tier(text, natural, variety, len(text) + 1):  # after punctuation or a particle
        return None
    least = LEAST * len(text)
    spots = [i for i in range(1, len(text)) if ok[i] and min(i, len(text) - i) >= least]
    pairs = [variety.boundary(text, i) for i in spots if is_wide(text[i - 1]) and is_wide(text[i])]
    strong = max(CLEAR, round(STRONG * max(pairs, default=0)))
    if natural is not None and _tier(text, natural, variety, strong):  # a word boundary already
        return None
    tier = {i: _tier(text, i, variety, strong) for i in spots}

    def fits(sz: float) -> list[int]:
        return [i for i in spots if line_count([text[:i], text[i:]], box, sz, style, True) == [1, 1]]

    sz = size
    while sz >= floor:
        best = max(fits(sz), key=lambda i: (tier[i], -abs(len(text) - 2 * i), i), default=None)
        if best is not None and tier[best]:
            return sz, best
        sz -= 1
    return None


def display_texts(s: SlidePlan, frames: Frames) -> Iterable[tuple[str, Slot]]:
    """The texts of `s` set large, one line or two (its title, a quotation), with the slot each was fitted to."""
    role = s.role
    if role is Role.TITLE:
        yield "title", frames["title" if s.source == "deck" else "closing", "title"]
    elif role in (Role.CLOSING, Role.STATEMENT, Role.SECTION):
        yield "title", frames[role.value, "title"]
    elif role is not Role.QUOTE:
        yield "title", frames.get(role.value, "title") or frames["content", "title"]
    if role is Role.QUOTE and frames.get("quote", "quote") is not None:
        yield "quote", frames["quote", "quote"]


def _lecture(slides: Sequence[SlidePlan]) -> Iterable[str]:
    """Every text of the deck: titles, slot texts and notes."""
    for s in slides:
        yield from s.title.paragraphs
        for _, t in s.texts:
            yield from t.paragraphs
        yield s.notes


def phrase_breaks(slides: Sequence[SlidePlan], frames: Frames) -> list[SlidePlan]:
    """`slides` (of a Chinese deck) with each two-line title or quotation broken between words where its
    natural break splits one (see the module's docstring), judged by the deck's own text."""
    variety: Optional[Variety] = None
    out = []
    for s in slides:
        for name, slot in display_texts(s, frames):
            t = s.title if name == "title" else dict(s.texts).get(name)
            if t is None or len(t.paragraphs) != 1 or not t.paragraphs[0]:
                continue
            text = t.paragraphs[0]
            if line_count([text], slot.box, t.size, slot.style, True) != [2]:
                continue
            variety = variety or Variety("\n".join(_lecture(slides)))
            # a page's own title may go a few points down for a better break (as for an orphan); a content title
            # keeps the size its kind shares (a series of slides: the title's size does not jump between them)
            alone = s.role in OWN_SIZE or s.role is Role.SECTION
            floor = max(t.size - BALANCE_STEPS, math.ceil(t.size * ALONE_SHARE)) if alone else t.size
            found = break_at(text, slot, t.size, variety, floor)
            if found is None:
                continue
            size, i = found
            broken = Text((text[:i] + "\n" + text[i:],), size, t.levels)
            s = replace(s, title=broken) if name == "title" else \
                replace(s, texts=tuple((n, broken if n == name else x) for n, x in s.texts))
        out.append(s)
    return out
