"""Render a `DeckPlan` with a theme into a python-pptx `Presentation` (the only module that imports pptx)."""
from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Optional

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from deckgen import grid, oxml
from deckgen.diagnostics import Diagnostic
from deckgen.masterxml import LAYOUTS, layout_xml, master_xml, theme_xml
from deckgen.model import Role
from deckgen.plan import DeckPlan, SlidePlan, Text

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import Slide, SlideLayout

    from deckgen.theme import Theme

# Layout lookup per role: acceptable OOXML types, then names (English and Chinese), most specific first.
ROLE_LAYOUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("title",), ("Title Slide", "标题幻灯片")),
    "section": (("secHead",), ("Section Header", "节标题")),
    "content": (("obj", "tx"), ("Title and Content", "标题和内容", "Title and Text")),
    "agenda": ((), ("Agenda", "目录", "Contents")),
    "statement": ((), ("Statement", "Quote", "引用")),
    "closing": ((), ("Closing", "结束", "结束语")),
}
FALLBACK = {"agenda": "content", "statement": "content", "closing": "title", "section": "title"}
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>deckgen</Application><PresentationFormat>{fmt}</PresentationFormat>'
           '<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides></Properties>')


def _layout_type(layout: "SlideLayout") -> str:
    return layout._element.get("type", "cust")


def find_layout(layouts: list["SlideLayout"], role: str) -> tuple[Optional["SlideLayout"], bool]:
    """The layout for `role`: one whose name matches (and type, when the role has types), else by type.

    Returns `(layout, exact)`; `exact` is False when a fallback role's layout was used, `(None, False)`
    when none fits.
    """
    types, names = ROLE_LAYOUTS[role]
    lowered = [n.lower() for n in names]
    by_name = [lo for lo in layouts if lo.name.strip().lower() in lowered]
    by_name.sort(key=lambda lo: lowered.index(lo.name.strip().lower()))
    for lo in by_name:
        if not types or _layout_type(lo) in types:
            return lo, True
    for t in types:
        for lo in layouts:
            if _layout_type(lo) == t:
                return lo, True
    if by_name:
        return by_name[0], True
    if role in FALLBACK:
        lo, _ = find_layout(layouts, FALLBACK[role])
        return lo, False
    return None, False


def _set_part_xml(part: object, xml: str) -> None:
    """Replace the content of a part, whether python-pptx holds it as an element or as bytes."""
    if hasattr(part, "_element"):
        part._element = parse_xml(xml.encode("utf-8"))  # type: ignore[attr-defined]
    else:
        part._blob = xml.encode("utf-8")  # type: ignore[attr-defined]


def _prepare(prs: "PresentationT", theme: "Theme", lang: str) -> None:
    """Make the default package a 16:9 deck with the theme's master, layouts, theme part and notes master."""
    prs.slide_width = grid.SLIDE_W_EMU
    prs.slide_height = grid.SLIDE_H_EMU
    pres_el = prs.part._element
    pres_el.find(oxml.qn("p:sldSz")).attrib.pop("type", None)
    package = prs.part.package
    # drop the template's thumbnail (a 4:3 picture) and printer settings
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.rels.pop(rid)
    master_part = prs.part.part_related_by(RT.SLIDE_MASTER)
    _set_part_xml(master_part.part_related_by(RT.THEME), theme_xml(theme))
    layout_rels = [(rid, rel.target_part) for rid, rel in master_part.rels.items() if rel.reltype == RT.SLIDE_LAYOUT]
    layout_rels.sort(key=lambda pair: int(pair[0][3:]))
    kept = layout_rels[: len(LAYOUTS)]
    for rid, _ in layout_rels[len(LAYOUTS):]:
        master_part.rels.pop(rid)
    for spec, (_, part) in zip(LAYOUTS, kept):
        _set_part_xml(part, layout_xml(spec, theme, lang))
        part.__dict__.pop("slide_layout", None)
    _set_part_xml(master_part, master_xml(theme, [rid for rid, _ in kept], lang))
    master_part.__dict__.pop("slide_master", None)
    # the notes master: create it now so its theme gets the deck's fonts
    notes_master_part = prs.part.notes_master_part
    _set_part_xml(notes_master_part.part_related_by(RT.THEME), theme_xml(theme, f"deckgen {theme.name} notes"))
    oxml.set_notes_style(notes_master_part._element, theme.sizes.notes)
    nm_rid = next(rid for rid, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER)
    oxml.set_notes_master_id(pres_el, nm_rid)


