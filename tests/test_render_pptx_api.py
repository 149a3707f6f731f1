"""The package writer's shortcuts give what python-pptx's own walk and `.rels` serialisation give, byte for byte."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.pptx_api import content_types_xml, iter_parts, rels_xml
from deckgen.text.fit import _fit, _wrapped, fit, wrap
from deckgen.text.frame import Box, Paragraphs


def _deck(tmp_path: Path) -> Path:
    outline = tmp_path / "o.yaml"
    outline.write_text(
        "deck:\n  title: 缓存与写包\nsections:\n"
        "  - title: 第一部分\n    subsections:\n"
        "      - title: 要点\n        bullets: [推动高质量发展, 坚持新发展理念, 深化改革开放]\n        notes: 讲稿。\n"
        "      - title: 链接\n        bullets: ['见 https://example.org/a?b=1&c=2']\n"
        "  - title: 第二部分\n    subsections:\n      - title: 要点\n        bullets: [推动高质量发展]\n",
        encoding="utf-8")
    out = tmp_path / "d.pptx"
    build(BuildRequest(outline, out))
    return out


def test_parts_come_in_python_pptx_order_and_rels_byte_for_byte(tmp_path: Path) -> None:
    prs = Presentation(str(_deck(tmp_path)))
    package = prs.part.package
    theirs = list(package.iter_parts())
    assert iter_parts(package) == theirs
    assert len(theirs) > 20
    for part in theirs:
        if part.rels:
            assert rels_xml(part.rels) == part.rels.xml, part.partname


def test_content_types_byte_for_byte(tmp_path: Path) -> None:
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    prs = Presentation(str(_deck(tmp_path)))
    parts = iter_parts(prs.part.package)
    ours = content_types_xml(parts)
    assert ours is not None and b"<Override" in ours and b'<Default Extension="xml"' in ours
    assert ours == serialize_part_xml(_ContentTypesItem.xml_for(parts))
    parts[-1].partname = type(parts[-1].partname)("/ppt/media/a&b.xml")  # a name XML escapes: python-pptx's
    assert content_types_xml(parts) is None


def test_external_relationships_are_left_to_python_pptx() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    run = slide.shapes.title.text_frame.paragraphs[0].add_run()
    run.text = "link"
    run.hyperlink.address = "https://example.org/?a=1&b=<2>"
    assert rels_xml(slide.part.rels) == slide.part.rels.xml
    assert b"&amp;" in rels_xml(slide.part.rels)


def test_a_deck_built_twice_has_the_same_members(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = _deck(tmp_path)
    data = first.read_bytes()
    second = _deck(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_fit_remembers_by_every_input() -> None:
    style = Paragraphs(line_spacing=1.0)
    box, narrow = Box(0, 0, 300, 100), Box(0, 0, 120, 100)
    _fit.cache_clear()
    wide_fit = fit(["推动高质量发展，坚持新发展理念"], box, 28, 12, style)
    assert fit(["推动高质量发展，坚持新发展理念"], box, 28, 12, style) is wide_fit  # remembered
    assert _fit.cache_info().hits == 1
    narrow_fit = fit(["推动高质量发展，坚持新发展理念"], narrow, 28, 12, style)
    assert narrow_fit != wide_fit and narrow_fit.size < wide_fit.size  # another box is another fit
    assert fit(["推动高质量发展，坚持新发展理念"], box, 28, 12, Paragraphs(bold=True)).size <= wide_fit.size
    assert fit(["推动高质量发展，坚持新发展理念"], box, 28, 12, style, max_lines=1) != wide_fit or wide_fit.lines == (1,)
    lines = wrap("推动高质量发展，坚持新发展理念", 5.0)
    lines.append("changed by the caller")
    assert wrap("推动高质量发展，坚持新发展理念", 5.0) == lines[:-1]  # a caller's list is its own copy
    assert _wrapped.cache_info().hits >= 1


def test_placeholder_lookup_finds_what_python_pptx_finds() -> None:
    """The compiled `p:ph` lookup answers as python-pptx's own XPath on every kind of shape: placeholders of
    every layout, text boxes, pictures, connectors, tables, groups, and a shape whose first child is a comment."""
    from lxml import etree
    from pptx import Presentation
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.util import Inches

    import deckgen.render.pptx_api  # noqa: F401 - installs the lookup

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    slide.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, Inches(1), Inches(1))
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, Inches(1), Inches(1))
    slide.shapes.add_table(2, 2, 0, 0, Inches(2), Inches(1))
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    odd = slide.shapes[0]._element
    odd.insert(0, etree.Comment("a comment first"))
    elements = [s._element for layout in prs.slide_layouts for s in layout.shapes]
    elements += [s._element for s in slide.shapes] + [s._element for s in group.shapes]
    found = 0
    for el in elements:
        mine = el.ph
        theirs = el.xpath("./*[1]/p:nvPr/p:ph")
        assert mine is (theirs[0] if theirs else None)
        found += mine is not None
    assert found > 20 and slide.shapes[0].is_placeholder and not slide.shapes[2].is_placeholder
    from pptx.oxml.shapes.shared import BaseShapeElement
    assert BaseShapeElement.ph.fget.__module__ == "deckgen.render.pptx_api"


def test_add_relationship_gives_the_rid_python_pptx_gives() -> None:
    """The rId of a new relationship, read past python-pptx's lazy properties, is the one its own
    `_add_relationship` gives: `rId{n+1}`, or the highest free one below it when the rIds have a gap."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from deckgen.render.pptx_api import add_relationship

    prs = Presentation()
    layout = prs.slide_layouts[0]
    ours, theirs = (prs.slides.add_slide(layout).part for _ in range(2))
    for gap in (False, True):
        for part in (ours, theirs):
            for target in (prs.part, layout.part):
                part.rels._add_relationship(RT.SLIDE_LAYOUT, target)
            if gap:
                part.rels._rels.pop("rId2")
        rid = add_relationship(ours, RT.IMAGE, prs.part)
        assert rid == theirs.rels._add_relationship(RT.IMAGE, prs.part) == ("rId2" if gap else "rId4")
        assert sorted(ours.rels._rels) == sorted(theirs.rels._rels)
        assert ours.rels._rels[rid].target_part is prs.part and ours.rels._rels[rid].reltype == RT.IMAGE


