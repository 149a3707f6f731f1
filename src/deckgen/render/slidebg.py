"""Backgrounds a template sets on its own sample slides (a Google Slides export's gradients): carried over to the
slides built on their layouts, and the colour they show under a text box, to keep text legible on it."""
from __future__ import annotations

import copy
import math
from dataclasses import field
from typing import TYPE_CHECKING, Any, Optional, Sequence

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package import ns
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation as PresentationT

P = "{%s}" % ns.P
A = "{%s}" % ns.A
R = "{%s}" % ns.R
Rect = tuple[float, float, float, float]
FIRST_RID = 901  # the pictures a carried background names are related as rId901…: clear of the rIds a slide takes


@record
class Background:
    """A sample slide's `p:bg` (its picture relationships renamed `rId901`…) and those relationships
    (rId, type, target part), to put on every slide built on the sample's layout."""

    bg: "_Element"
    rels: list[tuple[str, str, Any]] = field(default_factory=list)
    colours: dict[tuple[str, int], "_Element"] = field(default_factory=dict)  # placeholder (type, idx) → the colour
    # the sample's text there is set in (on that background: a Google export's white titles on a gradient)


def sample_backgrounds(prs: "PresentationT") -> dict[str, Background]:
    """For each layout the template's own slides use: the background most of those slides set on themselves
    (ties to the first), keyed by the layout's part name; none when most of them set none (the layout's shows)."""
    by_layout: dict[str, list[tuple[str, Optional[Background]]]] = {}
    for slide in prs.slides:
        part = slide.part
        bg = element(part).find(f"{P}cSld/{P}bg")
        key = str(slide.slide_layout.part.partname)
        found = _carried(part, bg) if bg is not None else None
        text = etree.tostring(bg).decode("utf-8") if bg is not None and found is not None else ""
        by_layout.setdefault(key, []).append((text, found))
    out = {}
    for key, seen in by_layout.items():
        texts = [t for t, _ in seen]
        best = max(texts, key=lambda t: (texts.count(t), -texts.index(t)))
        chosen = next(b for t, b in seen if t == best)
        if chosen is not None:
            out[key] = chosen
    return out


def _carried(part: Any, bg: "_Element") -> Optional[Background]:
    """`bg` of the slide `part` with its relationships and its placeholders' text colours, or None when it names
    a relationship that cannot be followed."""
    colours = {}
    for sp in element(part).iterfind(f"{P}cSld/{P}spTree/{P}sp"):
        key = ph_key(sp)
        rpr = next((r for r in sp.iterfind(f"{P}txBody/{A}p/{A}r/{A}rPr")), None)
        fill = rpr.find(f"{A}solidFill") if rpr is not None else None
        if key is not None and key not in colours and fill is not None and len(fill):
            colours[key] = copy.deepcopy(fill[0])
    bg = copy.deepcopy(bg)
    pr = bg.find(f"{P}bgPr")
    if pr is not None and pr.find(f"{A}effectLst") is None and pr.find(f"{A}effectDag") is None:
        effect = etree.Element(f"{A}effectLst")  # required after the fill (LibreOffice leaves it out)
        ext = pr.find(f"{A}extLst")
        if ext is not None:
            ext.addprevious(effect)
        else:
            pr.append(effect)
    rels = []
    for el in bg.iter():
        for key, rid in list(el.attrib.items()):
            if not key.startswith(R):
                continue
            rel = part.rels.get(rid)
            if rel is None or rel.is_external:
                return None
            new = f"rId{FIRST_RID + len(rels)}"
            rels.append((new, rel.reltype, rel.target_part))
            el.set(key, new)
    return Background(bg, rels, colours)


def ph_key(sp: "_Element") -> Optional[tuple[str, int]]:
    """(type, idx) of a placeholder shape, with OOXML's defaults; None when it is none."""
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    idx = ph.get("idx", "0") if ph is not None else "0"
    return None if ph is None else (ph.get("type", "obj"), int(idx) if idx.isdigit() else 0)


def put(slide_el: "_Element", background: Background) -> None:
    """Give the slide element `slide_el` the background (first in `p:cSld`, replacing any), and its placeholders
    the colour the sample's text had in each."""
    csld = slide_el.find(f"{P}cSld")
    old = csld.find(f"{P}bg")
    if old is not None:
        csld.remove(old)
    csld.insert(0, copy.deepcopy(background.bg))
    from deckgen.render.legible import _style_fill

    for sp in csld.iterfind(f"{P}spTree/{P}sp"):
        colour = background.colours.get(ph_key(sp))  # type: ignore[arg-type]
        body = sp.find(f"{P}txBody")
        if colour is None or body is None:
            continue
        _style_fill(body, "tx1")  # every level of the placeholder's own list style, in the sample's colour
        for fill in body.iterfind(f"{A}lstStyle/*/{A}defRPr/{A}solidFill"):
            fill.replace(fill[0], copy.deepcopy(colour))


