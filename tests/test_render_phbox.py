"""Placeholders without a box of their own are read where they show (their layout's or master's box), on
templates the tests build: tw-land-43's content pages, whose title and body inherit their place, and a
cover layout with no place for the lines under the title (cn-edu-variants)."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from deckgen.render.phbox import inherited_box, inherited_size
from deckgen.render.pptx_api import element
from deckgen.render.samples import read_samples
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box

LABELS = ("收件", "計收費", "初審", "複審核定", "配件", "登錄", "校對", "用印", "發件")


def _layout(prs, name: str):  # type: ignore[no-untyped-def]
    return next(lo for lo in prs.slide_layouts if lo.name == name)


def _xfrm(sp) -> object:  # type: ignore[no-untyped-def]
    return sp.find("{http://schemas.openxmlformats.org/presentationml/2006/main}spPr/"
                   "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")


def test_a_placeholder_without_a_box_is_where_its_layouts_or_masters_is() -> None:
    prs = Presentation()  # python-pptx's default: the layouts' title and body have no box of their own
    layout = _layout(prs, "Title and Content")
    slide = prs.slides.add_slide(layout)
    chain = (element(layout), element(layout.slide_master))
    title, body = element(slide.shapes.title), element(slide.placeholders[1])
    assert _xfrm(title) is None and _xfrm(element(layout.placeholders[0])) is None
    master_title = next(p for p in layout.slide_master.placeholders if p.placeholder_format.idx == 0)
    master_body = next(p for p in layout.slide_master.placeholders if p.placeholder_format.idx == 1)
    assert inherited_box(title, chain) == (master_title.left, master_title.top, master_title.width, master_title.height)
    assert inherited_box(body, chain) == (master_body.left, master_body.top, master_body.width, master_body.height)
    assert inherited_box(title) is None  # nothing to inherit from: no box
    own = layout.placeholders[0]
    own.left, own.top, own.width, own.height = Pt(30), Pt(20), Pt(600), Pt(60)  # the layout's own box wins
    assert inherited_box(title, chain) == (Pt(30), Pt(20), Pt(600), Pt(60))
    master_style = element(layout.slide_master).find(
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}titleStyle/"
        "{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr/"
        "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr")
    assert inherited_size(title, chain) == int(master_style.get("sz")) / 100


def land_template(path: Path) -> Path:
    """tw-land-43 in small: the design in the master, sample pages whose title and body are placeholders without
    a box of their own (on `Title and Content`), one page a process diagram (its page title such a placeholder,
    its steps 40-pt text boxes joined by arrows) and two form pages (a picture with notes on it)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(720), Pt(540)
    content = _layout(prs, "Title and Content")
    cover = prs.slides.add_slide(content)
    cover.shapes.title.text = "普通抵押權設定登記"
    cover.placeholders[1].text = "案件申請須知"
    for title, text in (("申請時機", "以土地或建物提供擔保設定抵押權"), ("登記費及罰鍰", "登記費按權利價值千分之一計徵")):
        page = prs.slides.add_slide(content)
        page.shapes.title.text = title
        page.placeholders[1].text = text
        for run in page.placeholders[1].text_frame.paragraphs[0].runs:
            run.font.size = Pt(24)  # larger than the 18 pt a run without a size was taken for
    flow = prs.slides.add_slide(content)
    flow.shapes.title.text = "作業流程"
    flow.shapes._spTree.remove(element(flow.placeholders[1]))
    for i, label in enumerate(LABELS):
        x, y = 80 + 210 * (i % 3), 120 + 140 * (i // 3)
        _box(flow, x, y, 120, 55, label, 40).name = f"Step {i}"
        if i % 3 < 2:
            flow.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(x + 125), Pt(y + 28), Pt(x + 205), Pt(y + 28)).name = "Arrow"
    for n in range(2):
        form = prs.slides.add_slide(_layout(prs, "Title Only"))
        form.shapes.title.text = "書寫範例"
        pic = form.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(60), Pt(100), Pt(600), Pt(400))
        pic.name = "Form"
        for k in range(4):
            _box(form, 100 + 120 * k, 150 + 60 * k, 110, 30, f"權利人{n}{k}", 14)
    prs.save(str(path))
    return path


def test_sample_pages_read_their_placeholders_where_they_show(tmp_path: Path) -> None:
    prs = Presentation(str(land_template(tmp_path / "land.pptx")))
    samples = read_samples(prs)
    page = samples[1]
    title = next(t for t in page.texts if t.text == "申請時機")
    body = next(t for t in page.texts if t.text.startswith("以土地"))
    assert title.placeholder and body.placeholder and title.box[1] < body.box[1]
    assert title.size > body.size  # the master's title style, not the 18 pt of a run without a size
    assert any(t.text == "作業流程" and t.box[1] < 100 for t in samples[3].texts)


