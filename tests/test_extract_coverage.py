"""Sentence coverage of a lecture by notes: in order, split sentences allowed, missing/moved/twice/extra found."""
from __future__ import annotations

from deckgen.extract.coverage import measure, normalise, notes_in_order, snippet, split, split_notes
from deckgen.outline.model import Outline

LECTURE = [(1, "标题"), (2, "第一句。第二句！"), (3, "一是甲，二是乙。第三句？"), (4, "The end. Really.")]


def run(notes: list[str]):
    return measure(split(LECTURE), split_notes([(("n", i), text) for i, text in enumerate(notes)]))


def test_the_same_text_split_over_slides_is_complete() -> None:
    result = run(["标题\n", "第一句。第二句！\n一是甲，", "二是乙。第三句？\n", "The end.\nReally.\n"])
    assert result.complete and result.covered == result.total == 7 and result.percent == 100.0


def test_whitespace_differences_do_not_count() -> None:
    assert run(["标 题", "第一句。 第二句！", "一是甲，二是乙。第三句？", "The   end. Really."]).complete


def test_a_missing_sentence_is_reported_with_its_line() -> None:
    result = run(["标题", "第一句。", "一是甲，二是乙。第三句？", "The end. Really."])
    assert [(s.text, s.line) for s in result.missing] == [("第二句！", 2)]
    assert result.covered == 6 and round(result.percent, 1) == 85.7


def test_a_sentence_present_twice_is_reported_with_its_slide() -> None:
    result = run(["标题", "第一句。第二句！", "一是甲，二是乙。第三句？", "第一句。", "The end. Really."])
    assert [(s.text, s.path) for s in result.duplicated] == [("第一句。", ("n", 3))]
    assert result.covered == result.total and not result.complete


def test_time_cues_are_not_lecture_text() -> None:
    result = run(["标题\n〔约 1 分钟〕", "第一句。第二句！\n〔约 2 分钟〕", "一是甲，二是乙。第三句？", "The end. Really.\n[about 1 min]"])
    assert result.complete and result.extra == []


def test_notes_not_in_the_lecture_are_reported() -> None:
    result = run(["标题", "第一句。第二句！", "我加的一句。", "一是甲，二是乙。第三句？", "The end. Really."])
    assert [s.text for s in result.extra] == ["我加的一句。"]


def test_a_sentence_out_of_order_is_reported_once() -> None:
    result = run(["标题", "第二句！", "一是甲，二是乙。第一句。第三句？", "The end. Really."])
    assert [(s.text, n.path) for s, n in result.moved] == [("第一句。", ("n", 2))]
    assert not result.missing and not result.extra


def test_an_edited_sentence_is_missing_and_extra() -> None:
    result = run(["标题", "第一句。第二句！", "一是甲，二是丙。第三句？", "The end. Really."])
    assert [s.text for s in result.missing] == ["一是甲，二是乙。"]
    assert [s.text for s in result.extra] == ["一是甲，二是丙。"]


def test_notes_in_slide_order() -> None:
    outline = Outline.from_data({
        "deck": {"title": "T", "notes": "d"}, "opening": [{"title": "O", "notes": "o"}],
        "sections": [{"title": "S", "notes": "s", "subsections": [{"title": "U", "notes": "u", "points": [
            {"title": "P", "notes": "p"}]}]}], "closing": [{"title": "C", "notes": "c"}]})
    assert notes_in_order(outline) == [
        (("deck", "notes"), "d"), (("opening", 0, "notes"), "o"), (("sections", 0, "notes"), "s"),
        (("sections", 0, "subsections", 0, "notes"), "u"), (("sections", 0, "subsections", 0, "points", 0, "notes"), "p"),
        (("closing", 0, "notes"), "c")]


def test_helpers() -> None:
    assert normalise(" 甲\u3000乙\n丙 ") == "甲乙丙"
    assert snippet("短句。") == "“短句。”"
    assert snippet("一" * 40) == "“" + "一" * 28 + "…”"
