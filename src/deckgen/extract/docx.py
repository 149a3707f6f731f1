"""Read a Word .docx lecture: body paragraphs in order, heading levels from styles, list numbers Word generates."""
from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from deckgen.diagnostics import Diagnostic
from deckgen.extract.lecture import Para
from deckgen.extract.wordpkg import chosen
from deckgen.outline.typed import record
from deckgen.package.ns import MC, R, W
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


MAX_START = 32767  # the largest start value Word offers for a list
MAX_LEVEL = 8      # list levels 0…8


def bounded(value: str | None, default: int, high: int) -> int:
    """A number read from the file: `value` when it is a plain decimal from 0 to `high`, else `default`.

    Numbers in a .docx are text anyone can write (`w:start="100000000000"`, `w:ilvl="x"`, 5,000 digits);
    nothing read from the file is used unbounded."""
    if value is None:
        return default
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return default
    number = int(value)
    return number if number <= high else default


def _letters(n: int) -> str:
    if n > 26 * 4:  # Word repeats the letter (AAAA…); past four letters a number reads better
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """Format counter `n` in a Word `w:numFmt` (decimal, chineseCounting, upperRoman, …); None for
    bullets and formats without visible numbers."""
    if fmt in ("bullet", "none", ""):
        return None
    if n < 1 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        text = roman(n) if 1 <= n <= 3999 else str(n)
        return text if fmt == "upperRoman" else text.lower()
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


@record(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool = False


@record
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
                ilvl = bounded(lvl.get(_W + "ilvl", "0"), -1, MAX_LEVEL)
                if ilvl < 0:
                    continue
                levels[ilvl] = _Level(bounded(_val(lvl, "start"), 1, MAX_START), _val(lvl, "numFmt") or "decimal",
                                      _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab",
                                      lvl.find(_W + "isLgl") is not None)
            out.levels[aid] = levels
        for num in root.findall(_W + "num"):
            overrides = {}
            for override in num.findall(_W + "lvlOverride"):
                start = bounded(_val(override, "startOverride"), -1, MAX_START)
                ilvl = bounded(override.get(_W + "ilvl", "0"), -1, MAX_LEVEL)
                if start >= 0 and ilvl >= 0:
                    overrides[ilvl] = start
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


_HIDDEN = frozenset(_W + t for t in ("del", "moveFrom", "txbxContent"))
_CONTAINERS = frozenset(_W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
_BRANCHES = frozenset((f"{{{MC}}}Choice", f"{{{MC}}}Fallback"))
_AC = f"{{{MC}}}AlternateContent"
ALT_CHUNK = _W + "altChunk"


def _unread(el: "_Element", p: "_Element") -> bool:
    """Whether `el`, inside paragraph `p`, is not part of its text: deleted (tracked), in a text box (read
    as paragraphs of its own), or in the branch of alternate content that is not read."""
    node = el.getparent()
    while node is not None and node is not p:
        if node.tag in _HIDDEN or (node.tag in _BRANCHES and not chosen(node)):
            return True
        node = node.getparent()
    return False


def _text(p: "_Element") -> str:
    """The visible text of a paragraph, tracked insertions included, deletions and text boxes left out."""
    out = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"):
        if _unread(el, p):
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
    """The paragraphs and imported blocks (`w:altChunk`) of a body, table cell or text box in reading order:
    tables row by row and cell by cell (a merged cell's continuation is an empty cell of its own), nested
    tables where they stand, content controls and custom XML; one branch of alternate content. The text
    boxes a paragraph anchors follow it, each box's paragraphs in order."""
    for child in parent:
        if child.tag == _W + "p":
            yield child
            for box in child.iter(_W + "txbxContent"):
                if not _unread(box, child):
                    yield from _blocks(box)
        elif child.tag == ALT_CHUNK:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)
        elif child.tag == _AC:
            branch = next((b for b in child if b.tag in _BRANCHES and chosen(b)), None)
            if branch is not None:
                yield from _blocks(branch)


@record
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
            outline = bounded(_val(style.find(_W + "pPr"), "outlineLvl"), 9, MAX_LEVEL)
            if outline < 9:
                return outline + 1
        return None

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for style in self.chain(style_id):
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                num_id = _val(num, "numId")
                return (num_id, bounded(_val(num, "ilvl"), 0, MAX_LEVEL)) if num_id else None
        return None


class Labels:
    """Heading levels and Word's list labels of paragraphs, from the document's styles and numbering; the
    counters run in the order paragraphs are asked about (reading order)."""

    def __init__(self, styles_root: "_Element | None", numbering_root: "_Element | None") -> None:
        found = styles_root.findall(_W + "style") if styles_root is not None else []
        paragraph = [st for st in found if st.get(_W + "type") == "paragraph"]
        self.styles = _Styles({st.get(_W + "styleId"): st for st in paragraph})
        self.default = next((st.get(_W + "styleId") for st in paragraph if st.get(_W + "default") in ("1", "true")), None)
        self.numbering = Numbering.from_part(numbering_root)

    def of(self, p: "_Element", text: str) -> tuple[int | None, str | None]:
        """The heading level of paragraph `p` (None for body text) and its list label (None when unnumbered
        or empty); advances the list counters."""
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr, "pStyle") or self.default
        outline = bounded(_val(ppr, "outlineLvl"), 9, MAX_LEVEL)
        level = outline + 1 if outline < 9 else None
        style_level = self.styles.level(style_id)
        if style_level is not None:
            level = style_level
        num = ppr.find(_W + "numPr") if ppr is not None else None
        if num is not None:
            num_id = _val(num, "numId")
            ref = (num_id, bounded(_val(num, "ilvl"), 0, MAX_LEVEL)) if num_id and num_id != "0" else None
        else:
            ref = self.styles.numbering(style_id)
        return level, (self.numbering.label(*ref) if ref and text.strip() else None)


