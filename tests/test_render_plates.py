"""Text on copied sample pages keeps clear of the page's drawings: a title on a circle stays within its curve
(or moves to the free band beside it), a title cut clear of a vertical line through the cover grows into the
room on its other side, what a plate is drawn over does not bound the text on it, contents items move off
the pendant drawings hanging into their region, and a display year in type larger than the title is no
byline."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.model import Role
from deckgen.render.plates import largest_free, on_plate
from deckgen.render.samples import assign, read_samples
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _deco

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
COVER_CIRCLE = (260.0, 50.0, 440.0, 440.0)
SECTION_CIRCLE = (321.0, 83.0, 317.0, 317.0)
VERTICAL = (450.0, 111.0, 48.0, 333.0)
BULBS = ((81.0, 0.0, 92.0, 351.0), (289.0, 0.0, 86.0, 244.0), (534.0, 2.0, 94.0, 415.0), (764.0, 0.0, 86.0, 287.0))


def _circle(slide, box):  # type: ignore[no-untyped-def]
    return slide.shapes.add_shape(MSO_SHAPE.OVAL, *(Pt(v) for v in box))


def _centred(tb):  # type: ignore[no-untyped-def]
    for p in tb.text_frame.paragraphs:
        p.alignment = 2  # PP_ALIGN.CENTER
    return tb


def drawn_template(path: Path) -> Path:
    """A 模板 drawn with circles and pendants: a cover whose short title (Lab1) sits in a narrow box on a large
    circle, beside a vertical line of text crossing the circle and a divider rule, with rings drawn under
    the circle's edge; a contents page whose items hang among pendant lamps; section pages whose number and
    title stand on a circle with rings drawn under it; a content page; an ending."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _circle(cover, (632, 90, 245, 245))  # rings the big circle is drawn over
    _circle(cover, (0, 253, 199, 199))
    _circle(cover, COVER_CIRCLE)
    rule = cover.shapes.add_connector(1, Pt(507), Pt(234), Pt(507), Pt(300))
    rule.name = "Rule"
    _centred(_box(cover, 463, 232, 174, 73, "Lab1", 48))
    vertical = _box(cover, *VERTICAL, "第八组汇报总结", 28)
    vertical.text_frame._txBody.find(f"{A}bodyPr").set("vert", "eaVert")
    _centred(_box(cover, 484, 318, 187, 29, "汇报人：某某    日期 2023.11.10", 9))
    _box(cover, 325, 224, 120, 158, "组长：某某\n组员：某某\n某某", 10)
    agenda = prs.slides.add_slide(blank)
    for bulb in BULBS:
        _deco(agenda, *bulb)
    _box(agenda, 437, 28, 87, 46, "目录", 32)
    for i, (x, y) in enumerate(((14, 347), (219, 247), (461, 420), (694, 290))):
        _box(agenda, x + 29, y, 161, 41, f"PART 0{i + 1}", 28)
        _box(agenda, x, y + 35, 231, 36, "工作完成情况", 24)
    for n in ("ONE", "TWO"):
        section = prs.slides.add_slide(blank)
        _circle(section, (599, 248, 83, 83))
        _circle(section, (253, 261, 106, 106))
        _circle(section, SECTION_CIRCLE)
        _centred(_box(section, 377, 109, 206, 124, n, 96))
        _centred(_box(section, 326, 222, 326, 56, "优秀案例展示", 40))
        _centred(_box(section, 360, 290, 242, 22, "组内优秀设计与实现", 10))
    content = prs.slides.add_slide(blank)
    _deco(content, 0, 0, 960, 90)
    _box(content, 40, 20, 500, 50, "单击此处添加标题", 28)
    _box(content, 60, 130, 840, 320, "单击此处添加文本内容，建议您在展示时采用微软雅黑字体", 20)
    ending = prs.slides.add_slide(blank)
    _deco(ending, 0, 0, 960, 200)
    _box(ending, 200, 260, 560, 100, "谢谢观看", 54)
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("drawn")
    template = drawn_template(folder / "模板.pptx")
    out = folder / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    return template, out


