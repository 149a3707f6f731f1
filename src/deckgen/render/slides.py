"""Fill one slide from its plan: text into the layout's placeholders, footer, slide number, notes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.render import oxml
from deckgen.outline.model import Role
from deckgen.plan.planner import DeckPlan, SlidePlan, Text
from deckgen.render.layouts import Slots

if TYPE_CHECKING:
    from pptx.shapes.placeholder import LayoutPlaceholder

    from deckgen.render.factory import NewSlide, SlideFactory


def slot_key(target: Optional["LayoutPlaceholder"]) -> Optional[tuple[str, int]]:
    """The (type, idx) by which a slide placeholder cloned from `target` is found."""
    if target is None:
        return None
    from deckgen.render.factory import ph_key

    return ph_key(target._element)


def _fill(slide: "NewSlide", target: Optional["LayoutPlaceholder"], text: Optional[Text], lang: str,
          filled: set[tuple[str, int]]) -> None:
    key = slot_key(target)
    if key is None or text is None or not any(text.paragraphs):
        return
    sp = slide.placeholders.get(key)
    if sp is None:
        raise KeyError(f"no placeholder {key} on the slide cloned from its layout")
    oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), text.paragraphs, lang, text.size)
    filled.add(key)


def _footer(slide: "NewSlide", slots: Slots, footer: Optional[Text], number: int, lang: str) -> None:
    tree = slide.tree
    shape_id = oxml.next_shape_id(tree)
    if slots.footer is not None and footer is not None:
        sp = oxml.placeholder_sp(shape_id, "Footer Placeholder", "ftr", slots.footer.placeholder_format.idx)
        shape_id += 1
        oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), footer.paragraphs, lang, footer.size, autofit=False)
        tree.append(sp)
    if slots.number is not None:
        sp = oxml.placeholder_sp(shape_id, "Slide Number Placeholder", "sldNum", slots.number.placeholder_format.idx)
        oxml.set_slide_number(sp.find(oxml.qn("p:txBody")), number, lang)
        tree.append(sp)


def fill_slide(slide: "NewSlide", slots: Slots, s: SlidePlan, number: int, deck: DeckPlan, factory: "SlideFactory") -> None:
    """Write the plan `s` into `slide`, whose layout's placeholders are `slots`; `factory` makes its notes slide.

    Placeholders left empty are removed, so no "Click to add text" prompt stays on the slide.
    """
    lang = deck.language
    filled: set[tuple[str, int]] = set()
    _fill(slide, slots.title, s.title, lang, filled)
    if s.role is Role.TITLE:
        _fill(slide, slots.subtitle, s.subtitle, lang, filled)
        _fill(slide, slots.byline, s.byline, lang, filled)
    elif s.role is Role.SECTION:
        _fill(slide, slots.label, s.label, lang, filled)
    else:
        _fill(slide, slots.body, s.body, lang, filled)
    for key, sp in slide.placeholders.items():
        if key not in filled:
            sp.getparent().remove(sp)
    if s.footer:
        _footer(slide, slots, deck.footer, number, lang)
    if s.notes.strip():
        paragraphs = s.notes.strip("\n").split("\n")
        oxml.set_paragraphs(factory.add_notes(slide.part), paragraphs, lang, autofit=False)
