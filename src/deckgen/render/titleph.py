"""Make the text boxes that hold a slide's title and body text (a copied sample page's boxes, or boxes standing
in for placeholders the layout lacks) the slide's title and body placeholders, looking exactly as they did:
their every text and box property written on them, so nothing is inherited from the layout's or master's styles."""
from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from lxml import etree

from deckgen.package.ns import ADEC
from deckgen.render.oxml import qn, set_box

if TYPE_CHECKING:
    from lxml.etree import _Element

Box = tuple[float, float, float, float]  # EMU: x, y, w, h
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
MARGIN = 4 * 12700  # EMU around a box within which another shape's ink could touch its text (z-order matters)
_SHAPES = ("p:sp", "p:pic", "p:grpSp", "p:graphicFrame", "p:cxnSp")

# What a text box's text shows when nothing says otherwise (PowerPoint's defaults), for each property a title
# style can set: written on the placeholder so the master's title style (44 pt, centred, +mj font, 90 % line
# spacing…) does not take over.
_PPR_DEFAULTS = {"marL": "0", "indent": "0", "algn": "l", "defTabSz": "914400", "rtl": "0", "eaLnBrk": "1",
                 "fontAlgn": "auto", "latinLnBrk": "0", "hangingPunct": "1"}
_RPR_DEFAULTS = {"sz": "1800", "b": "0", "i": "0", "u": "none", "strike": "noStrike", "kern": "0", "cap": "none",
                 "spc": "0", "baseline": "0"}
_BODY_DEFAULTS = {"rot": "0", "spcFirstLastPara": "0", "vertOverflow": "overflow", "horzOverflow": "overflow",
                  "vert": "horz", "wrap": "square", "lIns": "91440", "tIns": "45720", "rIns": "91440", "bIns": "45720",
                  "numCol": "1", "spcCol": "0", "rtlCol": "0", "fromWordArt": "0", "anchor": "t", "anchorCtr": "0",
                  "forceAA": "0", "upright": "0", "compatLnSpc": "0"}
# `a:lvlNpPr` children in schema order, each a group of alternatives (one of each group at most).
_PPR_GROUPS = (("lnSpc",), ("spcBef",), ("spcAft",), ("buClrTx", "buClr"), ("buSzTx", "buSzPct", "buSzPts"),
               ("buFontTx", "buFont"), ("buNone", "buAutoNum", "buChar", "buBlip"), ("tabLst",), ("defRPr",), ("extLst",))
_RPR_GROUPS = (("ln",), ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"), ("effectLst", "effectDag"),
               ("highlight",), ("uLnTx", "uLn"), ("uFillTx", "uFill"), ("latin",), ("ea",), ("cs",), ("sym",),
               ("hlinkClick",), ("hlinkMouseOver",), ("rtl",), ("extLst",))
_SP_PR_ORDER = ("xfrm", "custGeom", "prstGeom", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill",
                "ln", "effectLst", "effectDag", "scene3d", "sp3d", "extLst")
_FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


def _local(el: "_Element") -> str:
    return etree.QName(el).localname


def _group(name: str, groups: tuple[tuple[str, ...], ...]) -> Optional[int]:
    return next((i for i, g in enumerate(groups) if name in g), None)


def _merge(into: dict[int, "_Element"], el: Optional["_Element"], groups: tuple[tuple[str, ...], ...]) -> None:
    """Children of `el` over those in `into` (by their group: a `solidFill` replaces a `noFill`)."""
    for child in el if el is not None else ():
        if not isinstance(child.tag, str):
            continue
        g = _group(_local(child), groups)
        if g is not None:
            into[g] = child


def _levels(lst: Optional["_Element"]) -> dict[int, "_Element"]:
    """`a:lvlNpPr` of a list style by level (1–9), `a:defPPr` as level 0."""
    out: dict[int, "_Element"] = {}
    for child in lst if lst is not None else ():
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name == "defPPr":
            out[0] = child
        elif name.startswith("lvl") and name.endswith("pPr") and name[3:-3].isdigit():
            out[int(name[3:-3])] = child
    return out


