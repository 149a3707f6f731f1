"""A template package made safe to build on, before python-pptx opens it: its main part relabelled as a
presentation (.potx, .ppsx, macro-free .pptm), macros refused, every XML part parsed safely, and picture
references to relationships the part does not have dropped (with a warning) rather than carried into decks."""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import field

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package.ns import A, CT, P, R
from deckgen.package.zipread import MAX_XML, Package, parse_xml, rels_name, relationships

PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = frozenset(
    [f"application/vnd.openxmlformats-officedocument.presentationml.{k}.main+xml" for k in ("presentation", "slideshow", "template")]
    + [f"application/vnd.ms-powerpoint.{k}.macroEnabled.main+xml" for k in ("presentation", "slideshow", "template")])
MACRO_TYPES = ("application/vnd.ms-office.vbaProject", "application/vnd.ms-office.vbaProjectSignature",
               "application/vnd.ms-office.activeX")
_REFS = (f"{{{R}}}embed", f"{{{R}}}link")  # on a:blip: the picture itself; dropping it leaves an empty frame


class Refused(Exception):
    """The template cannot be built on; `str()` says why and what to do."""


@record
class Intake:
    """The package bytes to open and what was changed on the way, as warnings (one line each)."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


def _types(z: Package) -> tuple[etree._Element, dict[str, str], dict[str, str]]:
    root = z.xml("[Content_Types].xml")
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.iter(f"{{{CT}}}Override")}
    defaults = {d.get("Extension", "").casefold(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    return root, overrides, defaults


def prepare(data: bytes, main: str = "ppt/presentation.xml") -> Intake:
    """Check and mend the template package `data` (see the module docstring). Raises `Refused` for macros
    and for a part that refers to a relationship it does not have other than a picture; raises the zip
    reader's `ZipRefused` (`BadXml` for XML that is not well-formed or has a DOCTYPE) as it comes."""
    changed: dict[str, bytes] = {}
    warnings: list[str] = []
    with Package.open(data) as z:
        ct_root, overrides, defaults = _types(z)
        for name in z.names:
            ext = posixpath.splitext(name)[1].lstrip(".").casefold()
            kind = overrides.get(name) or defaults.get(ext, "")
            if kind in MACRO_TYPES or posixpath.basename(name).casefold() == "vbaproject.bin":
                raise Refused("a macro-enabled file (it holds a VBA project); save the template as .pptx or .potx "
                              "without macros")
        main_type = overrides.get(main, "")
        if main_type in MAIN_TYPES and main_type != PRESENTATION_MAIN:
            for o in ct_root.iter(f"{{{CT}}}Override"):
                if o.get("PartName", "").lstrip("/") == main:
                    o.set("ContentType", PRESENTATION_MAIN)
            changed["[Content_Types].xml"] = _xml(ct_root)
        for name in sorted(z.names):
            ext = posixpath.splitext(name)[1].casefold()
            if ext not in (".xml", ".rels") or name in changed:
                continue
            root = parse_xml(z.read(name, MAX_XML), name)  # every XML part: well-formed, no DOCTYPE
            if ext == ".rels":
                continue
            if name == main:
                _slide_size(root)
            mended = _mend_references(z, name, root, warnings)
            if mended:
                changed[name] = _xml(root)
        out = _rewrite(z, changed) if changed else data
    return Intake(out, warnings)


SLIDE_SIDE = (914400, 51206400)  # EMU: 1 to 56 inches, what PowerPoint allows (ST_SlideSizeCoordinate)


def _slide_size(presentation: etree._Element) -> None:
    """Raise `Refused` for a slide size PowerPoint cannot open (a number read from the file, bounded here)."""
    size = presentation.find(f"{{{P}}}sldSz")
    if size is None:
        return
    for side in ("cx", "cy"):
        value = size.get(side, "")
        if not (value.isascii() and value.isdigit() and len(value) < 10 and SLIDE_SIDE[0] <= int(value) <= SLIDE_SIDE[1]):
            raise Refused(f"the template's slide size is damaged ({side}={value[:20]!r} EMU; PowerPoint allows "
                          f"{SLIDE_SIDE[0]} to {SLIDE_SIDE[1]}, 1 to 56 inches); open it in PowerPoint, set Design → "
                          "Slide Size, save it again and retry")


def _mend_references(z: Package, name: str, root: etree._Element, warnings: list[str]) -> bool:
    """Drop picture references (`r:embed`, `r:link` on `a:blip`) to relationships `name` does not have, with
    a warning; raise `Refused` for any other reference to a missing relationship. True when changed."""
    rels = rels_name(name)
    ids = {r.id for r in relationships(z.xml(rels), name)} if z.has(rels) else set()
    changed = False
    for el in root.iter(tag=etree.Element):
        for attr, value in list(el.attrib.items()):
            if not attr.startswith(f"{{{R}}}") or value in ids or not value:
                continue
            if el.tag == f"{{{A}}}blip" and attr in _REFS:
                del el.attrib[attr]
                warnings.append(f"{name}: a picture refers to relationship {value!r}, which the part does not have "
                                "(its image is missing); dropped the reference, so the picture shows empty")
                changed = True
            else:
                raise Refused(f"the template is damaged: {name} refers to relationship {value!r} "
                              f"({etree.QName(attr).localname} on {etree.QName(el).localname}), which it does not have; "
                              "open it in PowerPoint, save it again and retry, or use another template")
    return changed


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite(z: Package, changed: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in z.infos:
            zout.writestr(item, changed.get(item.filename) or z.read(item))
    return out.getvalue()
