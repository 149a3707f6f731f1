"""Structure found in small lectures written for the tests: every pattern of the issue, and false positives."""
from __future__ import annotations

from pathlib import Path

from deckgen.extract.pipeline import Extraction, extract


def draft(tmp_path: Path, text: str, name: str = "lecture.txt") -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path, name)


def tree(result: Extraction) -> list:
    """(label, title) of every section, with its subsections and their points."""
    return [((s.label, s.title), [((u.label, u.title), [(p.label, p.title) for p in u.points]) for u in s.subsections])
            for s in result.outline.sections]


ZH = """关于推进高质量发展的几点思考
同志们：
今天和大家交流三个问题。
一、充分认识重要意义
发展是我们党执政兴国的第一要务。
（一）本质要求。马克思主义认为，社会主义的根本任务是解放和发展生产力。
（二）现实选择
改革开放以来，我们取得了历史性成就。
二、准确把握科学内涵
（一）新发展理念。一是坚持创新发展。创新是第一动力。二是坚持协调发展。协调是内生特点。
（二）全方位发展。一是体现在经济上，这只是一个方面。
同志们，让我们共同努力，奋力开创新局面！
"""


class DescribeChineseLecture:
    def it_finds_title_salutation_opening_and_closing(self, tmp_path: Path) -> None:
        r = draft(tmp_path, ZH)
        o = r.outline
        assert o.deck.title == "关于推进高质量发展的几点思考"
        assert o.deck.notes == "关于推进高质量发展的几点思考\n"
        assert r.structure.salutation == "同志们："
        assert o.opening[0].notes == "同志们：\n今天和大家交流三个问题。\n"
        assert o.closing[0].notes == "同志们，让我们共同努力，奋力开创新局面！\n"
        assert o.closing[0].title == "让我们共同努力，奋力开创新局面！"

    def it_finds_levels_points_and_keeps_idioms_and_lone_markers_as_text(self, tmp_path: Path) -> None:
        assert tree(draft(tmp_path, ZH)) == [
            (("一、", "充分认识重要意义"), [(("（一）", "本质要求"), []), (("（二）", "现实选择"), [])]),
            (("二、", "准确把握科学内涵"), [(("（一）", "新发展理念"), [("一是", "坚持创新发展"), ("二是", "坚持协调发展")]),
                                      (("（二）", "全方位发展"), [])]),
        ]

    def it_splits_heading_sentence_from_notes_and_keeps_own_line_headings(self, tmp_path: Path) -> None:
        o = draft(tmp_path, ZH).outline
        first, second = o.sections[0].subsections
        assert first.notes == "（一）本质要求。马克思主义认为，社会主义的根本任务是解放和发展生产力。\n"
        assert second.notes == "（二）现实选择\n改革开放以来，我们取得了历史性成就。\n"
        assert o.sections[0].notes == "一、充分认识重要意义\n发展是我们党执政兴国的第一要务。\n"
        sub = o.sections[1].subsections[0]
        assert sub.notes == "（一）新发展理念。\n"
        assert [p.notes for p in sub.points] == ["一是坚持创新发展。创新是第一动力。\n", "二是坚持协调发展。协调是内生特点。\n"]

    def it_reads_all_official_levels_and_keeps_deeper_ones_in_the_notes(self, tmp_path: Path) -> None:
        text = ("标题\n一、甲\n（一）乙\n1．丙。内容。\n（1）丁。内容。\n（2）戊。内容。\n2．己。内容。\n"
                "①庚。\n②辛。\n（二）壬\n二、癸\n（一）子\n")
        r = draft(tmp_path, text)
        assert tree(r) == [(("一、", "甲"), [(("（一）", "乙"), [("1．", "丙"), ("2．", "己")]), (("（二）", "壬"), [])]),
                           (("二、", "癸"), [(("（一）", "子"), [])])]
        assert r.outline.sections[0].subsections[0].points[0].notes == "1．丙。内容。\n（1）丁。内容。\n（2）戊。内容。\n"
        assert any("third level" in w.message for w in r.warnings)

    def it_accepts_full_width_digits_spaces_after_the_comma_and_eleven(self, tmp_path: Path) -> None:
        sections = "\n".join(f"{n}、 第{n}部分\n内容。" for n in "一二三四五六七八九十") + "\n十一、 最后一部分\n内容。\n"
        r = draft(tmp_path, "标题\n" + sections)
        assert [s.label for s in r.outline.sections][-2:] == ["十、", "十一、"]
        r = draft(tmp_path, "标题\n一、甲\n（１）全角一\n（２）全角二\n")
        assert [s.title for s in r.outline.sections[0].subsections] == ["全角一", "全角二"]

    def it_warns_about_a_numbering_gap(self, tmp_path: Path) -> None:
        r = draft(tmp_path, "标题\n一、甲\n内容。\n三、丙\n内容。\n")
        assert [s.label for s in r.outline.sections] == ["一、", "三、"]
        assert any("jumps from 1 to 3" in str(w) and "lecture.txt:4" in str(w) for w in r.warnings)

    def it_reads_a_title_block_with_subtitle_date_and_presenter(self, tmp_path: Path) -> None:
        text = "政府工作报告\n——在市人民代表大会上\n（2024年1月15日）\n市长　张三\n各位代表：\n现在报告工作。\n一、回顾\n内容。\n二、安排\n内容。\n"
        o = draft(tmp_path, text).outline
        assert (o.deck.title, o.deck.subtitle, o.deck.date, o.deck.presenter) == (
            "政府工作报告", "在市人民代表大会上", "2024年1月15日", "市长　张三")
        assert o.deck.notes == "政府工作报告\n——在市人民代表大会上\n（2024年1月15日）\n市长　张三\n"

    def it_turns_points_of_a_section_without_subsections_into_subsections(self, tmp_path: Path) -> None:
        text = "标题\n一、工作回顾\n过去一年成绩显著。一是经济增长。内容；二是民生改善。内容。\n二、工作安排\n（一）扩大需求。内容。\n"
        assert tree(draft(tmp_path, text))[0] == (("一、", "工作回顾"), [(("一是", "经济增长"), []), (("二是", "民生改善"), [])])

    def it_makes_a_slide_per_paragraph_of_a_section_without_subsections(self, tmp_path: Path) -> None:
        text = "标题\n一、工作回顾\n第一段讲成绩。很好。\n第二段讲问题。不少。\n二、工作安排\n（一）扩大需求。内容。\n"
        first = draft(tmp_path, text).outline.sections[0]
        assert [(s.label, s.title) for s in first.subsections] == [("", "第一段讲成绩"), ("", "第二段讲问题")]
        assert first.notes == "一、工作回顾\n"

    def it_drafts_one_section_when_there_is_no_structure(self, tmp_path: Path) -> None:
        r = draft(tmp_path, "随想\n今天天气很好。\n我们去公园散步。\n")
        assert [s.title for s in r.outline.sections] == ["主要内容"]
        assert [s.notes for s in r.outline.sections[0].subsections] == ["今天天气很好。\n", "我们去公园散步。\n"]
        assert any("no numbered headings" in w.message for w in r.warnings)

    def it_uses_the_file_name_when_there_is_no_title_line(self, tmp_path: Path) -> None:
        r = draft(tmp_path, "同志们：\n一、甲\n内容。\n二、乙\n内容。\n", "党课讲稿.txt")
        assert r.outline.deck.title == "党课讲稿"
        assert r.outline.deck.notes == "同志们：\n"
        assert any("no title line" in w.message for w in r.warnings)

    def it_recognises_paragraph_points_with_dashes_first_and_shouxian(self, tmp_path: Path) -> None:
        text = ("标题\n一、总体要求\n（一）依法行政\n我们要坚持三条。\n——坚持依法行政。内容。\n——坚持廉洁从政。内容。\n"
                "（二）保障民生。首先，稳定就业。内容。其次，办好教育。内容。最后，提升医疗。内容。\n"
                "（三）深化改革。第一，深化国企改革。内容。第二，优化营商环境。内容。\n")
        subs = draft(tmp_path, text).outline.sections[0].subsections
        assert [[(p.label, p.title) for p in s.points] for s in subs] == [
            [("——", "坚持依法行政"), ("——", "坚持廉洁从政")],
            [("首先，", "稳定就业"), ("其次，", "办好教育"), ("最后，", "提升医疗")],
            [("第一，", "深化国企改革"), ("第二，", "优化营商环境")]]
        assert subs[0].notes == "（一）依法行政\n我们要坚持三条。\n"


