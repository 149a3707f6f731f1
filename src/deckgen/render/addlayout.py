"""Give a template whose masters have no layouts at all (a Keynote export) a title and content layout."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Optional

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.package.ns import A, P, R
from deckgen.render.oxml import qn
from deckgen.render.pptx_api import element, new_layout_part

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

LAYOUT_NAME = "Title and Content"
FIRST_ID = 2147483648  # ids of masters and layouts start at 2^31 (ECMA-376 Part 1, 19.2.1.25 and .27)


def _master_placeholder(master: etree._Element, types: tuple[str, ...]) -> Optional[etree._Element]:
    """The first `p:sp` of the master whose placeholder type is one of `types` (no type counts as body)."""
    for sp in master.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None and ph.get("type", "body") in types:
            return sp
    return None


def _xfrm(sp: Optional[etree._Element], fallback: tuple[int, int, int, int]) -> str:
    """The `a:xfrm` of `sp` (copied) or one made from `fallback` (x, y, cx, cy in EMU)."""
    found = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") if sp is not None else None
    if found is not None:
        return etree.tostring(copy.deepcopy(found)).decode("utf-8")
    x, y, cx, cy = fallback
    return f'<a:xfrm xmlns:a="{A}"><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _placeholder(shape_id: int, name: str, ph: str, xfrm: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr>'
            '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>')


def layout_xml(master: etree._Element, width: int, height: int) -> str:
    """A `Title and Content` layout (type `obj`) whose title and body sit where the master's do (a body
    placeholder the master lacks gets the area below its title, a title it lacks the top of the slide)."""
    margin_x, margin_y = width // 16, height // 14
    title = _master_placeholder(master, ("title", "ctrTitle"))
    body = _master_placeholder(master, ("body", "obj"))
    title_box = (margin_x, margin_y, width - 2 * margin_x, height // 6)
    body_box = (margin_x, margin_y + height // 6 + height // 28, width - 2 * margin_x,
                height - 2 * margin_y - height // 6 - height // 28)
    shapes = (_placeholder(2, "Title 1", '<p:ph type="title"/>', _xfrm(title, title_box))
              + _placeholder(3, "Content Placeholder 2", '<p:ph idx="1"/>', _xfrm(body, body_box)))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout xmlns:a="{A}" xmlns:r="{R}" '
            f'xmlns:p="{P}" type="obj" preserve="1"><p:cSld name="{LAYOUT_NAME}"><p:spTree><p:nvGrpSpPr>'
            '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            f'{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def _next_id(prs: "PresentationT") -> int:
    """An id above every slide-master and slide-layout id of the package (they share one number space)."""
    ids = [int(e.get("id", "0")) for e in element(prs.part).iter(qn("p:sldMasterId"))]
    for master in prs.slide_masters:
        ids += [int(e.get("id", "0")) for e in element(master).iter(qn("p:sldLayoutId"))]
    return max([FIRST_ID, *ids]) + 1


def add_layout_if_none(prs: "PresentationT") -> bool:
    """When no master of `prs` has a layout, add a title and content layout under the first master; True
    when one was added. The master's own shapes and styles are untouched."""
    if not len(prs.slide_masters) or any(len(m.slide_layouts) for m in prs.slide_masters):
        return False
    master = prs.slide_masters[0]
    master_el = element(master)
    used = {str(p.partname) for p in prs.part.package.iter_parts()}
    n = 1
    while f"/ppt/slideLayouts/slideLayout{n}.xml" in used:
        n += 1
    xml = layout_xml(master_el, prs.slide_width, prs.slide_height)
    part = new_layout_part(f"/ppt/slideLayouts/slideLayout{n}.xml", CT.PML_SLIDE_LAYOUT, master.part, xml)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master_el.get_or_add_sldLayoutIdLst()
    etree.SubElement(id_list, qn("p:sldLayoutId"), {"id": str(_next_id(prs)), qn("r:id"): rid})
    return True
