"""Read text slots (box, paragraph style, type size) from a template's layouts for the planner."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.plan import grid
from deckgen.plan.grid import Box, Frames, Paragraphs, Slot
from deckgen.plan.kinds import BUILTIN, BUILTIN_FRAMES, CONTENT_BODY, CONTENT_TITLE, KINDS
from deckgen.render.oxml import qn
from deckgen.render.layouts import TITLE_TYPES, Slots
from deckgen.render.pptx_api import base_placeholder, element
from deckgen.text.metrics import LINE_HEIGHT_EM

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


def alignment(ph: "LayoutPlaceholder") -> str:
    """How a layout placeholder aligns its first-level paragraphs (`l`, `ctr`, `r`…), as it inherits it."""
    return _first(_lvl1_sources(ph), "", "algn") or "l"


def _spacing(sources: list["_Element"], tag: str) -> Optional[tuple[float, float]]:
    """The nearest `a:spcBef` or `a:spcAft` (`tag`) of `sources` as (points, share of a line): `spcPts` in
    hundredths of a point, `spcPct` in thousandths of a percent of the line; None when none says."""
    for el in sources:
        node = el.find(qn(f"a:{tag}"))
        if node is None:
            continue
        pts, pct = node.find(qn("a:spcPts")), node.find(qn("a:spcPct"))
        if pts is not None and pts.get("val") is not None:
            return _number(pts.get("val")) / 100, 0.0
        if pct is not None and pct.get("val") is not None:
            return 0.0, max(0.0, _number(pct.get("val").rstrip("%")) / (100 if pct.get("val").endswith("%") else 100000))
    return None


def _between(sources: list["_Element"], default: float) -> tuple[float, float]:
    """The space between paragraphs `sources` set (space before a paragraph and after the one above it), as
    (points, share of a line); `default` points when they set no space before."""
    before = _spacing(sources, "spcBef") or (default, 0.0)
    after = _spacing(sources, "spcAft") or (0.0, 0.0)
    return before[0] + after[0], before[1] + after[1]


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


def slot_of(ph: Optional["LayoutPlaceholder"], *, title: bool = False,
            at: Optional[tuple[float, float, float, float]] = None) -> Optional[Slot]:
    """The slot of a layout placeholder: its box (or `at`, where it was moved) with its insets, and how it
    sets paragraphs (line spacing, space before, indent, bold, letter spacing). The template's own type
    size is not a cap: deckgen sizes text to the box within the theme's range."""
    if ph is None or ph.width is None or ph.height is None:
        return None
    l, t, r, b = _insets(ph)
    x, y, w, h = at or (ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT, ph.height / EMU_PER_PT)
    box = Box(x, y, w, h - _glyph_room(b), l, r, t, b)
    src = _lvl1_sources(ph)
    line = _first(src, f"{qn('a:lnSpc')}/{qn('a:spcPct')}", "val")
    points, lines = _between(src, 0.0 if title else 10.0)  # space after a paragraph is before the next
    mar = _first(src, "", "marL")
    bold = _first(src, qn("a:defRPr"), "b")
    spc = _first(src, qn("a:defRPr"), "spc")
    style = Paragraphs(
        line_spacing=max(1.0, _number(line) / 100000) if line else 1.0,  # never assume tighter than single
        space_before=points, space_before_lines=lines,
        indent=_number(mar) / EMU_PER_PT if mar else 0.0,
        bold=title or bold in ("1", "true"),
        letter_spacing=max(0.0, _number(spc) / 100) if spc else 0.0)
    return Slot(box, style)


def _glyph_room(inset_b: float) -> float:
    """How much less of a template box's height text is fitted to when its bottom inset is under the
    default: East Asian glyphs reach a few points below their last line, out of a box without an inset
    (the fitter keeps 0.1 em; a title's glyphs reach twice that)."""
    return max(0.0, DEFAULT_INSETS[3] - inset_b)


