"""Backgrounds set on a template's own sample slides (a Google Slides export's gradients, a picture) are carried
to the slides built on their layouts, with text legible on them."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Optional

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.parts.image import Image, ImagePart
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.slidebg import _gradient_mean
from deckgen.theme.contrast import contrast_ratio
from tests.conftest import OUTLINE, assert_valid_template_deck

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
GRADIENT = (f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="E95420"/></a:gs>'
            '<a:gs pos="100000"><a:srgbClr val="2C001E"/></a:gs></a:gsLst><a:lin ang="2700000" scaled="0"/></a:gradFill>'
            '<a:effectLst/></p:bgPr></p:bg>')


def _png(rgb: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 36), rgb).save(out, "PNG")
    return out.getvalue()


def google_template(path: Path) -> Path:
    """A Google-Slides-like export: plain layouts, the design as backgrounds on the sample slides (a gradient on
    the title and section samples, a dark picture on the content sample), sample text white on the cover."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(720), Pt(405)
    by_name = {lo.name: lo for lo in prs.slide_layouts}
    for name in ("Title Slide", "Section Header", "Title and Content"):
        slide = prs.slides.add_slide(by_name[name])
        slide.shapes.title.text = "Presentation title goes here"
        if name == "Title Slide":
            for run in slide.shapes.title.text_frame.paragraphs[0].runs:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        csld = slide._element.find(f"{{{P}}}cSld")
        if name == "Title and Content":
            rid = slide.part.relate_to(_image_part(prs, slide), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image")
            bg = etree.fromstring(f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                                  f'2006/relationships"><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
                                  '</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>')
        else:
            bg = etree.fromstring(GRADIENT)
        csld.insert(0, bg)
    prs.save(str(path))
    return path


def _image_part(prs, slide):  # type: ignore[no-untyped-def]
    return ImagePart.new(prs.part.package, Image.from_blob(_png((20, 10, 40))))


def _slide_xml(deck: Path) -> dict[str, str]:
    with zipfile.ZipFile(deck) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)}


def test_slides_on_a_layout_carry_the_background_its_sample_sets(tmp_path: Path) -> None:
    template = google_template(tmp_path / "google.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    prs = Presentation(str(out))
    layouts = [s.slide_layout.name for s in prs.slides]
    assert {"Title Slide", "Section Header", "Title and Content"} <= set(layouts)
    for slide, layout in zip(prs.slides, layouts):
        bg = slide._element.find(f"{{{P}}}cSld/{{{P}}}bg")
        if layout in ("Title Slide", "Section Header"):
            assert bg is not None and bg.find(f".//{{{A}}}gradFill") is not None, layout
        elif layout == "Title and Content":
            blip = bg.find(f".//{{{A}}}blip") if bg is not None else None
            assert blip is not None, layout
            picture = slide.part.related_part(blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
            assert picture.blob == _png((20, 10, 40))
    cover = prs.slides[0]
    assert 'val="FFFFFF"' in etree.tostring(cover.shapes.title._element).decode()  # the sample's white title
    assert_valid_template_deck(template, out)


def test_text_on_a_carried_dark_background_is_light(tmp_path: Path) -> None:
    """The content sample's text takes the theme's dark text colour; on its dark picture the bullets are set in
    a light colour of the scheme instead."""
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=google_template(tmp_path / "google.pptx")))
    for xml in _slide_xml(out).values():
        if "a:blip " in xml and "<p:bg>" in xml:
            assert re.search(r'<a:lstStyle><a:lvl1pPr[^>]*><a:defRPr[^>]*><a:solidFill><a:schemeClr val="(lt1|bg1|lt2|bg2)"', xml), xml[:600]
            break
    else:
        raise AssertionError("no slide on the content layout carries its sample's picture")


def test_a_gradient_under_a_box_is_its_colour_there() -> None:
    fill = etree.fromstring(GRADIENT).find(f".//{{{A}}}gradFill")
    top_left = _gradient_mean(fill, (0, 0, 40, 20), (720, 405), {}, {})
    bottom_right = _gradient_mean(fill, (680, 385, 40, 20), (720, 405), {}, {})
    assert top_left is not None and bottom_right is not None
    assert contrast_ratio(top_left, "E95420") < 1.3 and contrast_ratio(bottom_right, "2C001E") < 1.3


