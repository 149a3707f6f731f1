"""Text on copied sample pages stays in its boxes: small one-line boxes grow into free room, boxes reaching
off the slide come back on it, grouped boxes are lifted out of their (scaled) group, self-fitting boxes grow
with a renumbered part number, vertical text is fitted along its height, slide numbers are the slide's,
punctuation does not hang out of a box, cards too big for the page's body are set as bullets."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from deckgen.plan.grid import Box, Paragraphs
from deckgen.text.fit import line_count
from deckgen.text.metrics import LINE_HEIGHT_EM
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _deco

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _spaced(tb, spc: int) -> None:  # type: ignore[no-untyped-def]
    for r in tb._element.iter(f"{A}rPr"):
        r.set("spc", str(spc))


def _scaled_group(slide, x: float, y: float, w: float, h: float, text: str, size: int):  # type: ignore[no-untyped-def]
    """A group holding one text box, whose child coordinates are twice its size on the slide."""
    group = slide.shapes.add_group_shape()
    _box(group, x, y, w, h, text, size)
    _deco(group, x, y + h + 4, w, 4)
    xfrm = group._element.find(f"{P}grpSpPr/{A}xfrm")
    off, ext, ch_off, ch_ext = (xfrm.find(f"{A}{n}") for n in ("off", "ext", "chOff", "chExt"))
    for el, (a, b) in ((off, ("x", "y")), (ch_off, ("x", "y"))):
        el.set(a, str(int(Pt(x)))), el.set(b, str(int(Pt(y))))
    ext.set("cx", str(int(Pt(w)) // 2)), ext.set("cy", str(int(Pt(h + 8)) // 2))
    ch_ext.set("cx", str(int(Pt(w)))), ch_ext.set("cy", str(int(Pt(h + 8))))
    return group


def cramped_template(path: Path) -> Path:
    """A template-site deck whose text boxes are the trouble: a one-line subtitle box with letter spacing,
    a cover title box reaching off the slide, a section title in a scaled group, a self-fitting part
    number box sized for `1`, a slide-number field showing the sample's number, a vertical byline, and a
    content page whose body is a narrow column (no room for cards)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _deco(cover, 0, 0, 960, 100), _deco(cover, 0, 500, 960, 40)
    _box(cover, 560, 200, 460, 70, "年度汇报", 40)  # reaches 60 pt off the right edge
    _spaced(_box(cover, 150, 372, 154, 32, "副标题", 18), 300)
    vertical = _box(cover, 60, 150, 50, 120, "汇报人：某某", 18)
    vertical.text_frame._txBody.find(f"{A}bodyPr").set("vert", "eaVert")
    agenda = prs.slides.add_slide(blank)
    _deco(agenda, 0, 0, 300, 540)
    _box(agenda, 40, 220, 220, 60, "目录", 40)
    for i in range(4):
        _box(agenda, 360, 80 + 100 * i, 60, 40, f"0{i + 1}", 28)
        _box(agenda, 440, 80 + 100 * i, 420, 40, "单击此处添加目录标题", 20)
    for n in (1, 2):
        section = prs.slides.add_slide(blank)
        _deco(section, 40, 120, 200, 200)
        _box(section, 60, 160, 160, 60, f"PART 0{n}", 32)
        _scaled_group(section, 300, 350, 160, 40, "章节标题", 28)
    content = prs.slides.add_slide(blank)
    _deco(content, 0, 0, 960, 90), _deco(content, 360, 130, 560, 360)
    _box(content, 20, 20, 40, 30, "1", 24)  # python-pptx's text boxes fit themselves to their text (spAutoFit)
    _box(content, 70, 20, 300, 50, "单击此处添加标题", 28)
    _box(content, 40, 130, 260, 360, "单击此处添加文本内容，建议您在展示时采用微软雅黑字体", 20)
    field = _box(content, 880, 500, 60, 30, "", 12)
    p = field.text_frame._txBody.find(f"{A}p")
    fld = etree.SubElement(p, f"{A}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    etree.SubElement(fld, f"{A}t").text = "11"
    ending = prs.slides.add_slide(blank)
    _deco(ending, 0, 0, 960, 200)
    _box(ending, 200, 260, 560, 100, "谢谢观看", 54)
    prs.save(str(path))
    return path


def _shapes(slide):  # type: ignore[no-untyped-def]
    for sh in slide.shapes:
        if sh.shape_type == 6:
            yield from _shapes(sh)
        else:
            yield sh


def _holds(sh) -> bool:  # type: ignore[no-untyped-def]
    """Whether the text of `sh` fits its box as the fitter measures it (insets, letter spacing, line spacing)."""
    body = sh.text_frame._txBody
    pr = body.find(f"{A}bodyPr")
    ins = [int(pr.get(k, d)) / 12700 for k, d in (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))]
    w, h = sh.width / 12700, sh.height / 12700
    if pr.get("vert", "horz") != "horz":
        w, h = h, w
        ins = [ins[2], ins[3], ins[1], ins[0]]
    paras = [p for p in sh.text_frame.paragraphs if p.text]
    size = max(r.font.size.pt for p in paras for r in p.runs if r.font.size)
    spc = max((int(r.get("spc")) / 100 for r in body.iter(f"{A}rPr") if r.get("spc")), default=0.0)
    pct = [int(v.get("val")) / 100000 for v in body.iter(f"{A}spcPct")]
    style = Paragraphs(line_spacing=max([1.0, *pct]), letter_spacing=spc)
    lines = sum(line_count([p.text for p in paras], Box(0, 0, w, h, *ins), size, style, cjk=True))
    return lines * size * LINE_HEIGHT_EM * style.line_spacing <= h - ins[2] - ins[3] + 0.5


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    folder = tmp_path_factory.mktemp("cramped")
    template = cramped_template(folder / "模板.pptx")
    out = folder / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    return template, out, [w.message for w in result.warnings]


