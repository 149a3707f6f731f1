"""Every use of python-pptx's private API, in one place: pinned to python-pptx 1.0.x (see pyproject.toml).

python-pptx has no public calls for what a fast, template-faithful build needs: the XML element behind a
proxy, adding relationships and parts without its linear searches, its package writer's member streams.
Each function names one such need; when python-pptx changes, this is the one module to adapt.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from deckgen.package.ns import RT_SLIDE_MASTER

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.opc.package import Part, _Relationships
    from pptx.parts.slide import SlideLayoutPart


class _Writer(Protocol):
    def write(self, pack_uri: Any, blob: bytes) -> None: ...


def element(obj: Any) -> "_Element":
    """The lxml element behind a python-pptx proxy (presentation, slide, shape, placeholder) or part."""
    return obj._element


def cell_element(cell: Any) -> "_Element":
    """The `a:tc` element behind a python-pptx table cell."""
    return cell._tc


def chart_element(chart: Any) -> "_Element":
    """The `c:chartSpace` element behind a python-pptx chart."""
    return chart._chartSpace


def set_element(part: Any, el: "_Element") -> None:
    """Replace the element of an XML part, dropping the proxies python-pptx cached for the old one."""
    part._element = el
    for cached in ("slide_layout", "slide_master", "notes_master"):
        part.__dict__.pop(cached, None)


def set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx holds as a blob (a theme, say)."""
    part._blob = blob


def relationships(part: "Part") -> "_Relationships":
    """The relationships of `part` (public in python-pptx as `Part.rels`)."""
    return part.rels


def package_relationships(prs: Any) -> "_Relationships":
    """The package-level relationships (`_rels/.rels`): core and app properties, thumbnail, main part."""
    return prs.part.package._rels


def add_relationship(source: "Part", reltype: str, target: "Part") -> str:
    """Add a relationship from `source` to `target` without looking for an existing one; return its rId."""
    return source.rels._add_relationship(reltype, target)


def add_slide_id(sld_id_lst: "_Element", slide_id: int, rid: str) -> None:
    """Append a `p:sldId` to the presentation's slide list."""
    sld_id_lst._add_sldId(id=slide_id, rId=rid)  # type: ignore[attr-defined]


def base_placeholder(ph: Any) -> Any:
    """The master placeholder a layout placeholder inherits from (or None)."""
    return ph._base_placeholder


def new_layout_part(partname: str, content_type: str, master_part: "Part", xml: str) -> "SlideLayoutPart":
    """A new slide-layout part related back to `master_part` (the master's relationship is the caller's)."""
    from pptx.opc.packuri import PackURI
    from pptx.oxml import parse_xml
    from pptx.parts.slide import SlideLayoutPart

    part = SlideLayoutPart(PackURI(partname), content_type, master_part.package, parse_xml(xml.encode("utf-8")))
    add_relationship(part, RT_SLIDE_MASTER, master_part)
    return part


def write_members(prs: Any, out: _Writer) -> None:
    """Serialise the package of `prs` member by member into `out.write(pack_uri, blob)`, in the order
    `Presentation.save` would write them, without zipping."""
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    writer = PackageWriter("", package._rels, tuple(package.iter_parts()))
    writer._write_content_types_stream(out)  # type: ignore[arg-type]
    writer._write_pkg_rels(out)  # type: ignore[arg-type]
    writer._write_parts(out)  # type: ignore[arg-type]


def copy_relationship(dst: "Part", rel: Any) -> None:
    """Give `dst` the relationship `rel` of another part under the same rId (so XML that names the rId,
    `r:embed` of a picture say, stays valid), to the same target part or external address."""
    from pptx.opc.package import _Relationship

    dst.rels._rels[rel.rId] = _Relationship(dst.rels._base_uri, rel.rId, rel.reltype, rel._target_mode, rel._target)


def new_slide_part(partname: str, package: Any, el: "_Element") -> Any:
    """A slide part holding `el` (no relationships yet)."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    return SlidePart(PackURI(partname), CT.PML_SLIDE, package, el)


def hyperlink(part: "Part", url: str) -> str:
    """The rId of an external hyperlink relationship from `part` to `url` (one per URL: reused when there)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return part.relate_to(url, RT.HYPERLINK, is_external=True)


def notes_part(slide_part: "Part") -> "Part":
    """The notes slide part of the slide `slide_part`."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return slide_part.part_related_by(RT.NOTES_SLIDE)
