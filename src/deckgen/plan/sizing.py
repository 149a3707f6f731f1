"""Type sizes across a deck on a template: one title size per kind, and text below the smallest size where
a template's box is too small for it."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.outline.model import Role
from deckgen.plan.grid import Frames, Slot
from deckgen.plan.model import SlidePlan, Text
from deckgen.text.fit import BALANCE_STEPS, fit

if TYPE_CHECKING:
    from deckgen.theme.model import SizeRange, Sizes

SMALLEST_SHARE = 0.6  # on a template, text that does not fit its box at the smallest size may go this far below it
OWN_SIZE = (Role.TITLE, Role.CLOSING, Role.STATEMENT, Role.QUOTE)  # one slide each, or the title is the text


def holds(paragraphs: Sequence[str], slot: Slot, sizes: "SizeRange", cjk: bool, *, smaller: bool = False) -> bool:
    """Whether `paragraphs` (the text as shown) fit `slot` at the smallest of `sizes` — or, with `smaller`, in
    the smaller type a template's small box allows (`below_smallest`)."""
    low = min(sizes.min, slot.max_size) if slot.max_size else sizes.min
    if fit(paragraphs, slot.box, low, low, slot.style, cjk=cjk).fits:
        return True
    return smaller and below_smallest(paragraphs, slot, low, None, cjk) is not None


def below_smallest(paragraphs: Sequence[str], slot: Slot, low: float, max_lines: Optional[int], cjk: bool) -> Optional[float]:
    """The largest size below `low` (down to `SMALLEST_SHARE` of it, never under 8 pt) at which `paragraphs`
    fit `slot`, or None: a template's box (a sample page's one-line title box) may be too small for text
    the theme's smallest size would set outside it."""
    floor = max(8.0, round(low * SMALLEST_SHARE))
    if low - 1 < floor:
        return None
    result = fit(paragraphs, slot.box, low - 1, floor, slot.style, max_lines=max_lines, cjk=cjk)
    return result.size if result.fits else None


def one_title_size(slides: Sequence[SlidePlan], sizes: "Sizes", frames: Optional[Frames] = None) -> list[SlidePlan]:
    """`slides` with one title size per kind: every title of a kind at the smallest size its titles took
    (the size the longest title fits at, in two lines where its box holds two), but not below the floor
    (the preferred title size scaled to the slide's width: 28 pt on a 13.33-inch slide, 21 pt on a 10-inch
    4:3 one); a title that needed less even in two lines keeps its own, so titles do not jump in size from
    slide to slide. Kinds whose title sits in the content title's box (cards, charts, the agenda on a
    template without their own layout) share the content titles' size."""
    content = frames.get(Role.CONTENT.value, "title") if frames is not None else None

    def group(role: Role) -> Role:
        if frames is None or role is Role.SECTION or content is None:
            return role
        return Role.CONTENT if frames.get(role.value, "title") == content else role

    by_role: dict[Role, list[float]] = {}
    for s in slides:
        if s.role not in OWN_SIZE:
            by_role.setdefault(group(s.role), []).append(s.title.size)
    narrow = min(1.0, frames.width_scale / frames.scale) if frames is not None and frames.scale > 0 else 1.0
    prefs = {Role.SECTION: sizes.section_title.pref}
    floor = {role: round(prefs.get(role, sizes.title.pref) * narrow, 1) for role in by_role}
    common = {role: max(min(found), min(floor[role], max(found))) for role, found in by_role.items()}
    return [replace(s, title=replace(s.title, size=_lowered(s, common[group(s.role)], frames)))
            if s.role not in OWN_SIZE and s.title.size > common[group(s.role)] else s for s in slides]


ALONE_SHARE = 0.9  # a title of a kind may be this much smaller than the others to keep a character off a line alone


def _lowered(s: SlidePlan, size: float, frames: Optional[Frames]) -> float:
    """`size` for the title of `s` brought down to its kind's size, or (as fitting does) the largest of the few
    sizes below it, down to `ALONE_SHARE` of it (a difference that does not show as a jump from slide to
    slide), when `size` would leave one or two Chinese characters alone on its last line and that one does not."""
    slot = frames.get(s.role.value, "title") if frames is not None else None
    if slot is None:
        return size
    low = max(size - BALANCE_STEPS, math.ceil(size * ALONE_SHARE))
    result = fit(s.title.paragraphs, slot.box, size, low, slot.style, balance=True)
    return result.size if result.fits else size


def closing_lines_small(slides: Sequence[SlidePlan], sizes: "Sizes", small: bool = True, least: float = 0.0) -> bool:
    """Whether a closing slide's lines are set below the deck's body size (the smaller of its bullets' smallest
    size and the theme's smallest body size; only with `small`), below `least` points, or were moved to a slide
    of their own: a box for them that a template's cover (or ending page, or layout) offered then does not hold
    them legibly."""
    bullets = [t.size for s in slides if s.role is Role.CONTENT for name, t in s.texts if name == "body" and t is not None]
    floor = min([sizes.body.min] + bullets)
    for s in slides:
        if s.role is not Role.CLOSING:
            continue
        body = dict(s.texts).get("body")
        moved = any(o.role is Role.CONTENT and o.source == s.source for o in slides)
        if (body is not None and body.size < (floor if small else least)) or moved:
            return True
    return False


def fit_title(title: str, slot: Slot, sizes: "SizeRange", cjk: bool) -> Text:
    """`title` fitted in two lines to `slot` at the title `sizes`, without warnings."""
    result = fit([title], slot.box, sizes.max, sizes.min, slot.style, max_lines=2, cjk=cjk, balance=True)
    return Text((title,), result.size)


BODY_UNDER_TITLE = 5 / 6  # bullets at most this share of their titles' size: titles a step (1.2×) above them


def bullets_under_titles(slides: Sequence[SlidePlan], sizes: "Sizes") -> list[SlidePlan]:
    """`slides` with the content slides' bullets a step below their titles: on a template whose title box
    holds only a smaller title (a thin title bar), bullets at the theme's largest size read louder than the
    titles over them, and bullets as large as the titles leave the slide without a hierarchy. Every content
    slide's bullets are brought down to `BODY_UNDER_TITLE` of the content titles' size (the largest of them,
    so all bullets keep one size; to the half point below), never below the theme's smallest body size; the
    contents slide's entries likewise under its own title (`目录`). Smaller type fits wherever the larger did."""
    titles = [s.title.size for s in slides if s.role is Role.CONTENT and s.title.size]

    def cap(title: float) -> float:
        return max(math.floor(title * BODY_UNDER_TITLE * 2) / 2, sizes.body.min)

    def capped(s: SlidePlan, most: float) -> SlidePlan:
        texts = tuple((name, replace(t, size=most) if name == "body" and t is not None and t.size > most else t)
                      for name, t in s.texts)
        return replace(s, texts=texts)

    content = cap(max(titles)) if titles else None
    return [capped(s, content) if s.role is Role.CONTENT and content is not None else
            capped(s, cap(s.title.size)) if s.role is Role.AGENDA and s.title.size else s for s in slides]
