"""Read text slots (box, paragraph style, type size) from a template's layouts for the planner."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.plan import grid
from deckgen.plan.grid import Box, Frames, Paragraphs, Slot
from deckgen.plan.kinds import BUILTIN, BUILTIN_FRAMES, CONTENT_BODY, CONTENT_TITLE, KINDS
from deckgen.render.oxml import qn
from deckgen.render.layouts import TITLE_TYPES, Slots
from deckgen.render.pptx_api import base_placeholder, element

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.shapes.placeholder import LayoutPlaceholder

EMU_PER_PT = grid.EMU_PER_PT
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)


def _lvl1_sources(ph: "LayoutPlaceholder") -> list["_Element"]:
    """Level-1 paragraph properties that apply to `ph`, nearest first: layout, master placeholder, master style."""
    out = []
    lst = element(ph).find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    if lst is not None:
        out.append(lst)
    base = base_placeholder(ph)
    if base is not None:
        lst = element(base).find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
        if lst is not None:
            out.append(lst)
    master = element(ph.part.slide_master)
    style = "p:titleStyle" if ph.placeholder_format.type in TITLE_TYPES else "p:bodyStyle"
    lst = master.find(f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}")
    if lst is not None:
        out.append(lst)
    return out


def _first(sources: list["_Element"], path: str, attr: str) -> Optional[str]:
    for el in sources:
        node = el if not path else el.find(path)
        if node is not None and node.get(attr) is not None:
            return node.get(attr)
    return None


def _insets(ph: "LayoutPlaceholder") -> tuple[float, float, float, float]:
    values = list(DEFAULT_INSETS)
    chain = [element(ph)]
    if base_placeholder(ph) is not None:
        chain.append(element(base_placeholder(ph)))
    for i, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        for el in chain:
            body = el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body is not None and body.get(name) is not None:
                values[i] = int(body.get(name)) / EMU_PER_PT
                break
    return values[0], values[1], values[2], values[3]


def slot_of(ph: Optional["LayoutPlaceholder"], *, title: bool = False) -> Optional[Slot]:
    """The slot of a layout placeholder: its box with insets, paragraph style and default type size."""
    if ph is None or ph.width is None or ph.height is None:
        return None
    l, t, r, b = _insets(ph)
    box = Box(ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT, ph.height / EMU_PER_PT, l, r, t, b)
    src = _lvl1_sources(ph)
    sz = _first(src, qn("a:defRPr"), "sz")
    line = _first(src, f"{qn('a:lnSpc')}/{qn('a:spcPct')}", "val")
    before = _first(src, f"{qn('a:spcBef')}/{qn('a:spcPts')}", "val")
    mar = _first(src, "", "marL")
    bold = _first(src, qn("a:defRPr"), "b")
    style = Paragraphs(
        line_spacing=max(1.0, int(line) / 100000) if line else 1.0,  # never assume tighter than single
        space_before=int(before) / 100 if before else (0.0 if title else 10.0),
        indent=int(mar) / EMU_PER_PT if mar else 0.0,
        bold=title or bold in ("1", "true"))
    return Slot(box, style, int(sz) / 100 if sz else None)


def template_frames(by_role: dict[str, Slots]) -> Frames:
    """Frames for the planner from the placeholders of the layouts chosen for each kind.

    A slot whose placeholder the layout lacks takes its fallback frame (`SlotSpec.fallback`): the built-in
    grid's, or the template's content title; without a fallback it stays absent.
    """
    from types import MappingProxyType

    builtin = BUILTIN_FRAMES
    content_title = slot_of(by_role["content"].title, title=True) or builtin["content", "title"]
    content_body = slot_of(by_role["content"].get("body")) or builtin["content", "body"]
    out: dict[tuple[str, str], Slot] = {}
    for k in KINDS.values():
        role = k.role.value
        for spec in k.slots:
            slot = slot_of(by_role[role].get(spec.name), title=spec.title)
            if slot is None and spec.fallback == BUILTIN:
                slot = builtin[role, spec.name]
            elif slot is None and spec.fallback == CONTENT_TITLE:
                slot = content_title
            elif slot is None and spec.fallback == CONTENT_BODY:
                slot = content_body
            if slot is not None:
                out[role, spec.name] = slot
    return Frames(MappingProxyType(out), slot_of(by_role["content"].footer))
