"""A 模板 without an ending page: the closing slide is a copy of its cover, the closing line in the cover's
title box and the lines in its subtitle box, aligned as the title, over the emptied byline's plate; the
cover's layout when the lines would be smaller than the deck's body text. Content titles on copied content
pages share one size, a long one wrapping to two lines in a title box grown for them."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from deckgen.render.cloning import two_line_height
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _deco

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _centred(shape):  # type: ignore[no-untyped-def]
    for p in shape.text_frame.paragraphs:
        p.alignment = PP_ALIGN.CENTER
    return shape


def coverless_ending(path: Path, *, band: float = 330) -> Path:
    """A template-site deck with a cover (a band behind its centred title, a subtitle below, a byline on a
    button plate), contents, section and infographic content pages, and no ending page. `band`: how far
    down the cover's band reaches."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _deco(cover, 0, 0, 960, band), _deco(cover, 0, 480, 960, 60)
    _centred(_box(cover, 160, 100, 640, 70, "年度工作汇报模板", 44))
    _centred(_box(cover, 260, 180, 440, 36, "单击此处添加副标题", 20))
    _deco(cover, 390, band - 84, 180, 38).name = "Button"
    _centred(_box(cover, 400, band - 80, 160, 30, "汇报人：XXX", 14))
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
    content = prs.slides.add_slide(blank)  # a one-line title box on the page, cards below it
    _deco(content, 880, 470, 60, 50)
    _box(content, 480, 60, 300, 46, "单击此处添加标题", 32)
    for i in range(3):
        _deco(content, 60 + 290 * i, 170, 260, 260)
        _box(content, 80 + 290 * i, 190, 220, 40, "添加标题", 20)
        _box(content, 80 + 290 * i, 240, 220, 150, "单击此处添加文字内容", 14)
    prs.save(str(path))
    return path


def _closing(out: Path):  # type: ignore[no-untyped-def]
    closing = read_outline(OUTLINE).outline.closing[0]
    slides = list(Presentation(str(out)).slides)
    slide = next(s for s in slides if any(sh.has_text_frame and sh.text_frame.text == closing.title for sh in s.shapes))
    return closing, slide


def test_without_an_ending_page_the_cover_closes_the_deck_with_its_lines_as_its_subtitle(tmp_path: Path) -> None:
    template = coverless_ending(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, slide = _closing(out)
    names = [sh.name for sh in slide.shapes]
    assert names.count("Deco") == 2 and "Button" not in names  # the cover's design; the emptied byline's plate went
    title = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == closing.title)
    lines = next(sh for sh in slide.shapes if sh.has_text_frame and closing.bullets[0] in sh.text_frame.text)
    assert [p.text for p in lines.text_frame.paragraphs] == list(closing.bullets)
    assert all(p.alignment == PP_ALIGN.CENTER for p in lines.text_frame.paragraphs)  # as the cover's title and subtitle
    assert abs((lines.left + lines.width / 2) - (title.left + title.width / 2)) < Pt(2)
    assert lines.top >= title.top + title.height and lines.top + lines.height <= Pt(330)  # on the band, below the title
    sizes = {r.font.size.pt for p in lines.text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 20  # not below the deck's body size
    assert not lines._element.findall(f".//{A}buChar")
    assert_valid_template_deck(template, out)


def test_closing_lines_the_covers_room_holds_only_in_small_type_take_the_layout(tmp_path: Path) -> None:
    """A band ending just below the subtitle: four lines there would be far below the body size."""
    template = coverless_ending(tmp_path / "模板.pptx", band=250)
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    closing, slide = _closing(out)
    assert "Deco" not in [sh.name for sh in slide.shapes]
    assert closing.bullets[-1] in "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    note = next(w.message for w in result.warnings if "sample slides:" in w.message)
    assert "closing" not in note and "content" in note


def test_content_titles_share_one_size_a_long_one_wrapping_in_a_title_box_grown_for_two_lines(tmp_path: Path) -> None:
    """The sample's title box holds one line: the long titles wrap at the size the others take, in a box
    grown down for two lines, instead of each shrinking to its own size."""
    template = coverless_ending(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    outline = read_outline(OUTLINE).outline
    titles = {sub.title for sec in outline.sections for sub in sec.subsections}
    shapes = [sh for s in Presentation(str(out)).slides for sh in s.shapes
              if sh.has_text_frame and any(t in sh.text_frame.text.replace("\v", "") for t in titles) and sh.name.startswith("文本框") is False
              and sh.top < Pt(150)]
    sizes = {r.font.size.pt for sh in shapes for p in sh.text_frame.paragraphs for r in p.runs if r.font.size}
    assert len(shapes) >= len(titles) and len(sizes) == 1 and min(sizes) >= 28, sizes
    assert all(sh.height >= Pt(two_line_height((960, 540))) - 1 for sh in shapes)
    assert_valid_template_deck(template, out)


def banded_title_layout(path: Path, *, title_top: float = 120, strip_band: bool = False, title_band: bool = False) -> Path:
    """A template whose title layout sets its subtitle in a one-line strip just above a picture band that fills
    the page's lower part: room for a cover's subtitle, none for a closing's four lines. The title box reaches
    from `title_top` down to the strip (120 pt tall by default: two title lines and a little); with
    `strip_band`, the strip stands on a band of its own (its text coloured for it) and the page's band is
    lower; with `title_band`, the title stands on a band that ends 40 pt above the strip."""
    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title Slide")
    title, subtitle = sorted(layout.placeholders, key=lambda ph: ph.placeholder_format.idx)[:2]
    title.left, title.top, title.width, title.height = Pt(54), Pt(title_top), Pt(612), Pt(240 - title_top)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Pt(54), Pt(250), Pt(612), Pt(34)
    scratch = prs.slides.add_slide(layout)
    bands = [(0, 244, 720, 46), (0, 300, 720, 240)] if strip_band else [(0, 292, 720, 248)]
    bands += [(0, title_top - 10, 720, 210 - title_top)] if title_band else []
    for x, y, w, h in bands:
        layout.shapes._spTree.append(_deco(scratch, x, y, w, h)._element)  # drawn on the layout, not on a slide
    if strip_band or title_band:  # the bands first, then the placeholders over them
        spTree = layout.shapes._spTree
        for ph in (title, subtitle):
            spTree.append(ph._element)
    rid = prs.slides._sldIdLst[0].rId
    prs.part.drop_rel(rid)
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))
    return path


