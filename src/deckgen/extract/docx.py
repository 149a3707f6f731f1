"""Read a Word .docx lecture: body paragraphs in order, heading levels from styles, list numbers Word generates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.extract.lecture import Para
from deckgen.package.ns import W
from deckgen.text.numerals import chinese_number, roman
from deckgen.text.script import is_wide

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = f"{{{W}}}"
_HEADING = re.compile(r"(?:heading|标题)\s*([1-9])$", re.I)
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, formal: bool = False) -> str:
    """A Chinese counter as Word numbers lists: 一 … 九十九 (壹 … 玖拾玖 when `formal`), Arabic digits from 100."""
    return chinese_number(n, formal) if n < 100 else str(n)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """Format counter `n` in a Word `w:numFmt` (decimal, chineseCounting, upperRoman, …); None for
    bullets and formats without visible numbers."""
    if fmt in ("bullet", "none", ""):
        return None
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, formal=True)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        return str(n).translate({0x30 + i: 0xFF10 + i for i in range(10)}) if fmt != "decimalHalfWidth" else str(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    return str(n)


def _val(el: "_Element | None", tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(_W + tag)
    return None if child is None else child.get(_W + "val")


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool = False


@dataclass
class Numbering:
    """Word list definitions and the running counters that turn `w:numPr` into visible labels."""

    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    @classmethod
    def from_part(cls, root: "_Element | None") -> "Numbering":
        out = cls()
        if root is None:
            return out
        for abstract in root.findall(_W + "abstractNum"):
            aid = abstract.get(_W + "abstractNumId", "")
            levels = {}
            for lvl in abstract.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                start = _val(lvl, "start")
                levels[ilvl] = _Level(int(start) if start and start.isdigit() else 1, _val(lvl, "numFmt") or "decimal",
                                      _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab",
                                      lvl.find(_W + "isLgl") is not None)
            out.levels[aid] = levels
        for num in root.findall(_W + "num"):
            overrides = {}
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start and start.isdigit():
                    overrides[int(override.get(_W + "ilvl", "0"))] = int(start)
            out.nums[num.get(_W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        return out

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of list `num_id` at level `ilvl` and return its visible label."""
        if num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if format_number(1, level.fmt) is None:
            return None

        def expand(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            value = counters.get(k, lv.start if lv else 1)
            fmt = "decimal" if level.legal or lv is None else lv.fmt  # isLgl: every number in decimal
            return format_number(value, fmt) or ""

        text = re.sub(r"%([1-9])", expand, level.text)
        if not text.strip():
            return None
        if level.suffix != "nothing" and not is_wide(text[-1]):
            text += " "
        return text


def _text(p: "_Element") -> str:
    """The visible text of a paragraph, tracked insertions included, deletions left out."""
    out = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"):
        parent = el.getparent()
        deleted = False
        while parent is not None and parent is not p:
            if parent.tag in (_W + "del", _W + "moveFrom"):
                deleted = True
                break
            parent = parent.getparent()
        if deleted:
            continue
        tag = el.tag[len(_W):]
        if tag == "t":
            out.append(el.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n" if el.get(_W + "type") in (None, "textWrapping") else "")
        else:
            out.append("-")
    return "".join(out)


def _blocks(parent: "_Element") -> Iterator["_Element"]:
    """Paragraphs of the body in reading order, into tables (each merged cell once) and content controls."""
    for child in parent:
        if child.tag == _W + "p":
            yield child
        elif child.tag == _W + "tbl":
            seen: set[int] = set()
            for tc in child.iter(_W + "tc"):
                if id(tc) not in seen:
                    seen.add(id(tc))
                    yield from (p for p in tc if p.tag == _W + "p")
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


@dataclass
class _Styles:
    """Heading level and list numbering of each paragraph style, following `w:basedOn`."""

    by_id: dict[str, "_Element"]

    def chain(self, style_id: str | None) -> Iterator["_Element"]:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style, "basedOn")

    def level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            name = _val(style, "name") or ""
            if name.lower() == "title" or name == "标题":
                return 0
            m = _HEADING.match(name.strip())
            if m:
                return int(m.group(1))
            outline = _val(style.find(_W + "pPr"), "outlineLvl")
            if outline is not None and outline.isdigit() and int(outline) < 9:
                return int(outline) + 1
        return None

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for style in self.chain(style_id):
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                num_id = _val(num, "numId")
                return (num_id, int(_val(num, "ilvl") or 0)) if num_id else None
        return None


def read_docx(path: Path, display: str) -> list[Para]:
    """The paragraphs of a .docx (body, tables, content controls) with heading levels and list labels.

    A heading level comes from a Title/Heading N style (also 标题 N, or an outline level on the
    paragraph or its style); Word-generated list numbers (`w:numPr`) are put in front of the text.
    Raises `ContentError` when the file is not a Word document."""
    import docx

    from deckgen.package.zipread import FileUnreadable, NotAZip, Package, ZipRefused

    def fail(message: str) -> ContentError:
        return ContentError([Diagnostic(message, display)])

    try:
        with Package.open(path) as package:
            if not package.has("word/document.xml"):
                raise fail("a zip file, but not a Word document (no word/document.xml); save the lecture as .docx or .txt")
    except NotAZip as exc:
        raise fail(exc.saved_as(".docx") or "not a Word .docx file (a .docx is a zip package; this is not one); "
                   "save the lecture from Word or WPS as .docx, or as .txt") from None
    except FileUnreadable as exc:
        raise fail(f"not a readable Word .docx file ({exc})") from None
    except ZipRefused as exc:  # too large, or beyond the limits (a zip bomb?)
        raise fail(str(exc)) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise fail(f"not a readable Word .docx file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); "
                   "open it in Word or WPS and save it again as .docx") from None
    styles_root = document.styles.element
    styles = _Styles({s.get(_W + "styleId"): s for s in styles_root.findall(_W + "style")
                      if s.get(_W + "type") == "paragraph"})
    default = next((s.get(_W + "styleId") for s in styles_root.findall(_W + "style")
                    if s.get(_W + "type") == "paragraph" and s.get(_W + "default") in ("1", "true")), None)
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    numbering = Numbering.from_part(numbering_root)
    out: list[Para] = []
    for index, p in enumerate(_blocks(document.element.body), 1):
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr, "pStyle") or default
        level = None
        outline = _val(ppr, "outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        style_level = styles.level(style_id)
        if style_level is not None:
            level = style_level
        num = ppr.find(_W + "numPr") if ppr is not None else None
        ref = None
        if num is not None:
            num_id = _val(num, "numId")
            ref = (num_id, int(_val(num, "ilvl") or 0)) if num_id and num_id != "0" else None
        else:
            ref = styles.numbering(style_id)
        text = _text(p)
        label = numbering.label(*ref) if ref and text.strip() else None
        pieces = [piece for piece in text.split("\n")]
        if label:
            pieces[0] = label + pieces[0].lstrip()
        for k, piece in enumerate(pieces):
            out.append(Para(piece, index, level if k == 0 else None))
    return out