def explicit_list_style(own: Optional["_Element"], defaults: Optional["_Element"],
                        font_ref: Optional["_Element"] = None) -> "_Element":
    """A `a:lstStyle` for a title placeholder that sets every paragraph and run property a title style can set,
    at every level, to what the text box showed: its own list style (`own`) over the presentation's default
    text style (`defaults`, what a text box's text inherits) over PowerPoint's defaults. `font_ref` (the shape
    style's `a:fontRef`) gives the text colour and font when the box has a shape style."""
    lst = etree.Element(qn("a:lstStyle"))
    mine, base = _levels(own), _levels(defaults)
    for n in range(1, 10):
        attrs = dict(_PPR_DEFAULTS)
        rattrs = dict(_RPR_DEFAULTS)
        kids: dict[int, "_Element"] = {
            0: _el("a:lnSpc", ("a:spcPct", {"val": "100000"})), 1: _el("a:spcBef", ("a:spcPts", {"val": "0"})),
            2: _el("a:spcAft", ("a:spcPts", {"val": "0"})), 6: _el("a:buNone")}
        rkids: dict[int, "_Element"] = {1: _el("a:solidFill", ("a:schemeClr", {"val": "tx1"})),
                                        6: _el("a:latin", None, typeface="+mn-lt"), 7: _el("a:ea", None, typeface="+mn-ea"),
                                        8: _el("a:cs", None, typeface="+mn-cs")}
        for source in (base.get(0), base.get(n), font_ref, mine.get(0), mine.get(n)):
            if source is None:
                continue
            if source is font_ref:  # a shape style's text colour and font: over the default text style
                kind = "+mj" if font_ref.get("idx") == "major" else "+mn"
                for g, tag in ((6, "latin"), (7, "ea"), (8, "cs")):
                    rkids[g] = _el(f"a:{tag}", None, typeface=f"{kind}-{'lt' if tag == 'latin' else tag}")
                colour = next((c for c in font_ref if isinstance(c.tag, str)), None)
                if colour is not None:
                    rkids[1] = etree.Element(qn("a:solidFill"))
                    rkids[1].append(copy.deepcopy(colour))
                continue
            attrs.update(source.attrib)
            _merge(kids, source, _PPR_GROUPS)
            rpr = source.find(qn("a:defRPr"))
            if rpr is not None:
                rattrs.update({k: v for k, v in rpr.attrib.items() if k not in ("lang", "altLang", "dirty", "err")})
                _merge(rkids, rpr, _RPR_GROUPS)
        ppr = etree.SubElement(lst, qn(f"a:lvl{n}pPr"), attrs)
        kids.pop(_group("defRPr", _PPR_GROUPS), None)  # type: ignore[arg-type]
        for g in sorted(kids):
            ppr.append(copy.deepcopy(kids[g]))
        rpr = etree.Element(qn("a:defRPr"), rattrs)
        for g in sorted(rkids):
            rpr.append(copy.deepcopy(rkids[g]))
        ext = ppr.find(qn("a:extLst"))
        if ext is not None:
            ext.addprevious(rpr)
        else:
            ppr.append(rpr)
    return lst


def _el(tag: str, child: Optional[tuple[str, dict[str, str]]] = None, **attrs: str) -> "_Element":
    el = etree.Element(qn(tag), attrs)
    if child is not None:
        etree.SubElement(el, qn(child[0]), child[1])
    return el


def explicit_body(body_pr: "_Element") -> None:
    """Write every `a:bodyPr` property a placeholder could inherit (insets, anchoring, wrapping, autofit)."""
    for name, value in _BODY_DEFAULTS.items():
        if body_pr.get(name) is None:
            body_pr.set(name, value)
    if not any(body_pr.find(qn(f"a:{n}")) is not None for n in ("noAutofit", "normAutofit", "spAutoFit")):
        warp = body_pr.find(qn("a:prstTxWarp"))
        fit = etree.Element(qn("a:noAutofit"))
        if warp is not None:
            warp.addnext(fit)
        else:
            body_pr.insert(0, fit)