def test_every_text_the_lecture_put_on_a_copied_page_fits_its_box_on_the_slide(deck: tuple[Path, Path, list[str]]) -> None:
    template, out, _ = deck
    prs = Presentation(str(out))
    sw, sh_ = prs.slide_width, prs.slide_height
    checked = 0
    for n, slide in enumerate(prs.slides, 1):
        for sh in _shapes(slide):
            if not sh.has_text_frame or not sh.text_frame.text.strip() or sh.name.startswith(("Deco", "Card")):
                continue
            if re.fullmatch(r"目录|PART 0\d|谢谢观看|\d+", sh.text_frame.text.strip()):
                continue  # the page's own design words
            assert sh._element.getparent().tag == f"{P}spTree", f"slide {n}: {sh.text_frame.text!r} left in a group"
            assert 0 <= sh.left and sh.left + sh.width <= sw and 0 <= sh.top and sh.top + sh.height <= sh_, \
                f"slide {n}: {sh.text_frame.text[:20]!r} reaches off the slide"
            assert _holds(sh), f"slide {n}: {sh.text_frame.text[:20]!r} does not fit its box"
            checked += 1
    assert checked > 20
    assert_valid_template_deck(template, out)


def test_copied_pages_show_their_own_slide_number_and_part_number_boxes_hold_it(deck: tuple[Path, Path, list[str]]) -> None:
    _, out, _ = deck
    prs = Presentation(str(out))
    numbered = 0
    for n, slide in enumerate(prs.slides, 1):
        for fld in slide._element.iter(f"{A}fld"):
            if fld.get("type") == "slidenum":
                assert fld.find(f"{A}t").text == str(n)
                numbered += 1
        for sh in _shapes(slide):
            pr = sh._element.find(f"{P}txBody/{A}bodyPr") if sh.has_text_frame else None
            if pr is not None and pr.find(f"{A}spAutoFit") is not None and sh.text_frame.text.strip():
                assert sh.height / 12700 >= 24 * LINE_HEIGHT_EM, f"slide {n}: a self-fitting box shorter than its line"
    assert numbered >= 10


def test_punctuation_does_not_hang_out_of_boxes_on_a_template(deck: tuple[Path, Path, list[str]]) -> None:
    _, out, _ = deck
    for slide in Presentation(str(out)).slides:
        for p in slide._element.iter(f"{A}p"):
            ppr = p.find(f"{A}pPr")
            assert ppr is not None and ppr.get("hangingPunct") == "0"


