"""Slides copied from a template's sample slides: which sample serves each role, which of its boxes take
which text, what to clear on the copy (`regions`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from deckgen.outline.model import Role
from deckgen.render.bodyrule import Lowered, below_rule
from deckgen.render.illustration import Region, drop_illustrations
from deckgen.render.layouts import Slots
from deckgen.render.pptx_api import element
from deckgen.render.plates import cleared_with, grown, hidden, holds, largest_free, one_side, plate, strip_regions
from deckgen.render.regions import item_region, text_like
from deckgen.render.room import clear_of, share_inside
from deckgen.render.sampleroles import alike, classify, design_on_slides, only_layout, renumber
from deckgen.render.samples import DECOR, P, Rect, Sample, TextShape, _box, _group_box, assign, pick, read_samples
from deckgen.render.titlebar import Stretch, stretched_bar
from deckgen.text.metrics import LINE_HEIGHT_EM

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from deckgen.render.backdrop import Backdrop

SAMPLE_ROLES = (Role.TITLE, Role.AGENDA, Role.SECTION, Role.CONTENT, Role.CLOSING)


def sample_slots(prs: "PresentationT", slide: tuple[float, float], wanted: dict[str, str],
                 cover_closing: Optional[Callable[[Sample, tuple[float, float]], Optional[Slots]]] = None,
                 bare: frozenset[str] = frozenset(), ending: Optional[Callable[..., None]] = None) -> dict[str, Slots]:
    """Slots on the template's sample slides for the roles whose design is there (a 模板's cover, contents,
    section, content and ending pages): which sample to copy and which of its text boxes takes which text;
    roles the user gave a layout keep it; without an ending page, `cover_closing` may give the closing slots on
    a copy of the cover. Empty when the design is not on the sample slides. Section slides, when no sample is a
    section page and their layout (a role in `bare`) draws nothing, copy the page drawn like a cover: the ending
    when it is drawn like the cover, else the cover."""
    samples = read_samples(prs)
    classify(samples)
    from deckgen.render.illustration import frames_kept

    for sample in samples:  # a chart that is a page's content graphic is dropped on copies: it does not count
        sample.frames = frames_kept(sample, samples, slide)
    out: dict[str, Slots] = {}
    copied: dict[str, Sample] = {}
    if not design_on_slides(samples):
        return out
    for role in SAMPLE_ROLES:
        if role.value in wanted:
            continue
        sample = pick(samples, role, slide)
        if sample is None and role is Role.SECTION and role.value in bare:
            sample = _cover_like(samples, slide)
        if sample is not None and only_layout(sample):
            continue  # its layout with the text in its placeholders: the layout serves, as cleanly
        if role is Role.AGENDA and sample is not None:
            heading = assign(sample, role, slide).get("title")
            region = item_region(sample, heading, slide)
            if heading is None or region is None:
                continue
            s = Slots(sample=sample.slide, shape_ids={"title": heading.id}, boxes={"title": heading.box, "body": region},
                      strip=((*region, 0.6), *drop_illustrations(sample, samples, {"title": heading}, {}, slide)),
                      text_like=text_like(sample, {heading.id}, region))
        elif sample is not None:
            shapes = assign(sample, role, slide)
            part = shapes.get("label")
            if part is not None and renumber(part.text, 1) is not None:
                del shapes["label"]  # the page's own number (PART 01, 第一部分) is renumbered for each section
            else:
                part = None
            boxes, cleared = spread_title(shapes, slide, sample, one_sided=role is Role.CONTENT)
            stretched: tuple[Stretch, ...] = ()
            if role is Role.CONTENT and "title" in boxes and (bar := stretched_bar(sample, shapes["title"], boxes["title"], slide)):
                boxes["title"], stretched = bar[0], (bar[1],)  # a title tab: stretched along its row, the title with it
            lowered: tuple[Lowered, ...] = ()
            if role is Role.CONTENT and "body" in boxes:  # a rule closing the body: both go down into the free room
                boxes["body"], lowered = below_rule(sample, shapes, boxes["body"], slide)
            if role in (Role.TITLE, Role.CLOSING):
                cleared = _plates_of_unused(sample, shapes, slide)  # a sample name's button goes with the name
            elif role is not Role.CONTENT and role is not Role.SECTION:
                cleared = ()
            else:
                cleared += drop_illustrations(sample, samples, shapes, boxes, slide)
            band = free_band(sample, shapes, slide) if role is Role.SECTION and "title" in boxes \
                and _capacity(boxes["title"], slide) < PLATE_CHARS else None
            note = ""
            if band is not None:  # a title plate (94 pt) cannot take a section title: the free band below or above
                w0, h0 = shapes["title"].box[2:]
                note = (f"the section page's title box (sample slide {sample.index + 1}, {w0:.0f}×{h0:.0f} pt) is too "
                        "small for section titles: they are set in the free room beside the page's drawing")
                boxes["title"] = band
            s = Slots(sample=sample.slide, shape_ids={name: t.id for name, t in shapes.items()}, boxes=boxes, strip=cleared,
                      resized={n: (b, shapes[n].transform) for n, b in boxes.items()
                               if _moved(b, _stored(sample, shapes[n])) or shapes[n].transform != NO_GROUP}, note=note,
                      lowered=lowered, stretched=stretched,  # a bare digit may be an ornament's (white on a white icon)
                      numbered=role is Role.SECTION and part is not None and not part.text.strip().isdigit())
            if role is Role.CONTENT and "title" in boxes and (side := one_side(shapes["title"].box, boxes["title"], shapes["title"].align)):
                s.align["title"] = side  # grown to one side of a badge: its text from that side
            if role is Role.CLOSING and "body" not in boxes and "title" in boxes and ending is not None:
                ending(s, sample, shapes["title"], slide)  # no box for the closing's lines: the room below the title
            elif role is Role.CLOSING and "body" in boxes and ending is not None:
                ending(s, sample, shapes["body"], slide, grow=True)  # a one-line box: grown into the room below
            elif role is Role.TITLE and "title" in boxes and not {"subtitle", "byline"} & set(boxes) and ending is not None:
                ending(s, sample, shapes["title"], slide)  # a cover with its title box alone: the lines below it
                if "body" in s.boxes:
                    s.boxes["subtitle"], s.align["subtitle"] = s.boxes.pop("body"), s.align.pop("body")
        elif role is Role.CLOSING and cover_closing is not None and Role.TITLE.value in copied and (
                closing := cover_closing(copied[Role.TITLE.value], slide)) is not None:
            sample, s = copied[Role.TITLE.value], closing  # no ending page (谢谢, THANKS): the cover's design closes
        elif role is Role.CONTENT and (found := shell(samples, slide)) is not None:
            sample, title, box, region, cleared = found
            bar = stretched_bar(sample, title, box, slide)
            box = bar[0] if bar else box
            s = Slots(sample=sample.slide, shape_ids={"title": title.id}, boxes={"title": box, "body": region},
                      strip=((*region, 0.6), *cleared), text_like=text_like(sample, {title.id}, region),
                      resized={"title": (box, title.transform)} if _moved(box, title.box) or title.transform != NO_GROUP else {},
                      stretched=(bar[1],) if bar else ())
            if (side := one_side(title.box, box, title.align)) is not None:
                s.align["title"] = side
        else:
            continue
        s.scale, s.slide, s.sample_number = slide[1] / 540, slide, sample.index + 1
        out[role.value] = s
        copied[role.value] = sample
    if Role.CONTENT.value in out:
        _content_pages(out, wanted)
    for role_name, s in out.items():  # the kinds on the content page clear its body region: their title only
        _clear_pictures(s, copied.get(role_name) or copied[Role.CONTENT.value], slide,
                        names=None if role_name in copied else ("title",),
                        on_plate=role_name == Role.CONTENT.value or role_name not in copied)
    return out


def _plates_of_unused(sample: Sample, used: dict[str, TextShape], slide: tuple[float, float]) -> tuple[Region, ...]:
    """Regions clearing what goes with the sample texts a cover's or ending's copy does not use (`cleared_with`: a
    presenter's name's button, its underline): the empty plate would stay otherwise."""
    ids = {t.id for t in used.values()}
    kept: list[Rect] = []
    gone: list[Rect] = []
    for t in sample.texts:  # the texts it fills, its design words and part numbers stay (`designwords`)
        (kept if t.id in ids or DECOR.match(t.text) or renumber(t.text, 1) is not None else gone).append(t.box)
    return strip_regions(cleared_with(sample.drawn, gone, kept, slide), slide)


def _stored(sample: Sample, t: TextShape) -> Rect:
    """The box the sample's shape `t` has on the page (an ending's lines take the room around theirs)."""
    return next((u.box for u in sample.texts + sample.blanks if u.id == t.id), t.box)


def _cover_like(samples: list[Sample], slide: tuple[float, float]) -> Optional[Sample]:
    """The sample a section page is copied from when the template has none: its ending page when drawn like
    its cover, else its cover (each only when it has a title box)."""
    ending = pick(samples, Role.CLOSING, slide)
    cover = pick(samples, Role.TITLE, slide)
    if ending is not None and cover is not None and alike(ending, cover) and "title" in assign(ending, Role.SECTION, slide):
        return ending
    return cover if cover is not None and "title" in assign(cover, Role.SECTION, slide) else None


def _clear_pictures(s: Slots, sample: Sample, slide: tuple[float, float], names: Optional[tuple[str, ...]] = None,
                    on_plate: bool = False) -> None:
    """Cut the boxes of `s` back to the side of a drawing that covers part of them: the sample's own pictures,
    groups and shapes (not those cleared on the copy), its layout's and master's pictures (logos), and a logo
    drawn into the picture behind the page; when a cut on one side leaves it crossing another drawing, the
    largest room in the box clear of them all. A drawing behind the whole box (a plate) and what that plate
    is drawn over, a thin rule or one covering most of the page is no obstacle. With `on_plate` (a content
    page), a title whose sample line stands on a bar drawn into the picture behind the page, shorter than its
    box, is kept to the bar (`_on_plate`)."""
    from deckgen.render.backdrop import backdrop, ink
    from deckgen.render.room import obstacles

    w, h = slide
    layout = sample.slide.slide_layout  # type: ignore[attr-defined]
    drawn = solid(sample, slide)
    own = [b for b in drawn if min(b[2], b[3]) >= THIN and b[2] * b[3] < 0.25 * w * h and b[2] < 0.8 * w
           and b[3] < 0.8 * h and not any(share_inside(b, r[:4]) >= 0.6 and b[2] * b[3] < r[4] * w * h for r in s.strip)]
    pictures = own + obstacles(layout, slide, pictures_only=True)
    page = backdrop([sample.slide.part, layout.part, layout.slide_master.part], slide)  # type: ignore[attr-defined]
    for name, at in list(s.boxes.items()):
        if names is not None and name not in names:
            continue
        under = hidden(drawn, plate(at, drawn, 0.9 * w * h))  # what the box's plate covers is not seen
        blocks = [b for b in pictures if not holds(b, at) and b not in under] + (ink(page, at) if page is not None else [])
        cleared = clear_of(at, blocks) if blocks else at
        if any(share_inside(cleared, b) > 0.02 for b in blocks):  # cut back on one side, still crossing another
            free = largest_free(at, blocks)
            cleared = free if free[2] * free[3] >= FREE_KEEP * at[2] * at[3] and free[3] >= 0.5 * at[3] else cleared
        if on_plate and name == "title" and page is not None and name in s.shape_ids:
            cleared = _on_plate(cleared, page, next((t for t in sample.texts if t.id == s.shape_ids[name]), None))
        if cleared == at:
            continue
        s.uncut[name], s.boxes[name] = at, cleared
        if name in s.shape_ids:
            s.resized[name] = (cleared, s.resized[name][1] if name in s.resized else _transform_of(sample, s.shape_ids[name]))


def _on_plate(box: Rect, page: "Backdrop", title: Optional[TextShape]) -> Rect:
    """`box` kept to the bar drawn into the page's picture that the sample's title line stands on, when the bar
    ends inside the box (a one-line title bar under a box grown for two lines: a second line would stand on the
    page below the bar); the box as it is otherwise, or when the bar is too low for a line."""
    from deckgen.render.backdrop import plate_rows

    if title is None:
        return box
    x, y, w, h = title.box
    line = title.size * LINE_HEIGHT_EM
    probe = y + h / 2 if h <= 1.6 * line else y + 3.6 + 0.6 * title.size  # the middle of its first line
    rows = plate_rows(page, box, probe - box[1])
    if rows is None or rows[1] - rows[0] < max(PLATE_LEAST, 0.6 * title.size):  # a rule, not a bar to set a line on
        return box
    return box[0], rows[0], box[2], rows[1] - rows[0]


PLATE_LEAST = 18.0  # points: a bar lower than this (or than 0.6 of the sample title's size) holds no title line
FREE_KEEP = 0.3  # the room clear of every drawing in a box must keep this share of it
THIN = 4.0  # a drawing narrower than this (points) is a rule: text may cross it


def _transform_of(sample: Sample, shape_id: int) -> tuple[float, float, float, float]:
    return next((t.transform for t in sample.texts if t.id == shape_id), NO_GROUP)


def _content_pages(out: dict[str, Slots], wanted: dict[str, str]) -> None:
    """The kinds that take the content layout when a template has none of their own (cards, numbers, a
    chart, a table, a picture, a comparison…) take the content page instead: its design and its title, its
    body area cleared for what they draw."""
    from dataclasses import replace

    from deckgen.plan.kinds import BUILTIN, KINDS

    content = out[Role.CONTENT.value]
    body = content.boxes.get("body")
    for k in KINDS.values():
        chain, fallback = [], k.fallback
        while fallback is not None and fallback not in chain:
            chain.append(fallback)
            fallback = KINDS[fallback].fallback
        if k.role.value in out or k.role.value in wanted or Role.CONTENT not in chain:
            continue
        strip = content.strip + (((*body, 0.6),) if body and not any(r[:4] == body for r in content.strip) else ())
        out[k.role.value] = replace(content, shape_ids={"title": content.shape_ids["title"]}, strip=strip,
                                    resized={n: v for n, v in content.resized.items() if n == "title"},
                                    boxes={"title": content.boxes["title"], **({"body": body} if body else {}),
                                           **{spec.name: body for spec in k.slots  # a quotation: in the body's place
                                              if body and spec.name != "title" and spec.fallback == BUILTIN}})


def spread_title(slots: dict[str, TextShape], slide: tuple[float, float], sample: Optional[Sample] = None,
                 one_sided: bool = False) -> tuple[dict[str, Rect], tuple[Region, ...]]:
    """Boxes for the assigned shapes, and the regions to clear for them: each box is widened, along its
    alignment, as far as the page is free of text and large drawings (template boxes are often one-line
    boxes that grew with their sample text), made tall enough for two lines where there is room below it,
    and kept on the slide; small ornaments that followed the sample's short title are cleared."""
    out = {name: (grown(t, slots, slide, sample, one_sided and name == "title") if name in GROWN else _on_slide(t.box, slide))
           for name, t in slots.items()}
    title = slots.get("title")
    if title is None:
        return out, ()
    x, y, w, h = title.box
    ornaments = (x + 0.3 * w, y, out["title"][0] + out["title"][2] - x - 0.3 * w, h, 0.03)
    return out, (ornaments,)


