"""Find the layout for each slide role, and the placeholders for each kind of text on it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from pptx.enum.shapes import PP_PLACEHOLDER as PH

if TYPE_CHECKING:
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import SlideLayout

# Per role: acceptable OOXML layout types, then names (English and Chinese), most specific first.
ROLE_LAYOUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("title",), ("Title Slide", "标题幻灯片")),
    "section": (("secHead",), ("Section Header", "节标题")),
    "content": (("obj", "tx"), ("Title and Content", "标题和内容", "Title and Text", "标题和文本")),
    "agenda": ((), ("Agenda", "目录", "Contents", "Table of Contents")),
    "statement": ((), ("Statement", "Quote", "引用", "Quote with Caption")),
    "closing": ((), ("Closing", "结束", "结束语", "Thank You", "End")),
}
FALLBACK = {"agenda": "content", "statement": "content", "closing": "title", "section": "title"}
REQUIRED = ("title", "content")
TITLE_TYPES = (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE)
BODY_TYPES = (PH.BODY, PH.OBJECT, PH.VERTICAL_BODY, PH.VERTICAL_OBJECT)
FOOTER_TYPES = (PH.FOOTER, PH.SLIDE_NUMBER, PH.DATE, PH.HEADER)
LABEL_WORDS = ("label", "number", "编号", "序号")


def layout_type(layout: "SlideLayout") -> str:
    return layout._element.get("type", "cust")


@dataclass
class Choice:
    """The layout chosen for a role; `via` says how: 'type', 'name', or 'fallback:<role>'."""

    role: str
    layout: Optional["SlideLayout"]
    via: str


def find_layout(layouts: list["SlideLayout"], role: str) -> Choice:
    """The layout for `role`: one whose name and type match, else by type, else by name, else the fallback role's."""
    types, names = ROLE_LAYOUTS[role]
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
    if role in FALLBACK:
        inner = find_layout(layouts, FALLBACK[role])
        return Choice(role, inner.layout, f"fallback:{FALLBACK[role]}" if inner.layout is not None else "missing")
    return Choice(role, None, "missing")


def _has_title(layout: "SlideLayout") -> bool:
    return any(p.placeholder_format.type in TITLE_TYPES for p in layout.placeholders)


@dataclass
class Slots:
    """The placeholders of one layout that deckgen fills, by kind of text (None when absent)."""

    title: Optional["LayoutPlaceholder"] = None
    body: Optional["LayoutPlaceholder"] = None
    subtitle: Optional["LayoutPlaceholder"] = None
    byline: Optional["LayoutPlaceholder"] = None
    label: Optional["LayoutPlaceholder"] = None
    footer: Optional["LayoutPlaceholder"] = None
    number: Optional["LayoutPlaceholder"] = None


def slots(layout: "SlideLayout", role: str) -> Slots:
    """Which placeholder of `layout` takes which text for a slide of `role`."""
    out = Slots()
    bodies = []
    for ph in sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx):
        kind = ph.placeholder_format.type
        if kind in TITLE_TYPES and out.title is None:
            out.title = ph
        elif kind == PH.SUBTITLE and out.subtitle is None:
            out.subtitle = ph
        elif kind == PH.FOOTER:
            out.footer = ph
        elif kind == PH.SLIDE_NUMBER:
            out.number = ph
        elif kind in BODY_TYPES:
            bodies.append(ph)
    labels = [b for b in bodies if any(w in b.name.lower() for w in LABEL_WORDS)]
    others = [b for b in bodies if b not in labels]
    if role == "section" and labels:
        out.label = labels[0]
    if role == "title":
        if out.subtitle is None and others:
            out.subtitle = others.pop(0)
        out.byline = others[0] if others else None
    elif role == "closing":
        out.body = out.subtitle or (others[0] if others else None)
    elif role != "section":
        out.body = others[0] if others else None
    return out
