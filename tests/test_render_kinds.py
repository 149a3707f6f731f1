"""Every slide kind rendered as native, editable PowerPoint objects, in every built-in theme and on templates:
charts with embedded workbooks, tables with a header row, pictures in picture placeholders, cards as shapes."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.package.accessibility import check_accessibility
from deckgen.theme.model import builtin_themes
from tests.conftest import assert_valid_package, assert_valid_template_deck, require_tools

KINDS = Path(__file__).parent / "golden" / "kinds" / "outline.yaml"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The all-kinds outline built with every built-in theme."""
    folder = tmp_path_factory.mktemp("kinds")
    out = {}
    for name in builtin_themes():
        out[name] = folder / f"{name}.pptx"
        build(BuildRequest(KINDS, out[name], name))
    return out


@pytest.mark.parametrize("theme", list(builtin_themes()))
def test_every_kind_builds_a_valid_accessible_deck_with_every_theme(decks: dict[str, Path], theme: str) -> None:
    deck = decks[theme]
    assert_valid_package(deck)
    assert check_accessibility(deck) == []
    prs = Presentation(str(deck))
    layouts = [s.slide_layout.name for s in prs.slides]
    assert len(set(layouts)) >= 8
    assert {"Cards", "Quote", "Big Numbers", "Chart", "Table", "Picture", "Comparison"} <= set(layouts)


def test_charts_are_native_with_their_data_in_an_embedded_workbook(decks: dict[str, Path]) -> None:
    with zipfile.ZipFile(decks["party"]) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml"))
        assert len(charts) == 3
        for name in charts:
            rels = z.read(name.replace("charts/", "charts/_rels/") + ".rels").decode()
            assert "package" in rels and "../embeddings/" in rels
            workbook = name.replace("charts/chart", "embeddings/Microsoft_Excel_Sheet").replace(".xml", ".xlsx")
            with zipfile.ZipFile(io.BytesIO(z.read(workbook))) as xlsx:
                assert "xl/worksheets/sheet1.xml" in xlsx.namelist()
            root = etree.fromstring(z.read(name))
            assert all(int(a.get("val")) >= 0 for a in root.iter(f"{{{C}}}axId"))  # PowerPoint's rules: unsigned


def _shapes(deck: Path, layout: str):  # type: ignore[no-untyped-def]
    prs = Presentation(str(deck))
    return [s for s in prs.slides if s.slide_layout.name == layout]


def test_tables_have_a_header_row_alt_text_and_right_aligned_numbers(decks: dict[str, Path]) -> None:
    (slide,) = _shapes(decks["party"], "Table")
    frame = next(sh for sh in slide.shapes if sh.has_table)
    table = frame.table
    assert table.first_row
    assert [c.text for c in table.rows[0].cells] == ["指标", "2022年", "2023年", "增长"]
    assert table.cell(1, 1).text_frame.paragraphs[0].alignment is not None
    assert frame._element.find(f".//{{{P}}}cNvPr").get("descr")
    assert frame.is_placeholder  # in the layout's table placeholder


def test_pictures_fill_their_placeholder_without_distortion(decks: dict[str, Path]) -> None:
    from PIL import Image

    slides = _shapes(decks["party"], "Picture")
    assert len(slides) == 2
    for slide in slides:
        pic = next(sh for sh in slide.shapes if sh.shape_type == 13 or sh.__class__.__name__ == "PlaceholderPicture")
        assert pic.is_placeholder and pic.placeholder_format.type == 18  # PP_PLACEHOLDER.PICTURE
        with Image.open(io.BytesIO(pic.image.blob)) as im:
            ratio = im.width / im.height
        assert abs(Emu(pic.width) / Emu(pic.height) - ratio) < 0.01
        assert pic.crop_left == pic.crop_right == pic.crop_top == pic.crop_bottom == 0
        assert pic._element.find(f".//{{{P}}}cNvPr").get("descr")


def test_cards_are_shapes_of_one_size_with_the_key_bold(decks: dict[str, Path]) -> None:
    (slide,) = _shapes(decks["party"], "Cards")
    cards = [sh for sh in slide.shapes if sh.name.startswith("Card ")]
    assert len(cards) == 5 and len({(c.width, c.height) for c in cards}) == 1
    assert cards[0].text_frame.paragraphs[0].runs[0].font.bold
    assert [p.text for p in cards[0].text_frame.paragraphs] == ["供给：", "建立高质量产业体系"]  # the words as written


def test_the_quote_slide_keeps_its_title_above_the_slide(decks: dict[str, Path]) -> None:
    (slide,) = _shapes(decks["party"], "Quote")
    assert slide.shapes.title.text_frame.text == "首要任务"
    assert slide.shapes.title.top + slide.shapes.title.height < 0
    assert any("高质量发展是全面建设" in sh.text_frame.text for sh in slide.placeholders if sh.has_text_frame)


def test_the_title_comes_first_in_reading_order_on_every_slide(decks: dict[str, Path]) -> None:
    for slide in Presentation(str(decks["gov"])).slides:
        first = next(iter(slide.shapes))
        assert first.is_placeholder and first.placeholder_format.type in (1, 3)  # TITLE, CENTER_TITLE


