"""Sample pages' own content graphics (a filled report's figures, a chart, a diagram) are not copied onto the
lecture's slides: the copy keeps the page's design (bands, logos, ornaments) and its body takes their room."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.model import Role
from deckgen.render.illustration import illustrations
from deckgen.render.sampleroles import classify
from deckgen.render.samples import assign, read_samples
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.pictures import landscape

SLIDE = (960.0, 540.0)
BODY = (60, 130, 400, 330)  # the sample's body column; its figure stands beside it


def _box(slide, x, y, w, h, text, size=18):  # type: ignore[no-untyped-def]
    tb = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    tb.text_frame.text = text
    tb.name = f"Text {text[:4]}"
    for r in tb.text_frame.paragraphs[0].runs:
        r.font.size = Pt(size)
    return tb


def _frame(slide, picture: Path, logo: Path) -> None:  # type: ignore[no-untyped-def]
    """What every page of the template draws: a band along the top (a picture touching the edges), a logo
    in the top right corner, a small ornament and a corner drawing in the same place on every page."""
    slide.shapes.add_picture(str(picture), Pt(0), Pt(0), Pt(960), Pt(56)).name = "Band"
    slide.shapes.add_picture(str(logo), Pt(850), Pt(8), Pt(90), Pt(40)).name = "Logo"
    slide.shapes.add_picture(str(logo), Pt(780), Pt(400), Pt(150), Pt(110)).name = "Corner"
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(0), Pt(520), Pt(960), Pt(20))
    rule.name = "Rule"


def filled_template(path: Path, *, figure: str) -> Path:
    """A filled report made a template (cn-wps-filled): cover, contents, two section pages, a content page whose
    body column stands beside a figure (`picture`, `chart` or `group`), and an ending page."""
    picture = landscape(path.parent / "photo.png")
    logo = landscape(path.parent / "logo.png", (180, 80))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _frame(cover, picture, logo)
    _box(cover, 100, 200, 760, 80, "科研实习项目成果汇报", 44), _box(cover, 100, 320, 500, 30, "答辩人：XXX  时间：2019", 14)
    agenda = prs.slides.add_slide(blank)
    _frame(agenda, picture, logo)
    _box(agenda, 380, 70, 200, 60, "目录", 36)
    for i in range(3):
        _box(agenda, 200, 170 + 80 * i, 560, 40, f"0{i + 1}  研究内容", 20)
    for n in (1, 2):
        section = prs.slides.add_slide(blank)
        _frame(section, picture, logo)
        _box(section, 380, 150, 200, 60, f"PART 0{n}", 32), _box(section, 200, 260, 560, 60, "研究背景", 32)
    content = prs.slides.add_slide(blank)
    _frame(content, picture, logo)
    _box(content, 60, 70, 600, 44, "模型结构", 28)
    _box(content, *BODY, "朱小燕、黄民烈老师团队首次将情感因素引入了基于深度学习的生成式对话系统，提出了情感对话机", 18)
    if figure == "picture":
        content.shapes.add_picture(str(picture), Pt(490), Pt(140), Pt(400), Pt(230)).name = "Illustration"
    elif figure == "chart":
        data = CategoryChartData()
        data.categories = ["2019", "2020", "2021"]
        data.add_series("准确率", (0.6, 0.7, 0.8))
        content.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Pt(490), Pt(140), Pt(400), Pt(230), data).name = "Illustration"
    else:
        a = content.shapes.add_shape(MSO_SHAPE.OVAL, Pt(500), Pt(150), Pt(120), Pt(120))
        b = content.shapes.add_shape(MSO_SHAPE.OVAL, Pt(700), Pt(200), Pt(120), Pt(120))
        group = content.shapes.add_group_shape([a, b])
        group.name = "Illustration"
    ending = prs.slides.add_slide(blank)
    _frame(ending, picture, logo)
    _box(ending, 300, 240, 360, 80, "谢谢观看", 48)
    prs.save(str(path))
    return path


@pytest.mark.parametrize("figure", ["picture", "chart", "group"])
def test_the_content_pages_figure_is_content_and_its_frame_is_design(tmp_path: Path, figure: str) -> None:
    prs = Presentation(str(filled_template(tmp_path / "模板.pptx", figure=figure)))
    samples = read_samples(prs)
    classify(samples)
    content = samples[4]
    assert content.role is Role.CONTENT
    ids = {i for i, _ in illustrations(content, samples, assign(content, Role.CONTENT, SLIDE), SLIDE)}
    names = {sh.shape_id: sh.name for sh in content.slide.shapes}  # type: ignore[attr-defined]
    assert sorted(names[i] for i in ids) == ["Illustration"]
    for other in samples[:4] + samples[5:]:  # the frame repeated on every page is no page's content
        assert illustrations(other, samples, assign(other, other.role, SLIDE), SLIDE) == []


@pytest.mark.parametrize("figure", ["picture", "chart"])
def test_copies_of_the_content_page_drop_its_figure_keep_its_design_and_widen_the_body(tmp_path: Path, figure: str) -> None:
    template = filled_template(tmp_path / "模板.pptx", figure=figure)
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    slides = list(Presentation(str(out)).slides)
    assert all({"Band", "Logo", "Corner", "Rule"} <= {sh.name for sh in s.shapes} for s in slides), "a slide lost the design"
    assert not [i + 1 for i, s in enumerate(slides) if any(sh.name == "Illustration" for sh in s.shapes)]
    assert not [i + 1 for i, s in enumerate(slides) if any(sh.has_chart for sh in s.shapes if hasattr(sh, "has_chart"))]
    content = next(s for s in slides if any(sh.has_text_frame and "根本任务" in sh.text_frame.text for sh in s.shapes))
    body = next(sh for sh in content.shapes if sh.has_text_frame and "根本任务" in sh.text_frame.text)
    corner = next(sh for sh in content.shapes if sh.name == "Corner")
    assert body.width / 12700 > 1.7 * BODY[2]  # the figure's room beside the column is the body's
    assert body.left + body.width <= corner.left or body.top + body.height <= corner.top  # clear of the design
    assert_valid_template_deck(template, out)


def test_the_pages_title_placeholder_is_its_title() -> None:
    """cn-wps-filled: a page's heading in its title placeholder (no size of its own: the layout's) above a body
    set larger was passed over for the body's first line, so the page was not taken for bullets."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = "正向、反向传播算法"
    slide.shapes.title.left, slide.shapes.title.top, slide.shapes.title.width, slide.shapes.title.height = (
        Pt(66), Pt(61), Pt(828), Pt(59))
    _box(slide, 66, 129, 822, 305, "正向传播是指数据从X传入到神经网络，经过各个隐藏层后得到最终的输出", 20)
    samples = read_samples(prs)
    slots = assign(samples[0], Role.CONTENT, SLIDE)
    assert slots["title"].text == "正向、反向传播算法"
    assert slots["body"].text.startswith("正向传播是指")


