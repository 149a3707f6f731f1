"""A content page's body closed by a rule drawn under it (a 模板's bar above its conclusion line): the body
takes the free room below, and the rule moves down with it, so the page holds a designer's six bullets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.render.samples import A, P, Rect, Sample, TextShape
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from lxml.etree import _Element

Lowered = tuple[float, float, float, float, float]  # a drawing's box (pt) and how far down it moves
RULE_SHARE = 0.025  # a drawing at most this share of the slide's height tall, under the body's width, is its rule
GAIN = 0.08  # the room below the rule must add this share of the slide's height to the body
MARGIN = 0.04  # the moved rule keeps this share of the slide's height above the next drawing (a footer band)


def below_rule(sample: Sample, shapes: dict[str, TextShape], body: Rect,
               slide: tuple[float, float]) -> tuple[Rect, tuple[Lowered, ...]]:
    """`body` grown down into the free room below the rule that closes it, and the rule moved as far; `body`
    and nothing to move when no rule lies just under it (within 5 % of the slide's height) across most of its
    width, or the page below the rule is not free (a drawing crossing into it, a text the page keeps) or adds
    little. The sample's own texts below the rule that the slide does not use are cleared, so they do not count."""
    w, h = slide
    x, y, bw, bh = body
    bottom = y + bh

    def across(b: Rect) -> float:
        return min(b[0] + b[2], x + bw) - max(b[0], x)

    rules = [b for b in sample.drawn if b[3] <= RULE_SHARE * h and across(b) >= 0.6 * bw
             and bottom - 6 <= b[1] <= bottom + 0.05 * h]
    if not rules:
        return body, ()
    rule = min(rules, key=lambda b: b[1])
    below = rule[1] + rule[3]
    kept = [t.box for t in shapes.values() if t.box != body and t.box[1] >= y]
    others = [b for b in sample.drawn if b is not rule and b[2] * b[3] < 0.5 * w * h and across(b) > 0] + kept
    if any(b[1] < below - 1 < b[1] + b[3] for b in others if b[1] + b[3] > below + 1):
        return body, ()  # a drawing reaching down past the rule beside the body: the room is not free
    limit = min([b[1] for b in others if b[1] >= below - 1] + [0.94 * h]) - MARGIN * h
    drop = limit - below
    if drop < GAIN * h:
        return body, ()
    return (x, y, bw, bh + drop), ((*rule, drop),)


def lower(tree: "_Element", lowered: Sequence[Lowered], inherited: Sequence[Optional["_Element"]] = ()) -> None:
    """Move the top-level shapes of a slide's tree at the given boxes down by the given points."""
    from deckgen.render.illustration import frame_box

    for *at, drop in lowered:
        for child in tree:
            box = frame_box(child, inherited) if child.tag in (f"{P}sp", f"{P}cxnSp", f"{P}grpSp", f"{P}pic") else None
            if box is None or any(abs(a - b) > 1 for a, b in zip(box, at)):
                continue
            props = child.find(f"{P}grpSpPr" if child.tag == f"{P}grpSp" else f"{P}spPr")
            off = props.find(f"{A}xfrm/{A}off") if props is not None else None
            if off is not None:
                off.set("y", str(int(off.get("y", "0")) + round(drop * EMU_PER_PT)))
                break