def flat_background(parts: Sequence[Any]) -> bool:
    """Whether the background that shows on a page whose parts are `parts` is a solid or gradient fill."""
    fill = _fill(parts)
    return fill is not None and fill.tag in (f"{A}solidFill", f"{A}gradFill")


def _fill(parts: Sequence[Any]) -> Optional["_Element"]:
    """The fill of the background that shows on a page whose parts are `parts` (the page first, then its layout
    and master): its own (`p:bgPr`), or the theme's background style a `p:bgRef` names, in the colour it gives
    (`phClr`: the master's white `bg1` page of most templates); None for none."""
    for part in parts:
        bg = element(part).find(f"{P}cSld/{P}bg")
        if bg is None:
            continue
        pr = bg.find(f"{P}bgPr")
        if pr is not None:
            return next(iter(pr), None)
        ref = bg.find(f"{P}bgRef")
        return _styled(parts[-1], ref) if ref is not None else None
    return None


def _styled(master: Any, ref: "_Element") -> Optional["_Element"]:
    """The theme's background fill style `ref` names (`idx` 1001 the first), its `phClr` in `ref`'s colour."""
    from deckgen.render.legible import master_theme

    index, colour = ref.get("idx", ""), next(iter(ref), None)
    theme = master_theme(master) if index.isdigit() and int(index) > 1000 else None
    if theme is None:
        return None
    styles = theme.find(f"{A}themeElements/{A}fmtScheme/{A}bgFillStyleLst")
    if styles is None or int(index) - 1001 >= len(styles):
        return None
    fill = copy.deepcopy(styles[int(index) - 1001])
    for ph in list(fill.iter(f"{A}schemeClr")):
        if ph.get("val") == "phClr":
            if colour is None:
                return None
            own = copy.deepcopy(colour)
            own.extend(copy.deepcopy(list(ph)))  # the style's own shades, after the colour's
            ph.getparent().replace(ph, own)
    return fill


def ground(parts: Sequence[Any], box: Rect, slide: tuple[float, float], scheme: dict[str, str],
           clr_map: dict[str, str]) -> Optional[str]:
    """The mean colour (hex) under `box` of the solid or gradient background that shows on a page whose parts
    are `parts` (the page first, then its layout and master; its own fill or its theme's style); None for a
    picture, a pattern or none."""
    fill = _fill(parts)
    if fill is None:
        return None
    if fill.tag == f"{A}solidFill" and len(fill):
        from deckgen.render.legible import colour_of

        return colour_of(fill[0], scheme, clr_map)
    if fill.tag == f"{A}gradFill":
        return _gradient_mean(fill, box, slide, scheme, clr_map)
    return None


def _gradient_mean(fill: "_Element", box: Rect, slide: tuple[float, float], scheme: dict[str, str],
                   clr_map: dict[str, str]) -> Optional[str]:
    """The mean of a gradient's colours over `box` (a linear one sampled on a 5×5 grid; any other the mean of
    its stops)."""
    from deckgen.render.legible import colour_of

    stops = []
    for gs in fill.iter(f"{A}gs"):
        hex_rgb = colour_of(gs[0], scheme, clr_map) if len(gs) else None
        if hex_rgb is not None and (gs.get("pos") or "0").isdigit():
            stops.append((int(gs.get("pos", "0")) / 100000, tuple(int(hex_rgb[i:i + 2], 16) for i in (0, 2, 4))))
    if not stops:
        return None
    stops.sort()
    lin = fill.find(f"{A}lin")
    points = []
    if lin is not None and (lin.get("ang") or "0").isdigit():
        angle = math.radians(int(lin.get("ang", "0")) / 60000)
        dx, dy = math.cos(angle), math.sin(angle)
        w, h = slide
        ends = [x * dx + y * dy for x in (0.0, w) for y in (0.0, h)]
        low, span = min(ends), (max(ends) - min(ends)) or 1.0
        for i in range(5):
            for j in range(5):
                x, y = box[0] + box[2] * (i + 0.5) / 5, box[1] + box[3] * (j + 0.5) / 5
                points.append(_at(stops, ((x * dx + y * dy) - low) / span))
    else:
        points = [c for _, c in stops]
    mean = [round(sum(c[k] for c in points) / len(points)) for k in range(3)]
    return "".join(f"{v:02X}" for v in mean)


def _at(stops: list[tuple[float, tuple[int, ...]]], t: float) -> tuple[float, ...]:
    """The gradient's colour at `t` (0–1) between its stops."""
    t = min(1.0, max(0.0, t))
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
        if t <= p1:
            k = (t - p0) / (p1 - p0) if p1 > p0 else 0.0
            return tuple(a + (b - a) * k for a, b in zip(c0, c1))
    return stops[-1][1]
