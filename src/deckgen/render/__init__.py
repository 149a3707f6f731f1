"""Render a `DeckPlan` into a python-pptx `Presentation`: the only package that imports pptx."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckgen.render import oxml
from deckgen.diagnostics import Diagnostic
from deckgen.outline.model import Role
from deckgen.plan.grid import Frames
from deckgen.plan.kinds import BUILTIN_FRAMES, KINDS
from deckgen.render.layouts import Slots, find_layout, slots
from deckgen.render.pptx_api import element
from deckgen.text.script import is_cjk_language

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from deckgen.plan.model import DeckPlan
    from deckgen.theme.model import Theme


@dataclass
class Target:
    """The presentation slides are added to, with the layout and placeholders for each role."""

    prs: "PresentationT"
    layouts: dict[str, "SlideLayout"]
    slots: dict[str, Slots]
    frames: Frames = BUILTIN_FRAMES
    warnings: list[Diagnostic] = field(default_factory=list)
    east_asian_font: Optional[str] = None  # set in the template's themes (`--east-asian-font`)
    builtin: bool = False  # the built-in master of a theme (else an organisation's template)


def _target(prs: "PresentationT", frames: Optional[Frames] = None) -> Target:
    layouts = list(prs.slide_layouts)
    chosen = {}
    for k in KINDS.values():
        choice = find_layout(layouts, k.role.value)
        if choice.layout is None:
            raise ValueError(f"the master has no layout for {k.role.value!r}")
        chosen[k.role.value] = choice.layout
    role_slots = {role: slots(layout, KINDS[Role(role)]) for role, layout in chosen.items()}
    if frames is None:
        from deckgen.render.frames import template_frames

        frames = template_frames(role_slots)
    return Target(prs, chosen, role_slots, frames)


def builtin_target(theme: "Theme", lang: str) -> Target:
    """A target built from a built-in theme (master and layouts generated from it)."""
    from deckgen.render.builtin import builtin_presentation

    target = _target(builtin_presentation(theme, lang), BUILTIN_FRAMES)
    target.builtin = True
    return target


def template_target(path: Path, lang: str, east_asian_font: Optional[str] = None) -> Target:
    """A target from the organisation's template at `path`; its slides are removed.

    Raises `ContentError` when the file is unusable or lacks a title or content layout.
    """
    from deckgen.render.package import drop_template_extras, ensure_view_props
    from deckgen.render.template import (check_required, inspect, open_template, reading,
                                         remove_slides, role_warnings)

    mended: list[Diagnostic] = []
    prs = open_template(path, mended)
    with reading(path):
        info = inspect(prs)
        check_required(info, path)
        cjk = is_cjk_language(lang)
        warnings = mended + [w for w in role_warnings(info, path, cjk) if not (east_asian_font and "East Asian" in w.message)]
        remove_slides(prs)
        drop_template_extras(prs)
        ensure_view_props(prs)
        target = _target(prs)
    target.warnings = warnings
    target.east_asian_font = east_asian_font
    return target


def render(deck: "DeckPlan", theme: "Theme", target: Optional[Target] = None) -> tuple["PresentationT", list[Diagnostic]]:
    """Add the slides of `deck` to `target` (default: the built-in master of `theme`); return it with warnings."""
    from deckgen.render.factory import SlideFactory
    from deckgen.render.package import assert_unique_partnames, ensure_notes_master, set_properties
    from deckgen.render.slides import fill_slide

    target = target or builtin_target(theme, deck.language)
    prs = target.prs
    ensure_notes_master(prs, theme.sizes.notes)
    _theme_fonts(target, theme)
    factory = SlideFactory(prs)
    section_ids: list[list[int]] = [[] for _ in deck.sections]
    n_notes = 0
    for number, s in enumerate(deck.slides, 1):
        role = s.role.value
        slide = factory.add_slide(target.layouts[role])
        fill_slide(slide, target.slots[role], s, number, deck, factory)
        n_notes += bool(s.notes.strip())
        if s.section is not None:
            section_ids[s.section].append(slide.slide_id)
    oxml.set_sections(element(prs.part), zip(deck.sections, section_ids), deck.title)
    set_properties(prs, deck, n_notes)
    assert_unique_partnames(prs)
    return prs, list(target.warnings)


def _theme_fonts(target: Target, theme: "Theme") -> None:
    """Give the notes master's theme (and, when asked, a template's theme) the East Asian font."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from deckgen.render.masterxml import theme_xml
    from deckgen.render.package import set_part_xml
    from deckgen.render.template import east_asian_fonts, set_east_asian_font

    prs = target.prs
    requested = target.east_asian_font
    if requested:
        set_east_asian_font(prs, requested)
        return
    notes_theme = prs.part.notes_master_part.part_related_by(RT.THEME)
    if target.builtin:
        set_part_xml(notes_theme, theme_xml(theme, f"deckgen {theme.name} notes"))
    else:
        major, minor = east_asian_fonts(prs)
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
