"""Fill one slide from its plan: text into the layout's placeholders, footer, slide number, notes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen import oxml
from deckgen.model import Role
from deckgen.plan import DeckPlan, SlidePlan, Text
from deckgen.render.layouts import Slots

if TYPE_CHECKING:
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import Slide


def _fill(slide: "Slide", target: Optional["LayoutPlaceholder"], text: Optional[Text], lang: str) -> None:
    """Put `text` into the slide placeholder that inherits from `target`."""
    if target is None or text is None or not any(text.paragraphs):
        return
    key = (target.placeholder_format.type, target.placeholder_format.idx)
    for ph in slide.placeholders:
        if (ph.placeholder_format.type, ph.placeholder_format.idx) == key:
            oxml.set_paragraphs(ph._element.txBody, text.paragraphs, lang, text.size)
            return


def _drop_empty(slide: "Slide") -> None:
    """Remove placeholders left empty, so no 'Click to add text' prompt is left on the slide."""
    for ph in list(slide.placeholders):
        if not ph.has_text_frame or not ph.text_frame.text.strip():
            ph._element.getparent().remove(ph._element)


def _footer(slide: "Slide", slots: Slots, footer: Optional[Text], number: int, lang: str) -> None:
    tree = slide.shapes._spTree
    if slots.footer is not None and footer is not None:
        sp = oxml.placeholder_sp(oxml.next_shape_id(tree), "Footer Placeholder", "ftr", slots.footer.placeholder_format.idx)
        oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), footer.paragraphs, lang, footer.size, autofit=False)
        tree.append(sp)
    if slots.number is not None:
        sp = oxml.placeholder_sp(oxml.next_shape_id(tree), "Slide Number Placeholder", "sldNum", slots.number.placeholder_format.idx)
        oxml.set_slide_number(sp.find(oxml.qn("p:txBody")), number, lang)
        tree.append(sp)


def fill_slide(slide: "Slide", slots: Slots, s: SlidePlan, number: int, deck: DeckPlan) -> None:
    """Write the plan `s` into `slide`, whose layout's placeholders are `slots`."""
    lang = deck.language
    _fill(slide, slots.title, s.title, lang)
    if s.role is Role.TITLE:
        _fill(slide, slots.subtitle, s.subtitle, lang)
        _fill(slide, slots.byline, s.byline, lang)
    elif s.role is Role.SECTION:
        _fill(slide, slots.label, s.label, lang)
    else:
        _fill(slide, slots.body, s.body, lang)
    _drop_empty(slide)
    if s.footer:
        _footer(slide, slots, deck.footer, number, lang)
    if s.notes.strip():
        paragraphs = s.notes.strip("\n").split("\n")
        oxml.set_paragraphs(slide.notes_slide.notes_text_frame._txBody, paragraphs, lang, autofit=False)
