"""Acceptance: build the shipped outline, reopen the .pptx and check what a user and PowerPoint see."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from tests.conftest import assert_valid_package

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
NS = {"a": A, "p": P, "p14": P14}
MARKER = re.compile(r"##\w+##")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def prs(shipped_deck: Path):
    return Presentation(str(shipped_deck))


def part_xml(deck: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(deck) as z:
        return etree.fromstring(z.read(name))


def test_deck_is_16_9_with_layouts_laid_out_for_it(prs) -> None:
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            assert shape.left + shape.width <= prs.slide_width
    title = prs.slide_master.placeholders[0]
    assert title.width > 0.85 * prs.slide_width  # a 4:3 master would leave it at 9144000 wide at most


def test_one_slide_per_heading_plus_title_opening_agenda_closing(prs) -> None:
    layouts = [s.slide_layout.name for s in prs.slides]
    # the opening's quotation and then its bullets, the agenda, sections, subsections, points, the closing
    assert len(prs.slides) == 1 + 2 + 1 + 3 + 10 + 10 + 1
    assert layouts.count("Section Header") == 3
    assert layouts.count("Title and Content") + layouts.count("Cards") == 1 + 10 + 10
    assert layouts.count("Cards") == 5  # chosen for the slides of parallel key：phrase points
    assert layouts[:4] == ["Title Slide", "Quote", "Title and Content", "Agenda"]
    assert layouts[-1] == "Closing"
    assert len(set(layouts)) == 7


def test_titles_show_the_outline_labels(prs) -> None:
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "（一）中国式现代化的本质要求" in titles
    assert "一要把新发展理念转化为促进高质量发展的实际行动" in titles
    assert "四要严守纪律规矩" in titles
    labels = [s.placeholders[1].text_frame.text for s in prs.slides if s.slide_layout.name == "Section Header"]
    assert labels == ["一、", "二、", "三、"]


def test_notes_reproduce_the_lecture_in_order(prs, seed_text: str) -> None:
    notes = "".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    assert squash(notes) == squash(MARKER.sub("", seed_text))


def test_notes_keep_paragraph_breaks(prs) -> None:
    opening = prs.slides[1].notes_slide.notes_text_frame
    assert [p.text for p in opening.paragraphs][0] == "同志们："
    assert len(opening.paragraphs) == 2


def test_every_run_carries_the_deck_language(shipped_deck: Path) -> None:
    with zipfile.ZipFile(shipped_deck) as z:
        names = [n for n in z.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
        runs = 0
        for name in names:
            root = etree.fromstring(z.read(name))
            for rpr in root.iterfind(".//a:r/a:rPr", NS):
                runs += 1
                assert rpr.get("lang") == "zh-CN", name
    assert runs > 150


def test_both_theme_parts_name_an_east_asian_font(shipped_deck: Path) -> None:
    with zipfile.ZipFile(shipped_deck) as z:
        master_rels = z.read("ppt/slideMasters/_rels/slideMaster1.xml.rels").decode()
        notes_rels = z.read("ppt/notesMasters/_rels/notesMaster1.xml.rels").decode()
    themes = {re.search(r'Target="\.\./theme/(theme\d+\.xml)"', rels).group(1) for rels in (master_rels, notes_rels)}
    assert len(themes) == 2
    for theme in themes:
        root = part_xml(shipped_deck, f"ppt/theme/{theme}")
        for kind in ("major", "minor"):
            assert root.find(f".//a:{kind}Font/a:ea", NS).get("typeface") == "微软雅黑"


def test_runs_set_no_font_of_their_own(shipped_deck: Path) -> None:
    root = part_xml(shipped_deck, "ppt/slides/slide5.xml")
    assert root.findall(".//a:rPr/a:latin", NS) == [] and root.findall(".//a:rPr/a:ea", NS) == []


def test_powerpoint_sections_group_the_slides(prs, shipped_deck: Path) -> None:
    root = part_xml(shipped_deck, "ppt/presentation.xml")
    sections = root.findall(".//p14:section", NS)
    assert [s.get("name") for s in sections] == [
        "开篇", "一、高质量发展是全面建设社会主义现代化国家的首要任务", "二、准确把握高质量发展的科学内涵",
        "三、实现高质量发展的动力和保障", "结语"]
    ids = [int(i.get("id")) for i in root.iterfind(".//p14:sldId", NS)]
    assert ids == [s.slide_id for s in prs.slides]


def test_content_slides_have_footer_and_a_real_slide_number_field(prs) -> None:
    content = [s for s in prs.slides if s.slide_layout.name == "Title and Content"]
    for slide in content:
        types = {p.placeholder_format.type for p in slide.placeholders}
        assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER} <= types
        number = next(p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        fld = number._element.find(".//a:fld", NS)
        assert fld is not None and fld.get("type") == "slidenum"
        assert fld.findtext("a:t", namespaces=NS) == str(list(prs.slides).index(slide) + 1)


def test_content_is_in_placeholders_and_decorations_on_master(prs) -> None:
    for slide in prs.slides:  # but the hidden, empty shape that names the slide for `deckgen pull`; cards are shapes with text
        assert all(shape.is_placeholder or shape.name.startswith(("Card ", "deckgen:")) for shape in slide.shapes)
        assert [s.name.startswith("deckgen:") for s in slide.shapes if not s.is_placeholder and not s.name.startswith("Card ")] == [True]
    assert any(not s.is_placeholder for s in prs.slide_master.shapes)


def test_colours_are_theme_colours(shipped_deck: Path) -> None:
    with zipfile.ZipFile(shipped_deck) as z:
        for name in z.namelist():
            if re.match(r"ppt/(slides|slideLayouts|slideMasters)/\w+\.xml$", name):
                assert b"srgbClr" not in z.read(name), name


def test_text_sizes_are_written_explicitly(prs) -> None:
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size is not None


def test_notes_master_is_listed_and_properties_are_set(prs, shipped_deck: Path) -> None:
    root = part_xml(shipped_deck, "ppt/presentation.xml")
    assert root.find("p:notesMasterIdLst/p:notesMasterId", NS) is not None
    assert [c.tag.split("}")[1] for c in root][:3] == ["sldMasterIdLst", "notesMasterIdLst", "sldIdLst"]
    cp = prs.core_properties
    assert (cp.title, cp.author, cp.language) == ("坚定不移推动高质量发展", "XX区委书记", "zh-CN")
    assert cp.subject


def test_no_template_leftovers(shipped_deck: Path) -> None:
    with zipfile.ZipFile(shipped_deck) as z:
        names = z.namelist()
    assert len(names) == len(set(names))
    assert not any("thumbnail" in n or "printerSettings" in n for n in names)
    from deckgen.render.masterxml import LAYOUTS

    assert len([n for n in names if re.match(r"ppt/slideLayouts/\w+\.xml$", n)]) == len(LAYOUTS) == 16


def test_english_deck_uses_english_language_and_words(tmp_path: Path) -> None:
    out = tmp_path / "en.pptx"
    build(BuildRequest(Path(__file__).parent / "golden" / "english" / "outline.yaml", out))
    prs = Presentation(str(out))
    assert prs.slides[2].shapes.title.text_frame.text == "Contents"
    with zipfile.ZipFile(out) as z:
        langs = set(re.findall(rb'<a:rPr lang="([^"]+)"', z.read("ppt/slides/slide5.xml")))
    assert langs == {b"en-US"}


def test_shipped_deck_is_a_valid_package(shipped_deck: Path, schemas: Path) -> None:
    assert_valid_package(shipped_deck)


def test_english_deck_is_a_valid_package(tmp_path: Path, schemas: Path) -> None:
    out = tmp_path / "en.pptx"
    build(BuildRequest(Path(__file__).parent / "golden" / "english" / "outline.yaml", out))
    assert_valid_package(out)
