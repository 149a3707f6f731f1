"""Every use of python-pptx's private API, in one place: pinned to python-pptx 1.0.x (see pyproject.toml).

python-pptx has no public calls for what a fast, template-faithful build needs: the XML element behind a
proxy, adding relationships and parts without its linear searches, its package writer's member streams.
Each function names one such need; when python-pptx changes, this is the one module to adapt.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional, Protocol, Sequence

from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM  # (this module patches python-pptx: pptx is loaded)
from pptx.opc.package import _Relationship

from deckgen.package.ns import CT, REL, RT_SLIDE_MASTER, R

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.opc.package import Part, _Relationships
    from pptx.parts.slide import SlideLayoutPart


def _placeholder_lookup() -> None:
    """python-pptx finds a shape's `p:ph` (is it a placeholder? which?) with an XPath given as text, which lxml
    compiles again at every call: a tenth of a small build's rendering. The same XPath, compiled once."""
    from lxml import etree
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.shapes.shared import BaseShapeElement

    find = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=_nsmap)

    def ph(self: Any) -> Any:
        """The `p:ph` descendant element if there is one, None otherwise."""
        found = find(self)
        return found[0] if found else None

    BaseShapeElement.ph = property(ph)  # type: ignore[method-assign, assignment]


_placeholder_lookup()


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


def _rels(owner: Any) -> Any:
    """python-pptx's `_Relationships` of a part or package, read past its lazy property: each access to one is a
    call in Python (`lazyproperty` is a data descriptor), 49,000 of them in a 1000-slide build."""
    rels = owner.__dict__.get("_rels")
    return rels if rels is not None else owner._rels


def _items(rels: Any) -> dict[str, Any]:
    """The `{rId: _Relationship}` of python-pptx's `_Relationships`, read past its lazy property (see `_rels`)."""
    found = rels.__dict__.get("_rels")
    return found if found is not None else rels._rels  # type: ignore[no-any-return]


def _rel_map(owner: Any) -> dict[str, Any]:
    """The `{rId: _Relationship}` of a part or package."""
    return _items(_rels(owner))


def add_relationship(source: "Part", reltype: str, target: "Part") -> str:
    """Add a relationship from `source` to `target` without looking for an existing one; return its rId (the rId
    python-pptx gives: `rId{n+1}` for n relationships, else the highest free one below, which it finds)."""
    rels = _rels(source)
    found = _items(rels)
    rid = f"rId{len(found) + 1}"
    if rid in found:
        return rels._add_relationship(reltype, target)  # type: ignore[no-any-return]
    found[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target)
    return rid


def add_relationship_as(source: "Part", rid: str, reltype: str, target: "Part") -> None:
    """Add a relationship from `source` to `target` under the given rId (XML made beforehand names it)."""
    source.rels._rels[rid] = _Relationship(source.rels._base_uri, rid, reltype, RTM.INTERNAL, target)


def add_slide_id(sld_id_lst: "_Element", slide_id: int, rid: str) -> None:
    """Append a `p:sldId` to the presentation's slide list."""
    from lxml import etree

    from deckgen.package.ns import P, R

    etree.SubElement(sld_id_lst, f"{{{P}}}sldId", {"id": str(slide_id), f"{{{R}}}id": rid})


def related_parts(owner: Any) -> list["Part"]:
    """The parts a part or the package relates to directly (internal relationships), in rId order as held."""
    return [rel._target for rel in _rel_map(owner).values() if rel._target_mode != RTM.EXTERNAL]


def named_slides(prs: Any) -> int:
    """`len(prs.slides)`, with its effect: the first time `Presentation.slides` is asked for (a lazy property),
    python-pptx names the slides' parts in slide order (`rename_slide_parts`); here a part is renamed only where
    its name is not that already (on a deck of new slides, none is), and a second time nothing is renamed."""
    from pptx.opc.packuri import PackURI

    from deckgen.package.ns import R

    if "slides" in vars(prs):  # asked for before (a template's slides, say): python-pptx renames nothing now
        return len(prs.slides)
    from pptx.slide import Slides

    rels, rid = _rel_map(prs.part), f"{{{R}}}id"
    listed = element(prs.part).get_or_add_sldIdLst()
    n = 0
    for n, sld in enumerate(listed, 1):
        part, name = rels[sld.get(rid)]._target, "/ppt/slides/slide%d.xml" % n
        if part.partname != name:
            part.partname = PackURI(name)
    prs.__dict__["slides"] = Slides(listed, prs)  # what the lazy property keeps
    return n


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


def iter_parts(package: Any) -> list["Part"]:
    """Every part of `package` once, in the order `OpcPackage.iter_parts` gives them (depth first along the
    relationships, a part where it is first reached), read from python-pptx's relationship dicts directly:
    its own walk goes through a lazy property per step, which is most of its time on a deck of 1000 slides."""
    seen: set[int] = set()
    out: list["Part"] = []
    stack = [iter(_rel_map(package).values())]
    while stack:
        rel = next(stack[-1], None)
        if rel is None:
            stack.pop()
            continue
        if rel._target_mode == RTM.EXTERNAL or id(rel._target) in seen:
            continue
        part = rel._target
        seen.add(id(part))
        out.append(part)
        stack.append(iter(_rel_map(part).values()))
    return out


