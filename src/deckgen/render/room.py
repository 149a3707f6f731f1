"""Room on a template's layout: the pictures and drawn shapes text must keep clear of, and free frames for
text a layout has no placeholder for."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from deckgen.package import ns
from deckgen.render.pptx_api import element
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.slide import SlideLayout

P = "{%s}" % ns.P
A = "{%s}" % ns.A
Rect = tuple[float, float, float, float]  # x, y, w, h in points
MIN_KEEP = 0.45  # a frame cut around an obstacle keeps at least this share of its area, else it stays


def _xfrm(el: "_Element") -> Optional[Rect]:
    for path in (f"{P}spPr/{A}xfrm", f"{P}grpSpPr/{A}xfrm", f"{P}xfrm"):
        x = el.find(path)
        if x is not None:
            off, ext = x.find(f"{A}off"), x.find(f"{A}ext")
            if off is not None and ext is not None:
                try:
                    return (int(off.get("x", "0")) / EMU_PER_PT, int(off.get("y", "0")) / EMU_PER_PT,
                            int(ext.get("cx", "0")) / EMU_PER_PT, int(ext.get("cy", "0")) / EMU_PER_PT)
                except ValueError:
                    return None
    return None


def _drawn(tree: Optional["_Element"], pictures_only: bool = False) -> list[Rect]:
    """Boxes of the pictures, drawn shapes, groups and frames (not placeholders) of a shape tree."""
    out = []
    for child in tree if tree is not None else []:
        tag = child.tag.replace(P, "")
        if tag not in (("pic",) if pictures_only else ("pic", "sp", "grpSp", "cxnSp", "graphicFrame")):
            continue
        if child.find(f".//{P}nvPr/{P}ph") is not None and tag in ("sp", "pic"):
            continue
        box = _xfrm(child)
        if box is not None and box[2] > 0 and box[3] > 0:
            out.append(box)
    return out


def own_texts(layout: "SlideLayout") -> list[Rect]:
    """Boxes of the text a layout shows of its own: text boxes and groups holding words, not placeholders."""
    out = []
    for child in element(layout).find(f"{P}cSld/{P}spTree"):
        if child.tag not in (f"{P}sp", f"{P}grpSp") or child.find(f".//{P}nvPr/{P}ph") is not None:
            continue
        if any((t.text or "").strip() for t in child.iter(f"{A}t")):
            box = _xfrm(child)
            if box is not None and box[2] > 0 and box[3] > 0:
                out.append(box)
    return out


def obstacles(layout: "SlideLayout", slide: tuple[float, float], pictures_only: bool = False) -> list[Rect]:
    """What text on `layout` keeps clear of: its pictures and drawn shapes, and its master's when the
    layout shows them (only pictures with `pictures_only`: the logos a placeholder keeps clear of). Backgrounds (shapes over a quarter of the slide) and full-width bands are not
    obstacles: text may sit on them, as the template's own placeholders do."""
    w, h = slide
    el = element(layout)
    boxes = _drawn(el.find(f"{P}cSld/{P}spTree"), pictures_only)
    if el.get("showMasterSp", "1") not in ("0", "false"):
        boxes += _drawn(element(layout.slide_master).find(f"{P}cSld/{P}spTree"), pictures_only)
    return [b for b in boxes if b[2] * b[3] < 0.25 * w * h and b[2] < 0.8 * w and b[3] < 0.8 * h]


def edge_bands(layout: "SlideLayout", slide: tuple[float, float]) -> list[Rect]:
    """The narrow bands down a side of the page that `layout` shows (a strip of stripes along the left edge,
    on the layout or its master): text reaching onto one from the page is cut back clear of it."""
    w, h = slide
    el = element(layout)
    boxes = _drawn(el.find(f"{P}cSld/{P}spTree"))
    if el.get("showMasterSp", "1") not in ("0", "false"):
        boxes += _drawn(element(layout.slide_master).find(f"{P}cSld/{P}spTree"))
    return [b for b in boxes if b[3] >= 0.8 * h and b[2] < 0.2 * w and (b[0] <= 0.01 * w or b[0] + b[2] >= 0.99 * w)]


