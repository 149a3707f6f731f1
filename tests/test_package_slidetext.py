"""Slide identifiers (written, parsed) and reading a slide's text for `deckgen pull`."""
from __future__ import annotations

from lxml import etree

from deckgen.package.ns import A, P
from deckgen.package.slideid import SlideKey, parse_mark
from deckgen.package.slidetext import join_lines, read_slide


def test_an_identifier_reads_back_as_written() -> None:
    key = SlideKey(("sections", 0, "subsections", 1), 2, "content", "0123abcd", "89abcdef")
    assert key.mark() == "deckgen:1:sections/0/subsections/1:2:content:0123abcd:89abcdef"
    assert parse_mark(key.mark()) == key
    for other in ("", "Title 1", "deckgen:2:deck:0:title:a:b", "deckgen:1:deck:x:title:a:b", "deckgen:1:0:0:c:a:b"):
        assert parse_mark(other) is None


def _sp(inner: str, name: str = "Shape", ph: str = "") -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="{name}"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr/><p:txBody><a:bodyPr/>{inner}</p:txBody></p:sp>')


def _slide(*shapes: str, name: str = "") -> etree._Element:
    return etree.fromstring(f'<p:sld xmlns:a="{A}" xmlns:p="{P}"><p:cSld{name}><p:spTree>{"".join(shapes)}'
                            '</p:spTree></p:cSld></p:sld>')


def test_a_slide_reads_as_title_bodies_with_levels_notes_and_what_is_not_pulled() -> None:
    key = SlideKey(("opening", 0), 0, "content", "e", "t").mark()
    slide = _slide(
        _sp('<a:p><a:r><a:t>（一）标</a:t></a:r><a:r><a:t>题</a:t></a:r></a:p>', ph='<p:ph type="title"/>'),
        _sp('<a:p><a:r><a:t>甲</a:t></a:r><a:br/><a:r><a:t>乙</a:t></a:r></a:p>'
            '<a:p><a:pPr lvl="1"/><a:r><a:t>子</a:t></a:r></a:p>', ph='<p:ph/>'),  # as LibreOffice writes a body
        _sp('<a:p><a:r><a:t>页脚</a:t></a:r></a:p>', ph='<p:ph type="ftr" idx="11"/>'),
        _sp('<a:p><a:r><a:t>一个文本框</a:t></a:r></a:p>'),
        _sp("<a:p/>", name=key))
    notes = etree.fromstring(f'<p:notes xmlns:a="{A}" xmlns:p="{P}"><p:cSld><p:spTree>'
                             + _sp('<a:p><a:r><a:t>讲稿</a:t></a:r></a:p><a:p/>', ph='<p:ph type="body" idx="1"/>')
                             + '</p:spTree></p:cSld></p:notes>')
    s = read_slide(slide, notes, 3)
    assert s.key == parse_mark(key) and s.number == 3
    assert s.title == ("（一）标题",)
    assert s.bodies == ((("甲\n乙", 0), ("子", 1)),)
    assert s.notes == ("讲稿", "")
    assert s.others == ("a text box '一个文本框'",)
    assert s.digest == read_slide(slide, notes).digest and len(s.digest) == 8


def test_the_slide_name_stands_in_for_a_lost_marker() -> None:
    key = SlideKey(("closing", 0), 0, "closing", "e", "t").mark()
    assert read_slide(_slide(name=f' name="{key}"')).key == parse_mark(key)
    assert read_slide(_slide()).key is None


def test_title_lines_join_without_a_space_between_chinese() -> None:
    assert join_lines(["推动", "高质量发展"]) == "推动高质量发展"
    assert join_lines(["Quality", "growth"]) == "Quality growth"
