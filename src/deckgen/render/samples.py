"""Sample-slide templates (the common Chinese 模板): recognise each sample slide's role (cover, contents,
section, content, ending) and the role of its text boxes, so slides of that role can be cloned from it."""
from __future__ import annotations

import re
from dataclasses import field, replace
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from deckgen.outline.typed import record
from deckgen.package import ns
from deckgen.outline.model import Role
from deckgen.render.phbox import inherited_size, inherited_xfrm, xfrm_points
from deckgen.render.pptx_api import element
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation as PresentationT

P = "{%s}" % ns.P
A = "{%s}" % ns.A
Rect = tuple[float, float, float, float]

TAG = r"\s*(?:#\w|\{\{|\$\{)"  # a template engine's tag (#content, {{title}}, ${name}): a prompt, not a word
AGENDA = re.compile(rf"^(?!{TAG})[\s\W_]*(?:目\s*录|contents?|catalog(?:ue)?|agenda|outline|(?:汇报)?提\s*纲|目\s*次)[\s\W_]*$", re.I)
# A page about the template itself (usage terms, a site's advertisement), never copied.
NOTICE = re.compile(r"PPT\s*模板|模板下载|模板使用|www\.|https?://|版权|授权|不可以|可以在下列|以下情况|素材来源|字体下载|"
                    r"font download|copyright|licen[cs]e", re.I)
CLOSING = re.compile(r"谢\s*谢|感谢|感激|感恩|致谢|thank|批评指正|敬请指导|再\s*见|the end", re.I)
SECTION = re.compile(r"part\s*0?\d|第\s*[一二三四五六七八九十\d]+\s*(?:部分|章|节|篇|单元)|^(?:one|two|three|four|five|six)$", re.I | re.M)
BYLINE = re.compile(r"汇报人|主讲人|答辩人|报告人|演讲人|指导(?:老师|教师)|时间|日期|20[0-9x]{2}|presenter|speaker|date", re.I)
PERSON = re.compile(r"汇报人|主讲人|答辩人|报告人|演讲人|姓名|presenter|speaker|name", re.I)
# Text that is the page's design, kept as it is: a heading word, a part or item number.
DECOR = re.compile(rf"^(?![\s*xX]*\*[\s*xX]*$|{TAG})" r"[\s\W_]*(?:目\s*录|contents?|catalog(?:ue)?|agenda|part\s*0?\d*|thanks?(?: you)?|谢\s*谢|感谢(?:聆听|观看)?|"
                   r"one|two|three|four|five|six|0?\d{1,2}|[ivx]{1,4})?[\s\W_]*$", re.I)


@record
class TextShape:
    """A shape of a sample slide that holds text: its `p:cNvPr` id, text, box on the slide (points),
    largest type size (points), and whether it is a placeholder."""

    id: int
    text: str
    box: Rect
    size: float
    placeholder: bool
    align: str = "l"  # its first paragraph's alignment (`l`, `ctr`, `r`, `just`…)
    transform: tuple[float, float, float, float] = (1.0, 1.0, 0.0, 0.0)  # its group's mapping onto the slide
    vertical: bool = False  # East Asian vertical text (`bodyPr/@vert`): lines run down, from right to left
    heading: bool = False  # the page's title placeholder (`ph` of type `title` or `ctrTitle`)

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3]


@record
class Sample:
    """One sample slide of a template: its position, role, text shapes and how much design it carries."""

    index: int
    slide: object  # the python-pptx Slide
    role: Optional[Role] = None
    texts: list[TextShape] = field(default_factory=list)
    decorations: int = 0
    frames: int = 0  # charts, diagrams, media: not cloned
    drawn: list[Rect] = field(default_factory=list)  # boxes of its pictures, groups and drawn shapes
    blanks: list[TextShape] = field(default_factory=list)  # its empty text boxes (sample text stripped)
    layout: object = None  # the part of its layout
    rounds: list[Rect] = field(default_factory=list)  # the boxes in `drawn` of its ellipses (a circle a title stands on)
    opaque: list[Rect] = field(default_factory=list)  # the boxes in `drawn` that draw an area (filled, pictures, groups)
    hidden: bool = False  # hidden in the slide show (`p:sld/@show` false): a template's notes or advertisements

    @property
    def words(self) -> str:
        return " ".join(t.text for t in self.texts)