def _filled(slide):  # type: ignore[no-untyped-def]
    """The boxes (points) of the slide's text boxes that hold text."""
    return [(sh.text_frame.text.replace("\v", ""), tuple(v / 12700 for v in (sh.left, sh.top, sh.width, sh.height)))
            for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.strip()]


def _overlap(a, b) -> float:  # type: ignore[no-untyped-def]
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _in_circle(box, circle) -> bool:  # type: ignore[no-untyped-def]
    cx, cy, r = circle[0] + circle[2] / 2, circle[1] + circle[3] / 2, circle[2] / 2
    corners = [(box[0] + dx, box[1] + dy) for dx in (0, box[2]) for dy in (0, box[3])]
    return all(math.hypot(x - cx, y - cy) <= r + 0.5 for x, y in corners)


def test_the_deck_is_valid(deck: tuple[Path, Path]) -> None:
    assert_valid_template_deck(*deck)


def test_section_titles_keep_off_the_circle_edge(deck: tuple[Path, Path]) -> None:
    """A section title box on a circle crossed its rim (grown across the page): now it stays within the
    circle's curve or, too small there, moves to the free band below the circle, clear of it."""
    from deckgen.outline.read import read_outline

    prs = Presentation(str(deck[1]))
    sections = [sec.title for sec in read_outline(OUTLINE).outline.sections]  # the page's ONE says 一、
    titles = [t for s in prs.slides for t in _filled(s) if t[0].replace("\n", "") in sections]
    assert len(titles) == len(sections)
    for _, box in titles:
        assert _in_circle(box, SECTION_CIRCLE) or _overlap(box, SECTION_CIRCLE) == 0, box


def test_the_cover_title_clears_the_vertical_line_and_grows_on_the_circle(deck: tuple[Path, Path]) -> None:
    """The cover's title box overlapped the vertical subtitle and was cut back at the rings drawn under the
    circle: now it leaves the subtitle's column and the divider rule, and takes the circle's room beside them
    (wider than the sample's box cut back), within the circle's curve."""
    prs = Presentation(str(deck[1]))
    title = next(box for text, box in _filled(prs.slides[0]) if text == "坚定不移推动高质量发展")
    assert _overlap(title, VERTICAL) == 0 and title[0] > 507
    assert title[2] > 170 and _in_circle(title, COVER_CIRCLE)


def test_contents_items_leave_the_pendants(deck: tuple[Path, Path]) -> None:
    prs = Presentation(str(deck[1]))
    agenda = next(s for s in prs.slides if any(t == "目录" for t, _ in _filled(s)))
    items = [box for text, box in _filled(agenda) if text.startswith("一、")]
    assert items
    assert all(_overlap(items[0], bulb) == 0 for bulb in BULBS)


