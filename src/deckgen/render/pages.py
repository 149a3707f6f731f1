"""Cover, section, closing and quote pages on a layout made for other pages, and a cover's lines set as lines:
where their texts go."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from deckgen.outline.model import Role
from deckgen.render.layouts import BODY_TYPES, Slots

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import SlideLayout

Rect = tuple[float, float, float, float]
ROOM_MIN = 0.2  # a body placeholder this share of the slide or more: the layout is a content page's
TITLE_BAND = 0.3  # a title whose middle is above this share of the slide's height runs across the top
LINE_ROLES = (Role.TITLE, Role.CLOSING)  # lines under a title that stands alone (a cover's subtitle, presenter, date;
# the closing's lines, on the cover's layout it borrows)


def _box(ph: Optional["LayoutPlaceholder"]) -> Optional[Rect]:
    if ph is None or ph.left is None or ph.top is None or ph.width is None or ph.height is None:
        return None
    return ph.left / 12700, ph.top / 12700, ph.width / 12700, ph.height / 12700


def content_room(s: Slots, layout: object, slide: tuple[float, float]) -> Optional[Rect]:
    """The body room of a content page's layout: the largest body placeholder of `layout`, when the title runs
    across the top above it and the body takes a fifth of the slide or more; else None."""
    w, h = slide
    title = _box(s.title)
    bodies = [b for ph in layout.placeholders  # type: ignore[attr-defined]
              if ph.placeholder_format.type in BODY_TYPES and (b := _box(ph)) is not None]
    body = max(bodies, key=lambda b: b[2] * b[3], default=None)
    if title is None or body is None or body[2] * body[3] < ROOM_MIN * w * h:
        return None
    if title[1] + title[3] / 2 > TITLE_BAND * h or title[1] + title[3] > body[1] + 0.1 * body[3]:
        return None
    return body


def standing_alone(s: Slots, role: Role, layout: object, slide: tuple[float, float]) -> None:
    """A cover, section or closing page on a content page's layout (a template with one layout for every page;
    a role that borrows the content layout): its title moved from the band across the top into the body's room,
    set large there as a cover's or section's is, as wide as the template's title; a cover's or closing's lines
    (in the body placeholder) below it. The title keeps its placeholder, so outline view and screen readers find it."""
    if role not in (Role.TITLE, Role.SECTION, Role.CLOSING) or s.title is None:
        return
    room = content_room(s, layout, slide)
    if room is None:
        return
    title = _box(s.title)
    assert title is not None
    h = slide[1]
    x, w = title[0], title[2]
    bx, by, bw, bh = room
    if role is Role.SECTION:
        s.moved["title"] = (x, by + 0.2 * bh, w, 0.5 * bh)
        return
    lines = next((n for n in ("subtitle", "byline", "body") if s.get(n) is not None and _box(s.get(n)) == room), None)
    s.moved["title"] = (x, by + 0.15 * bh, w, 0.4 * bh)
    if lines is not None:  # within the body's room too: a title bar across the whole slide leaves no margin
        top = by + 0.55 * bh + 0.02 * h
        left, right = max(x, bx), min(x + w, bx + bw)
        if right - left < 0.5 * bw:
            left, right = bx, bx + bw
        s.moved[lines] = (left, top, right - left, by + bh - top)


def quote_room(s: Slots, role: Role, layout: object, slide: tuple[float, float], footer_top: Optional[float]) -> None:
    """A quote page on a layout whose title stands alone, larger than the free room left under it (a statement's
    `MAIN_POINT` page: no place for a quotation): the room under the title, as wide as it and aligned as it is,
    takes the source, and the planner sets the quotation large in the title's place (`plan_quote`)."""
    if role is not Role.QUOTE or s.title is None or s.get("quote") is not None or "quote" not in s.boxes:
        return
    from deckgen.render.frames import alignment
    from deckgen.render.room import lines_below

    title = _box(s.title)
    strip = s.boxes["quote"]
    if title is None or title[2] * title[3] <= strip[2] * strip[3]:
        return
    frame = lines_below(layout, slide, s.moved.get("title", title), footer_top)  # type: ignore[arg-type]
    if frame is not None:
        s.boxes["quote"] = frame
        s.align["quote"] = alignment(s.title)


def quote_title_off(s: Slots, role: Role) -> None:
    """A quote page whose title stands under the quotation (a section header layout: its text above, its title
    below): the title kept off the slide, above it, as the built-in quote page keeps it (there for the outline pane
    and screen readers), so that `引言` is not read as the quotation's last line."""
    if role is not Role.QUOTE or s.title is None:
        return
    title = s.moved.get("title") or _box(s.title)
    quote = s.moved.get("quote") or s.boxes.get("quote") or _box(s.get("quote"))
    if title is None or quote is None or title[1] < quote[1] + quote[3] / 2:
        return
    s.moved["title"] = (title[0], -title[3] - 24, title[2], title[3])


def line_alignment(s: Slots, role: Role, content: bool = False) -> None:
    """A cover's lines (subtitle, presenter, date) or a closing's that a body placeholder holds (any placeholder of
    the `content` layout: a Google export types its bulleted body a subtitle): set as lines under the title
    (`Slots.align`: no bullet, no indent) and aligned as the title is, whatever the body's list style."""
    if role not in LINE_ROLES or s.title is None:
        return
    from deckgen.render.frames import alignment

    for name in ("subtitle", "byline", "body"):
        ph = s.get(name)
        if ph is not None and (content or ph.placeholder_format.type in BODY_TYPES):
            s.align[name] = alignment(s.title)


def align_paragraphs(tx_body: "_Element", align: str) -> None:
    """Align every paragraph of `tx_body` so (`l`, `ctr`, `r`…)."""
    from deckgen.render.oxml import paragraph_props, qn

    for p in tx_body.findall(qn("a:p")):
        paragraph_props(p).set("algn", align)


def lines_elsewhere(layout: "SlideLayout", slide: tuple[float, float], title: Rect, footer_top: Optional[float]) -> Optional[Rect]:
    """For a cover or closing layout with no room under its title (`lines_below`: a photograph band right under
    it), the largest free room of the page for its lines: within its margins, above the footer, clear of the
    title and of the layout's and master's drawings (bands too, not a background) and own texts; None when it
    is too small for a line or two."""
    from deckgen.render.plates import largest_free
    from deckgen.render.room import LINES_MIN, own_texts, shown_drawings

    w, h = slide
    bottom = min(footer_top if footer_top else 0.94 * h, 0.94 * h)
    frame = (0.04 * w, 0.04 * h, 0.92 * w, bottom - 0.04 * h)
    blocks = [b for b in shown_drawings(layout) if b[2] * b[3] < 0.6 * w * h] + own_texts(layout) + [title]
    room = largest_free(frame, blocks, 12.0)
    if room[3] < LINES_MIN * h or room[2] < 0.25 * w:
        return None
    return room[0], room[1], room[2], min(room[3], 0.3 * h)
