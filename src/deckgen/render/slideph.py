"""The boxes holding a slide's title, subtitle, byline and body made its own placeholders, looking the same."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from deckgen.render import oxml
from deckgen.render.layouts import Slots
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from lxml.etree import _Element

    from deckgen.render.factory import NewSlide

PhKey = tuple[str, int]
PLACEHOLDER_SLOTS = ("title", "subtitle", "byline", "body")  # the texts screen readers, the outline view and pull read


def slide_placeholders(slide: "NewSlide", slots: Slots, filled: set[PhKey]) -> bool:
    """Make the text boxes holding the slide's title, subtitle, byline and body (a copied sample page's boxes, or
    the boxes added where the layout has no placeholder for them) the slide's placeholders, as they look
    (`titleph.make_placeholder`): screen readers, the outline view and `deckgen pull` find the text. True when
    the title became one (and is first in reading order)."""
    if slots.sample is None and not slots.boxes:
        return False
    from deckgen.render.samples import shape_by_id
    from deckgen.render.titleph import free_index, make_placeholder, read_after

    presentation = element(slide.part.package.presentation_part)
    defaults = presentation.find(oxml.qn("p:defaultTextStyle"))
    named = {}
    for el in slide.tree.iter(oxml.qn("p:sp")):
        c_nv = el.find(f"{oxml.qn('p:nvSpPr')}/{oxml.qn('p:cNvPr')}")
        if c_nv is not None and ("sample", int(c_nv.get("id", "0"))) in filled:
            named.setdefault(c_nv.get("name", ""), el)
    layout = slide.part.slide_layout
    inherited = (element(layout), element(layout.slide_master))
    titled = False
    last = None  # the text read before: the bodies follow the title in reading order, in this order
    for name in PLACEHOLDER_SLOTS:
        sp = None
        if slots.sample is not None and ("sample", slots.shape_ids.get(name, -1)) in filled:
            sp = shape_by_id(slide.tree, slots.shape_ids[name])
        if sp is None:  # the text box `fill_slot` added for the slot
            sp = named.get("Title" if name == "title" else f"Text {name}")
        if sp is None:
            continue
        if name == "title":
            titled = make_placeholder(sp, slide.tree, defaults, inherited=inherited)
        else:
            parent, at, was = sp.getparent(), sp.getparent().index(sp), copy.deepcopy(sp)
            if (make_placeholder(sp, slide.tree, defaults, "body", free_index(slide.tree, inherited[0]), inherited)
                    and not read_after(sp, last, slide.tree, inherited)):
                sp.getparent().remove(sp)  # read before the text before it (pull reads a cover's lines in order):
                parent.insert(at, was)  # left a text box
                continue
        last = sp if _ph_of(sp) else last
    return titled


def _ph_of(sp: "_Element") -> bool:
    return sp.find(f"{oxml.qn('p:nvSpPr')}/{oxml.qn('p:nvPr')}/{oxml.qn('p:ph')}") is not None
