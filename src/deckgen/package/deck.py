"""Read a .pptx's slide titles, speaker notes and section names through the guarded zip reader (no python-pptx)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from lxml import etree

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.outline.typed import record
from deckgen.package.ns import A, C, DC, P, P14, R, RT_NOTES_SLIDE
from deckgen.package.zipread import (MAX_DECK_PARTS, FileTooLarge, FileUnreadable, LimitExceeded, MemberMissing, NotAZip,
                                     Package, Rel, ZipRefused)
from deckgen.text.script import one_line

_NOT_A_DECK = "not a PowerPoint (.pptx) file"
_SAVE = "; open it in PowerPoint and save it again as .pptx"


@record(frozen=True)
class SlideText:
    """One shown slide: its number among shown slides, title, speaker notes and section index."""

    number: int
    title: str
    notes: str
    section: Optional[int]
    data: tuple[str, ...] = ()  # the rows of its tables and the values of its charts, as text


@record(frozen=True)
class DeckText:
    """The text a presenter needs from a deck: its title, section names and shown slides in order."""

    title: str
    sections: tuple[str, ...]
    slides: tuple[SlideText, ...]
    language: str


class _NotADeck(Exception):
    """The zip is readable but is not a presentation (no main part, a slide that is not there)."""


def _part(rel: Optional[Rel]) -> str:
    """The part `rel` names inside the package; raises `_NotADeck` when there is none."""
    if rel is None or rel.part is None:
        raise _NotADeck
    return rel.part


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
    as LibreOffice's PDF export skips them).

    Raises `ContentError` for a file that is not a .pptx, and, before reading any part, for a package
    beyond the limits of `deckgen.package.zipread` (a zip bomb gets the message `deckgen check` gives)."""
    def fail(why: str) -> ContentError:
        return ContentError([Diagnostic(why, str(path))])

    try:
        with Package.open(path, MAX_DECK_PARTS) as package:
            return _read(package)
    except LimitExceeded as exc:
        raise fail(str(exc)) from None
    except (FileUnreadable, FileTooLarge) as exc:
        raise fail(f"cannot read the deck: {exc}") from None
    except NotAZip as exc:
        raise fail(exc.saved_as(".pptx") or f"cannot read the deck: {_NOT_A_DECK}{_SAVE}") from None
    except (MemberMissing, _NotADeck):
        raise fail(f"cannot read the deck: {_NOT_A_DECK}{_SAVE}") from None
    except ZipRefused as exc:  # a part that is damaged, too large or not XML
        raise fail(f"cannot read the deck: {_NOT_A_DECK} ({exc}){_SAVE}") from None


def _data(z: Package, part: str, root: etree._Element) -> tuple[str, ...]:
    """A slide's tables (one line a row, cells joined by ` | `) and charts (one line a series: its name, then
    each category with its value, from the chart part's caches), so that a handout can print them."""
    out: list[str] = []
    charts = {r.id: r.part for r in z.rels(part) if r.type == R + "/chart" and r.part}
    for frame in root.iter(f"{{{P}}}graphicFrame"):
        for row in frame.iter(f"{{{A}}}tr"):
            out.append(" | ".join(" ".join(_paragraphs(tc)) for tc in row.iter(f"{{{A}}}tc")))
        for ref in frame.iter(f"{{{C}}}chart"):
            target = charts.get(ref.get(f"{{{R}}}id", ""))
            if target is None:
                continue
            chart = z.xml(target)
            title = "".join(t.text or "" for t in chart.iterfind(f"{{{C}}}chart/{{{C}}}title//{{{A}}}t"))
            if title:
                out.append(title)
            for ser in chart.iter(f"{{{C}}}ser"):
                name = "".join(v.text or "" for v in ser.iterfind(f"{{{C}}}tx//{{{C}}}v"))
                cats = [v.text or "" for v in ser.iterfind(f"{{{C}}}cat//{{{C}}}pt/{{{C}}}v")]
                vals = [v.text or "" for v in ser.iterfind(f"{{{C}}}val//{{{C}}}pt/{{{C}}}v")]
                out.append(f"{name}: " + ", ".join(f"{c} {v}" for c, v in zip(cats, vals)))
    return tuple(out)


def _read(z: Package) -> DeckText:
    main = _part(next((r for r in z.rels("") if r.type.endswith("/officeDocument") and not r.external), None))
    pres = z.xml(main)
    pres_rels = {r.id: r for r in z.rels(main) if not r.external}
    section_of: dict[str, int] = {}
    names: list[str] = []
    for sec in pres.iter(f"{{{P14}}}section"):
        names.append(sec.get("name", ""))
        for sid in sec.iter(f"{{{P14}}}sldId"):
            section_of[sid.get("id", "")] = len(names) - 1
    slides = []
    language = ""
    for sld in pres.iterfind(f"{{{P}}}sldIdLst/{{{P}}}sldId"):
        part = _part(pres_rels.get(sld.get(f"{{{R}}}id", "")))
        root = z.xml(part)
        if root.get("show") == "0":
            continue
        language = language or _language(root)
        title = _placeholder_text(root, ("title", "ctrTitle")) or ""
        notes = ""
        for rel in z.rels(part):
            if rel.type == RT_NOTES_SLIDE and not rel.external:
                notes = _placeholder_text(z.xml(_part(rel)), ("body",)) or ""
        slides.append(SlideText(len(slides) + 1, one_line([title]), notes, section_of.get(sld.get("id", "")),
                                _data(z, part, root)))
    core = "docProps/core.xml"
    title = ""
    if z.has(core):
        el = z.xml(core).find(f"{{{DC}}}title")
        title = (el.text or "") if el is not None else ""
    return DeckText(title or (slides[0].title if slides else ""), tuple(names), tuple(slides), language)
