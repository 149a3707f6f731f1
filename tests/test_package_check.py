"""Package check: valid decks pass; hand-broken packages are answered with the specific problem."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable, Optional

import pytest

from deckgen.package.check import ENV_VAR, PackageReport, check_package, covered_namespaces, find_schemas

OUTLINE = """\
deck:
  title: 包检查 Package check
  presenter: 张三
  language: zh-CN
opening:
  - title: 开场
    bullets: [第一点, "Second point"]
    notes: |
      开场白。
sections:
  - title: 第一部分
    notes: |
      本部分讲什么。
    subsections:
      - title: 要点
        bullets: [甲, 乙, 丙]
        notes: |
          第一段。

          第二段。
closing:
  - title: 谢谢
    notes: |
      结束语。
"""
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SLIDE = "ppt/slides/slide1.xml"
SLIDE_RELS = "ppt/slides/_rels/slide1.xml.rels"
Edit = Callable[[bytes], Optional[bytes]]  # returns the new bytes, or None to drop the entry


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Chinese/English deck built through the real pipeline."""
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    folder = tmp_path_factory.mktemp("package_check")
    (folder / "outline.yaml").write_text(OUTLINE, encoding="utf-8")
    out = folder / "deck.pptx"
    build(BuildRequest(folder / "outline.yaml", out))
    return out


def rewrite(src: Path, dst: Path, edits: dict[str, Edit] | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the package `src` with some entries edited, dropped or added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            edit = (edits or {}).get(item.filename)
            data = edit(data) if edit else data
            if data is not None:
                zout.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def replace(old: str, new: str) -> Edit:
    def edit(data: bytes) -> bytes:
        text = data.decode("utf-8")
        assert old in text, f"{old!r} not in the part"
        return text.replace(old, new, 1).encode("utf-8")
    return edit


def xml_entries(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(1 for n in z.namelist() if n.endswith((".xml", ".rels")))


class DescribeValidPackages:
    def it_finds_nothing_wrong_with_a_deck_deckgen_builds(self, deck: Path, schemas: Path) -> None:
        report = check_package(deck)
        assert report.problems == []
        assert report.ok and report.schema_checked and report.skipped == []
        assert report.parts_checked == xml_entries(deck)  # every XML part, [Content_Types].xml and .rels included

    def it_finds_nothing_wrong_with_the_shipped_deck(self, shipped_deck: Path, schemas: Path) -> None:
        report = check_package(shipped_deck)
        assert report.problems == []
        assert report.parts_checked == xml_entries(shipped_deck)

    def it_accepts_the_python_pptx_default_presentation(self, tmp_path: Path, schemas: Path) -> None:
        from pptx import Presentation

        Presentation().save(str(tmp_path / "default.pptx"))
        report = check_package(tmp_path / "default.pptx")
        assert report.problems == [] and report.parts_checked == xml_entries(tmp_path / "default.pptx")

    def it_does_not_follow_external_relationships(self, deck: Path, tmp_path: Path) -> None:
        link = ('<Relationship Id="rId99" TargetMode="External" Target="https://example.org/x" Type='
                '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/></Relationships>')
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE_RELS: replace("</Relationships>", link)})
        assert check_package(broken).problems == []

    def it_resolves_absolute_targets_from_the_package_root(self, deck: Path, tmp_path: Path) -> None:
        fixed = rewrite(deck, tmp_path / "d.pptx", {"_rels/.rels": replace('Target="ppt/presentation.xml"', 'Target="/ppt/presentation.xml"')})
        assert check_package(fixed).problems == []


