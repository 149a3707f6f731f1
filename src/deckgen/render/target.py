"""The target a deck is rendered on: the built-in master of a theme or an organisation's template, with the
layout and placeholders (or text boxes, or sample slide) for each slide role."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.outline.model import Role
from deckgen.outline.typed import record
from deckgen.plan.grid import Frames
from deckgen.plan.kinds import BUILTIN_FRAMES, KINDS
from deckgen.render.layouts import Slots, slots
from deckgen.render.pptx_api import element
from deckgen.text.script import is_cjk_language

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from deckgen.plan.kinds import Kind
    from deckgen.render.slidebg import Background
    from deckgen.theme.model import Theme


@record
class Target:
    """The presentation slides are added to, with the layout and placeholders for each role."""

    prs: "PresentationT"
    layouts: dict[str, "SlideLayout"]
    slots: dict[str, Slots]
    frames: Frames = BUILTIN_FRAMES
    warnings: list[Diagnostic] = field(default_factory=list)
    borrowed: dict[str, str] = field(default_factory=dict)  # role → the layout it borrows (reported if the deck uses it)
    source: Optional[str] = None  # the template's path, for messages
    east_asian_font: Optional[str] = None  # set in the template's themes (`--east-asian-font`)
    builtin: bool = False  # the built-in master of a theme (else an organisation's template)
    backgrounds: dict[str, "Background"] = field(default_factory=dict)  # layout part name → the background the
    # template's own slides on it set (`slidebg`): slides built on that layout carry it
    closings: list[tuple["SlideLayout", Slots]] = field(default_factory=list)  # where the closing goes next when its
    # lines do not fit where it is (`next_closing`): from a sample page (the ending page, a copy of the cover) to its
    # layout, from a layout with no room for them to the content layout (its title and lines on the body's room)

    @property
    def closing_on_cover(self) -> bool:
        """Whether the closing slide is a copy of the cover (a 模板 without an ending page)."""
        closing, title = self.slots.get(Role.CLOSING.value), self.slots.get(Role.TITLE.value)
        return closing is not None and title is not None and closing.sample is not None and closing.sample is title.sample

    def next_closing(self) -> None:
        """Build the closing on its next place in `closings` (its lines did not fit the one it had)."""
        from deckgen.render.frames import template_frames

        slide = (self.prs.slide_width / 12700, self.prs.slide_height / 12700)
        role = Role.CLOSING.value
        self.layouts[role], self.slots[role] = self.closings.pop(0)
        self.frames = template_frames(self.slots, slide)
        self.warnings = [w for w in self.warnings if not w.message.startswith(DESIGN_NOTE)]
        if any(s.sample is not None for s in self.slots.values()):
            self.warnings.append(_design_note(self.slots, self.source or ""))


DESIGN_NOTE = "the template's design is on its sample slides: "


def _design_note(role_slots: dict[str, Slots], path: str) -> Diagnostic:
    used = sorted(r for r, s in role_slots.items() if s.sample is not None)
    return Diagnostic(DESIGN_NOTE + ", ".join(used) + " slides are copies of them, with the lecture's text in their "
                      "text boxes", path)


def _target(prs: "PresentationT", chosen: dict[str, "SlideLayout"], frames: Frames) -> Target:
    role_slots = {role: slots(layout, KINDS[Role(role)]) for role, layout in chosen.items()}
    return Target(prs, chosen, role_slots, frames)


def builtin_target(theme: "Theme", lang: str) -> Target:
    """A target built from a built-in theme (master and layouts generated from it, one per kind)."""
    from deckgen.render.builtin import builtin_presentation

    prs = builtin_presentation(theme, lang)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    target = _target(prs, {k.role.value: by_name[k.builtin] for k in KINDS.values()}, BUILTIN_FRAMES)
    target.builtin = True
    return target


def template_target(path: Path, lang: str, east_asian_font: Optional[str] = None,
                    roles: Optional[dict[str, str]] = None) -> Target:
    """A target from the organisation's template at `path`: a layout for every kind from any of its
    masters (`roles` maps a role to a layout name or number where the user chose), text boxes where a
    layout lacks a title or body placeholder; its slides are removed.

    Raises `ContentError` when the file is unusable or has no layouts.
    """
    from deckgen.render.cloning import sample_slots
    from deckgen.render.closing import cover_closing, ending_lines
    from deckgen.render.roles import bare_roles
    from deckgen.render.frames import template_frames
    from deckgen.render.package import drop_template_extras, ensure_view_props
    from deckgen.render.template import check_required, inspect, open_template, reading, remove_slides, role_warnings

    mended: list[Diagnostic] = []
    prs = open_template(path, mended)
    with reading(path):
        info = inspect(prs, roles)
        check_required(info, path)
        cjk = is_cjk_language(lang)
        warnings = mended + [w for w in role_warnings(info, path, cjk, fallbacks=False) if not (east_asian_font and "East Asian" in w.message)]
        chosen = {c.role: c.layout for c in info.roles}
        slide = (prs.slide_width / 12700, prs.slide_height / 12700)
        content = chosen.get(Role.CONTENT.value)
        role_slots = {role: _room(slots(layout, KINDS[Role(role)]), layout, KINDS[Role(role)], slide, layout is content)
                      for role, layout in chosen.items()}
        layouts = dict(role_slots)
        role_slots.update(sample_slots(prs, slide, wanted=roles or {}, cover_closing=cover_closing,
                                        bare=bare_roles(info.roles), ending=ending_lines))
        cover = role_slots[Role.TITLE.value].sample
        closing = Role.CLOSING.value
        # the closing on a sample page (the cover's copy, an ending page): its layout when its lines do not fit there;
        # on a layout of its own that cannot hold them: the content layout, its title and lines in the body's room
        closings = [(chosen[closing], layouts[closing])] if cover is not None and role_slots[closing].sample is not None else []
        if content is not None and chosen[closing] is not content:
            kind = KINDS[Role.CLOSING]
            closings.append((content, _room(slots(content, kind), content, kind, slide, True)))
        for _, s in closings:
            s.template = True
        for s in role_slots.values():
            s.template = True
        warnings += [Diagnostic(n, str(path)) for n in sorted({s.note for s in role_slots.values() if s.note})]
        if any(s.sample is not None for s in role_slots.values()):
            warnings.append(_design_note(role_slots, str(path)))
        from deckgen.render.slidebg import sample_backgrounds

        backgrounds = sample_backgrounds(prs)
        remove_slides(prs)
        drop_template_extras(prs)
        ensure_view_props(prs)
        standing_in = sorted({role for role, s in role_slots.items() if s.boxes and s.sample is None})
        if standing_in:
            warnings.append(Diagnostic("the layouts for " + ", ".join(standing_in) + " slides have no placeholder for "
                                       "some of their text: deckgen adds text boxes there, clear of the layout's "
                                       "pictures", str(path)))
        target = Target(prs, chosen, role_slots, template_frames(role_slots, slide))
    target.backgrounds = backgrounds
    target.warnings = warnings
    target.borrowed = {c.role: c.layout.name for c in info.roles
                       if c.via.startswith("fallback:") and c.layout is not None and role_slots[c.role].sample is None}
    target.source = str(path)
    target.closings = closings
    target.east_asian_font = east_asian_font
    return target


def _room(s: Slots, layout: "SlideLayout", kind: "Kind", slide: tuple[float, float], content: bool = False) -> Slots:
    """`s` with text boxes for a title or body the layout has no placeholder for, and its placeholders moved
    clear of the pictures (logos) of the layout and master, and of a logo drawn into the picture behind them;
    on the `content` layout, a cover's, section's or closing's title moved into its body's room (`pages`); on a
    layout of its own (not the content layout it borrows, whose title is a content title), a section, quote,
    statement or closing title set in a one-line strip grown into the free room (`_strip_room`)."""
    from deckgen.plan.kinds import BUILTIN
    from deckgen.render.backdrop import backdrop, ink
    from deckgen.render.room import clear_of, edge_bands, free_frames, obstacles, own_texts

    box = _box
    s.scale, s.slide = slide[1] / 540, slide
    chrome = [box(p) for p in (s.footer, s.number) if p is not None]
    footer_top = min((b[1] for b in chrome if b is not None), default=None)
    title, body = free_frames(layout, slide, box(s.title), footer_top)
    if s.title is None:
        s.boxes["title"] = title
    for spec in kind.slots:  # a text the kind always shows (bullets, a quotation) gets a text box when it has no placeholder
        if spec.name != "title" and spec.fallback == BUILTIN and s.get(spec.name) is None:
            s.boxes[spec.name] = body
    if kind.role in (Role.TITLE, Role.CLOSING):
        _lines_room(s, layout, kind, slide, footer_top)
    from deckgen.render.layouts import joined_columns
    from deckgen.render.pages import line_alignment, quote_room, quote_title_off, standing_alone

    if content and kind.role is not Role.CONTENT:
        standing_alone(s, kind.role, layout, slide)
    line_alignment(s, kind.role, content)
    quote_room(s, kind.role, layout, slide, footer_top)
    joined_columns(s, layout, kind)  # cards on a two-content layout: across both columns
    # logos, a band down the side, the layout's own words (a heading of its own): placeholders keep clear of them
    pictures = obstacles(layout, slide, pictures_only=True) + edge_bands(layout, slide) + own_texts(layout)
    page = backdrop([layout.part, layout.slide_master.part], slide)
    for name, ph in s.by_name.items():
        at = s.moved.get(name) or box(ph)
        blocks = pictures + (ink(page, at) if page is not None and at is not None else [])
        if at is not None and blocks:
            cleared = clear_of(at, blocks)
            if cleared != at:
                s.moved[name] = cleared
    if not content and kind.role in STRIP_ROLES and s.title is not None:
        _strip_room(s, layout, slide, page)
    quote_title_off(s, kind.role)
    if not content and kind.role is Role.CLOSING:
        _strip_room(s, layout, slide, page, "body", LINES_NEED, least=1.0)
        _lines_under(s, layout, slide, footer_top)
        _lines_in_title_room(s, layout, slide, page)
    return s


def _lines_under(s: Slots, layout: "SlideLayout", slide: tuple[float, float], footer_top: Optional[float]) -> None:
    """A closing whose lines' placeholder stays too small for them (a subtitle strip held by the band the title
    stands on, as on a cover): the placeholder moved into the free room under the title and what it stands on
    (`room.lines_below`) when that room is taller, so that the lines stay on the closing rather than a slide
    after it."""
    from deckgen.render.cloning import two_line_height
    from deckgen.render.room import lines_below

    body, title = s.get("body"), s.moved.get("title") or _box(s.title)
    at = s.moved.get("body") or _box(body)
    if body is None or at is None or title is None or at[3] >= LINES_NEED * two_line_height(slide):
        return
    frame = lines_below(layout, slide, title, footer_top)
    if frame is not None and frame[3] > at[3]:
        s.moved["body"] = frame


LINES_NEED = 2.0  # a closing's lines need the height of two two-line titles (four lines of a subtitle)


def _lines_in_title_room(s: Slots, layout: "SlideLayout", slide: tuple[float, float], page: object) -> None:
    """A closing whose lines' box is still a strip too small for them (a cover layout's subtitle under a title box
    several lines tall, the page below it drawn on) while its title box is far taller than two title lines: the
    title keeps the top of its box, two lines tall, and the lines take the rest of it, down to the foot of their
    own box and across their own box's width, so that they stay on the closing rather than a slide after it. Not
    when that changes the lines' ground (the strip stands on a plate its colour is chosen for that the title's
    room is off, or the room reaches onto a plate the strip is off: the band the title stands on), nor when the
    page's picture draws into the room."""
    from deckgen.render.backdrop import ink
    from deckgen.render.cloning import two_line_height
    from deckgen.render.room import share_inside, shown_drawings

    title, lines = s.moved.get("title") or _box(s.title), s.moved.get("body") or _box(s.get("body"))
    need = two_line_height(slide)
    if title is None or lines is None or lines[3] >= LINES_NEED * need or lines[1] < title[1] + title[3] / 2:
        return
    top, bottom = title[1] + need + 4, lines[1] + lines[3]
    if bottom - top < 1.5 * lines[3]:  # the title's room adds little: the closing goes where its lines fit
        return
    room = (lines[0], top, lines[2], bottom - top)
    plates = [b for b in shown_drawings(layout) if b[2] * b[3] < 0.9 * slide[0] * slide[1]]  # (not a background)
    # the lines keep their ground: not off a plate they stand on, nor onto one they are off (the title's band)
    if any(share_inside(room, b) < 0.9 if share_inside(lines, b) >= 0.5 else share_inside(room, b) > 0.05 for b in plates):
        return
    if page is not None and ink(page, room):  # type: ignore[arg-type]
        return
    s.moved["title"] = (title[0], title[1], title[2], need)
    s.moved["body"] = room


