"""Turn python-pptx's default package into a 16:9 deck with a built-in theme's master and layouts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.plan import grid
from deckgen.render.masterxml import LAYOUTS, layout_xml, master_xml, theme_xml
from deckgen.render.oxml import qn
from deckgen.render.package import drop_template_extras, set_part_xml
from deckgen.render.pptx_api import element, new_layout_part, relationships

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from deckgen.theme.model import Theme


def builtin_presentation(theme: "Theme", lang: str) -> "PresentationT":
    """A presentation with no slides whose master, layouts and theme part come from `theme`.

    The default package's layout parts are reused in order (so part names stay stable); the master gets
    as many layouts as `LAYOUTS` lists, new parts being added beyond the default package's eleven.
    """
    prs = Presentation()
    prs.slide_width = grid.SLIDE_W_EMU
    prs.slide_height = grid.SLIDE_H_EMU
    element(prs.part).find(qn("p:sldSz")).attrib.pop("type", None)
    drop_template_extras(prs)
    master_part = prs.part.part_related_by(RT.SLIDE_MASTER)
    set_part_xml(master_part.part_related_by(RT.THEME), theme_xml(theme))
    rels = relationships(master_part)
    layout_rels = sorted(((rid, rel.target_part) for rid, rel in rels.items() if rel.reltype == RT.SLIDE_LAYOUT),
                         key=lambda pair: int(pair[0][3:]))
    kept = layout_rels[: len(LAYOUTS)]
    for rid, _ in layout_rels[len(LAYOUTS):]:
        rels.pop(rid)
    used = {str(p.partname) for p in prs.part.package.iter_parts()}
    n = len(layout_rels)
    while len(kept) < len(LAYOUTS):
        n += 1
        name = f"/ppt/slideLayouts/slideLayout{n}.xml"
        if name in used:
            continue
        part = new_layout_part(name, CT.PML_SLIDE_LAYOUT, master_part, layout_xml(LAYOUTS[len(kept)], theme, lang))
        kept.append((master_part.relate_to(part, RT.SLIDE_LAYOUT), part))
    for spec, (_, part) in zip(LAYOUTS, kept):
        set_part_xml(part, layout_xml(spec, theme, lang))
    set_part_xml(master_part, master_xml(theme, [rid for rid, _ in kept], lang))
    return prs