def test_cards_too_big_for_the_pages_body_become_bullets(deck: tuple[Path, Path, list[str]]) -> None:
    _, out, warnings = deck
    assert any("cards do not fit" in w for w in warnings)
    assert not any(sh.name.startswith("Card") for s in Presentation(str(out)).slides for sh in s.shapes)
    text = "".join(sh.text_frame.text for s in Presentation(str(out)).slides for sh in _shapes(s) if sh.has_text_frame)
    assert "自身发展：转向创新驱动阶段" in text  # the bullet as written


def test_the_opening_quotation_is_on_its_copied_page(deck: tuple[Path, Path, list[str]]) -> None:
    """The quote kind takes the content page; its quotation goes in the body's place (it was dropped)."""
    _, out, _ = deck
    slides = list(Presentation(str(out)).slides)
    quote = next(s for s in slides if any(sh.has_text_frame and sh.text_frame.text.strip() == "引言" for sh in s.shapes))
    text = "".join(sh.text_frame.text for sh in _shapes(quote) if sh.has_text_frame)
    assert "首要任务" in text and "A总书记" in text


def _sp(xml: str):  # type: ignore[no-untyped-def]
    return etree.fromstring(f'<p:sp xmlns:p="{P[1:-1]}" xmlns:a="{A[1:-1]}">{xml}</p:sp>')


