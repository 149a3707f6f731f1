"""PowerPoint's Accessibility Checker rules on a deck: each rule found broken with its slide number, none on
the decks deckgen writes; `deckgen check --accessibility` exits 1 on any."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.package.accessibility import check_accessibility


def edited(deck: Path, out: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(deck) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, edit(data) if item.filename == part else data)
    return out


def slide_with(deck: Path, text: str) -> str:
    with zipfile.ZipFile(deck) as z:
        return next(n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n) and text.encode() in z.read(n))


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    out = tmp_path_factory.mktemp("a11y") / "kinds.pptx"
    build(BuildRequest(Path(__file__).parent / "golden" / "kinds" / "outline.yaml", out))
    return out


def test_the_shipped_and_the_all_kinds_decks_pass(shipped_deck: Path, kinds: Path) -> None:
    assert check_accessibility(shipped_deck) == []
    assert check_accessibility(kinds) == []


@pytest.mark.parametrize("needle, edit, rule, message", [
    ("主要指标对比", lambda d: d.replace(b'firstRow="1"', b'firstRow="0"'), "table-header", "slide 12: the table 'Table' has no header row"),
    ("城市更新", lambda d: re.sub(rb' descr="[^"]*"', b"", d), "alt-text", "slide 13: the picture 'Picture city.png' has no alt text"),
    ("服务业占比过半", lambda d: re.sub(rb' descr="[^"]*"', b"", d), "alt-text", "slide 8: the chart 'Chart' has no alt text"),
    ("绿色能源", lambda d: d.replace("（五）绿色能源".encode(), "（四）城市更新，产城融合".encode()), "unique-title",
     "slide 14: the title '（四）城市更新，产城融合' is also slide 13's (titles tell slides apart)"),
    ("绿色能源", lambda d: re.sub(rb"<a:t>[^<]*\xe7\xbb\xbf\xe8\x89\xb2\xe8\x83\xbd\xe6\xba\x90</a:t>", b"<a:t></a:t>", d), "title",
     "slide 14: the slide has no title (give it one; it may be hidden or off the slide)"),
    ("把握高质量发展的五个方面", lambda d: d.replace(b'<a:schemeClr val="accent1"/>', b'<a:srgbClr val="F0E0C0"/>', 1), "contrast",
     "slide 10: text '供给：' is 1.30:1 on its background, needs 3:1"),
])
def test_each_broken_rule_is_found_with_its_slide(kinds: Path, tmp_path: Path, needle: str, edit: Callable[[bytes], bytes],
                                                  rule: str, message: str) -> None:
    bad = edited(kinds, tmp_path / "bad.pptx", slide_with(kinds, needle), edit)
    found = check_accessibility(bad)
    assert [(v.rule, str(v)) for v in found] == [(rule, message)]


def test_a_title_after_other_shapes_breaks_the_reading_order(kinds: Path, tmp_path: Path) -> None:
    def move_title_last(data: bytes) -> bytes:
        from lxml import etree

        root = etree.fromstring(data)
        tree = root.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}spTree")
        title = next(sp for sp in tree if b'type="title"' in etree.tostring(sp))
        tree.append(title)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    bad = edited(kinds, tmp_path / "bad.pptx", slide_with(kinds, "主要指标对比"), move_title_last)
    assert [str(v) for v in check_accessibility(bad)] == [
        "slide 12: the title is not first in reading order (Selection Pane: move it to the bottom)"]


def test_a_decorative_shape_needs_no_alt_text_and_is_not_read(kinds: Path, tmp_path: Path) -> None:
    """Mark as Decorative (PowerPoint 365): screen readers skip the shape, so it needs no alt text and may come
    before the title in the shape tree; the same picture not so marked is still found."""
    def decorative_first(data: bytes) -> bytes:
        from lxml import etree

        from deckgen.package.ns import ADEC, A, P

        root = etree.fromstring(data)
        tree = root.find(f".//{{{P}}}spTree")
        pic = next(tree.iter(f"{{{P}}}pic"))
        c_nv = pic.find(f"{{{P}}}nvPicPr/{{{P}}}cNvPr")
        c_nv.attrib.pop("descr", None)
        ext = etree.SubElement(etree.SubElement(c_nv, f"{{{A}}}extLst"), f"{{{A}}}ext", uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
        tree.find(f"{{{P}}}grpSpPr").addnext(pic)  # first in the tree, before the title
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    part = slide_with(kinds, "城市更新")
    assert check_accessibility(edited(kinds, tmp_path / "ok.pptx", part, decorative_first)) == []
    plain = edited(kinds, tmp_path / "bad.pptx", part, lambda d: decorative_first(d).replace(b'val="1"/></a:ext>', b'val="0"/></a:ext>'))
    assert sorted(v.rule for v in check_accessibility(plain)) == ["alt-text", "reading-order"]


def test_check_accessibility_exits_1_naming_each_slide(kinds: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(kinds), "--accessibility"])
    assert result.exit_code == 0, result.output
    assert "accessible (every slide titled" in result.output
    bad = edited(kinds, tmp_path / "bad.pptx", slide_with(kinds, "主要指标对比"), lambda d: d.replace(b'firstRow="1"', b'firstRow="0"'))
    result = CliRunner().invoke(main, ["check", str(bad), "--accessibility"])
    assert result.exit_code == 1
    assert f"Error: {bad}: slide 12: the table 'Table' has no header row" in result.output


def test_accessibility_is_checked_on_decks_only(tmp_path: Path) -> None:
    outline = tmp_path / "o.yaml"
    outline.write_text("deck: {title: T}\nsections: [{title: S}]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(outline), "--accessibility"])
    assert result.exit_code == 2 and "--accessibility checks a built deck" in result.output
