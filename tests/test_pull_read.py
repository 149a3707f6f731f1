"""Reading an entry back from its slides: labels apart from titles, continuation marks, levels, notes."""
from __future__ import annotations

from deckgen.pull.read import label_level, notes_value, split_label, strip_continued, tidy_levels


def test_labels_are_split_from_titles() -> None:
    assert split_label("（一）本质要求", "（一）", "subsection") == ("（一）", "本质要求")
    assert split_label("（1）本质要求", "（一）", "subsection") == ("（1）", "本质要求")
    assert split_label("本质要求", "（一）", "subsection") == (None, "本质要求")
    assert split_label("A. The task", "A.", "subsection") == ("A.", "The task")
    assert split_label("一要坚持", None, "opening") == (None, "一要坚持")


def test_numbering_says_the_level() -> None:
    assert [label_level(t) for t in ("一、甲", "（二）乙", "3.丙", "①丁", "II. Why", "B. What", "平常的标题", "一、")] == \
        ["section", "subsection", "point", "point", "section", "subsection", None, None]


def test_continuation_marks_numbered_or_not() -> None:
    for title in ("（二）现实选择（续）", "（二）现实选择（续2）"):
        assert strip_continued(title) == "（二）现实选择"
    for title in ("A. The task (cont.)", "A. The task (cont. 2)"):
        assert strip_continued(title) == "A. The task"
    assert strip_continued("持续（续航）") == "持续（续航）"


def test_levels_an_outline_can_hold() -> None:
    assert tidy_levels([("a", 1), ("b", 3), ("c", 0), ("d", 2)]) == [("a", 0), ("b", 1), ("c", 0), ("d", 1)]


def test_notes_end_as_the_outline_wrote_them() -> None:
    assert notes_value(["一", "二"], "一\n") == "一\n二\n"
    assert notes_value(["一", "二"], "一") == "一\n二"
    assert notes_value([], "一\n") == ""
