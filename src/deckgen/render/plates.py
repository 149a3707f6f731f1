"""What a text box on a sample page stands on (its plate: a band, a circle) and the room it has there: a box
we fill stays on its plate (within a round plate's curve), and the drawings the plate hides do not bound it."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.render.room import Rect, share_inside

if TYPE_CHECKING:
    from deckgen.render.samples import Sample, TextShape

ON_PLATE = 0.8  # a drawing under this share of a text box or more is the plate the box stands on
INSET = 6.0  # points kept between text and its plate's edge


def plate(box: Rect, drawn: Sequence[Rect], largest: float) -> Optional[int]:
    """The index in `drawn` (the page's drawings in their drawing order) of the smallest drawing under most of
    `box` (`ON_PLATE`), smaller than `largest` (points²: larger ones are the page's background); None."""
    under = [i for i, b in enumerate(drawn) if b[2] * b[3] < largest and share_inside(box, b) >= ON_PLATE]
    return min(under, key=lambda i: drawn[i][2] * drawn[i][3], default=None)


def hidden(drawn: Sequence[Rect], at: Optional[int]) -> list[Rect]:
    """The drawings the plate at index `at` (an opaque one: filled, a picture) is drawn over (earlier in the
    drawing order) where it covers them: they are not seen there, so text on the plate may pass them."""
    if at is None:
        return []
    p = drawn[at]
    return [b for b in drawn[:at] if share_inside(b, p) > 0]


def on_plate(box: Rect, p: Rect, round_: bool) -> Rect:
    """`box` kept on its plate `p` (`INSET` from its edges): within the plate, and for a round plate (an
    ellipse) within its curve at the box's rows."""
    x, y, w, h = box
    left, right = max(x, p[0] + INSET), min(x + w, p[0] + p[2] - INSET)
    top, bottom = max(y, p[1] + INSET), min(y + h, p[1] + p[3] - INSET)
    if round_ and p[2] > 0 and p[3] > 0:
        half = _chord(p, top, bottom)
        left, right = max(left, p[0] + p[2] / 2 - half), min(right, p[0] + p[2] / 2 + half)
    return left, top, max(0.0, right - left), max(0.0, bottom - top)


def _chord(p: Rect, top: float, bottom: float) -> float:
    """Half the width (less `INSET`) of the ellipse in box `p` at the one of rows `top`…`bottom` farthest
    from its middle (where it is narrowest)."""
    cy, rx, ry = p[1] + p[3] / 2, p[2] / 2, p[3] / 2
    far = max(abs(top - cy), abs(bottom - cy))
    return max(0.0, rx * math.sqrt(max(0.0, 1 - min(1.0, far / ry) ** 2)) - INSET)


def roomiest(box: Rect, p: Rect) -> Rect:
    """The part of `box` (its top kept) on the round plate `p` with the largest area: lower rows are
    narrower in a circle, so the box ends where going lower loses more width than it gains height."""
    x, y, w, h = box
    cands = [on_plate((x, y, w, h * k / 20), p, True) for k in range(4, 21)]
    return max(cands, key=lambda b: b[2] * b[3])


def largest_free(frame: Rect, blocks: Sequence[Rect], gap: float = 6.0) -> Rect:
    """The largest rectangle inside `frame` that keeps `gap` clear of every block (its edges on the frame's
    and the blocks' edges), its height counted up to half its width (text reads across: a wide room holds
    lines better than a tall column); `frame` itself when nothing is in the way."""
    x, y, w, h = frame
    inside = [(b[0] - gap, b[1] - gap, b[2] + 2 * gap, b[3] + 2 * gap) for b in blocks if share_inside(frame, b) > 0]
    if not inside:
        return frame
    xs = sorted({x, x + w, *(v for b in inside for v in (b[0], b[0] + b[2]) if x < v < x + w)})
    ys = sorted({y, y + h, *(v for b in inside for v in (b[1], b[1] + b[3]) if y < v < y + h)})
    best, area = (x, y, 0.0, 0.0), 0.0
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1:]:
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1:]:
                    a = (x1 - x0) * min(y1 - y0, 0.5 * (x1 - x0))
                    if a <= area:
                        continue
                    if any(b[0] < x1 and b[0] + b[2] > x0 and b[1] < y1 and b[1] + b[3] > y0 for b in inside):
                        break  # a taller rectangle from this top crosses it too
                    best, area = (x0, y0, x1 - x0, y1 - y0), a
    return best


