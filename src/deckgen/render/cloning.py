"""Slides copied from a template's sample slides: which sample serves each role, which of its boxes take
which text, what to clear on the copy, and part numbers made the section's own."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from deckgen.outline.model import Role
from deckgen.render.layouts import Slots
from deckgen.render.pptx_api import element
from deckgen.render.room import clear_of
from deckgen.render.samples import (DECOR, P, Rect, Sample, TextShape, _box, _group_box, assign,
                                    classify, design_on_slides, pick, read_samples)

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation as PresentationT

Region = tuple[float, float, float, float, float]  # x, y, w, h, and the largest share of the slide cleared there
SAMPLE_ROLES = (Role.TITLE, Role.AGENDA, Role.SECTION, Role.CONTENT, Role.CLOSING)


def sample_slots(prs: "PresentationT", slide: tuple[float, float], wanted: dict[str, str]) -> dict[str, Slots]:
    """Slots on the template's sample slides for the roles whose design is there (a 模板's cover, contents,
    section, content and ending pages): which sample to copy and which of its text boxes takes which text;
    roles the user gave a layout keep it. Empty when the design is not on the sample slides."""
    samples = read_samples(prs)
    classify(samples)
    out: dict[str, Slots] = {}
    if not design_on_slides(samples):
        return out
    for role in SAMPLE_ROLES:
        if role.value in wanted:
            continue
        sample = pick(samples, role, slide)
        if role is Role.AGENDA and sample is not None:
            heading = assign(sample, role, slide).get("title")
            region = item_region(sample, heading, slide)
            if heading is None or region is None:
                continue
            s = Slots(sample=sample.slide, shape_ids={"title": heading.id}, boxes={"title": heading.box, "body": region},
                      strip=((*region, 0.6),), text_like=text_like(sample, {heading.id}, region))
        elif sample is not None:
            shapes = assign(sample, role, slide)
            if "label" in shapes and renumber(shapes["label"].text, 1) is not None:
                del shapes["label"]  # the page's own number (PART 01, 第一部分) is renumbered for each section
            boxes, cleared = (spread_title(shapes, slide, sample) if role in (Role.CONTENT, Role.SECTION)
                              else ({n: t.box for n, t in shapes.items()}, ()))
            s = Slots(sample=sample.slide, shape_ids={name: t.id for name, t in shapes.items()}, boxes=boxes, strip=cleared)
        elif role is Role.CONTENT and (found := shell(samples, slide)) is not None:
            sample, title, box, region, cleared = found
            s = Slots(sample=sample.slide, shape_ids={"title": title.id}, boxes={"title": box, "body": region},
                      strip=((*region, 0.6), *cleared), text_like=text_like(sample, {title.id}, region))
        else:
            continue
        s.scale, s.slide, s.sample_number = slide[1] / 540, slide, sample.index + 1
        out[role.value] = s
    return out


def spread_title(slots: dict[str, TextShape], slide: tuple[float, float], sample: Optional[Sample] = None,
                 ) -> tuple[dict[str, Rect], tuple[Region, ...]]:
    """Boxes for the assigned shapes, and the regions to clear for them: a title box of a content or section
    page is widened to the right as far as the page is free of text and large drawings (template titles are
    often one-line boxes that grow with their text; small ornaments that followed the sample's short title
    are cleared), and made tall enough for two lines where there is room below it."""
    out = {name: t.box for name, t in slots.items()}
    title = slots.get("title")
    if title is None:
        return out, ()
    x, y, w, h = title.box
    area = slide[0] * slide[1]
    blocks = [t.box for t in (sample.texts if sample else slots.values()) if t is not title]
    blocks += [b for b in (sample.drawn if sample else []) if 0.02 * area <= b[2] * b[3] < 0.5 * area]
    right = [b[0] for b in blocks if b[0] >= x + w - 1 and b[1] < y + h and b[1] + b[3] > y]
    # a box drawn behind the title (a title bar, a label plate) bounds it
    behind = [b for b in (sample.drawn if sample else []) if b[2] * b[3] < 0.3 * area and b[0] <= x + 1
              and b[1] <= y + 1 and b[0] + b[2] >= x + w - 1 and b[1] + b[3] >= y + h - 1]
    right += [b[0] + b[2] + 6 - 4 for b in behind]
    width = max(w, min(right, default=0.94 * slide[0]) - 6 - x)
    below = [t.box[1] for n, t in slots.items() if n != "title" and t.box[1] > y]
    below += [b[1] for b in blocks if b[1] > y + h - 1 and b[0] < x + width and b[0] + b[2] > x]
    below += [b[1] + b[3] + 4 - 2 for b in behind]
    limit = min(below, default=slide[1] * 0.9) - 4
    out["title"] = (x, y, width, max(h, min(2.2 * h, limit - y)))
    ornaments = (x + 0.3 * w, y, width - 0.3 * w, h, 0.03)  # small shapes that followed the sample's title
    return out, (ornaments,)


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
        boxes, cleared = spread_title({"title": title}, slide, s)
        top = min(boxes["title"][1] + boxes["title"][3], title.box[1] + 1.6 * title.box[3]) + 0.03 * h
        region = (0.06 * w, top, 0.88 * w, 0.9 * h - top)
        # panels and pictures reaching well outside the region stay: the text keeps clear of them
        staying = [b for b in s.drawn + [t.box for t in s.texts if t is not title]
                   if b[2] * b[3] < 0.6 * w * h and _inside(b, region) < 0.6 and _inside(b, region) > 0]
        region = clear_of(region, staying, keep=0.3)
        box = (boxes["title"][0], boxes["title"][1], boxes["title"][2], top - 0.03 * h - boxes["title"][1])
        shapes = len(element(s.slide).find(f"{P}cSld/{P}spTree"))
        if region[3] > 0.4 * h and (best is None or shapes < best[0]):
            best = (shapes, s, title, box, region, cleared)
    return None if best is None else best[1:]


def _inside(box: Rect, region: Rect) -> float:
    """The share of `box` that lies inside `region`."""
    dx = min(box[0] + box[2], region[0] + region[2]) - max(box[0], region[0])
    dy = min(box[1] + box[3], region[1] + region[3]) - max(box[1], region[1])
    return dx * dy / (box[2] * box[3]) if dx > 0 and dy > 0 and box[2] * box[3] > 0 else 0.0


def strip(tree: "_Element", region: Region, slide: tuple[float, float],
          keep: frozenset[int] = frozenset()) -> None:
    """Remove from a shape tree what lies in `region` (x, y, w, h: most of its box inside) and covers less
    than its last value's share of the slide (larger shapes are backgrounds), but the shapes whose ids are
    in `keep`."""
    w, h = slide
    share = region[4]
    for child in list(tree):
        if child.tag not in (f"{P}sp", f"{P}pic", f"{P}grpSp", f"{P}graphicFrame", f"{P}cxnSp"):
            continue
        cnv = child.find(f".//{P}cNvPr")
        if cnv is not None and (cnv.get("id") or "").isdigit() and int(cnv.get("id")) in keep:
            continue
        box = _box(child, (1.0, 1.0, 0.0, 0.0)) if child.tag != f"{P}grpSp" else _group_box(child)
        if box is None or box[2] * box[3] >= share * w * h:
            continue
        if _inside(box, region[:4]) >= 0.6:
            tree.remove(child)


def text_like(sample: Sample, used: set[int], region: Optional[Rect] = None) -> Optional[int]:
    """The id of the sample's text shape whose look suits text added in `region`: its largest text box not
    already used that lies mostly in the region (the page's own body copy there), so bullets read like
    the page's text on that background; None when there is none (the theme's text colour then)."""
    rest = [t for t in sample.texts if t.id not in used and not DECOR.match(t.text)
            and (region is None or _inside(t.box, region) >= 0.5)]
    return max(rest, key=lambda t: t.area).id if rest else None


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def renumber(text: str, n: int) -> Optional[str]:
    """`text` (a part or item number of a sample page: `01`, `ONE`, `PART 01`, `第一部分`, `II`) made the
    `n`-th in the same form, or None when it is no such number."""
    from deckgen.text.numerals import chinese_number

    s = text.strip()
    m = re.fullmatch(r"(part\s*)?(\d{1,2})", s, re.I)
    if m:
        digits = m.group(2)
        return (m.group(1) or "") + str(n).zfill(len(digits))
    if s.lower() in _WORDS and n < len(_WORDS):
        word = _WORDS[n]
        return word.upper() if s.isupper() else (word.title() if s[:1].isupper() else word)
    if s.upper() in _ROMAN[1:] and n < len(_ROMAN) and s.isupper():
        return _ROMAN[n]
    m = re.fullmatch(r"第\s*[一二三四五六七八九十]+\s*(部分|章|节|篇|单元)", s)
    if m:
        return f"第{chinese_number(n)}{m.group(1)}"
    return None


def item_region(sample: Sample, title: Optional[TextShape], slide: tuple[float, float]) -> Optional[Rect]:
    """The region a contents page's items take (their text boxes' bounding box), to clear and hold the
    section list; None when the items are too few or small for that."""
    w, h = slide
    items = [t for t in sample.texts if t is not title and not DECOR.match(t.text) and t.box[1] > 0.05 * h]
    if len(items) < 2:
        return None
    x0 = min(t.box[0] for t in items)
    y0 = min(t.box[1] for t in items)
    x1 = max(t.box[0] + t.box[2] for t in items)
    y1 = max(t.box[1] + t.box[3] for t in items)
    region = (x0, y0, x1 - x0, y1 - y0)
    return region if region[2] * region[3] >= 0.12 * w * h and region[2] >= 0.25 * w else None
