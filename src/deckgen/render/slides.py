"""Fill one slide from its plan: text into the layout's placeholders, footer, slide number, notes."""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Mapping, Optional

from deckgen.outline.model import Role
from deckgen.plan.kinds import KINDS
from deckgen.plan.model import DeckPlan, SlidePlan, Text
from deckgen.render import oxml
from deckgen.render.draw import title_first
from deckgen.render.drawers import DRAWERS
from deckgen.render.layouts import Slots
from deckgen.render.onpicture import keep_legible
from deckgen.render.pptx_api import element
from deckgen.render.slideph import slide_placeholders

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.shapes.placeholder import LayoutPlaceholder

    from deckgen.render.factory import NewSlide, SlideFactory

PhKey = tuple[str, int]


def slot_key(target: Optional["LayoutPlaceholder"]) -> Optional[PhKey]:
    """The (type, idx) by which a slide placeholder cloned from `target` is found."""
    return None if target is None else _key_of(element(target))


@lru_cache(maxsize=256)  # layout placeholders: a few per layout; asked for on every slide
def _key_of(sp: "_Element") -> Optional[PhKey]:
    from deckgen.render.factory import ph_key

    return ph_key(sp)


def fill_placeholder(slide: "NewSlide", target: Optional["LayoutPlaceholder"], text: Optional[Text], lang: str,
                     filled: set[PhKey], plain: bool = False, template: bool = False, align: str = "") -> None:
    """Put `text` into the slide's placeholder cloned from the layout placeholder `target` (if both exist);
    `plain`: without bullet marks, whatever the placeholder's style (`align`: and aligned so); on a `template`,
    a bottom-anchored placeholder keeps its last line's glyphs in the box (`frames.clear_bottom_line`)."""
    key = slot_key(target)
    if key is None or text is None or not any(text.paragraphs):
        return
    sp = slide.placeholders.get(key)
    if sp is None:
        raise KeyError(f"no placeholder {key} on the slide cloned from its layout")
    oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), text.paragraphs, lang, text.size, levels=text.levels)
    if plain or align:
        oxml.without_bullets(sp.find(oxml.qn("p:txBody")))
    if align:
        from deckgen.render.pages import align_paragraphs

        align_paragraphs(sp.find(oxml.qn("p:txBody")), align)
    if template:
        from deckgen.render.frames import clear_bottom_line
        from deckgen.render.pptx_api import base_placeholder

        base = base_placeholder(target)
        clear_bottom_line(sp, (element(target), element(base) if base is not None else None), text.size)
    filled.add(key)


