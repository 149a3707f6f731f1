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
from deckgen.render.sampleroles import renumber
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
    wanted = [sec.title for sec in outline.sections] + [part for sec in outline.sections for sub in sec.subsections
                                                        for b in sub.bullets for part in b.split("：")]
    assert [w for w in wanted if re.sub(r"\s+", "", w) not in shown] == []
    sections = [s for s in slides if any(sh.has_text_frame and sh.text_frame.text.startswith("PART") for sh in s.shapes)]
    assert [next(sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.text_frame.text.startswith("PART"))
            for s in sections] == ["PART 01", "PART 02", "PART 03"]
    assert_valid_template_deck(template, out)


def test_a_section_pages_chinese_part_number_is_renumbered_and_the_title_does_not_repeat_it(tmp_path: Path) -> None:
    """cn-wps-uestc: its section page says `— 第一章 —` in a text box between two short rules. The number was
    cleared as sample text (only PART 01, 01, ONE were kept as design), leaving `– –` over every section title.
    It stays, each section's (第一章, 第二章, 第三章), and the title under it does not say `一、` again."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    for slide in list(prs.slides)[2:4]:
        part = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("PART"))
        part.text_frame.paragraphs[0].runs[0].text = "第一章"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    outline = read_outline(OUTLINE).outline
    slides = list(Presentation(str(out)).slides)
    parts = [(sh.text_frame.text, s) for s in slides for sh in s.shapes if sh.has_text_frame and sh.text_frame.text.startswith("第")]
    assert [p for p, _ in parts] == ["第一章", "第二章", "第三章"]
    for (_, s), sec in zip(parts, outline.sections):
        assert any(sh.has_text_frame and sh.text_frame.text.replace("\v", "") == sec.title for sh in s.shapes)  # no 一、 before it
    assert_valid_template_deck(template, out)


def test_a_section_pages_bare_digit_does_not_take_the_titles_label(tmp_path: Path) -> None:
    """cn-wps-filled, cn-123layouts: a section page's `1` in white on a white icon, unreadable: a bare digit may be
    an ornament's, so the title keeps its 一、 (a 第一章 or PART 01 says the number: the title drops it)."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    for n, slide in enumerate(list(prs.slides)[2:4], 1):
        next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("PART")).text_frame.paragraphs[0].runs[0].text = str(n)
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    first = read_outline(OUTLINE).outline.sections[0].title
    texts = [sh.text_frame.text.replace("\n", "").replace("\v", "") for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_text_frame]
    assert "一、" + first in texts and first not in texts


def test_pull_keeps_the_number_a_section_page_shows_of_its_own_and_takes_an_edited_title(tmp_path: Path) -> None:
    """The section titles under a 模板 page's own 第一章 are set without their 一、: pulling the deck back does not
    take that for the labels removed; a title typed over is pulled as the title alone."""
    import shutil

    from tests.powerpoint import Editor

    from deckgen.pull.run import pull

    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    for slide in list(prs.slides)[2:4]:
        next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("PART")).text_frame.paragraphs[0].runs[0].text = "第一章"
    prs.save(str(template))
    outline = shutil.copy(OUTLINE, tmp_path / "outline.yaml")
    deck = tmp_path / "outline.pptx"
    build(BuildRequest(Path(outline), deck, template=template))
    assert not pull(deck, Path(outline), dry_run=True).changed
    first = read_outline(OUTLINE).outline.sections[0].title
    e = Editor(deck)
    number, shape = next((n, sh) for n, s in enumerate(e.prs.slides, 1) for sh in s.shapes
                         if sh.has_text_frame and sh.text_frame.text.replace("\n", "").replace("\v", "") == first)
    e.set_text(shape.text_frame.paragraphs[0], "抓落实见实效")
    for p in shape.text_frame.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    edited = e.save(tmp_path / "edited.pptx")
    changes = pull(edited, Path(outline), dry_run=True).changes
    assert [(c.slide, c.what) for c in changes] == [(number, "title")], changes


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


