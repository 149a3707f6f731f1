"""The closing slide of a 模板 without an ending page: a copy of its cover, the closing line in the cover's title
box and the closing's lines in the cover's subtitle (or byline) box, grown into the room below the title."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from deckgen.outline.model import Role
from deckgen.render.layouts import Slots
from deckgen.render.plates import cleared_with, hidden, holds, roomiest, strip_regions
from deckgen.render.samples import DECOR, A, P, Rect, Sample, TextShape, assign

LINES_ROOM = 0.15  # the room on a title's plate that holds a closing's lines; less, and the room below the plate serves
DOT = 0.002  # a drawing smaller than this share of the slide (a dot on a circle's rim) is an ornament the lines may pass


def cover_closing(cover: Sample, slide: tuple[float, float]) -> Optional[Slots]:
    """Slots on a copy of `cover` for the closing slide, or None when the cover has no horizontal title with
    a subtitle or byline box below it. The closing line takes the cover's title box (widened as on the
    cover); its lines take the subtitle's (else the byline's) shape, with its look and alignment, in a box
    as wide as the title's and as tall as the room below allows: down to the next drawing, within the
    plate the title stands on (a picture band, a circle: within its curve), never over the slide's last 6 %;
    what that plate is drawn over is hidden, no obstacle. The texts the
    closing does not use are cleared with the plates behind them (a byline's button), so neither counts as
    an obstacle. Whether the lines fit there at a readable size is the build's to judge (`plain_closing`)."""
    from deckgen.render.cloning import NO_GROUP, THIN, _moved, spread_title

    w, h = slide
    shapes = assign(cover, Role.TITLE, slide)
    title = shapes.get("title")
    if title is None or title.vertical:
        return None
    lines = next((t for name in ("subtitle", "byline") if (t := shapes.get(name)) is not None and not t.vertical
                  and t.box[1] >= title.box[1] + 0.5 * title.box[3]), None)
    if lines is None:
        return None
    gone = [t for t in cover.texts if t.id not in (title.id, lines.id) and not DECOR.match(t.text)]
    plates = cleared_with(cover.drawn, [t.box for t in gone], [t.box for t in cover.texts if t not in gone], slide)
    page = replace(cover, texts=[t for t in cover.texts if t not in gone], drawn=[b for b in cover.drawn if b not in plates])
    box = spread_title({"title": title}, slide, page)[0]["title"]
    area = w * h
    behind = [b for b in page.drawn if b[2] * b[3] < 0.9 * area and holds(b, title.box)]
    plate = min(behind, key=lambda b: b[2] * b[3], default=None)  # what the title stands on: a band, a circle
    if plate is not None:
        box = _within(box, (plate[0] + 6, plate[0] + plate[2] - 6), title.align)
    under = hidden(page.drawn, page.drawn.index(plate)) if plate in cover.opaque else []  # covered by the plate: unseen
    others = [b for b in page.drawn if min(b[2], b[3]) >= THIN and DOT * area <= b[2] * b[3] < 0.5 * area
              and b not in behind and b not in under]
    wide, box = box, _beside(box, others, box[1], box[1] + box[3], title.align)
    top = max(lines.box[1], box[1] + box[3] + 4)
    x, bw = wide[0], wide[2]  # the lines may take the title's room where the title's row is narrower
    # a drawing reaching into the room's top: the lines start below it
    top = max([top] + [b[1] + b[3] + 2 for b in others if b[1] < top < b[1] + b[3] and b[0] < x + bw and b[0] + b[2] > x])
    limits = [0.94 * h] + [b[1] - 6 for b in others if b[1] >= top - 1 and b[0] < x + bw and b[0] + b[2] > x]
    if plate is not None:
        limits.append(plate[1] + plate[3] - max(6.0, 0.05 * plate[3]))  # the lines stay on the title's plate
    limits += [t.box[1] - 6 for t in page.texts if t is not title and t is not lines and t.box[1] >= top
               and t.box[0] < x + bw and t.box[0] + t.box[2] > x]
    bottom = min(limits)
    x, bw = _beside(wide, others, top, bottom, title.align)[0::2]
    room: Rect = (x, top, bw, bottom - top)
    if plate is not None and plate in cover.rounds:  # on a circle: the lines where its curve leaves them most room
        room = roomiest(room, plate)
    if room[3] < 0.08 * h or bw < 0.15 * w:
        return None
    boxes = {"title": box, "body": room}
    return Slots(sample=cover.slide, shape_ids={"title": title.id, "body": lines.id}, boxes=boxes,
                 strip=strip_regions(plates, slide),
                 resized={name: (boxes[name], t.transform) for name, t in (("title", title), ("body", lines))
                          if _moved(boxes[name], t.box) or t.transform != NO_GROUP})


def ending_lines(s: Slots, page: Sample, shape: TextShape, slide: tuple[float, float], grow: bool = False) -> None:
    """On slots `s` of an ending page: without a text box for the closing's lines (`shape` its title), a text box
    for them in the room below its title (`ending_room`), aligned as the title, the title's box kept to its own
    height (not grown for a second line into that room); nothing when the room is too small. With `grow`
    (`shape` the page's text box for the lines), that box grown into the room below it."""
    if grow:
        _grown_lines(s, page, shape, slide)
        return
    title = shape
    grown = s.boxes["title"]
    own = (grown[0], grown[1], grown[2], min(grown[3], title.box[3]))
    room = ending_room(page, own, slide, (title.box[0], title.box[2]))
    if room is None:
        return
    s.boxes["title"], s.boxes["body"], s.align["body"] = own, room, title.align
    s.resized["title"] = (own, title.transform)


def _grown_lines(s: Slots, page: Sample, lines: TextShape, slide: tuple[float, float]) -> None:
    """On slots `s` of an ending page with a text box for the closing's lines (a presenter's line under the
    title, one line tall): that box grown down into the free room below it (`ending_room` from its top, within
    the plate it stands on), so the closing's lines are set there at a readable size rather than moved off the
    page. Only a text box whose text hangs from its top (a box anchored at its middle or bottom would move its
    text); never shrunk."""
    from deckgen.render.cloning import NO_GROUP, _moved
    from deckgen.render.pptx_api import element
    from deckgen.render.samples import shape_by_id

    if lines.placeholder or lines.vertical:
        return
    sp = shape_by_id(element(page.slide).find(f"{P}cSld/{P}spTree"), lines.id)
    body_pr = sp.find(f"{P}txBody/{A}bodyPr") if sp is not None else None
    if body_pr is None or body_pr.get("anchor", "t") != "t":
        return
    x, y, w, h = s.boxes["body"]
    room = ending_room(page, (x, y - 4, w, 0.0), slide)
    if room is None:
        return
    area = slide[0] * slide[1]
    bottom = min([room[1] + room[3]] + [b[1] + b[3] - 4 for b in page.drawn if holds(b, (x, y, w, h)) and b[2] * b[3] < 0.5 * area])
    if bottom - y <= h:
        return
    s.boxes["body"] = grown = (room[0], y, room[2], bottom - y)
    if _moved(grown, lines.box) or lines.transform != NO_GROUP:
        s.resized["body"] = (grown, lines.transform)


def ending_room(page: Sample, title: Rect, slide: tuple[float, float],
                span: Optional[tuple[float, float]] = None) -> Optional[Rect]:
    """The room on an ending page below its title box `title` (as grown on the page) for the closing's lines, when
    the page has no text box for them: as wide as the title, down to the next drawing under it (one at the end of its
    span, a corner bracket, narrows it), never over the slide's last 6 %; on the plate the title stands on (a frame,
    a band), or below the plate when the plate leaves them little room and below holds more; None when it is too
    small to hold a line (8 % of the slide's height, 15 % of its width)."""
    from deckgen.render.cloning import THIN

    w, h = slide
    area = w * h
    behind = [b for b in page.drawn if holds(b, title)]
    others = [b for b in page.drawn if min(b[2], b[3]) >= THIN and DOT * area <= b[2] * b[3] < 0.5 * area and b not in behind]
    x, bw = title[0], title[2]
    top = title[1] + title[3] + 4
    top = max([top] + [b[1] + b[3] + 2 for b in others if b[1] < top < b[1] + b[3] and b[0] < x + bw and b[0] + b[2] > x])
    sx, sw = span or (x, bw)  # drawings under the title's own width end the room; those beside it narrow it

    def under(b: Rect) -> bool:  # across the span's middle or a fifth of it (a corner bracket at its end: beside)
        across = min(b[0] + b[2], sx + sw) - max(b[0], sx)
        return across > 0.2 * sw or b[0] < sx + sw / 2 < b[0] + b[2]

    def bottom_from(y: float) -> float:
        return min([0.94 * h] + [b[1] - 6 for b in others if b[1] >= y - 1 and under(b)])

    bottom = bottom_from(top)
    plate = min((b for b in behind if b[2] * b[3] < 0.5 * area), key=lambda b: b[2] * b[3], default=None)
    if plate is not None:  # the title's plate (a frame, a band): the lines on it, or below it when that holds more
        on = min(bottom, plate[1] + plate[3] - max(6.0, 0.05 * plate[3]))
        below = plate[1] + plate[3] + 6
        top, bottom = (top, on) if on - top >= LINES_ROOM * h or bottom_from(below) - below <= on - top \
            else (below, bottom_from(below))
    x, bw = _beside((x, top, bw, bottom - top), others, top, bottom, "l")[0::2]
    if bottom - top < 0.08 * h or bw < 0.15 * w:
        return None
    return x, top, bw, bottom - top


def _within(box: Rect, span: tuple[float, float], align: str) -> Rect:
    """`box` narrowed to the span (left, right); a centred box stays centred about its middle."""
    x, y, w, h = box
    left, right = max(x, span[0]), min(x + w, span[1])
    if align == "ctr":
        half = max(0.0, min(x + w / 2 - left, right - x - w / 2))
        return x + w / 2 - half, y, 2 * half, h
    return left, y, max(0.0, right - left), h


def _beside(box: Rect, others: list[Rect], y0: float, y1: float, align: str) -> Rect:
    """`box` narrowed to keep clear of the drawings beside it between `y0` and `y1` (a lamp hanging into
    it, a circle at its end): each on the side of the box's middle where it starts."""
    x, w = box[0], box[2]
    row = [b for b in others if b[1] < y1 and b[1] + b[3] > y0 and b[0] < x + w and b[0] + b[2] > x]
    left = max([x] + [b[0] + b[2] + 6 for b in row if b[0] + b[2] < x + w / 2])
    right = min([x + w] + [b[0] - 6 for b in row if b[0] >= x + w / 2])
    return _within(box, (left, right), align)