def test_content_slides_take_the_layout_not_the_diagram_page_under_the_title(tmp_path: Path) -> None:
    """tw-land-43: the content pages' placeholders were skipped (no box of their own), so the diagram page was
    copied for every content slide, the lecture's title in a step's box and the bullets across its arrows."""
    template = land_template(tmp_path / "land.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    deck = Presentation(str(out))
    outline = read_outline(OUTLINE).outline
    wanted = {sub.title for sec in outline.sections for sub in sec.subsections}
    content = [s for s in deck.slides if s.shapes.title is not None
               and any(w in s.shapes.title.text_frame.text for w in wanted)]
    assert len(content) >= len(wanted) - 1
    for slide in deck.slides:
        names = {sh.name for sh in slide.shapes}
        words = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert not names & {"Arrow", "Form"} and not any(f"Step {i}" in names for i in range(len(LABELS))), names
        assert "作業流程" not in words and "計收費" not in words
    for slide in content:
        assert slide.slide_layout.name == "Title and Content"
        title = element(slide.shapes.title)
        chain = (element(slide.slide_layout), element(slide.slide_layout.slide_master))
        top = inherited_box(title, chain)[1]
        assert all(inherited_box(element(sh), chain)[1] > top for sh in slide.placeholders
                   if sh.placeholder_format.idx == 1)
    assert not any("sample slides" in w.message for w in result.warnings)
    assert_valid_template_deck(template, out)


def test_a_cover_layout_without_a_subtitle_shows_its_lines_under_the_title(tmp_path: Path) -> None:
    """cn-edu-variants: the cover layout has a title and nothing for the subtitle and presenter, which were
    left out; they go in the room under the title, centred as it is, clear of the layout's drawing below."""
    prs = Presentation()
    layout = _layout(prs, "Title Slide")
    tree = layout.shapes._spTree
    tree.remove(element(layout.placeholders[1]))
    tree.append(etree.fromstring(  # a seal the layout draws under the title's place
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="20" name="Seal"/>'
        '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="3810000" y="5715000"/><a:ext cx="1524000" '
        'cy="762000"/></a:xfrm><a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom></p:spPr></p:sp>'))
    template = tmp_path / "cover.pptx"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    deck = Presentation(str(out))
    cover = deck.slides[0]
    deck_meta = read_outline(OUTLINE).outline.deck
    title = cover.shapes.title
    lines = next(sh for sh in cover.shapes if sh.has_text_frame and deck_meta.subtitle in sh.text_frame.text)
    assert deck_meta.presenter in lines.text_frame.text
    chain = (element(cover.slide_layout), element(cover.slide_layout.slide_master))
    tx, ty, tw, th = inherited_box(element(title), chain)
    assert lines.top >= ty + th and lines.top + lines.height <= Pt(450)  # under the title, above the seal
    assert lines.left == tx and lines.width == tw
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert all(p.get("algn") == "ctr" for p in element(lines).iter(f"{ns}pPr"))
    assert not any(etree.QName(el).localname == "buChar" for el in element(lines).iter())
    assert_valid_template_deck(template, out)


def test_cover_lines_are_not_set_over_a_band_across_the_page_under_the_title(tmp_path: Path) -> None:
    """de-training-43: a photograph across the page right under the cover's title is no room for its lines."""
    prs = Presentation()
    layout = _layout(prs, "Title Slide")
    layout.shapes._spTree.remove(element(layout.placeholders[1]))
    title = layout.placeholders[0]
    band_top = title.top + title.height + Pt(8)
    layout.shapes._spTree.append(etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="20" name="Band"/>'
        f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{band_top}"/><a:ext cx="{prs.slide_width}" '
        f'cy="{Pt(150)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>'))
    template = tmp_path / "band.pptx"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    cover = Presentation(str(out)).slides[0]
    for sh in cover.shapes:
        if sh.has_text_frame and sh.text_frame.text.strip() and sh.name != "Band":
            assert sh.top + sh.height <= band_top or sh.top >= band_top + Pt(150), sh.text_frame.text


def _rect(shape_id: int, name: str, box: tuple[int, int, int, int], text: str = "") -> etree._Element:
    body = (f'<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="zh-TW" sz="2800"/><a:t>{text}</a:t></a:r></a:p></p:txBody>'
            if text else "")
    return etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/></a:xfrm><a:prstGeom prst="rect">'
        f'<a:avLst/></a:prstGeom></p:spPr>{body}</p:sp>')


