"""The deck's fingerprint: a hash of the package deckgen wrote, kept in its custom properties, to tell an
edited (or foreign) deck from one deckgen wrote and nobody changed since."""
from __future__ import annotations

import hashlib
import zlib
from pathlib import Path
from typing import IO, Iterable, Mapping, Optional

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package.ns import CT, CUSTOM, REL, RT_CUSTOM_PROPERTIES, VT
from deckgen.package.zipread import MAX_DECK_PARTS, Package, ZipRefused, parse_xml, relationships
from deckgen.package.zipwrite import write_zip

PROPERTY = "deckgen.fingerprint"
# Beside it, the same package summed from what the zip's directory already holds: each member's name, length
# and CRC-32. Telling an unchanged deck from an edited one then reads the directory only (a 1000-slide deck:
# 0.1 s of unpacking and hashing 6.6 MB saved on every rebuild); a difference is confirmed on the content.
MEMBERS_PROPERTY = "deckgen.fingerprint.members"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Office gives user-defined properties
MAX_CUSTOM_BYTES = 4 * 1024 * 1024


@record(frozen=True)
class DeckState:
    """What is at an output path: `missing`, `ours` (written by deckgen, unchanged since), `edited`
    (written by deckgen, changed since) or `foreign` (no deckgen fingerprint, or not a readable package)."""

    kind: str
    stored: Optional[str] = None
    actual: Optional[str] = None


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_part_name(rels: Optional[bytes]) -> Optional[str]:
    """The zip name of the custom-properties part named by the package relationships `_rels/.rels`.

    Raises `BadXml` when `rels` is not well-formed XML."""
    if not rels:
        return None
    for rel in relationships(parse_xml(rels, "_rels/.rels"), ""):
        if rel.type == RT_CUSTOM_PROPERTIES and rel.part is not None:
            return rel.part
    return None


def _member(h: "hashlib._Hash", name: str, size: int) -> None:
    h.update(name.encode("utf-8") + b"\0" + str(size).encode() + b"\0")


def digest(package: Package, skip: Optional[str]) -> str:
    """`sha256:…` over every member of `package` but `skip` (the custom-properties part): names sorted, each
    name and length hashed before its uncompressed content. Zip timestamps and compression do not count.

    Raises `ZipRefused` for a member that cannot be read."""
    h = hashlib.sha256()
    infos = sorted((i for i in package.infos if i.filename != skip), key=lambda i: i.filename)
    for info, data in zip(infos, package.contents(infos)):
        _member(h, info.filename, info.file_size)
        h.update(data)
    return "sha256:" + h.hexdigest()


def members_digest(entries: Iterable[tuple[str, int, int]]) -> str:
    """`members:…` over (name, length, CRC-32) of a package's members (the custom-properties part left out by
    the caller), names sorted: what a zip's central directory says of its content, read without unpacking."""
    h = hashlib.sha256()
    for name, size, crc in sorted(entries):
        h.update(f"{name}\0{size}\0{crc:08x}\0".encode("utf-8"))
    return "members:" + h.hexdigest()


def _set_property(custom: Optional[bytes], value: str, extra: Optional[Mapping[str, str]] = None) -> bytes:
    """The custom-properties XML `custom` (or a new one) with the fingerprint property set to `value`, and
    the properties in `extra` (name → text) set too."""
    root = parse_xml(custom, CUSTOM_PART) if custom else etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    values = {PROPERTY: value, **{k: v for k, v in (extra or {}).items() if k != PROPERTY}}
    pids = [0]
    for prop in list(root.iter(f"{{{CUSTOM}}}property")):
        if prop.get("name") in values:
            root.remove(prop)
        elif (prop.get("pid") or "").isdigit():
            pids.append(int(prop.get("pid")))
    for name, text in values.items():
        pid = max(max(pids) + 1, 2)
        pids.append(pid)
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = text
    return _xml(root)


