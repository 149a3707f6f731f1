"""The render function of a code slide: the code's lines in a text box, monospace, unwrapped, at the planned size."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from deckgen.plan.model import CodePlan, SlidePlan
from deckgen.render.oxml import A, P, R, next_shape_id, qn

if TYPE_CHECKING:
    from deckgen.render.factory import NewSlide
    from deckgen.render.layouts import Slots

MONOSPACE = "Consolas"  # on every Windows and Mac Office; LibreOffice substitutes a metric-compatible face
HAIRLINE_EMU = 9525


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, qn(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def mono_fonts(rpr: etree._Element) -> None:
    """Give the run properties `rpr` the monospace face for Latin text, the theme's East Asian face for CJK."""
    _sub(rpr, "a:latin", typeface=MONOSPACE)
    _sub(rpr, "a:ea", typeface="+mn-ea")
    _sub(rpr, "a:cs", typeface=MONOSPACE)


def draw_code(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: "set[tuple[str, int]]") -> None:
    """The code of `s` as a text box at its frame: one paragraph per line, spaces kept, no wrapping, no
    bullets, a hairline frame; PowerPoint's autofit off (the size was fitted)."""
    plan = s.payload
    assert isinstance(plan, CodePlan)
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = _sub(sp, "p:nvSpPr")
    _sub(nv, "p:cNvPr", id=str(next_shape_id(slide.tree)), name="Code")
    _sub(nv, "p:cNvSpPr", txBox="1")
    _sub(nv, "p:nvPr")
    sppr = _sub(sp, "p:spPr")
    xfrm = _sub(sppr, "a:xfrm")
    x, y, w, h = plan.box.emu()
    _sub(xfrm, "a:off", x=str(x), y=str(y))
    _sub(xfrm, "a:ext", cx=str(w), cy=str(h))
    _sub(_sub(sppr, "a:prstGeom", prst="rect"), "a:avLst")
    _sub(sppr, "a:noFill")
    ln = _sub(sppr, "a:ln", w=str(HAIRLINE_EMU))
    _sub(_sub(ln, "a:solidFill"), "a:schemeClr", val="tx1")
    tx = _sub(sp, "p:txBody")
    box = plan.box
    body = _sub(tx, "a:bodyPr", wrap="none", lIns=str(round(box.inset_l * 12700)), rIns=str(round(box.inset_r * 12700)),
                tIns=str(round(box.inset_t * 12700)), bIns=str(round(box.inset_b * 12700)), anchor="t", rtlCol="0")
    _sub(body, "a:noAutofit")
    _sub(tx, "a:lstStyle")
    size = str(round(plan.size * 100))
    for line in plan.lines:
        p = _sub(tx, "a:p")
        ppr = _sub(p, "a:pPr", marL="0", indent="0", algn="l")
        _sub(_sub(ppr, "a:lnSpc"), "a:spcPct", val="100000")
        _sub(_sub(ppr, "a:spcBef"), "a:spcPts", val="0")
        _sub(ppr, "a:buNone")
        if line:
            r = _sub(p, "a:r")
            rpr = _sub(r, "a:rPr", lang="en-US", sz=size, dirty="0")
            mono_fonts(rpr)
            _sub(r, "a:t").text = line
        _sub(p, "a:endParaRPr", lang="en-US", sz=size, dirty="0")
    slide.tree.append(sp)
