"""Read the text of a deck's slides as `deckgen pull` needs it: titles, body paragraphs with levels, notes,
the slide identifiers, and the text deckgen does not pull (lxml only, through the guarded zip reader)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.outline.typed import record
from deckgen.package.ns import A, CUSTOM, P, R, RT_CUSTOM_PROPERTIES, RT_NOTES_SLIDE
from deckgen.package.slideid import PREFIX, SlideKey, parse_mark, text_hash
from deckgen.package.zipread import (MAX_DECK_PARTS, FileTooLarge, FileUnreadable, LimitExceeded, MemberMissing, NotAZip,
                                     Package, ZipRefused)

TITLE_TYPES = ("title", "ctrTitle", "vertTitle")
BODY_TYPES = ("body", "obj", "subTitle", "vertBody", "")  # "": a placeholder without a type (LibreOffice writes those)
FRAME_TYPES = ("dt", "ftr", "sldNum", "hdr", "sldImg")  # footers and numbers deckgen writes: not the lecture's text
Para = tuple[str, int]  # a paragraph's text (line breaks as "\n") and its level (0 = first)


@record(frozen=True)
class SlideContent:
    """One slide as `pull` reads it: its number in the deck (1-based), its identifier (None for a slide
    deckgen did not write), title and body paragraphs, notes paragraphs, descriptions of what it holds that
    deckgen does not pull (`others`), its layout's type and name, and whether it is hidden."""

    number: int
    key: Optional[SlideKey]
    title: tuple[str, ...]
    bodies: tuple[tuple[Para, ...], ...]
    notes: tuple[str, ...]
    others: tuple[str, ...] = ()
    layout_type: str = ""
    layout_name: str = ""
    hidden: bool = False

    @property
    def digest(self) -> str:
        """The short hash of the slide's text, as `SlideKey.text` records it for the slide deckgen wrote."""
        return text_hash(self.title, self.bodies, self.notes, self.others)

    @property
    def title_text(self) -> str:
        return join_lines(self.title)

    @property
    def edited(self) -> bool:
        """Whether the slide's text is not as deckgen wrote it (True for a slide deckgen did not write)."""
        return self.key is None or self.digest != self.key.text