ONE_SIDED = 0.5  # a centred title grows to one side when that side's free room is this share of its width or more


def one_side(before: Rect, after: Rect, align: str) -> Optional[str]:
    """How a centred title box grown to one side only (`grown` with `one_sided`) aligns its text: from the side
    it kept (`l`, `r`), so the title stays beside what hemmed it in; None when it grew about its middle."""
    if align != "ctr" or after[2] <= before[2] + 1:
        return None
    if abs(after[0] - before[0]) < 1:
        return "l"
    if abs(after[0] + after[2] - before[0] - before[2]) < 1:
        return "r"
    return None


def grown(t: "TextShape", slots: dict[str, "TextShape"], slide: tuple[float, float], sample: Optional["Sample"],
          one_sided: bool = False) -> Rect:
    """The box of `t` grown into the free room around it (see `cloning.spread_title`): a title first cut clear
    of another box we fill that it overlaps (a vertical line through a cover's middle), then every box widened
    along its alignment (a title cut on one side: across the room on its other side) up to the text and
    drawings beside it (not those its plate hides) and its plate's edges (within a round plate's curve), and
    made taller where there is room below it. With `one_sided` (a content page's title), a centred box hemmed
    in on one side (a number badge beside it) and free on the other grows to the free side (`one_side`)."""
    from deckgen.render.room import clear_of

    x, y, w, h = t.box
    sw, sh = slide
    area = sw * sh
    drawn = sample.drawn if sample else []
    at = plate(t.box, drawn, 0.5 * area)
    under = hidden(drawn, at) if sample is not None and at is not None and drawn[at] in sample.opaque else []
    # the title yields to the other boxes we fill where it overlaps them (they keep the places of their lines)
    # and to an upright rule across it (a divider beside the sample's short title)
    title = t is slots.get("title")
    rules = [(b[0] - 2, b[1], 4.0, b[3]) for b in drawn if title and b[2] < 2 and b[3] >= 0.5 * h and b not in under
             and x < b[0] < x + w and b[1] < y + h and b[1] + b[3] > y]
    filled = [u.box for u in slots.values() if title and u is not t and share_inside(t.box, u.box) >= 0.1] + rules
    cut = clear_of(t.box, filled) if filled else t.box
    moved = cut != t.box
    x, y, w, h = cut
    blocks = [u.box for u in (sample.texts if sample else slots.values()) if u is not t]
    blocks += [b for b in drawn if 0.02 * area <= b[2] * b[3] < 0.5 * area and b not in under] + rules
    # a box drawn behind the text (a title bar, a label plate) bounds it; a band across the page, its height
    bands = [b for b in drawn if 0.3 * area <= b[2] * b[3] < 0.5 * area and b[2] >= 0.95 * sw
             and b[1] <= y + 1 and b[1] + b[3] >= y + h - 1]
    behind = [b for b in drawn if b[2] * b[3] < 0.3 * area and b[0] <= x + 1 and b[1] <= y + 1
              and b[0] + b[2] >= x + w - 1 and b[1] + b[3] >= y + h - 1]
    if at is not None and drawn[at] not in behind + bands:
        behind.append(drawn[at])
    row = [b for b in blocks if b[1] < y + h and b[1] + b[3] > y]
    right = min([b[0] for b in row if b[0] >= x + w - 1] + [b[0] + b[2] + 2 for b in behind], default=0.94 * sw) - 6
    left = max([b[0] + b[2] for b in row if b[0] + b[2] <= x + 1] + [b[0] - 2 for b in behind], default=0.06 * sw) + 6
    if t.vertical:  # lines run down: the box grows down as far as the page is free (and its round plate)
        below = [b[1] for b in blocks if b[1] > y + h - 1 and b[0] < x + w and b[0] + b[2] > x]
        box = x, y, w, max(h, min(min(below, default=0.94 * sh) - 6, 0.98 * sh) - y)
        if at is not None and sample is not None and drawn[at] in sample.rounds:
            y, x, h, w = on_plate(box[1::-1] + box[:1:-1], drawn[at][1::-1] + drawn[at][:1:-1], True)
            return x, y, w, h  # its columns kept within the curve as a line across is (the box turned)
        return box
    if t.align == "ctr" and moved:  # cut on one side: centred in the free room beside what it cleared
        x, w = min(x, left), max(x + w, right) - min(x, left)
    elif t.align == "ctr":
        half = max(w / 2, min(x + w / 2 - left, right - x - w / 2))
        free = max(right - x - w, x - left)
        if one_sided and not behind and free > ONE_SIDED * w and free > 2 * (2 * half - w):
            x, w = (x, right - x) if right - x - w >= x - left else (left, x + w - left)
        else:
            x, w = x + w / 2 - half, 2 * half
    elif t.align == "r":
        x, w = min(x, left), x + w - min(x, left)
    else:
        w = max(w, right - x)
    if x < 0 or x + w > sw:  # a box reaching off the slide: its text would too
        x = max(0.0, x)
        w = min(w, 0.98 * sw - x)
    below = [u.box[1] for u in slots.values() if u is not t and u.box[1] > y]
    below += [b[1] for b in blocks if b[1] > y + h - 1 and b[0] < x + w and b[0] + b[2] > x]
    if t is slots.get("title"):  # an accent rule under a title (a byline's underline is its own line: it may grow)
        below += [b[1] for b in drawn if b[1] > y + h - 1 and b[0] < x + w and b[0] + b[2] > x and b[2] >= 0.1 * w
                  and b not in under]
    below += [b[1] + b[3] + 2 for b in behind + bands]
    limit = min(below, default=sh * 0.9) - 4
    h = max(h, min(2.2 * h, limit - y))
    if y + h > sh:
        h = max(sh - y, min(h, 0.98 * sh - y))
    if at is not None and sample is not None and drawn[at] in sample.rounds:
        return on_plate((x, y, w, h), drawn[at], True)
    return x, y, w, h


