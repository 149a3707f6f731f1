"""Scaled groups flattened: a group whose child frame differs from its frame stores its shapes where they show."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.package.ns import A, P

if TYPE_CHECKING:
    from lxml.etree import _Element

_GRP, _XFRM = f"{{{P}}}grpSp", f"{{{A}}}xfrm"
# where each kind of shape keeps its transform (a graphic frame's is `p:xfrm`)
_XFRM_AT = {f"{{{P}}}sp": f"{{{P}}}spPr/{_XFRM}", f"{{{P}}}pic": f"{{{P}}}spPr/{_XFRM}",
            f"{{{P}}}cxnSp": f"{{{P}}}spPr/{_XFRM}", _GRP: f"{{{P}}}grpSpPr/{_XFRM}",
            f"{{{P}}}graphicFrame": f"{{{P}}}xfrm"}
_PROPS = (f"{{{P}}}nvGrpSpPr", f"{{{P}}}grpSpPr")  # a group's own properties, not its shapes
UNIFORM = 0.005  # scales along x and y closer than this (relative) are one scale: a template tool's rounding

Frame = tuple[int, int, int, int]  # x, y, cx, cy in EMU


def flatten_groups(tree: "_Element") -> int:
    """Flatten every scaled group in a shape tree (`p:spTree`, or a group), nested ones too: the group's child
    frame (`a:chOff`/`a:chExt`) is made its frame (`a:off`/`a:ext`) and each of its shapes' offsets and extents
    mapped into it, so every shape is stored where it shows. Only where that is exact: a group whose scale
    differs between x and y is left as it is when it or one of its shapes is turned or flipped (renderers
    differ there), as is one holding a shape without a transform or an element it cannot map. Type sizes,
    line widths and insets stay: group scaling does not scale them. Returns how many groups were flattened."""
    n = 0
    for child in tree:
        if child.tag == _GRP:
            n += _flatten(child) + flatten_groups(child)
    return n


def _frame(xfrm: Optional["_Element"], off: str = "off", ext: str = "ext") -> Optional[Frame]:
    if xfrm is None:
        return None
    o, e = xfrm.find(f"{{{A}}}{off}"), xfrm.find(f"{{{A}}}{ext}")
    try:
        return int(o.get("x")), int(o.get("y")), int(e.get("cx")), int(e.get("cy"))  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError):
        return None


def _turned(xfrm: "_Element") -> bool:
    return (xfrm.get("rot") or "0") not in ("0", "21600000") or xfrm.get("flipH") in ("1", "true") \
        or xfrm.get("flipV") in ("1", "true")


def _flatten(grp: "_Element") -> int:
    """Flatten `grp` itself (its shapes' transforms, not inside its nested groups); 1 when done, else 0."""
    xfrm = grp.find(_XFRM_AT[_GRP])
    frame, child = _frame(xfrm), _frame(xfrm, "chOff", "chExt")
    if frame is None or child is None or frame == child or min(frame[2], frame[3], child[2], child[3]) <= 0:
        return 0
    kx, ky = frame[2] / child[2], frame[3] / child[3]
    uniform = abs(kx - ky) <= UNIFORM * max(kx, ky)
    shapes = [el for el in grp if el.tag not in _PROPS and isinstance(el.tag, str) and el.tag != f"{{{P}}}extLst"]
    xfrms = [el.find(_XFRM_AT[el.tag]) if el.tag in _XFRM_AT else None for el in shapes]
    if any(x is None or _frame(x) is None for x in xfrms):
        return 0  # a shape placed by inheritance, alternate content, a content part: not mapped
    if not uniform and (_turned(xfrm) or any(_turned(x) for x in xfrms)):  # type: ignore[arg-type]
        return 0
    for x in xfrms:
        _map(x, frame, child, kx, ky)  # type: ignore[arg-type]
    _set(xfrm.find(f"{{{A}}}chOff"), x=frame[0], y=frame[1])
    _set(xfrm.find(f"{{{A}}}chExt"), cx=frame[2], cy=frame[3])
    return 1


def _map(xfrm: "_Element", frame: Frame, child: Frame, kx: float, ky: float) -> None:
    """Map one shape's transform from the group's child frame into its frame: its centre by the group's
    mapping, its extents by the scale along its own axes (a shape turned a quarter takes x's scale on its
    height, as renderers do; with the one scale this is exact)."""
    x, y, cx, cy = _frame(xfrm)  # type: ignore[misc]
    rot = int(xfrm.get("rot") or "0") % 21600000
    quarter = 2700000 <= rot < 8100000 or 13500000 <= rot < 18900000  # 45°–135°, 225°–315°
    sx, sy = (ky, kx) if quarter else (kx, ky)
    mx = frame[0] + (x + cx / 2 - child[0]) * kx
    my = frame[1] + (y + cy / 2 - child[1]) * ky
    w, h = round(cx * sx), round(cy * sy)
    _set(xfrm.find(f"{{{A}}}off"), x=round(mx - w / 2), y=round(my - h / 2))
    _set(xfrm.find(f"{{{A}}}ext"), cx=w, cy=h)


def _set(el: Optional["_Element"], **values: int) -> None:
    for name, value in values.items():
        el.set(name, str(value))  # type: ignore[union-attr]