def test_slides_are_counted_and_named_as_python_pptx_names_them() -> None:
    """`named_slides` gives `len(prs.slides)` and leaves the parts named as that leaves them: renamed in slide order
    the first time (`Presentation.slides` is a lazy property), not again."""
    from pptx.opc.packuri import PackURI

    from deckgen.render.pptx_api import named_slides

    def deck() -> tuple[Presentation, list]:
        prs = Presentation()
        parts = [prs.slides.add_slide(prs.slide_layouts[6]).part for _ in range(12)]
        del prs.__dict__["slides"]  # (as a deck whose slides python-pptx was never asked for)
        parts[3].partname = PackURI("/ppt/slides/slide77.xml")  # out of order, as after a template's slides went
        return prs, parts

    (theirs, their_parts), (ours, our_parts) = deck(), deck()
    assert named_slides(ours) == len(theirs.slides) == 12
    assert [p.partname for p in our_parts] == [p.partname for p in their_parts] == [f"/ppt/slides/slide{i}.xml" for i in range(1, 13)]
    for parts in (their_parts, our_parts):
        parts[5].partname = PackURI("/ppt/slides/slide99.xml")
    assert named_slides(ours) == len(theirs.slides) == 12  # asked for before: nothing renamed
    assert our_parts[5].partname == their_parts[5].partname == "/ppt/slides/slide99.xml"


def test_two_parts_of_one_name_are_refused_before_the_package_is_written() -> None:
    import pytest
    from pptx.opc.packuri import PackURI

    from deckgen.render.package import package_members

    prs = Presentation()
    first, second = (prs.slides.add_slide(prs.slide_layouts[6]).part for _ in range(2))
    second.partname = PackURI(str(first.partname))
    with pytest.raises(RuntimeError, match="duplicate part name /ppt/slides/slide1.xml"):
        package_members(prs)


def test_the_app_properties_count_the_slides_and_notes(tmp_path: Path) -> None:
    result = build(BuildRequest(Path(__file__).parent.parent / "src/deckgen/examples/outline.yaml", tmp_path / "x.pptx"))
    with zipfile.ZipFile(tmp_path / "x.pptx") as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert f"<Slides>{result.slides}</Slides>" in app and "<PresentationFormat>Widescreen</PresentationFormat>" in app
