"""Validation: every problem at once, each with file:line:col and the outline path."""
from __future__ import annotations

import pytest

from deckgen.errors import ContentError
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.validate import validate

GOOD = """\
deck:
  title: 标题
sections:
  - title: 第一部分
    subsections:
      - title: 小节
        points:
          - title: 要点
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        validate(parse_yaml(text, "outline.yaml"))
    return [str(p) for p in info.value.problems]


class DescribeValidate:
    def it_builds_the_model(self) -> None:
        outline, warnings = validate(parse_yaml(GOOD, "outline.yaml"))
        assert outline.deck.language == "zh-CN"
        assert outline.sections[0].subsections[0].points[0].title == "要点"
        assert warnings == []

    def it_reports_all_problems_at_once_in_file_order(self) -> None:
        text = """\
deck:
  titel: T
sections:
  - title: A
    subsections:
      - title: B
        notes: [a, b]
        bulets: [x]
"""
        assert problems(text) == [
            "outline.yaml:2:3: deck.title: required key 'title' is missing; add it",
            "outline.yaml:2:3: deck.titel: unknown key 'titel'; did you mean 'title'?",
            "outline.yaml:7:16: sections[0].subsections[0].notes: expected text, got a list; write it as text (in quotes if it holds ': ', '[' or '{')",
            "outline.yaml:8:9: sections[0].subsections[0].bulets: unknown key 'bulets'; did you mean 'bullets'?",
        ]

    def it_names_missing_sections_and_empty_lists(self) -> None:
        assert problems("deck:\n  title: T\n") == ["outline.yaml:1:1: sections: required key 'sections' is missing; add it"]
        assert problems("deck:\n  title: T\nsections: []\n") == ["outline.yaml:3:11: sections: needs at least one entry, got 0; add one"]

    def it_rejects_an_empty_required_title(self) -> None:
        assert problems("deck:\n  title:\nsections:\n  - title: ''\n") == [
            "outline.yaml:2:9: deck.title: expected text, got nothing; YAML reads an empty value, ~ and null as nothing: "
            "write the text, or put it in quotes ('~', 'null') to mean those characters",
            "outline.yaml:4:12: sections[0].title: must not be empty; write the text",
        ]

    def it_rejects_a_non_mapping_document(self) -> None:
        assert problems("- a\n- b\n") == [
            "outline.yaml:1:1: the outline must be a mapping with 'deck' and 'sections', got a list"]

    def it_explains_an_unknown_layout_role(self) -> None:
        (msg,) = problems(GOOD + "    layout: sectoin\n")
        assert msg.endswith("did you mean 'section'?")

    def it_accepts_a_layout_override(self) -> None:
        outline, _ = validate(parse_yaml(GOOD + "    layout: statement\n", "outline.yaml"))
        assert outline.sections[0].layout is Role.STATEMENT

    def it_checks_the_language_tag(self) -> None:
        (msg,) = problems(GOOD.replace("  title: 标题\n", "  title: 标题\n  language: 中文\n"))
        assert msg == "outline.yaml:3:13: deck.language: '中文' is not a language tag; write one such as zh-CN or en-US"

    def it_reports_duplicate_keys_with_other_problems(self) -> None:
        text = "deck:\n  title: A\n  title: B\nsections:\n  - title: S\n    colour: red\n"
        assert problems(text) == [
            "outline.yaml:3:3: deck.title: duplicate key 'title' (first at line 2); YAML would keep only the last one: keep one",
            "outline.yaml:6:5: sections[0].colour: unknown key 'colour'; allowed: title, label, bullets, notes, layout, kind, chart, table, image, alt, quote, numbers, compare, "
            "code, subsections",
        ]

    def it_sanitises_control_characters_with_a_warning(self) -> None:
        text = GOOD.replace("title: 要点", 'title: "要\\x0b点\\ud800"')
        outline, warnings = validate(parse_yaml(text, "outline.yaml"))
        assert outline.sections[0].subsections[0].points[0].title == "要点"
        assert [str(w) for w in warnings] == [
            "outline.yaml:8:20: sections[0].subsections[0].points[0].title: removed 2 control or invalid character(s)"]


def test_a_deck_of_three_thousand_slides_is_within_the_limits() -> None:
    """The benchmark's largest deck (and a term of lectures) must validate: limits stop abuse, not use."""
    text = "deck:\n  title: T\nsections:\n" + "".join(
        f"  - title: 第{i}部分\n    bullets: [推动高质量发展, 深化改革开放]\n" for i in range(3000))
    outline, _ = validate(parse_yaml(text, "outline.yaml"))
    assert len(outline.sections) == 3000