def _numbered_pages(path: Path) -> Path:
    """A cover, a page numbering four items in large circles (cn-123layouts' 1 2 3 4), a page with one
    large part number, and a content page."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _deco(cover, 0, 0, 960, 120), _box(cover, 100, 200, 760, 80, "年度工作汇报", 44)
    listing = prs.slides.add_slide(blank)
    _deco(listing, 40, 60, 280, 280)
    for i in range(4):
        _box(listing, 360, 60 + 90 * i, 40, 40, str(i + 1), 32)
        _box(listing, 420, 60 + 90 * i, 300, 40, "案件介绍", 20)
    part = prs.slides.add_slide(blank)
    _deco(part, 380, 120, 200, 200), _box(part, 400, 140, 160, 160, "1", 120), _box(part, 200, 350, 560, 60, "章节标题", 32)
    content = prs.slides.add_slide(blank)
    _deco(content, 0, 0, 960, 90), _box(content, 40, 20, 500, 50, "单击此处添加标题", 28)
    _box(content, 40, 120, 860, 360, "单击此处添加文本", 20)
    prs.save(str(path))
    return path


def test_a_page_numbering_several_items_is_not_a_section_page(tmp_path: Path) -> None:
    """cn-123layouts: a page of four numbered circles was taken for a section page, and every circle showed
    the section's number (1 1 1 1). A page with one large part number still is a section page."""
    from deckgen.outline.model import Role
    from deckgen.render.sampleroles import classify
    from deckgen.render.samples import read_samples

    samples = read_samples(Presentation(str(_numbered_pages(tmp_path / "numbered.pptx"))))
    classify(samples)
    assert [s.role for s in samples] == [Role.TITLE, Role.CONTENT, Role.SECTION, Role.CONTENT]


def test_hidden_pages_after_the_ending_are_no_design_and_placeholder_prose_does_not_make_it_content(tmp_path: Path) -> None:
    """cn-sample-enprompt: its 感谢 page, with a paragraph of lorem ipsum, is followed by an advertisement and three
    hidden pages (the site's ads, usage notes): the ending was taken for a content page (not among the last two,
    more than a few words), the hidden pages for content. Hidden pages have no role; the ending is the ending."""
    from deckgen.outline.model import Role
    from deckgen.render.sampleroles import classify
    from deckgen.render.samples import read_samples

    path = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(path))
    ending = prs.slides[-1]
    _box(ending, 200, 380, 560, 60, "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Vivamus sagittis lacus.", 9)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    _deco(prs.slides.add_slide(blank), 300, 100, 360, 360)  # a QR code page: no words
    for words in ("告别低效的制作方式，扫码定制", "扫码免费下载", "提示：此文件仅供内部交流学习之用"):
        hidden = prs.slides.add_slide(blank)
        _box(hidden, 100, 100, 700, 100, words, 24)
        hidden._element.set("show", "0")
    prs.save(str(path))
    samples = read_samples(Presentation(str(path)))
    classify(samples)
    assert samples[5].role is Role.CLOSING
    assert [s.role for s in samples[7:]] == [None, None, None]


def _one_box(text: str, size: int, width: float, height: float, *, autofit: bool = False):  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    tb = _box(slide, 300, 100, width, height, text, size)
    tb.text_frame.paragraphs[0].alignment = 2  # centred
    body_pr = tb.text_frame._txBody.bodyPr
    for child in list(body_pr):
        body_pr.remove(child)
    if autofit:
        body_pr.append(body_pr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}spAutoFit", {}))
    tree = slide.shapes._spTree
    return type("Copied", (), {"tree": tree})(), tb


def test_a_kept_design_word_stays_on_one_line_and_its_box_holds_it(tmp_path: Path) -> None:
    """cn-wps-weekly: the contents page's `CONTENTS` in a box sized for Calibri wrapped to `CONTENT`/`S` in the
    wider font a machine without Calibri draws it in. A design word the copy keeps is set on one line, its
    unseen box widened about its centre to hold it."""
    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    tb = _box(prs.slides[1], 60, 290, 70, 30, "CONTENTS", 14)  # the contents page: 70 pt for 8 capitals at 14 pt
    tb.text_frame.paragraphs[0].alignment = 2
    tb.text_frame.word_wrap = True  # as the template has it: wrapping in its box
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    word = next(sh for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_text_frame and sh.text_frame.text == "CONTENTS")
    assert word.text_frame._txBody.bodyPr.get("wrap") == "none"
    from deckgen.text.metrics import text_em

    assert word.width >= Pt(1.2 * text_em("CONTENTS") * 14)  # holds the word with room to spare
    assert abs((word.left + word.width / 2) - Pt(95)) < Pt(1)  # about its centre
    assert_valid_template_deck(template, out)


def test_a_renumbered_label_stays_on_one_line_and_its_box_holds_it() -> None:
    """cn-sample-enprompt: `TWO` in a box drawn for `ONE` in a condensed font wrapped to `TW`/`O` where the
    font is wider. The number does not wrap, and its unseen box widens about its centre to hold it."""
    from deckgen.render.designwords import renumber_parts
    from deckgen.text.metrics import text_em

    copied, tb = _one_box("ONE", 96, 206, 124)
    centre = tb.left + tb.width / 2
    renumber_parts(copied, set(), 3)
    assert tb.text_frame.text == "THREE"
    assert tb.text_frame._txBody.bodyPr.get("wrap") == "none"
    size = max(r.font.size.pt for p in tb.text_frame.paragraphs for r in p.runs)
    assert tb.width >= Pt(1.2 * text_em("THREE") * size) and tb.left + tb.width / 2 == pytest.approx(centre, abs=1)


