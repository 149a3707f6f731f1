"""Drafting slide kinds from a lecture's text: a quote slide where the text opens with a quotation, big
numbers proposed for a paragraph of key figures, both marked for the lecturer to check."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.extract.kinds import key_figures, leads_with_quotation
from deckgen.extract.pipeline import extract
from deckgen.outline.model import Role
from deckgen.outline.read import read_outline

LECTURE = """\
关于高质量发展的讲话

同志们：
A总书记在党的二十大报告中指出，“高质量发展是全面建设社会主义现代化国家的首要任务”。我们要认真学习领会。

一、发展成就
2023年国内生产总值达到126.06万亿元，比上年增长5.2%，研发经费投入强度达到2.64%。这些成绩来之不易。

二、下一步工作
要坚持稳中求进。要推动高质量发展。
"""


@pytest.mark.parametrize("text, quoted", [("A总书记指出：“发展是第一要务。”下文。", True),
                                          ("下文在前。A总书记指出：“发展是第一要务。”", False),
                                          ("没有引语的一段话。", False)])
def test_a_slide_opening_with_a_quotation_is_drafted_as_a_quote(text: str, quoted: bool) -> None:
    assert leads_with_quotation(text) is quoted


def test_key_figures_are_read_with_what_they_count() -> None:
    assert key_figures("2023年国内生产总值达到126.06万亿元，比上年增长5.2%，研发经费投入强度达到2.64%。") == [
        ("126.06万亿元", "2023年国内生产总值"), ("5.2%", "比上年增长"), ("2.64%", "研发经费投入强度")]
    assert key_figures("只有一个数字：增长5.2%。") == []
    assert key_figures("2023年和2024年都是年份，不是数字。") == []


def test_the_drafted_outline_marks_both_and_builds(tmp_path: Path) -> None:
    source = tmp_path / "lecture.txt"
    source.write_text(LECTURE, encoding="utf-8")
    result = extract(source)
    assert result.outline.opening[0].kind is Role.QUOTE
    assert "kind: quote  # 草拟：讲稿以引语开头，请确认" in result.yaml
    assert "# kind: numbers" in result.yaml and "#   - {value: 126.06万亿元, label: 2023年国内生产总值}" in result.yaml
    assert any("drafted 1 quote slide(s) and proposed 1 big-number slide(s)" in w.message for w in result.warnings)
    outline = tmp_path / "outline.yaml"
    confirmed = re.sub(r"(?m)^( *)# (kind: numbers|numbers:|  - \{value)", r"\1\2", result.yaml)  # the lecturer's edit
    outline.write_text(confirmed, encoding="utf-8")
    slide = read_outline(outline).outline.sections[0].subsections[0]
    assert slide.kind is Role.NUMBERS and [n.value for n in slide.numbers or []] == ["126.06万亿元", "5.2%", "2.64%"]
