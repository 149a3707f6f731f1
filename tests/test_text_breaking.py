"""The one line breaker: Chinese between any ideographs but by the kinsoku rules, Latin at spaces, U+3000 as a space."""
from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given, settings, strategies as st

from deckgen.text.breaking import NO_LINE_END, NO_LINE_START, break_opportunities, per_character, wrap
from deckgen.text.fit import wrap as fit_wrap
from deckgen.text.metrics import char_em


def em(ch: str) -> float:
    """A toy font: ideographs and full-width punctuation 1, everything else 0.5."""
    return 1.0 if ord(ch) > 0x2E80 else 0.5


TOY = per_character(em)


class DescribeWrap:
    def it_fills_lines_of_ideographs_exactly(self) -> None:
        lines = wrap("一二三四五六七八九十" * 3, 10, TOY)
        assert [line.text for line in lines] == ["一二三四五六七八九十"] * 3
        assert [line.last for line in lines] == [False, False, True]
        assert [line.width for line in lines] == [10, 10, 10]

    def it_indents_the_first_line(self) -> None:
        lines = wrap("一二三四五六七八九十" * 2, 10, TOY, first_indent=2)
        assert [len(line.text) for line in lines] == [8, 10, 2]

    def it_never_starts_a_line_with_closing_punctuation(self) -> None:
        # the comma would start line two: the character before it moves along
        lines = wrap("一二三四五六七八九十，一二三", 10, TOY)
        assert [line.text for line in lines] == ["一二三四五六七八九", "十，一二三"]

    def it_never_ends_a_line_with_an_opening_bracket(self) -> None:
        lines = wrap("一二三四五六七八九“十”一二", 10, TOY)
        assert [line.text for line in lines] == ["一二三四五六七八九", "“十”一二"]

    def it_breaks_latin_at_spaces_and_drops_them(self) -> None:
        lines = wrap("aaaa bbbb cccc dddd", 4, TOY)
        assert [line.text for line in lines] == ["aaaa", "bbbb", "cccc", "dddd"]
        assert all(line.width == 2 for line in lines)

    def it_keeps_a_latin_word_whole_between_ideographs(self) -> None:
        lines = wrap("一二三四五六七八九GDP十", 10, TOY)
        assert [line.text for line in lines] == ["一二三四五六七八九", "GDP十"]

    def it_cuts_a_word_longer_than_a_line(self) -> None:
        lines = wrap("x" * 25, 5, TOY)
        assert [line.text for line in lines] == ["x" * 10, "x" * 10, "x" * 5]

    def it_gives_one_empty_line_for_an_empty_paragraph(self) -> None:
        [line] = wrap("", 10, TOY)
        assert (line.text, line.last) == ("", True)

    @given(st.text(alphabet="一二三四五，。、“”（）《》ab .", min_size=1, max_size=120),
           st.floats(min_value=3, max_value=30))
    def it_keeps_every_character_within_the_width(self, text: str, width: float) -> None:
        lines = wrap(text, width, TOY)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
        assert all(line.width <= width + 1e-6 or len(line.text) == 1 for line in lines)
        assert lines[-1].last and not any(line.last for line in lines[:-1])

    @given(st.lists(st.tuples(st.text(alphabet="一二三四五六七八九十", min_size=1, max_size=6),
                              st.sampled_from(["，", "。", "、", "“", "”", "（", "）", "《", "》", ""])),
                    min_size=1, max_size=30),
           st.integers(min_value=4, max_value=20))
    def it_follows_the_kinsoku_rules_in_running_chinese(self, parts: list[tuple[str, str]], width: int) -> None:
        text = "".join(a + b for a, b in parts)
        lines = wrap(text, width, TOY)
        assert not any(line.text[0] in NO_LINE_START for line in lines[1:])
        assert not any(line.text[-1] in NO_LINE_END for line in lines[:-1])

    @pytest.mark.parametrize("closing", sorted("，。、；：？！）」』】》"))
    def it_holds_for_each_closing_mark(self, closing: str) -> None:
        lines = wrap("一" * 10 + closing, 10, TOY)
        assert lines[1].text[0] != closing
        assert not any(line.text.endswith(tuple(NO_LINE_END)) for line in lines[:-1])


