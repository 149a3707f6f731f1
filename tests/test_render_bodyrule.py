"""A 模板's content page whose body ends at a rule drawn under it (its conclusion line below): the body takes the
free room below and the rule goes down with it, so five bullets share a slide. A closing is never continued on
another slide: on an ending page with its own short lines (感谢…) beside the title the lines take their place,
with its title alone they go below it, and on an ending page with no room for them the closing takes its layout."""
from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _deco, sample_template


def _page(prs, text: str):  # type: ignore[no-untyped-def]
    return next(s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == text for sh in s.shapes))


def _remove(slide, text: str) -> None:  # type: ignore[no-untyped-def]
    sp = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == text)._element
    sp.getparent().remove(sp)


def ruled_template(path: Path) -> Path:
    """The sample template with a content page whose body box (140 pt) ends at a rule, a conclusion line
    below the rule, and a footer band at the foot of the page."""
    sample_template(path)
    prs = Presentation(str(path))
    content = _page(prs, "单击此处添加标题")
    _remove(content, "单击此处添加文本内容，建议您在展示时采用微软雅黑字体")
    _box(content, 60, 120, 840, 140, "单击此处添加文本内容", 20)
    _deco(content, 60, 266, 840, 6).name = "Rule"
    _box(content, 60, 285, 840, 40, "单击此处添加总结", 20)
    _deco(content, 0, 500, 960, 40)
    prs.save(str(path))
    return path


