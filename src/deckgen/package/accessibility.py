"""PowerPoint's Accessibility Checker rules on a deck: titles, unique titles, alt text, reading order, table
headers, WCAG AA contrast of the text as drawn (colours resolved through the theme and colour maps)."""
from __future__ import annotations

import colorsys
from dataclasses import field
from pathlib import Path
from typing import Optional

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package.ns import ADEC, A, P, R
from deckgen.package.zipread import MAX_DECK_PARTS, Package
from deckgen.theme.model import AA_LARGE, AA_TEXT
from deckgen.theme.contrast import contrast_ratio

_TITLES = ("title", "ctrTitle")
_SHAPES = (f"{{{P}}}sp", f"{{{P}}}pic", f"{{{P}}}graphicFrame", f"{{{P}}}grpSp", f"{{{P}}}cxnSp")
_MAPPED = ("bg1", "tx1", "bg2", "tx2")
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_RT = R + "/"


@record(frozen=True)
class Violation:
    """One broken rule on one slide (numbered as PowerPoint numbers slides)."""

    slide: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"slide {self.slide}: {self.message}"


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return "{%s}%s" % ({"a": A, "p": P, "r": R}[prefix], local)


def _text(el: Optional[etree._Element]) -> str:
    return "" if el is None else "".join(t.text or "" for t in el.iter(_q("a:t")))


def _ph(el: etree._Element) -> Optional[etree._Element]:
    nv = next(el.iterchildren(), None)
    return None if nv is None else nv.find(f"{_q('p:nvPr')}/{_q('p:ph')}")


def _c_nv_pr(el: etree._Element) -> Optional[etree._Element]:
    nv = next(el.iterchildren(), None)
    return None if nv is None else nv.find(_q("p:cNvPr"))


@record
class _Part:
    """A slide, layout or master: its XML and its colour map."""

    root: etree._Element
    clr_map: dict[str, str] = field(default_factory=dict)


@record
class _Colors:
    """Resolves DrawingML colours of one slide to hex through its theme and colour map."""

    theme: dict[str, str]
    clr_map: dict[str, str]

    def hex(self, holder: Optional[etree._Element], under: Optional[str] = None) -> Optional[str]:
        """The colour of the `a:solidFill`-like element `holder` (its first colour child), alpha blended on `under`."""
        if holder is None:
            return None
        el = next((c for c in holder if c.tag in (_q("a:srgbClr"), _q("a:schemeClr"), _q("a:sysClr"))), None)
        if el is None:
            return None
        if el.tag == _q("a:srgbClr"):
            value = el.get("val", "000000")
        elif el.tag == _q("a:sysClr"):
            value = el.get("lastClr", "000000")
        else:
            name = el.get("val", "tx1")
            name = self.clr_map.get(name, _DEFAULT_MAP[name]) if name in _MAPPED else name
            value = self.theme.get(name, "000000")
        return _transform(value, el, under)


