"""Room on a template's layout: a one-line title strip of a section or quote layout grown into the free room
of the page, so that a long section title or a quotation is set at its role's size."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.room import grown_strip
from deckgen.theme.model import load_theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
STRIP = (100.0, 300.0, 520.0, 56.0)  # x, y, w, h in points on python-pptx's 720×540-pt page: one line of a title
SUBTITLE = (100.0, 356.0, 520.0, 60.0)  # the layout's text placeholder under it
LONG = "高质量发展是全面建设社会主义现代化国家的首要任务"
OUTLINE = f"""\
deck: {{title: 高质量发展, language: zh-CN}}
sections:
  - title: {LONG}
    subsections:
      - title: 引言
        quote: {{text: 发展是第一要务，人才是第一资源，创新是第一动力, source: 某报告}}
      - title: 短标题
        bullets: [根本任务：解放和发展生产力, 创造更高的劳动生产率]
  - title: 准确把握科学内涵
    subsections:
      - title: 另一个标题
        bullets: [转变经济发展方式势在必行]
"""


def _template(path: Path, anchor: str = "b", logo: Optional[tuple[float, float, float, float]] = None) -> Path:
    """python-pptx's default template whose Section Header layout sets its title in a one-line strip low on
    the page (`anchor`ed as given), its text placeholder under it and the page above it empty, or with a
    drawing (`logo`) there."""
    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Section Header")
    for ph, box in zip(sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx)[:2], (STRIP, SUBTITLE)):
        ph.left, ph.top, ph.width, ph.height = (Pt(v) for v in box)
        body_pr = ph._element.find(f".//{A}bodyPr")
        body_pr.set("anchor", anchor if ph.placeholder_format.idx == 0 else "t")
    if logo is not None:
        scratch = prs.slides.add_slide(layout)  # python-pptx draws shapes on slides only: draw there, move to the layout
        shape = scratch.shapes.add_shape(1, *(Pt(v) for v in logo))
        layout.shapes._spTree.append(shape._element)
        prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))
    return path


def _build(tmp_path: Path, template: Path) -> Presentation:
    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    out = tmp_path / f"{template.stem}-deck.pptx"
    build(BuildRequest(outline, out, template=template, roles=(("quote", "Section Header"),)))
    return Presentation(str(out))


def _titled(prs: Presentation, text: str) -> tuple[tuple[float, float, float, float], float]:
    """The box (points) and type size of the title placeholder holding `text`."""
    for slide in prs.slides:
        title = slide.shapes.title
        if title is not None and text in title.text_frame.text.replace("\v", ""):
            size = next(int(r.get("sz")) / 100 for r in title._element.iter(f"{A}rPr") if r.get("sz"))
            return tuple(v / 12700 for v in (title.left, title.top, title.width, title.height)), size  # type: ignore[return-value]
    raise AssertionError(f"no title holding {text!r}")


def test_a_long_section_title_and_a_quotation_take_the_free_room_above_a_one_line_strip(tmp_path: Path) -> None:
    sizes = load_theme().sizes
    prs = _build(tmp_path, _template(tmp_path / "strip.pptx"))
    (x, y, w, h), size = _titled(prs, LONG)
    assert size >= sizes.section_title.pref  # the section title's size, in two lines (in the strip: far smaller)
    assert (x, w) == (STRIP[0], STRIP[2]) and abs(y + h - (STRIP[1] + STRIP[3])) < 0.5  # grown up: its foot stays
    assert y < STRIP[1] - 60 and y >= 0.05 * 540
    (_, _, _, _), short = _titled(prs, "准确把握科学内涵")
    assert short >= sizes.section_title.pref
    (_, qy, _, qh), quote = _titled(prs, "发展是第一要务")  # the quotation in the title's room, at the quote's size
    assert quote >= sizes.quote.pref and qy + qh <= SUBTITLE[1] + 0.5
    source = next(sh for s in prs.slides for sh in s.placeholders if "某报告" in sh.text_frame.text)
    assert source.top / 12700 >= SUBTITLE[1] - 0.5  # the source in the strip under it


def test_a_drawing_above_the_strip_bounds_its_room(tmp_path: Path) -> None:
    logo = (100.0, 200.0, 200.0, 60.0)  # over the strip's left part, 40 pt above it
    prs = _build(tmp_path, _template(tmp_path / "logo.pptx", logo=logo))
    (x, y, w, h), _ = _titled(prs, LONG)
    assert STRIP[1] > y >= logo[1] + logo[3] and abs(y + h - (STRIP[1] + STRIP[3])) < 0.5  # grown only up to the drawing


def test_grown_strip_keeps_the_text_where_its_anchor_holds_it(tmp_path: Path) -> None:
    prs = Presentation(str(_template(tmp_path / "t.pptx")))
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Section Header")
    page = (720.0, 540.0)
    up = grown_strip(layout, page, STRIP, "b", [SUBTITLE], 80.0)
    assert up is not None and up[1] + up[3] == STRIP[1] + STRIP[3] and up[1] < STRIP[1]
    down = grown_strip(layout, page, (100.0, 100.0, 520.0, 56.0), "t", [SUBTITLE], 80.0)
    assert down is not None and down[1] == 100.0 and down[1] + down[3] <= SUBTITLE[1]  # stops above the next box
    middle = grown_strip(layout, page, (100.0, 200.0, 520.0, 56.0), "ctr", [SUBTITLE], 80.0)
    assert middle is not None and abs((middle[1] + middle[3] / 2) - 228.0) < 0.01
    assert grown_strip(layout, page, (100.0, 100.0, 520.0, 90.0), "b", [], 80.0) is None  # tall enough: as it is
    assert grown_strip(layout, page, STRIP, "b", [(90.0, 250.0, 300.0, 40.0)], 80.0) is None  # no room for two lines


CLOSING_OUTLINE = """\
deck: {title: 高质量发展, language: zh-CN}
sections:
  - title: 第一部分
    subsections:
      - title: 小节
        bullets: [根本任务：解放和发展生产力, 创造更高的劳动生产率]