def test_a_closing_its_layout_has_no_room_for_takes_the_content_layout_on_one_slide(tmp_path: Path) -> None:
    """The title layout's strip cannot hold the closing's four lines, nor the page under it, nor its title box
    (100 pt: the title and a little): the closing is built on the content layout, its title and its lines on one
    slide, not continued on a slide after it. (A title box of 120 pt holds the title and the four lines at 16 pt,
    with the fifth of a line the master sets between them: the closing stays on the title layout.)"""
    template = banded_title_layout(tmp_path / "template.pptx", title_top=140)
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    closing, slide = _closing(out)
    slides = list(Presentation(str(out)).slides)
    assert slide is not None and slide.slide_layout.name == "Title and Content" and len(slides) == result.slides
    texts = [sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame]
    assert not any(t.startswith(closing.title) and t != closing.title for t in texts)  # no 砥砺奋进正当时（续）
    lines = next(sh for sh in slide.shapes if sh.has_text_frame and closing.bullets[0] in sh.text_frame.text)
    assert [p.text for p in lines.text_frame.paragraphs] == list(closing.bullets)
    assert not lines._element.findall(f".//{A}buChar")  # lines, not bullets
    assert min(r.font.size.pt for p in lines.text_frame.paragraphs for r in p.runs) >= 14
    assert slides[0].slide_layout.name == "Title Slide"  # the cover keeps its layout
    assert_valid_template_deck(template, out)


def test_a_closing_on_a_title_layout_with_a_tall_title_box_sets_its_lines_in_the_titles_room(tmp_path: Path) -> None:
    """google-slidesgo, jp-plain-43: the title layout's title box is four title lines tall, its subtitle a
    one-line strip with the page drawn on below it. The closing stays on the title layout: its title at the top
    of the title box, two lines tall, and its lines under it, in the rest of the title box and the strip, at
    body size (it was built on the content layout, a plain content page)."""
    template = banded_title_layout(tmp_path / "template.pptx", title_top=40)
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    closing, slide = _closing(out)
    assert slide.slide_layout.name == "Title Slide" and len(Presentation(str(out)).slides) == result.slides
    head = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == closing.title)
    lines = next(sh for sh in slide.shapes if sh.has_text_frame and closing.bullets[0] in sh.text_frame.text)
    assert [p.text for p in lines.text_frame.paragraphs] == list(closing.bullets)
    assert head.top == Pt(40) and abs(head.height.pt - two_line_height((720, 540))) < 0.01
    assert head.top + head.height <= lines.top and lines.top + lines.height == Pt(284)  # down to the strip's foot
    assert min(r.font.size.pt for p in lines.text_frame.paragraphs for r in p.runs) >= 20
    assert_valid_template_deck(template, out)


