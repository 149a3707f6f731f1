"""Where a placeholder without a position of its own shows: the box of the layout or master placeholder it
inherits from (on the layout by index, then type; on the master by type)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.package import ns

if TYPE_CHECKING:
    from lxml.etree import _Element

P = "{%s}" % ns.P
A = "{%s}" % ns.A
_TITLES = ("title", "ctrTitle", "vertTitle")
_CHROME = ("dt", "ftr", "sldNum", "hdr")


def ph_of(sp: "_Element") -> Optional["_Element"]:
    """The `p:ph` of a shape, None when it is no placeholder."""
    nv = next((c for c in sp if isinstance(c.tag, str) and c.tag.startswith(f"{P}nv")), None)
    return nv.find(f"{P}nvPr/{P}ph") if nv is not None else None


def xfrm_points(x: Optional["_Element"]) -> Optional[tuple[float, float, float, float]]:
    """An `a:xfrm`'s (or a graphic frame's `p:xfrm`) offset and extent in points, None when either is missing
    or unreadable."""
    off, ext = (x.find(f"{A}off"), x.find(f"{A}ext")) if x is not None else (None, None)
    if off is None or ext is None:
        return None
    try:
        return (int(off.get("x")) / 12700, int(off.get("y")) / 12700, int(ext.get("cx")) / 12700,
                int(ext.get("cy")) / 12700)
    except (TypeError, ValueError):
        return None


def own_xfrm(sp: "_Element") -> Optional["_Element"]:
    """The shape's own `a:xfrm` with its offset and extent, None when it has none."""
    x = sp.find(f"{P}spPr/{A}xfrm")
    if x is None or x.find(f"{A}off") is None or x.find(f"{A}ext") is None:
        return None
    return x


def _master_type(kind: str) -> str:
    """The master placeholder a layout placeholder of `kind` inherits from: titles from the title, date, footer
    and number from theirs, every other kind (subtitle, object, picture, chart…) from the body."""
    return "title" if kind in _TITLES else (kind if kind in _CHROME else "body")


def _placeholders(root: "_Element") -> list[tuple["_Element", "_Element"]]:
    tree = root.find(f"{P}cSld/{P}spTree")
    return [(sp, ph) for sp in (tree.iter(f"{P}sp", f"{P}pic") if tree is not None else ())
            if (ph := ph_of(sp)) is not None]


def base(ph: "_Element", root: "_Element", master: bool) -> Optional["_Element"]:
    """The placeholder of `root` (a layout, or with `master` a slide master) that `ph` inherits from."""
    cands = _placeholders(root)
    kind = ph.get("type", "obj")
    if master:
        want = _master_type(kind)
        return next((sp for sp, p in cands if p.get("type", "obj") == want), None)
    idx = ph.get("idx", "0")
    by_idx = next((sp for sp, p in cands if p.get("idx", "0") == idx
                   and (p.get("type", "obj") in _TITLES) == (kind in _TITLES)), None)
    return by_idx if by_idx is not None else next((sp for sp, p in cands if p.get("type", "obj") == kind), None)


def chain(sp: "_Element", inherited: Sequence[Optional["_Element"]]) -> list["_Element"]:
    """`sp` and, for a placeholder, the placeholders it inherits from along `inherited` (the slide's layout then
    its master, or a layout's master alone: the last is the master), nearest first."""
    out, ph = [sp], ph_of(sp)
    roots = [r for r in inherited if r is not None]
    for i, root in enumerate(roots):
        if ph is None:
            break
        found = base(ph, root, master=i == len(roots) - 1)
        if found is not None:
            out.append(found)
            ph = ph_of(found)
    return out


def inherited_xfrm(sp: "_Element", inherited: Sequence[Optional["_Element"]]) -> Optional["_Element"]:
    """The `a:xfrm` that places `sp`: its own, else for a placeholder that of the first placeholder it inherits
    from that has one (`chain`). None for a shape without a box of its own that is no placeholder."""
    return next((x for el in chain(sp, inherited) if (x := own_xfrm(el)) is not None), None)


def inherited_size(sp: "_Element", inherited: Sequence[Optional["_Element"]]) -> Optional[float]:
    """The type size (points) of a placeholder's first-level text where its runs set none: its own list style,
    else its layout's and master's placeholder's, else the master's title or body style. None for a shape
    that is no placeholder or when nothing sets one."""
    ph = ph_of(sp)
    if ph is None:
        return None
    for el in chain(sp, inherited):
        d = el.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr")
        if d is not None and (d.get("sz") or "").isdigit():
            return int(d.get("sz")) / 100
    roots = [r for r in inherited if r is not None]
    style = "titleStyle" if ph.get("type", "obj") in _TITLES else "bodyStyle"
    d = roots[-1].find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr") if roots else None
    return int(d.get("sz")) / 100 if d is not None and (d.get("sz") or "").isdigit() else None


def inherited_box(sp: "_Element", inherited: Sequence[Optional["_Element"]] = ()) -> Optional[tuple[int, int, int, int]]:
    """`inherited_xfrm` as (x, y, w, h) in EMU, unturned; None without one."""
    x = inherited_xfrm(sp, inherited)
    if x is None:
        return None
    off, ext = x.find(f"{A}off"), x.find(f"{A}ext")
    try:
        return int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    except ValueError:
        return None
