"""Decks copied from sample slides (模板): the text box that shows each slide's title is the slide's title
placeholder (and the boxes with its body, subtitle and byline its body placeholders), so the accessibility
check, screen readers, the outline view and `deckgen pull` find them, and the slides look as they did."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.cli import main
from deckgen.package.accessibility import check_accessibility
from deckgen.package.ns import P
from deckgen.package.slidetext import read_slides
from deckgen.render.titleph import decorative
from tests.conftest import OUTLINE, require_tools
from tests.powerpoint import Editor
from tests.test_render_samples import sample_template


@dataclass
class Decks:
    outline: Path
    template: Path
    new: Path  # built as deckgen builds
    old: Path  # built with the text boxes left as text boxes


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Decks:
    folder = tmp_path_factory.mktemp("titleph")
    outline = folder / "outline.yaml"
    shutil.copy(OUTLINE, outline)
    template = sample_template(folder / "模板.pptx")
    new = folder / "outline.pptx"
    build(BuildRequest(outline, new, template=template))
    old = folder / "old.pptx"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("deckgen.render.slides.slide_placeholders", lambda *args: False)
        build(BuildRequest(outline, old, template=template))
    return Decks(outline, template, new, old)


def _slides(deck: Path) -> list[etree._Element]:
    import zipfile

    with zipfile.ZipFile(deck) as z:
        names = sorted((n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
                       key=lambda n: int(n[len("ppt/slides/slide"):-4]))
        return [etree.fromstring(z.read(n)) for n in names]


def _ph(sp: etree._Element) -> etree._Element | None:
    return sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")


def _text(sp: etree._Element) -> str:
    return "".join(t.text or "" for t in sp.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"))


def test_every_slide_has_a_title_and_passes_the_accessibility_check(decks: Decks) -> None:
    assert {v.rule for v in check_accessibility(decks.old)} == {"title"}  # before: every slide untitled
    assert check_accessibility(decks.new) == []
    titles = [s.title_text for s in read_slides(decks.new).slides]
    assert all(titles) and len(set(titles)) == len(titles)


def test_the_title_is_the_visible_box_itself_not_a_copy(decks: Decks) -> None:
    """The placeholder is the sample page's own title box (same id, text and box); no hidden second title."""
    for old, new in zip(_slides(decks.old), _slides(decks.new)):
        titles = [sp for sp in new.iter(f"{{{P}}}sp") if (ph := _ph(sp)) is not None and ph.get("type") == "title"]
        assert len(titles) == 1
        title = titles[0]
        c_nv = title.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr")
        was = next(sp for sp in old.iter(f"{{{P}}}sp") if sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").get("id") == c_nv.get("id"))
        assert _ph(was) is None and _text(was) == _text(title) != ""
        xfrm = ".//{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm"
        assert etree.tostring(was.find(xfrm)) == etree.tostring(title.find(xfrm))
        assert sum(1 for sp in new.iter(f"{{{P}}}sp") if _text(sp)) == sum(1 for sp in old.iter(f"{{{P}}}sp") if _text(sp))


def test_the_title_reads_first_and_stays_drawn_above_the_page_design(decks: Decks) -> None:
    """A content page's title sits on the sample's title bar: the bar (text-less) is marked decorative and
    stays below the title in the shape tree, so the title is first in reading order and still on top."""
    content = _slides(decks.new)[6]
    tree = content.find(f"{{{P}}}cSld/{{{P}}}spTree")
    shapes = [el for el in tree if el.tag != f"{{{P}}}nvGrpSpPr" and el.tag != f"{{{P}}}grpSpPr"]
    title = next(sp for sp in shapes if (ph := _ph(sp)) is not None and ph.get("type") == "title")
    before = shapes[: shapes.index(title)]
    assert before and all(decorative(el) and not _text(el) for el in before)
    assert not any(decorative(el) for el in shapes[shapes.index(title) + 1:])


def test_pull_reads_the_visible_title_and_body_as_edited(decks: Decks, tmp_path: Path) -> None:
    unedited = CliRunner().invoke(main, ["pull", str(decks.new), str(decks.outline), "--dry-run"])
    assert unedited.exit_code == 0 and unedited.stdout.startswith("No edits to pull:"), unedited.output
    assert "do not map" not in unedited.output  # the cover's subtitle and byline read back too
    slides = read_slides(decks.new).slides
    number = next(s.number for s in slides if s.key is not None and s.key.role == "content" and s.key.part == 0)
    old_title = slides[number - 1].title_text
    e = Editor(decks.new)  # typed over in the box, as PowerPoint saves it
    label = old_title[: old_title.index("）") + 1] if old_title.startswith("（") else ""
    e.title(number, label + "抓落实见实效")  # the label as it was, the title typed over
    shape = next(sh for sh in e.slide(number).placeholders if sh.placeholder_format.idx >= 100)
    e.set_text(shape.text_frame.paragraphs[0], "改过的第一条")
    edited = tmp_path / "edited.pptx"
    e.save(edited)
    dry = CliRunner().invoke(main, ["pull", str(edited), str(decks.outline), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    changes = [line.split()[3] for line in dry.stdout.splitlines()[1:] if line.startswith("  slide")]
    assert changes == ["title", "bullets"], dry.stdout
    assert f"title     '{old_title[len(label):]}' → '抓落实见实效'" in dry.stdout
    assert "bullets   4 bullets (1 changed)" in dry.stdout


@pytest.mark.soffice
def test_the_slides_look_exactly_as_the_text_boxes_did(decks: Decks, tmp_path: Path) -> None:
    """Rendered by LibreOffice, no ink moves: every pixel of one render is within 1 px of a like pixel of the
    other (antialiasing aside), though the master's title style (44 pt, centred, anchored in the middle)
    would change every title that inherited from it."""
    require_tools("soffice", "pdftoppm")
    from PIL import Image, ImageChops, ImageFilter

    from tests.office import to_pdf

    def pages(deck: Path) -> list[Image.Image]:
        out = tmp_path / deck.stem
        out.mkdir()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(to_pdf(deck, out)), str(out / "p")], check=True)
        return [Image.open(p).convert("L") for p in sorted(out.glob("p-*.png"))]

    def moved(a: Image.Image, b: Image.Image) -> int:
        far = ImageChops.lighter(ImageChops.subtract(b.filter(ImageFilter.MinFilter(3)), a),
                                 ImageChops.subtract(a, b.filter(ImageFilter.MaxFilter(3))))
        return sum(far.point(lambda v: 255 if v > 96 else 0).histogram()[255:])

    old, new = pages(decks.old), pages(decks.new)
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new), 1) if moved(a, b) + moved(b, a)] == []


