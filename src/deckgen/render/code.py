"""The render function of a code slide: the code's lines in a text box, monospace, unwrapped, at the planned size."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from deckgen.plan.model import CodePlan, SlidePlan
from deckgen.render.draw import shape_head
from deckgen.render.oxml import next_shape_id, sub

if TYPE_CHECKING:
    from deckgen.render.factory import NewSlide
    from deckgen.render.layouts import Slots

MONOSPACE = "Consolas"  # on every Windows and Mac Office; LibreOffice substitutes a metric-compatible face
HAIRLINE_EMU = 9525


def mono_fonts(rpr: etree._Element) -> None:
    """Give the run properties `rpr` the monospace face for Latin text, the theme's East Asian face for CJK."""
    sub(rpr, "a:latin", typeface=MONOSPACE)
    sub(rpr, "a:ea", typeface="+mn-ea")
    sub(rpr, "a:cs", typeface=MONOSPACE)


def draw_code(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: "set[tuple[str, int]]") -> None:
    """The code of `s` as a text box at its frame: one paragraph per line, spaces kept, no wrapping, no
    bullets, a hairline frame; PowerPoint's autofit off (the size was fitted)."""
    plan = s.payload
    assert isinstance(plan, CodePlan)
    sp, sppr, _ = shape_head(next_shape_id(slide.tree), "Code", plan.box, "rect", text_box=True)
    sub(sppr, "a:noFill")
    ln = sub(sppr, "a:ln", w=str(HAIRLINE_EMU))
    sub(sub(ln, "a:solidFill"), "a:schemeClr", val="tx1")
    tx = sub(sp, "p:txBody")
    box = plan.box
    body = sub(tx, "a:bodyPr", wrap="none", lIns=str(round(box.inset_l * 12700)), rIns=str(round(box.inset_r * 12700)),
                tIns=str(round(box.inset_t * 12700)), bIns=str(round(box.inset_b * 12700)), anchor="t", rtlCol="0")
    sub(body, "a:noAutofit")
    sub(tx, "a:lstStyle")
    size = str(round(plan.size * 100))
    for line in plan.lines:
        p = sub(tx, "a:p")
        ppr = sub(p, "a:pPr", marL="0", indent="0", algn="l")
        sub(sub(ppr, "a:lnSpc"), "a:spcPct", val="100000")
        sub(sub(ppr, "a:spcBef"), "a:spcPts", val="0")
        sub(ppr, "a:buNone")
        if line:
            r = sub(p, "a:r")
            rpr = sub(r, "a:rPr", lang="en-US", sz=size, dirty="0")
            mono_fonts(rpr)
            sub(r, "a:t").text = line
        sub(p, "a:endParaRPr", lang="en-US", sz=size, dirty="0")
    slide.tree.append(sp)
