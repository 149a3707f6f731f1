"""Open a Word .docx through the guarded zip reader: its body, styles, numbering, notes and imported blocks."""
from __future__ import annotations

import posixpath
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.outline.typed import record
from deckgen.package.ns import (CT, MC, RT_ALT_CHUNK, RT_ENDNOTES, RT_FOOTNOTES, RT_NUMBERING, RT_OFFICE_DOCUMENT,
                                RT_STYLES, W)

if TYPE_CHECKING:
    from lxml.etree import _Element

    from deckgen.package.zipread import Package

_W = f"{{{W}}}"
MAX_CHUNK = 20 * 1024 * 1024  # an imported block (altChunk) read at most; larger ones are reported, not read


@record
class WordDocument:
    """The parts of a .docx a lecture is read from: `body` (`w:body`), `styles` and `numbering` (or None),
    `notes` (how many footnotes and endnotes hold text: deckgen does not carry them), and the imported
    blocks (`w:altChunk`) by relationship id: (content type, bytes), or why one was not read."""

    body: "_Element"
    styles: Optional["_Element"] = None
    numbering: Optional["_Element"] = None
    notes: int = 0
    chunks: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    unread: dict[str, str] = field(default_factory=dict)


def _types(package: "Package") -> tuple[dict[str, str], dict[str, str]]:
    """The content types of the package: overrides by part name, defaults by extension."""
    if not package.has("[Content_Types].xml"):
        return {}, {}
    root = package.xml("[Content_Types].xml")
    overrides = {o.get("PartName", "").lstrip("/").casefold(): o.get("ContentType", "") for o in root.iter(f"{{{CT}}}Override")}
    defaults = {d.get("Extension", "").casefold(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    return overrides, defaults


def _note_count(root: "_Element") -> int:
    """Footnotes or endnotes with text (not Word's separator notes)."""
    return sum(1 for note in root if note.get(_W + "type") in (None, "normal")
               and "".join(t.text or "" for t in note.iter(_W + "t")).strip())


def open_docx(path: Path, display: str) -> WordDocument:
    """The Word document at `path`; `ContentError` (naming `display`) when it is not a readable .docx: not a
    zip, encrypted, an Office 97–2003 file, beyond the zip limits, no main document, XML that is not
    well-formed or has a DOCTYPE."""
    from deckgen.package.zipread import FileTooLarge, FileUnreadable, LimitExceeded, NotAZip, Package, ZipRefused

    def fail(message: str) -> ContentError:
        return ContentError([Diagnostic(message, display)])

    try:
        with Package.open(path) as package:
            return _read(package, fail)
    except NotAZip as exc:
        raise fail(exc.saved_as(".docx") or "not a Word .docx file (a .docx is a zip package; this is not one); "
                   "save the lecture from Word or WPS as .docx, or as .txt") from None
    except FileUnreadable as exc:
        raise fail(f"not a readable Word .docx file ({exc})") from None
    except (LimitExceeded, FileTooLarge) as exc:  # beyond the limits (a zip bomb?)
        raise fail(str(exc)) from None
    except ZipRefused as exc:  # a damaged part, XML that is not well-formed or has a DOCTYPE
        raise fail(f"not a readable Word .docx file ({exc}); open it in Word or WPS and save it again as .docx") from None


def _read(package: "Package", fail) -> WordDocument:  # type: ignore[no-untyped-def]
    main = next((r.part for r in package.rels("") if r.type == RT_OFFICE_DOCUMENT and r.part), None)
    if main is None and package.has("word/document.xml"):
        main = "word/document.xml"
    if main is None or not package.has(main):
        raise fail("a zip file, but not a Word document (no word/document.xml); save the lecture as .docx or .txt")
    root = package.xml(main)
    body = root.find(_W + "body")
    if root.tag != _W + "document" or body is None:
        raise fail(f"not a Word document ({main} has no w:body); save the lecture from Word or WPS as .docx, or as .txt")
    doc = WordDocument(body)
    overrides, defaults = _types(package)
    for rel in package.rels(main):
        if rel.external or rel.part is None or not package.has(rel.part):
            if rel.type == RT_ALT_CHUNK:
                doc.unread[rel.id] = "its part is missing from the package"
            continue
        if rel.type == RT_STYLES:
            doc.styles = package.xml(rel.part)
        elif rel.type == RT_NUMBERING:
            doc.numbering = package.xml(rel.part)
        elif rel.type in (RT_FOOTNOTES, RT_ENDNOTES):
            doc.notes += _note_count(package.xml(rel.part))
        elif rel.type == RT_ALT_CHUNK:
            ext = posixpath.splitext(rel.part)[1].lstrip(".").casefold()
            kind = overrides.get(rel.part.casefold()) or defaults.get(ext, "")
            info = package.names[rel.part]
            if info.file_size > MAX_CHUNK:
                doc.unread[rel.id] = f"it is larger than {MAX_CHUNK >> 20} MB"
            else:
                doc.chunks[rel.id] = (kind, package.read(rel.part, MAX_CHUNK))
    return doc


def chosen(branch: "_Element") -> bool:
    """Whether `branch` (an `mc:Choice` or `mc:Fallback` of `mc:AlternateContent`) is the one read: the first
    Choice, or the Fallback when there is no Choice. Both carry the same text (a text box drawn two ways:
    DrawingML and VML), so exactly one is read."""
    if branch.tag == f"{{{MC}}}Choice":
        return next(branch.itersiblings(f"{{{MC}}}Choice", preceding=True), None) is None
    parent = branch.getparent()
    return parent is None or parent.find(f"{{{MC}}}Choice") is None