def _grouped_contents(path: Path) -> Path:
    """A cover, a contents page whose items are small groups (a plate, the item's number, its words: cn-wps-filled,
    cn-wps-uestc), a section page whose title stands on a band across the page, and a content page."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    cover.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(0), Pt(0), Pt(960), Pt(120)).name = "Deco"
    _box(cover, 100, 200, 760, 80, "年度工作汇报", 44)
    agenda = prs.slides.add_slide(blank)
    agenda.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(0), Pt(0), Pt(960), Pt(30)).name = "Deco"
    _box(agenda, 380, 50, 200, 60, "目录", 36)
    for i in range(4):
        x, y = 30 + 480 * (i % 2), 200 + 100 * (i // 2)
        plate = agenda.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(380), Pt(56))
        plate.name = "Item plate"
        number = _box(agenda, x + 4, y + 6, 50, 44, f"0{i + 1}", 24)
        words = _box(agenda, x + 160, y + 8, 200, 40, "选题目的", 20)
        agenda.shapes.add_group_shape([plate, number, words])
        if i % 2 == 0:  # a dotted rule leads from each item on the left to its neighbour
            agenda.shapes.add_connector(1, Pt(x + 400), Pt(y + 28), Pt(x + 470), Pt(y + 28)).name = "Item rule"
    section = prs.slides.add_slide(blank)
    band = section.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(0), Pt(160), Pt(960), Pt(224))
    band.name = "Band"
    _box(section, 30, 200, 60, 60, "1", 40), _box(section, 540, 290, 400, 60, "选题目的", 32)
    content = prs.slides.add_slide(blank)
    content.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(0), Pt(0), Pt(960), Pt(90)).name = "Deco"
    _box(content, 40, 20, 500, 50, "单击此处添加标题", 28), _box(content, 40, 120, 860, 360, "单击此处添加文本", 20)
    prs.save(str(path))
    return path


def test_a_contents_page_drawn_as_item_groups_is_cleared_whole(tmp_path: Path) -> None:
    """cn-wps-filled: the items' plates, numbers and icons reaching left of their words stayed on the copy,
    empty frames beside and under the section list."""
    template = _grouped_contents(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    agenda = next(s for s in Presentation(str(out)).slides if any(sh.has_text_frame and sh.text_frame.text == "目录"
                                                                   for sh in s.shapes))
    assert not [sh.name for sh in agenda.shapes if sh.shape_type == 6 or sh.name in ("Item plate", "Item rule")]
    items = next(sh for sh in agenda.shapes if sh.has_text_frame and "高质量发展" in sh.text_frame.text)
    assert items.left <= Pt(31) and items.left + items.width >= Pt(889)  # the groups' room, not the words' column
    assert_valid_template_deck(template, out)


def test_a_section_title_on_a_band_across_the_page_stays_on_the_band(tmp_path: Path) -> None:
    """cn-wps-filled: a long section title grew below the page's band, its third line white on the light page."""
    from deckgen.render.cloning import sample_slots

    slots = sample_slots(Presentation(str(_grouped_contents(tmp_path / "模板.pptx"))), SLIDE, {})
    x, y, w, h = slots["section"].boxes["title"]
    assert y >= 160 and y + h <= 160 + 224 and h > 60  # grown for two lines, within the band


