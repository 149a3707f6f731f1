"""Cover, quote and section pages on a template whose layouts were made for other pages: picture frames typed
`body` (Keynote exports), a lone title layout with no place for a quotation, one content layout for all."""
from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from tests.conftest import OUTLINE

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _frame_placeholder(layout: object, idx: int, box: tuple[float, float, float, float]) -> None:
    """Add to `layout` a square body placeholder drawn as a gradient-filled circle (Keynote's media frame)."""
    x, y, w, h = (round(Pt(v)) for v in box)
    sp = etree.fromstring(
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{90 + idx}" name="Frame {idx}"/><p:cNvSpPr/>'
        f'<p:nvPr><p:ph type="body" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="ellipse"><a:avLst/>'
        '</a:prstGeom><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="4F81BD"/></a:gs><a:gs pos="100000">'
        '<a:srgbClr val="9BBB59"/></a:gs></a:gsLst></a:gradFill></p:spPr><p:txBody><a:bodyPr anchor="ctr"/>'
        '<a:lstStyle/><a:p><a:endParaRPr/></a:p></p:txBody></p:sp>')
    layout._element.find(f"{{{P}}}cSld/{{{P}}}spTree").append(sp)  # type: ignore[attr-defined]


def _texts(slide: object) -> dict[str, tuple[bool, int]]:
    """Each text shape's text → (placeholder?, its idx)."""
    out = {}
    for sh in slide.shapes:  # type: ignore[attr-defined]
        if sh.has_text_frame and sh.text_frame.text.strip():
            out[sh.text_frame.text] = (sh.is_placeholder, sh.placeholder_format.idx if sh.is_placeholder else -1)
    return out


def test_a_square_filled_body_placeholder_is_a_picture_frame_not_a_place_for_a_byline_or_source(tmp_path: Path) -> None:
    """keynote-talk: the cover's presenter and the quotation's source were set in a small circle typed `body`
    (Keynote's media placeholder); they belong with the subtitle and the quotation."""
    prs = Presentation()
    cover = next(lo for lo in prs.slide_layouts if lo.name == "Title Slide")
    _frame_placeholder(cover, 13, (300, 30, 120, 120))
    section = next(lo for lo in prs.slide_layouts if lo.name == "Section Header")
    _frame_placeholder(section, 13, (40, 200, 110, 110))
    path = tmp_path / "keynote.pptx"
    prs.save(str(path))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=path))
    deck = Presentation(str(out))
    texts = [_texts(s) for s in deck.slides]
    assert all(idx != 13 for t in texts for _, idx in t.values())
    cover_text = "\n".join(texts[0])
    assert "XX区委书记" in cover_text
    quote = next(t for t in texts if any("首要任务" in k for k in t))
    assert any("总书记" in k for k in quote)  # the source, with the quotation or below it


def _one_layout_template(path: Path) -> Path:
    """A template whose only layout is `Title and Content` (a Keynote export without layouts of its own)."""
    prs = Presentation()
    for layout in [lo for lo in prs.slide_layouts if lo.name != "Title and Content"]:
        prs.slide_layouts.remove(layout)
    prs.save(str(path))
    return path


def _top(sh: object) -> float:
    return sh.top / 12700  # type: ignore[attr-defined]


