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