def _number(value: Optional[str]) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def text_box_style(*, title: bool, scale: float) -> Paragraphs:
    """How a text box standing in for a missing title or body placeholder sets its paragraphs (the planner
    fits to it, `oxml.text_box` writes it)."""
    if title:
        return Paragraphs(line_spacing=1.0, bold=True)
    return Paragraphs(line_spacing=1.05, space_before=round(8 * scale, 1), indent=round(20 * scale, 1))


def lines_style(scale: float) -> Paragraphs:
    """How a cover's or closing's lines in the room under its title are set (plain lines, no bullets): the
    planner fits to it, `slides` writes it."""
    return Paragraphs(line_spacing=1.0, space_before=round(6 * scale, 1))


def text_box_slot(at: tuple[float, float, float, float], *, title: bool, scale: float) -> Slot:
    """The slot of a text box standing in for a missing title or body placeholder."""
    return Slot(Box(*at), text_box_style(title=title, scale=scale))


def sample_slot(sp: "_Element", at: tuple[float, float, float, float], *, title: bool) -> Slot:
    """The slot of a text box on a template's sample slide: its box, insets and paragraph style as the box
    itself sets them (its first paragraph and run)."""
    body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    ins = [7.2, 3.6, 7.2, 3.6]
    for i, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        if body is not None and body.get(name) is not None:
            ins[i] = _number(body.get(name)) / EMU_PER_PT
    first = sp.find(f"{qn('p:txBody')}/{qn('a:p')}")
    src = [el for el in (first.find(qn("a:pPr")) if first is not None else None,) if el is not None]
    run = first.find(f"{qn('a:r')}/{qn('a:rPr')}") if first is not None else None
    line = _first(src, f"{qn('a:lnSpc')}/{qn('a:spcPct')}", "val")
    exact = _first(src, f"{qn('a:lnSpc')}/{qn('a:spcPts')}", "val")  # lines so many points apart, at the run's size
    sample_size = _number(run.get("sz")) / 100 if run is not None and run.get("sz") else 0.0
    if not line and exact and sample_size:
        line = str(_number(exact) / 100 / (sample_size * LINE_HEIGHT_EM) * 100000)
    points, lines = _between(src, 0.0 if title else 6.0)  # space after a paragraph is before the next
    mar = _first(src, "", "marL")
    style = Paragraphs(
        line_spacing=max(1.0, _number(line) / 100000) if line else 1.0,
        space_before=points, space_before_lines=lines,
        indent=_number(mar) / EMU_PER_PT if mar else 0.0,
        bold=title or (run is not None and run.get("b") in ("1", "true")),
        letter_spacing=max(0.0, _number(run.get("spc")) / 100) if run is not None and run.get("spc") else 0.0)
    from deckgen.render.samples import turned

    if body is not None and body.get("vert", "horz") not in ("horz", "wordArtVert") and not turned(sp):  # lines run down:
        x, y, w, h = at  # fitted as the box turned a quarter, its line length the box's height
        return Slot(Box(x, y, h, w, inset_l=ins[1], inset_r=ins[3], inset_t=ins[2], inset_b=ins[0]), style)
    x, y, w, h = at
    return Slot(Box(x, y, w, h - _glyph_room(ins[3]), inset_l=ins[0], inset_r=ins[2], inset_t=ins[1], inset_b=ins[3]), style)