def _explicit_shape(sp_pr: "_Element", styled: bool) -> None:
    """A geometry, and (for a shape without a shape style) no fill and no line when it has none of its own."""
    have = {_local(c) for c in sp_pr if isinstance(c.tag, str)}
    wanted = []
    if not have & {"custGeom", "prstGeom"}:
        geom = _el("a:prstGeom", ("a:avLst", {}), prst="rect")
        wanted.append(geom)
    if not styled and not have & set(_FILLS):
        wanted.append(_el("a:noFill"))
    if not styled and "ln" not in have:
        wanted.append(_el("a:ln", ("a:noFill", {})))
    for el in wanted:
        rank = _SP_PR_ORDER.index(_local(el))
        later = next((c for c in sp_pr if isinstance(c.tag, str) and _local(c) in _SP_PR_ORDER
                      and _SP_PR_ORDER.index(_local(c)) > rank), None)
        if later is not None:
            later.addprevious(el)
        else:
            sp_pr.append(el)


def _group_chain(sp: "_Element", tree: "_Element") -> Optional[list["_Element"]]:
    """The groups holding `sp`, outermost first; None when `sp` is not under `tree`."""
    chain = []
    parent = sp.getparent()
    while parent is not None and parent is not tree:
        if parent.tag != qn("p:grpSp"):
            return None
        chain.append(parent)
        parent = parent.getparent()
    return list(reversed(chain)) if parent is tree else None


def _out_of_groups(sp: "_Element", tree: "_Element") -> bool:
    """Move `sp` out of its groups onto the slide, after its outermost group, in the box it shows in (a
    placeholder cannot be grouped). False (nothing moved) for a group that is turned or flipped."""
    chain = _group_chain(sp, tree)
    if chain is None:
        return False
    if not chain:
        return True
    box = xfrm_box(sp)
    if box is None:
        return False
    for grp in reversed(chain):
        x = grp.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
        if x is None or x.get("rot", "0") != "0" or x.get("flipH") in ("1", "true") or x.get("flipV") in ("1", "true"):
            return False
        parts = [x.find(qn(f"a:{n}")) for n in ("off", "ext", "chOff", "chExt")]
        if any(p is None for p in parts):
            return False
        off, ext, choff, chext = parts
        kx = int(ext.get("cx", "0")) / max(1, int(chext.get("cx", "1")))
        ky = int(ext.get("cy", "0")) / max(1, int(chext.get("cy", "1")))
        box = (int(off.get("x", "0")) + (box[0] - int(choff.get("x", "0"))) * kx,
               int(off.get("y", "0")) + (box[1] - int(choff.get("y", "0"))) * ky, box[2] * kx, box[3] * ky)
    chain[0].addnext(sp)
    set_box(sp, tuple(round(v) for v in box))  # type: ignore[arg-type]
    return True


