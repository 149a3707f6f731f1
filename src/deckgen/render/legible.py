"""Text drawn on a filled block kept legible on the slide's own colours: scheme names resolved through its theme."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from lxml import etree

from deckgen.package.ns import A
from deckgen.plan.model import Block
from deckgen.theme.contrast import contrast_ratio, relative_luminance
from deckgen.theme.model import AA_LARGE, AA_TEXT

if TYPE_CHECKING:
    from pptx.opc.package import Part

_CANDIDATES = ("dk1", "lt1", "dk2", "lt2")  # the scheme's text colours, tried in this order


def master_theme(master: "Part") -> Optional["etree._Element"]:
    """The theme (`a:theme`) of the slide master `master`; None when it cannot be read."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return etree.fromstring(master.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return None


def scheme_of(slide_part: "Part") -> dict[str, str]:
    """The colour scheme (`dk1`, `lt1`, `accent1`… → hex) of the theme the slide's master uses; empty when
    it cannot be read."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        master = slide_part.part_related_by(RT.SLIDE_LAYOUT).part_related_by(RT.SLIDE_MASTER)
    except KeyError:
        return {}
    theme = master_theme(master)
    if theme is None:
        return {}
    scheme: dict[str, str] = {}
    for slot in next(theme.iter(f"{{{A}}}clrScheme"), ()):
        value = next(iter(slot), None)
        if value is not None:
            hex_value = value.get("val") if value.tag == f"{{{A}}}srgbClr" else value.get("lastClr")
            if hex_value and len(hex_value) == 6:
                scheme[etree.QName(slot).localname] = hex_value.upper()
    return scheme


def legible(b: Block, scheme: dict[str, str]) -> Block:
    """`b` with each run whose colour falls below WCAG AA on the block's fill (4.5:1, 3:1 for large text)
    set in the scheme's text colour that contrasts most with it. A template's scheme may make deckgen's
    choice unreadable (its `lt2` a dark navy under `dk1` text); the built-in themes pass unchanged."""
    fill = scheme.get(b.fill) if b.fill else None
    if not fill:
        return b
    best = max((c for c in _CANDIDATES if c in scheme), key=lambda c: contrast_ratio(scheme[c], fill), default=None)
    if best is None:
        return b

    def fixed(color: str, size: float, bold: bool) -> Optional[str]:
        fg = scheme.get(color or "dk1")
        return None if fg is None or contrast_ratio(fg, fill) >= _needed(size, bold) else best

    paragraphs = tuple(tuple(replace(r, color=new) if (new := fixed(r.color, r.size, r.bold)) else r for r in runs)
                       for runs in b.paragraphs)
    return b if paragraphs == b.paragraphs else replace(b, paragraphs=paragraphs)


_NEUTRALS = ("lt1", "lt2", "dk1", "dk2")
HEAVY = 2.0  # a card fill standing out from the page by more than this reads as a heavy grey block
SHOWS = 1.1  # and by at least this it still shows as a card
LIGHT_PAGE = 0.6  # relative luminance of a light page (white, a pale grey): the cards on a coloured page stay


def calm(b: Block, scheme: dict[str, str], page: Optional[str]) -> Block:
    """`b` with its neutral fill (lt1, lt2, dk1, dk2) set in the neutral nearest the page colour `page` that
    still shows as a card, when the page is light and the planned one stands out by more than 2:1. The plan
    names the fills of the built-in themes; a template's scheme may give those names other colours (Keynote's
    White theme: `lt1` a mid grey, `dk1` white), and cards came out as grey slabs on a white page. Accent
    fills, fills already near the page, coloured or dark pages (a white card on them is a card) and pages of
    unknown colour are left."""
    fill = scheme.get(b.fill) if b.fill in _NEUTRALS else None
    if not fill or not page or relative_luminance(page) < LIGHT_PAGE or contrast_ratio(fill, page) <= HEAVY:
        return b
    near = sorted((contrast_ratio(scheme[c], page), c) for c in _NEUTRALS if c in scheme)
    near = [(ratio, c) for ratio, c in near if SHOWS <= ratio <= HEAVY]
    return replace(b, fill=near[0][1]) if near else b


def _needed(size: float, bold: bool) -> float:
    """WCAG AA's contrast for text of `size` points: 3:1 for large text (18 pt, or 14 pt bold), else 4.5:1."""
    return AA_LARGE if size >= 18 or (bold and size >= 14) else AA_TEXT