class DescribeBrokenPackages:
    def it_reports_a_file_that_is_not_a_zip_once(self, tmp_path: Path) -> None:
        path = tmp_path / "deck.pptx"
        path.write_text("这不是演示文稿", encoding="utf-8")
        report = check_package(path)
        assert len(report.problems) == 1 and report.problems[0].startswith("not a zip archive")
        assert not report.schema_checked

    def it_reports_a_missing_file(self, tmp_path: Path) -> None:
        assert check_package(tmp_path / "nope.pptx").problems == [f"cannot read the deck: {str(tmp_path / 'nope.pptx')!r} does not exist"]

    def it_reports_a_zip_that_is_not_an_office_package(self, tmp_path: Path) -> None:
        with zipfile.ZipFile(tmp_path / "x.pptx", "w") as z:
            z.writestr("hello.txt", "hello")
        assert check_package(tmp_path / "x.pptx").problems == [
            "not an Office package (no [Content_Types].xml or _rels/.rels inside the zip); is it a .pptx?"]

    def it_reports_an_office_package_that_is_not_a_presentation(self, tmp_path: Path) -> None:
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        with zipfile.ZipFile(tmp_path / "x.pptx", "w") as z:
            z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                       f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>')
            z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Target="word/document.xml" Type='
                       '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')
            z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                       '<w:body/></w:document>')
        assert check_package(tmp_path / "x.pptx").problems == [
            f"not a presentation: the main part word/document.xml has content type {main!r}"]

    def it_reports_a_duplicate_zip_entry(self, deck: Path, tmp_path: Path) -> None:
        with zipfile.ZipFile(deck) as z:
            slide = z.read(SLIDE)
        with pytest.warns(UserWarning, match="Duplicate name"):
            broken = rewrite(deck, tmp_path / "d.pptx", extra={SLIDE: slide})
        assert check_package(broken).problems == [f"duplicate zip entry {SLIDE!r} (2 entries)"]

    def it_reports_a_relationship_to_a_missing_part(self, deck: Path, tmp_path: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE_RELS: replace('Target="../slideLayouts/', 'Target="../slideLayouts/missing-')})
        [problem] = check_package(broken).problems
        assert re.fullmatch(rf"{re.escape(SLIDE_RELS)}: relationship rId\d+ targets '\.\./slideLayouts/missing-slideLayout\d+\.xml', "
                            r"which is not a part of the package", problem)

    def it_reports_a_relationship_that_leaves_the_package(self, deck: Path, tmp_path: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE_RELS: replace('Target="../slideLayouts/', 'Target="../../../../slideLayouts/')})
        [problem] = check_package(broken).problems
        assert problem.startswith(f"{SLIDE_RELS}: relationship") and "'../../../../slideLayouts/" in problem

    def it_reports_a_part_without_content_type(self, deck: Path, tmp_path: Path) -> None:
        override = ('<Override PartName="/ppt/slides/slide1.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>')
        default = '<Default Extension="xml" ContentType="application/xml"/>'
        types = replace(override, "")
        broken = rewrite(deck, tmp_path / "d.pptx", {"[Content_Types].xml": lambda data: replace(default, "")(types(data))},
                         extra={"ppt/media/logo.png": b"\x89PNG"})
        assert check_package(broken).problems == [
            "ppt/media/logo.png: no content type (no Override for /ppt/media/logo.png and no Default for '.png')",
            f"{SLIDE}: no content type (no Override for /{SLIDE} and no Default for '.xml')"]

    def it_reports_a_missing_content_types_part(self, deck: Path, tmp_path: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {"[Content_Types].xml": lambda data: None})
        assert check_package(broken).problems == ["[Content_Types].xml is missing"]

    def it_reports_a_missing_notes_master_list(self, deck: Path, tmp_path: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {"ppt/presentation.xml": lambda data: re.sub(
            rb"<p:notesMasterIdLst>.*?</p:notesMasterIdLst>", b"", data)})
        assert check_package(broken).problems == [
            "ppt/presentation.xml: p:notesMasterIdLst is missing although the package has a notes master "
            "(ppt/notesMasters/notesMaster1.xml)"]

    def it_reports_xml_that_is_not_well_formed(self, deck: Path, tmp_path: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: replace("</p:cSld>", "</p:cSLD>")})
        [problem] = check_package(broken).problems
        assert problem.startswith(f"{SLIDE}: not well-formed XML:")

    def it_reports_a_doctype_and_does_not_expand_its_entities(self, deck: Path, tmp_path: Path) -> None:
        doctype = b'<!DOCTYPE p:sld [<!ENTITY l "lol">]>'
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: lambda data: data.replace(b"?>", b"?>" + doctype, 1)})
        assert check_package(broken).problems == [f"{SLIDE}: has a DOCTYPE, which OOXML does not allow; "
                                                  "open the deck in PowerPoint and save it again"]

    def it_reports_a_part_too_large_to_parse_without_reading_it(self, deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import deckgen.package.check as check

        monkeypatch.setattr(check, "MAX_PART_BYTES", 100)
        problems = check.check_package(deck, structure_only=True).problems
        assert "[Content_Types].xml: larger than 0 MB uncompressed; not checked" in problems

    def it_reports_an_invalid_element_in_a_slide(self, deck: Path, tmp_path: Path, schemas: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: replace("<p:grpSpPr/>", "<p:grpSpPr/><p:bogus/>")})
        [problem] = check_package(broken).problems
        assert problem.startswith(f"{SLIDE}:2: /p:sld/p:cSld/p:spTree/p:bogus: Element 'p:bogus': This element is not expected.")

    def it_reports_an_invalid_attribute_value(self, deck: Path, tmp_path: Path, schemas: Path) -> None:
        broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: replace('<a:rPr lang="zh-CN"', '<a:rPr lang="zh-CN" b="maybe"')})
        [problem] = check_package(broken).problems
        assert problem.startswith(f"{SLIDE}:2: ") and "a:rPr" in problem and "'maybe'" in problem


