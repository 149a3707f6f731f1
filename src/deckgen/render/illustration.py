"""A sample page's own content graphics (the pictures, charts, tables and diagrams that illustrate its sample
text, not the page's frame): found so that a copy of the page drops them and its body takes their room."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from deckgen.render.phbox import xfrm_points
from deckgen.render.pptx_api import element
from deckgen.render.room import clear_of, share_inside
from deckgen.render.samples import A, P, Rect, Sample, TextShape, _box, _group_box

if TYPE_CHECKING:
    from lxml.etree import _Element

EDGE = 0.01  # a drawing within this share of the slide's size from an edge touches it: a band, a bleed, a corner
SMALL, LARGE = 0.03, 0.5  # drawings below / above these shares of the slide are ornaments, logos / backgrounds
BAND = 6.0  # a drawing longer than this many times its width is a bar or a rule
ON = 0.6  # a text box with this share of it on a drawing stands on it: the drawing is its plate
IN_BODY = 0.9  # a graphic with this share of it within the page's body text box illustrates that text, at an edge too
SAME = 0.01  # boxes within this share of the slide's size of each other are the same place
Region = tuple[float, float, float, float, float]  # x, y, w, h, and the largest share of the slide cleared there


def _kind(el: "_Element") -> Optional[str]:
    """What sort of graphic a top-level shape is: `pic`, `frame` (chart, table, diagram), `group`, `fill` (a
    shape filled with a picture), or None for drawn shapes, text boxes, connectors and placeholders."""
    if el.tag == f"{P}pic":
        return "pic" if el.find(f"{P}nvPicPr/{P}nvPr/{P}ph") is None else None
    if el.tag == f"{P}graphicFrame":
        return "frame"
    if el.tag == f"{P}grpSp":
        return "group"
    if el.tag == f"{P}sp" and el.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None and el.find(f"{P}spPr/{A}blipFill") is not None:
        return "fill"
    return None


def frame_box(el: "_Element", inherited: Sequence[Optional["_Element"]] = ()) -> Optional[Rect]:
    """The box of a top-level shape on the slide (points); a placeholder without a box of its own is where its
    layout's or master's is (`inherited`)."""
    if el.tag == f"{P}grpSp":
        return _group_box(el)
    if el.tag == f"{P}graphicFrame":
        return xfrm_points(el.find(f"{P}xfrm"))
    return _box(el, (1.0, 1.0, 0.0, 0.0), inherited)


def _ids(el: "_Element") -> set[int]:
    return {int(c.get("id")) for c in el.iter(f"{P}cNvPr") if (c.get("id") or "").isdigit()}


def _transparent(el: "_Element") -> bool:
    """A picture drawn see-through (`alphaModFix` at half or less): a watermark."""
    fix = el.find(f".//{A}blip/{A}alphaModFix")
    return fix is not None and (fix.get("amt") or "100000").isdigit() and int(fix.get("amt") or "100000") <= 50000


def _places(samples: Iterable[Sample], skip: Sample) -> list[tuple[str, Rect]]:
    """The kind and box of every graphic on the other sample pages."""
    out = []
    for s in samples:
        if s is skip:
            continue
        for el in element(s.slide).find(f"{P}cSld/{P}spTree"):  # type: ignore[union-attr]
            kind, box = _kind(el), frame_box(el)
            if kind is not None and box is not None:
                out.append((kind, box))
    return out


def illustrations(sample: Sample, samples: list[Sample], kept: dict[str, TextShape],
                  slide: tuple[float, float]) -> list[tuple[int, Rect]]:
    """The content graphics of `sample` (cNvPr id and box): pictures, charts, tables, diagrams, picture-filled
    shapes and groups that illustrate the sample's own text. Decoration stays: what touches a page edge (bands,
    bleeds, corner ornaments; not a graphic within the body text's box that reaches the edge with it), what is
    small (logos, icons) or covers half the page (backgrounds), bars, what holds a box the copy keeps (`kept`: its title, label, body…) or sample text drawn over it (a plate), a
    see-through picture (a watermark), and what another sample page has in the same place (the page's frame)."""
    w, h = slide
    tree = element(sample.slide).find(f"{P}cSld/{P}spTree")  # type: ignore[union-attr]
    kept_ids = {t.id for t in kept.values()}
    kept_boxes = [t.box for name, t in kept.items() if name != "body"]
    body = kept["body"].box if "body" in kept else None
    texts = {t.id: t for t in sample.texts}
    elsewhere = _places(samples, sample)
    out: list[tuple[int, Rect]] = []
    order = list(tree)
    for i, el in enumerate(order):
        kind, box = _kind(el), frame_box(el)
        if kind is None or box is None or box[2] <= 0 or box[3] <= 0:
            continue
        x, y, bw, bh = box
        inside = body is not None and share_inside(box, body) >= IN_BODY  # in the sample text's own box: it illustrates it
        if (x <= EDGE * w or y <= EDGE * h or x + bw >= (1 - EDGE) * w or y + bh >= (1 - EDGE) * h) and not inside:
            continue
        if not SMALL * w * h <= bw * bh < LARGE * w * h or max(bw / bh, bh / bw) > BAND:
            continue
        mine = _ids(el)
        if mine & kept_ids or (kind == "pic" and _transparent(el)):
            continue
        if any(share_inside(b, box) >= ON for b in kept_boxes):
            continue  # the title or the label stands on it: a title bar, a badge
        above = set().union(*(_ids(e) for e in order[i + 1:])) if i + 1 < len(order) else set()
        if any(share_inside(t.box, box) >= ON for tid, t in texts.items() if tid in above and tid not in mine):
            continue  # sample text drawn over it: a plate or a picture behind text
        if any(k == kind and all(abs(a - b) <= SAME * max(w, h) for a, b in zip(p, box)) for k, p in elsewhere):
            continue  # the same drawing in the same place on another page: the page's frame
        cnv = el.find(f".//{P}cNvPr")
        out.append((int(cnv.get("id")) if cnv is not None and (cnv.get("id") or "").isdigit() else 0, box))
    return out


def frames_kept(sample: Sample, samples: list[Sample], slide: tuple[float, float]) -> int:
    """How many of the sample's charts, tables and diagrams a copy of it keeps: those that are not its content
    graphics (a copy drops those, so they do not keep the page from being copied)."""
    if not sample.frames or sample.role is None:
        return sample.frames
    from deckgen.render.samples import assign

    gone = {i for i, _ in illustrations(sample, samples, assign(sample, sample.role, slide), slide)}
    tree = element(sample.slide).find(f"{P}cSld/{P}spTree")  # type: ignore[union-attr]
    return sum(1 for el in tree if el.tag == f"{P}graphicFrame" and not _ids(el) & gone)


def widened(body: Rect, freed: list[Rect], sample: Sample, kept: dict[str, TextShape], gone: list[Rect],
            slide: tuple[float, float]) -> Rect:
    """The body box grown into the room of the graphics removed beside it (`freed`) and of the sample text the
    copy clears there: their bounding box with the body's, in the body's rows, cut back clear of what the
    page keeps (its other boxes, its drawings but those removed) and kept on the slide within 6 % margins.
    The body as it was when the grown box would lose more than its own room."""
    w, h = slide
    x0, y0, x1, y1 = body[0], body[1], body[0] + body[2], body[1] + body[3]
    room = [b for b in freed] + [t.box for t in sample.texts if t.id not in {k.id for k in kept.values()}]
    for b in room:
        if b[1] < y1 and b[1] + b[3] > y0:  # in the body's rows: the room beside it
            x0, x1 = min(x0, b[0]), max(x1, b[0] + b[2])
            y1 = max(y1, min(b[1] + b[3], 0.94 * h)) if b in freed else y1
    x0, x1 = max(x0, min(body[0], 0.06 * w)), min(x1, max(body[0] + body[2], 0.94 * w))
    grown = (x0, y0, x1 - x0, y1 - y0)
    keep = [t.box for n, t in kept.items() if n != "body"] + [
        t.box for t in sample.texts if t.id not in {k.id for k in kept.values()} and _decor(t)]
    keep += [b for b in sample.drawn if b not in gone and min(b[2], b[3]) >= 4.0 and b[2] * b[3] < 0.25 * w * h
             and share_inside(grown, b) < 0.9 and share_inside(b, grown) > 0]
    cut = clear_of(grown, keep, keep=0.3)
    if any(share_inside(cut, b) > 0.02 for b in keep) or cut[2] * cut[3] < body[2] * body[3]:
        return body
    return cut


def _decor(t: TextShape) -> bool:
    from deckgen.render.samples import DECOR

    return DECOR.match(t.text) is not None


def drop_illustrations(sample: Sample, samples: list[Sample], shapes: dict[str, TextShape], boxes: dict[str, Rect],
                        slide: tuple[float, float]) -> tuple[Region, ...]:
    """Regions that clear the sample's content graphics (`illustration.illustrations`) off its copies, each just
    the graphic; the body box (in `boxes`) grown into the room they leave."""
    gone = [b for _, b in illustrations(sample, samples, shapes, slide)]
    if gone and "body" in boxes:
        boxes["body"] = widened(boxes["body"], gone, sample, shapes, gone, slide)
    area = slide[0] * slide[1]
    return tuple((*b, b[2] * b[3] / area + 0.001) for b in gone)