def holds(b: Rect, box: Rect) -> bool:
    """Whether `b` holds all of `box` (within a point): a plate the text stands on."""
    return b[0] <= box[0] + 1 and b[1] <= box[1] + 1 and b[0] + b[2] >= box[0] + box[2] - 1 and b[1] + b[3] >= box[1] + box[3] - 1


def cleared_with(drawn: Sequence[Rect], gone: Sequence[Rect], kept: Sequence[Rect], slide: tuple[float, float]) -> list[Rect]:
    """The drawings that go with the texts a copy clears (`gone`): the small plates behind them (a button under a
    presenter's name, under a tenth of the slide) and a rule right under one (its underline), when no text the copy
    keeps (`kept`) stands on them."""
    w, h = slide

    def underline(b: Rect, t: Rect) -> bool:
        across = min(b[0] + b[2], t[0] + t[2]) - max(b[0], t[0])
        return b[3] <= 4 and b[2] > 4 * max(b[3], 1) and t[1] + t[3] - 4 <= b[1] <= t[1] + t[3] + 0.03 * h \
            and across >= 0.5 * min(b[2], t[2])

    return [b for b in drawn if b[2] * b[3] < 0.1 * w * h and any(holds(b, g) or underline(b, g) for g in gone)
            and not any(holds(b, k) or underline(b, k) or share_inside(k, b) > 0.3 for k in kept)]


def strip_regions(boxes: Sequence[Rect], slide: tuple[float, float]) -> tuple[tuple[float, float, float, float, float], ...]:
    """Regions (`Slots.strip`) that clear the drawings at `boxes` off a copy: each box and 2 pt around it (a rule is
    a hairline), with the share of the slide it covers."""
    area = slide[0] * slide[1]
    return tuple((b[0] - 2, b[1] - 2, b[2] + 4, b[3] + 4, (b[2] + 4) * (b[3] + 4) / area + 1e-3) for b in boxes)