def test_on_a_template_with_one_content_layout_the_cover_and_sections_stand_in_its_room(tmp_path: Path) -> None:
    """keynote-nolayouts: the cover and closing came out as a title bar over a bulleted list and each section
    page as a bare title bar. Their titles stand large in the body's room, the cover's and closing's lines
    below the title as lines (no bullet, no indent), aligned as the title is."""
    from deckgen.outline.read import read_outline

    path = _one_layout_template(tmp_path / "one.pptx")
    layout = Presentation(str(path)).slide_layouts[0]
    title_ph, body_ph = (next(p for p in layout.placeholders if p.placeholder_format.idx == i) for i in (0, 1))
    title_align = layout.slide_master._element.find(f".//{{{P}}}titleStyle/{{{A}}}lvl1pPr").get("algn")
    assert title_align == "ctr"  # the stock master's; its body is flush left, with bullets
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=path))
    deck = Presentation(str(out))
    slides = list(deck.slides)
    cover = slides[0]
    title = cover.shapes.title
    lines = next(sh for sh in cover.placeholders if sh.placeholder_format.idx == 1)
    assert _top(title) >= _top(body_ph) and _top(lines) > _top(title) + title.height / 12700 - 1
    assert "XX区委书记" in lines.text_frame.text
    for p in lines.text_frame._txBody.findall(f"{{{A}}}p"):
        ppr = p.find(f"{{{A}}}pPr")
        assert ppr is not None and ppr.find(f"{{{A}}}buNone") is not None and ppr.get("marL") == "0"
        assert ppr.get("algn") == title_align
    closing = next(s for s in slides if s.shapes.title is not None and s.shapes.title.text_frame.text == "砥砺奋进正当时")
    lines = next(sh for sh in closing.placeholders if sh.placeholder_format.idx == 1)
    assert _top(closing.shapes.title) >= _top(body_ph) and _top(lines) > _top(closing.shapes.title)
    assert all(p.find(f"{{{A}}}pPr/{{{A}}}buNone") is not None for p in lines.text_frame._txBody.findall(f"{{{A}}}p"))
    sections = [s.title for s in read_outline(OUTLINE, None).outline.sections]
    pages = [s for s in slides if len(s.placeholders) == 1 and s.shapes.title is not None]  # no footer, no body
    assert len(pages) == len(sections)
    content_size = max(int(r.get("sz")) for r in slides[5].shapes.title._element.iter(f"{{{A}}}rPr") if r.get("sz"))
    for page in pages:
        assert _top(page.shapes.title) >= _top(body_ph) > _top(title_ph)
        sizes = [int(r.get("sz")) for r in page.shapes.title._element.iter(f"{{{A}}}rPr") if r.get("sz")]
        assert sizes and min(sizes) > content_size


def test_a_covers_lines_in_a_body_placeholder_carry_no_bullet_and_align_with_the_title(tmp_path: Path) -> None:
    """A cover layout whose lines under the title are a body placeholder (bulleted, flush left in the master's
    body style): the subtitle and presenter are lines, not a list, aligned as the (centred) title."""
    prs = Presentation()
    cover = next(lo for lo in prs.slide_layouts if lo.name == "Title Slide")
    ph = next(p for p in cover.placeholders if p.placeholder_format.idx == 1)._element.find(f".//{{{P}}}ph")
    ph.set("type", "body")
    for ppr in cover._element.iter(f"{{{A}}}lvl1pPr"):  # the layout's own centring and bullet gone: the master's apply
        ppr.getparent().remove(ppr)
    path = tmp_path / "bodycover.pptx"
    prs.save(str(path))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=path))
    lines = next(sh for sh in Presentation(str(out)).slides[0].placeholders if sh.placeholder_format.idx == 1)
    assert "XX区委书记" in lines.text_frame.text
    for p in lines.text_frame._txBody.findall(f"{{{A}}}p"):
        ppr = p.find(f"{{{A}}}pPr")
        assert ppr is not None and ppr.find(f"{{{A}}}buNone") is not None and ppr.get("algn") == "ctr"