closing:
  - title: 砥砺奋进正当时
    kind: closing
    bullets: [宏伟蓝图已擘画, 抓好担当作为落实落地, 不忘初心担使命、鼓足干劲再出发, 为全区高质量发展提供坚强保障]
"""


def test_a_closings_lines_stay_on_the_closing_in_a_strip_grown_into_the_free_room(tmp_path: Path) -> None:
    """A closing layout whose text placeholder under the title is a one-line strip: the four lines do not fit
    even small; the strip grows into the empty page below, and they stay on the closing (never a slide of
    their own after it)."""
    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title Slide")
    title, sub = sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx)[:2]
    title.left, title.top, title.width, title.height = (Pt(v) for v in (60, 120, 600, 90))
    sub.left, sub.top, sub.width, sub.height = (Pt(v) for v in (60, 214, 600, 30))
    template = tmp_path / "strip-closing.pptx"
    prs.save(str(template))
    outline = tmp_path / "o.yaml"
    outline.write_text(CLOSING_OUTLINE, encoding="utf-8")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(outline, out, template=template, roles=(("closing", "Title Slide"),)))
    deck = Presentation(str(out))
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.text_frame.text] for s in deck.slides]
    last = texts[-1]
    assert any("砥砺奋进正当时" == t for t in last) and any("为全区高质量发展提供坚强保障" in t for t in last), texts[-2:]
    assert not any("（续）" in t for slide in texts for t in slide)
    lines = next(sh for sh in deck.slides[-1].shapes if sh.has_text_frame and "宏伟蓝图" in sh.text_frame.text)
    assert lines.height > Pt(100) and lines.top >= Pt(214) - 1


def test_a_section_layout_with_a_number_badge_and_a_title_beside_it(tmp_path: Path) -> None:
    """google-slidesgo: the section layout's first title placeholder is a number badge (prompt `xx%`) in a
    drawn diamond, the title a second title placeholder beside it, an unused subtitle placeholder under that.
    The section's number goes in the badge and its title in the wide placeholder, grown down over the subtitle
    placeholder the slide leaves empty (it is not on the slide): set at the section title's size, not in three
    tiny lines in the badge."""
    import copy

    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Section Header")
    badge, subtitle = sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx)[:2]
    title = copy.deepcopy(badge._element)
    layout.shapes._spTree.append(title)
    title.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph").set("idx", "7")
    for ph, box in ((badge, (60.0, 200.0, 150.0, 80.0)), (subtitle, (300.0, 240.0, 380.0, 50.0))):
        ph.left, ph.top, ph.width, ph.height = (Pt(v) for v in box)
    wide = next(p for p in layout.placeholders if p.placeholder_format.idx == 7)
    wide.left, wide.top, wide.width, wide.height = (Pt(v) for v in (300.0, 180.0, 380.0, 56.0))
    badge.text_frame.text = "xx%"
    path = tmp_path / "badge.pptx"
    prs.save(str(path))
    deck = _build(tmp_path, path)
    pages = [s for s in deck.slides if s.slide_layout.name == "Section Header" and "引言" not in
             "".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)]
    assert len(pages) == 2
    for page, label in zip(pages, ("一", "二")):
        by_idx = {sh.placeholder_format.idx: sh for sh in page.placeholders}
        assert by_idx[0].text_frame.text.startswith(label)  # the number in the badge
        assert by_idx[7].text_frame.text and label not in by_idx[7].text_frame.text[:1]
        assert by_idx[7].top + by_idx[7].height > Pt(240 + 25)  # grown over the empty subtitle placeholder
        sizes = {int(r.get("sz")) / 100 for r in by_idx[7]._element.iter(f"{A}rPr") if r.get("sz")}
        assert min(sizes) >= load_theme().sizes.section_title.min  # the section title size, not shrunk to fit


def test_a_small_drawing_reaching_deep_into_a_frames_edge_cuts_it_and_a_grazing_one_does_not() -> None:
    """cn-wps-weekly: the contents page's circle reaches 31 pt into the left edge of the region its list takes,
    under 2 % of the region: it was let be, and a section's line started under the circle. A drawing reaching
    that deep at an edge is in the way; one grazing a corner (under 24 pt either way) still is not."""
    from deckgen.render.room import clear_of

    region = (202.0, 66.0, 701.0, 381.0)
    x, y, w, h = clear_of(region, [(78.0, 199.0, 155.0, 155.0)])
    assert x >= 233 + 6 and x + w == region[0] + region[2] and (y, h) == (66.0, 381.0)
    assert clear_of(region, [(190.0, 430.0, 30.0, 30.0)]) == region  # a corner grazed


def test_a_body_standing_in_starts_below_a_strip_across_the_page_under_the_title_bar() -> None:
    """jp-plain-43: its content layout has no body placeholder, a title bar, and a white strip with a shadowed edge
    across the page under the bar, reaching 8 pt past where the text box for the bullets started: the first line
    (and the cards) crossed the strip's edge. The body starts below the strip."""
    from deckgen.render.pptx_api import element
    from deckgen.render.room import free_frames
    from tests.test_render_phbox import _rect

    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title Only")
    element(layout).find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}spTree").append(
        _rect(20, "Strip", (0, 800100, 9144000, 317500)))
    title = (59.0, 12.0, 624.0, 51.0)
    _, body = free_frames(layout, (720.0, 540.0), title, None)
    assert body[1] >= 63 + 25  # below the strip (63–88 pt), not at 79.6 pt


def test_a_small_drawing_over_the_start_of_the_first_lines_cuts_the_frame() -> None:
    """cn-sample-jianyue: the contents page's circle (34 × 32 pt) stands 10 pt into the left edge of the list's
    frame, over its first line: under 2 % of the frame and not 24 pt deep across, it was let be and `一、` was set
    under it. A drawing across the left edge, where lines start, more than a gap in and 24 pt down is in the way;
    the frame starts right of it. A corner grazed at the foot (less than 24 pt down) still is not."""
    from deckgen.render.room import clear_of

    frame = (218.0, 74.0, 312.0, 279.0)
    x, y, w, h = clear_of(frame, [(194.0, 73.0, 34.0, 32.0)])
    assert x >= 228 + 6 and x + w == frame[0] + frame[2] and (y, h) == (74.0, 279.0)
    assert clear_of(frame, [(210.0, 340.0, 20.0, 20.0)]) == frame  # the foot's corner: 13 pt down
    assert clear_of(frame, [(214.0, 200.0, 8.0, 40.0)]) == frame  # 4 pt in: the inset's room