def test_a_picture_within_the_body_text_box_reaching_the_page_edge_is_the_pages_figure(tmp_path: Path) -> None:
    """cn-red-company-43: its content page's body text box spans the page, and a picture in it (its right side at
    the page's edge) illustrates the sample text: it was kept on every content slide beside the bullets as if it
    were a bleed of the page's frame. A picture at the edge outside the body (a band) stays design."""
    path = filled_template(tmp_path / "模板.pptx", figure="group")
    prs = Presentation(str(path))
    content = prs.slides[4]
    for sh in list(content.shapes):
        if sh.name == "Illustration" or (sh.has_text_frame and sh.text_frame.text.startswith("朱小燕")):
            sh._element.getparent().remove(sh._element)
    _box(content, 40, 120, 910, 380, "朱小燕、黄民烈老师团队首次将情感因素引入了基于深度学习的生成式对话系统", 18)
    photo = landscape(tmp_path / "figure.png")
    content.shapes.add_picture(str(photo), Pt(560), Pt(200), Pt(400), Pt(260)).name = "Illustration"
    content.shapes.add_picture(str(photo), Pt(0), Pt(505), Pt(960), Pt(35)).name = "Foot"
    prs.save(str(path))
    samples = read_samples(Presentation(str(path)))
    classify(samples)
    page = samples[4]
    ids = {i for i, _ in illustrations(page, samples, assign(page, Role.CONTENT, SLIDE), SLIDE)}
    names = {sh.shape_id: sh.name for sh in page.slide.shapes}  # type: ignore[attr-defined]
    assert sorted(names[i] for i in ids) == ["Illustration"]