EN = """Lecture 5: The Economics of Climate Policy
Dear colleagues,
This lecture asks how governments can cut emissions at the lowest cost.
I. Why markets fail
A. Externalities
Emissions impose costs on others. Those costs are not priced.
B. Public goods
A stable climate is non-rival. Each country is tempted to free ride.
II. Policy instruments
A. Carbon taxes
1. A tax sets the price of carbon. Firms abate until marginal cost equals the tax.
2. Revenue can be recycled. Governments can pay a dividend.
B. Cap and trade. A cap fixes the quantity and lets the price adjust.
In conclusion, both instruments work if they are designed well.
"""


class DescribeEnglishLecture:
    def it_reads_roman_letter_and_number_levels(self, tmp_path: Path) -> None:
        r = draft(tmp_path, EN)
        assert r.outline.deck.language == "en-US"
        assert r.outline.deck.title == "Lecture 5: The Economics of Climate Policy"
        assert tree(r) == [
            (("I.", "Why markets fail"), [(("A.", "Externalities"), []), (("B.", "Public goods"), [])]),
            (("II.", "Policy instruments"), [
                (("A.", "Carbon taxes"), [("1.", "A tax sets the price of carbon"), ("2.", "Revenue can be recycled")]),
                (("B.", "Cap and trade"), [])]),
        ]
        assert r.structure.salutation == "Dear colleagues,"
        assert r.outline.closing[0].notes == "In conclusion, both instruments work if they are designed well.\n"
        assert r.outline.closing[0].title == "Both instruments work if they are designed well"

    def it_tells_roman_i_from_letter_i(self, tmp_path: Path) -> None:
        letters = "\n".join(f"{c}. Topic {c}" for c in "ABCDEFGHIJ")
        r = draft(tmp_path, f"Notes\nI. Part one\n{letters}\nII. Part two\nA. Topic\n")
        assert [s.label for s in r.outline.sections] == ["I.", "II."]
        assert [s.label for s in r.outline.sections[0].subsections] == [f"{c}." for c in "ABCDEFGHIJ"]


