"""Reading lectures: encodings detected (UTF-8 with/without BOM, GB18030), line ends, spaces, markers, Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import ContentError
from deckgen.extract.readers import decode, read_lecture, text_paragraphs

LECTURE = "学习报告\n同志们：\n　　今天讲三点意见。\n一、提高认识\n（一）统一思想。我们要统一思想。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class DescribeTextEncodings:
    def it_reads_utf8_without_bom(self, tmp_path: Path) -> None:
        lec = read_lecture(write(tmp_path, "a.txt", LECTURE.encode("utf-8")))
        assert lec.encoding == "UTF-8"
        assert [p.text for p in lec.paragraphs][:3] == ["学习报告", "同志们：", "今天讲三点意见。"]

    def it_reads_utf8_with_bom_and_drops_it(self, tmp_path: Path) -> None:
        lec = read_lecture(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + LECTURE.encode("utf-8")))
        assert lec.encoding == "UTF-8 (BOM)"
        assert lec.paragraphs[0].text == "学习报告"

    @pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
    def it_detects_gb18030_and_gbk(self, tmp_path: Path, codec: str) -> None:
        lec = read_lecture(write(tmp_path, "a.txt", LECTURE.encode(codec)))
        assert lec.encoding == "GB18030"
        assert lec.body == "学习报告\n同志们：\n今天讲三点意见。\n一、提高认识\n（一）统一思想。我们要统一思想。"

    def it_reads_utf16_with_a_bom(self, tmp_path: Path) -> None:
        lec = read_lecture(write(tmp_path, "a.txt", LECTURE.encode("utf-16")))
        assert lec.encoding == "UTF-16"
        assert lec.paragraphs[1].text == "同志们："

    def it_handles_crlf_and_full_width_spaces(self, tmp_path: Path) -> None:
        raw = "标题\r\n\r\n　　第一段。\u3000\r\n　一、　标题二\r\n".encode("utf-8")
        lec = read_lecture(write(tmp_path, "a.txt", raw))
        assert [p.text for p in lec.paragraphs] == ["标题", "第一段。", "一、　标题二"]
        assert [p.line for p in lec.paragraphs] == [1, 3, 4]

    def it_refuses_undecodable_bytes_with_the_line(self, tmp_path: Path) -> None:
        raw = "第一行\n".encode("utf-8") + b"caf\xe9 au lait \xff\xfe\x80\n"
        with pytest.raises(ContentError) as err:
            read_lecture(write(tmp_path, "a.txt", raw))
        message = str(err.value)
        assert "a.txt:2:" in message and "cannot tell the text encoding" in message and "UTF-8" in message

    def it_refuses_latin1_text_that_gb18030_would_misread(self) -> None:
        with pytest.raises(ContentError):
            decode("Les élèves étudient à l'école".encode("latin-1"), "fr.txt")

    def it_refuses_binary_files(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="not a text file"):
            read_lecture(write(tmp_path, "a.txt", b"\x00\x01\x02binary"))

    def it_refuses_an_empty_lecture(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="no text"):
            read_lecture(write(tmp_path, "a.txt", "\n　　\n\n".encode("utf-8")))

    def it_names_formats_it_cannot_read(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="save it as .docx"):
            read_lecture(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"))

    def it_reports_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="does not exist"):
            read_lecture(tmp_path / "nope.txt")


class DescribeMarkers:
    def it_removes_site_markers_and_reports_their_lines(self, tmp_path: Path) -> None:
        raw = "标题\n正文。\n##paidbegin##（一）小标题。内容。\n结尾。\n##paidend##\n".encode("utf-8")
        lec = read_lecture(write(tmp_path, "a.txt", raw))
        assert [(m.text, m.line) for m in lec.markers] == [("##paidbegin##", 3), ("##paidend##", 5)]
        assert "##" not in lec.body
        assert lec.paragraphs[2].text == "（一）小标题。内容。"

    def it_removes_any_word_marker_but_keeps_markdown_headings(self, tmp_path: Path) -> None:
        raw = "# Title\n\n## Part one ##vipstart##\n\nText.\n".encode("utf-8")
        lec = read_lecture(write(tmp_path, "a.md", raw))
        assert [m.text for m in lec.markers] == ["##vipstart##"]
        assert [(p.text, p.level) for p in lec.paragraphs] == [("Title", 1), ("Part one", 2), ("Text.", None)]


class DescribePlainTextParagraphs:
    def it_takes_each_line_as_a_paragraph(self) -> None:
        assert [p.text for p in text_paragraphs("甲。\n乙。\n\n丙。")] == ["甲。", "乙。", "丙。"]

    def it_unwraps_hard_wrapped_english_paragraphs(self) -> None:
        wrapped = ("I. Introduction\n\n"
                   "Thermodynamics is the study of energy, heat and work, and of the laws that\n"
                   "govern how they change from one form into another in every system we know.\n"
                   "It began with steam engines and now reaches into chemistry and biology.\n\n"
                   "The first law says that energy is conserved in every process we observe,\n"
                   "and the second law says that the entropy of an isolated system grows with\n"
                   "time; together they rule out perpetual motion machines of both kinds.\n\n"
                   "A. The zeroth law\n\n"
                   "Two systems in equilibrium with a third are in equilibrium with each other,\n"
                   "which is what makes a thermometer possible in the first place at all.\n")
        paras = [p.text for p in text_paragraphs(wrapped)]
        assert paras[0] == "I. Introduction"
        assert paras[1].startswith("Thermodynamics is") and paras[1].endswith("chemistry and biology.")
        assert "laws that govern" in paras[1]
        assert paras[3] == "A. The zeroth law"
        assert len(paras) == 5


class DescribeMarkdown:
    def it_reads_headings_lists_and_joins_soft_breaks(self, tmp_path: Path) -> None:
        text = ("---\ntitle: Front Title\n---\n# Heading\n\nFirst line\nsecond line.\n\n"
                "1. Item one\n2. Item two\n- bullet\n\nSetext\n======\n\n> quoted **bold** text\n")
        lec = read_lecture(write(tmp_path, "a.md", text.encode("utf-8")))
        assert [(p.text, p.level) for p in lec.paragraphs] == [
            ("Heading", 1), ("First line second line.", None), ("Item one", None),
            ("Item two", None), ("bullet", None), ("Setext", 1), ("quoted bold text", None)]
        assert lec.markdown[1] == "Front Title"
        assert [p.line for p in lec.paragraphs][:2] == [4, 6]

    def it_joins_chinese_lines_without_a_space(self, tmp_path: Path) -> None:
        lec = read_lecture(write(tmp_path, "a.md", "## 标题\n\n第一行\n第二行。\n".encode("utf-8")))
        assert lec.paragraphs[1].text == "第一行第二行。"
