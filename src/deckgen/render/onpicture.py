"""Text deckgen writes over a template page's picture (a night sky, a photograph) or its solid or gradient
background kept legible on it: the colour under the text box against the text's colour, at WCAG AA."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from deckgen.package import ns
from deckgen.render.backdrop import FULL, Rect, backdrop, mean_colour, opaque_share, picture_of, shape_box
from deckgen.render.legible import _MAPPED, colour_of, fill_colours, on_picture, scheme_of
from deckgen.render.pptx_api import element
from deckgen.render.slidebg import flat_background, ground as flat_ground

if TYPE_CHECKING:
    from lxml.etree import _Element

P = "{%s}" % ns.P
A = "{%s}" % ns.A
PLATE = 0.3  # a drawn shape covering this share of the text box is what the text stands on: not the picture


def _filled(el: "_Element") -> bool:
    """Whether a shape draws an area: a picture, a group, or a shape with a fill of its own or of its style."""
    if el.tag in (f"{P}pic", f"{P}grpSp", f"{P}graphicFrame"):
        return True
    return el.tag == f"{P}sp" and el.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None and _own_fill((el,)) is not None


def _own_fill(chain: tuple[Optional["_Element"], ...]) -> Optional["_Element"]:
    """The fill a text shape draws under its own text: its own, else the placeholder's it inherits from (the
    layout's, the master's); None when none of them fills itself."""
    for el in chain:
        if el is None:
            continue
        sppr = el.find(f"{P}spPr")
        if sppr is not None and sppr.find(f"{A}noFill") is not None:
            return None
        for name in ("solidFill", "gradFill", "blipFill", "pattFill"):
            if sppr is not None and (fill := sppr.find(f"{A}{name}")) is not None:
                return fill
        ref = el.find(f"{P}style/{A}fillRef")
        if ref is not None and ref.get("idx", "0") != "0":
            return ref  # a theme style's fill: not read, left
    return None


def _covered(trees: list[tuple["_Element", Any]], box: Rect, slide: tuple[float, float], own: "_Element",
             backdrop: bool = True) -> bool:
    """Whether a drawn shape (not the page's backdrop picture, when it has one) lies under a good part of `box`;
    `trees` are the shape trees that show, each with its part. Of a picture, only what it draws counts: a
    transparent PNG's strokes (a skyline along the page's foot) are not a plate."""
    w, h = slide
    for tree, part in trees:
        for el in tree:
            if el is own or not _filled(el):
                continue
            b = shape_box(el)
            if b is None or (backdrop and b[2] * b[3] >= FULL * w * h):
                continue
            dx = min(b[0] + b[2], box[0] + box[2]) - max(b[0], box[0])
            dy = min(b[1] + b[3], box[1] + box[3]) - max(b[1], box[1])
            if dx <= 0 or dy <= 0 or dx * dy < PLATE * box[2] * box[3]:
                continue
            picture = picture_of(el, part) if el.tag == f"{P}pic" else None
            overlap = (max(b[0], box[0]), max(b[1], box[1]), dx, dy)
            if picture is not None and dx * dy * opaque_share(picture, overlap) < PLATE * box[2] * box[3]:
                continue
            return True
    return False


def _inherited(chain: tuple[Optional["_Element"], ...], master: "_Element", title: bool,
               scheme: dict[str, str], clr_map: dict[str, str]) -> list[str]:
    """The colour text in a shape takes when its runs set none: the first level-1 default of the shape,
    the placeholders it inherits from, the master's title or body style; else the text colour `tx1`."""
    for el in chain:
        own = el.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr") if el is not None else None
        found = fill_colours(own, scheme, clr_map)
        if found:
            return found
    style = "titleStyle" if title else "bodyStyle"
    found = fill_colours(master.find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr"), scheme, clr_map)
    return found or [c for c in (scheme.get(clr_map.get("tx1", "dk1")),) if c]


def keep_legible(slide: Any, sp: "_Element", box: Rect, size: tuple[float, float],
                 inherited: tuple[Optional["_Element"], ...] = (), title: bool = False) -> bool:
    """Set the runs of `sp` (a text shape on `slide`, a NewSlide, at `box` in points on a page of `size`) that fall below WCAG AA
    on the box's own solid fill (or the fill of a placeholder it inherits from), else on the page's backdrop picture
    under the box, else on its solid or gradient background, in the scheme colour that contrasts most; `inherited`
    are the placeholders the shape takes its style from. Text on a drawn plate, in a box filled otherwise, or on a
    background of none of these kinds, is left."""
    part = slide.part
    layout = part.slide_layout
    master = layout.slide_master
    shows = element(layout).get("showMasterSp", "1") not in ("0", "false")
    parts = [part, layout.part, master.part]
    body = sp.find(f"{P}txBody")
    own = _own_fill((sp, *inherited))
    if body is None or (own is not None and (own.tag != f"{A}solidFill" or not len(own))):
        return False  # the box fills itself with a gradient, a picture or a theme style: left as the template sets it
    page = backdrop(parts, size) if own is None else None
    if own is None and page is None and not flat_background(parts):
        return False
    trees = [(t, p) for t, p in ((slide.tree, part), (element(layout).find(f"{P}cSld/{P}spTree"), layout.part),
                                 (element(master).find(f"{P}cSld/{P}spTree") if shows else None, master.part)) if t is not None]
    if own is None and _covered(trees, box, size, sp, backdrop=page is not None):  # on a flat background, a large band is a plate too
        return False
    scheme = scheme_of(part)
    m = element(master).find(f"{P}clrMap")
    clr_map = {k: v for k, v in m.attrib.items()} if m is not None else dict(_MAPPED)
    # the box's own colour (a title placeholder filled red); on a picture, its colour under the box; else a
    # solid or gradient background's (`slidebg`)
    ground = (colour_of(own[0], scheme, clr_map) if own is not None else
              mean_colour(page, box) if page is not None else flat_ground(parts, box, size, scheme, clr_map))
    if ground is None or not scheme:
        return False
    colours = _inherited((sp, *inherited), element(master), title, scheme, clr_map)
    return on_picture(body, ground, colours, scheme, clr_map)


def page_colour(slide: Any, box: Rect, size: tuple[float, float]) -> Optional[str]:
    """The colour of `slide`'s page under `box` (points, on a page of `size`): its backdrop picture's mean
    there, else its solid or gradient background's; None when neither can be read."""
    part = slide.part
    layout = part.slide_layout
    master = layout.slide_master
    parts = [part, layout.part, master.part]
    page = backdrop(parts, size)
    if page is not None:
        return mean_colour(page, box)
    scheme = scheme_of(part)
    m = element(master).find(f"{P}clrMap")
    clr_map = {k: v for k, v in m.attrib.items()} if m is not None else dict(_MAPPED)
    return flat_ground(parts, box, size, scheme, clr_map) if scheme else None
