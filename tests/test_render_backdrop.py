"""Text on a template's page picture: titles kept clear of a logo drawn into it, and legible on it."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.backdrop import Backdrop, ink
from deckgen.theme.contrast import contrast_ratio

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LOGO = (560, 30, 140, 70)  # x, y, w, h in points on python-pptx's 720×540-pt page: in the title's box (36, 22, 648, 90)

OUTLINE = """\
deck:
  title: 高质量发展
sections:
  - title: 第一部分
    subsections:
      - title: 短标题
        bullets: ["根本任务：解放和发展生产力", "创造更高的劳动生产率"]
      - title: 全面建设社会主义现代化国家的现实选择与必然要求
        bullets: ["转变经济发展方式势在必行", "从解决总量问题转向质量问题"]
"""


def _png(draw: Optional[str], ground: tuple[int, int, int] = (255, 255, 255)) -> bytes:
    """A 720×540 page picture (one pixel a point): plain `ground`, with a red logo block in the title's box
    (`logo`), a thin grey rule across the title's box (`rule`), or nothing."""
    im = Image.new("RGB", (720, 540), ground)
    d = ImageDraw.Draw(im)
    x, y, w, h = LOGO
    if draw == "logo":
        d.rectangle((x, y, x + w, y + h), fill=(200, 16, 30))
        d.text((x + 10, y + 25), "LOGO", fill=(255, 255, 255))
    elif draw == "rule":
        d.rectangle((20, 60, 700, 61), fill=(120, 120, 120))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def _template(path: Path, picture: bytes, as_background: bool) -> Path:
    """python-pptx's default template with `picture` drawn on every page by its master: as the master's
    background picture, or as a picture covering the whole page behind the placeholders."""
    prs = Presentation()
    master = prs.slide_masters[0]
    part = master.part
    scratch = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx adds image parts from a slide's part
    image_part, _ = scratch.part.get_or_add_image_part(io.BytesIO(picture))
    rid = part.relate_to(image_part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image")
    csld = master._element.find(f"{{{P}}}cSld")
    if as_background:
        bg = etree.fromstring(f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/>'
                              '<a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>')
        csld.insert(0, bg)
    else:
        pic = etree.fromstring(
            f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr><p:cNvPr id="90" name="Page picture"/>'
            '<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="' + rid + '"/><a:stretch><a:fillRect/>'
            '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144000" cy="6858000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
        tree = csld.find(f"{{{P}}}spTree")
        tree.insert(2, pic)  # after the group's own properties: behind the placeholders
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))
    return path


def _build(tmp_path: Path, template: Path) -> Presentation:
    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    out = tmp_path / f"{template.stem}-deck.pptx"
    build(BuildRequest(outline, out, template=template))
    return Presentation(str(out))


def _content_titles(prs: Presentation) -> dict[str, tuple[tuple[float, float, float, float], float]]:
    """Content slides' titles: their text (without the `（一）` numbering) → box (points) and type size."""
    out = {}
    for slide in prs.slides:
        if slide.slide_layout.name != "Title and Content":
            continue
        title = slide.shapes.title
        size = next(int(r.get("sz")) / 100 for r in title._element.iter(f"{{{A}}}rPr") if r.get("sz"))
        out[title.text_frame.text.replace("\v", "").split("）")[-1]] = (tuple(v / 12700 for v in (title.left, title.top, title.width, title.height)), size)
    return out


def test_titles_keep_clear_of_a_logo_drawn_into_the_master_background(tmp_path: Path) -> None:
    plain = _content_titles(_build(tmp_path, _template(tmp_path / "plain.pptx", _png(None), True)))
    logo = _content_titles(_build(tmp_path, _template(tmp_path / "logo.pptx", _png("logo"), True)))
    long_title = "全面建设社会主义现代化国家的现实选择与必然要求"
    for title, ((x, y, w, h), _) in logo.items():
        assert x + w <= LOGO[0], (title, x + w)  # the title's box ends before the logo, on every content slide
        assert w >= 0.45 * 648  # most of the box is kept
    assert plain["短标题"][0][2] > 600  # without the logo the title keeps the layout's full width
    assert logo["短标题"][1] == plain["短标题"][1]  # the template's title size, where it still fits
    assert logo[long_title][1] <= plain[long_title][1]


