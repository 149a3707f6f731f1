"""Sample decks whose sample text was stripped (empty text boxes on a designed cover and ending), a cover with a
line of fine print, a number badge on content pages: the cover, section and closing slides still wear the
template's design."""
from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.sampleroles import classify
from deckgen.render.samples import read_samples
from deckgen.outline.model import Role
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _texts


def _plate(slide, x, y, w, h, name="Plate"):  # type: ignore[no-untyped-def]
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0x9B, 0x11, 0x1E)
    return shape


def _empty(slide, x, y, w, h, size):  # type: ignore[no-untyped-def]
    """An empty text box whose empty paragraph is set white at `size` points (the sample text stripped)."""
    from lxml import etree

    tb = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    end = tb.text_frame.paragraphs[0]._p.get_or_add_endParaRPr()
    end.set("sz", str(size * 100))
    fill = etree.SubElement(end, "{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill")
    etree.SubElement(fill, "{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr", val="FFFFFF")
    return tb


def stripped_template(path: Path, *, badge: bool = False, fine_print: bool = False) -> Path:
    """A red sample deck: a cover and an ending drawn alike (a full-bleed plate, a logo), their text boxes
    empty; a contents page and a content page with prompts; no section page."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _plate(cover, 0, 0, 960, 540), _plate(cover, 20, 20, 200, 60, "Logo")
    _empty(cover, 60, 170, 830, 100, 40), _empty(cover, 60, 280, 640, 46, 32), _empty(cover, 70, 380, 180, 30, 18)
    if fine_print:
        _box(cover, 70, 500, 600, 20, "标识素材来源：某大学视觉形象识别系统", 8)
    agenda = prs.slides.add_slide(blank)
    _plate(agenda, 0, 0, 300, 540, "Panel")
    _box(agenda, 40, 220, 220, 60, "目录", 40)
    for i in range(4):
        _box(agenda, 360, 80 + 100 * i, 60, 40, f"0{i + 1}", 28)
        _box(agenda, 440, 80 + 100 * i, 420, 40, "单击此处添加目录标题", 20)
    for _ in range(2):
        content = prs.slides.add_slide(blank)
        _plate(content, 0, 0, 960, 90, "Bar"), _plate(content, 880, 470, 60, 50, "Corner")
        if badge:
            _box(content, 30, 30, 50, 45, "2", 28)
        _box(content, 100, 20, 500, 50, "单击此处添加标题", 28)
        _box(content, 60, 130, 840, 320, "单击此处添加文本内容，建议您在展示时采用微软雅黑字体，" * 3, 20)
    if badge:  # a page of cards whose words were stripped: only its badge is left
        cards = prs.slides.add_slide(blank)
        _plate(cards, 0, 0, 960, 90, "Bar"), _plate(cards, 100, 150, 300, 300, "Card")
        _box(cards, 30, 30, 50, 45, "2", 28)
    ending = prs.slides.add_slide(blank)
    _plate(ending, 0, 0, 960, 540), _plate(ending, 20, 20, 200, 60, "Logo")
    _empty(ending, 54, 200, 850, 95, 72), _empty(ending, 70, 370, 180, 30, 18), _empty(ending, 270, 370, 230, 30, 18)
    prs.save(str(path))
    return path


def _plated(slide) -> bool:  # type: ignore[no-untyped-def]
    return any(sh.name == "Plate" and sh.width >= Pt(900) for sh in slide.shapes)


def test_a_stripped_cover_ending_and_sections_wear_the_templates_design(tmp_path: Path) -> None:
    template = stripped_template(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    slides = list(Presentation(str(out)).slides)
    cover, closing = slides[0], slides[-1]
    assert _plated(cover) and any(sh.name == "Logo" for sh in cover.shapes)
    title = cover.shapes.title
    assert title is not None and "坚定不移推动高质量发展" in title.text_frame.text
    assert abs(title.top - Pt(170)) < Pt(2)  # the sample's empty title box, not a layout's placeholder
    assert "区委理论学习中心组" in _texts(cover)
    sections = [s for s in slides if re.match(r"[一二三]、", s.shapes.title.text_frame.text if s.shapes.title else "")]
    assert len(sections) == 3 and all(_plated(s) for s in sections)
    assert _plated(closing) and "砥砺奋进正当时" in _texts(closing)
    assert "为全区高质量发展提供坚强保障" in re.sub(r"\s", "", _texts(closing))  # the closing lines too
    assert len(slides) == result.slides
    assert_valid_template_deck(template, out)


def test_fine_print_does_not_make_the_cover_a_notice(tmp_path: Path) -> None:
    prs = Presentation(str(stripped_template(tmp_path / "t.pptx", fine_print=True)))
    samples = read_samples(prs)
    classify(samples)
    assert samples[0].role is Role.TITLE


def test_a_badge_repeated_on_content_pages_is_no_section_number(tmp_path: Path) -> None:
    prs = Presentation(str(stripped_template(tmp_path / "t.pptx", badge=True)))
    samples = read_samples(prs)
    classify(samples)
    assert [s.role for s in samples] == [Role.TITLE, Role.AGENDA, Role.CONTENT, Role.CONTENT, Role.CONTENT, Role.CLOSING]


def test_a_cover_title_does_not_grow_down_over_the_rule_under_it(tmp_path: Path) -> None:
    """An accent line under a cover's title (a small drawing, 150 × 4 pt) bounds the room the title grows into:
    a second line would be set across it."""
    from deckgen.render.cloning import spread_title
    from deckgen.render.samples import assign

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _plate(cover, 0, 0, 60, 540, "Band")
    _box(cover, 100, 180, 600, 50, "论文题目：在此填写研究课题名称", 30)
    _plate(cover, 100, 240, 150, 4, "Rule")
    path = tmp_path / "cover.pptx"
    prs.save(str(path))
    sample = read_samples(Presentation(str(path)))[0]
    shapes = assign(sample, Role.TITLE, (960, 540))
    boxes, _ = spread_title(shapes, (960, 540), sample)
    x, y, w, h = boxes["title"]
    assert y + h <= 240 and w > 600  # it grows along the line, not down across the rule
