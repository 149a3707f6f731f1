"""Word lectures made with python-docx: heading styles, typed numbering, and numbers Word generates."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree

from deckgen.errors import ContentError
from deckgen.extract.docx import Numbering, format_number, read_docx
from deckgen.extract.pipeline import extract

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def styled(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("推动高质量发展", 0)
    d.add_paragraph("同志们：")
    d.add_paragraph("今天讲两个问题。")
    d.add_heading("深刻认识首要任务", 1)
    d.add_paragraph("发展是第一要务。")
    d.add_heading("本质要求", 2)
    d.add_paragraph("马克思主义认为，要解放生产力。")
    d.add_heading("现实选择", 2)
    d.add_paragraph("正文。一要做好甲。甲的内容。二要做好乙。乙的内容。")
    d.add_heading("把握科学内涵", 1)
    d.add_heading("新发展理念", 2)
    d.add_paragraph("内容。")
    d.add_paragraph("同志们，让我们共同努力。")
    d.save(str(path))
    return path


def typed(path: Path) -> Path:
    d = docx.Document()
    for text in ["推动高质量发展", "同志们：", "开场白。", "一、首要任务", "引言。", "（一）本质要求。马克思主义认为，要解放生产力。",
                 "（二）现实选择。正文。一是稳增长。内容；二是调结构。内容。", "二、科学内涵", "（一）新发展理念。内容。",
                 "同志们，让我们共同努力。"]:
        d.add_paragraph(text)
    d.save(str(path))
    return path


class DescribeHeadingStyles:
    def it_takes_levels_from_title_and_heading_styles(self, tmp_path: Path) -> None:
        paras = read_docx(styled(tmp_path / "a.docx"), "a.docx")
        assert [(p.text, p.level) for p in paras[:4]] == [
            ("推动高质量发展", 0), ("同志们：", None), ("今天讲两个问题。", None), ("深刻认识首要任务", 1)]
        assert [p.line for p in paras[:3]] == [1, 2, 3]

    def it_drafts_sections_subsections_and_points(self, tmp_path: Path) -> None:
        result = extract(styled(tmp_path / "a.docx"))
        o = result.outline
        assert o.deck.title == "推动高质量发展"
        assert [s.title for s in o.sections] == ["深刻认识首要任务", "把握科学内涵"]
        assert [s.label for s in o.sections] == ["", ""]
        assert [sub.title for sub in o.sections[0].subsections] == ["本质要求", "现实选择"]
        assert [(p.label, p.title) for p in o.sections[0].subsections[1].points] == [("一要", "做好甲"), ("二要", "做好乙")]
        assert o.opening[0].notes == "同志们：\n今天讲两个问题。\n"
        assert o.closing[0].notes == "同志们，让我们共同努力。\n"


class DescribeTypedNumbering:
    def it_uses_numbering_patterns_without_heading_styles(self, tmp_path: Path) -> None:
        o = extract(typed(tmp_path / "b.docx")).outline
        assert [(s.label, s.title) for s in o.sections] == [("一、", "首要任务"), ("二、", "科学内涵")]
        subs = o.sections[0].subsections
        assert [(s.label, s.title) for s in subs] == [("（一）", "本质要求"), ("（二）", "现实选择")]
        assert [(p.label, p.title) for p in subs[1].points] == [("一是", "稳增长"), ("二是", "调结构")]


class DescribeGeneratedNumbering:
    def it_puts_word_list_numbers_in_front_of_the_text(self, tmp_path: Path) -> None:
        d = docx.Document()
        d.add_paragraph("Lecture notes")
        d.add_paragraph("First item. More text.", style="List Number")
        d.add_paragraph("Second item. More text.", style="List Number")
        d.save(str(tmp_path / "c.docx"))
        texts = [p.text for p in read_docx(tmp_path / "c.docx", "c.docx")]
        assert texts == ["Lecture notes", "1. First item. More text.", "2. Second item. More text."]

    def it_formats_chinese_counting_and_restarts_deeper_levels(self) -> None:
        xml = f"""<w:numbering xmlns:w="{W}">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3.%4"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"""
        numbering = Numbering.from_part(etree.fromstring(xml))
        got = [numbering.label("5", lvl) for lvl in (0, 1, 1, 2, 3, 0, 1)]
        # as Word shows them: %1 keeps its level's format unless the level is "legal" (isLgl)
        assert got == ["一、", "（一）", "（二）", "一.二.1 ", "1.2.1.1 ", "二、", "（一）"]

    @pytest.mark.parametrize("n, fmt, expected", [
        (3, "decimal", "3"), (12, "chineseCounting", "十二"), (21, "chineseCountingThousand", "二十一"),
        (2, "chineseLegalSimplified", "贰"), (4, "upperRoman", "IV"), (3, "lowerLetter", "c"),
        (2, "decimalEnclosedCircle", "②"), (3, "decimalFullWidth", "３"), (1, "ideographTraditional", "甲"),
        (1, "bullet", None),
    ])
    def it_formats_word_number_formats(self, n: int, fmt: str, expected: str | None) -> None:
        assert format_number(n, fmt) == expected


def test_a_file_that_is_not_a_docx_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ContentError, match="not a Word .docx file .*save the lecture from Word or WPS as .docx"):
        extract(bad)