_REL_HEAD = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
             + f'<Relationships xmlns="{REL}">'.encode("ascii"))
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-:")


def rels_xml(rels: "_Relationships") -> bytes:
    """The `.rels` member of `rels`, byte for byte as python-pptx's `_Relationships.xml` writes it (numerical
    rId order, relative targets), made as text; relationships it cannot be sure to write alike (external
    ones, targets with characters XML escapes) are left to python-pptx."""
    items = _items(rels)
    out, said = [], []
    for _, rid in sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in items):
        rel = items[rid]
        if rel._target_mode == RTM.EXTERNAL:
            return rels.xml
        target = _relative(str(rel._target.partname), rel._base_uri)
        said += (rid, target, rel._reltype)
        out.append(f'<Relationship Id="{rid}" Type="{rel._reltype}" Target="{target}"/>')
    if not out or not _PLAIN.issuperset("".join(said)):
        return rels.xml
    return _REL_HEAD + "".join(out).encode("ascii") + b"</Relationships>"


def _relative(partname: str, base: str) -> str:
    """`PackURI.relative_ref`: `partname` relative to the folder `base`, with the folders' path remembered."""
    if base == "/":
        return partname[1:]
    folder, name = partname.rsplit("/", 1)
    up = _relative_folder(folder or "/", base)
    return name if up == "." else f"{up}/{name}"


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str:
    return posixpath.relpath(folder, base)


def content_types_xml(parts: "Sequence[Part]") -> Optional[bytes]:
    """`[Content_Types].xml` for `parts`, byte for byte as python-pptx writes it (its defaults and overrides,
    sorted), made as text; None (python-pptx writes it) when a name or type holds a character XML escapes."""
    from pptx.opc.constants import CONTENT_TYPE
    from pptx.opc.spec import default_content_types

    known = frozenset(default_content_types)  # as `_ContentTypesItem._defaults_and_overrides`, without its per-part
    defaults = {"rels": CONTENT_TYPE.OPC_RELATIONSHIPS, "xml": CONTENT_TYPE.XML}  # properties (keys in lower case)
    overrides: dict[str, str] = {}
    for part in parts:
        partname, content_type = part.partname, part.content_type
        ext = posixpath.splitext(partname)[1]
        ext = (ext[1:] if ext.startswith(".") else ext).lower()
        if (ext, content_type) in known:
            defaults[ext] = content_type
        else:
            overrides[partname] = content_type
    out = []
    for tag, key, items in (("Default", "Extension", defaults), ("Override", "PartName", overrides)):
        for name, content_type in sorted(items.items()):
            if not (_TYPES_PLAIN.issuperset(name) and _TYPES_PLAIN.issuperset(content_type)):
                return None
            out.append(f'<{tag} {key}="{name}" ContentType="{content_type}"/>')
    return _TYPES_HEAD + "".join(out).encode("ascii") + b"</Types>"


_TYPES_HEAD = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
               + f'<Types xmlns="{CT}">'.encode("ascii"))
_TYPES_PLAIN = _PLAIN | frozenset("+")  # content types: `application/vnd…slide+xml`


def write_members(prs: Any, out: _Writer) -> None:
    """Serialise the package of `prs` member by member into `out.write(pack_uri, blob)`, in the order
    `Presentation.save` would write them and with the same bytes, without zipping."""
    from pptx.opc.packuri import CONTENT_TYPES_URI, PackURI
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    parts = tuple(iter_parts(package))
    writer = PackageWriter("", package._rels, parts)
    types = content_types_xml(parts)
    if types is None:
        writer._write_content_types_stream(out)  # type: ignore[arg-type]
    else:
        out.write(CONTENT_TYPES_URI, types)
    writer._write_pkg_rels(out)  # type: ignore[arg-type]
    for part in parts:  # as PackageWriter._write_parts, with each .rels made by `rels_xml`
        out.write(part.partname, part.blob)
        if _rel_map(part):
            folder, _, name = part.partname.rpartition("/")  # `PackURI.rels_uri`, without its path functions
            out.write(PackURI(f"{folder}/_rels/{name}.rels"), rels_xml(_rels(part)))


def copy_relationship(dst: "Part", rel: Any) -> None:
    """Give `dst` the relationship `rel` of another part under the same rId (so XML that names the rId,
    `r:embed` of a picture say, stays valid), to the same target part or external address."""
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


_CONTENT_RELS = ("/chart", "/image", "/diagramData", "/diagramLayout", "/diagramQuickStyle", "/diagramColors",
                 "/diagramDrawing", "/oleObject", "/package", "/video", "/audio", "/media")


def drop_unreferenced(part: "Part") -> None:
    """Remove the relationships of a slide `part` to charts, pictures, diagrams, embedded objects and media
    that its XML no longer names (the content graphics taken off a sample slide's copy), so their parts are
    not carried in the package for nothing."""
    named = {v for el in part._element.iter() for k, v in el.attrib.items() if k.startswith("{%s}" % R)}
    for rid, rel in list(part.rels.items()):
        if rid not in named and not rel.is_external and rel.reltype.endswith(_CONTENT_RELS):
            part.rels.pop(rid)