def _register(types: bytes, rels: bytes, name: str) -> tuple[bytes, bytes]:
    """Content types and package relationships that list a new custom-properties part `name`."""
    ct = parse_xml(types, "[Content_Types].xml")
    etree.SubElement(ct, f"{{{CT}}}Override", PartName="/" + name, ContentType=CUSTOM_TYPE)
    root = parse_xml(rels, "_rels/.rels")
    ids = {rel.get("Id") for rel in root}
    n = 1
    while f"rIdDeckgen{n}" in ids:
        n += 1
    etree.SubElement(root, f"{{{REL}}}Relationship", Id=f"rIdDeckgen{n}", Type=RT_CUSTOM_PROPERTIES, Target=name)
    return _xml(ct), _xml(root)


def stamp_parts(data: dict[str, bytes]) -> frozenset[str]:
    """The members `stamp_members` may write in the package `data`: the custom-properties part, and the content
    types and package relationships where it registers that part; it leaves every other member as it is."""
    return frozenset({"[Content_Types].xml", "_rels/.rels", custom_part_name(data.get("_rels/.rels")) or CUSTOM_PART})


def stamp_members(data: dict[str, bytes], order: list[str],
                  extra: Optional[Mapping[str, str]] = None) -> tuple[list[str], str]:
    """Put the fingerprint of the package whose zip members are `data` (name → content, in `order`) into
    its custom properties, registering a custom-properties part where there is none; return the member
    order (with that part) and the fingerprint. Other custom properties (a template's, say) are kept;
    `extra` properties (name → text, such as the outline record `pull` reads) are set beside it."""
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
    summary = members_digest((m, len(b), zlib.crc32(b)) for m, b in data.items() if m != name)
    data[name] = _set_property(data.get(name), value, {**(extra or {}), MEMBERS_PROPERTY: summary})
    return order, value


def write_members(out: IO[bytes], order: list[str], data: dict[str, bytes]) -> None:
    """Write zip members `data` in `order` to `out`, deflated (see `deckgen.package.zipwrite`)."""
    write_zip(out, order, data)


def stamp(package: bytes, out: IO[bytes]) -> str:
    """Write `package` (a saved .pptx) to `out` with its fingerprint in the custom properties; return it.

    The fingerprint is `digest` of the written zip, so `state` can recompute it from the file alone.
    """
    with Package.open(package, MAX_DECK_PARTS) as zin:
        order = [i.filename for i in zin.infos]
        data = {name: zin.read(name) for name in order}
    order, value = stamp_members(data, order)
    write_members(out, order, data)
    return value


def stored_fingerprint(custom: bytes, name: str = PROPERTY) -> Optional[str]:
    """The fingerprint recorded in custom-properties XML (or the property `name`), if any."""
    root = parse_xml(custom, CUSTOM_PART)
    for prop in root.iter(f"{{{CUSTOM}}}property"):
        if prop.get("name") == name:
            text = "".join(prop.itertext()).strip()
            return text or None
    return None


def state(path: Path) -> DeckState:
    """Whether the file at `path` is missing, deckgen's own and unchanged, edited since, or foreign.

    A file the guarded zip reader refuses (not a zip, a zip bomb, a damaged member) is `foreign`, found
    so without unpacking it."""
    if not path.exists():
        return DeckState("missing")
    try:
        with Package.open(path, MAX_DECK_PARTS) as package:
            if not package.has("_rels/.rels"):
                return DeckState("foreign")
            name = custom_part_name(package.read("_rels/.rels", MAX_CUSTOM_BYTES))
            if name is None or not package.has(name):
                return DeckState("foreign")
            custom = package.read(name, MAX_CUSTOM_BYTES)
            stored = stored_fingerprint(custom)
            if stored is None:
                return DeckState("foreign")
            summary = stored_fingerprint(custom, MEMBERS_PROPERTY)
            if summary is not None and summary == members_digest(
                    (i.filename, i.file_size, i.CRC) for i in package.infos if i.filename != name):
                return DeckState("ours", stored, stored)  # every member as written: the content is too
            actual = digest(package, name)
    except ZipRefused:
        return DeckState("foreign")
    return DeckState("ours" if stored == actual else "edited", stored, actual)