def _fill(slide: "Slide", idx: int, text: Optional[Text], lang: str) -> None:
    """Put `text` into the placeholder `idx` of `slide`, or remove that placeholder when there is none."""
    ph = {p.placeholder_format.idx: p for p in slide.placeholders}.get(idx)
    if ph is None:
        return
    if text is None or not any(text.paragraphs):
        ph._element.getparent().remove(ph._element)
        return
    oxml.set_paragraphs(ph._element.txBody, text.paragraphs, lang, text.size)


def _add_footer(slide: "Slide", footer: str, number: int, lang: str) -> None:
    tree = slide.shapes._spTree
    layout_types = {p.placeholder_format.type for p in slide.slide_layout.placeholders}
    from pptx.enum.shapes import PP_PLACEHOLDER

    if PP_PLACEHOLDER.FOOTER in layout_types and footer:
        sp = oxml.placeholder_sp(oxml.next_shape_id(tree), "Footer Placeholder", "ftr", 11)
        oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), [footer], lang, autofit=False)
        tree.append(sp)
    if PP_PLACEHOLDER.SLIDE_NUMBER in layout_types:
        sp = oxml.placeholder_sp(oxml.next_shape_id(tree), "Slide Number Placeholder", "sldNum", 12)
        oxml.set_slide_number(sp.find(oxml.qn("p:txBody")), number, lang)
        tree.append(sp)


def _notes(slide: "Slide", notes: str, lang: str) -> None:
    paragraphs = [line for line in notes.strip("\n").split("\n")]
    frame = slide.notes_slide.notes_text_frame
    oxml.set_paragraphs(frame._txBody, paragraphs, lang, autofit=False)


def _slide(prs: "PresentationT", layout: "SlideLayout", s: SlidePlan, number: int, deck: DeckPlan) -> "Slide":
    lang = deck.language
    slide = prs.slides.add_slide(layout)
    title_ph = slide.shapes.title
    if title_ph is not None:
        oxml.set_paragraphs(title_ph._element.txBody, s.title.paragraphs, lang, s.title.size)
    if s.role is Role.TITLE:
        _fill(slide, 1, s.subtitle, lang)
        _fill(slide, 13, s.byline, lang)
    elif s.role is Role.SECTION:
        _fill(slide, 1, s.label, lang)
    else:
        _fill(slide, 1, s.body, lang)
    if s.footer:
        _add_footer(slide, deck.footer, number, lang)
    if s.notes.strip():
        _notes(slide, s.notes, lang)
    return slide


def _properties(prs: "PresentationT", deck: DeckPlan, n_notes: int) -> None:
    cp = prs.core_properties
    cp.title = deck.title
    cp.author = deck.presenter or ""
    cp.subject = deck.subtitle or ""
    cp.language = deck.language
    cp.last_modified_by = "deckgen"
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.revision = 1
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch and epoch.isdigit()
           else _dt.datetime.now(_dt.timezone.utc)).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now
    for part in prs.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.format(fmt="Widescreen", slides=len(prs.slides), notes=n_notes).encode("utf-8")


def render(deck: DeckPlan, theme: "Theme") -> tuple["PresentationT", list[Diagnostic]]:
    """Build the presentation for `deck` in `theme`; return it with warnings."""
    warnings: list[Diagnostic] = []
    prs = Presentation()
    _prepare(prs, theme, deck.language)
    layouts = list(prs.slide_layouts)
    by_role = {}
    for role in ROLE_LAYOUTS:
        layout, exact = find_layout(layouts, role)
        if layout is None:
            raise ValueError(f"the master has no layout for {role!r}")
        by_role[role] = layout
    section_ids: list[list[int]] = [[] for _ in deck.sections]
    n_notes = 0
    for number, s in enumerate(deck.slides, 1):
        slide = _slide(prs, by_role[s.role.value], s, number, deck)
        n_notes += bool(s.notes.strip())
        if s.section is not None:
            section_ids[s.section].append(slide.slide_id)
    oxml.set_sections(prs.part._element, zip(deck.sections, section_ids), deck.title)
    _properties(prs, deck, n_notes)
    return prs, warnings
