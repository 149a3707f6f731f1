"""Render a `DeckPlan` on a target (`deckgen.render.target`) into a python-pptx `Presentation`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.diagnostics import Diagnostic
from deckgen.render import oxml
from deckgen.render.pptx_api import element
from deckgen.render.target import Target, builtin_target

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from deckgen.package.deflater import Deflater
    from deckgen.package.slideid import SlideKey
    from deckgen.plan.model import DeckPlan
    from deckgen.theme.model import Theme


def render(deck: "DeckPlan", theme: "Theme", target: Optional[Target] = None,
           keys: Optional[Sequence["SlideKey"]] = None, prepare: bool = True,
           beside: Optional["Deflater"] = None) -> tuple["PresentationT", list[Diagnostic]]:
    """Add the slides of `deck` to `target` (default: the built-in master of `theme`); return it with warnings.

    `keys` (one per slide) are the identifiers written into the slides for `deckgen pull`. With `prepare`,
    text slides are written from prepared templates (`deckgen.render.prepared`: the same XML, faster); by the
    copy of the process that planned the deck when it serves `beside` (their parts' bytes are taken from it
    when the deck is saved), else here."""
    from deckgen.render.factory import SlideFactory
    from deckgen.render.marks import mark_slide
    from deckgen.render.package import ensure_notes_master, set_properties
    from deckgen.render.prepared import Prepared
    from deckgen.render.slides import fill_slide

    target = target or builtin_target(theme, deck.language)
    prs = target.prs
    ensure_notes_master(prs, theme.sizes.notes)
    _theme_fonts(target, theme)
    factory = SlideFactory(prs, target.backgrounds)
    prepared = Prepared(factory, target, deck, beside) if prepare and keys is not None else None
    section_ids: list[list[int]] = [[] for _ in deck.sections]
    n_notes = 0
    for number, s in enumerate(deck.slides, 1):
        role = s.role.value
        slide = prepared.slide(s, number, keys[number - 1]) if prepared is not None and keys is not None else None
        if slide is None:  # the ordinary path (a prepared slide is filled and marked)
            sample = target.slots[role].sample
            slide = factory.add_clone(sample) if sample is not None else factory.add_slide(target.layouts[role])
            fill_slide(slide, target.slots[role], s, number, deck, factory)
            if not target.builtin:
                oxml.no_hanging(slide.tree)  # set as fitted, whatever the template's style
            if keys is not None:
                mark_slide(slide, keys[number - 1])
        n_notes += bool(s.notes.strip())
        if s.section is not None:
            section_ids[s.section].append(slide.slide_id)
    oxml.set_sections(element(prs.part), zip(deck.sections, section_ids), deck.title)
    set_properties(prs, deck, n_notes)  # (two parts of one name are refused when the package is written)
    used = [role for role in target.borrowed if role in {s.role.value for s in deck.slides}]
    borrowed = []
    if used:
        listed = ", ".join(f"{role} → {target.borrowed[role]!r}" for role in used)
        borrowed.append(Diagnostic(f"the template has no layout of its own for {len(used)} slide kind"
                                   f"{'s' if len(used) > 1 else ''} the deck uses ({listed}); `deckgen template inspect` "
                                   "shows every choice, and `template_roles` in the outline picks others", target.source))
    return prs, borrowed + list(target.warnings)


def _theme_fonts(target: Target, theme: "Theme") -> None:
    """Give the notes master's theme (and, when asked, a template's theme) the East Asian font."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from deckgen.render.masterxml import theme_xml
    from deckgen.render.package import set_part_xml
    from deckgen.render.template import east_asian_capable, east_asian_fonts, set_east_asian_font

    prs = target.prs
    requested = target.east_asian_font
    if requested:
        set_east_asian_font(prs, requested)
        return
    notes_theme = prs.part.notes_master_part.part_related_by(RT.THEME)
    if target.builtin:
        set_part_xml(notes_theme, theme_xml(theme, f"deckgen {theme.name} notes"))
    else:
        major, minor = (face if east_asian_capable(face) else "" for face in east_asian_fonts(prs))
        if minor or major:
            # the notes follow the slides' East Asian font
            from lxml import etree

            root = etree.fromstring(notes_theme.blob)
            for kind, face in (("major", major or minor), ("minor", minor or major)):
                font = root.find(f".//{{{oxml.A}}}{kind}Font")
                ea = font.find(f"{{{oxml.A}}}ea") if font is not None else None
                if ea is not None and not ea.get("typeface"):
                    ea.set("typeface", face)
            set_part_xml(notes_theme, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode())

