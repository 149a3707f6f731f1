"""Planning: slide order, labels, roles, fitted sizes, and golden dumps of whole plans."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.build.pipeline import plan_file
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.text.numerals import chinese_number
from deckgen.plan.dump import dump
from deckgen.plan.labels import default_label, with_label
from deckgen.plan.planner import plan
from deckgen.theme.model import load_theme
from deckgen.outline.validate import validate
from tests.conftest import OUTLINE

GOLDEN = Path(__file__).parent / "golden"


def plan_text(text: str):
    outline, _ = validate(parse_yaml(text, "o.yaml"))
    return plan(outline, load_theme())


@pytest.mark.parametrize("case, source", [("shipped", OUTLINE)] + [
    (case, GOLDEN / case / "outline.yaml") for case in ("english", "stress", "stress-en", "kinds")])
def test_plan_matches_golden_dump(case: str, source: Path) -> None:
    actual = dump(plan_file(source).deck)
    expected_file = GOLDEN / case / "plan.txt"
    if os.environ.get("DECKGEN_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


class DescribeLabels:
    @pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (100, "一百"), (105, "一百零五"),
                                         (110, "一百一十"), (1010, "一千零一十"), (12000, "12000")])
    def it_writes_chinese_numbers(self, n: int, text: str) -> None:
        assert chinese_number(n) == text

    def it_numbers_by_level(self) -> None:
        assert [default_label(level, 2, True) for level in range(3)] == ["二、", "（二）", "2."]
        assert [default_label(level, 2, False) for level in range(3)] == ["II.", "B.", "2."]

    def it_joins_cjk_labels_without_a_space(self) -> None:
        assert with_label("一、", "标题") == "一、标题"
        assert with_label("（一）", "标题") == "（一）标题"
        assert with_label("一要", "标题") == "一要标题"
        assert with_label("1.", "Title") == "1. Title"
        assert with_label(None, "Title") == "Title"


class DescribePlan:
    TEXT = """\
deck:
  title: 标题
  notes: 题目
sections:
  - title: 甲
    notes: 一、甲
    subsections:
      - title: 乙
        notes: （一）乙
        points:
          - title: 丙
            label: 一要
            notes: 一要丙
  - title: 丁
    bullets: [要点]
closing:
  - title: 结束
    notes: 同志们