_MAPPED = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}  # the default `p:clrMap`


def _shade(hex_rgb: str, node: "etree._Element") -> str:
    """`hex_rgb` with the colour node's `lumMod`/`lumOff` (luminance in HSL), `shade` and `tint` applied: shade
    and tint in linear RGB, as PowerPoint and LibreOffice draw them (black at a 75 % tint is #898989, not the
    #404040 a mix in sRGB gives)."""
    import colorsys

    rgb = [int(hex_rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    for mod in node:
        name, val = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            hue, lum, sat = colorsys.rgb_to_hls(*rgb)
            lum = lum * val if name == "lumMod" else lum + val
            rgb = list(colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lum)), sat))
        elif name in ("shade", "tint"):
            linear = [_to_linear(c) for c in rgb]
            linear = [c * val if name == "shade" else 1 - (1 - c) * val for c in linear]
            rgb = [_to_srgb(min(1.0, max(0.0, c))) for c in linear]
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def colour_of(node: "etree._Element", scheme: dict[str, str], clr_map: dict[str, str]) -> Optional[str]:
    """The hex colour of a colour node (`a:srgbClr`, `a:schemeClr`, `a:sysClr`, `a:prstClr` white/black)."""
    name = etree.QName(node).localname
    value = None
    if name == "srgbClr":
        value = node.get("val")
    elif name == "sysClr":
        value = node.get("lastClr")
    elif name == "prstClr":
        value = {"white": "FFFFFF", "black": "000000"}.get(node.get("val", ""))
    elif name == "schemeClr":
        key = node.get("val", "")
        value = scheme.get(clr_map.get(key, _MAPPED.get(key, key)))
    if not value or len(value) != 6:
        return None
    return _shade(value.upper(), node)


def fill_colours(props: Optional["etree._Element"], scheme: dict[str, str], clr_map: dict[str, str]) -> Optional[list[str]]:
    """The colours a run's properties (`a:rPr`/`a:defRPr`) fill its text with: one for a solid fill, every
    stop of a gradient; None when they set no fill (the text inherits one)."""
    if props is None:
        return None
    solid = props.find(f"{{{A}}}solidFill")
    if solid is not None and len(solid):
        found = colour_of(solid[0], scheme, clr_map)
        return [found] if found else None
    grad = props.find(f"{{{A}}}gradFill")
    if grad is not None:
        stops = [colour_of(gs[0], scheme, clr_map) for gs in grad.iter(f"{{{A}}}gs") if len(gs)]
        return [c for c in stops if c] or None
    return None