@pytest.mark.parametrize("anchor, own_inset, inherited, raised", [
    ("b", None, None, True),          # a bottom-anchored title box (deckgen's own, cn-red-sjtu-blank)
    (None, None, "b", True),          # a placeholder bottom-anchored by its layout (cn-wps-shtu's cover)
    ("b", 914400, None, False),       # an inset larger than the glyphs need is kept
    ("t", None, "b", False),          # the slide's own anchor wins; top-anchored text is fitted clear already
    ("ctr", None, None, False),
])
def test_bottom_anchored_text_keeps_its_last_lines_glyphs_in_the_box(anchor, own_inset, inherited, raised) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice draws a Chinese line's glyphs up to 0.16 em below the line; a bottom-anchored box set them
    past its edge (covers and closings of seven templates). Its bottom inset becomes at least that."""
    from deckgen.render.frames import GLYPH_DEPTH_EM, clear_bottom_line

    attrs = (f' anchor="{anchor}"' if anchor else "") + (f' bIns="{own_inset}"' if own_inset else "")
    sp = _sp(f"<p:txBody><a:bodyPr{attrs}/><a:p/></p:txBody>")
    layout = _sp(f'<p:txBody><a:bodyPr anchor="{inherited}"/></p:txBody>') if inherited else None
    clear_bottom_line(sp, (layout,), 48.0)
    b_ins = sp.find(f"{P}txBody/{A}bodyPr").get("bIns")
    if raised:
        assert int(b_ins) == round(GLYPH_DEPTH_EM * 48.0 * 12700)
    else:
        assert b_ins == (str(own_inset) if own_inset else None)


def test_a_sample_boxs_exact_line_spacing_and_space_after_count_in_its_slot() -> None:
    """cn-123layouts: the content page's body sets lines 28 pt apart for 16-pt text and 3 pt after each
    paragraph; the fitter took single spacing and six bullets ran below the box."""
    from deckgen.render.frames import sample_slot

    sp = _sp('<p:txBody><a:bodyPr/><a:p><a:pPr><a:lnSpc><a:spcPts val="2800"/></a:lnSpc><a:spcBef><a:spcPts val="0"/>'
             '</a:spcBef><a:spcAft><a:spcPts val="300"/></a:spcAft></a:pPr><a:r><a:rPr sz="1600"/><a:t>正文</a:t></a:r></a:p>'
             '</p:txBody>')
    slot = sample_slot(sp, (40, 130, 600, 160), title=False)
    assert slot.style.line_spacing == pytest.approx(28 / (16 * LINE_HEIGHT_EM))
    assert slot.style.space_before == pytest.approx(3.0)
    from deckgen.text.fit import fit

    assert 6 * 28 + 5 * 3 > slot.box.text_h  # six one-line bullets as the box shows them do not fit …
    assert not fit(["要点"] * 6, slot.box, 16, 16, slot.style, cjk=True).fits  # … and the fitter knows it
    assert fit(["要点"] * 4, slot.box, 16, 16, slot.style, cjk=True).fits
    # space given as a share of the line: half a line before each paragraph, as the box sets it
    sp = _sp('<p:txBody><a:bodyPr/><a:p><a:pPr><a:spcBef><a:spcPct val="50000"/></a:spcBef></a:pPr>'
             '<a:r><a:rPr sz="1600"/><a:t>正文</a:t></a:r></a:p></p:txBody>')
    style = sample_slot(sp, (40, 130, 600, 160), title=False).style
    assert style.space_before == 0.0 and style.between(16.0) == pytest.approx(0.5 * 16 * LINE_HEIGHT_EM)


def test_exact_line_spacing_scales_with_the_fitted_size() -> None:
    from deckgen.render.oxml import set_paragraphs_like

    sp = _sp('<p:txBody><a:bodyPr/><a:p><a:pPr><a:lnSpc><a:spcPts val="2800"/></a:lnSpc></a:pPr>'
             '<a:r><a:rPr sz="1600"/><a:t>正文</a:t></a:r></a:p></p:txBody>')
    set_paragraphs_like(sp.find(f"{P}txBody"), ["一", "二"], "zh-CN", 12.0)
    assert [p.get("val") for p in sp.iter(f"{A}spcPts")] == ["2100", "2100"]


def test_vertical_text_in_a_box_turned_a_quarter_is_written_as_the_box_it_shows_as() -> None:
    """cn-sample-enprompt's cover: `Lab1` in an eaVert box turned 270° reads across the slide; the lecture's
    title went in as vertical text turned on its side. The box is read, fitted and written upright."""
    from deckgen.render.samples import make_upright, text_shapes, turned

    tree = etree.fromstring(f'<p:spTree xmlns:p="{P[1:-1]}" xmlns:a="{A[1:-1]}"><p:sp><p:nvSpPr><p:cNvPr id="5" name="t"/>'
                            '</p:nvSpPr><p:spPr><a:xfrm rot="16200000"><a:off x="1270000" y="2540000"/>'
                            '<a:ext cx="1270000" cy="3810000"/></a:xfrm></p:spPr><p:txBody><a:bodyPr vert="eaVert"/>'
                            '<a:p><a:r><a:rPr sz="4000"/><a:t>Lab1</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>')
    (sp, shape), = list(text_shapes(tree))
    assert turned(sp) and not shape.vertical
    assert shape.box == pytest.approx((100 + 50 - 150, 200 + 150 - 50, 300, 100))  # the box as it shows
    make_upright(sp)
    assert not turned(sp) and sp.find(f"{P}spPr/{A}xfrm").get("rot") is None
    (_, again), = list(text_shapes(tree))
    assert again.box == pytest.approx(shape.box) and not again.vertical


def _plate_template(path: Path) -> Path:
    """cn-sample-jianyue's section page: the title box is a 100×26-pt plate inside a drawn emblem in the
    middle of the page, with free room above and below it."""
    from tests.test_render_samples import sample_template

    sample_template(path)
    prs = Presentation(str(path))
    for slide in list(prs.slides)[2:4]:  # the two section pages: the plate replaces the wide title box
        for sh in list(slide.shapes):
            if sh.has_text_frame and "章节标题" in sh.text_frame.text:
                sh._element.getparent().remove(sh._element)
        _deco(slide, 380, 180, 200, 200)
        _box(slide, 430, 330, 100, 26, "章节标题", 16)
    prs.save(str(path))
    return path


def test_a_section_title_plate_too_small_for_titles_gives_way_to_the_free_band_of_the_page(tmp_path: Path) -> None:
    template = _plate_template(tmp_path / "plate.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    assert [w.message for w in result.warnings if "too small for section titles" in w.message]
    prs = Presentation(str(out))
    sections = [s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == "PART 01" for sh in s.shapes)]
    assert sections
    first = read_outline(OUTLINE).outline.sections[0].title  # the page's PART 01 says 一、
    title = next(sh for sh in sections[0].shapes if sh.has_text_frame and sh.text_frame.text.replace("\n", "").replace("\v", "") == first)
    top, bottom = title.top / 12700, (title.top + title.height) / 12700
    assert title.width / 12700 > 600 and (bottom <= 180 + 1 or top >= 380 - 1)  # across the page, clear of the emblem
    assert _holds(title)
    assert_valid_template_deck(template, out)
