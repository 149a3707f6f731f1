"""Read a .pptx's slide titles, speaker notes and section names with zipfile and lxml (no python-pptx)."""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.render.oxml import A, P, P14, R

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_NOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"


@dataclass(frozen=True)
class SlideText:
    """One shown slide: its number among shown slides, title, speaker notes and section index."""

    number: int
    title: str
    notes: str
    section: Optional[int]


@dataclass(frozen=True)
class DeckText:
    """The text a presenter needs from a deck: its title, section names and shown slides in order."""

    title: str
    sections: tuple[str, ...]
    slides: tuple[SlideText, ...]
    language: str


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) of `part`."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in z.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(z.read(rels)).iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        out[rel.get("Id", "")] = (rel.get("Type", ""), target.lstrip("/"))
    return out


def _paragraphs(tx_body: etree._Element) -> list[str]:
    out = []
    for p in tx_body.iter(f"{{{A}}}p"):
        text = ""
        for el in p.iter(f"{{{A}}}t", f"{{{A}}}br"):
            text += "\n" if el.tag == f"{{{A}}}br" else (el.text or "")
        out.append(text)
    return out


def _placeholder_text(root: etree._Element, kinds: tuple[str, ...]) -> Optional[str]:
    """The text of the first shape whose placeholder type is one of `kinds` ("" = a body without type)."""
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None or ph.get("type", "") not in kinds:
            continue
        body = sp.find(f"{{{P}}}txBody")
        return "\n".join(_paragraphs(body)) if body is not None else ""
    return None


def _language(root: etree._Element) -> str:
    for tag in (f"{{{A}}}rPr", f"{{{A}}}endParaRPr"):
        for el in root.iter(tag):
            if el.get("lang"):
                return el.get("lang", "")
    return ""


def read_deck(path: Path) -> DeckText:
    """The titles, notes and sections of the shown slides of the deck at `path` (hidden slides skipped,
    as LibreOffice's PDF export skips them). Raises `ContentError` for a file that is not a .pptx."""
    try:
        with zipfile.ZipFile(path) as z:
            return _read(z)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a PowerPoint (.pptx) file"
        raise ContentError([Diagnostic(f"cannot read the deck: {why}", str(path))]) from None


def _read(z: zipfile.ZipFile) -> DeckText:
    root_rels = _rels(z, "")
    main = next(t for kind, t in root_rels.values() if kind.endswith("/officeDocument"))
    pres = etree.fromstring(z.read(main))
    pres_rels = _rels(z, main)
    section_of: dict[str, int] = {}
    names: list[str] = []
    for sec in pres.iter(f"{{{P14}}}section"):
        names.append(sec.get("name", ""))
        for sid in sec.iter(f"{{{P14}}}sldId"):
            section_of[sid.get("id", "")] = len(names) - 1
    slides = []
    language = ""
    for sld in pres.iterfind(f"{{{P}}}sldIdLst/{{{P}}}sldId"):
        part = pres_rels[sld.get(f"{{{R}}}id", "")][1]
        root = etree.fromstring(z.read(part))
        if root.get("show") == "0":
            continue
        language = language or _language(root)
        title = _placeholder_text(root, ("title", "ctrTitle")) or ""
        notes = ""
        for kind, target in _rels(z, part).values():
            if kind == _NOTES_REL:
                notes = _placeholder_text(etree.fromstring(z.read(target)), ("body",)) or ""
        slides.append(SlideText(len(slides) + 1, " ".join(title.split("\n")), notes, section_of.get(sld.get("id", ""))))
    core = "docProps/core.xml"
    title = ""
    if core in z.namelist():
        el = etree.fromstring(z.read(core)).find("{http://purl.org/dc/elements/1.1/}title")
        title = (el.text or "") if el is not None else ""
    return DeckText(title or (slides[0].title if slides else ""), tuple(names), tuple(slides), language)
