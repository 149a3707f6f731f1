"""Regions of a copied sample page: what lies in one is stripped off the copy, a contents page's items take one,
and text added in one takes the look of the page's own text there."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.render.illustration import Region, frame_box
from deckgen.render.pptx_api import element
from deckgen.render.room import share_inside
from deckgen.render.samples import DECOR, P, Rect, Sample, TextShape, _group_box

if TYPE_CHECKING:
    from lxml.etree import _Element


def strip(tree: "_Element", region: Region, slide: tuple[float, float],
          keep: frozenset[int] = frozenset(), inherited: tuple[Optional["_Element"], ...] = ()) -> None:
    """Remove from a shape tree what lies in `region` (x, y, w, h: most of its box inside) and covers less
    than its last value's share of the slide (larger shapes are backgrounds), but the shapes whose ids are
    in `keep`; a placeholder without a box of its own lies where its layout's or master's is (`inherited`)."""
    w, h = slide
    share = region[4]
    for child in list(tree):
        if child.tag not in (f"{P}sp", f"{P}pic", f"{P}grpSp", f"{P}graphicFrame", f"{P}cxnSp"):
            continue
        cnv = child.find(f".//{P}cNvPr")
        if cnv is not None and (cnv.get("id") or "").isdigit() and int(cnv.get("id")) in keep:
            continue
        box = frame_box(child, inherited)
        if box is None or box[2] * box[3] >= share * w * h:
            continue
        box = (box[0], box[1], max(box[2], 1.0), max(box[3], 1.0))  # a straight line: as a hairline box
        if share_inside(box, region[:4]) >= 0.6:
            tree.remove(child)


def text_like(sample: Sample, used: set[int], region: Optional[Rect] = None) -> Optional[int]:
    """The id of the sample's text shape whose look suits text added in `region`: its largest text box not
    already used that lies mostly in the region (the page's own body copy there), so bullets read like
    the page's text on that background; None when there is none (the theme's text colour then)."""
    rest = [t for t in sample.texts if t.id not in used and not DECOR.match(t.text)
            and (region is None or share_inside(t.box, region) >= 0.5)]
    return max(rest, key=lambda t: t.area).id if rest else None


def item_region(sample: Sample, title: Optional[TextShape], slide: tuple[float, float]) -> Optional[Rect]:
    """The region a contents page's items take (the bounding box of their text boxes, or of the small groups
    that draw each item: its plate, number and icon with its text), to clear and hold the section list; None
    when the items are too few or small for that."""
    w, h = slide
    items = [t for t in sample.texts if t is not title and not DECOR.match(t.text) and t.box[1] > 0.05 * h]
    if len(items) < 2:
        return None
    plates = {}  # an item's text id → the box of the top-level group that draws the item
    for el in element(sample.slide).find(f"{P}cSld/{P}spTree").iterchildren(f"{P}grpSp"):
        box = _group_box(el)
        held = {int(c.get("id")) for c in el.iter(f"{P}cNvPr") if (c.get("id") or "").isdigit()}
        mine = [t for t in items if t.id in held]
        if box is not None and len(mine) == 1 and box[2] * box[3] < 0.1 * w * h:
            plates[mine[0].id] = box
    boxes = [plates.get(t.id, t.box) for t in items]
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    region = (x0, y0, x1 - x0, y1 - y0)
    return region if region[2] * region[3] >= 0.12 * w * h and region[2] >= 0.25 * w else None
