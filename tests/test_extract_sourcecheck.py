"""Every character of a .docx lecture reaches the notes, and `check --source` reads the lecture independently:
table cells, lectures laid out in tables, text boxes (once, though Word draws them twice), imported HTML
blocks, bounded list numbers; text the reader drops or reads twice is found by the check."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.diagnostics import Diagnostic
from deckgen.extract import docx as docx_reader
from deckgen.extract.docx import format_number, read_docx
from deckgen.extract.htmltext import chunk_paragraphs, html_paragraphs
from deckgen.extract.sourcecheck import source_paragraphs
from tests.docxmaker import alt_chunk, docx, para, roman_list, table, textbox_run

CELLS = [[f"第{r}行第{c}列的数据。" for c in range(3)] for r in range(6)]
DATA_TABLE = para("一、数据") + para("表前的一段话。") + table(CELLS) + para("表后的一段话。")
TWO_COLUMNS = para("讲稿标题") + table([[[f"左栏第{i}段话。" for i in range(21)], [f"右栏第{i}段话。" for i in range(21)]]])
TEXT_BOX = para("一、部分") + para("正文一段。", runs=textbox_run(["文本框里的第一句。", "文本框里的第二句。"])) + para("再一段。")
HTML = ("<html><head><meta charset='gbk'><title>标题不读</title><style>p{}</style></head><body><p>导入的第一段。</p>"
        "<div>导入的第二段。</div><table><tr><td>表格甲。</td><td>表格乙。</td></tr></table></body></html>").encode("gbk")
CHUNK = para("一、部分") + para("正文。") + alt_chunk("rIdC1") + para("最后一段。")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(path: Path) -> list[str]:
    return [p.text for p in read_docx(path, path.name)]


class DescribeReadingEveryParagraph:
    def it_reads_every_cell_of_a_data_table_between_paragraphs(self, tmp_path: Path) -> None:
        got = texts(write(tmp_path, "t.docx", docx(DATA_TABLE)))
        assert got == ["一、数据", "表前的一段话。", *[c for row in CELLS for c in row], "表后的一段话。"]

    def it_reads_a_lecture_held_in_a_two_column_table(self, tmp_path: Path) -> None:
        got = texts(write(tmp_path, "t.docx", docx(TWO_COLUMNS)))
        assert len(got) == 43 and got[1] == "左栏第0段话。" and got[-1] == "右栏第20段话。"

    def it_reads_nested_tables_where_they_stand(self, tmp_path: Path) -> None:
        inner = table([["内表甲。", "内表乙。"]])
        body = "<w:tbl><w:tr><w:tc>" + para("外表前。") + inner + para("外表后。") + "</w:tc></w:tr></w:tbl>"
        assert texts(write(tmp_path, "t.docx", docx(body))) == ["外表前。", "内表甲。", "内表乙。", "外表后。"]

    def it_reads_a_text_box_once_after_its_paragraph(self, tmp_path: Path) -> None:
        got = texts(write(tmp_path, "t.docx", docx(TEXT_BOX)))
        assert got == ["一、部分", "正文一段。", "文本框里的第一句。", "文本框里的第二句。", "再一段。"]

    @pytest.mark.parametrize("vml, drawingml", [(True, False), (False, True)])
    def it_reads_a_text_box_drawn_one_way_only(self, tmp_path: Path, vml: bool, drawingml: bool) -> None:
        body = para("正文。", runs=textbox_run(["框内。"], vml=vml, drawingml=drawingml))
        assert texts(write(tmp_path, "t.docx", docx(body))) == ["正文。", "框内。"]

    def it_reads_an_imported_html_block(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.docx", docx(CHUNK, chunks={"rIdC1": ("afchunk.htm", "text/html", HTML)}))
        assert texts(path) == ["一、部分", "正文。", "导入的第一段。", "导入的第二段。", "表格甲。", "表格乙。", "最后一段。"]

    def it_warns_about_an_imported_block_it_cannot_read_and_about_footnotes(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.docx", docx(CHUNK, chunks={"rIdC1": ("a.rtf", "application/rtf", b"{\\rtf1 x}")},
                                              footnotes=["脚注。"]))
        warnings: list[Diagnostic] = []
        assert texts(path) == ["一、部分", "正文。", "最后一段。"]
        read_docx(path, "t.docx", warnings)
        assert any("altChunk" in w.message and "application/rtf" in w.message for w in warnings)
        assert any("1 footnote" in w.message for w in warnings)


class DescribeNumbersFromTheFile:
    @pytest.mark.parametrize("start, fmt", [("100000000000", "upperRoman"), ("100000000000", "upperLetter"),
                                            ("9" * 5000, "decimal"), ("x", "lowerRoman"), ("٣", "decimal"), ("-5", "upperRoman")])
    def it_reads_any_start_value_quickly(self, tmp_path: Path, start: str, fmt: str) -> None:
        body = para("第一项。", num=("1", "0")) + para("第二项。", num=("1", "0"))
        started = time.monotonic()
        got = texts(write(tmp_path, "t.docx", docx(body, numbering=roman_list(start, fmt))))
        assert time.monotonic() - started < 5
        assert got[0].endswith("第一项。") and len(got[0]) < 20

    @pytest.mark.parametrize("ilvl", ["x", "99999999999", "-1", "²"])
    def it_ignores_a_list_level_that_is_no_level(self, tmp_path: Path, ilvl: str) -> None:
        body = para("第一项。", num=("1", ilvl))
        assert texts(write(tmp_path, "t.docx", docx(body, numbering=roman_list("1", ilvl=ilvl)))) == ["第一项。"]

    def it_formats_roman_and_letters_within_bounds(self) -> None:
        assert format_number(4000, "upperRoman") == "4000"
        assert format_number(3999, "upperRoman") == "MMMCMXCIX"
        assert format_number(10 ** 6, "upperLetter") == "1000000"
        assert format_number(0, "lowerRoman") == "0"


class DescribeCheckSource:
    """`check --source` reads the .docx on its own: a reader that drops cells or reads a box twice is caught."""

    def _outline(self, tmp_path: Path, lecture: Path) -> Path:
        result = CliRunner().invoke(main, ["outline", str(lecture), "-o", str(tmp_path / "outline.yaml"), "--force"])
        assert result.exit_code == 0, result.output
        return tmp_path / "outline.yaml"

    def _check(self, outline: Path, lecture: Path):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["check", str(outline), "--source", str(lecture)])

    def it_passes_a_complete_outline(self, tmp_path: Path) -> None:
        for body in (DATA_TABLE, TWO_COLUMNS, TEXT_BOX):
            lecture = write(tmp_path, "lecture.docx", docx(body))
            result = self._check(self._outline(tmp_path, lecture), lecture)
            assert result.exit_code == 0 and "100.0 %" in result.output, result.output

    def it_finds_table_cells_the_reader_dropped(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        lecture = write(tmp_path, "lecture.docx", docx(DATA_TABLE))
        real = docx_reader._blocks

        def first_cell_only(parent):  # type: ignore[no-untyped-def]
            for el in real(parent):
                if "第0行第0列" in "".join(el.itertext()) or "行" not in "".join(el.itertext()):
                    yield el
        monkeypatch.setattr(docx_reader, "_blocks", first_cell_only)
        outline = self._outline(tmp_path, lecture)
        monkeypatch.undo()
        result = self._check(outline, lecture)
        assert result.exit_code == 1
        assert "17 missing" in result.output and "第5行第2列的数据" in result.output

    def it_finds_a_text_box_the_reader_read_twice(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        lecture = write(tmp_path, "lecture.docx", docx(TEXT_BOX))
        monkeypatch.setattr(docx_reader, "chosen", lambda branch: True)  # both branches, as before the fix
        outline = self._outline(tmp_path, lecture)
        monkeypatch.undo()
        result = self._check(outline, lecture)
        assert result.exit_code == 1 and "2 present twice" in result.output, result.output

    def it_finds_text_removed_from_the_notes(self, tmp_path: Path) -> None:
        lecture = write(tmp_path, "lecture.docx", docx(DATA_TABLE + TEXT_BOX))
        outline = self._outline(tmp_path, lecture)
        cut = outline.read_text(encoding="utf-8").replace("第3行第2列的数据。", "").replace("文本框里的第二句。", "")
        outline.write_text(cut, encoding="utf-8")
        result = self._check(outline, lecture)
        assert result.exit_code == 1 and "2 missing" in result.output
        assert "第3行第2列的数据" in result.output and "文本框里的第二句" in result.output

    def it_reads_the_source_in_document_order(self, tmp_path: Path) -> None:
        lecture = write(tmp_path, "lecture.docx", docx(DATA_TABLE + TEXT_BOX, chunks={}))
        assert [t for _, t in source_paragraphs(lecture)] == texts(lecture)


def test_html_blocks_are_read_as_a_browser_shows_them() -> None:
    assert html_paragraphs(b"<p>a <b>b</b>\n c</p><script>x()</script><div>d<br>e</div>") == ["a b c", "d", "e"]
    assert html_paragraphs("<?xml version='1.0' encoding='utf-8'?><html><body><p>中文</p></body></html>".encode()) == ["中文"]
    assert chunk_paragraphs("text/plain", "一行\n\n二行\n".encode("gb18030")) == ["一行", "二行"]
    assert chunk_paragraphs("application/rtf", b"{\\rtf1}") is None
