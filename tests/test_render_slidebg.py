"""Backgrounds set on a template's own sample slides (a Google Slides export's gradients, a picture) are carried
to the slides built on their layouts, with text legible on them."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

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
    the scheme's light colour instead."""
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=google_template(tmp_path / "google.pptx")))
    for xml in _slide_xml(out).values():
        if "a:blip " in xml and "<p:bg>" in xml:
            assert re.search(r'<a:lstStyle><a:lvl1pPr[^>]*><a:defRPr[^>]*><a:solidFill><a:schemeClr val="(lt1|bg1)"', xml), xml[:600]
            break
    else:
        raise AssertionError("no slide on the content layout carries its sample's picture")


def test_a_gradient_under_a_box_is_its_colour_there() -> None:
    fill = etree.fromstring(GRADIENT).find(f".//{{{A}}}gradFill")
    top_left = _gradient_mean(fill, (0, 0, 40, 20), (720, 405), {}, {})
    bottom_right = _gradient_mean(fill, (680, 385, 40, 20), (720, 405), {}, {})
    assert top_left is not None and bottom_right is not None
    assert contrast_ratio(top_left, "E95420") < 1.3 and contrast_ratio(bottom_right, "2C001E") < 1.3