def test_a_body_ending_at_a_rule_takes_the_room_below_it_and_the_rule_goes_down_with_it(tmp_path: Path) -> None:
    template = ruled_template(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    outline = read_outline(OUTLINE).outline
    five = [sub for sec in outline.sections for sub in sec.subsections if len(sub.bullets) == 5 and not sub.kind]
    assert five, "the shipped outline has content entries of five bullets"
    prs = Presentation(str(out))
    ruled = [s for s in prs.slides if any(sh.name == "Rule" for sh in s.shapes)]
    text = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert not [t for t in text if t.endswith("（续）") and any(sub.title in t for sub in five)]
    for sub in five:  # the five bullets on one slide, above the rule, which moved down into the free room
        slide = next(s for s in ruled if any(sh.has_text_frame and sh.text_frame.text.endswith(sub.title) for sh in s.shapes))
        rule = next(sh for sh in slide.shapes if sh.name == "Rule")
        body = next(sh for sh in slide.shapes if sh.has_text_frame and sub.bullets[0] in sh.text_frame.text)
        assert [p.text for p in body.text_frame.paragraphs] == list(sub.bullets)
        assert Pt(266) + Pt(43) < rule.top < Pt(500) - Pt(20) and body.top + body.height <= rule.top
        assert min(r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs) >= 20
    assert_valid_template_deck(template, out)


def _closing_check(out: Path) -> tuple[object, object]:
    closing = read_outline(OUTLINE).outline.closing[0]
    slides = list(Presentation(str(out)).slides)
    texts = [sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame]
    assert not any(t.startswith(closing.title) and t != closing.title for t in texts)  # no 砥砺奋进正当时（续）
    last = slides[-1]
    assert any(sh.has_text_frame and sh.text_frame.text == closing.title for sh in last.shapes)
    shown = "\n".join(sh.text_frame.text for sh in last.shapes if sh.has_text_frame)
    assert all(b in shown for b in closing.bullets)
    return closing, last


def _lines(last, closing):  # type: ignore[no-untyped-def]
    """The shape on the closing slide `last` holding the closing's lines: one paragraph each, in order."""
    lines = next(sh for sh in last.shapes if sh.has_text_frame and closing.bullets[0] in sh.text_frame.text)
    assert [p.text for p in lines.text_frame.paragraphs] == list(closing.bullets)
    return lines


def test_an_ending_page_with_its_title_alone_takes_the_closings_lines_below_the_title(tmp_path: Path) -> None:
    """The ending page is its 谢谢观看 alone, free room below it: the lines go there, on the page's design."""
    template = sample_template(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    closing, last = _closing_check(out)
    assert result.slides == len(Presentation(str(out)).slides)
    assert any(sh.name == "Deco" for sh in last.shapes)
    title = next(sh for sh in last.shapes if sh.has_text_frame and sh.text_frame.text == closing.title)
    lines = _lines(last, closing)
    assert lines.top >= title.top + title.height and lines.top + lines.height <= Pt(540 * 0.94) + 1
    # written as the planner fitted them (`frames.lines_style`): a taller line or more space between the lines
    # than fitted set the last line below the box (cn-sample-jianyue)
    from deckgen.plan import grid
    from deckgen.render.frames import lines_style

    fitted = lines_style(Presentation(str(out)).slide_height / 12700 / grid.SLIDE_H_PT)
    for p in lines.text_frame.paragraphs:
        assert p.line_spacing == fitted.line_spacing and p.space_before.pt == fitted.space_before
    assert_valid_template_deck(template, out)


def test_a_closing_the_ending_page_has_no_room_for_takes_its_layout_not_a_second_slide(tmp_path: Path) -> None:
    """A picture band right under the ending's title: the closing's title and lines on the closing's layout."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    _deco(_page(prs, "谢谢观看"), 0, 380, 960, 160)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, last = _closing_check(out)
    assert not any(sh.name == "Deco" for sh in last.shapes)
    assert_valid_template_deck(template, out)


def test_an_ending_pages_own_short_lines_beside_its_title_take_the_closings_lines(tmp_path: Path) -> None:
    """Three 感谢… lines, each box too small alone, to the right of the ending's title: the closing's lines go
    where they stood, on the ending page's design."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    ending = _page(prs, "谢谢观看")
    _remove(ending, "谢谢观看")
    _box(ending, 60, 260, 380, 100, "谢谢观看", 54)
    for i, line in enumerate(("感谢老师的辛勤指导", "感谢学校的大力支持", "感谢组委会搭建的平台")):
        _box(ending, 520, 250 + 50 * i, 380, 30, line, 18)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, last = _closing_check(out)
    assert any(sh.name == "Deco" for sh in last.shapes)  # the ending page's design
    lines = _lines(last, closing)
    assert lines.left >= Pt(515) and lines.top >= Pt(245) and lines.top + lines.height <= Pt(540)
    assert "感谢" not in "".join(sh.text_frame.text for sh in last.shapes if sh.has_text_frame)
    assert_valid_template_deck(template, out)


def test_an_ending_pages_one_line_box_under_its_title_grows_down_to_take_the_closings_lines(tmp_path: Path) -> None:
    """An ending page with a presenter's line (one line tall) under its title and free room below: the box grows
    down into that room and takes the closing's four lines at a readable size, on the ending page's design (it
    held them only at a size below the bylines', and the closing left the page for a plain layout)."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    ending = _page(prs, "谢谢观看")
    _remove(ending, "谢谢观看")
    _box(ending, 80, 230, 700, 80, "谢谢观看", 54)
    _box(ending, 80, 320, 600, 30, "汇报人：XXX", 16)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, last = _closing_check(out)
    assert any(sh.name == "Deco" for sh in last.shapes)  # the ending page's design
    lines = _lines(last, closing)
    assert abs(lines.top - Pt(320)) <= Pt(1) and Pt(350) < lines.top + lines.height <= Pt(540 * 0.94) + 1
    sizes = {r.font.size.pt for p in lines.text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 18  # the theme's bylines' smallest size scaled to the slide, at least
    assert "XXX" not in "".join(sh.text_frame.text for sh in last.shapes if sh.has_text_frame)
    assert_valid_template_deck(template, out)


def test_an_ending_pages_title_in_a_frame_takes_the_lines_below_the_frame(tmp_path: Path) -> None:
    """cn-wps-filled: its ending's title stands in a frame with a little room under it, a corner bracket over the
    frame's corner; the lines had 33 pt there (the bracket ended the room) and the closing left the page for a
    plain layout. The bracket at the end of the span only narrows the room; the frame leaving the lines too
    little room, they go below it, on the ending page's design."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    ending = _page(prs, "谢谢观看")
    _remove(ending, "谢谢观看")
    frame = _deco(ending, 150, 230, 660, 150)
    frame.name = "Frame"
    _box(ending, 170, 250, 620, 70, "谢谢观看", 44)
    _deco(ending, 770, 330, 90, 90).name = "Bracket"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, last = _closing_check(out)
    assert {"Frame", "Bracket"} <= {sh.name for sh in last.shapes}  # the ending page's design
    lines = _lines(last, closing)
    assert lines.top >= Pt(380) and lines.top + lines.height <= Pt(540 * 0.94) + 1  # below the frame
    assert lines.left + lines.width <= Pt(770) + 1  # clear of the bracket beside it
    assert_valid_template_deck(template, out)