PLATE_CHARS = 20  # a section title box holding fewer characters (two lines at 24 pt on a 540-pt-high slide) is a plate


def _capacity(box: Rect, slide: tuple[float, float]) -> int:
    """How many CJK characters `box` holds at 24 pt scaled to the slide (inset 7.2 pt each side)."""
    size = 24 * slide[1] / 540
    return int(max(0.0, box[2] - 14.4) // size) * int(max(0.0, box[3] - 7.2) // (size * 1.211))


def free_band(sample: Sample, shapes: dict[str, TextShape], slide: tuple[float, float]) -> Optional[Rect]:
    """The tallest band across the page (within 6 % margins) that no drawing (0.5–50 % of the slide) and no
    text the page keeps crosses, if it is roomier than the title plate: a section title set there."""
    w, h = slide
    area = w * h
    title = shapes.get("title")
    keep = [t.box for n, t in shapes.items() if n != "title"]
    blocks = sorted([b for b in sample.drawn if 0.005 * area <= b[2] * b[3] < 0.5 * area] + keep, key=lambda b: b[1])
    top, best = 0.06 * h, None
    for b in blocks + [(0.0, 0.94 * h, w, 0.0)]:
        if b[1] - 6 - top > (best[3] if best else 0):
            best = (0.06 * w, top, 0.88 * w, b[1] - 6 - top)
        top = max(top, b[1] + b[3] + 6)
    if best is None or title is None or _capacity(best, slide) <= 2 * _capacity(title.box, slide) or best[3] < 0.12 * h:
        return None
    return best


GROWN = ("title", "subtitle", "byline")  # the one-line boxes that grow; a body keeps its column, a label its badge


def _on_slide(box: Rect, slide: tuple[float, float]) -> Rect:
    """`box` cut back to the slide."""
    x, y = max(0.0, box[0]), max(0.0, box[1])
    return x, y, max(1.0, min(box[0] + box[2], slide[0]) - x), max(1.0, min(box[1] + box[3], slide[1]) - y)


def shell(samples: list[Sample], slide: tuple[float, float]) -> Optional[tuple[Sample, TextShape, Rect, Rect, tuple[Region, ...]]]:
    """For a template whose content pages are all infographics (cards, timelines, charts drawn in shapes):
    the simplest content page with a title near the top, its title shape, the title's box (widened, see
    `spread_title`), the region below the title to clear and hold the bullets (the page keeps its
    background, title bar and edge decorations), and the other regions to clear."""
    w, h = slide
    best = None
    for s in samples:
        if s.role is not Role.CONTENT or s.frames:
            continue
        title = assign(s, Role.CONTENT, slide).get("title")
        if title is None or title.box[1] > 0.3 * h or title.box[2] < 0.15 * w:
            continue
        boxes, cleared = spread_title({"title": title}, slide, s, one_sided=True)
        bottom = _two_lines(s, title.box[1], boxes["title"], min(boxes["title"][1] + boxes["title"][3],
                                                                  title.box[1] + 1.6 * title.box[3]), slide)
        top = bottom + 0.03 * h
        region = (0.06 * w, top, 0.88 * w, 0.9 * h - top)
        # panels and pictures reaching well outside the region stay: the text keeps clear of them (the region
        # below the sample's own title box decides, so a title box grown for two lines clears what it did)
        first = min(boxes["title"][1] + boxes["title"][3], title.box[1] + 1.6 * title.box[3]) + 0.03 * h
        sample_region = (0.06 * w, first, 0.88 * w, 0.9 * h - first)
        gone = drop_illustrations(s, samples, {"title": title}, {}, slide)
        staying = [b for b in s.drawn + [t.box for t in s.texts if t is not title]
                   if b[2] * b[3] < 0.6 * w * h and share_inside(b, sample_region) < 0.6 and share_inside(b, region) > 0
                   and not any(b == g[:4] for g in gone)]
        region = clear_of(region, staying, keep=0.3)
        box = (boxes["title"][0], boxes["title"][1], boxes["title"][2], top - 0.03 * h - boxes["title"][1])
        shapes = len(element(s.slide).find(f"{P}cSld/{P}spTree"))
        if region[3] > 0.4 * h and (best is None or shapes < best[0]):
            best = (shapes, s, title, box, region, (*cleared, (*sample_region, 0.6), *gone))  # what the sample's region held goes
    return None if best is None else best[1:]


TITLE_FLOOR = 28.0  # DESIGN.md's smallest slide title, on a slide 960 pt (13.33 in) wide


def two_line_height(slide: tuple[float, float]) -> float:
    """How tall a title box must be for two lines at the title floor scaled to the slide (insets included)."""
    from deckgen.text.metrics import LINE_HEIGHT_EM

    size = TITLE_FLOOR * min(slide[0] / 960, slide[1] / 540)
    return 2 * size * LINE_HEIGHT_EM + 7.2 + 0.16 * size


def _two_lines(s: Sample, y: float, box: Rect, bottom: float, slide: tuple[float, float]) -> float:
    """The bottom of a content page's title box made tall enough for two lines at the title floor (so a long
    title wraps rather than shrinks) when the page's room allows: no text, picture or filled shape that
    stays on the page (not in the body region cleared below) and that the title box does not already cross
    lies in the band it grows into, and a plate behind the title (a title bar) holds it."""
    w, h = slide
    need = y + two_line_height(slide)
    if bottom >= need:
        return bottom
    band = (box[0], bottom, box[2], need - bottom)
    region = (0.06 * w, need + 0.03 * h, 0.88 * w, 0.9 * h - need - 0.03 * h)
    blocks = [b for b in solid(s, slide) if b[2] * b[3] < 0.6 * w * h] + [t.box for t in s.texts if t.box[1] >= bottom - 1]
    if any(share_inside(b, band) > 0 and share_inside(b, region) < 0.6 and not share_inside(b, box) for b in blocks) or region[3] < 0.4 * h:
        return bottom
    if any(holds(b, box) and b[1] + b[3] < need for b in blocks):
        return bottom  # the title stands on a plate (a title bar): it stays on it
    return need


def solid(sample: Sample, slide: tuple[float, float]) -> list[Rect]:
    """The boxes of the sample's drawings that draw an area (pictures, groups, filled shapes): outlines (a
    triangle's edges) and lines are crossed like rules."""
    from deckgen.render.onpicture import _filled
    from deckgen.render.samples import _drawing

    tree = element(sample.slide).find(f"{P}cSld/{P}spTree")
    return [b for el in tree if _drawing(el) and _filled(el)
            and (b := (_group_box(el) if el.tag == f"{P}grpSp" else _box(el, NO_GROUP))) is not None]


NO_GROUP = (1.0, 1.0, 0.0, 0.0)  # the mapping of a shape that is in no group


def _moved(a: Rect, b: Rect) -> bool:
    return any(abs(p - q) > 0.5 for p, q in zip(a, b))