class DescribeIdeographicSpace:
    """U+3000 breaks like a space (UAX #14 class BA): a line may break after it, not before it; unlike a
    space it counts at a line's end, as LibreOffice sets it (so fits stay safe there)."""

    def it_allows_a_break_after_it_and_not_before_it(self) -> None:
        ok = break_opportunities("我们\u3000要")
        assert ok == [False, True, False, True]

    def it_counts_at_a_line_end(self) -> None:
        lines = wrap("一二三四五\u3000六七", 5, TOY)
        assert [line.text for line in lines] == ["一二三四", "五\u3000六七"]
        assert [line.width for line in lines] == [4, 4]

    def it_never_starts_a_line(self) -> None:
        lines = wrap("一二三四\u3000\u3000五六七八", 4, TOY)
        assert [line.text for line in lines] == ["一二三", "四\u3000\u3000五", "六七八"]
        assert not any(line.text.startswith("\u3000") for line in lines)

    def it_never_makes_fewer_lines_than_libreoffice(self) -> None:
        """LibreOffice 7.4 at 28 pt (probed): 一二三四五　六七八九十 in 5 em takes 3 lines, 一二三四　　五六七八
        in 4 em takes 3."""
        assert len(wrap("一二三四五\u3000六七八九十", 5, TOY)) >= 3
        assert len(wrap("一二三四\u3000\u3000五六七八", 4, TOY)) >= 3

    def it_counts_inside_a_line(self) -> None:
        [line] = wrap("一二\u3000三", 4, TOY)
        assert line.width == 4
        assert [line.text for line in wrap("一二\u3000三四", 4, TOY)] == ["一二\u3000三", "四"]


# The sentence of issue #11 and other mixed cases; each line holds whole ideographs at these widths.
AGREEMENT = [
    ("同志们\u3000我们要坚持以人民为中心\u3000推进中国式现代化", 5),
    ("同志们\u3000我们要坚持以人民为中心\u3000推进中国式现代化", 7),
    ("同志们：\u3000我们要坚持“以人民为中心”，推进中国式现代化。", 6),
    ("一二三四五\u3000六七八九十\u3000\u3000一二三", 5),
    ("第一，\u3000坚持党的领导；（二）\u3000推进改革。", 4),
    ("借此机会，由我率先为大家作一堂党课报告，与同志们共同交流。", 9),
]


class DescribeSlidesAndPrintAgree:
    """Slides (`deckgen.text.fit.wrap`) and the handout (this breaker with a font's own widths) break alike."""

    @pytest.mark.parametrize(("text", "width"), AGREEMENT)
    def it_breaks_mixed_chinese_the_same_way(self, text: str, width: float) -> None:
        # a CJK font: ideographs and ambiguous punctuation 1 em, as on a zh-CN slide
        handout = [line.text for line in wrap(text, width, per_character(partial(char_em, cjk=True)))]
        assert fit_wrap(text, width) == handout

    def it_breaks_the_issue_sentence_after_each_ideographic_space(self) -> None:
        assert fit_wrap("同志们\u3000我们要坚持以人民为中心\u3000推进中国式现代化", 5) == [
            "同志们\u3000我", "们要坚持以", "人民为中", "心\u3000推进中", "国式现代化"]

    @settings(deadline=None)
    @given(st.text(alphabet="一二三四五，。、：“”（）\u3000 ", min_size=1, max_size=80).map(lambda t: "中" + t),
           st.integers(min_value=2, max_value=20))
    def it_agrees_on_any_chinese_text(self, text: str, width: int) -> None:
        handout = [line.text for line in wrap(text, width, per_character(partial(char_em, cjk=True)))]
        assert fit_wrap(text, width, cjk=True) == handout
