"""Text drawn on a filled block kept legible on the slide's own colours: scheme names resolved through its theme."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from lxml import etree

from deckgen.package.ns import A
from deckgen.plan.model import Block
from deckgen.theme.contrast import contrast_ratio
from deckgen.theme.model import AA_LARGE, AA_TEXT

if TYPE_CHECKING:
    from pptx.opc.package import Part

_CANDIDATES = ("dk1", "lt1", "dk2", "lt2")  # the scheme's text colours, tried in this order


def scheme_of(slide_part: "Part") -> dict[str, str]:
    """The colour scheme (`dk1`, `lt1`, `accent1`… → hex) of the theme the slide's master uses; empty when
    it cannot be read."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        master = slide_part.part_related_by(RT.SLIDE_LAYOUT).part_related_by(RT.SLIDE_MASTER)
        theme = etree.fromstring(master.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return {}
    scheme: dict[str, str] = {}
    for slot in next(theme.iter(f"{{{A}}}clrScheme"), ()):
        value = next(iter(slot), None)
        if value is not None:
            hex_value = value.get("val") if value.tag == f"{{{A}}}srgbClr" else value.get("lastClr")
            if hex_value and len(hex_value) == 6:
                scheme[etree.QName(slot).localname] = hex_value.upper()
    return scheme


def legible(b: Block, scheme: dict[str, str]) -> Block:
    """`b` with each run whose colour falls below WCAG AA on the block's fill (4.5:1, 3:1 for large text)
    set in the scheme's text colour that contrasts most with it. A template's scheme may make deckgen's
    choice unreadable (its `lt2` a dark navy under `dk1` text); the built-in themes pass unchanged."""
    fill = scheme.get(b.fill) if b.fill else None
    if not fill:
        return b
    best = max((c for c in _CANDIDATES if c in scheme), key=lambda c: contrast_ratio(scheme[c], fill), default=None)
    if best is None:
        return b

    def fixed(color: str, size: float, bold: bool) -> Optional[str]:
        fg = scheme.get(color or "dk1")
        need = AA_LARGE if size >= 18 or (bold and size >= 14) else AA_TEXT
        return None if fg is None or contrast_ratio(fg, fill) >= need else best

    paragraphs = tuple(tuple(replace(r, color=new) if (new := fixed(r.color, r.size, r.bold)) else r for r in runs)
                       for runs in b.paragraphs)
    return b if paragraphs == b.paragraphs else replace(b, paragraphs=paragraphs)
