"""Where Chinese display text breaks: a title, quotation, contents entry or a cover's or closing's line set in two to
four lines breaks between words (`建设 / 社会主义`), never inside one (`社会主 / 义`).

PowerPoint and LibreOffice break Chinese between any two characters, so a long title's natural breaks often
split words. Without a dictionary, the lecture's own text tells where its words end (accessor variety: the
two characters before a word boundary are followed, across the lecture, by many different characters, and
the two after it preceded by many; inside a word, `社会主` is only ever followed by `义`). A text whose natural
breaks the lecture shows to fall inside words gets line breaks (`\n`, an `a:br` on the slide) at boundaries that
keep every line in the box at the text's size: after punctuation first, else at a word boundary (after `的`, or
where the lecture's variety is high), the more even lines of those; a page's own title may go a tenth smaller
for them. Text the lecture says too little about gets its natural breaks; either way the breaks are written, so
every renderer breaks the text where deckgen measured it. Running text (bullets, notes) breaks as Chinese does,
anywhere.
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
from deckgen.text.fit import line_count, line_width_em, wrap
from deckgen.text.metrics import advances_of
from deckgen.text.script import is_wide, joined_tight

AFTER = frozenset("，、；：。！？）》」』”’")  # a line may end after these: the clearest boundary of all
BEFORE = frozenset("（《「『“‘")  # … or start with these
ATTACHED = frozenset("的们")  # never start a line: they belong to the word before them (`理念 / 的发展`)
PARTICLES_AFTER = frozenset("的")  # a word ends before a line that starts after these (`国家的 / 首要任务`); not before
# `和` `与`, which join set phrases (`党和国家`) as often as they join words
CLEAR = 5  # the variety a word boundary needs at least (distinct neighbours on both sides; fewer is chance)
STRONG = 0.35  # … and this share of the greatest variety among the places the title may break
LEAST = 0.3  # each of two lines holds at least this share of the characters (no `（五）` alone on a line); of k
# lines, this share of 2/k of them; the last line half that (at least three characters)
MAX_LINES = 4  # a title or quotation in more lines than this keeps its natural breaks
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
    if b in ATTACHED:
        return 0
    if a in AFTER or b in BEFORE:
        return 2
    if not (is_wide(a) and is_wide(b)):
        return 0
    return int(a in PARTICLES_AFTER or variety.boundary(text, i) >= strong)


def line_breaks(text: str, slot: Slot, size: float, variety: Variety, floor: float) -> Optional[tuple[float, tuple[int, ...]]]:
    """Where to break `text` (two to `MAX_LINES` lines of Chinese in `slot` at `size`) rather than where it breaks
    by itself, and at what size: the largest size down to `floor` at which it takes as many lines, each in the
    box and at least `LEAST` of an even share, with every break after punctuation or at a word boundary
    (`_tier`); else, at `size`, the breaks with the fewest inside a word, when fewer than the natural ones (or as
    few, when the natural ones leave a lonely last line); the more even lines among equals, punctuation first;
    else the natural breaks. The breaks are always given, the
    natural ones too: set as measured, the text breaks there in every renderer (one that fits a character more
    on a line would break it elsewhere, perhaps inside a word). None: not two to `MAX_LINES` lines. A word
    boundary is where the lecture's variety is at least `STRONG` of the greatest among the places the text may
    break, and at least `CLEAR`."""
    box, style = slot.box, slot.style
    n = len(text)
    if "\n" in text or n < 4:
        return None
    ok = break_opportunities(text)
    # a break is written only where the lines read back as the text (`one_line`: a space between them, none between
    # two wide characters or a wide one and a quotation mark): one between `一` and `🇨🇳` (or `，` and `A`) would
    # read back with a space not there; nor after a space where the two sides join tight (`一 「一` broken after its
    # space would read back `一「一`), nor after an ideographic space (stripped as a line's end)
    spots = [i for i in range(1, n) if ok[i] and _reads_back(text, i)]
    widths, gaps = advances_of(text, style.bold, True)
    at = [0.0]
    for w, g in zip(widths, gaps):
        at.append(at[-1] + w + g)

    def width(a: int, b: int) -> float:  # text[a:b] on a line of its own (no gap before its first character)
        return at[b] - at[a] - gaps[a]

    def natural(sz: float) -> list[int]:  # where the one line breaker breaks it (each line as full as it goes)
        out, a = [], 0
        for line in wrap(text, line_width_em(box, sz, style, True), style.bold, True)[:-1]:
            a += len(line)
            while text[a] == " ":  # (a line's trailing spaces are not in its text)
                a += 1
            out.append(a)
        return out

    found = natural(size)
    k = len(found) + 1
    if not 2 <= k <= MAX_LINES or not all(ok[i] for i in found):  # (a word longer than a line, cut by character)
        return None
    writable = set(found) <= set(spots)  # else only other breaks can be written
    least = LEAST * 2 * n / k
    last = max(3.0, least / 2) if n >= 9 else least / 2  # a last line may be shorter (`…的 / 必然要求`), not lonely
    wide = [variety.boundary(text, i) for i in spots if least <= i <= n - last and is_wide(text[i - 1]) and is_wide(text[i])]
    strong = max(CLEAR, round(STRONG * max(wide, default=0)))
    tier = {i: _tier(text, i, variety, strong) for i in spots}
    if writable and all(tier[i] for i in found):  # at boundaries already: set where measured (a renderer that fits a character
        return size, tuple(found)    # more on a line than deckgen measures would break elsewhere)

    def best(sz: float) -> Optional[tuple[tuple[float, ...], tuple[int, ...]]]:
        """The breaks into k lines at `sz` that leave the fewest inside words, then punctuation first, then the
        most even (dynamic programming over break positions)."""
        room, even = line_width_em(box, sz, style, True) + 1e-9, n / k
        ends = [*spots, n]
        table: dict[tuple[int, int], tuple[tuple[float, ...], tuple[int, ...]]] = {(0, 0): ((0, 0, 0.0, 0), ())}
        for j in range(1, k + 1):
            for b in ends if j < k else [n]:
                options = []
                for (jj, a), (cost, path) in table.items():
                    if jj != j - 1 or a >= b or b - a < (last if b == n else least) or width(a, b) > room:
                        continue
                    inside, plain = (0, 0) if b == n else (int(not tier[b]), int(tier[b] < 2))
                    # (on a tie, the fuller first lines, as the greedy breaker sets them)
                    options.append(((cost[0] + inside, cost[1] + plain, cost[2] + (b - a - even) ** 2, cost[3] - b),
                                    path + ((b,) if b < n else ())))
                if options:
                    table[(j, b)] = min(options)
        return table.get((k, n))

    sz = size
    while sz >= floor:
        if sz == size or len(natural(sz)) + 1 == k:
            done = best(sz)
            if done is not None and done[0][0] == 0:
                return sz, done[1]
        sz -= 1
    done = best(size)
    if not writable:
        return (size, done[1]) if done is not None else None
    inside = sum(1 for i in found if not tier[i])
    lonely = n - found[-1] <= 2 or n - found[-1] < last  # the greedy breaker's last line: a character or two alone
    better = done is not None and (done[0][0] < inside or (done[0][0] == inside and lonely))
    return (size, done[1]) if better else (size, tuple(found))  # type: ignore[index]


def _reads_back(text: str, i: int) -> bool:
    """Whether `text` broken before `text[i]` reads back as itself (`one_line`: each line stripped, joined by a
    space, or by none between characters that join tight)."""
    left, right = text[:i].rstrip(), text[i:].lstrip()
    if not left or not right:
        return False
    return text[len(left):len(text) - len(right)] == ("" if joined_tight(left[-1], right[0]) else " ")


def display_texts(s: SlidePlan, frames: Frames) -> Iterable[tuple[str, Slot]]:
    """The texts of `s` read as display text, not running text (its title, a quotation, the contents slide's
    entries, a cover's or closing's lines), with the slot each was fitted to."""
    role = s.role
    if role is Role.TITLE:
        yield "title", frames["title" if s.source == "deck" else "closing", "title"]
    elif role in (Role.CLOSING, Role.STATEMENT, Role.SECTION):
        yield "title", frames[role.value, "title"]
    else:  # (a template's quote page may set the quotation in its title's place)
        yield "title", frames.get(role.value, "title") or frames["content", "title"]
    if role is Role.QUOTE and frames.get("quote", "quote") is not None:
        yield "quote", frames["quote", "quote"]
    if role is Role.AGENDA and frames.get("agenda", "body") is not None:
        yield "body", frames["agenda", "body"]
    if role is Role.TITLE:  # the cover's lines under its title (a subtitle, the presenter)
        for name in ("subtitle", "byline"):
            if frames.get("title", name) is not None:
                yield name, frames["title", name]
    if role is Role.CLOSING and frames.get("closing", "body") is not None:  # the closing's lines
        yield "body", frames["closing", "body"]


def _lecture(slides: Sequence[SlidePlan]) -> Iterable[str]:
    """Every text of the deck: titles, slot texts and notes."""
    for s in slides:
        yield from s.title.paragraphs
        for _, t in s.texts:
            yield from t.paragraphs
        yield s.notes


def phrase_breaks(slides: Sequence[SlidePlan], frames: Frames) -> list[SlidePlan]:
    """`slides` (of a Chinese deck) with each title, quotation and contents entry set in two to `MAX_LINES` lines
    broken between words where its natural breaks split one (see the module's docstring), judged by the deck's
    own text."""
    variety: Optional[Variety] = None
    out = []
    for s in slides:
        for name, slot in display_texts(s, frames):
            t = s.title if name == "title" else dict(s.texts).get(name)
            if t is None:
                continue
            counts = line_count(t.paragraphs, slot.box, t.size, slot.style, True)
            if not any(2 <= c <= MAX_LINES for c in counts):
                continue
            variety = variety or Variety("\n".join(_lecture(slides)))
            # a page's own title may go a tenth smaller for better breaks (as for an orphan), as may the contents
            # page's entries; a content title keeps the size its kind shares (a series of slides: the title's size
            # does not jump between them), and paragraphs their text's size
            alone = s.role in OWN_SIZE or s.role in (Role.SECTION, Role.AGENDA)
            floor = math.ceil(t.size * ALONE_SHARE) if alone else t.size
            size, paragraphs, sized = t.size, list(t.paragraphs), False
            for at, text in enumerate(t.paragraphs):  # (the first paragraph broken sets the size of them all)
                count = line_count([text], slot.box, size, slot.style, True)[0]
                found = line_breaks(text, slot, size, variety, size if sized else floor) if 2 <= count <= MAX_LINES else None
                if found is not None:
                    sized = True
                    size, cuts = found
                    edges = (0, *cuts, len(text))
                    paragraphs[at] = "\n".join(text[a:b] for a, b in zip(edges, edges[1:]))
            if paragraphs == list(t.paragraphs):
                continue
            broken = Text(tuple(paragraphs), size, t.levels)
            s = replace(s, title=broken) if name == "title" else \
                replace(s, texts=tuple((n, broken if n == name else x) for n, x in s.texts))
        out.append(s)
    return out