def xfrm_box(el: "_Element") -> Optional[Box]:
    """A shape's box in its parent's coordinates (EMU), grown to hold it when turned; None when it has none."""
    pr = next((c for c in el if isinstance(c.tag, str) and _local(c) in ("spPr", "grpSpPr")), None)
    x = pr.find(qn("a:xfrm")) if pr is not None else el.find(qn("p:xfrm"))
    off, ext = (x.find(qn("a:off")), x.find(qn("a:ext"))) if x is not None else (None, None)
    if off is None or ext is None:
        return None
    try:
        bx, by, w, h = (int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0")))
        turn = math.radians(int(x.get("rot", "0")) / 60000)
    except ValueError:
        return None
    cw = abs(w * math.cos(turn)) + abs(h * math.sin(turn))
    ch = abs(w * math.sin(turn)) + abs(h * math.cos(turn))
    return bx + w / 2 - cw / 2, by + h / 2 - ch / 2, cw, ch


def _overlaps(a: Optional[Box], b: Box, margin: float) -> bool:
    if a is None:
        return True  # a shape of unknown extent: assumed to be under the title
    return (a[0] < b[0] + b[2] + margin and b[0] - margin < a[0] + a[2]
            and a[1] < b[1] + b[3] + margin and b[1] - margin < a[1] + a[3])


def decorative(el: "_Element") -> bool:
    """Whether a shape is marked decorative (PowerPoint's Mark as Decorative: screen readers skip it)."""
    nv = next((c for c in el if isinstance(c.tag, str)), None)
    c_nv = nv.find(qn("p:cNvPr")) if nv is not None else None
    return c_nv is not None and any(d.get("val") in ("1", "true") for d in c_nv.iter(f"{{{ADEC}}}decorative"))


def _mark_decorative(el: "_Element") -> None:
    nv = next((c for c in el if isinstance(c.tag, str)), None)
    c_nv = nv.find(qn("p:cNvPr")) if nv is not None else None
    if c_nv is None or decorative(el):
        return
    ext_lst = c_nv.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def _plain_drawing(el: "_Element") -> bool:
    """A picture, connector, drawn shape or group without text or links: the page's drawing, nothing to read."""
    if el.tag not in (qn("p:sp"), qn("p:pic"), qn("p:cxnSp"), qn("p:grpSp")):
        return False
    if any((t.text or "").strip() for t in el.iter(qn("a:t"))):
        return False
    return not any(True for _ in el.iter(qn("a:hlinkClick"), qn("p:ph")))


def shape_box(el: "_Element", inherited: Sequence["_Element"] = ()) -> Optional[Box]:
    """`xfrm_box` of a shape, or for a placeholder without a box of its own (a slide number, a footer, a title)
    the box of the layout's or master's placeholder it inherits from (`phbox.chain`)."""
    from deckgen.render.phbox import chain

    return next((box for sp in chain(el, inherited) if (box := xfrm_box(sp)) is not None), None)


def read_first(title: "_Element", tree: "_Element", inherited: Sequence["_Element"] = ()) -> None:
    """Put the title first in reading order (shape-tree order) without changing how the slide looks: it moves
    back past every shape it does not overlap; the text-less drawings it must stay above (a background
    picture, a title bar) are marked decorative, which screen readers skip. Shapes with text before it stay."""
    shapes = [el for el in tree if el.tag in tuple(qn(t) for t in _SHAPES)]
    box = xfrm_box(title)
    if box is None or title not in shapes:
        return
    margin = min(0.1 * box[3], MARGIN)
    at = shapes.index(title)
    stop = next((i for i in range(at - 1, -1, -1) if _overlaps(shape_box(shapes[i], inherited), box, margin)), -1)
    if stop + 1 < at:
        shapes[stop + 1].addprevious(title)
    before = [el for el in shapes[: stop + 1] if not decorative(el)]
    if all(_plain_drawing(el) for el in before):
        for el in before:
            _mark_decorative(el)


def read_after(el: "_Element", anchor: Optional["_Element"], tree: "_Element", inherited: Sequence["_Element"] = ()) -> bool:
    """Put `el` after `anchor` (the title, or the text read before it) in the shape tree (reading order) and as
    close to it as the look allows: it moves back past shapes it does not overlap, or forward past them when
    it comes before `anchor`. True when it ends after `anchor` (or there is none)."""
    shapes = [s for s in tree if s.tag in tuple(qn(t) for t in _SHAPES)]
    box = xfrm_box(el)
    if anchor is None or anchor not in shapes:
        low = -1
    else:
        low = shapes.index(anchor)
    if box is None or el not in shapes:
        return low < 0
    at = shapes.index(el)
    margin = min(0.1 * box[3], MARGIN)
    if low > at:  # before the text read before it: forward, if it overlaps nothing on the way
        if any(_overlaps(shape_box(s, inherited), box, margin) for s in shapes[at + 1: low + 1]):
            return False
        shapes[low].addnext(el)
        return True
    stop = next((i for i in range(at - 1, low, -1) if _overlaps(shape_box(shapes[i], inherited), box, margin)), low)
    if stop + 1 < at:
        shapes[stop + 1].addprevious(el)
    return True


def make_placeholder(sp: "_Element", tree: "_Element", defaults: Optional["_Element"], kind: str = "title",
                     idx: Optional[int] = None, inherited: Sequence["_Element"] = ()) -> bool:
    """Make the text box `sp` on a slide whose shape tree is `tree` one of the slide's placeholders (`kind`
    `title`, or `body` with index `idx`), its look kept: its list style, body and shape properties written in
    full (`explicit_list_style`, `explicit_body`) over what a text box inherits (`defaults`: the presentation's
    `p:defaultTextStyle`), so nothing comes from the layout's or master's styles. A title is put first in
    reading order (`read_first`; `inherited`: the layout and master, where placeholders without a box of their
    own are). False (nothing changed) when it cannot be: `sp` is a placeholder, sets its text vertically, sits
    in a turned or flipped group, or (for a title) the slide has a title placeholder with text already."""
    nv = sp.find(qn("p:nvSpPr"))
    body = sp.find(qn("p:txBody"))
    if nv is None or body is None or nv.find(f"{qn('p:nvPr')}/{qn('p:ph')}") is not None or nv.find(qn("p:nvPr")) is None:
        return False
    vert = body.find(qn("a:bodyPr"))
    if vert is not None and vert.get("vert", "horz") != "horz":
        return False  # vertical text: LibreOffice sets a placeholder's differently from a text box's
    title = kind == "title"
    if title and any(any((t.text or "").strip() for t in other.iter(qn("a:t"))) for other in _title_placeholders(tree)):
        return False
    if not _out_of_groups(sp, tree):
        return False
    for other in _title_placeholders(tree) if title else ():
        other.getparent().remove(other)  # an empty title placeholder the sample page kept
    style = sp.find(qn("p:style"))
    font_ref = style.find(qn("a:fontRef")) if style is not None else None
    old = body.find(qn("a:lstStyle"))
    lst = explicit_list_style(old, defaults, font_ref)
    body_pr = body.find(qn("a:bodyPr"))
    if body_pr is None:
        body_pr = etree.Element(qn("a:bodyPr"))
        body.insert(0, body_pr)
    explicit_body(body_pr)
    if old is not None:
        old.addprevious(lst)
        body.remove(old)
    else:
        body_pr.addnext(lst)
    _explicit_shape(sp.find(qn("p:spPr")), style is not None)
    c_nv_sp = nv.find(qn("p:cNvSpPr"))
    if c_nv_sp is not None:
        c_nv_sp.attrib.pop("txBox", None)
        locks = c_nv_sp.find(qn("a:spLocks"))
        if locks is None:
            locks = etree.Element(qn("a:spLocks"))
            c_nv_sp.insert(0, locks)
        locks.set("noGrp", "1")
    ph = etree.Element(qn("p:ph"), type=kind)
    if idx is not None:
        ph.set("idx", str(idx))
    nv.find(qn("p:nvPr")).insert(0, ph)
    if title:
        read_first(sp, tree, inherited)
    return True


def free_index(tree: "_Element", layout: Optional["_Element"]) -> int:
    """A placeholder index no placeholder of the slide or its layout uses (a body placeholder of its own)."""
    used = {ph.get("idx", "0") for root in (tree, layout) if root is not None for ph in root.iter(qn("p:ph"))}
    n = 100
    while str(n) in used:
        n += 1
    return n


def _title_placeholders(tree: "_Element") -> Iterable["_Element"]:
    return [el for el in tree.iter(qn("p:sp"))
            if (ph := el.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")) is not None
            and ph.get("type") in ("title", "ctrTitle", "vertTitle")]
