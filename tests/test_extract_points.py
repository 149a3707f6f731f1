"""Points inside paragraphs: consecutive runs from one; idioms and lone markers are not points."""
from __future__ import annotations

import pytest

from deckgen.extract.points import find_points


def labels(text: str) -> list[str]:
    return [m.label for m in find_points(text, 0, len(text))]


@pytest.mark.parametrize("text, expected", [
    ("总的要求。一要坚持甲。内容。二要坚持乙。内容。三要坚持丙。内容。", ["一要", "二要", "三要"]),
    ("主要做了：一是稳增长。内容；二是调结构。内容；三是惠民生。内容。", ["一是", "二是", "三是"]),
    ("要抓好两点。第一，抓好甲。内容。第二，抓好乙。内容。", ["第一，", "第二，"]),
    ("首先，稳定就业。内容。其次，办好教育。内容。最后，提升医疗。内容。", ["首先，", "其次，", "最后，"]),
    ("首先要稳定就业。其次要办好教育。再次要提升医疗。最后要加强养老。", ["首先", "其次", "再次", "最后"]),
    ("引言。\n——坚持依法行政。内容。\n——坚持廉洁从政。内容。", ["——", "——"]),
    ("We need two things. First, a price on carbon. Second, support for research.", ["First,", "Second,"]),
    ("其一，要讲政治。内容。其二，要顾大局。内容。", ["其一，", "其二，"]),
])
def test_runs_are_found_with_their_labels(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize("text", [
    "发展是我们党执政兴国的第一要务，是解决所有问题的关键。",
    "一是加强领导，这一点很重要。没有第二点。",
    "二是加强领导。三是改进作风。",
    "共产党人第一身份是党员。创新是第一动力。",
    "我们要统一是非标准，说一是一、说二是二。",
    "首先要明确目标。最后要落实责任。",
    "我们首先要学习。其次还有别的。",
])
def test_false_positives_are_not_points(text: str) -> None:
    assert labels(text) == []


def test_a_run_must_be_consecutive_from_one() -> None:
    text = "一要甲。内容。三要丙。内容。"
    assert labels(text) == []
    assert labels("一要甲。内容。二要乙。内容。四要丁。内容。") == ["一要", "二要"]


def test_the_earliest_family_wins_and_others_stay_in_the_text() -> None:
    text = "一要做好甲。一是子项。二是子项。二要做好乙。内容。"
    assert labels(text) == ["一要", "二要"]


def test_markers_mid_word_do_not_count() -> None:
    assert labels("坚持统一是关键，一是甲。内容。二是乙。内容。") == ["一是", "二是"]