def _transform(grp: "_Element", parent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The (scale x, scale y, shift x, shift y) mapping a group's child coordinates onto the slide."""
    sx, sy, dx, dy = parent
    x = grp.find(f"{P}grpSpPr/{A}xfrm")
    if x is None:
        return parent
    off, ext, choff, chext = (x.find(f"{A}{n}") for n in ("off", "ext", "chOff", "chExt"))
    if None in (off, ext, choff, chext):
        return parent
    try:
        kx = int(ext.get("cx")) / max(1, int(chext.get("cx")))
        ky = int(ext.get("cy")) / max(1, int(chext.get("cy")))
        ox, oy = int(off.get("x")) - int(choff.get("x")) * kx, int(off.get("y")) - int(choff.get("y")) * ky
    except (TypeError, ValueError):
        return parent
    return sx * kx, sy * ky, dx + sx * ox, dy + sy * oy


def _box(sp: "_Element", t: tuple[float, float, float, float], inherited: Sequence[Optional["_Element"]] = ()) -> Optional[Rect]:
    """The box of `sp` on the slide (points) through its group's mapping `t`; a placeholder without a box of its
    own has the box of the layout or master placeholder it inherits from (`inherited`: the layout, the master)."""
    x = inherited_xfrm(sp, inherited)
    if x is None:
        return None
    off, ext = x.find(f"{A}off"), x.find(f"{A}ext")
    if off is None or ext is None:
        return None
    sx, sy, dx, dy = t
    try:
        return ((dx + sx * int(off.get("x"))) / EMU_PER_PT, (dy + sy * int(off.get("y"))) / EMU_PER_PT,
                sx * int(ext.get("cx")) / EMU_PER_PT, sy * int(ext.get("cy")) / EMU_PER_PT)
    except (TypeError, ValueError):
        return None


def text_shapes(tree: "_Element", t: tuple[float, float, float, float] = (1.0, 1.0, 0.0, 0.0),
                empty: bool = False, inherited: Sequence[Optional["_Element"]] = ()) -> Iterator[tuple["_Element", TextShape]]:
    """Every shape with text in a shape tree, groups included (their coordinates mapped onto the slide); with
    `empty`, every empty text box instead (a template whose sample text was stripped: its type size is the
    size its empty paragraph is set in). A placeholder without a box of its own is where its layout's or
    master's is (`inherited`), else skipped."""
    for child in tree:
        if child.tag == f"{P}grpSp":
            yield from text_shapes(child, _transform(child, t), empty, inherited)
        elif child.tag == f"{P}sp":
            body = child.find(f"{P}txBody")
            text = "\n".join("".join(r.text or "" for r in p.iter(f"{A}t")) for p in body.iter(f"{A}p")) if body is not None else ""
            box = _box(child, t, inherited)
            if bool(text.strip()) == empty or box is None or (empty and not _text_box(child)):
                continue
            upright = turned(child)
            if upright:  # vertical text in a box turned a quarter reads across: the box as it shows
                box = (box[0] + box[2] / 2 - box[3] / 2, box[1] + box[3] / 2 - box[2] / 2, box[3], box[2])
            sizes = [int(r.get("sz")) / 100 for r in child.iter(f"{A}rPr", f"{A}endParaRPr", f"{A}defRPr") if (r.get("sz") or "").isdigit()]
            if not sizes and (own := inherited_size(child, inherited)) is not None:
                sizes = [own]  # a placeholder's text: the size its layout's or master's style sets
            cnv = child.find(f"{P}nvSpPr/{P}cNvPr")
            ph = child.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            ppr = body.find(f"{A}p/{A}pPr") if body is not None else None
            yield child, TextShape(int(cnv.get("id", "0")) if cnv is not None and (cnv.get("id") or "").isdigit() else 0,
                                   text.strip(), box, max(sizes, default=18.0), ph is not None,
                                   (ppr.get("algn") if ppr is not None else None) or "l", t, vertical(child) and not upright,
                                   ph is not None and ph.get("type") in ("title", "ctrTitle"))


def _text_box(sp: "_Element") -> bool:
    """An unseen text box: marked as one (`txBox`), no placeholder, no fill of its own."""
    box = sp.find(f"{P}nvSpPr/{P}cNvSpPr")
    sp_pr = sp.find(f"{P}spPr")
    return (box is not None and box.get("txBox") in ("1", "true") and sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None
            and not any(sp_pr is not None and sp_pr.find(f"{A}{f}") is not None for f in ("solidFill", "gradFill", "blipFill", "pattFill")))


def vertical(sp: "_Element") -> bool:
    """Whether a shape sets its text vertically (`eaVert`, `vert`, `vert270`…: lines run down the box)."""
    body_pr = sp.find(f"{P}txBody/{A}bodyPr")
    return body_pr is not None and body_pr.get("vert", "horz") not in ("horz", "wordArtVert")


def turned(sp: "_Element") -> bool:
    """Whether `sp` sets its text vertically in a box turned a quarter (`rot` 90° or 270°): its lines read across
    the slide (a Latin `Lab1` set so on a cover)."""
    xfrm = sp.find(f"{P}spPr/{A}xfrm")
    return xfrm is not None and xfrm.get("rot") in ("5400000", "16200000") and vertical(sp)


def make_upright(sp: "_Element") -> None:
    """Set a `turned` shape as the horizontal box it shows as: no turn, lines across, the same place."""
    xfrm = sp.find(f"{P}spPr/{A}xfrm")
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    x, y, w, h = (int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0")))
    del xfrm.attrib["rot"]
    off.set("x", str(x + w // 2 - h // 2))
    off.set("y", str(y + h // 2 - w // 2))
    ext.set("cx", str(h))
    ext.set("cy", str(w))
    sp.find(f"{P}txBody/{A}bodyPr").set("vert", "horz")


def _decorations(tree: "_Element") -> tuple[int, int]:
    n = frames = 0
    for child in tree:
        tag = child.tag.replace(P, "")
        if tag == "graphicFrame":
            frames += 1
        if tag in ("pic", "grpSp", "cxnSp") or (tag == "sp" and child.find(f".//{P}ph") is None):
            n += 1
    return n, frames


def _drawing(el: "_Element") -> bool:
    """A picture, group, connector or drawn shape without text (not a placeholder)."""
    if el.tag == f"{P}grpSp":  # a group holding text is text (its boxes are read one by one), not a plate
        return not any((t.text or "").strip() for t in el.iter(f"{A}t"))
    if el.tag in (f"{P}pic", f"{P}cxnSp"):
        return True
    if el.tag != f"{P}sp" or el.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None:
        return False
    return not "".join(el.itertext()).strip()


def _round(sp: "_Element") -> bool:
    """A shape drawn as an ellipse (a circle): text on it keeps within its curve."""
    geom = sp.find(f"{P}spPr/{A}prstGeom")
    return geom is not None and geom.get("prst") in ("ellipse", "flowChartConnector")


def layout_chain(slide: object) -> tuple[Optional["_Element"], Optional["_Element"]]:
    """The layout and master elements a slide's placeholders inherit their boxes from."""
    try:
        layout = slide.slide_layout  # type: ignore[attr-defined]
        return element(layout), element(layout.slide_master)
    except (AttributeError, KeyError):
        return None, None


def read_samples(prs: "PresentationT") -> list[Sample]:
    """The template's own slides as samples, with their text shapes and decorations (roles not yet known)."""
    from deckgen.render.onpicture import _filled

    out = []
    for i, slide in enumerate(prs.slides):
        tree = element(slide).find(f"{P}cSld/{P}spTree")
        if tree is None:
            continue
        decor, frames = _decorations(tree)
        bg = element(slide).find(f"{P}cSld/{P}bg")
        decor += 1 if bg is not None else 0
        drawn = [b for child in tree if _drawing(child)
                 and (b := (_group_box(child) if child.tag == f"{P}grpSp" else _box(child, (1.0, 1.0, 0.0, 0.0)))) is not None]
        texts = [t for _, t in text_shapes(tree, inherited=layout_chain(slide))]
        rounds = [b for child in tree if child.tag == f"{P}sp" and _drawing(child) and _round(child)
                  and (b := _box(child, (1.0, 1.0, 0.0, 0.0))) is not None]
        opaque = [b for child in tree if _drawing(child) and _filled(child)
                  and (b := (_group_box(child) if child.tag == f"{P}grpSp" else _box(child, (1.0, 1.0, 0.0, 0.0)))) is not None]
        out.append(Sample(i, slide, None, texts, decor, frames, drawn,
                          [t for _, t in text_shapes(tree, empty=True)], slide.slide_layout.part, rounds, opaque,
                          element(slide).get("show") in ("0", "false")))
    return out


def assign(sample: Sample, role: Role, slide: tuple[float, float]) -> dict[str, TextShape]:
    """Which text shape of `sample` takes which text of a slide of `role`: the title (the largest type,
    near the top for content pages), the body (the largest box below it), the section label (a part or
    item number), the cover's subtitle and byline (汇报人, 日期). Missing slots are absent."""
    w, h = slide
    texts = [t for t in sample.texts if t.box[2] > 0.04 * w]
    out: dict[str, TextShape] = {}
    label = None
    if role is Role.SECTION:
        label = next((t for t in sorted(texts, key=lambda t: -t.size) if SECTION.search(t.text) or DECOR.match(t.text)
                      and re.search(r"\d|one|two|three|four|five|six", t.text, re.I)), None)
    words = [t for t in texts if t is not label and not DECOR.match(t.text)]
    if role in (Role.CONTENT, Role.STATEMENT):  # the page's title placeholder, when it holds its heading, is its title
        top = [t for t in words if t.box[1] < 0.35 * h] or words
        top = [t for t in top if t.heading] or top
    elif role is Role.AGENDA:
        top = [t for t in texts if AGENDA.match(t.text)] or words
    else:
        top = [t for t in words if not BYLINE.search(t.text)] or words
    title = max(top, key=lambda t: (t.size, t.area), default=None)
    if title is not None and role is Role.TITLE and BYLINE.search(title.text) and len(title.text) <= 12:
        title = None  # a cover whose largest text is its date: no title box to use
    if title is not None:
        out["title"] = title
    if label is not None:
        out["label"] = label
    rest = [t for t in words if t is not title and t is not label]
    if role in (Role.CONTENT, Role.STATEMENT, Role.CLOSING):
        below = [t for t in rest if title is None or t.box[1] >= title.box[1]]
        body = max(below, key=lambda t: t.area, default=None)
        if body is not None and body.area >= (0.08 if role is Role.CONTENT else 0.03) * w * h:
            out["body"] = body
        elif role is Role.CLOSING and title is not None:
            lines = _lines_together(rest, title, w * h)
            if lines is not None:
                out["body"] = lines
    if role is Role.TITLE:
        # a line in larger type than the title (a display year, `20XX` at 88 pt) is no byline
        by = sorted((t for t in rest if BYLINE.search(t.text) and (title is None or t.size <= title.size)),
                    key=lambda t: (not PERSON.search(t.text), -t.area))
        if by:
            out["byline"] = by[0]
        sub = [t for t in rest if t is not out.get("byline") and t.area > 0]
        if sub:
            out["subtitle"] = max(sub, key=lambda t: (t.size, t.area))
        low = [t for t in sub if "byline" not in out and t.box[1] >= out["subtitle"].box[1] + out["subtitle"].box[3] - 1]
        if low:  # no line says 汇报人 or 日期: the next line below the subtitle takes presenter and date
            out["byline"] = min(low, key=lambda t: t.box[1])
    if not out and role in (Role.TITLE, Role.SECTION, Role.CLOSING):
        out = _blank_slots(sample, role, slide)
    return out


def _lines_together(rest: list[TextShape], title: TextShape, area: float) -> Optional[TextShape]:
    """An ending page's own short lines standing together clear of its title (感谢… under one another, each box
    too small alone): the largest of them, its box their bounding box, where the closing's lines go."""
    x, y, w, h = title.box
    group = [t for t in rest if not (t.box[0] < x + w and t.box[0] + t.box[2] > x and t.box[1] < y + h and t.box[1] + t.box[3] > y)
             and not t.vertical]
    if len(group) < 2:
        return None
    x0, y0 = min(t.box[0] for t in group), min(t.box[1] for t in group)
    x1, y1 = max(t.box[0] + t.box[2] for t in group), max(t.box[1] + t.box[3] for t in group)
    union = (x0, y0, x1 - x0, y1 - y0)
    if union[2] * union[3] < 0.03 * area or (union[0] < x + w and x0 + union[2] > x and y0 < y + h and y0 + union[3] > y):
        return None
    return replace(max(group, key=lambda t: t.area), box=union)


def _blank_slots(sample: Sample, role: Role, slide: tuple[float, float]) -> dict[str, TextShape]:
    """The slots of a cover, section or ending page whose sample text was stripped, in its empty text boxes: the
    title in the one of the largest type among those a third of the page wide, a cover's subtitle in the next
    such box below it and its byline in the first box below that; an ending's lines across the boxes below
    its title (their bounding box, as wide as the title, down to the next drawing)."""
    w, h = slide
    blanks = [t for t in sample.blanks if t.box[2] > 0.04 * w]
    wide = [t for t in blanks if t.box[2] >= 0.3 * w]
    if not wide:
        return {}
    title = max(wide, key=lambda t: (t.size, t.area))
    out = {"title": title}
    rest = sorted((t for t in blanks if t is not title and t.box[1] >= title.box[1] + title.box[3] - 1),
                  key=lambda t: (t.box[1], t.box[0]))
    if role is Role.TITLE:
        sub = [t for t in rest if t.box[2] >= 0.3 * w]
        if sub:
            out["subtitle"] = max(sub, key=lambda t: (t.size, t.area))
            rest = [t for t in rest if t.box[1] >= out["subtitle"].box[1] + out["subtitle"].box[3] - 1]
        if rest:
            out["byline"] = rest[0]
    elif role is Role.CLOSING and rest:
        x0, y0 = min(t.box[0] for t in rest), min(t.box[1] for t in rest)
        x1 = max([t.box[0] + t.box[2] for t in rest] + [title.box[0] + title.box[2]])
        y1 = max(t.box[1] + t.box[3] for t in rest)
        below = [b[1] for b in sample.drawn if b[1] >= y1 and b[0] < x1 and b[0] + b[2] > x0
                 and not any(all(abs(p - q) <= 1 for p, q in zip(b, t.box)) for t in blanks)]
        y1 = max(y1, min(below + [0.9 * h]) - 6)
        first = rest[0]
        out["body"] = TextShape(first.id, "", (x0, y0, x1 - x0, y1 - y0), first.size, False, first.align, first.transform)
    return out


def content_fitness(sample: Sample, slide: tuple[float, float]) -> float:
    """How well a content page suits bullets: a title and one large body box, few other text boxes, no
    charts or diagrams (which are not cloned)."""
    slots = assign(sample, Role.CONTENT, slide)
    if "title" not in slots or "body" not in slots:
        return -1.0
    w, h = slide
    title = slots["title"]
    if title.box[2] < 0.2 * w or title.box[1] > 0.35 * h:
        return -1.0  # a title badge or caption, not a page title
    others = sum(1 for t in sample.texts if not DECOR.match(t.text)) - 2
    pictures = sum(b[2] * b[3] for b in sample.drawn) / (w * h)
    return slots["body"].area / (w * h) - 0.05 * others - 0.5 * sample.frames - 0.5 * max(0.0, pictures - 0.25)


def pick(samples: list[Sample], role: Role, slide: tuple[float, float]) -> Optional[Sample]:
    """The sample slide to clone for slides of `role`, or None when no sample suits it."""
    mine = [s for s in samples if s.role is role and s.frames == 0]
    if role is Role.CONTENT:
        ranked = sorted(mine, key=lambda s: -content_fitness(s, slide))
        return ranked[0] if ranked and content_fitness(ranked[0], slide) > 0 else None
    for s in mine:
        if "title" in assign(s, role, slide):
            return s
    return None


def shape_by_id(tree: "_Element", shape_id: int) -> Optional["_Element"]:
    """The `p:sp` of a shape tree (groups included) whose `cNvPr/@id` is `shape_id`."""
    for sp in tree.iter(f"{P}sp"):
        cnv = sp.find(f"{P}nvSpPr/{P}cNvPr")
        if cnv is not None and cnv.get("id") == str(shape_id):
            return sp
    return None


def _group_box(grp: "_Element") -> Optional[Rect]:
    return xfrm_points(grp.find(f"{P}grpSpPr/{A}xfrm"))
