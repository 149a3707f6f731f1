"""Package-level edits: replace part XML, drop template leftovers, notes master, properties, part names."""
from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from deckgen.package import ns
from deckgen.package.ns import EP, VT
from deckgen.render import oxml
from deckgen.render.pptx_api import (add_relationship, element, iter_parts, named_slides, package_relationships,
                                     related_parts, set_blob, set_element,
                                     write_members)

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from deckgen.plan.model import DeckPlan

APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<Properties xmlns="{EP}" xmlns:vt="{VT}">'
           '<Application>deckgen</Application><PresentationFormat>{fmt}</PresentationFormat>'
           '<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides></Properties>')


def set_part_xml(part: object, xml: str) -> None:
    """Replace the content of a part, whether python-pptx holds it as an element or as bytes."""
    if hasattr(part, "_element"):
        set_element(part, parse_xml(xml.encode("utf-8")))
    else:
        set_blob(part, xml.encode("utf-8"))


def drop_template_extras(prs: "PresentationT") -> None:
    """Drop the thumbnail (a picture of someone else's slide) and printer settings of a template."""
    rels = package_relationships(prs)
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.rels.pop(rid)


VIEW_PROPS_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:viewPr xmlns:a="{ns.A}" '
                  f'xmlns:r="{ns.R}" xmlns:p="{ns.P}"><p:normalViewPr><p:restoredLeft sz="15620"/>'
                  '<p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="72008" cy="72008"/></p:viewPr>')


def ensure_view_props(prs: "PresentationT") -> bool:
    """Give the presentation view properties (`ppt/viewProps.xml`) when it has none, as some templates
    (LibreOffice's, for one) do: PowerPoint offers to repair a file without them. True when added."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return False
    used = {str(part.partname) for part in prs.part.package.iter_parts()}
    name, n = "/ppt/viewProps.xml", 1
    while name in used:
        n += 1
        name = f"/ppt/viewProps{n}.xml"
    part = Part(PackURI(name), CT.PML_VIEW_PROPS, prs.part.package, VIEW_PROPS_XML.encode("utf-8"))
    add_relationship(prs.part, RT.VIEW_PROPS, part)
    return True


def theme_parts(prs: "PresentationT") -> list[object]:
    """The theme parts of every slide master and of the notes master (if there is one)."""
    parts = []
    for master in prs.slide_masters:
        parts.append(master.part.part_related_by(RT.THEME))
    for rel in prs.part.rels.values():
        if rel.reltype == RT.NOTES_MASTER:
            parts.append(rel.target_part.part_related_by(RT.THEME))
    return parts


def ensure_notes_master(prs: "PresentationT", notes_size: float) -> None:
    """Create the notes master now (python-pptx does it lazily), size its text, and list it in presentation.xml."""
    part = prs.part.notes_master_part
    oxml.set_notes_style(element(part), notes_size)
    rid = next(rid for rid, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER)
    oxml.set_notes_master_id(element(prs.part), rid)


def _property(text: str, limit: int = 255) -> str:
    """`text` cut to the `limit` characters python-pptx allows in a core property, ending in `…` if cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def set_properties(prs: "PresentationT", deck: "DeckPlan", n_notes: int) -> None:
    """Core properties (title, author, subject, language, dates) and a fresh app.xml."""
    cp = prs.core_properties
    cp.title = _property(deck.title)
    cp.author = _property(deck.presenter or "")
    cp.subject = _property(deck.subtitle or "")
    cp.language = deck.language
    cp.last_modified_by = "deckgen"
    cp.keywords = cp.comments = cp.category = ""
    cp.revision = 1
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch and epoch.isdigit()
           else _dt.datetime.now(_dt.timezone.utc)).replace(microsecond=0, tzinfo=None)
    cp.created = cp.modified = now
    wide = prs.slide_width * 9 == prs.slide_height * 16
    # the app properties' part: one the package relates to (else found by a walk of every part)
    package = prs.part.package
    app = next((p for p in related_parts(package) if p.partname == APP), None) or \
        next((p for p in iter_parts(package) if p.partname == APP), None)
    if app is not None:
        set_part_xml(app, APP_XML.format(fmt="Widescreen" if wide else "Custom", slides=named_slides(prs), notes=n_notes))


APP = "/docProps/app.xml"


class _Collector:
    """Stands in for python-pptx's zip writer: keeps each member's bytes, in the order written."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.data: dict[str, bytes] = {}

    def write(self, pack_uri: object, blob: bytes) -> None:
        name = pack_uri.membername  # type: ignore[attr-defined]
        self.order.append(name)
        self.data[name] = blob


def package_members(prs: "PresentationT") -> tuple[list[str], dict[str, bytes]]:
    """The zip members `prs.save` would write (name order, name → bytes), serialised by python-pptx's own
    package writer but not compressed, so they can be fingerprinted before the one compression pass."""
    collector = _Collector()
    write_members(prs, collector)
    if len(collector.data) != len(collector.order):  # two parts of one name: the package would be corrupt
        twice = next(name for i, name in enumerate(collector.order) if name in collector.order[:i])
        raise RuntimeError(f"duplicate part name /{twice}")
    return collector.order, collector.data
