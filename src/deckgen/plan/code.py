"""The plan function of a code slide: the lines of a code block in a monospace font, never wrapped, sized to fit."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping

from deckgen.outline.model import Role
from deckgen.plan.model import CodePlan, SlidePlan
from deckgen.text.frame import Box
from deckgen.text.script import is_wide

if TYPE_CHECKING:
    from deckgen.plan.planner import Entry, Planner

MONO_EM = 0.6      # the advance of a monospace Latin character (Consolas 0.55, Courier New 0.6), in em
LINE_EM = 1.2      # a code line's height, in em
TAB = 4            # spaces a tab stands for


def code_lines(code: str) -> list[str]:
    """The lines of a code block, tabs expanded, trailing blank lines dropped."""
    lines = [line.expandtabs(TAB).rstrip() for line in code.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines or [""]


def line_em(line: str) -> float:
    """The width of a code line in em: wide (CJK) characters a full em, the others `MONO_EM`."""
    return sum(1.0 if is_wide(ch) else MONO_EM for ch in line)


def _cut(line: str, width_em: float) -> list[str]:
    """`line` cut into pieces no wider than `width_em` (only lines too long for the slide at the smallest size)."""
    pieces, current, used = [], "", 0.0
    for ch in line:
        w = 1.0 if is_wide(ch) else MONO_EM
        if current and used + w > width_em:
            pieces.append(current)
            current, used = "", 0.0
        current += ch
        used += w
    return pieces + [current]


def layout_code(lines: list[str], box: Box, top: float, low: float, pref: float | None = None) -> tuple[float, list[list[str]], int]:
    """The size the code is set at, its lines in pages that each fit `box`, and how many lines had to be cut
    (wider than the box at the smallest size `low`). The size fits the widest line, at most `top`; when the
    lines do not fit one page at it, a smaller size (not below `pref`, default `low`) that fits them all is
    taken, else they are split over pages at `pref`, at blank lines where one is near."""
    widest = max((line_em(line) for line in lines), default=1.0) or 1.0
    size = max(low, min(top, box.text_w / widest))
    cut = 0
    if widest * size > box.text_w:
        shown: list[str] = []
        for line in lines:
            pieces = _cut(line, box.text_w / size) if line_em(line) * size > box.text_w else [line]
            cut += len(pieces) > 1
            shown += pieces
        lines = shown
    if len(lines) * LINE_EM * size > box.text_h:  # all on one page if a smaller size (not below `pref`) allows
        floor = max(low, min(size, pref if pref is not None else low))
        size = max(floor, min(size, box.text_h / (len(lines) * LINE_EM)))
    per_page = max(1, int(box.text_h // (LINE_EM * size)))
    pages: list[list[str]] = []
    start = 0
    while start < len(lines):
        end = min(len(lines), start + per_page)
        if end < len(lines):
            blank = max((i for i in range(start + per_page // 2, end) if not lines[i].strip()), default=None)
            end = blank + 1 if blank is not None else end
        pages.append(lines[start:end])
        start = end
    return size, pages, cut


def plan_code(p: "Planner", role: Role, e: "Entry") -> None:
    """Code in a monospace font, one slide or continuation slides (`…（续）`), notes on the first; the bullets
    follow on a slide of their own."""
    node = e.node
    assert node.code is not None
    slot = p.frames["code", "code"]
    sizes = p.sizes.code
    top = min(sizes.max, slot.max_size) if slot.max_size else sizes.max
    size, pages, cut = layout_code(code_lines(node.code), slot.box, top, min(sizes.min, top), min(sizes.pref, top))
    if cut:
        p.warn(e.path, f"{cut} code line(s) are wider than the slide at {size:g} pt and are cut over two lines")
    if len(pages) > 1:
        p.warn(e.path, f"the code does not fit one slide: split into {len(pages)} slides")
    for i, page in enumerate(pages):
        title = e.title if i == 0 else p.continued(e.title)
        box = slot.box
        height = len(page) * LINE_EM * size + box.inset_t + box.inset_b + size * 0.3  # the frame hugs the code
        plan = CodePlan(tuple(page), size, Box(box.x, box.y, box.w, min(box.h, height), box.inset_l, box.inset_r,
                                               box.inset_t, box.inset_b))
        if i == 0:
            p.slide(Role.CODE, p.title_text(title, e.path), e, payload=plan)
        else:
            p.add(SlidePlan(Role.CODE, p.title_text(title, e.path), "", section=e.section, source=p.slides[-1].source,
                            where=p.where(e.path), ordinal=p.ordinal(e.path), payload=plan))
    p.rest(e)


PLANNERS: Mapping[Role, Callable[["Planner", Role, "Entry"], None]] = {Role.CODE: plan_code}