def _themed_page(colour: str = "bg1", idx: str = "1001"):  # type: ignore[no-untyped-def]
    """A page on python-pptx's default master, whose background is the theme's style `idx` (`p:bgRef`) in `colour`."""
    prs = Presentation()
    master = prs.slide_masters[0]
    ref = master._element.find(f"{{{P}}}cSld/{{{P}}}bg/{{{P}}}bgRef")
    ref.set("idx", idx)
    ref[0].set("val", colour)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    return [slide.part, slide.slide_layout.part, master.part]


def test_a_background_the_theme_styles_is_the_colour_it_names() -> None:
    """Most templates' masters name a background style of their theme (`p:bgRef idx="1001"` in `bg1`): the page
    under the text is that colour (white), not unknown — else pale text on it was never judged."""
    from deckgen.render.legible import scheme_of
    from deckgen.render.slidebg import flat_background, ground

    parts = _themed_page()
    scheme = scheme_of(parts[0])
    assert flat_background(parts)
    assert ground(parts, (0, 0, 100, 50), (720, 540), scheme, {}) == scheme["lt1"]
    assert ground(_themed_page("tx2"), (0, 0, 100, 50), (720, 540), scheme, {}) == scheme["dk2"]
    shaded = ground(_themed_page("accent1", "1003"), (300, 200, 100, 50), (720, 540), scheme, {})  # the style's gradient
    assert shaded is not None and shaded != scheme["accent1"] and contrast_ratio(shaded, scheme["accent1"]) < 2.5
    assert ground(_themed_page("bg1", "0"), (0, 0, 100, 50), (720, 540), scheme, {}) is None  # no background


