"""Heading labels: Chinese official levels, full-width digits, roman and letters, chapters; not decimals."""
from __future__ import annotations

import pytest

from deckgen.extract.numbering import heading_labels


def reading(text: str) -> list[tuple[str, int, str, str]]:
    return [(lb.scheme, lb.number, lb.text, text[lb.end:]) for lb in heading_labels(text)]


@pytest.mark.parametrize("text, expected", [
    ("一、高质量发展", ("cn-dun", 1, "一、", "高质量发展")),
    ("十一、 第十一部分", ("cn-dun", 11, "十一、", "第十一部分")),
    ("二十三、标题", ("cn-dun", 23, "二十三、", "标题")),
    ("（一）本质要求。正文", ("cn-paren", 1, "（一）", "本质要求。正文")),
    ("(二)半角括号", ("cn-paren", 2, "(二)", "半角括号")),
    ("1．全角点", ("arabic-dot", 1, "1．", "全角点")),
    ("2.半角点", ("arabic-dot", 2, "2.", "半角点")),
    ("3、顿号", ("arabic-dot", 3, "3、", "顿号")),
    ("１２．全角数字", ("arabic-dot", 12, "１２．", "全角数字")),
    ("（1）括号数字", ("arabic-paren", 1, "（1）", "括号数字")),
    ("(2) half", ("arabic-paren", 2, "(2)", "half")),
    ("（１）全角", ("arabic-paren", 1, "（１）", "全角")),
    ("⑴旧式", ("arabic-paren", 1, "⑴", "旧式")),
    ("①圈码", ("circled", 1, "①", "圈码")),
    ("⑩圈码十", ("circled", 10, "⑩", "圈码十")),
    ("第一部分　总体要求", ("cn-part", 1, "第一部分　", "总体要求")),
    ("第三章：方法", ("cn-章", 3, "第三章：", "方法")),
    ("II. Policy", ("roman", 2, "II.", "Policy")),
    ("Ⅲ、罗马", ("roman", 3, "Ⅲ、", "罗马")),
    ("B. Public goods", ("upper", 2, "B.", "Public goods")),
    ("c) lower", ("lower", 3, "c)", "lower")),
    ("2.3 Results", ("decimal-2", 3, "2.3", "Results")),
    ("Part 2: Basics", ("en-part", 2, "Part 2:", "Basics")),
])
def test_labels_are_read_exactly(text: str, expected: tuple) -> None:
    assert expected in reading(text)


def test_ambiguous_letters_give_every_reading() -> None:
    assert {r[0] for r in reading("I. Introduction")} == {"roman", "upper"}
    assert {r[0] for r in reading("i. first")} == {"lower", "lower-roman"}


@pytest.mark.parametrize("text", [
    "1.5亿元的投资", "2023年工作回顾", "一、二季度经济平稳", "一是加强领导", "I think so.", "A.B. Smith wrote",
    "第一要务是发展", "一、", "Apple. pie", "统一思想",
])
def test_non_labels(text: str) -> None:
    assert reading(text) == []