def fill_slot(slide: "NewSlide", slots: Slots, name: str, text: Optional[Text], lang: str, filled: set[PhKey],
              plain: bool = False) -> None:
    """Put `text` where the slot `name` is: its placeholder (moved clear of a logo if need be), or the text
    box standing in for a placeholder the layout lacks."""
    if text is None or not any(text.paragraphs):
        return
    from deckgen.render.frames import clear_bottom_line

    if slots.sample is not None:
        from deckgen.render.samples import shape_by_id

        sp = shape_by_id(slide.tree, slots.shape_ids[name]) if name in slots.shape_ids else None
        if sp is not None:
            from deckgen.render.samples import make_upright, turned

            if turned(sp):
                make_upright(sp)
            oxml.set_paragraphs_like(sp.find(oxml.qn("p:txBody")), text.paragraphs, lang, text.size)
            if name in slots.align:  # a centred title grown to one side of a badge: aligned from that side
                from deckgen.render.pages import align_paragraphs

                align_paragraphs(sp.find(oxml.qn("p:txBody")), slots.align[name])
            clear_bottom_line(sp, (), text.size)
            filled.add(("sample", slots.shape_ids[name]))
            if name in slots.resized:  # grown into the room around it; out of its group, on the slide
                top = sp
                while top.getparent() is not None and top.getparent() is not slide.tree:
                    top = top.getparent()
                if top is not sp and top.getparent() is slide.tree:
                    top.addnext(sp)
                oxml.set_box(sp, _emu(slots.resized[name][0]))
            if name in slots.boxes:
                keep_legible(slide, sp, slots.boxes[name], slots.slide, title=name == "title")
            return
        if name not in slots.boxes:
            return
    target = slots.get(name)
    if target is not None:
        fill_placeholder(slide, target, text, lang, filled, plain, template=slots.template,
                         align=slots.align.get(name, "") if name not in slots.boxes else "")
        if name in slots.moved:
            oxml.set_box(slide.placeholders[slot_key(target)], _emu(slots.moved[name]))  # type: ignore[index]
        at = slots.moved.get(name) or _frame(target)
        if slots.template and at is not None and slot_key(target) in slide.placeholders:
            from deckgen.render.pptx_api import base_placeholder

            base = base_placeholder(target)
            keep_legible(slide, slide.placeholders[slot_key(target)], at, slots.slide,  # type: ignore[index]
                         (element(target), element(base) if base is not None else None), title=name == "title")
    if name in slots.boxes:
        from deckgen.render.frames import lines_style, text_box_style

        title = name == "title"
        lines = name in slots.align and not title  # a cover's or closing's lines under its title: plain lines, aligned as it is
        style = lines_style(slots.scale) if lines else text_box_style(title=title, scale=slots.scale)
        like = None
        if slots.text_like is not None:
            from deckgen.render.samples import shape_by_id

            source = shape_by_id(element(slots.sample).find(oxml.qn("p:cSld")), slots.text_like)
            like = source.find(f".//{oxml.qn('a:r')}/{oxml.qn('a:rPr')}") if source is not None else None
            like = _readable(like, slide)
        sp = oxml.text_box(oxml.next_shape_id(slide.tree), "Title" if title else f"Text {name}", _emu(slots.boxes[name]),
                           text.paragraphs, lang, text.size, title=title, indent=0.0 if plain or lines else style.indent,
                           space_before=style.space_before, line_spacing=style.line_spacing, like=like,
                           align=slots.align.get(name, "l"))
        clear_bottom_line(sp, (), text.size)
        slide.tree.append(sp)
        if slots.template:
            keep_legible(slide, sp, slots.boxes[name], slots.slide, title=title)
        filled.add(("sample", int(sp.find(f"{oxml.qn('p:nvSpPr')}/{oxml.qn('p:cNvPr')}").get("id"))))


BACKGROUND_COLOURS = ("bg1", "bg2", "lt1", "lt2")


def _readable(rpr: Optional["_Element"], slide: "NewSlide") -> Optional["_Element"]:
    """The sample text's look `rpr` without its colour when that is the page's background colour (`bg1`, white)
    and the page's background picture is light: such text stood on a plate in the region deckgen clears, and
    would be unreadable on the page (cn-red-huawei's contents); the text then takes the theme's text colour."""
    fill = rpr.find(oxml.qn("a:solidFill")) if rpr is not None else None
    scheme = fill.find(oxml.qn("a:schemeClr")) if fill is not None else None
    if rpr is None or scheme is None or scheme.get("val") not in BACKGROUND_COLOURS or not _light_picture(slide.part):
        return rpr
    rpr = copy.deepcopy(rpr)
    rpr.remove(rpr.find(oxml.qn("a:solidFill")))
    return rpr


def _light_picture(part: object) -> bool:
    """Whether the background that shows on the slide of `part` (its own, else its layout's, else its master's)
    is a picture whose mean grey is light (above 60 %)."""
    import io

    from PIL import Image

    chain = [part, part.slide_layout.part, part.slide_layout.slide_master.part]  # type: ignore[attr-defined]
    for p in chain:
        bg = element(p).find(f"{oxml.qn('p:cSld')}/{oxml.qn('p:bg')}")
        if bg is None:
            continue
        blip = bg.find(f".//{oxml.qn('a:blip')}")
        rid = blip.get(oxml.qn("r:embed")) if blip is not None else None
        if not rid:
            return False
        try:
            with Image.open(io.BytesIO(p.related_part(rid).blob)) as im:  # type: ignore[attr-defined]
                grey = im.convert("L").resize((16, 16))
                return sum(grey.tobytes()) / 256 > 0.6 * 255
        except Exception:  # a picture Pillow cannot read (EMF, SVG): not known to be light
            return False
    return False


def _frame(ph: "LayoutPlaceholder") -> Optional[tuple[float, float, float, float]]:
    if ph.width is None or ph.height is None:
        return None
    return (ph.left / 12700, ph.top / 12700, ph.width / 12700, ph.height / 12700)


