"""Find the layout for each slide kind, and the placeholders for each of its texts on it."""
from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Optional

from pptx.enum.shapes import PP_PLACEHOLDER as PH

from deckgen.outline.model import Role
from deckgen.outline.typed import record
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


@record
class Slots:
    """The placeholders of one layout that deckgen fills: one per text slot of the kind (by slot name;
    absent when the layout has none for it), and the footer and slide number. On a template, `boxes` holds
    the frames (x, y, w, h in points) of text boxes that stand in for a title or body placeholder the
    layout lacks, and `moved` the frames of placeholders moved clear of a picture (a logo)."""

    by_name: dict[str, "LayoutPlaceholder"] = field(default_factory=dict)
    footer: Optional["LayoutPlaceholder"] = None
    number: Optional["LayoutPlaceholder"] = None
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # text boxes standing in (pt)
    moved: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # placeholders kept clear of pictures
    scale: float = 1.0  # the slide's height relative to 7.5 inches
    slide: tuple[float, float] = (960.0, 540.0)  # the slide's size in points
    sample: object = None  # a sample slide of the template to clone (python-pptx Slide), instead of the layout
    shape_ids: dict[str, int] = field(default_factory=dict)  # slot name → the sample's text shape (`cNvPr/@id`)
    strip: tuple[tuple[float, float, float, float, float], ...] = ()  # regions cleared on the copy: x, y, w, h, and the
    # largest share of the slide a shape there may cover to be cleared (a text box's room; ornaments of a wider title)
    text_like: Optional[int] = None  # the sample's text shape whose look added text boxes take
    sample_number: int = 0  # which sample slide (1-based), for messages
    template: bool = False  # the layout or sample is an organisation's template's (not the built-in master)
    note: str = ""  # what deckgen did about the sample's boxes, warned once
    numbered: bool = False  # the sample page's own part number (第一章, PART 01) stays, made each section's
    # sample text boxes given another box (grown into free room, kept on the slide): slot name → the box on
    # the slide (pt) and the mapping of the shape's group onto the slide (scale x, scale y, shift x, shift y)
    uncut: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # sample boxes before they were cut
    # back to clear a picture on the page (`cloning`): the kinds that clear the page's body region take all of it
    resized: dict[str, tuple[tuple[float, float, float, float], tuple[float, float, float, float]]] = field(default_factory=dict)
    lowered: tuple[tuple[float, float, float, float, float], ...] = ()  # drawings moved down on the copy: box, points
    # (the rule under a content page's body, with the body grown below it: `bodyrule`)
    stretched: tuple[tuple[float, float, float, float, float, float], ...] = ()  # drawings stretched along their row on
    # the copy: box, new left edge and width (points; a title tab: `titlebar`)
    align: dict[str, str] = field(default_factory=dict)  # a cover's or closing's lines (a text box standing in, or a
    # body placeholder) set as lines, aligned so (`ctr` under a centred title)

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
            free = [ph for ph in placeholders if id(ph) not in taken and _accepts(ph, wanted)]
            if wanted == "title" and len(free) > 1:  # two titles (a number in a badge, the title beside it):
                free.sort(key=lambda ph: (numbered(ph), -(ph.width or 0)))  # the widest one that is not a number
            found = free[0] if free else None
            if found is not None:
                out.by_name[spec.name] = found
                taken.add(id(found))
                break
    return out


NUMBER_PROMPT = re.compile(r"^[\s\dxX#%.:：\-–—]+$")  # a placeholder's prompt that is a number: `01`, `xx%`


def numbered(ph: "LayoutPlaceholder") -> bool:
    """Whether the placeholder's prompt text is a number (`01`, `xx%`): a badge for a section's number."""
    text = ph.text_frame.text if ph.has_text_frame else ""
    return NUMBER_PROMPT.match(text) is not None