def on_picture(tx_body: "etree._Element", ground: str, inherited: list[str], scheme: dict[str, str],
               clr_map: dict[str, str]) -> bool:
    """Keep the text of `tx_body` legible on a picture whose colour under it is `ground` (hex): a run whose
    colour (each stop of a gradient) falls below WCAG AA on it (4.5:1, 3:1 for large text) is set in the
    scheme's text colour nearest its own that reads there (else the one that contrasts most); when the colour
    runs inherit (`inherited`) falls below it, at the size of the smallest of them, those runs and the shape's
    own list style are set in that colour. True when a colour was set."""
    best = max((c for c in _CANDIDATES if c in scheme), key=lambda c: contrast_ratio(scheme[c], ground), default=None)
    if best is None:
        return False

    def needed(rpr: "etree._Element") -> float:
        size = int(rpr.get("sz", "1800")) / 100 if (rpr.get("sz") or "").isdigit() else 18.0
        return _needed(size, rpr.get("b") in ("1", "true"))

    def poor(colours: list[str], rpr: "etree._Element") -> bool:
        worst = min(contrast_ratio(c, ground) for c in colours)
        return worst < needed(rpr) and contrast_ratio(scheme[best], ground) > worst

    def nearest(colours: list[str], rpr: "etree._Element") -> str:
        """Of the scheme's text colours that read on the ground, the one nearest the text's own (a dark blue for
        a pale blue); else the one that contrasts most."""
        passing = [c for c in _CANDIDATES if c in scheme and contrast_ratio(scheme[c], ground) >= needed(rpr)]
        return min(passing, key=lambda c: _distance(scheme[c], colours[0])) if passing else best

    changed = False
    inheriting: list["etree._Element"] = []  # the runs that take the inherited colour: judged at the smallest of them
    for rpr in tx_body.iter(f"{{{A}}}rPr"):
        colours = fill_colours(rpr, scheme, clr_map)
        if colours is None:
            inheriting.append(rpr)
        elif poor(colours, rpr):
            _set_fill(rpr, nearest(colours, rpr))
            changed = True
    smallest = min(inheriting, key=lambda r: (int(r.get("sz")) if (r.get("sz") or "").isdigit() else 1800,
                                              r.get("b") in ("1", "true")), default=None)
    if smallest is not None and inherited and poor(inherited, smallest):
        colour = nearest(inherited, smallest)
        _style_fill(tx_body, colour)  # for text typed into the shape later
        for rpr in inheriting:  # and on the runs: LibreOffice draws a placeholder in its layout's colour otherwise
            _set_fill(rpr, colour)
        changed = True
    return changed


def _distance(a: str, b: str) -> float:
    """How far apart two hex colours are (RGB, Euclidean)."""
    return sum((int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) ** 2 for i in (0, 2, 4)) ** 0.5


def _set_fill(props: "etree._Element", colour: str) -> None:
    for old in props.findall(f"{{{A}}}solidFill") + props.findall(f"{{{A}}}gradFill") + props.findall(f"{{{A}}}noFill"):
        props.remove(old)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val=colour)
    props.insert(_fill_index(props), fill)


def _style_fill(tx_body: "etree._Element", colour: str) -> None:
    """Give every level of the shape's own list style (`a:lstStyle`) the text colour `colour`."""
    lst = tx_body.find(f"{{{A}}}lstStyle")
    if lst is None:
        lst = etree.Element(f"{{{A}}}lstStyle")
        body_pr = tx_body.find(f"{{{A}}}bodyPr")
        tx_body.insert(tx_body.index(body_pr) + 1 if body_pr is not None else 0, lst)
    for level in range(1, 10):
        tag = f"{{{A}}}lvl{level}pPr"
        ppr = lst.find(tag)
        if ppr is None:
            ppr = etree.Element(tag)
            after = [i for i, el in enumerate(lst) if el.tag == f"{{{A}}}defPPr"
                     or (el.tag.startswith(f"{{{A}}}lvl") and int(etree.QName(el).localname[3]) < level)]
            lst.insert(after[-1] + 1 if after else 0, ppr)
        props = ppr.find(f"{{{A}}}defRPr")
        if props is None:
            props = etree.Element(f"{{{A}}}defRPr")
            ext = ppr.find(f"{{{A}}}extLst")
            ppr.insert(ppr.index(ext) if ext is not None else len(ppr), props)
        _set_fill(props, colour)


def _fill_index(rpr: "etree._Element") -> int:
    """Where a fill goes in `a:rPr` (after `a:ln`, before effects, highlight and fonts)."""
    return 1 if len(rpr) and etree.QName(rpr[0]).localname == "ln" else 0