@pytest.mark.parametrize("size, valid", [("60%", True), ("100%", True), ("60000", False), ("10%", False)])
def test_bullet_sizes_are_checked_against_the_schema_as_shipped(deck: Path, tmp_path: Path, schemas: Path, size: str, valid: bool) -> None:
    """The transitional schema takes `a:buSzPct` only as "NN%" (25–400 %); deckgen sizes bullets in points instead."""
    edit = replace("<a:p><a:r>", f'<a:p><a:pPr><a:buSzPct val="{size}"/></a:pPr><a:r>')
    problems = check_package(rewrite(deck, tmp_path / "d.pptx", {SLIDE: edit}), powerpoint=False).problems
    assert problems == [] if valid else len(problems) == 1 and "a:buSzPct" in problems[0] and f"'{size}'" in problems[0]


def transition(choice: str, fallback: str) -> Edit:
    """Put an `mc:AlternateContent` slide transition (as PowerPoint writes them) at the end of the slide."""
    block = (f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:p14="{P14}" Requires="p14">{choice}</mc:Choice>'
             f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>')
    return replace("</p:clrMapOvr></p:sld>", "</p:clrMapOvr>" + block + "</p:sld>")


class DescribeMarkupCompatibility:
    def it_validates_the_fallback_when_the_choice_needs_an_unknown_namespace(self, deck: Path, tmp_path: Path, schemas: Path) -> None:
        edit = transition('<p:transition spd="slow" p14:dur="2000"><p14:prism/></p:transition>',
                          '<p:transition spd="slow"><p:fade/></p:transition>')
        report = check_package(rewrite(deck, tmp_path / "ok.pptx", {SLIDE: edit}))
        assert report.problems == [] and report.skipped == []
        edit = transition('<p:transition spd="slow"><p14:prism/></p:transition>', '<p:transition spd="slowest"/>')
        [problem] = check_package(rewrite(deck, tmp_path / "bad.pptx", {SLIDE: edit})).problems
        assert "p:transition" in problem and "'slowest'" in problem

    def it_drops_ignorable_markup(self, deck: Path, tmp_path: Path, schemas: Path) -> None:
        edit = replace("<p:sld ", f'<p:sld xmlns:mc="{MC}" xmlns:p14="{P14}" mc:Ignorable="p14" p14:anything="1" ')
        report = check_package(rewrite(deck, tmp_path / "d.pptx", {SLIDE: edit}))
        assert report.problems == [] and report.parts_checked == xml_entries(deck)

    def it_skips_a_part_whose_compatibility_markup_it_cannot_process(self, deck: Path, tmp_path: Path, schemas: Path) -> None:
        edit = replace("<p:sld ", f'<p:sld xmlns:mc="{MC}" xmlns:p14="{P14}" mc:MustUnderstand="p14" ')
        report = check_package(rewrite(deck, tmp_path / "d.pptx", {SLIDE: edit}))
        assert report.skipped == [f"{SLIDE}: uses mc:MustUnderstand, which this check does not process"]
        assert report.parts_checked == xml_entries(deck) - 1


class DescribeSchemaLocation:
    def it_says_so_when_the_named_folder_has_no_schemas(self, deck: Path, tmp_path: Path) -> None:
        report = check_package(deck, schemas=tmp_path)
        assert report == PackageReport(problems=[], schema_checked=False, parts_checked=0, powerpoint_checked=True,
                                       note=f"schema validation not done: the schemas argument {str(tmp_path)!r} has no transitional/pml.xsd")

    def it_reads_the_folder_from_the_environment(self, deck: Path, tmp_path: Path, schemas: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(ENV_VAR, str(tmp_path))
        assert not check_package(deck).schema_checked
        monkeypatch.setenv(ENV_VAR, str(schemas))
        assert check_package(deck).schema_checked
        assert find_schemas() == (schemas, ENV_VAR)

    def it_prefers_an_explicit_folder_to_the_environment(self, tmp_path: Path, schemas: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(ENV_VAR, str(tmp_path))
        assert find_schemas(schemas) == (schemas, "the schemas argument")

    def it_lists_the_parts_it_could_not_validate(self, deck: Path, tmp_path: Path) -> None:
        pml = tmp_path / "transitional" / "pml.xsd"
        pml.parent.mkdir()
        pml.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace='
                       '"http://schemas.openxmlformats.org/presentationml/2006/main"><xs:element name="sld" type="nope"/></xs:schema>')
        report = check_package(deck, schemas=tmp_path)
        assert report.schema_checked and report.parts_checked == 0 and report.problems == []
        assert "[Content_Types].xml: no schema for namespace 'http://schemas.openxmlformats.org/package/2006/content-types'" in report.skipped
        assert any(s.startswith(f"{SLIDE}: schema pml.xsd does not compile (") for s in report.skipped)
        assert len(report.skipped) == xml_entries(deck)

    def it_covers_the_namespaces_of_a_presentation(self, schemas: Path) -> None:
        covered = set(covered_namespaces(schemas))
        assert {
            "http://schemas.openxmlformats.org/presentationml/2006/main",
            "http://schemas.openxmlformats.org/drawingml/2006/main",
            "http://schemas.openxmlformats.org/package/2006/content-types",
            "http://schemas.openxmlformats.org/package/2006/relationships",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        } <= covered
        assert P14 not in covered


def test_a_deck_may_have_many_more_parts_than_a_template(deck: Path, tmp_path: Path) -> None:
    """A 3000-slide deck has about 12,000 zip entries: the template limit (5,000) must not refuse it."""
    extra = {f"ppt/media/pad{i}.xml": b"<x/>" for i in range(6000)}
    report = check_package(rewrite(deck, tmp_path / "big.pptx", extra=extra), structure_only=True)
    assert not any("limit is" in p for p in report.problems)


def test_powerpoint_rules_find_what_powerpoint_would_repair(deck: Path, tmp_path: Path) -> None:
    """`a:buSzPct val="60%"` is valid to the ISO schema, but PowerPoint repairs it (openxml-audit says so)."""
    edit = replace("<a:p><a:r>", '<a:p><a:pPr><a:buSzPct val="60%"/></a:pPr><a:r>')
    report = check_package(rewrite(deck, tmp_path / "d.pptx", {SLIDE: edit}))
    assert report.powerpoint_checked
    assert len(report.problems) == 1 and "(PowerPoint rule)" in report.problems[0] and "buSzPct" in report.problems[0]
    clean = check_package(deck)
    assert clean.powerpoint_checked and clean.problems == []


# --- issue #16 --------------------------------------------------------------------------------------------

def test_a_reference_to_a_missing_relationship_is_reported(deck: Path, tmp_path: Path) -> None:
    """A picture whose image relationship is gone: PowerPoint shows a broken frame and offers a repair."""
    pic = ('<p:pic><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
           '<a:blip r:embed="rId99"/></p:blipFill><p:spPr/></p:pic>')
    broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: replace("<p:grpSpPr/>", "<p:grpSpPr/>" + pic)})
    problems = check_package(broken, powerpoint=False).problems
    assert problems == [f"{SLIDE}: a:blip refers to relationship 'rId99' (r:embed), which the part does not have; "
                        "open the deck in PowerPoint and save it again"]