def test_a_drawn_shape_keeps_its_style_s_text_colour_and_font_as_a_title() -> None:
    """A sample page's title drawn in an auto shape takes its text colour and font from its shape style
    (`a:fontRef`: white, the body font) over the default text style; as a title placeholder it keeps them
    rather than the master's title style, and its fill and outline stay the style's."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    from deckgen.render.pptx_api import element
    from deckgen.render.titleph import make_placeholder

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(40), Pt(20), Pt(600), Pt(60))
    shape.text_frame.text = "标题"
    sp, tree = element(shape), element(slide).find(f"{{{P}}}cSld/{{{P}}}spTree")
    assert make_placeholder(sp, tree, element(prs.part).find(f"{{{P}}}defaultTextStyle"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    rpr = sp.find(f"{{{P}}}txBody/{a}lstStyle/{a}lvl1pPr/{a}defRPr")
    assert rpr.find(f"{a}solidFill/{a}schemeClr").get("val") == "lt1"
    assert rpr.find(f"{a}latin").get("typeface") == "+mn-lt" and rpr.get("sz") == "1800"
    assert sp.find(f"{{{P}}}txBody/{a}lstStyle/{a}lvl1pPr").get("algn") == "l"
    assert sp.find(f"{{{P}}}spPr/{a}noFill") is None and sp.find(f"{{{P}}}style") is not None
    assert _ph(sp).get("type") == "title" and slide.shapes.title is not None


def test_a_body_follows_the_text_before_it_in_reading_order_only_where_the_look_allows() -> None:
    """A cover's byline drawn before its subtitle moves after it when nothing it overlaps lies between (pull
    reads the cover's lines in order); with a plate under both between them, it cannot, and says so."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    from deckgen.render.pptx_api import element
    from deckgen.render.titleph import read_after

    for plate, moved in (((700, 400, 100, 50), True), ((40, 100, 600, 300), False)):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        byline = slide.shapes.add_textbox(Pt(60), Pt(320), Pt(300), Pt(40))
        slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Pt(v) for v in plate))
        subtitle = slide.shapes.add_textbox(Pt(60), Pt(150), Pt(500), Pt(40))
        tree = element(slide).find(f"{{{P}}}cSld/{{{P}}}spTree")
        assert read_after(element(byline), element(subtitle), tree) is moved
        order = list(tree)
        assert (order.index(element(byline)) > order.index(element(subtitle))) is moved