def template_frames(by_role: dict[str, Slots], slide: tuple[float, float]) -> Frames:
    """Frames for the planner from the placeholders of the layouts chosen for each kind (or the text boxes
    standing in for them), type sizes scaled to the slide's height.

    A slot whose placeholder the layout lacks takes its fallback frame (`SlotSpec.fallback`): the built-in
    grid's, or the template's content title; without a fallback it stays absent.
    """
    from types import MappingProxyType

    scale = slide[1] / grid.SLIDE_H_PT

    def frame(s: Slots, name: str, title: bool, whole: bool = False) -> Optional[Slot]:
        if s.sample is not None and name in s.shape_ids:
            from deckgen.render.samples import shape_by_id

            sp = shape_by_id(element(s.sample).find(qn("p:cSld")), s.shape_ids[name])
            at = s.uncut.get(name, s.boxes[name]) if whole else s.boxes[name]
            return sample_slot(sp, at, title=title) if sp is not None else None
        if name in s.align and name in s.boxes:  # a cover's or closing's lines in the room under its title: no bullets
            return Slot(Box(*s.boxes[name]), lines_style(scale))
        if name in s.boxes:
            return text_box_slot(s.uncut.get(name, s.boxes[name]) if whole else s.boxes[name], title=title, scale=scale)
        return slot_of(s.get(name), title=title, at=s.moved.get(name))

    builtin = BUILTIN_FRAMES
    content_title = frame(by_role["content"], "title", True) or builtin["content", "title"]
    # the kinds drawn on a copied content page clear its body region: they take all of it
    content_body = frame(by_role["content"], "body", False, whole=True) or builtin["content", "body"]
    out: dict[tuple[str, str], Slot] = {}
    for k in KINDS.values():
        role = k.role.value
        for spec in k.slots:
            slot = frame(by_role[role], spec.name, spec.title)
            if slot is None and spec.fallback == BUILTIN:
                slot = builtin[role, spec.name]
            elif slot is None and spec.fallback == CONTENT_TITLE:
                slot = content_title
            elif slot is None and spec.fallback == CONTENT_BODY:
                slot = content_body
            if slot is not None:
                out[role, spec.name] = slot
    return Frames(MappingProxyType(out), slot_of(by_role["content"].footer), scale, width_scale=slide[0] / grid.SLIDE_W_PT,
                  numbered=frozenset(role for role, s in by_role.items() if s.numbered))


GLYPH_DEPTH_EM = 0.16  # how far below its line a Chinese line's glyph box reaches, as LibreOffice draws it


def _body_props(sp: "_Element", inherited: tuple[Optional["_Element"], ...]) -> list["_Element"]:
    chain = [el.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}") for el in (sp, *inherited) if el is not None]
    return [b for b in chain if b is not None]


def _anchored_bottom(chain: list["_Element"]) -> bool:
    return next((b.get("anchor") for b in chain if b.get("anchor")), "t") == "b"


def anchor(sp: "_Element", inherited: tuple[Optional["_Element"], ...]) -> str:
    """How the text of `sp` is anchored (`t`, `ctr`, `b`…): its own `a:bodyPr`, else the first of the
    `inherited` shapes' that sets it, else at the top."""
    return next((b.get("anchor") for b in _body_props(sp, inherited) if b.get("anchor")), "t")


def anchored_bottom(sp: "_Element", inherited: tuple[Optional["_Element"], ...]) -> bool:
    """Whether the text of `sp` (its own `a:bodyPr`, else the first of the `inherited` shapes' that sets
    one) is anchored at the bottom: `clear_bottom_line` then sets an inset that depends on the type size."""
    return _anchored_bottom(_body_props(sp, inherited))


def clear_bottom_line(sp: "_Element", inherited: tuple[Optional["_Element"], ...], size: float) -> None:
    """Give a bottom-anchored text shape `sp` (its own `a:bodyPr` anchor, else the first of the `inherited`
    shapes' that sets one) a bottom inset of at least `GLYPH_DEPTH_EM` of its type `size`, so the glyphs of
    its last line stay in the box; the line sits a few points higher. Others are left as they are."""
    chain = _body_props(sp, inherited)
    own = chain[0] if chain and chain[0].getparent().getparent() is sp else None
    if not _anchored_bottom(chain) or own is None or size <= 0:
        return
    inset = next((int(b.get("bIns")) / EMU_PER_PT for b in chain if (b.get("bIns") or "").isdigit()), DEFAULT_INSETS[3])
    if inset < GLYPH_DEPTH_EM * size:
        own.set("bIns", str(round(GLYPH_DEPTH_EM * size * EMU_PER_PT)))