def test_a_quotation_on_a_lone_title_layout_is_set_large_in_the_titles_place_with_its_source_below(tmp_path: Path) -> None:
    """google-slidesgo: the quote page borrows a statement layout (`MAIN_POINT`: one large centred title beside
    a drawing, no body); the quotation was set small in the strip left at the foot, over the drawing. It takes
    the title's place, at the theme's quotation size, and its source the room under the title."""
    from deckgen.theme.model import load_theme

    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title Only")
    layout.name = "MAIN_POINT"
    title = layout.placeholders[0]
    title.left, title.top, title.width, title.height = Pt(260), Pt(130), Pt(420), Pt(240)
    scratch = prs.slides.add_slide(layout)  # python-pptx draws shapes on slides only: draw there, move to the layout
    drawing = scratch.shapes.add_shape(1, Pt(20), Pt(300), Pt(200), Pt(220))
    layout.shapes._spTree.append(drawing._element)
    path = tmp_path / "mainpoint.pptx"
    prs.save(str(path))
    outline = tmp_path / "o.yaml"
    outline.write_text("deck: {title: 引用, language: zh-CN}\nsections:\n  - title: 第一部分\n    subsections:\n"
                       "      - title: 名言\n        quote:\n          text: 发展是第一要务，人才是第一资源，创新是第一动力\n"
                       "          source: 某报告\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(outline, out, template=path, roles=(("statement", "MAIN_POINT"),)))
    slide = next(s for s in Presentation(str(out)).slides
                 if any(sh.has_text_frame and "发展是第一要务" in sh.text_frame.text for sh in s.shapes))
    quote = slide.shapes.title
    assert quote is not None and "发展是第一要务" in quote.text_frame.text and "某报告" not in quote.text_frame.text
    sizes = [int(r.get("sz")) / 100 for r in quote._element.iter(f"{{{A}}}rPr") if r.get("sz")]
    assert sizes and min(sizes) >= load_theme().sizes.quote.min
    source = next(sh for sh in slide.shapes if sh.has_text_frame and "某报告" in sh.text_frame.text)
    x, y, w, h = (v / 12700 for v in (source.left, source.top, source.width, source.height))
    assert y >= 130 + 240 and x >= 260 - 1 and x + w <= 680 + 1  # under the title, as wide as it
    assert x >= 220 or y + h <= 300  # clear of the drawing


def test_lines_under_a_title_bar_across_the_slide_keep_the_bodys_margins(tmp_path: Path) -> None:
    """en-nyush: the content layout's title is a bar across the whole slide; the closing built on that layout
    set its lines as wide as the title, flush against the slide's left edge. They keep the body's margins."""
    path = _one_layout_template(tmp_path / "one.pptx")
    prs = Presentation(str(path))
    layout = prs.slide_layouts[0]
    title_ph, body_ph = (next(p for p in layout.placeholders if p.placeholder_format.idx == i) for i in (0, 1))
    title_ph.left, title_ph.width = 0, prs.slide_width
    prs.save(str(path))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=path))
    for slide in (s for s in Presentation(str(out)).slides if s.shapes.title is not None and
                  s.shapes.title.text_frame.text in ("砥砺奋进正当时", "坚定不移推动高质量发展")):
        lines = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
        assert lines.left >= body_ph.left - 12700 and lines.left + lines.width <= body_ph.left + body_ph.width + 12700


def test_a_quote_on_a_layout_whose_title_stands_under_its_text_keeps_the_title_off_the_slide(tmp_path: Path) -> None:
    """The stock template's quote page is its Section Header layout, whose title stands under its text: `引言` was
    read as the quotation's last line (cn-company-mcu-43, de-training-43, fr-modele, jp-company). The title is
    kept off the slide, above it, as on the built-in quote page; the section slides on that layout keep theirs."""
    from tests.conftest import assert_valid_template_deck

    template = tmp_path / "stock.pptx"
    Presentation().save(str(template))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    slides = list(Presentation(str(out)).slides)
    quote = slides[1]
    assert quote.slide_layout.name == "Section Header"
    assert quote.shapes.title.text_frame.text == "引言" and quote.shapes.title.top + quote.shapes.title.height < 0
    assert any(sh.has_text_frame and "高质量发展" in sh.text_frame.text and sh.top >= 0 for sh in quote.shapes)
    sections = [s for s in slides if s.slide_layout.name == "Section Header" and s is not quote]
    assert sections and all(s.shapes.title.top >= 0 for s in sections)
    assert_valid_template_deck(template, out)
