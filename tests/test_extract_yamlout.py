"""The outline YAML: key order, block scalars, unescaped Chinese, comments, exact round trip."""
from __future__ import annotations

import pytest

from deckgen.extract.yamlout import outline_yaml, scalar
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Outline
from deckgen.outline.validate import validate

OUTLINE = Outline.from_data({
    "deck": {"title": "标题：副题", "language": "zh-CN", "notes": "标题\n"},
    "opening": [{"title": "引言", "bullets": ["要点一", "- 不是列表"], "notes": "同志们：\n开场。\n"}],
    "sections": [
        {"title": "甲", "label": "一、", "notes": "一、甲\n", "subsections": [
            {"title": "乙", "label": "（一）", "notes": "（一）乙。内容。\n", "points": [
                {"title": "丙", "label": "一要", "bullets": ["yes", "1.5"], "notes": "一要丙。\n"}]}]},
        {"title": "#1 “引号”", "label": "", "notes": "二、\t制表\n"}],
    "closing": [{"title": "结束", "notes": "同志们，再见。\n"}],
})


def test_round_trip_is_exact() -> None:
    text = outline_yaml(OUTLINE, ["来源：测试"], {("sections", 1, "title")})
    assert validate(parse_yaml(text, "o.yaml"))[0] == OUTLINE


def test_layout_is_readable() -> None:
    text = outline_yaml(OUTLINE, ["来源：测试", ""], {("sections", 1, "title")})
    lines = text.splitlines()
    assert lines[:5] == ["# 来源：测试", "#", "deck:", "  title: 标题：副题", "  language: zh-CN"]
    assert "\\u" not in text
    for line in ["  - title: 甲", "    label: 一、", "      - title: 乙", "        label: （一）", "          - title: 丙",
                 "            label: 一要", "            notes: |", "              一要丙。", "    notes: |", "      同志们：",
                 "    label: ''", "  - title: '#1 “引号”'  # 已缩短，请核对", "    bullets:  # 草拟的要点，请修改",
                 "      - '- 不是列表'", "              - 'yes'"]:
        assert line in lines, line
    assert text.index("opening:") < text.index("sections:") < text.index("closing:")
    assert lines[lines.index("  - title: 甲") - 2:lines.index("  - title: 甲")] == ["", "sections:"]


@pytest.mark.parametrize("value", ["yes", "1.", "- x", "a: b", "#c", "'q'", "“中文”", "", " 空格", "null", "@x", "——"])
def test_scalars_read_back_as_text(value: str) -> None:
    assert parse_yaml(f"k: {scalar(value)}\n", "s.yaml").data["k"] == value


def test_english_comments_for_english_decks() -> None:
    outline = OUTLINE.replace(deck=OUTLINE.deck.replace(language="en-US"))
    assert "# drafted key phrases: edit them" in outline_yaml(outline)
