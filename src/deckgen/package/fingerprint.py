"""The deck's fingerprint: a hash of the package deckgen wrote, kept in its custom properties, to tell an
edited (or foreign) deck from one deckgen wrote and nobody changed since."""
from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional

from lxml import etree

from deckgen.package.zipread import MAX_DECK_PARTS, zip_problem

PROPERTY = "deckgen.fingerprint"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Office gives user-defined properties
MAX_CUSTOM_BYTES = 4 * 1024 * 1024
_CHUNK = 1 << 20


@dataclass(frozen=True)
class DeckState:
    """What is at an output path: `missing`, `ours` (written by deckgen, unchanged since), `edited`
    (written by deckgen, changed since) or `foreign` (no deckgen fingerprint, or not a readable package)."""

    kind: str
    stored: Optional[str] = None
    actual: Optional[str] = None


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_part_name(rels: Optional[bytes]) -> Optional[str]:
    """The zip name of the custom-properties part named by the package relationships `_rels/.rels`."""
    if not rels:
        return None
    root = etree.fromstring(rels)
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == CUSTOM_REL and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return None


def _member(h: "hashlib._Hash", name: str, size: int) -> None:
    h.update(name.encode("utf-8") + b"\0" + str(size).encode() + b"\0")


def digest(zf: zipfile.ZipFile, skip: Optional[str]) -> str:
    """`sha256:…` over every member of `zf` but `skip` (the custom-properties part): names sorted, each
    name and length hashed before its uncompressed content. Zip timestamps and compression do not count."""
    h = hashlib.sha256()
    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        if info.filename == skip:
            continue
        _member(h, info.filename, info.file_size)
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    return "sha256:" + h.hexdigest()


def _set_property(custom: Optional[bytes], value: str) -> bytes:
    """The custom-properties XML `custom` (or a new one) with the fingerprint property set to `value`."""
    root = etree.fromstring(custom) if custom else etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    pids = [0]
    for prop in list(root.iter(f"{{{CUSTOM_NS}}}property")):
        if prop.get("name") == PROPERTY:
            root.remove(prop)
        elif (prop.get("pid") or "").isdigit():
            pids.append(int(prop.get("pid")))
    prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid=str(max(max(pids) + 1, 2)), name=PROPERTY)
    etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return _xml(root)


def _register(types: bytes, rels: bytes, name: str) -> tuple[bytes, bytes]:
    """Content types and package relationships that list a new custom-properties part `name`."""
    ct = etree.fromstring(types)
    etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=CUSTOM_TYPE)
    root = etree.fromstring(rels)
    ids = {rel.get("Id") for rel in root}
    n = 1
    while f"rIdDeckgen{n}" in ids:
        n += 1
    etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=f"rIdDeckgen{n}", Type=CUSTOM_REL, Target=name)
    return _xml(ct), _xml(root)


def stamp_members(data: dict[str, bytes], order: list[str]) -> tuple[list[str], str]:
    """Put the fingerprint of the package whose zip members are `data` (name → content, in `order`) into
    its custom properties, registering a custom-properties part where there is none; return the member
    order (with that part) and the fingerprint. Other custom properties (a template's, say) are kept."""
    name = custom_part_name(data.get("_rels/.rels"))
    if name is None or name not in data:
        name = name or CUSTOM_PART
        data["[Content_Types].xml"], data["_rels/.rels"] = _register(data["[Content_Types].xml"], data["_rels/.rels"], name)
        order = order + [name]
    h = hashlib.sha256()
    for member in sorted(data):
        if member != name:
            _member(h, member, len(data[member]))
            h.update(data[member])
    value = "sha256:" + h.hexdigest()
    data[name] = _set_property(data.get(name), value)
    return order, value


def write_members(out: IO[bytes], order: list[str], data: dict[str, bytes]) -> None:
    """Write zip members `data` in `order` to `out`, deflated."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for member in order:
            zout.writestr(member, data[member])


def stamp(package: bytes, out: IO[bytes]) -> str:
    """Write `package` (a saved .pptx) to `out` with its fingerprint in the custom properties; return it.

    The fingerprint is `digest` of the written zip, so `state` can recompute it from the file alone.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as zin:
        order = [i.filename for i in zin.infolist()]
        data = {name: zin.read(name) for name in order}
    order, value = stamp_members(data, order)
    write_members(out, order, data)
    return value


def stored_fingerprint(custom: bytes) -> Optional[str]:
    """The fingerprint recorded in custom-properties XML, if any."""
    root = etree.fromstring(custom)
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        if prop.get("name") == PROPERTY:
            text = "".join(prop.itertext()).strip()
            return text or None
    return None


def state(path: Path) -> DeckState:
    """Whether the file at `path` is missing, deckgen's own and unchanged, edited since, or foreign."""
    if not path.exists():
        return DeckState("missing")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if zip_problem(zf, MAX_DECK_PARTS) or "_rels/.rels" not in names or zf.getinfo("_rels/.rels").file_size > MAX_CUSTOM_BYTES:
                return DeckState("foreign")  # kept without reading it all: a zip bomb is not hashed
            rels = zf.read("_rels/.rels")
            name = custom_part_name(rels)
            if name is None or name not in names or zf.getinfo(name).file_size > MAX_CUSTOM_BYTES:
                return DeckState("foreign")
            stored = stored_fingerprint(zf.read(name))
            if stored is None:
                return DeckState("foreign")
            actual = digest(zf, name)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, RuntimeError,
            NotImplementedError, etree.XMLSyntaxError):
        return DeckState("foreign")
    return DeckState("ours" if stored == actual else "edited", stored, actual)