@pytest.mark.parametrize("template", ["pandoc", "python-pptx"])
def test_every_kind_builds_on_a_template(tmp_path: Path, template: str) -> None:
    import subprocess

    source = tmp_path / "template.pptx"
    if template == "pandoc":
        require_tools("pandoc")
        subprocess.run(["pandoc", "-o", str(source), "--print-default-data-file", "reference.pptx"], check=True)
    else:
        Presentation().save(str(source))
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(KINDS, out, template=source, east_asian_font="微软雅黑"))
    assert_valid_template_deck(source, out)
    messages = [w.message for w in result.warnings]
    borrowed = [m for m in messages if m.startswith("the template has no layout of its own")]
    assert len(borrowed) == 1 and "chart → 'Title and Content'" in borrowed[0], messages
    assert check_accessibility(out) == []
    prs = Presentation(str(out))
    assert len(prs.slides) == result.slides == 15
    kinds = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in prs.slides]
    assert "（一）经济总量再上新台阶" in kinds
    assert sum(1 for s in prs.slides for sh in s.shapes if getattr(sh, "has_chart", False) and sh.has_chart) == 3


def test_a_deck_of_old_kinds_on_a_template_is_not_told_about_new_ones(tmp_path: Path) -> None:
    source = tmp_path / "template.pptx"
    Presentation().save(str(source))
    outline = tmp_path / "o.yaml"
    outline.write_text("deck: {title: T}\nsections:\n  - title: S\n    bullets: [a]\n", encoding="utf-8")
    result = build(BuildRequest(outline, tmp_path / "deck.pptx", template=source))
    assert not any(kind in w.message for w in result.warnings for kind in ("'cards'", "'chart'", "'quote'"))


@pytest.mark.soffice
@pytest.mark.parametrize("theme", list(builtin_themes()))
def test_every_kind_renders_without_overflow(decks: dict[str, Path], theme: str, tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext", "pdfinfo")
    from tests.office import overflowing_words, page_count, to_pdf

    deck = decks[theme]
    assert page_count(to_pdf(deck, tmp_path)) == 15
    assert overflowing_words(deck, tmp_path) == {}


def test_cards_numbers_and_charts_on_a_two_content_layout_span_both_columns(tmp_path: Path) -> None:
    # a template whose only content layout is a two-content one: the shapes drawn on it take the width of
    # both columns (the page's content area), not the left column alone with the right one left empty
    source = tmp_path / "template.pptx"
    prs = Presentation()
    prs.slide_layouts.remove(prs.slide_layouts.get_by_name("Title and Content"))
    two = prs.slide_layouts.get_by_name("Two Content")
    left, right = sorted((ph for ph in two.placeholders if ph.placeholder_format.idx in (1, 2)), key=lambda ph: ph.left)
    prs.save(str(source))
    out = tmp_path / "deck.pptx"
    build(BuildRequest(KINDS, out, template=source, east_asian_font="微软雅黑"))
    assert_valid_template_deck(source, out)
    deck = Presentation(str(out))
    drawn: dict[str, list] = {"Card ": [], "Number ": [], "chart": []}
    for slide in deck.slides:
        if slide.slide_layout.name == "Two Content":
            for prefix in ("Card ", "Number "):
                shapes = [sh for sh in slide.shapes if sh.name.startswith(prefix)]
                drawn[prefix] += [shapes] if shapes else []
            drawn["chart"] += [[sh] for sh in slide.shapes if getattr(sh, "has_chart", False) and sh.has_chart]
    for what in ("chart", "Number ", "Card "):  # in one column the cards do not fit: they were set as bullets
        assert drawn[what], what
        for shapes in drawn[what]:
            x0, x1 = min(sh.left for sh in shapes), max(sh.left + sh.width for sh in shapes)
            assert x0 >= left.left and x1 <= right.left + right.width
            assert x1 - x0 > 0.8 * (right.left + right.width - left.left), (what, x0, x1)  # across both columns
    bullets = [ph for slide in deck.slides if slide.slide_layout.name == "Two Content" for ph in slide.placeholders
               if ph.placeholder_format.idx == 1 and ph.has_text_frame and ph.text_frame.text.strip()]
    assert bullets  # a content slide's bullets: across both columns too
    for ph in bullets:
        assert ph.left >= left.left and ph.width > 0.8 * (right.left + right.width - left.left), ph.text_frame.text


def test_only_a_drawn_slot_with_a_free_column_beside_it_takes_both_columns() -> None:
    from deckgen.outline.model import Role
    from deckgen.plan.kinds import KINDS as TABLE
    from deckgen.render.layouts import joined_columns, slots

    two = Presentation().slide_layouts.get_by_name("Two Content")
    left, right = sorted((ph for ph in two.placeholders if ph.placeholder_format.idx in (1, 2)), key=lambda ph: ph.left)
    joint = (left.left / 12700, left.top / 12700, (right.left + right.width - left.left) / 12700, left.height / 12700)
    moved = {}
    for role in (Role.CARDS, Role.TABLE, Role.CONTENT, Role.AGENDA, Role.PICTURE, Role.COMPARE):
        s = slots(two, TABLE[role])
        joined_columns(s, two, TABLE[role])
        moved[role] = s.moved
    assert moved[Role.CARDS] == {"cards": pytest.approx(joint)} and moved[Role.TABLE] == {"table": pytest.approx(joint)}
    # a content or agenda slide's bullets on a two-content layout (the template has no one-body layout): across
    # both columns, not the left half with the right one empty (cn-edu-variants)
    assert moved[Role.CONTENT] == {"body": pytest.approx(joint)} and moved[Role.AGENDA] == {"body": pytest.approx(joint)}
    assert moved[Role.PICTURE] == {}  # the picture's bullets take the other column
    assert moved[Role.COMPARE] == {}  # each side its own column
