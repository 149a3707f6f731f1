"""Fill one slide from its plan: text into the layout's placeholders, footer, slide number, notes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Optional

from deckgen.outline.model import Role
from deckgen.plan.kinds import KINDS
from deckgen.plan.model import DeckPlan, SlidePlan, Text
from deckgen.render import oxml
from deckgen.render.draw import title_first
from deckgen.render.drawers import DRAWERS
from deckgen.render.layouts import Slots
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from pptx.shapes.placeholder import LayoutPlaceholder

    from deckgen.render.factory import NewSlide, SlideFactory

PhKey = tuple[str, int]


def slot_key(target: Optional["LayoutPlaceholder"]) -> Optional[PhKey]:
    """The (type, idx) by which a slide placeholder cloned from `target` is found."""
    if target is None:
        return None
    from deckgen.render.factory import ph_key

    return ph_key(element(target))


def fill_placeholder(slide: "NewSlide", target: Optional["LayoutPlaceholder"], text: Optional[Text], lang: str,
                     filled: set[PhKey], plain: bool = False) -> None:
    """Put `text` into the slide's placeholder cloned from the layout placeholder `target` (if both exist);
    `plain`: without bullet marks, whatever the placeholder's style."""
    key = slot_key(target)
    if key is None or text is None or not any(text.paragraphs):
        return
    sp = slide.placeholders.get(key)
    if sp is None:
        raise KeyError(f"no placeholder {key} on the slide cloned from its layout")
    oxml.set_paragraphs(sp.find(oxml.qn("p:txBody")), text.paragraphs, lang, text.size)
    if plain:
        oxml.without_bullets(sp.find(oxml.qn("p:txBody")))
    filled.add(key)


def fill_texts(slide: "NewSlide", slots: Slots, s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """The render function of the text kinds: the title and each slot's text into its placeholder."""
    fill_placeholder(slide, slots.title, s.title, lang, filled)
    kind = KINDS[s.role]
    for name, text in s.texts:
        spec = kind.slot(name)
        fill_placeholder(slide, slots.get(name), text, lang, filled, plain=spec is not None and spec.bullet is False)


# One render function per kind: what it draws on the slide beyond the footer and notes. Every kind's texts
# go into their placeholders; the kinds that draw more (a chart, cards…) have their function in `DRAWERS`.
Filler = Callable[["NewSlide", Slots, SlidePlan, str, "set[PhKey]"], None]
FILLERS: Mapping[Role, Filler] = {role: DRAWERS.get(role, fill_texts) for role in Role}


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
    filled: set[PhKey] = set()
    fill_texts(slide, slots, s, lang, filled)  # every kind's texts into their placeholders
    if FILLERS[s.role] is not fill_texts:
        FILLERS[s.role](slide, slots, s, lang, filled)
    for key, sp in slide.placeholders.items():
        if key not in filled:
            sp.getparent().remove(sp)
    title_first(slide)
    if s.footer:
        _footer(slide, slots, deck.footer, number, lang)
    if s.notes.strip():
        paragraphs = s.notes.strip("\n").split("\n")
        oxml.set_paragraphs(factory.add_notes(slide.part), paragraphs, lang, autofit=False)