def _transform(value: str, el: etree._Element, under: Optional[str]) -> str:
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    mod = el.find(_q("a:lumMod"))
    off = el.find(_q("a:lumOff"))
    if mod is not None or off is not None:
        lum = lum * (int(mod.get("val", "100000")) / 100000 if mod is not None else 1)
        lum = min(1.0, lum + (int(off.get("val", "0")) / 100000 if off is not None else 0))
        r, g, b = colorsys.hls_to_rgb(h, lum, s)
    alpha = el.find(_q("a:alpha"))
    if alpha is not None and under:
        a = int(alpha.get("val", "100000")) / 100000
        u = [int(under[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (a * c + (1 - a) * d for c, d in zip((r, g, b), u))
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def check_accessibility(path: Path) -> list[Violation]:
    """Every violation of the rules PowerPoint's Accessibility Checker applies that a deck file shows:
    a slide without a title, a title that repeats another slide's, a picture, chart or table without alt
    text, a title that is not first in reading order, a table without a header row, text below WCAG AA
    contrast (4.5:1, 3:1 for large text: 18 pt, or 14 pt bold). Hidden and off-slide titles count, as
    PowerPoint counts them. Raises `ZipRefused` (from `Package.open`) for a file that is not a readable deck."""
    with Package.open(path, MAX_DECK_PARTS) as z:
        return _Checker(z).run()


class _Checker:
    def __init__(self, z: Package) -> None:
        self.z = z
        self.out: list[Violation] = []

    def rel(self, part: str, kind: str) -> Optional[str]:
        return next((r.part for r in self.z.rels(part) if r.type == _RT + kind and r.part), None)

    def run(self) -> list[Violation]:
        main = next(r.part for r in self.z.rels("") if r.type.endswith("/officeDocument") and r.part)
        pres = self.z.xml(main)
        rels = {r.id: r.part for r in self.z.rels(main)}
        titles: dict[str, int] = {}
        for n, sld in enumerate(pres.iterfind(f"{_q('p:sldIdLst')}/{_q('p:sldId')}"), 1):
            part = rels.get(sld.get(_q("r:id"), ""))
            if part:
                self.slide(n, part, titles)
        return self.out

    def add(self, n: int, rule: str, message: str) -> None:
        self.out.append(Violation(n, rule, message))

    def slide(self, n: int, part: str, titles: dict[str, int]) -> None:
        root = self.z.xml(part)
        tree = root.find(f"{_q('p:cSld')}/{_q('p:spTree')}")
        shapes = [el for el in tree.iter(*_SHAPES)] if tree is not None else []
        top = [el for el in tree if el.tag in _SHAPES and not _decorative(el)] if tree is not None else []
        title_el = next((el for el in shapes if (ph := _ph(el)) is not None and ph.get("type") in _TITLES), None)
        title = " ".join(_text(title_el).split()) if title_el is not None else ""
        if not title:
            self.add(n, "title", "the slide has no title (give it one; it may be hidden or off the slide)")
        elif title in titles:
            self.add(n, "unique-title", f"the title {title[:40]!r} is also slide {titles[title]}'s (titles tell slides apart)")
        else:
            titles[title] = n
        if title_el is not None and top and top[0] is not title_el and title_el in top:
            self.add(n, "reading-order", "the title is not first in reading order (Selection Pane: move it to the bottom)")
        for el in shapes:
            what = _graphic(el)
            nv = _c_nv_pr(el)
            if what and nv is not None and not (nv.get("descr") or "").strip() and not _decorative(el):
                self.add(n, "alt-text", f"the {what} {nv.get('name', '')!r} has no alt text")
            for tbl in el.iter(_q("a:tbl")):
                pr = tbl.find(_q("a:tblPr"))
                if pr is None or pr.get("firstRow") not in ("1", "true"):
                    self.add(n, "table-header", f"the table {nv.get('name', '') if nv is not None else ''!r} has no header row")
        self.contrast(n, part, root, shapes)

    # --- contrast ------------------------------------------------------------------------------
    def contrast(self, n: int, part: str, root: etree._Element, shapes: list[etree._Element]) -> None:
        layout_name = self.rel(part, "slideLayout")
        if layout_name is None:
            return
        layout = self.z.xml(layout_name)
        master_name = self.rel(layout_name, "slideMaster")
        if master_name is None:
            return
        master = self.z.xml(master_name)
        theme_name = self.rel(master_name, "theme")
        if theme_name is None:
            return
        theme = {}
        for c in self.z.xml(theme_name).iter(_q("a:clrScheme")):
            for slot in c:
                value = next(iter(slot), None)
                if value is not None:
                    theme[etree.QName(slot).localname] = value.get("val") if value.tag == _q("a:srgbClr") else value.get("lastClr", "000000")
            break
        clr_map = dict(master.find(_q("p:clrMap")).attrib) if master.find(_q("p:clrMap")) is not None else dict(_DEFAULT_MAP)
        for over in (layout, root):
            o = over.find(f"{_q('p:clrMapOvr')}/{_q('a:overrideClrMapping')}")
            if o is not None:
                clr_map = dict(o.attrib)
        colors = _Colors(theme, clr_map)
        bg = next((b for b in (_background(x, colors) for x in (root, layout, master)) if b), None)
        if bg is None:
            return  # a picture or gradient background: not judged
        fills = _filled_boxes(master, colors, bg) + _filled_boxes(layout, colors, bg)
        for el in shapes:
            if el.tag == _q("p:sp"):
                self.shape_contrast(n, el, layout, master, colors, fills + _filled_boxes(root, colors, bg, before=el), bg)
            elif el.tag == _q("p:graphicFrame"):
                self.table_contrast(n, el, colors, bg)

    def table_contrast(self, n: int, frame: etree._Element, colors: _Colors, bg: str) -> None:
        """The runs of a table's cells with a colour of their own, on the cell's fill (one finding a table)."""
        for tc in frame.iter(_q("a:tc")):
            under = colors.hex(tc.find(f"{_q('a:tcPr')}/{_q('a:solidFill')}"), bg) or bg
            for r in tc.iter(_q("a:rPr")):
                fg = colors.hex(r.find(_q("a:solidFill")), under)
                if fg and self.judge(n, _text(r.getparent()), fg, under, _size(r), r.get("b") == "1"):
                    return

    def shape_contrast(self, n: int, sp: etree._Element, layout: etree._Element, master: etree._Element,
                       colors: _Colors, fills: list[tuple[tuple[int, int, int, int], str]], bg: str) -> None:
        body = sp.find(_q("p:txBody"))
        if body is None or not _text(body).strip():
            return
        chain = _style_chain(sp, layout, master)
        box = _box(sp) or next((b for b in (_box(x) for x in chain[1:3] if x is not None) if b), None)
        under = colors.hex(sp.find(f"{_q('p:spPr')}/{_q('a:solidFill')}"), bg)
        if under is None:
            under = bg
            for fbox, fill in fills:
                if box is not None and _inside(box, fbox):
                    under = fill
        default = etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:schemeClr val="tx1"/></a:solidFill>')
        for r in body.iter(_q("a:r")):
            rpr = r.find(_q("a:rPr"))
            fg = colors.hex(rpr.find(_q("a:solidFill")) if rpr is not None else None, under)
            size, bold = (_size(rpr), rpr.get("b") == "1") if rpr is not None else (None, False)
            for src in chain:
                d = _def_rpr(src)
                if d is not None:
                    fg = fg or colors.hex(d.find(_q("a:solidFill")), under)
                    size = size or _size(d)
                    bold = bold or d.get("b") == "1"
            if self.judge(n, _text(r), fg or colors.hex(default) or "000000", under, size, bold):
                return  # one finding a shape

    def judge(self, n: int, text: str, fg: str, bg: str, size: Optional[float], bold: bool) -> bool:
        """Add a violation when `text` in `fg` on `bg` is below AA for its size; True when it is."""
        size = size or 18.0
        need = AA_LARGE if size >= 18 or (bold and size >= 14) else AA_TEXT
        ratio = contrast_ratio(fg, bg)
        if ratio < need and text.strip():
            self.add(n, "contrast", f"text {text.strip()[:24]!r} is {ratio:.2f}:1 on its background, needs {need:g}:1")
            return True
        return False


def _decorative(el: etree._Element) -> bool:
    """Marked decorative (PowerPoint's Mark as Decorative): screen readers skip it; it needs no alt text and
    is not in the reading order."""
    nv = _c_nv_pr(el)
    return nv is not None and any(d.get("val") in ("1", "true") for d in nv.iter(f"{{{ADEC}}}decorative"))


def _graphic(el: etree._Element) -> str:
    if el.tag == _q("p:pic"):
        return "picture"
    if el.tag == _q("p:graphicFrame"):
        uri = el.find(f"{_q('a:graphic')}/{_q('a:graphicData')}")
        kind = (uri.get("uri", "") if uri is not None else "").rsplit("/", 1)[-1]
        return {"chart": "chart", "table": "table", "diagram": "diagram"}.get(kind, "object")
    return ""


def _size(el: Optional[etree._Element]) -> Optional[float]:
    return int(el.get("sz")) / 100 if el is not None and el.get("sz", "").isdigit() else None


def _def_rpr(el: Optional[etree._Element]) -> Optional[etree._Element]:
    if el is None:
        return None
    if el.tag in (_q("p:titleStyle"), _q("p:bodyStyle"), _q("p:otherStyle")):
        return el.find(f"{_q('a:lvl1pPr')}/{_q('a:defRPr')}")
    return el.find(f"{_q('p:txBody')}/{_q('a:lstStyle')}/{_q('a:lvl1pPr')}/{_q('a:defRPr')}")


def _style_chain(sp: etree._Element, layout: etree._Element, master: etree._Element) -> list[Optional[etree._Element]]:
    """Where a shape's text takes its look from, nearest first: itself, its layout and master placeholders
    (matched by idx, then by type), the master's title, body or other text style."""
    ph = _ph(sp)
    styles = master.find(_q("p:txStyles"))
    if ph is None:
        return [sp, None, None, styles.find(_q("p:otherStyle")) if styles is not None else None]
    kind, idx = ph.get("type", "obj"), ph.get("idx", "0")
    family = "title" if kind in _TITLES else "body"

    def match(root: etree._Element) -> Optional[etree._Element]:
        cands = [el for el in root.iter(_q("p:sp")) if _ph(el) is not None]
        by_idx = [el for el in cands if _ph(el).get("idx", "0") == idx and idx != "0"]  # type: ignore[union-attr]
        by_type = [el for el in cands if ("title" if _ph(el).get("type", "obj") in _TITLES else "body") == family]  # type: ignore[union-attr]
        return (by_idx or by_type or [None])[0]

    style = styles.find(_q("p:titleStyle" if family == "title" else "p:bodyStyle")) if styles is not None else None
    return [sp, match(layout), match(master), style]


def _background(root: etree._Element, colors: _Colors) -> Optional[str]:
    bg = root.find(f"{_q('p:cSld')}/{_q('p:bg')}")
    if bg is None:
        return None
    pr = bg.find(_q("p:bgPr"))
    if pr is not None:
        return colors.hex(pr.find(_q("a:solidFill")))
    ref = bg.find(_q("p:bgRef"))
    return colors.hex(ref) if ref is not None else None


def _box(el: Optional[etree._Element]) -> Optional[tuple[int, int, int, int]]:
    if el is None:
        return None
    off, ext = el.find(f"{_q('p:spPr')}/{_q('a:xfrm')}/{_q('a:off')}"), el.find(f"{_q('p:spPr')}/{_q('a:xfrm')}/{_q('a:ext')}")
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))


def _inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]


def _filled_boxes(root: etree._Element, colors: _Colors, bg: str,
                  before: Optional[etree._Element] = None) -> list[tuple[tuple[int, int, int, int], str]]:
    """Filled shapes without text of `root` (on a slide: those drawn before `before`), box and colour."""
    out = []
    for sp in root.iter(_q("p:sp")):
        if sp is before:
            break
        fill = sp.find(f"{_q('p:spPr')}/{_q('a:solidFill')}")
        box = _box(sp)
        if fill is not None and box is not None and _ph(sp) is None:
            color = colors.hex(fill, bg)
            if color:
                out.append((box, color))
    return out
