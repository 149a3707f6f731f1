"""Write each slide's identifier (`deckgen pull` matches slides to outline entries by it): a hidden shape's name."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from deckgen.package.ns import RT_NOTES_SLIDE
from deckgen.package.slideid import SlideKey
from deckgen.package.slidetext import read_slide
from deckgen.render import oxml
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from deckgen.render.factory import NewSlide

def _marker(shape_id: int, name: str) -> etree._Element:
    """A hidden, empty shape of no size named `name`: it shows nowhere, and PowerPoint, WPS and LibreOffice
    keep it and its name on save (LibreOffice drops slide tags and the slide's own name)."""
    sp = _MARKER.__copy__()
    c_nv_pr = sp[0][0]  # p:nvSpPr/p:cNvPr
    c_nv_pr.set("id", str(shape_id))
    c_nv_pr.set("name", name)
    return sp


def _new_marker(shape_id: int, name: str) -> etree._Element:
    sp = etree.Element(oxml.qn("p:sp"), nsmap={"a": oxml.A, "p": oxml.P})
    nv = etree.SubElement(sp, oxml.qn("p:nvSpPr"))
    etree.SubElement(nv, oxml.qn("p:cNvPr"), id=str(shape_id), name=name, hidden="1")
    locks = etree.SubElement(nv, oxml.qn("p:cNvSpPr"))
    etree.SubElement(locks, oxml.qn("a:spLocks"), noSelect="1", noTextEdit="1")
    etree.SubElement(nv, oxml.qn("p:nvPr"))
    pr = etree.SubElement(sp, oxml.qn("p:spPr"))
    xfrm = etree.SubElement(pr, oxml.qn("a:xfrm"))
    etree.SubElement(xfrm, oxml.qn("a:off"), x="0", y="0")
    etree.SubElement(xfrm, oxml.qn("a:ext"), cx="0", cy="0")
    geom = etree.SubElement(pr, oxml.qn("a:prstGeom"), prst="rect")
    etree.SubElement(geom, oxml.qn("a:avLst"))
    etree.SubElement(pr, oxml.qn("a:noFill"))
    etree.SubElement(etree.SubElement(pr, oxml.qn("a:ln")), oxml.qn("a:noFill"))
    return sp


_MARKER = _new_marker(0, "")  # every slide's marker is a copy


def mark_slide(slide: "NewSlide", key: SlideKey) -> SlideKey:
    """Write `key`, completed with the hash of the slide's text as written, into `slide`; return it.

    Call it once the slide and its notes are filled: the hash is what `pull` compares to tell an edited
    slide. The identifier goes into a hidden shape's name and into the slide's name (`p:cSld/@name`)."""
    notes = None
    for rel in slide.part.rels.values():
        if rel.reltype == RT_NOTES_SLIDE and not rel.is_external:
            notes = element(rel.target_part)
    root = element(slide.part)
    done = SlideKey(key.path, key.part, key.role, key.entry, read_slide(root, notes).digest)
    write_mark(slide, done.mark())
    return done


def write_mark(slide: "NewSlide", name: str) -> None:
    """Name `slide` `name`: a hidden marker shape's name and the slide's own (`p:cSld/@name`)."""
    tree = slide.tree
    tree.append(_marker(oxml.next_shape_id(tree), name))
    element(slide.part).find(oxml.qn("p:cSld")).set("name", name)