def _overlap(a: Rect, b: Rect) -> float:
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def share_inside(box: Rect, region: Rect) -> float:
    """The share of `box` that lies inside `region` (on a plate at `region`)."""
    area = box[2] * box[3]
    return _overlap(box, region) / area if area > 0 else 0.0


def clear_of(frame: Rect, blocks: list[Rect], gap: float = 6.0, keep: float = MIN_KEEP) -> Rect:
    """`frame` cut back so that it overlaps none of `blocks`: for each block in the way, the largest of the
    parts left, right, above or below it, if that keeps `keep` of the frame; else the frame as it is. A block
    grazing the frame (under 2 % of it, reaching in less than `DEEP` gaps) is let be; one reaching deeper in at
    an edge is in the way though small beside the frame (a circle across the start of a list's lines), as is one
    across the left edge, where lines start, more than a gap in and `DEEP` gaps down."""
    x, y, w, h = frame
    area = w * h
    for b in sorted(blocks, key=lambda b: -_overlap(frame, b)):
        cur = (x, y, w, h)
        if _overlap(cur, b) <= 0.02 * w * h and not _deep(cur, b, DEEP * gap) and not _at_line_starts(cur, b, gap, DEEP * gap):
            continue
        bx, by, bw, bh = b
        parts = [
            (x, y, bx - gap - x, h),                      # left of it
            (bx + bw + gap, y, x + w - (bx + bw + gap), h),  # right of it
            (x, y, w, by - gap - y),                      # above it
            (x, by + bh + gap, w, y + h - (by + bh + gap)),  # below it
        ]
        best = max((p for p in parts if p[2] > 0 and p[3] > 0), key=lambda p: p[2] * p[3], default=None)
        if best is not None and best[2] * best[3] >= keep * area:
            x, y, w, h = best
    return x, y, w, h


DEEP = 4.0  # a block reaching this many gaps into a frame across and down is in its way, however small


def _at_line_starts(frame: Rect, b: Rect, gap: float, depth: float) -> bool:
    """Whether `b` crosses the frame's left edge, where its lines start, more than `gap` in and more than `depth`
    down (a circle over the first line of a list: `一、` under it), however little of the frame it covers."""
    dx = min(frame[0] + frame[2], b[0] + b[2]) - frame[0]
    dy = min(frame[1] + frame[3], b[1] + b[3]) - max(frame[1], b[1])
    return b[0] < frame[0] and dx > gap and dy > depth


def _deep(frame: Rect, b: Rect, depth: float) -> bool:
    """Whether `b` reaches more than `depth` into `frame` both across and down."""
    dx = min(frame[0] + frame[2], b[0] + b[2]) - max(frame[0], b[0])
    dy = min(frame[1] + frame[3], b[1] + b[3]) - max(frame[1], b[1])
    return dx > depth and dy > depth


def free_frames(layout: "SlideLayout", slide: tuple[float, float], title: Optional[Rect], footer_top: Optional[float],
                ) -> tuple[Rect, Rect]:
    """Frames for a title and a body that `layout` has no placeholders for: the title in a band across the
    top (or where its title placeholder is), the body below it down to the footer, both clear of the
    layout's pictures and shapes."""
    w, h = slide
    blocks = obstacles(layout, slide)
    margin_x, margin_y = 0.06 * w, 0.05 * h
    title_frame = title or clear_of((margin_x, margin_y, w - 2 * margin_x, 0.15 * h), blocks)
    top = title_frame[1] + title_frame[3] + 0.03 * h
    # a strip across the page under the title bar, reaching past where the body starts: the body starts below it
    top = max([top] + [b[1] + b[3] + 0.015 * h for b in shown_drawings(layout) if b[2] >= 0.8 * w and b[3] < 0.1 * h
                       and b[1] < top < b[1] + b[3]])
    bottom = min(footer_top if footer_top and footer_top > top + 0.2 * h else 0.92 * h, 0.92 * h)
    body = clear_of((margin_x, top, w - 2 * margin_x, bottom - top), blocks)
    return title_frame, body


LINES_MIN = 0.1  # the room below a title must be this share of the slide's height to take a cover's lines