def _emu(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    return tuple(round(v * 12700) for v in box)  # type: ignore[return-value]


def fill_texts(slide: "NewSlide", slots: Slots, s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """The render function of the text kinds: the title and each slot's text into its placeholder."""
    fill_slot(slide, slots, "title", s.title, lang, filled)
    kind = KINDS[s.role]
    for name, text in s.texts:
        spec = kind.slot(name)
        fill_slot(slide, slots, name, text, lang, filled, plain=spec is not None and spec.bullet is False)


# One render function per kind: what it draws on the slide beyond the footer and notes. Every kind's texts
# go into their placeholders; the kinds that draw more (a chart, cards…) have their function in `DRAWERS`.
Filler = Callable[["NewSlide", Slots, SlidePlan, str, "set[PhKey]"], None]
FILLERS: Mapping[Role, Filler] = {role: DRAWERS.get(role, fill_texts) for role in Role}


GLYPH_BOX_EM = 1.36  # the height of a line's glyph box from the top of its line, as LibreOffice draws big type


def _fit_autofit_boxes(slide: "NewSlide") -> None:
    """Make a copied page's shapes that fit themselves to their text (`a:spAutoFit`: PowerPoint resizes them
    only when edited) as tall as their lines, as they show once edited; the renumbered `3` of a box sized
    for `1`. A top-anchored box without a fill also holds its last line's glyph box (`GLYPH_BOX_EM`): the
    199-pt `1` of a section page, whose glyphs reach past a box sized to the line; the text does not move (a
    turned box keeps its size: grown, it would)."""
    from deckgen.render.samples import text_shapes
    from deckgen.text.metrics import LINE_HEIGHT_EM

    for sp, shape in text_shapes(slide.tree):
        body = sp.find(oxml.qn("p:txBody"))
        body_pr = body.find(oxml.qn("a:bodyPr")) if body is not None else None
        ext = sp.find(f"{oxml.qn('p:spPr')}/{oxml.qn('a:xfrm')}/{oxml.qn('a:ext')}")
        if body_pr is None or body_pr.find(oxml.qn("a:spAutoFit")) is None or ext is None:
            continue
        if (ext.getparent().get("rot") or "0") not in ("0", "21600000") or ext.getparent().get("flipV") in ("1", "true"):
            continue  # a turned box grown down would move its text (it turns about the box's centre)
        need = last = 0.0
        for p in body.findall(oxml.qn("a:p")):
            sizes = [int(r.get("sz")) / 100 for r in p.iter(oxml.qn("a:rPr"), oxml.qn("a:endParaRPr")) if (r.get("sz") or "").isdigit()]
            pct = p.find(f"{oxml.qn('a:pPr')}/{oxml.qn('a:lnSpc')}/{oxml.qn('a:spcPct')}")
            spacing = int(pct.get("val", "100000")) / 100000 if pct is not None and (pct.get("val") or "").isdigit() else 1.0
            last = max(sizes, default=shape.size)
            need += (1 + len(p.findall(oxml.qn("a:br")))) * last * LINE_HEIGHT_EM * max(1.0, spacing)
        sp_pr = sp.find(oxml.qn("p:spPr"))
        unfilled = sp_pr is None or not any(sp_pr.find(oxml.qn(f"a:{f}")) is not None for f in ("solidFill", "gradFill", "blipFill", "pattFill"))
        if body_pr.get("anchor", "t") == "t" and unfilled:  # an unseen box: room for the last line's glyphs too
            need += (GLYPH_BOX_EM - LINE_HEIGHT_EM) * last
        need += sum(int(body_pr.get(k, d)) / 12700 for k, d in (("tIns", "45720"), ("bIns", "45720")))
        scale = shape.transform[1] or 1.0  # the box's height on the slide: its group's scale (1 once flattened)
        if need * 12700 > int(ext.get("cy", "0")) * scale:
            ext.set("cy", str(round(need * 12700 / scale)))


def _footer(slide: "NewSlide", slots: Slots, footer: Optional[Text], number: int, lang: str) -> None:
    tree = slide.tree
    shape_id = oxml.next_shape_id(tree)
    if slots.footer is not None and footer is not None:
        sp = _footer_sp(_idx(slots.footer), tuple(footer.paragraphs), lang, footer.size).__copy__()
        sp[0][0].set("id", str(shape_id))  # p:nvSpPr/p:cNvPr
        shape_id += 1
        tree.append(sp)
    if slots.number is not None:
        sp = _number_sp(_idx(slots.number), lang).__copy__()
        sp[0][0].set("id", str(shape_id))
        next(sp.iter(_A_T)).text = str(number)
        tree.append(sp)


_A_T = oxml.qn("a:t")


def _idx(placeholder: "LayoutPlaceholder") -> int:
    """The layout placeholder's `idx` (python-pptx's `placeholder_format.idx` runs an XPath query each time)."""
    key = slot_key(placeholder)
    return key[1] if key else 0


@lru_cache(maxsize=64)
def _footer_sp(idx: int, paragraphs: tuple[str, ...], lang: str, size: Optional[float]) -> "_Element":
    """The footer placeholder with the deck's footer text, made once (shape id 0): every slide gets a copy."""
    sp = oxml.placeholder_sp(0, "Footer Placeholder", "ftr", idx)
    oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), paragraphs, lang, size, autofit=False)
    return sp