STRIP_ROLES = (Role.SECTION, Role.QUOTE, Role.STATEMENT, Role.CLOSING)  # the pages whose title is their text


def _strip_room(s: Slots, layout: "SlideLayout", slide: tuple[float, float], page: object, name: str = "title",
                need: float = 1.0, least: Optional[float] = None) -> None:
    """A section, quote, statement or closing layout whose title is a one-line strip (a section title set at
    21 pt in a 60-pt-tall box, the page empty above it): the title box grown into the free room of the page
    (`room.grown_strip`), so that the title is set at its role's size, in more lines where it needs them. With
    `name` "body", a closing's strip for its lines (`need` times two title lines tall, grown when the room gives
    it at least `least` times that), so that they stay on the closing rather than a slide after it."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    from deckgen.render.backdrop import ink
    from deckgen.render.cloning import two_line_height
    from deckgen.render.frames import anchor
    from deckgen.render.pptx_api import base_placeholder
    from deckgen.render.room import grown_strip

    strip = s.by_name.get(name)
    at = s.moved.get(name) or _box(strip)
    if strip is None or at is None:
        return
    shown = {ph.placeholder_format.idx for ph in (*s.by_name.values(), s.footer, s.number) if ph is not None}
    # the placeholders the slide shows (a placeholder the kind leaves empty is not on the slide), and the date's
    others = [b for ph in layout.placeholders if ph.placeholder_format.idx != strip.placeholder_format.idx
              and (ph.placeholder_format.idx in shown or ph.placeholder_format.type == PP_PLACEHOLDER.DATE)
              and (b := _box(ph)) is not None] + [b for key, b in s.boxes.items() if key != name]
    others += [b for key, b in s.moved.items() if key != name] if name != "title" else []  # a grown title
    base = base_placeholder(strip)
    how = anchor(element(strip), (element(base) if base is not None else None,))
    grown = grown_strip(layout, slide, at, how, others, need * two_line_height(slide),
                        (lambda region: ink(page, region)) if page is not None else None,  # type: ignore[arg-type]
                        least=None if least is None else least * two_line_height(slide))
    if grown is not None:
        s.moved[name] = grown


def _box(ph: object) -> Optional[tuple[float, float, float, float]]:
    """A layout placeholder's box in points, None without one."""
    if ph is None or ph.width is None or ph.height is None:  # type: ignore[attr-defined]
        return None
    return (ph.left / 12700, ph.top / 12700, ph.width / 12700, ph.height / 12700)  # type: ignore[attr-defined]


def _lines_room(s: Slots, layout: "SlideLayout", kind: "Kind", slide: tuple[float, float], footer_top: Optional[float]) -> None:
    """A cover or closing layout with a title but no placeholder for the lines under it (subtitle, presenter,
    date; the closing's lines): a text box in the free room under the title, aligned as the title is."""
    from deckgen.render.frames import alignment
    from deckgen.render.pages import lines_elsewhere
    from deckgen.render.room import lines_below

    names = [spec.name for spec in kind.slots if spec.name != "title"]
    if any(s.get(n) is not None for n in names):
        return
    title = s.boxes.get("title")
    if s.title is not None and s.title.width is not None:
        title = (s.title.left / 12700, s.title.top / 12700, s.title.width / 12700, s.title.height / 12700)
    frame = (lines_below(layout, slide, title, footer_top) or lines_elsewhere(layout, slide, title, footer_top)) if title else None
    if frame is None:
        return
    name = names[0]  # the subtitle (presenter and date join it) or the closing's lines
    s.boxes[name] = frame
    s.align[name] = alignment(s.title) if s.title is not None else "l"