def test_titles_keep_clear_of_a_band_down_the_side_and_of_the_layouts_own_heading(tmp_path: Path) -> None:
    """tw-land-43: the master's stripes run down the left edge and the section layout's title starts on them;
    a content layout's own heading (a text box) sits where its title starts. Both titles move clear."""
    prs = Presentation()
    band = (0, 0, int(Pt(60)), int(prs.slide_height))
    element(prs.slide_master).find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}spTree").append(
        _rect(90, "Stripes", band))
    section = _layout(prs, "Section Header")
    sec_title = section.placeholders[0]
    sec_title.left, sec_title.top, sec_title.width, sec_title.height = Pt(30), Pt(200), Pt(640), Pt(100)
    content = _layout(prs, "Title and Content")
    title = content.placeholders[0]
    title.left, title.top, title.width, title.height = Pt(80), Pt(30), Pt(600), Pt(70)
    heading = (int(Pt(80)), int(Pt(30)), int(Pt(100)), int(Pt(70)))  # a sixth of the title: not passed over
    content.shapes._spTree.append(_rect(91, "Heading", heading, "作業流程"))
    template = tmp_path / "stripes.pptx"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    deck = Presentation(str(out))
    placed = 0
    for slide in deck.slides:
        t = slide.shapes.title
        if t is None or slide.slide_layout.name not in ("Section Header", "Title and Content"):
            continue
        chain = (element(slide.slide_layout), element(slide.slide_layout.slide_master))
        x, y, w, h = inherited_box(element(t), chain)
        assert x >= band[2], (slide.slide_layout.name, t.text_frame.text)
        placed += slide.slide_layout.name == "Section Header"
        if slide.slide_layout.name == "Title and Content":
            assert x >= heading[0] + heading[2] or y >= heading[1] + heading[3], t.text_frame.text
            placed += 1
    assert placed > 8  # three section pages and the content pages
    assert_valid_template_deck(template, out)


def test_the_openings_copies_of_a_numbered_content_page_do_not_show_its_part_number(tmp_path: Path) -> None:
    """cn-wps-filled: the content page is part 02's (a `02` badge); the opening's slides copied from it showed `02`
    (and its renumbered sections their own number)."""
    from tests.test_render_samples import sample_template

    template = sample_template(tmp_path / "模板.pptx")
    prs = Presentation(str(template))
    content = next(s for s in prs.slides if any(sh.has_text_frame and "添加文本内容" in sh.text_frame.text for sh in s.shapes))
    _box(content, 880, 20, 50, 40, "02", 24).name = "Badge"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    slides = list(Presentation(str(out)).slides)
    badges = [next((sh.text_frame.text for sh in s.shapes if sh.name == "Badge"), None) for s in slides]
    opening = [b for s, b in zip(slides, badges) if s.shapes.title is not None and s.shapes.title.text_frame.text.startswith("引言")]
    assert opening and all(b is None for b in opening), opening
    assert {"01", "02", "03"} <= {b for b in badges if b}


def test_a_cover_layout_with_a_band_right_under_its_title_shows_its_lines_in_the_free_room_below_the_band(tmp_path: Path) -> None:
    """de-training-43: its cover layout has a title at the top, a photograph band across the page right under it
    and nothing for the subtitle and presenter, which were left out without a word. They go in the largest free
    room of the page, here below the band beside a logo, clear of the title, the band and the logo."""
    prs = Presentation()
    layout = _layout(prs, "Title Slide")
    tree = layout.shapes._spTree
    tree.remove(element(layout.placeholders[1]))
    title = layout.placeholders[0]
    title.left, title.top, title.width, title.height = Pt(40), Pt(20), Pt(640), Pt(90)
    tree.append(_rect(20, "Band", (0, 1524000, 9144000, 2540000)))  # right under the title, across the page
    tree.append(_rect(21, "Logo", (3429000, 4114800, 2286000, 2743200)))  # under the band, in the title's span
    template = tmp_path / "cover.pptx"
    prs.save(str(template))
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    cover = Presentation(str(out)).slides[0]
    deck_meta = read_outline(OUTLINE).outline.deck
    lines = next(sh for sh in cover.shapes if sh.has_text_frame and deck_meta.subtitle in re.sub("[\n\v]", "", sh.text_frame.text))  # (broken between words)
    assert deck_meta.presenter in lines.text_frame.text
    assert lines.top >= Pt(120 + 200) and lines.left + lines.width <= Pt(270)  # below the band, beside the logo
    assert not [w for w in result.warnings if "cover has no room" in w.message]
    assert_valid_template_deck(template, out)