def lines_below(layout: "SlideLayout", slide: tuple[float, float], title: Rect, footer_top: Optional[float]) -> Optional[Rect]:
    """A frame for the lines a cover or closing page shows under its title (subtitle, presenter, date) on a
    layout with no placeholder for them: the room under the title, as wide as it, down to the footer, the
    first drawing (a band across the page too, not a background) or text of the layout's own below it; None
    when that is too low for a line or two."""
    w, h = slide
    x, y, tw, th = title
    top = y + th + 0.02 * h
    bottom = min(footer_top if footer_top and footer_top > top else 0.92 * h, 0.92 * h)
    el = element(layout)
    drawn = _drawn(el.find(f"{P}cSld/{P}spTree"))
    if el.get("showMasterSp", "1") not in ("0", "false"):
        drawn += _drawn(element(layout.slide_master).find(f"{P}cSld/{P}spTree"))
    # bands across the page (a photograph under the title) bound the room too; a background does not
    for b in [b for b in drawn if b[2] * b[3] < 0.6 * w * h] + own_texts(layout):
        if b[0] < x + tw and b[0] + b[2] > x and b[1] + b[3] > top and b[1] < bottom:
            if b[1] <= top:  # a drawing reaching past the title's foot: the room starts below it
                top = b[1] + b[3] + 6
            else:
                bottom = b[1] - 6
    if bottom - top < LINES_MIN * h:
        return None
    return x, top, tw, min(bottom - top, 0.3 * h)


STRIP_CAP = 0.4  # a strip grows to at most this share of the slide's height (four lines of a large title)


def shown_drawings(layout: "SlideLayout") -> list[Rect]:
    """Boxes of the drawings `layout` shows (its own, and its master's unless it hides them)."""
    el = element(layout)
    drawn = _drawn(el.find(f"{P}cSld/{P}spTree"))
    if el.get("showMasterSp", "1") not in ("0", "false"):
        drawn += _drawn(element(layout.slide_master).find(f"{P}cSld/{P}spTree"))
    return drawn


def grown_strip(layout: "SlideLayout", slide: tuple[float, float], at: Rect, anchor: str, others: list[Rect],
                need: float, ink: Optional[Callable[[Rect], list[Rect]]] = None, gap: float = 6.0,
                least: Optional[float] = None) -> Optional[Rect]:
    """A one-line text strip of `layout` (`at`, less tall than `need`: two lines of a title) grown into the free
    room of the page on the side its text is anchored away from (up for text anchored at the bottom, down
    for text at the top, both ways for centred text), so that its text stays where it was while longer text
    takes more lines: as far as the page is free of the layout's and master's drawings (a background
    excepted), its own words, the boxes `others` (its other placeholders) and what `ink` finds drawn into
    the page's picture in a region; within 5 % margins and at most `STRIP_CAP` of the slide's height. A
    drawing behind the strip (a plate, a band) holds it. None when the strip is tall enough, or the room
    does not give it `least` (default: `need`) of height."""
    w, h = slide
    x, y, sw, sh = at
    if sh >= need:
        return None
    top, bottom = 0.05 * h, 0.95 * h
    column = (x, top, sw, bottom - top)
    blocks = [b for b in shown_drawings(layout) if b[2] * b[3] < 0.6 * w * h] + own_texts(layout) + others
    blocks += ink(column) if ink is not None else []
    for b in blocks:
        if b[0] >= x + sw - 1 or b[0] + b[2] <= x + 1:
            continue  # beside the strip's column
        if b[0] <= x + 1 and b[1] <= y + 1 and b[0] + b[2] >= x + sw - 1 and b[1] + b[3] >= y + sh - 1:
            top, bottom = max(top, b[1]), min(bottom, b[1] + b[3])  # behind it: the strip stays on it
        elif b[1] + b[3] <= y + 2:
            top = max(top, b[1] + b[3] + gap)
        elif b[1] >= y + sh - 2:
            bottom = min(bottom, b[1] - gap)
        else:
            return None  # crossing the strip: it stays as it is
    cap = max(sh, STRIP_CAP * h)
    if anchor == "b":
        new_top = max(top, y + sh - cap)
        grown = (x, new_top, sw, y + sh - new_top)
    elif anchor == "t":
        grown = (x, y, sw, min(bottom, y + cap) - y)
    else:
        more = max(0.0, min(y - top, bottom - y - sh, (cap - sh) / 2))
        grown = (x, y - more, sw, sh + 2 * more)
    return grown if grown[3] >= (need if least is None else least) else None
