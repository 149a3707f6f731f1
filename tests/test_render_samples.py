"""Sample-slide templates (模板): the design on the sample slides is copied onto every slide of its role,
the lecture's text in the sample's text boxes, sample text cleared, part numbers renumbered."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from deckgen.render.cloning import renumber
from tests.conftest import OUTLINE, assert_valid_template_deck

PROMPT = re.compile(r"单击此处|点击此处|添加标题|请输入|Lorem")


def _box(slide, x, y, w, h, text, size=18):  # type: ignore[no-untyped-def]
    tb = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    tb.text_frame.text = text
    for p in tb.text_frame.paragraphs:
        for r in p.runs:
            r.font.size = Pt(size)
    return tb


def _deco(slide, x, y, w, h):  # type: ignore[no-untyped-def]
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
    shape.name = "Deco"
    return shape


def sample_template(path: Path, *, infographic: bool = False) -> Path:
    """A template-site deck: blank layouts, the design and the text on five kinds of sample slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _deco(cover, 0, 0, 960, 120), _deco(cover, 0, 480, 960, 60)
    _box(cover, 100, 200, 760, 80, "年度工作汇报模板", 44)
    _box(cover, 100, 300, 760, 40, "单击此处添加副标题", 20)
    _box(cover, 100, 360, 400, 30, "汇报人：XXX   时间：20XX", 14)
    agenda = prs.slides.add_slide(blank)
    _deco(agenda, 0, 0, 300, 540)
    _box(agenda, 40, 220, 220, 60, "目录", 40)
    for i in range(4):
        _box(agenda, 360, 80 + 100 * i, 60, 40, f"0{i + 1}", 28)
        _box(agenda, 440, 80 + 100 * i, 420, 40, "单击此处添加目录标题", 20)
    for n in (1, 2):
        section = prs.slides.add_slide(blank)
        _deco(section, 380, 120, 200, 200)
        _box(section, 400, 160, 160, 60, f"PART 0{n}", 32)
        _box(section, 200, 350, 560, 60, "单击此处添加章节标题", 32)
    content = prs.slides.add_slide(blank)
    _deco(content, 0, 0, 960, 90), _deco(content, 880, 470, 60, 50)
    _box(content, 40, 20, 500, 50, "单击此处添加标题", 28)
    if infographic:
        for i in range(3):
            _deco(content, 60 + 290 * i, 150, 260, 260)
            _box(content, 80 + 290 * i, 170, 220, 40, "添加标题", 20)
            _box(content, 80 + 290 * i, 220, 220, 150, "单击此处添加文字内容", 14)
    else:
        _box(content, 60, 130, 840, 320, "单击此处添加文本内容，建议您在展示时采用微软雅黑字体", 20)
    ending = prs.slides.add_slide(blank)
    _deco(ending, 0, 0, 960, 540 * 0.4)
    _box(ending, 200, 260, 560, 100, "谢谢观看", 54)
    prs.save(str(path))
    return path


def _texts(slide) -> str:  # type: ignore[no-untyped-def]
    out = []
    for sh in slide.shapes:
        if sh.has_text_frame:
            out.append(sh.text_frame.text)
    return "\n".join(out)


@pytest.mark.parametrize("infographic", [False, True], ids=["body-box", "infographic"])
def test_every_slide_wears_the_sample_design_and_holds_the_lecture(tmp_path: Path, infographic: bool) -> None:
    template = sample_template(tmp_path / "模板.pptx", infographic=infographic)
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    assert any("sample slides" in w.message for w in result.warnings)
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == result.slides
    assert all(any(sh.name == "Deco" for sh in s.shapes) for s in slides), "a slide lost the template's design"
    text = "\n".join(_texts(s) for s in slides)
    assert not PROMPT.search(text), PROMPT.findall(text)
    outline = read_outline(OUTLINE).outline
    shown = re.sub(r"\s+", "", text)
    wanted = [sec.title for sec in outline.sections] + [b for sec in outline.sections for sub in sec.subsections for b in sub.bullets]
    assert [w for w in wanted if re.sub(r"\s+", "", w) not in shown] == []
    sections = [s for s in slides if any(sh.has_text_frame and sh.text_frame.text.startswith("PART") for sh in s.shapes)]
    assert [next(sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.text_frame.text.startswith("PART"))
            for s in sections] == ["PART 01", "PART 02", "PART 03"]
    assert_valid_template_deck(template, out)


def test_a_template_with_its_design_in_placeholders_uses_its_layouts(tmp_path: Path) -> None:
    """Sample slides that only fill placeholders (design on the layouts) are not copied."""
    prs = Presentation()
    for layout in list(prs.slide_layouts)[:2]:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = "示例标题"
    path = tmp_path / "plain.pptx"
    prs.save(str(path))
    result = build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=path))
    assert not any("sample slides" in w.message for w in result.warnings)


@pytest.mark.parametrize("text, n, new", [("01", 3, "03"), ("1", 2, "2"), ("PART 01", 2, "PART 02"), ("ONE", 3, "THREE"),
                                          ("One", 2, "Two"), ("第一部分", 3, "第三部分"), ("II", 4, "IV"),
                                          ("目录标题", 2, None), ("2021", 3, None)])
def test_part_numbers_are_renumbered_in_their_own_form(text: str, n: int, new: object) -> None:
    assert renumber(text, n) == new