"""

    def it_orders_title_agenda_sections_points_closing(self) -> None:
        deck, warnings = plan_text(self.TEXT)
        assert [(s.role, s.title.text) for s in deck.slides] == [
            (Role.TITLE, "标题"), (Role.AGENDA, "目录"), (Role.SECTION, "甲"), (Role.CONTENT, "（一）乙"),
            (Role.STATEMENT, "一要丙"), (Role.SECTION, "丁"), (Role.CONTENT, "二、丁"), (Role.CLOSING, "结束")]
        assert warnings == []

    def it_keeps_notes_in_lecture_order(self) -> None:
        deck, _ = plan_text(self.TEXT)
        assert [s.notes for s in deck.slides if s.notes] == ["题目", "一、甲", "（一）乙", "一要丙", "同志们"]

    def it_lists_sections_on_the_agenda_and_in_powerpoint_sections(self) -> None:
        deck, _ = plan_text(self.TEXT)
        assert deck.slides[1].body.paragraphs == ("一、甲", "二、丁")
        assert deck.sections == ("开篇", "一、甲", "二、丁", "结语")
        assert [s.section for s in deck.slides] == [0, 0, 1, 1, 1, 2, 2, 3]

    def it_shows_point_titles_on_a_subsection_without_bullets(self) -> None:
        deck, _ = plan_text(self.TEXT)
        assert deck.slides[3].body.paragraphs == ("一要丙",)

    def it_puts_the_section_label_in_its_own_placeholder(self) -> None:
        deck, _ = plan_text(self.TEXT)
        assert deck.slides[2].text("label").paragraphs == ("一、",)

    def it_sets_a_heading_without_bullets_large_on_a_statement_slide(self) -> None:
        deck, _ = plan_text("deck: {title: T}\nsections: [{title: A, subsections: [{title: 小节}, {title: 定型, layout: content}]}]\n")
        assert [(s.role, s.title.text) for s in deck.slides[2:]] == [(Role.STATEMENT, "（一）小节"), (Role.CONTENT, "（二）定型")]

    def it_skips_the_agenda_for_a_single_section(self) -> None:
        deck, _ = plan_text("deck: {title: T}\nsections: [{title: A}]\n")
        assert [s.role for s in deck.slides] == [Role.TITLE, Role.SECTION]

    def it_shrinks_a_long_title_and_warns_when_it_cannot_fit(self) -> None:
        long_title = "高质量发展" * 10  # 50 characters: two lines only at a smaller size
        deck, warnings = plan_text(f"deck: {{title: T}}\nsections: [{{title: A, subsections: [{{title: {long_title}, bullets: [要点]}}]}}]\n")
        theme = load_theme()
        assert theme.sizes.title.min <= deck.slides[-1].title.size < theme.sizes.title.max
        assert warnings == []
        deck, warnings = plan_text(f"deck: {{title: T}}\nsections: [{{title: A, subsections: [{{title: {long_title * 3}, bullets: [要点]}}]}}]\n")
        assert [str(w) for w in warnings] == [
            "sections[0].subsections[0]: the title does not fit in 2 lines at the smallest size (24 pt); shorten it"]


class DescribeContinuation:
    def outline(self, bullets: list[str], language: str = "zh-CN") -> str:
        items = "".join(f"\n          - {b}" for b in bullets)
        return (f"deck: {{title: T, language: {language}}}\nsections:\n  - title: A\n    subsections:\n"
                f"      - title: 小节\n        notes: 全部讲稿\n        bullets:{items}\n")

    def it_keeps_six_short_bullets_on_one_slide(self) -> None:
        deck, warnings = plan_text(self.outline([f"要点{i}" for i in range(6)]))
        content = [s for s in deck.slides if s.role is Role.CONTENT]
        assert [(s.title.text, len(s.body.paragraphs)) for s in content] == [("（一）小节", 6)]
        assert warnings == []

    def it_splits_fifteen_bullets_evenly_with_continued_titles_and_notes_on_the_first(self) -> None:
        deck, warnings = plan_text(self.outline([f"第{i}条要点" for i in range(15)]))
        content = [s for s in deck.slides if s.role is Role.CONTENT]
        assert [s.title.text for s in content] == ["（一）小节", "（一）小节（续1）", "（一）小节（续2）"]  # unique titles
        assert [len(s.body.paragraphs) for s in content] == [5, 5, 5]
        assert sum((s.body.paragraphs for s in content), ()) == tuple(f"第{i}条要点" for i in range(15))
        assert [s.notes for s in content] == ["全部讲稿", "", ""]
        assert len({s.body.size for s in content}) == 1
        assert [str(w) for w in warnings] == ["sections[0].subsections[0]: 15 bullets do not fit one slide: split into 3 slides"]

    def it_splits_long_bullets_before_they_get_too_small(self) -> None:
        long = "高质量发展是全面建设社会主义现代化国家的首要任务，" * 3
        deck, warnings = plan_text(self.outline([long] * 6))
        content = [s for s in deck.slides if s.role is Role.CONTENT]
        assert len(content) > 1
        assert all(s.body.size >= load_theme().sizes.body.min for s in content)

    def it_keeps_short_bullets_on_one_slide_by_space_unless_the_theme_caps_them(self) -> None:
        """Short bullets were split by the six-bullet rule while half the slide was empty (issue #15)."""
        text = self.outline([f"要点{i}" for i in range(7)])
        deck, warnings = plan_text(text)
        content = [s for s in deck.slides if s.role is Role.CONTENT]
        assert [len(s.body.paragraphs) for s in content] == [7] and warnings == []
        assert content[0].body.size == load_theme().sizes.body.max  # room to spare: no second slide half empty
        outline, _ = validate(parse_yaml(text, "o.yaml"))
        capped, _ = plan(outline, load_theme().replace(max_bullets=6))
        assert [len(s.body.paragraphs) for s in capped.slides if s.role is Role.CONTENT] == [4, 3]
        eight, _ = plan_text(self.outline([f"要点{i}" for i in range(8)]))  # only at a smaller size: split
        assert [len(s.body.paragraphs) for s in eight.slides if s.role is Role.CONTENT] == [4, 4]

    def it_says_cont_in_english(self) -> None:
        deck, _ = plan_text(self.outline([f"Point number {i}" for i in range(12)], "en-US"))
        assert [s.title.text for s in deck.slides if s.role is Role.CONTENT] == ["A. 小节", "A. 小节 (cont.)"]

    def it_warns_about_a_bullet_too_long_for_any_slide(self) -> None:
        deck, warnings = plan_text(self.outline(["长" * 2000]))
        assert any("does not fit on a slide of its own" in str(w) for w in warnings)

    def it_warns_when_text_is_set_well_below_the_preferred_size(self) -> None:
        long = "高质量发展是全面建设社会主义现代化国家的首要任务，" * 3
        deck, warnings = plan_text(self.outline([long] * 5))
        size = next(s.body.size for s in deck.slides if s.role is Role.CONTENT)
        assert size < 22 and any(f"set at {size:g} pt, below the preferred 24 pt; shorten it" in str(w) for w in warnings)

    def it_sums_up_text_set_only_slightly_below_the_preferred_size_in_one_line(self) -> None:
        long = "高质量发展是全面建设社会主义现代化国家的首要任务，" * 2
        deck, warnings = plan_text(self.outline([long] * 5))
        assert 22 <= next(s.body.size for s in deck.slides if s.role is Role.CONTENT) < 24
        assert [str(w) for w in warnings] == ["1 text set at most 2 pt below the theme's preferred size to fit (not "
                                              "listed; nothing to change)"]

    def it_places_a_warning_at_the_outline_line_with_the_slide_title_and_no_path(self, tmp_path) -> None:
        from deckgen.build.pipeline import plan_file

        long = "高质量发展是全面建设社会主义现代化国家的首要任务，" * 3
        path = tmp_path / "o.yaml"
        path.write_text(self.outline([long] * 5), encoding="utf-8")
        warnings = [str(w) for w in plan_file(path).warnings]
        assert warnings == [f"{path}:5:9: '（一）小节': the bullets set at 21 pt, below the preferred 24 pt; shorten "
                            "it (or move some of it into the notes) to set it larger"]


def test_no_title_or_bullet_of_the_shipped_deck_ends_in_an_orphan() -> None:
    """Every slide of the shipped example: no last line of one or two CJK characters (issue #15)."""
    from deckgen.build.pipeline import plan_file
    from deckgen.cli.build import shipped_outline
    from deckgen.plan.kinds import BUILTIN_FRAMES
    from deckgen.text.fit import orphans

    deck = plan_file(shipped_outline()).deck
    checked = 0
    for slide in deck.slides:
        for name, text in (("title", slide.title), *slide.texts):
            slot = BUILTIN_FRAMES.get(slide.role.value, name)
            if slot is not None and text is not None:
                checked += 1
                assert orphans(text.paragraphs, slot.box, text.size, slot.style, True) == [], (slide.title.text, name)
    assert checked > len(deck.slides)


def test_a_title_repeated_by_another_entry_is_warned_but_a_divider_and_its_own_bullets_slide_are_not() -> None:
    _, warnings = plan_text("deck: {title: Talk}\nsections:\n  - {title: Why, label: '', bullets: [a point],\n"
                            "     subsections: [{title: Why, label: '', bullets: [b]}]}\n")
    repeats = [w.message for w in warnings if "has the title of slide" in w.message]
    # slide 2 is the divider, slide 3 its own bullets (one entry), slide 4 the subsection: only it is warned
    assert len(repeats) == 1 and repeats[0].startswith("slide 4 has the title of slide 2"), repeats