def test_a_thin_rule_or_a_plain_page_picture_moves_no_title(tmp_path: Path) -> None:
    for name, picture in (("rule", _png("rule")), ("plain", _png(None, (230, 236, 245)))):
        titles = _content_titles(_build(tmp_path, _template(tmp_path / f"{name}.pptx", picture, False)))
        assert all(w > 600 for (_, _, w, _), _ in titles.values()), (name, titles)


def test_ink_finds_the_logo_and_not_the_rule() -> None:
    box = (36.0, 22.0, 648.0, 90.0)
    found = ink(Backdrop(_png("logo"), (0.0, 0.0, 720.0, 540.0)), box)
    assert len(found) == 1
    x, y, w, h = found[0]
    assert abs(x - LOGO[0]) <= 4 and abs(x + w - min(LOGO[0] + LOGO[2], 684)) <= 4 and y <= LOGO[1] + 4  # (in the box)
    assert ink(Backdrop(_png("rule"), (0.0, 0.0, 720.0, 540.0)), box) == []
    cropped = Backdrop(_png("logo"), (0.0, 0.0, 720.0, 540.0), (0.25, 0.0, 0.0, 0.0))  # its left quarter cut, stretched
    x, _, w, _ = ink(cropped, box)[0]
    assert abs(x - (LOGO[0] - 180) * 4 / 3) <= 6  # where the stretched logo shows
    sky = Image.linear_gradient("L").resize((720, 540)).rotate(90)  # a night sky: dark to pink clouds, grainy
    noise = Image.effect_noise((720, 540), 24)
    photo = Image.merge("RGB", [Image.blend(sky, noise, 0.2).point(lambda v, lo=lo, hi=hi: lo + v * (hi - lo) // 255)
                                for lo, hi in ((30, 210), (30, 150), (70, 170))])
    out = io.BytesIO()
    photo.save(out, "PNG")
    assert ink(Backdrop(out.getvalue(), (0.0, 0.0, 720.0, 540.0)), (36.0, 150.0, 648.0, 300.0)) == []  # no mark on it


def _scheme(deck: Path) -> dict[str, str]:
    import re
    import zipfile

    theme = zipfile.ZipFile(deck).read("ppt/theme/theme1.xml").decode("utf-8")
    return dict(re.findall(r'<a:(\w+)><a:(?:srgbClr val|sysClr val="\w+" lastClr)="([0-9A-Fa-f]{6})"', theme))


def test_titles_on_a_dark_page_picture_are_set_in_a_light_scheme_colour(tmp_path: Path) -> None:
    night = (16, 20, 52)
    template = _template(tmp_path / "night.pptx", _png(None, night), False)
    prs = _build(tmp_path, template)
    deck = next(tmp_path.glob("night-deck.pptx"))
    scheme = _scheme(deck)
    ground = "%02X%02X%02X" % night
    titles = [s.shapes.title for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text]
    assert len(titles) >= 3
    for title in titles:  # the title's own list style and its runs take the colour (they inherited black dk1)
        colour = title._element.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr/{{{A}}}solidFill/{{{A}}}schemeClr")
        assert colour is not None, title.text_frame.text
        runs = list(title._element.iter(f"{{{A}}}rPr"))
        assert runs and all(r.find(f"{{{A}}}solidFill/{{{A}}}schemeClr").get("val") == colour.get("val") for r in runs)
        assert contrast_ratio(scheme[colour.get("val")], ground) >= 3.0
    light = _build(tmp_path, _template(tmp_path / "light.pptx", _png(None, (250, 250, 250)), False))
    for slide in light.slides:  # on a light picture the template's dark text stays as it inherits
        title = slide.shapes.title
        if title is not None:
            assert not any(r.find(f"{{{A}}}solidFill") is not None for r in title._element.iter(f"{{{A}}}defRPr"))


def _bulb_template(path: Path) -> Path:
    """A template-site deck whose content page hangs a drawing (a bulb on its cord) over the right end of its
    wide title box, above a band the title stands on."""
    from pptx.util import Pt

    from tests.test_render_samples import _box, _deco

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    cover = prs.slides.add_slide(blank)
    _deco(cover, 0, 0, 960, 120), _deco(cover, 0, 480, 960, 60)
    _box(cover, 100, 200, 760, 80, "年度工作汇报", 40)
    content = prs.slides.add_slide(blank)
    _deco(content, 0, 0, 960, 110)  # the band behind the title: text stands on it
    _deco(content, 640, 0, 60, 260)  # the bulb, over the title's right end
    _deco(content, 60, 300, 560, 2)  # a thin rule under the body's first line
    _box(content, 60, 30, 800, 70, "单击此处添加标题", 28)
    _box(content, 60, 130, 560, 360, "单击此处添加文本内容", 20)
    ending = prs.slides.add_slide(blank)
    _deco(ending, 0, 0, 960, 200)
    _box(ending, 200, 260, 560, 100, "谢谢观看", 54)
    prs.save(str(path))
    return path


def test_titles_on_copied_pages_keep_clear_of_the_pages_drawings(tmp_path: Path) -> None:
    template = _bulb_template(tmp_path / "模板.pptx")
    prs = _build(tmp_path, template)
    titles = [sh for slide in prs.slides for sh in slide.shapes
              if sh.has_text_frame and ("全面建设" in sh.text_frame.text or "短标题" in sh.text_frame.text)]
    assert len(titles) == 2
    for sh in titles:
        x, w = sh.left / 12700, sh.width / 12700
        assert x + w <= 640, (sh.text_frame.text, x + w)  # clear of the bulb
        assert x == 60 and w >= 0.45 * 800
    bodies = [sh for slide in prs.slides for sh in slide.shapes if sh.has_text_frame and "根本任务" in sh.text_frame.text]
    assert bodies and all(abs(sh.width / 12700 - 560) < 1 for sh in bodies)  # the thin rule moves nothing


def _barred(bar: tuple[int, int], ground: tuple[int, int, int] = (255, 255, 255)) -> Backdrop:
    """A 720×540-pt page picture (one pixel a point) with a grey bar across it from `bar[0]` to `bar[1]` pt."""
    im = Image.new("RGB", (720, 540), ground)
    ImageDraw.Draw(im).rectangle((0, bar[0], 719, bar[1] - 1), fill=(234, 232, 233))
    out = io.BytesIO()
    im.save(out, "PNG")
    return Backdrop(out.getvalue(), (0.0, 0.0, 720.0, 540.0))


def test_a_title_bar_drawn_into_the_page_is_found_where_it_ends_inside_the_title_box() -> None:
    """cn-red-company-43: a grey bar 46 pt tall drawn into the layout's picture, under a title box 62 pt tall (grown
    for two lines): the bar's rows are found from the line standing on it; a bar reaching the box's foot, a page
    without one, or a line standing off the bar give none."""
    from deckgen.render.backdrop import plate_rows

    box = (36.0, 32.0, 448.0, 62.0)
    assert plate_rows(_barred((40, 86)), box, 20.0) == (40.0, 86.0)
    assert plate_rows(_barred((20, 120)), box, 20.0) is None  # the bar holds the whole box
    assert plate_rows(_barred((300, 340)), box, 20.0) is None  # a plain page under the box: ends at its foot
    assert plate_rows(_barred((60, 90)), box, 45.0) == (60.0, 90.0)
    assert plate_rows(_barred((60, 90)), box, 4.0) == (32.0, 60.0)  # a line above the bar stands on the page


def test_a_content_title_is_kept_to_the_bar_its_sample_line_stands_on() -> None:
    from deckgen.render.cloning import _on_plate
    from deckgen.render.samples import TextShape

    box = (36.0, 32.0, 448.0, 62.0)
    sample_title = TextShape(4, "知识图谱概述", (36.0, 32.0, 646.0, 62.0), 44.0, False)
    assert _on_plate(box, _barred((40, 86)), sample_title) == (36.0, 40.0, 448.0, 46.0)
    assert _on_plate(box, _barred((40, 50)), sample_title) == box  # a rule, not a bar a line stands on
    assert _on_plate(box, _barred((20, 120)), sample_title) == box