def test_an_unseen_self_fitting_box_holds_its_big_numbers_glyphs() -> None:
    """cn-sample-dabian, cn-wps-filled: a 199-pt `1` in a self-fitting box sized to its line; the glyph box
    reaches past it. The box grows down to hold it; the text (anchored at the top) does not move."""
    from deckgen.render.slides import GLYPH_BOX_EM, _fit_autofit_boxes

    copied, tb = _one_box("1", 199, 152, 248, autofit=True)
    top = tb.top
    _fit_autofit_boxes(copied)
    assert tb.top == top and tb.height >= Pt(GLYPH_BOX_EM * 199 + 7.2) - 2


def _pictured(path: Path, grey: int, tmp: Path) -> Path:
    """`sample_template` with a plain picture of `grey` as every page's background, and the contents page's
    items in the background colour (`bg1`: white), as they stand on a plate on cn-red-huawei's sample."""
    from lxml import etree
    from PIL import Image

    picture = tmp / f"bg{grey}.png"
    Image.new("RGB", (64, 36), (grey, grey, grey)).save(picture)
    sample_template(path)
    prs = Presentation(str(path))
    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    for slide in prs.slides:
        _, rid = slide.part.get_or_add_image_part(str(picture))
        c_sld = slide._element.find("p:cSld", ns)
        c_sld.insert(0, etree.fromstring(
            f'<p:bg xmlns:p="{ns["p"]}" xmlns:a="{ns["a"]}" xmlns:r="{ns["r"]}"><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/>'
            '<a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>'))
    for sh in prs.slides[1].shapes:
        if sh.has_text_frame and "目录标题" in sh.text_frame.text:
            for r in sh._element.iter(f"{{{ns['a']}}}rPr"):
                etree.SubElement(etree.SubElement(r, f"{{{ns['a']}}}solidFill"), f"{{{ns['a']}}}schemeClr", val="bg1")
    prs.save(str(path))
    return path


@pytest.mark.parametrize("grey, white", [(235, False), (30, True)])
def test_contents_in_the_background_colour_take_the_text_colour_on_a_light_page(tmp_path: Path, grey: int, white: bool) -> None:
    """cn-red-huawei: the contents page's items were white (they stood on a red plate deckgen clears) and the
    lecture's sections came out white on the light page. On a light background picture they take the theme's
    text colour; on a dark one (cn-sample-jianyue's night sky) white stays."""
    template = _pictured(tmp_path / "pictured.pptx", grey, tmp_path)
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    agenda = next(s for s in Presentation(str(out)).slides
                  if any(sh.has_text_frame and sh.text_frame.text.strip() == "目录" for sh in s.shapes))
    items = next(sh for sh in agenda.shapes if sh.has_text_frame and sh.text_frame.text.startswith("一、"))
    fills = {c.get("val") for c in items._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}schemeClr")}
    assert ("bg1" in fills) is white
    assert_valid_template_deck(template, out)


def test_a_template_tag_naming_the_content_is_no_contents_heading() -> None:
    """es-plantilla: its pages hold template-engine tags (`#section_title`, `#content`); `#content` was read as a
    `Contents` heading, the page copied for the contents with the lecture's list over its title. A tag is no
    heading and no design word."""
    from deckgen.render.samples import AGENDA, DECOR

    for tag in ("#content", "{{contents}}", "${agenda}", "#01"):
        assert not AGENDA.match(tag) and not DECOR.match(tag), tag
    for word in ("目录", "CONTENTS", "Contents", "Agenda"):
        assert AGENDA.match(word) and DECOR.match(word), word


def test_the_inspect_sheet_shows_hidden_sample_pages_so_every_caption_has_its_picture(tmp_path: Path) -> None:
    """LibreOffice leaves hidden slides out of the picture: the captions of the layouts after them were one
    picture off each (cn-sample-enprompt's sheet named layout 1's picture `sample 25`). The sheet's deck shows
    every sample page, the hidden ones captioned so."""
    from deckgen.render.describe import layout_deck

    path = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(path))
    prs.slides[2]._element.set("show", "0")
    prs.save(str(path))
    captions = layout_deck(path, tmp_path / "sheet.pptx")
    shown = Presentation(str(tmp_path / "sheet.pptx"))
    assert len(captions) == len(shown.slides)
    assert not any(s._element.get("show") in ("0", "false") for s in shown.slides)
    assert captions[2] == "sample 3: not used (hidden)"