@record(frozen=True)
class DeckSlides:
    """A deck's slides in show order and its custom document properties (name → text)."""

    slides: tuple[SlideContent, ...]
    properties: dict[str, str]


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Title paragraphs (or lines) as one line: each paragraph's lines too (an `a:br` in a title is where the
    title breaks on the slide, not a part of it), joined without a space between two CJK characters."""
    from deckgen.text.script import one_line

    return one_line(lines)


@lru_cache(maxsize=None)  # bounded by the tags in this module
def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


_A_P, _A_T, _A_BR, _A_PPR = _q(A, "p"), _q(A, "t"), _q(A, "br"), _q(A, "pPr")


def paragraphs(tx_body: Optional[etree._Element]) -> tuple[Para, ...]:
    """The paragraphs of a `p:txBody` (or `a:txBody`): text runs and fields joined, `a:br` as a newline."""
    if tx_body is None:
        return ()
    out = []
    for p in tx_body.iter(_A_P):
        text = "".join("\n" if el.tag == _A_BR else (el.text or "") for el in p.iter(_A_T, _A_BR))
        ppr = p.find(_A_PPR)
        level = ppr.get("lvl", "0") if ppr is not None else "0"
        out.append((text, int(level) if level.isdigit() else 0))
    return tuple(out)


_GRP_SP, _SHAPE_TAGS = _q(P, "grpSp"), (_q(P, "sp"), _q(P, "graphicFrame"), _q(P, "pic"))


def _shapes(tree: etree._Element) -> Iterator[etree._Element]:
    """The shapes of a shape tree in drawing order, group shapes opened."""
    for child in tree:
        if child.tag == _GRP_SP:
            yield from _shapes(child)
        elif child.tag in _SHAPE_TAGS:
            yield child


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 40 else one[:39] + "…"


def _other(shape: etree._Element) -> Optional[str]:
    """How to name a shape whose content `pull` does not take, or None for one without content."""
    if shape.tag == _q(P, "pic"):
        return "a picture"
    text = "\n".join(t for t, _ in paragraphs_of(shape)).strip()
    if shape.tag == _q(P, "graphicFrame"):
        kind = "a table" if shape.find(f".//{_q(A, 'tbl')}") is not None else "a chart or diagram"
        return f"{kind} {_short(text)!r}" if text else kind
    return f"a text box {_short(text)!r}" if text else None


def paragraphs_of(shape: etree._Element) -> tuple[Para, ...]:
    """Every paragraph of a shape (a table's cells too)."""
    if shape.tag == _q(P, "sp"):
        return paragraphs(shape.find(_q(P, "txBody")))
    out: list[Para] = []
    for body in shape.iter(_q(A, "txBody")):
        out.extend(paragraphs(body))
    return tuple(out)


_C_NV_PR, _NV_PR, _PH = _q(P, "cNvPr"), _q(P, "nvPr"), _q(P, "ph")
_SP, _TX_BODY, _CSLD, _SP_TREE = _q(P, "sp"), _q(P, "txBody"), _q(P, "cSld"), _q(P, "spTree")


def _nv(shape: etree._Element) -> tuple[Optional[etree._Element], Optional[etree._Element]]:
    """A shape's `p:cNvPr` and `p:ph` (None when it has none), from its non-visual properties (its first
    child: `p:nvSpPr`, `p:nvPicPr`…), found tag by tag (lxml's path search is slower)."""
    nv = shape[0] if len(shape) else None
    c_nv = nv.find(_C_NV_PR) if nv is not None else None
    if c_nv is None:  # not where the schema puts it (a deck from elsewhere): look in every child
        return shape.find(f"*/{_C_NV_PR}"), shape.find(f"*/{_NV_PR}/{_PH}")
    nv_pr = nv.find(_NV_PR)
    return c_nv, nv_pr.find(_PH) if nv_pr is not None else None


def read_slide(root: etree._Element, notes: Optional[etree._Element] = None, number: int = 0,
               layout: Optional[etree._Element] = None) -> SlideContent:
    """The text of a slide (`p:sld`) and of its notes slide (`p:notes`), as `SlideContent`."""
    csld = root.find(_CSLD)
    tree = csld.find(_SP_TREE) if csld is not None else None
    key = None
    title: Optional[tuple[str, ...]] = None
    bodies: list[tuple[Para, ...]] = []
    others: list[str] = []
    for shape in _shapes(tree) if tree is not None else ():
        c_nv, ph = _nv(shape)
        name = c_nv.get("name", "") if c_nv is not None else ""
        if name.startswith(PREFIX):
            key = key or parse_mark(name)
            continue
        kind = ph.get("type", "") if ph is not None else None
        is_sp = shape.tag == _SP
        if is_sp and kind is not None and kind in FRAME_TYPES:
            continue
        if is_sp and kind in TITLE_TYPES and title is None:
            title = tuple(t for t, _ in paragraphs_of(shape))
        elif is_sp and kind in BODY_TYPES:
            bodies.append(paragraphs_of(shape))
        elif (what := _other(shape)) is not None:
            others.append(what)
    if key is None and csld is not None:
        key = parse_mark(csld.get("name"))
    notes_paras: tuple[str, ...] = ()
    if notes is not None:
        for sp in notes.iter(_SP):
            ph = _nv(sp)[1]
            if ph is not None and ph.get("type") == "body":
                notes_paras = tuple(t for t, _ in paragraphs(sp.find(_TX_BODY)))
                break
    if notes_paras and not any(t.strip() for t in notes_paras):
        notes_paras = ()
    layout_csld = layout.find(_q(P, "cSld")) if layout is not None else None
    return SlideContent(number, key, title or (), tuple(bodies), notes_paras, tuple(others),
                        layout.get("type", "") if layout is not None else "",
                        layout_csld.get("name", "") if layout_csld is not None else "", root.get("show") == "0")


def read_slides(path: Path) -> DeckSlides:
    """Every slide of the deck at `path` in show order (hidden ones too) and its custom properties.

    Raises `ContentError` for a file that is not a .pptx or is beyond the limits of the guarded reader."""
    def fail(why: str) -> ContentError:
        return ContentError([Diagnostic(why, str(path))])

    try:
        with Package.open(path, MAX_DECK_PARTS) as package:
            return _read(package)
    except LimitExceeded as exc:
        raise fail(str(exc)) from None
    except (FileUnreadable, FileTooLarge) as exc:
        raise fail(f"cannot read the deck: {exc}") from None
    except (NotAZip, MemberMissing, _NotADeck):
        raise fail("cannot read the deck: not a PowerPoint (.pptx) file") from None
    except ZipRefused as exc:
        raise fail(f"cannot read the deck: not a PowerPoint (.pptx) file ({exc})") from None


class _NotADeck(Exception):
    """The zip has no presentation part, or names a slide that is not there."""


def _read(z: Package) -> DeckSlides:
    package_rels = z.rels("")
    main = next((r.part for r in package_rels if r.type.endswith("/officeDocument") and not r.external), None)
    if main is None:
        raise _NotADeck
    properties = {}
    custom = next((r.part for r in package_rels if r.type == RT_CUSTOM_PROPERTIES and r.part), None)
    if custom and z.has(custom):
        for prop in z.xml(custom).iter(_q(CUSTOM, "property")):
            properties[prop.get("name", "")] = "".join(prop.itertext()).strip()
    pres_rels = {r.id: r for r in z.rels(main) if not r.external}
    slides = []
    layouts: dict[str, etree._Element] = {}
    for sld in z.xml(main).iterfind(f"{_q(P, 'sldIdLst')}/{_q(P, 'sldId')}"):
        rel = pres_rels.get(sld.get(_q(R, "id"), ""))
        if rel is None or rel.part is None:
            raise _NotADeck
        notes = layout = None
        for r in z.rels(rel.part):
            if r.external or r.part is None or not z.has(r.part):
                continue
            if r.type == RT_NOTES_SLIDE:
                notes = z.xml(r.part)
            elif r.type.endswith("/slideLayout"):
                layout = layouts.get(r.part)
                if layout is None:
                    layout = layouts[r.part] = z.xml(r.part)
        slides.append(read_slide(z.xml(rel.part), notes, len(slides) + 1, layout))
    return DeckSlides(tuple(slides), properties)