def _master_colour(prs, style: str, colour: str) -> None:  # type: ignore[no-untyped-def]
    """Set the first level of the master's `style` (`titleStyle`, `bodyStyle`) in the colour `colour` (hex)."""
    level = prs.slide_masters[0]._element.find(f"{{{P}}}txStyles/{{{P}}}{style}/{{{A}}}lvl1pPr/{{{A}}}defRPr")
    for old in level.findall(f"{{{A}}}solidFill"):
        level.remove(old)
    level.insert(0, etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:srgbClr val="{colour}"/></a:solidFill>'))


def _pale_template(path: Path, strip: Optional[tuple[int, int, int, int]] = None) -> Path:
    """python-pptx's default template with pale grey body text (#C8C8C8, 1.7:1 on white) on its master's themed
    white page; with `strip` (RGBA), a picture of that colour across the lower part of the content layout's body."""
    prs = Presentation()
    _master_colour(prs, "bodyStyle", "C8C8C8")
    if strip is not None:
        from PIL import Image as PILImage

        layout = next(lo for lo in prs.slide_layouts if lo.name == "Title and Content")
        picture = io.BytesIO()
        drawn = PILImage.new("RGBA", (200, 50), strip)
        for x in range(0, 200, 40):  # a few opaque strokes: a skyline's outline
            drawn.paste((200, 0, 0, 255), (x, 45, x + 2, 50))
        drawn.save(picture, "PNG")
        picture.seek(0)
        from pptx.oxml.shapes.picture import CT_Picture

        body = layout.placeholders[1]
        _, rid = layout.part.get_or_add_image_part(picture)
        pic = CT_Picture.new_pic(90, "Skyline", "", rid, 0, body.top + body.height // 2, prs.slide_width, body.height // 2)
        layout.shapes._spTree.append(pic)
    prs.save(str(path))
    return path


def _bullet_fills(deck: Path) -> list[Optional[str]]:
    """The colour each content slide's bullets are set in (the scheme name their list style gives), None for none."""
    found = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.has_text_frame and slide.slide_layout.name == "Title and Content":
                fill = shape._element.find(f".//{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr/{{{A}}}solidFill/{{{A}}}schemeClr")
                found.append(fill.get("val") if fill is not None else None)
    return found


def test_pale_text_on_the_masters_themed_white_page_is_set_dark(tmp_path: Path) -> None:
    """Pale grey bullets on the master's themed white page: set in the scheme's text colour that reads on it
    (WCAG AA)."""
    from deckgen.render.legible import scheme_of

    template = _pale_template(tmp_path / "pale.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    scheme = scheme_of(Presentation(str(out)).slides[0].part)
    fills = _bullet_fills(out)
    assert len(fills) >= 5 and all(f is not None for f in fills), fills
    assert all(contrast_ratio(scheme[{"tx1": "dk1", "tx2": "dk2"}.get(f, f)], "FFFFFF") >= 4.5 for f in fills if f)
    # on every run too, the slides written from a prepared template as well (LibreOffice reads the runs' colour)
    for slide in Presentation(str(out)).slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and slide.slide_layout.name == "Title and Content":
                runs = shape._element.findall(f".//{{{A}}}r/{{{A}}}rPr")
                assert runs and all(r.find(f"{{{A}}}solidFill") is not None for r in runs), etree.tostring(runs[0])
    assert_valid_template_deck(template, out)


def test_a_transparent_picture_under_text_is_not_a_plate_an_opaque_one_is(tmp_path: Path) -> None:
    """A picture across the lower half of the body: a transparent PNG with a few strokes (a skyline along the page's foot)
    leaves the text on the white page, judged there (set dark); an opaque one is a plate of its own colour
    the text stands on, which is not judged (left as the template sets it)."""
    out = tmp_path / "clear.pptx"
    build(BuildRequest(OUTLINE, out, template=_pale_template(tmp_path / "t-clear.pptx", (255, 255, 255, 0))))
    fills = _bullet_fills(out)
    assert len(fills) >= 5 and all(f is not None for f in fills), fills
    out = tmp_path / "opaque.pptx"
    build(BuildRequest(OUTLINE, out, template=_pale_template(tmp_path / "t-opaque.pptx", (90, 90, 90, 255))))
    fills = _bullet_fills(out)
    assert len(fills) >= 5 and all(f is None for f in fills), fills


def _filled_title_template(path: Path, fill: str) -> Path:
    """python-pptx's default template with white titles, the content layout's title placeholder filled `fill`."""
    prs = Presentation()
    _master_colour(prs, "titleStyle", "FFFFFF")
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title and Content")
    sppr = layout.placeholders[0]._element.find(f"{{{P}}}spPr")
    sppr.append(etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:srgbClr val="{fill}"/></a:solidFill>'))
    prs.save(str(path))
    return path


def _content_titles(deck: Path) -> list[str]:
    prs = Presentation(str(deck))
    return [etree.tostring(s.shapes.title._element).decode() for s in prs.slides if s.slide_layout.name == "Title and Content"]


def test_text_in_a_box_that_fills_itself_is_judged_on_that_fill(tmp_path: Path) -> None:
    """A title bar drawn by the title placeholder's own fill: white titles on it stay white on a dark red bar
    (they read), and are set dark on a pale pink one (they would not) — not judged on the white page around."""
    out = tmp_path / "red.pptx"
    build(BuildRequest(OUTLINE, out, template=_filled_title_template(tmp_path / "t-red.pptx", "A00000")))
    titles = _content_titles(out)
    assert len(titles) >= 5 and not any("<a:lstStyle><a:lvl1pPr" in t for t in titles), titles[0][:800]
    out = tmp_path / "pink.pptx"
    build(BuildRequest(OUTLINE, out, template=_filled_title_template(tmp_path / "t-pink.pptx", "FFE0E0")))
    titles = _content_titles(out)
    assert len(titles) >= 5 and all(re.search(r'<a:lstStyle><a:lvl1pPr><a:defRPr><a:solidFill><a:schemeClr val="(dk1|dk2|tx1|tx2)"', t)
                                    for t in titles), titles[0][:800]