def test_a_display_year_is_no_byline(tmp_path: Path) -> None:
    """A cover whose top line is a year in type larger than the title (`20XX` at 88 pt): the presenter does
    not take it (a short line in display type) but the line below the subtitle."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    cover = prs.slides.add_slide(next(lo for lo in prs.slide_layouts if lo.name == "Blank"))
    _box(cover, 66, 117, 726, 116, "20XX", 88)
    _box(cover, 66, 237, 550, 75, "年中季度工作汇报", 54)
    _box(cover, 66, 328, 544, 33, "THESIS DEFENSE THESIS DEFENSE", 16)
    _box(cover, 66, 390, 441, 33, "/工作总结/ 毕业答辩/ 教育通用/", 16)
    prs.save(str(tmp_path / "c.pptx"))
    slots = assign(read_samples(Presentation(str(tmp_path / "c.pptx")))[0], Role.TITLE, (960, 540))
    assert slots["title"].text == "年中季度工作汇报"
    assert slots["subtitle"].text == "20XX" and slots["byline"].text.startswith("THESIS")


def test_on_plate_and_largest_free() -> None:
    circle = (0.0, 0.0, 200.0, 200.0)
    x, y, w, h = on_plate((0.0, 90.0, 200.0, 20.0), circle, True)
    assert _in_circle((x, y, w, h), circle) and w > 170
    # two pendants in a region: the room below the one and beside the other, not across either
    free = largest_free((0.0, 100.0, 500.0, 200.0), [(50.0, 0.0, 50.0, 160.0), (300.0, 0.0, 50.0, 400.0)])
    assert free[0] + free[2] <= 300 and all(_overlap(free, b) == 0 for b in [(50.0, 0.0, 50.0, 160.0), (300.0, 0.0, 50.0, 400.0)])


def test_a_centred_content_title_hemmed_in_by_a_badge_grows_to_its_free_side_and_aligns_from_it() -> None:
    """cn-sample-jianyue: a centred one-line title box beside a number badge on its left, the row free to its
    right. About its middle it cannot grow (the badge is 6 pt away): long titles were set in two tiny lines.
    On a content page it grows to the right and its text starts beside the badge; a cover's title keeps
    growing about its middle only."""
    from deckgen.render.plates import grown, one_side
    from deckgen.render.samples import Sample, TextShape

    badge = TextShape(2, "1", (28.0, 23.0, 40.0, 32.0), 20.0, False, "ctr")
    title = TextShape(1, "此处添加标题文字", (74.0, 23.0, 201.0, 32.0), 16.0, False, "ctr")
    page = Sample(0, None, texts=[title, badge])
    slide = (720.0, 405.0)
    wide = grown(title, {"title": title}, slide, page, one_sided=True)
    assert wide[0] == 74.0 and wide[0] + wide[2] > 0.9 * slide[0]  # to the right, as far as the page is free
    assert one_side(title.box, wide, title.align) == "l"
    centred = grown(title, {"title": title}, slide, page)
    assert centred[0] <= 74.0 and centred[2] <= 201.0 + 2 * 6  # about its middle: hemmed in as before
    assert one_side(title.box, centred, title.align) is None
    left = TextShape(1, "标题", (500.0, 23.0, 150.0, 32.0), 16.0, False, "ctr")
    right_badge = TextShape(2, "1", (656.0, 23.0, 40.0, 32.0), 20.0, False, "ctr")
    page = Sample(0, None, texts=[left, right_badge])
    wide = grown(left, {"title": left}, slide, page, one_sided=True)
    assert wide[0] + wide[2] == 650.0 and wide[0] < 100 and one_side(left.box, wide, left.align) == "r"


def test_a_cleared_texts_button_and_underline_go_with_it_and_a_kept_texts_stay() -> None:
    """cn-sample-dabian: its cover's sample name sat on a white button; the name was cleared and the empty button
    stayed on the cover; the closing (a copy of the cover) kept the presenter's underline alone."""
    from deckgen.render.plates import cleared_with

    slide = (960.0, 540.0)
    name, presenter, title = (434.0, 322.0, 93.0, 32.0), (353.0, 440.0, 254.0, 27.0), (211.0, 137.0, 537.0, 61.0)
    button, underline, band = (420.0, 316.0, 120.0, 44.0), (400.0, 468.0, 160.0, 2.0), (0.0, 0.0, 960.0, 380.0)
    drawn = [button, underline, band]
    assert cleared_with(drawn, [name, presenter], [title], slide) == [button, underline]
    assert cleared_with(drawn, [name], [title, presenter], slide) == [button]  # the presenter kept: its underline stays
    assert cleared_with(drawn, [], [title, name, presenter], slide) == []


def test_a_covers_unused_name_on_a_button_goes_with_its_button(tmp_path: Path) -> None:
    from tests.test_render_samples import sample_template

    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    _deco(prs.slides[0], 420, 410, 120, 44).name = "Button"
    _box(prs.slides[0], 430, 418, 100, 28, "海宝宝", 20)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    cover = Presentation(str(out)).slides[0]
    assert not any(sh.name == "Button" for sh in cover.shapes)
    assert any(sh.name == "Deco" for sh in cover.shapes)  # the page's design stays
    assert_valid_template_deck(template, out)