@pytest.mark.parametrize("band", ["strip", "title"])
def test_a_closings_lines_keep_their_ground(tmp_path: Path, band: str) -> None:
    """jp-plain-43: the title layout's strip stands on a band, its text coloured for the band; set in the title's
    room above, the lines would be light on the white page. cn-thu-43: the title stands on a band, the strip below
    it on the page; set in the title's room, the lines would be purple on the purple band. Either way the closing
    takes the content layout instead."""
    template = banded_title_layout(tmp_path / "template.pptx", title_top=40, strip_band=band == "strip",
                                   title_band=band == "title")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    closing, slide = _closing(out)
    assert slide.slide_layout.name == "Title and Content"
    assert_valid_template_deck(template, out)


def _cover_only_title(path: Path, title: str, size: int) -> Path:
    from tests.test_render_samples import sample_template

    sample_template(path)
    prs = Presentation(str(path))
    cover = prs.slides[0]
    for sh in list(cover.shapes):
        if sh.has_text_frame and sh.text_frame.text.strip():
            sh._element.getparent().remove(sh._element)
    _box(cover, 100, 200, 760, 80, title, size)
    prs.save(str(path))
    return path


def test_a_cover_with_its_title_box_alone_takes_the_subtitle_presenter_and_date_below_the_title(tmp_path: Path) -> None:
    """A 模板 cover with one text box: the subtitle, presenter and date were dropped without a word (the cover's
    copy had no box for them). They go below the title, in the room down to the band at the foot."""
    template = _cover_only_title(tmp_path / "模板.pptx", "年度工作汇报模板", 44)
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    deck = read_outline(OUTLINE).outline.deck
    cover = Presentation(str(out)).slides[0]
    title = next(sh for sh in cover.shapes if sh.has_text_frame and sh.text_frame.text.replace("\n", "") == deck.title)
    lines = next(sh for sh in cover.shapes if sh.has_text_frame and deck.subtitle in sh.text_frame.text)
    assert deck.presenter in lines.text_frame.text.replace("\n", "")
    assert lines.top >= title.top + title.height and lines.top + lines.height <= Pt(480) + 1  # above the foot band
    assert not [w for w in result.warnings if "cover has no room" in w.message]
    assert_valid_template_deck(template, out)


def test_a_masked_sample_text_is_no_design_the_title_takes_its_box(tmp_path: Path) -> None:
    """cn-red-company-43: its cover's title box says `****` (44 pt) over a department name (18 pt); the stars were
    kept as design and the lecture's title went into the department's small box. The stars are sample text."""
    template = _cover_only_title(tmp_path / "模板.pptx", "****", 44)
    prs = Presentation(str(template))
    _box(prs.slides[0], 100, 300, 300, 30, "大数据智能部", 18)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    deck = read_outline(OUTLINE).outline.deck
    cover = Presentation(str(out)).slides[0]
    texts = [sh.text_frame.text for sh in cover.shapes if sh.has_text_frame and sh.text_frame.text.strip()]
    assert "****" not in texts and not any("大数据" in t for t in texts)
    title = next(sh for sh in cover.shapes if sh.has_text_frame and sh.text_frame.text.replace("\n", "") == deck.title)
    assert abs(title.top - Pt(200)) < Pt(2)  # in the stars' box
    assert any(deck.subtitle in t for t in texts)
    assert_valid_template_deck(template, out)


def test_a_cover_with_no_room_for_its_lines_says_so(tmp_path: Path) -> None:
    """Its title box alone just above the band at the foot: no room for the lines, and the build says so."""
    template = _cover_only_title(tmp_path / "模板.pptx", "年度工作汇报模板", 44)
    prs = Presentation(str(template))
    title = next(sh for sh in prs.slides[0].shapes if sh.has_text_frame and sh.text_frame.text.strip())
    title.top = Pt(392)
    prs.save(str(template))
    result = build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=template))
    assert [w for w in result.warnings if "cover has no room for the subtitle" in w.message]