MD = """# Introduction to Thermodynamics

Good morning, everyone.

Today we look at the laws that govern heat and work.

## Energy and the first law

Energy is conserved in every process we know.

### Heat and work

Heat is energy transferred because of a temperature difference.

### Internal energy

1. Internal energy is a state function. It depends only on the state.
2. Changes are measurable. We use calorimeters.

## Entropy and the second law

The entropy of an isolated system never decreases. First, it explains why heat flows from hot to cold. Second, it limits the efficiency of engines.

## Conclusion

Remember the two laws. Thank you.
"""


class DescribeMarkdownLecture:
    def it_reads_headings_ordered_lists_and_a_conclusion(self, tmp_path: Path) -> None:
        r = draft(tmp_path, MD, "thermo.md")
        o = r.outline
        assert o.deck.title == "Introduction to Thermodynamics"
        assert o.deck.language == "en-US"
        assert tree(r) == [  # Markdown's headings are its structure; its lists are the slide's bullets
            (("", "Energy and the first law"), [(("", "Heat and work"), []), (("", "Internal energy"), [])]),
            (("", "Entropy and the second law"), []),
        ]
        internal = o.sections[0].subsections[1]
        assert internal.bullets == ["Internal energy is a state function. It depends only on the state.",
                                    "Changes are measurable. We use calorimeters."]
        assert o.closing[0].title == "Conclusion"
        assert o.closing[0].notes == "Conclusion\nRemember the two laws. Thank you.\n"
