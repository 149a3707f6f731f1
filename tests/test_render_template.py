"""Organisation templates: the deck takes the template's master, layouts, colours and fonts."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.errors import ContentError
from deckgen.text.metrics import LINE_HEIGHT_EM
from tests.conftest import OUTLINE, assert_valid_template_deck, require_tools
from tests.office import overflowing_words, page_count, save_title_layout_only, to_pdf

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
LO_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")


def _as_potx(src: Path, dst: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            zout.writestr(item, data)
    return dst


def _chinese_named(dst: Path) -> Path:
    """python-pptx's default template with Chinese layout names and two slides of its own."""
    prs = Presentation()
    names = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容", "Section Header": "节标题"}
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout._element.cSld.set("name", names[layout.name])
            layout._element.set("type", "cust")  # only the names say what they are
    for _ in range(2):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "模板自带的幻灯片"
        slide.notes_slide.notes_text_frame.text = "old notes"
    prs.save(str(dst))
    return dst


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Templates from different sources: pandoc's reference, LibreOffice Impress, a .potx, python-pptx's."""
    folder = tmp_path_factory.mktemp("templates")
    out = {"python-pptx-zh": _chinese_named(folder / "zh.pptx")}
    if shutil.which("pandoc"):
        ref = folder / "pandoc-reference.pptx"
        subprocess.run(["pandoc", "-o", str(ref), "--print-default-data-file", "reference.pptx"], check=True)
        out["pandoc"] = ref
        out["pandoc-potx"] = _as_potx(ref, folder / "pandoc-reference.potx")
    if shutil.which("soffice") and (LO_TEMPLATES / "Vivid.otp").exists():
        profile = tempfile.mkdtemp(prefix="lo-profile-")
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pptx",
                        "--outdir", str(folder), str(LO_TEMPLATES / "Vivid.otp")], capture_output=True, check=True, timeout=300)
        out["libreoffice"] = folder / "Vivid.pptx"
    return out


@pytest.mark.parametrize("name", ["python-pptx-zh", "pandoc", "pandoc-potx", "libreoffice"])
def test_seed_builds_valid_and_renders_with_each_template(templates: dict[str, Path], name: str, tmp_path: Path,
                                                          schemas: Path) -> None:
    if name not in templates:
        require_tools("pandoc" if name.startswith("pandoc") else "soffice")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=templates[name], east_asian_font="微软雅黑"))
    assert result.slides == 28
    assert_valid_template_deck(templates[name], out)
    prs = Presentation(str(out))
    assert len(prs.slides) == 28
    assert prs.slides[5].shapes.title.text_frame.text == "（一）中国式现代化的本质要求"
    assert prs.slides[5].notes_slide.notes_text_frame.text.startswith("（一）中国式现代化的本质要求。")
    require_tools("soffice", "pdftotext", "pdfinfo")
    assert page_count(to_pdf(out, tmp_path)) == 28
    assert overflowing_words(out, tmp_path) == {}


def test_template_slides_are_removed_without_leftovers(templates: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=templates["python-pptx-zh"]))
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        text = b"".join(z.read(n) for n in names if n.startswith("ppt/slides/slide"))
    assert len(names) == len(set(names))
    assert "模板自带的幻灯片".encode() not in text
    assert len([n for n in names if n.startswith("ppt/slides/slide")]) == 28


def test_roles_map_to_chinese_layout_names(templates: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=templates["python-pptx-zh"]))
    layouts = [s.slide_layout.name for s in Presentation(str(out)).slides]
    assert layouts[0] == "标题幻灯片" and layouts[4] == "节标题" and layouts[5] == "标题和内容"


def test_fallbacks_and_missing_east_asian_font_are_warned(templates: dict[str, Path], tmp_path: Path) -> None:
    result = build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=templates["python-pptx-zh"]))
    messages = [w.message for w in result.warnings]
    borrowed = [m for m in messages if m.startswith("the template has no layout of its own")]
    assert len(borrowed) == 1, messages  # one summary line, not one per role
    assert "agenda → '标题和内容'" in borrowed[0] and "deckgen template inspect" in borrowed[0]
    assert any("no East Asian font" in m for m in messages)


def test_east_asian_font_option_sets_every_theme(templates: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=templates["python-pptx-zh"], east_asian_font="微软雅黑"))
    assert not any("East Asian" in w.message for w in result.warnings)
    with zipfile.ZipFile(out) as z:
        themes = [n for n in z.namelist() if n.startswith("ppt/theme/")]
        assert len(themes) == 2
        for name in themes:
            root = etree.fromstring(z.read(name))
            assert [root.find(f".//{{{A}}}{k}Font/{{{A}}}ea").get("typeface") for k in ("major", "minor")] == ["微软雅黑"] * 2


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "not a PowerPoint file"),
    ("zip", "not a PowerPoint presentation"),
])
def test_unusable_templates_are_errors(tmp_path: Path, content: object, message: str) -> None:
    bad = tmp_path / "corp.pptx"
    if content == "zip":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("hello.txt", "hi")
    else:
        bad.write_bytes(content)  # type: ignore[arg-type]
    with pytest.raises(ContentError, match=message):
        build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=bad))
    assert not (tmp_path / "deck.pptx").exists()


def test_a_template_without_a_content_layout_still_shows_every_bullet(tmp_path: Path) -> None:
    """A template whose only layout is a title slide: content slides use it, their bullets in its subtitle
    placeholder; nothing dropped."""
    from deckgen.outline.read import read_outline

    bad = save_title_layout_only(tmp_path / "one-layout.pptx")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=bad))
    shown = "".join(sh.text_frame.text for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_text_frame)
    outline = read_outline(OUTLINE).outline
    bullets = [b for sec in outline.sections for sub in sec.subsections for b in sub.bullets]
    parts = [part for b in bullets for part in b.split("：")]  # cards set `key：phrase` as key and phrase
    assert parts and [p for p in parts if p not in shown] == []


def test_a_template_without_layouts_gets_a_title_and_content_layout_under_its_master(tmp_path: Path) -> None:
    """keynote-nolayouts: a master and no layout at all. deckgen adds one title and content layout whose
    placeholders sit where the master's do, warns once, and every title and bullet is on the slides; the
    package stays valid and adds no PowerPoint finding."""
    from deckgen.outline.read import read_outline

    bare = save_title_layout_only(tmp_path / "no-layouts.pptx", keep=0)
    assert len(Presentation(str(bare)).slide_layouts) == 0
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=bare))
    assert [w.message for w in result.warnings].count(next(w.message for w in result.warnings
                                                           if "no slide layouts at all" in w.message)) == 1
    prs = Presentation(str(out))
    master = prs.slide_master
    (layout,) = list(master.slide_layouts)
    assert layout.name == "Title and Content"
    by_idx = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
    master_by_type = {ph.placeholder_format.type: ph for ph in master.placeholders}
    for idx, kind in ((0, 1), (1, 2)):  # the title and the body (PP_PLACEHOLDER.TITLE, .BODY on the master)
        mine, theirs = by_idx[idx], master_by_type[kind]
        assert (mine.left, mine.top, mine.width, mine.height) == (theirs.left, theirs.top, theirs.width, theirs.height)
    assert all(s.slide_layout.name == "Title and Content" for s in prs.slides)
    shown = re.sub(r"\s+", "", "".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame))
    outline = read_outline(OUTLINE).outline
    texts = [sec.title for sec in outline.sections] + [t for sec in outline.sections for sub in sec.subsections for t in [sub.title, *sub.bullets]]
    assert [t for t in texts if re.sub(r"\s+", "", t) not in shown] == []
    assert_valid_template_deck(bare, out)


def test_the_added_layout_puts_a_body_below_the_title_when_the_master_has_none() -> None:
    from deckgen.render.addlayout import layout_xml

    master = etree.fromstring(
        '<p:sldMaster xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:nvSpPr>'
        '<p:cNvPr id="2" name="T"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
        '<a:off x="100" y="200"/><a:ext cx="3000" cy="400"/></a:xfrm></p:spPr></p:sp></p:spTree></p:cSld></p:sldMaster>')
    layout = etree.fromstring(layout_xml(master, 16000, 9000).encode("utf-8"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    offs = [(int(o.get("x")), int(o.get("y"))) for o in layout.iter(f"{a}off")][1:]  # after the group's own
    exts = [(int(e.get("cx")), int(e.get("cy"))) for e in layout.iter(f"{a}ext")][1:]
    assert offs[0] == (100, 200) and exts[0] == (3000, 400)  # the master's title
    body_top, body_bottom = offs[1][1], offs[1][1] + exts[1][1]
    assert 9000 // 6 < body_top < body_bottom < 9000  # below a title band, on the slide


def test_template_inspect_lists_layouts_and_roles(templates: dict[str, Path]) -> None:
    from click.testing import CliRunner

    from deckgen.cli import main

    result = CliRunner().invoke(main, ["template", "inspect", str(templates["python-pptx-zh"])])
    assert result.exit_code == 0, result.output
    assert ". 标题和内容 [cust]" in result.output
    assert "  content    → 标题和内容  (name: name '标题和内容'" in result.output
    assert "East Asian theme fonts: major (none), minor (none)" in result.output
    assert "2 slides (removed when building)" in result.output


def test_a_template_without_view_properties_gets_them_and_keeps_its_bullet_sizes(tmp_path: Path) -> None:
    """LibreOffice writes templates without ppt/viewProps.xml (PowerPoint repairs such a file) and with
    `a:buSzPct val="45000"`, which PowerPoint writes too: the deck gets view properties, the sizes stay."""
    source = tmp_path / "plain.pptx"
    Presentation().save(str(source))
    template = tmp_path / "noview.pptx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "ppt/viewProps.xml":
                continue
            if info.filename == "ppt/_rels/presentation.xml.rels":
                data = re.sub(rb'<Relationship [^>]*viewProps"/>', b"", data)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/ppt/viewProps.xml"[^>]*/>', b"", data)
            if info.filename == "ppt/slideMasters/slideMaster1.xml":
                data = data.replace(b'<a:buFont typeface="Arial"/><a:buChar', b'<a:buSzPct val="45000"/><a:buFont typeface="Arial"/><a:buChar', 1)
            zout.writestr(info, data)
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    with zipfile.ZipFile(out) as z:
        assert "ppt/viewProps.xml" in z.namelist()
        assert b'<a:buSzPct val="45000"/>' in z.read("ppt/slideMasters/slideMaster1.xml")
    from deckgen.package.powerpoint import powerpoint_findings

    assert any("viewProps" in f for f in powerpoint_findings(template))
    assert powerpoint_findings(out) == []


def test_a_layout_without_title_or_body_placeholders_gets_text_boxes_clear_of_its_pictures(tmp_path: Path) -> None:
    """A WPS-style template: the content layout has no placeholders, and a logo in its top right corner."""
    from pptx.util import Pt

    prs = Presentation()
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    layout.name = "内容页"
    scratch = prs.slides.add_slide(layout)  # python-pptx draws shapes on slides only: draw there, move to the layout
    logo = scratch.shapes.add_shape(1, Pt(560), Pt(20), Pt(140), Pt(50))
    logo.name = "Logo"
    layout.shapes._spTree.append(logo._element)
    path = tmp_path / "wps.pptx"
    prs.save(str(path))
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=path, roles=(("content", "内容页"),)))
    assert any("text boxes" in w.message for w in result.warnings)
    deck = Presentation(str(out))
    content = [s for s in deck.slides if s.slide_layout.name == "内容页"]
    assert content
    assert any(sh.name == "Text body" for slide in content for sh in slide.shapes)
    for slide in content:
        boxes = [sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text]
        assert any(sh.name == "Title" for sh in boxes)
        for sh in boxes:  # clear of the logo (x 560–700, y 20–70 pt)
            x, y, w, h = (v / 12700 for v in (sh.left, sh.top, sh.width, sh.height))
            assert x + w <= 560 or x >= 700 or y >= 70 or y + h <= 20


def test_a_quotation_on_a_layout_without_a_body_gets_a_text_box_without_a_bullet(tmp_path: Path) -> None:
    """cn-company-sie: the quote kind borrows a title-only content layout; its quotation was dropped."""
    path = tmp_path / "stock.pptx"
    Presentation().save(str(path))
    outline = tmp_path / "o.yaml"
    outline.write_text("deck: {title: 引用, language: zh-CN}\nsections:\n  - title: 第一部分\n    subsections:\n"
                       "      - title: 名言\n        quote:\n          text: 发展是第一要务，人才是第一资源，创新是第一动力\n"
                       "          source: 某报告\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    build(BuildRequest(outline, out, template=path, roles=(("quote", "Title Only"),)))
    slide = next(s for s in Presentation(str(out)).slides
                 if any(sh.has_text_frame and "发展是第一要务" in sh.text_frame.text for sh in s.shapes))
    box = next(sh for sh in slide.shapes if sh.has_text_frame and "发展是第一要务" in sh.text_frame.text)
    assert not box.is_placeholder
    assert box._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is None


def test_text_is_fitted_clear_of_the_bottom_of_a_box_without_a_bottom_inset() -> None:
    """en-wide-2masters: a title placeholder with zero insets, one line tall; Chinese glyphs reach a few
    points below their line, out of the box. The fitter gets the box less the default bottom inset."""
    from deckgen.render.frames import slot_of

    prs = Presentation()
    layout = prs.slide_layouts[1]
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    body_pr = title._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
    plain = slot_of(title, title=True)
    body_pr.set("bIns", "0")
    bare = slot_of(title, title=True)
    assert plain is not None and bare is not None
    assert bare.box.h == pytest.approx(title.height / 12700 - 3.6)
    assert bare.box.text_h < plain.box.text_h + 3.6


def test_space_after_paragraphs_in_the_masters_body_style_counts_in_a_layouts_slot() -> None:
    """cn-wps-course: the master's body style sets 10 pt after each paragraph and none before; the fitter
    took none, and a quotation's source fell 7 pt below the section layout's body strip."""
    from deckgen.render.frames import slot_of

    prs = Presentation()
    layout = prs.slide_layouts[1]
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    style = prs.slide_master._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}bodyStyle")
    lvl1 = style.find("{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr")
    for tag in ("spcBef", "spcAft"):
        for old in lvl1.findall(f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{tag}"):
            lvl1.remove(old)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    before = etree.SubElement(lvl1, f"{a}spcBef")
    etree.SubElement(before, f"{a}spcPts", val="0")
    after = etree.SubElement(lvl1, f"{a}spcAft")
    etree.SubElement(after, f"{a}spcPts", val="1000")
    lvl1.insert(0, after), lvl1.insert(0, before)  # pPr children come before defRPr
    slot = slot_of(body)
    assert slot is not None and slot.style.space_before == pytest.approx(10.0)
    # space before given as a share of the line (cn-thu-43: 20 %) counts as that share of the fitted size's line
    before.remove(before[0])
    pct = etree.SubElement(before, f"{a}spcPct", val="20000")
    slot = slot_of(body)
    assert slot is not None and slot.style.space_before == pytest.approx(10.0)
    assert slot.style.space_before_lines == pytest.approx(0.2)
    assert slot.style.between(20.0) == pytest.approx(10.0 + 0.2 * 20.0 * LINE_HEIGHT_EM)
    # none before (cn-mac-variants: `spcPct val="0"`) is none, not the 10 pt of a style that says nothing
    pct.set("val", "0")
    after.remove(after[0])
    etree.SubElement(after, f"{a}spcPct", val="0")
    slot = slot_of(body)
    assert slot is not None and slot.style.between(20.0) == 0.0
    lvl1.remove(before), lvl1.remove(after)
    slot = slot_of(body)
    assert slot is not None and slot.style.between(20.0) == 10.0


def test_a_latin_font_named_as_the_east_asian_font_counts_as_none(tmp_path: Path) -> None:
    """Keynote and Google exports name their Latin font (`Apex New`, `Helvetica Light`) as the theme's East Asian
    font too: it has no Chinese glyphs, so a Chinese deck is warned as with no East Asian font at all."""
    from deckgen.render.template import east_asian_capable

    assert not east_asian_capable("") and not east_asian_capable("Apex New") and not east_asian_capable("Century Gothic")
    for face in ("微软雅黑", "Microsoft YaHei", "SimSun", "DengXian", "MS Gothic", "Meiryo UI", "Malgun Gothic",
                 "PingFang SC", "Noto Sans CJK SC", "Source Han Sans CN", "Arial Unicode MS", "STHeiti", "KaiTi"):
        assert east_asian_capable(face), face
    prs = Presentation()
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for kind in ("major", "minor"):
        font = root.find(f".//{{{A}}}{kind}Font")
        font.find(f"{{{A}}}latin").set("typeface", "Apex New")
        font.find(f"{{{A}}}ea").set("typeface", "Apex New")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    path = tmp_path / "keynote.pptx"
    prs.save(str(path))
    result = build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=path))
    warned = [w.message for w in result.warnings if "East Asian" in w.message]
    assert warned and "no East Asian font" in warned[0] and "Apex New" in warned[0]


def test_the_agenda_on_a_templates_content_layout_lists_its_labels_without_bullet_marks(templates: dict[str, Path],
                                                                                    tmp_path: Path) -> None:
    """The sections carry their labels (一、二、三、): on a template's bulleted content layout the agenda showed a
    bullet mark before each label (`• 一、…`). Its lines are set flush, without marks."""
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=templates["python-pptx-zh"]))
    agenda = next(s for s in Presentation(str(out)).slides
                  if any(sh.has_text_frame and sh.text_frame.text.startswith("一、") and "\n二、" in sh.text_frame.text
                         for sh in s.shapes))
    body = next(sh for sh in agenda.shapes if sh.has_text_frame and sh.text_frame.text.startswith("一、"))
    paragraphs = body._element.findall(f".//{{{A}}}p")
    assert len(paragraphs) >= 3
    for p in paragraphs:
        ppr = p.find(f"{{{A}}}pPr")
        assert ppr is not None and ppr.find(f"{{{A}}}buNone") is not None and ppr.get("marL") == "0"