@lru_cache(maxsize=64)
def _number_sp(idx: int, lang: str) -> "_Element":
    """The slide-number placeholder (shape id 0, number 0), made once: every slide gets a copy."""
    sp = oxml.placeholder_sp(0, "Slide Number Placeholder", "sldNum", idx)
    oxml.set_slide_number(sp.find(oxml.qn("p:txBody")), 0, lang)
    return sp


def fill_slide(slide: "NewSlide", slots: Slots, s: SlidePlan, number: int, deck: DeckPlan, factory: "SlideFactory") -> None:
    """Write the plan `s` into `slide`, whose layout's placeholders are `slots`; `factory` makes its notes slide.

    Placeholders left empty are removed, so no "Click to add text" prompt stays on the slide.
    """
    lang = deck.language
    filled: set[PhKey] = set()
    if slots.sample is not None and slots.stretched:
        from deckgen.render.titlebar import stretch

        stretch(slide.tree, slots.stretched)
    if slots.sample is not None and slots.lowered:  # before clearing: the moved rule lies below the body region
        from deckgen.render.bodyrule import lower
        from deckgen.render.samples import layout_chain

        lower(slide.tree, slots.lowered, layout_chain(slide.part))
    if slots.sample is not None and slots.strip:
        from deckgen.render.regions import strip
        from deckgen.render.samples import layout_chain

        for region in slots.strip:
            strip(slide.tree, region, slots.slide, frozenset(slots.shape_ids.values()), layout_chain(slide.part))
        from deckgen.render.pptx_api import drop_unreferenced

        drop_unreferenced(slide.part)
    if slots.sample is not None:
        from deckgen.render.samples import text_shapes

        sample_text = {shape.id for _, shape in text_shapes(slide.tree)}  # what deckgen draws next is not the sample's
    fill_texts(slide, slots, s, lang, filled)  # every kind's texts into their placeholders
    if FILLERS[s.role] is not fill_texts:
        FILLERS[s.role](slide, slots, s, lang, filled)
    if slots.sample is not None:
        kept = {i for kind, i in filled if kind == "sample"}
        from deckgen.render.designwords import clear_sample_text, renumber_parts

        clear_sample_text(slide, kept | {i for _, shape in text_shapes(slide.tree) if (i := shape.id) not in sample_text})
        if s.role is Role.AGENDA:
            renumber_parts(slide, kept, None)  # the items' numbers went with the items
        elif s.ordinal is not None:
            renumber_parts(slide, kept, s.ordinal)
        elif s.role not in (Role.TITLE, Role.SECTION, Role.CLOSING):
            renumber_parts(slide, kept, None)  # a copy outside every section (the opening's): the page's part number is not its
    else:
        for key, sp in slide.placeholders.items():
            if key not in filled:
                sp.getparent().remove(sp)
    if not slide_placeholders(slide, slots, filled):
        title_first(slide)
    if slots.sample is not None:
        oxml.set_slide_numbers(slide.tree, number)
        _fit_autofit_boxes(slide)
    if s.footer and slots.sample is None:
        _footer(slide, slots, deck.footer, number, lang)
    from deckgen.render.pptx_api import hyperlink

    if deck.markup:
        oxml.apply_markup(slide.tree, lambda url: hyperlink(slide.part, url))
    if s.notes.strip():
        paragraphs = s.notes.strip("\n").split("\n")
        notes = factory.add_notes(slide.part)
        oxml.set_paragraphs(notes, paragraphs, lang, autofit=False)
        if deck.markup:
            from deckgen.render.pptx_api import notes_part

            part = notes_part(slide.part)
            oxml.apply_markup(notes, lambda url: hyperlink(part, url))