def read_docx(path: Path, display: str, warnings: "list[Diagnostic] | None" = None) -> list[Para]:
    """The paragraphs of a .docx with heading levels and list labels: the body in reading order, tables cell
    by cell (nested tables too), content controls, text boxes (after the paragraph that anchors them,
    one branch of `mc:AlternateContent`), and imported HTML, web-archive or text blocks (`w:altChunk`).

    A heading level comes from a Title/Heading N style (also 标题 N, or an outline level on the
    paragraph or its style); Word-generated list numbers (`w:numPr`) are put in front of the text.
    What is not carried (footnotes and endnotes, an imported block of another kind) is added to
    `warnings`. Raises `ContentError` when the file is not a readable Word document."""
    from deckgen.extract.htmltext import chunk_paragraphs
    from deckgen.extract.wordpkg import open_docx

    doc = open_docx(path, display)
    labels = Labels(doc.styles, doc.numbering)
    warned = warnings if warnings is not None else []
    out: list[Para] = []
    for index, p in enumerate(_blocks(doc.body), 1):
        if p.tag == ALT_CHUNK:
            rid = p.get(f"{{{R}}}id", "")
            kind, data = doc.chunks.get(rid, ("", b""))
            texts = chunk_paragraphs(kind, data) if rid in doc.chunks else None
            if texts is None:
                why = doc.unread.get(rid) or f"deckgen reads HTML, web-archive and text blocks, not {kind or 'this kind'}"
                warned.append(Diagnostic(f"paragraph {index}: an imported block (altChunk) is not read ({why}); open the "
                                         "lecture in Word and save it again, which merges the block into the text", display))
            out += [Para(text, index) for text in texts or ()]
            continue
        text = _text(p)
        level, label = labels.of(p, text)
        pieces = text.split("\n")
        if label:
            pieces[0] = label + pieces[0].lstrip()
        for k, piece in enumerate(pieces):
            out.append(Para(piece, index, level if k == 0 else None))
    if doc.notes:
        warned.append(Diagnostic(f"the lecture has {doc.notes} footnote{'s' if doc.notes > 1 else ''} or endnotes; their "
                                 "text is not carried into the notes (move it into the text if it is to be spoken)", display))
    return out
