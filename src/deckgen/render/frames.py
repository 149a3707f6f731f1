"""Read text slots (box, paragraph style, type size) from a template's layouts for the planner."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.plan import grid
from deckgen.plan.grid import Box, Frames, Paragraphs, Slot
from deckgen.render.oxml import qn
from deckgen.render.layouts import TITLE_TYPES, Slots

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.shapes.placeholder import LayoutPlaceholder

EMU_PER_PT = grid.EMU_PER_PT
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)


def _lvl1_sources(ph: "LayoutPlaceholder") -> list["_Element"]:
    """Level-1 paragraph properties that apply to `ph`, nearest first: layout, master placeholder, master style."""
    out = []
    lst = ph._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    if lst is not None:
        out.append(lst)
    base = ph._base_placeholder
    if base is not None:
        lst = base._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
        if lst is not None:
            out.append(lst)
    master = ph.part.slide_master._element
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
    chain = [ph._element]
    if ph._base_placeholder is not None:
        chain.append(ph._base_placeholder._element)
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
    """Frames for the planner from the slots of the layouts chosen for each role."""
    d = grid.BUILTIN_FRAMES
    content, title, section = by_role["content"], by_role["title"], by_role["section"]
    agenda, closing, statement = by_role["agenda"], by_role["closing"], by_role["statement"]

    def need(slot: Optional[Slot], fallback: Slot) -> Slot:
        return slot if slot is not None else fallback

    content_title = need(slot_of(content.title, title=True), d.content_title)
    return Frames(
        content_title=content_title,
        content_body=need(slot_of(content.body), d.content_body),
        agenda_body=need(slot_of(agenda.body), d.agenda_body),
        cover_title=need(slot_of(title.title, title=True), d.cover_title),
        cover_subtitle=slot_of(title.subtitle),
        cover_byline=slot_of(title.byline),
        section_title=need(slot_of(section.title, title=True), content_title),
        section_label=slot_of(section.label, title=True),
        closing_title=need(slot_of(closing.title, title=True), d.closing_title),
        closing_body=slot_of(closing.body),
        statement=need(slot_of(statement.title, title=True), content_title),
        statement_source=slot_of(statement.body),
        footer=slot_of(content.footer),
    )