@pytest.mark.parametrize("kind, word", [("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", "macroEnabled"),
                                        ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
                                         "slideshow")])
def test_a_pptx_must_have_a_presentations_content_type(deck: Path, tmp_path: Path, kind: str, word: str) -> None:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    broken = rewrite(deck, tmp_path / "d.pptx", {"[Content_Types].xml": replace(main, kind)})
    assert check_package(broken, powerpoint=False).problems == [
        f"the main part ppt/presentation.xml has the {word} content type, which PowerPoint refuses in a .pptx file; "
        "open it in PowerPoint and save it as .pptx"]
    same = rewrite(deck, tmp_path / ("d.pptm" if word == "macroEnabled" else "d.ppsx"), {"[Content_Types].xml": replace(main, kind)})
    assert check_package(same, powerpoint=False).problems == []


def test_iso_schema_findings_can_be_notes_rather_than_problems(deck: Path, tmp_path: Path, schemas: Path) -> None:
    from deckgen.package.check import deckgen_writes

    edit = replace("<a:p><a:r>", '<a:p><a:pPr><a:buSzPct val="120000"/></a:pPr><a:r>')
    master = "ppt/slideMasters/slideMaster1.xml"
    broken = rewrite(deck, tmp_path / "d.pptx", {SLIDE: edit})
    assert len(check_package(broken, powerpoint=False, schema_strict=deckgen_writes).problems) == 1  # a slide: deckgen's
    assert deckgen_writes(SLIDE) and not deckgen_writes(master) and not deckgen_writes("ppt/theme/theme1.xml")
    report = check_package(broken, powerpoint=False, schema_strict=lambda name: False)
    assert report.problems == [] and len(report.schema_notes) == 1 and "a:buSzPct" in report.schema_notes[0]


def test_check_accepts_a_deck_powerpoint_saved(deck: Path, tmp_path: Path, schemas: Path) -> None:
    """`buSzPct val="120000"` is what PowerPoint writes and openxml-audit accepts; the ISO schema does not. The deck
    is not deckgen's unchanged one (saved by PowerPoint), so PowerPoint's rules decide and the finding is a warning."""
    from click.testing import CliRunner

    from deckgen.cli import main

    def bullet_size(data: bytes) -> bytes:
        return data.replace(b"<a:buNone/>", b'<a:buSzPct val="120000"/><a:buNone/>', 1)

    saved = rewrite(deck, tmp_path / "saved.pptx", {"ppt/slideMasters/slideMaster1.xml": bullet_size})
    result = CliRunner().invoke(main, ["check", str(saved)])
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output and "ISO schema (PowerPoint accepts it)" in result.output
    assert "PowerPoint's rules pass" in result.output
    ours = CliRunner().invoke(main, ["check", str(deck)])
    assert ours.exit_code == 0 and "Warning" not in ours.output and "parts valid against the ISO schemas" in ours.output