def _accepts(ph: "LayoutPlaceholder", wanted: str) -> bool:
    kind = ph.placeholder_format.type
    labelled = kind in BODY_TYPES and any(w in ph.name.lower() for w in LABEL_WORDS)
    if wanted in LABEL_PH:  # a body named like a number, or a second title whose prompt is one (a badge)
        return labelled or (kind in TITLE_TYPES and numbered(ph))
    return kind in _PH_TYPES[wanted] and not labelled and not (kind in BODY_TYPES and picture_frame(ph))


SIDE_BY_SIDE = 0.6  # body placeholders whose heights share this much of the taller one's stand side by side


def joined_columns(s: Slots, layout: "SlideLayout", kind: Kind) -> None:
    """On a layout with body placeholders side by side (a two-content layout borrowed for cards, numbers, a
    chart, a table or code, or chosen for content because the template has no one-body layout), a slot that
    draws shapes rather than text, and the bullets of a content or agenda slide, take the columns no other slot
    of its kind takes as well: `s.moved[name]` becomes their joint box, the width of the page's content area,
    not one column's (bullets in the left half and the right half empty read as a page left unfinished)."""
    from deckgen.plan.kinds import TEXT

    taken = {ph.placeholder_format.idx for ph in s.by_name.values()}
    free = [b for ph in layout.placeholders if ph.placeholder_format.idx not in taken and _accepts(ph, "body") and (b := _points(ph))]
    for spec in kind.slots:
        ph = s.get(spec.name)
        joins = spec.content != TEXT or (spec.name == "body" and kind.role in (Role.CONTENT, Role.AGENDA))
        at = _points(ph) if joins and ph is not None and ph.placeholder_format.type in BODY_TYPES else None
        if at is None:
            continue
        beside = [b for b in free if _beside(at, b)]
        if beside:
            x, y = min(b[0] for b in (at, *beside)), min(b[1] for b in (at, *beside))
            s.moved[spec.name] = (x, y, max(b[0] + b[2] for b in (at, *beside)) - x,
                                  max(b[1] + b[3] for b in (at, *beside)) - y)


def _points(ph: "LayoutPlaceholder") -> Optional[tuple[float, float, float, float]]:
    if ph.left is None or ph.top is None or not ph.width or not ph.height:
        return None
    return (ph.left / 12700, ph.top / 12700, ph.width / 12700, ph.height / 12700)


def _beside(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether box `b` stands beside box `a`: no shared width, most of their heights shared."""
    across = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    down = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return across <= 0 and down >= SIDE_BY_SIDE * max(a[3], b[3])


FRAME_ASPECT = (0.8, 1.25)  # a picture frame is about square
FRAME_FILLS = ("solidFill", "gradFill", "blipFill", "pattFill")
SMALL_FRAME = 0.01  # a square placeholder under this share of the slide holds an icon, not a line of text


def picture_frame(ph: "LayoutPlaceholder") -> bool:
    """Whether a body placeholder is a picture or icon frame rather than a place for text: about square, and
    drawn (a fill or a shape of its own: Keynote exports its media placeholders as a filled circle typed
    `body`) or tiny (an icon's glyph). A cover's byline or a quotation's source set there would be a line
    squeezed into a picture."""
    if ph.width is None or ph.height is None or not ph.width or not ph.height:
        return False
    if not FRAME_ASPECT[0] <= ph.width / ph.height <= FRAME_ASPECT[1]:
        return False
    from deckgen.render.oxml import qn

    sp_pr = element(ph).find(qn("p:spPr"))
    geometry = sp_pr.find(qn("a:prstGeom")) if sp_pr is not None else None
    shaped = sp_pr is not None and (sp_pr.find(qn("a:custGeom")) is not None
                                    or (geometry is not None and geometry.get("prst") not in ("rect", None)))
    filled = sp_pr is not None and any(sp_pr.find(qn(f"a:{f}")) is not None for f in FRAME_FILLS)
    presentation = ph.part.package.presentation_part.presentation
    small = ph.width * ph.height < SMALL_FRAME * presentation.slide_width * presentation.slide_height
    return shaped or filled or small
