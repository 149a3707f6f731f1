"""Find the layout for each slide kind, and the placeholders for each of its texts on it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from pptx.enum.shapes import PP_PLACEHOLDER as PH

from deckgen.outline.model import Role
from deckgen.plan.kinds import KINDS, LABEL_PH, Kind
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import SlideLayout

REQUIRED = tuple(k.role.value for k in KINDS.values() if k.required)
TITLE_TYPES = (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE)
BODY_TYPES = (PH.BODY, PH.OBJECT, PH.VERTICAL_BODY, PH.VERTICAL_OBJECT)
LABEL_WORDS = ("label", "number", "编号", "序号")
# OOXML `p:ph/@type` names as the kinds table writes them → python-pptx's enum members.
_PH_TYPES = {"title": TITLE_TYPES, "subTitle": (PH.SUBTITLE,), "body": BODY_TYPES, "pic": (PH.PICTURE,),
             "chart": (PH.CHART,), "tbl": (PH.TABLE,)}


def layout_type(layout: "SlideLayout") -> str:
    return element(layout).get("type", "cust")


@dataclass
class Choice:
    """The layout chosen for a role; `via` says how: 'type', 'name', or 'fallback:<role>'."""

    role: str
    layout: Optional["SlideLayout"]
    via: str


def find_layout(layouts: list["SlideLayout"], role: str) -> Choice:
    """The layout for `role`: one whose name and type match, else by type, else by name, else the fallback role's."""
    k = KINDS[Role(role)]
    types, names = k.layout_types, k.layout_names
    lowered = [n.lower() for n in names]
    by_name = sorted((lo for lo in layouts if lo.name.strip().lower() in lowered),
                     key=lambda lo: lowered.index(lo.name.strip().lower()))
    for lo in by_name:
        if not types or layout_type(lo) in types:
            return Choice(role, lo, "name" if not types else "type+name")
    for t in types:
        for lo in layouts:
            if layout_type(lo) == t and _has_title(lo):
                return Choice(role, lo, "type")
    if by_name:
        return Choice(role, by_name[0], "name")
    if k.fallback is not None:
        fallback = k.fallback.value
        inner = find_layout(layouts, fallback)
        return Choice(role, inner.layout, f"fallback:{fallback}" if inner.layout is not None else "missing")
    return Choice(role, None, "missing")


def _has_title(layout: "SlideLayout") -> bool:
    return any(p.placeholder_format.type in TITLE_TYPES for p in layout.placeholders)


@dataclass
class Slots:
    """The placeholders of one layout that deckgen fills: one per text slot of the kind (by slot name;
    absent when the layout has none for it), and the footer and slide number."""

    by_name: dict[str, "LayoutPlaceholder"] = field(default_factory=dict)
    footer: Optional["LayoutPlaceholder"] = None
    number: Optional["LayoutPlaceholder"] = None

    def get(self, name: str) -> Optional["LayoutPlaceholder"]:
        return self.by_name.get(name)

    @property
    def title(self) -> Optional["LayoutPlaceholder"]:
        return self.by_name.get("title")


def slots(layout: "SlideLayout", kind: Kind) -> Slots:
    """Which placeholder of `layout` takes which text of a slide of `kind`.

    Each slot of the kind, in order, takes the first placeholder not yet taken whose type it accepts
    (`SlotSpec.ph`, most wanted first); body placeholders named like a number (`Label`, `编号`) are kept for
    label slots.
    """
    out = Slots()
    placeholders = sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx)
    for ph in placeholders:
        if ph.placeholder_format.type == PH.FOOTER:
            out.footer = ph
        elif ph.placeholder_format.type == PH.SLIDE_NUMBER:
            out.number = ph
    taken: set[int] = set()
    for spec in kind.slots:
        for wanted in spec.ph:
            found = next((ph for ph in placeholders if id(ph) not in taken and _accepts(ph, wanted)), None)
            if found is not None:
                out.by_name[spec.name] = found
                taken.add(id(found))
                break
    return out


def _accepts(ph: "LayoutPlaceholder", wanted: str) -> bool:
    kind = ph.placeholder_format.type
    labelled = kind in BODY_TYPES and any(w in ph.name.lower() for w in LABEL_WORDS)
    if wanted in LABEL_PH:
        return labelled
    return kind in _PH_TYPES[wanted] and not labelled
