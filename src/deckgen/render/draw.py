"""The render functions of the kinds beyond text placeholders: shapes with text, pictures, charts, tables.

Each draws what its slide's plan carries (`SlidePlan.payload`) as native, editable PowerPoint objects:
rounded rectangles and text boxes, a picture in the layout's picture placeholder, a chart with its data in
an embedded workbook, a table with a header row. A picture, chart or table goes into the layout's
placeholder for it when there is one (so the slide keeps its place in the layout), else at its frame.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Optional

from lxml import etree

from deckgen.plan.model import Block, Blocks, PicturePlan, SlidePlan
from deckgen.render.factory import ph_key
from deckgen.render.oxml import A, P, R, next_shape_id, qn, sub
from deckgen.render.pptx_api import element
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from deckgen.plan.grid import Box
    from deckgen.render.factory import NewSlide
    from deckgen.render.layouts import Slots

PhKey = tuple[str, int]
HAIRLINE_EMU = 9525
ROUND_ADJ = 6000  # corner radius of cards: 6 % of the shorter side
# Placeholder types that take each kind of graphic (obj: a content placeholder, which takes any).
TAKES = {"pic": ("pic", "obj"), "chart": ("chart", "obj"), "tbl": ("tbl", "obj")}


def emu(v: float) -> int:
    return round(v * EMU_PER_PT)


def solid(parent: etree._Element, color: str) -> None:
    """A solid fill of the scheme colour `color` (`accent1`, `dk1`…) under `parent`."""
    sub(sub(parent, "a:solidFill"), "a:schemeClr", val=color)


def run(p: etree._Element, text: str, lang: str, size: float, bold: bool = False, color: str = "") -> None:
    """Append a run of `text` to the paragraph `p`: its language, size, weight and scheme colour."""
    r = sub(p, "a:r")
    rpr = sub(r, "a:rPr", lang=lang, sz=str(round(size * 100)), b="1" if bold else "0", dirty="0")
    if lang.split("-")[0] != "en":
        rpr.set("altLang", "en-US")
    if color:
        solid(rpr, color)
    sub(r, "a:t").text = text


def shape_head(shape_id: int, name: str, box: Box, prst: str, *, text_box: bool
               ) -> tuple[etree._Element, etree._Element, etree._Element]:
    """A new shape (`p:sp`) named `name` at `box` in the preset geometry `prst`: the shape, its `p:spPr` (to
    take fill and line next) and its `a:avLst` (for the geometry's adjustments)."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    sub(nv, "p:cNvSpPr", txBox="1") if text_box else sub(nv, "p:cNvSpPr")
    sub(nv, "p:nvPr")
    sppr = sub(sp, "p:spPr")
    xfrm = sub(sppr, "a:xfrm")
    x, y, w, h = box.emu()
    sub(xfrm, "a:off", x=str(x), y=str(y))
    sub(xfrm, "a:ext", cx=str(w), cy=str(h))
    return sp, sppr, sub(sub(sppr, "a:prstGeom", prst=prst), "a:avLst")


def block_sp(shape_id: int, b: Block, lang: str) -> etree._Element:
    """A shape (`p:sp`) for the block `b`: its geometry, fill and outline, and its paragraphs of runs."""
    sp, sppr, geom = shape_head(shape_id, b.name, b.box, b.shape, text_box=not (b.fill or b.line))
    inset = 0.0  # the geometry's own text inset: a rounded rectangle sets text inside its corners
    if b.shape == "roundRect":
        sub(geom, "a:gd", name="adj", fmla=f"val {ROUND_ADJ}")
        inset = min(b.box.w, b.box.h) * ROUND_ADJ / 100000 * 0.29289
    if b.fill:
        solid(sppr, b.fill)
    else:
        sub(sppr, "a:noFill")
    ln = sub(sppr, "a:ln", w=str(HAIRLINE_EMU))
    solid(ln, b.line) if b.line else sub(ln, "a:noFill")
    tx = sub(sp, "p:txBody")
    box = b.box
    sub(sub(tx, "a:bodyPr", wrap="square", lIns=str(emu(max(0.0, box.inset_l - inset))),
              tIns=str(emu(max(0.0, box.inset_t - inset))), rIns=str(emu(max(0.0, box.inset_r - inset))),
              bIns=str(emu(max(0.0, box.inset_b - inset))), rtlCol="0", anchor=b.anchor), "a:normAutofit")
    sub(tx, "a:lstStyle")
    for i, runs in enumerate(b.paragraphs):
        p = sub(tx, "a:p")
        ppr = sub(p, "a:pPr", marL="0", indent="0", algn=b.align)
        sub(sub(ppr, "a:lnSpc"), "a:spcPct", val=str(round(b.line_spacing * 100000)))
        sub(sub(ppr, "a:spcBef"), "a:spcPts", val=str(round((b.space_before if i else 0) * 100)))
        sub(ppr, "a:buNone")
        for r in runs:
            run(p, r.text, lang, r.size, r.bold, r.color)
        sub(p, "a:endParaRPr", lang=lang, sz=str(round(runs[-1].size * 100)) if runs else "1800", dirty="0")
    return sp


def add_blocks(slide: "NewSlide", blocks: tuple[Block, ...], lang: str) -> None:
    """Draw `blocks` on the slide, after what is there (the reading order follows the plan's order)."""
    from deckgen.render.legible import calm, legible, scheme_of
    from deckgen.render.onpicture import page_colour

    tree = slide.tree
    scheme = scheme_of(slide.part) if any(b.fill for b in blocks) else {}
    filled = [b.box for b in blocks if b.fill]
    page = None
    if filled and scheme:  # one page colour for all the blocks of the slide: its cards are filled alike
        pres = slide.part.package.presentation_part.presentation
        x, y = min(f.x for f in filled), min(f.y for f in filled)
        area = (x, y, max(f.x + f.w for f in filled) - x, max(f.y + f.h for f in filled) - y)
        page = page_colour(slide, area, (pres.slide_width / 12700, pres.slide_height / 12700))
    for b in blocks:
        tree.append(block_sp(next_shape_id(tree), legible(calm(b, scheme, page), scheme), lang))


def adopt(slide: "NewSlide", slots: "Slots", name: str, graphic: etree._Element, kind: str) -> None:
    """Put `graphic` (a `p:pic` or `p:graphicFrame` just added) into the slide's placeholder for the slot
    `name` when the layout has one that takes a `kind` (`pic`, `chart`, `tbl`): it gets that placeholder's
    `p:ph` and its place in the shape tree, and the empty placeholder goes. Else it stays where it is."""
    target = slots.get(name)
    key = ph_key(element(target)) if target is not None else None
    sp = slide.placeholders.get(key) if key is not None else None
    if sp is None or key is None or key[0] not in TAKES[kind]:
        return
    nv_pr = next(graphic.iterchildren()).find(qn("p:nvPr"))
    nv_pr.insert(0, copy.deepcopy(sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")))
    sp.addprevious(graphic)
    sp.getparent().remove(sp)
    del slide.placeholders[key]


def describe(graphic: etree._Element, alt: str) -> None:
    """Give a picture, chart or table its alt text (`descr`), which screen readers read."""
    next(graphic.iterchildren()).find(qn("p:cNvPr")).set("descr", alt)


def fit_box(box_emu: tuple[int, int, int, int], size_px: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of the picture's proportions inside `box_emu`, centred: fitted, never stretched."""
    x, y, w, h = box_emu
    pw, ph = size_px
    scale = min(w / pw, h / ph)
    cw, ch = round(pw * scale), round(ph * scale)
    return x + (w - cw) // 2, y + (h - ch) // 2, cw, ch


def draw_picture(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """The picture fitted to its frame without distortion, in the layout's picture placeholder, with its
    alt text; bullets drawn beside it when the layout had no place for them."""
    from pptx.parts.image import Image

    plan = s.payload
    assert isinstance(plan, PicturePlan)
    box = fit_box(plan.box.emu(), Image.from_file(plan.path).size)
    pic = element(slide.part.slide.shapes.add_picture(plan.path, *box))
    pic.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}").set("name", f"Picture {plan.shown}"[:200])
    describe(pic, plan.alt)
    adopt(slide, slots, "picture", pic, "pic")
    add_blocks(slide, plan.beside, lang)


def draw_blocks(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """Cards, big numbers, or columns drawn where the layout has no placeholders for them."""
    if isinstance(s.payload, Blocks):
        add_blocks(slide, s.payload.items, lang)


def title_first(slide: "NewSlide") -> None:
    """Put the title placeholder first in the shape tree: screen readers read shapes in tree order."""
    tree = slide.tree
    shapes = [el for el in tree if el.tag != qn("p:nvGrpSpPr") and el.tag != qn("p:grpSpPr")]
    title = next((el for el in shapes if _ph_type(el) in ("title", "ctrTitle")), None)
    if title is not None and shapes and shapes[0] is not title:
        shapes[0].addprevious(title)


def _ph_type(el: etree._Element) -> Optional[str]:
    ph = el.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")
