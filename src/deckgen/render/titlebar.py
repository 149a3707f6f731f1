"""A content page's title on a bar too short for the lecture's titles (a 模板's tab): the bar stretched along its
row into the free room beside it, and the title's box with it, so long titles keep the deck's title size."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.render.plates import hidden, plate
from deckgen.render.samples import DECOR, A, P, Rect, Sample, TextShape
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from lxml.etree import _Element

Stretch = tuple[float, float, float, float, float, float]  # a drawing's box (pt), its new left edge and width
SHORT = 0.55  # a bar narrower than this share of the slide's width may be too short for a title
LOW = 0.2  # a bar is at most this share of the slide's height tall
GAIN = 1.25  # the free room must make the bar this much wider, or it stays
CAP = 1.8  # the bar grows to at most this many times its width
GAP = 6.0  # points kept from what stands beside the bar


def stretched_bar(sample: Sample, title: TextShape, box: Rect, slide: tuple[float, float]) -> Optional[tuple[Rect, Stretch]]:
    """The title's `box` widened with the bar it stands on (the smallest drawing under most of the title, no
    wider than `SHORT` of the slide and no taller than `LOW`), and the bar's stretch, when the bar's row has
    free room beside it (up to the drawings and the texts the copies keep there, within 4 % margins) that makes it `GAIN` times as
    wide: the bar grows into it on each side in proportion to the room there (a bar hung from a string or pin:
    as much on each side), to at most `CAP` times its width. None when the title stands on no such bar, a round one, one drawn in a group (only the page's own
    drawings are stretched), or one with something across its row."""
    sw, sh = slide
    at = plate(title.box, sample.drawn, 0.5 * sw * sh)
    if at is None:
        return None
    bar = sample.drawn[at]
    x, y, w, h = bar
    if bar in sample.rounds or w >= SHORT * sw or h > LOW * sh or (shape := _preset(sample, bar)) is None:
        return None
    under = hidden(sample.drawn, at) if bar in sample.opaque else []
    row = [b for b in sample.drawn if b is not bar and b not in under and b[2] * b[3] < 0.5 * sw * sh
           and min(b[1] + b[3], y + h) - max(b[1], y) > 0.3 * min(h, b[3])]
    row += [t.box for t in sample.texts if t is not title and DECOR.match(t.text) and min(t.box[1] + t.box[3], y + h) - max(t.box[1], y) > 0.3 * h
            and not (t.box[0] >= x - 1 and t.box[0] + t.box[2] <= x + w + 1)]
    if any(b[0] < x + w - 1 and b[0] + b[2] > x + 1 for b in row):
        return None  # something across the bar's row (a logo on it): it stays
    left = max([b[0] + b[2] for b in row if b[0] + b[2] <= x + 1] + [0.04 * sw]) + GAP
    right = min([b[0] for b in row if b[0] >= x + w - 1] + [0.96 * sw]) - GAP
    room_l, room_r = max(0.0, x - left), max(0.0, right - x - w)
    if _hung(sample.drawn, bar, under):  # a tag on a string: it stays centred under what holds it
        room_l = room_r = min(room_l, room_r)
    if w + room_l + room_r < GAIN * w:
        return None
    grow = min(room_l + room_r, (CAP - 1) * w)
    gl = grow * room_l / (room_l + room_r)
    left, right = box[0] - gl, box[0] + box[2] - gl + grow
    if shape not in RECTANGULAR:  # a slanted or pointed end: the text keeps to the bar's square middle
        left, right = max(left, x - gl + h), min(right, x - gl + w + grow - h)
    if right - left <= box[2]:
        return None
    return (left, box[1], right - left, box[3]), (x, y, w, h, x - gl, w + grow)


RECTANGULAR = ("rect", "roundRect", "round2SameRect", "snip2SameRect")  # bars whose fill reaches their box's ends


def _preset(sample: Sample, bar: Rect) -> Optional[str]:
    """The preset shape of the drawing at `bar` at the top of the sample's shape tree (`""` for a freeform or a
    picture), or None when no drawing there is at the top (one inside a group). A `RECTANGULAR` preset fills its
    box to both ends; others have a slanted or pointed end (a parallelogram, a pentagon arrow, a freeform tab)."""
    from deckgen.render.pptx_api import element

    el = _find(element(sample.slide).find(f"{P}cSld/{P}spTree"), bar)
    if el is None:
        return None
    geom = el.find(f"{P}spPr/{A}prstGeom")
    return geom.get("prst", "") if geom is not None else ""


def _hung(drawn: Sequence[Rect], bar: Rect, under: Sequence[Rect]) -> bool:
    """Whether a narrower drawing within the bar's width meets its top or bottom edge (a string or pin a tag hangs
    from, a stem it stands on)."""
    x, y, w, h = bar
    return any(b is not bar and b not in under and b[2] < 0.5 * w and b[0] >= x - 1 and b[0] + b[2] <= x + w + 1
               and (y - GAP <= b[1] + b[3] <= y + 0.3 * h or y + 0.7 * h <= b[1] <= y + h + GAP) for b in drawn)


def _find(tree: "_Element", box: Sequence[float]) -> Optional["_Element"]:
    from deckgen.render.samples import _box

    for child in tree:
        if child.tag in (f"{P}sp", f"{P}pic"):
            at = _box(child, (1.0, 1.0, 0.0, 0.0))
            if at is not None and all(abs(a - b) <= 1 for a, b in zip(at, box)):
                return child
    return None


def stretch(tree: "_Element", stretched: Sequence[Stretch]) -> None:
    """Give the top-level drawings of a slide's tree at the given boxes their new left edge and width."""
    for *at, nx, nw in stretched:
        child = _find(tree, at)
        props = child.find(f"{P}spPr") if child is not None else None
        xfrm = props.find(f"{A}xfrm") if props is not None else None
        if xfrm is None or xfrm.find(f"{A}off") is None or xfrm.find(f"{A}ext") is None:
            continue
        xfrm.find(f"{A}off").set("x", str(round(nx * EMU_PER_PT)))
        xfrm.find(f"{A}ext").set("cx", str(round(nw * EMU_PER_PT)))
