"""Line breaking for print: Chinese between any ideographs but by the kinsoku rules, Latin at spaces."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from deckgen.text.fit import NO_LINE_END, NO_LINE_START
from deckgen.text.breaking import wrap


def em(ch: str) -> float:
    """A toy font: ideographs and full-width punctuation 1, everything else 0.5."""
    return 1.0 if ord(ch) > 0x2E80 else 0.5


class DescribeWrap:
    def it_fills_lines_of_ideographs_exactly(self) -> None:
        lines = wrap("一二三四五六七八九十" * 3, 10, em)
        assert [line.text for line in lines] == ["一二三四五六七八九十"] * 3
        assert [line.last for line in lines] == [False, False, True]
        assert [line.width for line in lines] == [10, 10, 10]

    def it_indents_the_first_line(self) -> None:
        lines = wrap("一二三四五六七八九十" * 2, 10, em, first_indent=2)
        assert [len(line.text) for line in lines] == [8, 10, 2]

    def it_never_starts_a_line_with_closing_punctuation(self) -> None:
        # the comma would start line two: the character before it moves along
        lines = wrap("一二三四五六七八九十，一二三", 10, em)
        assert [line.text for line in lines] == ["一二三四五六七八九", "十，一二三"]

    def it_never_ends_a_line_with_an_opening_bracket(self) -> None:
        lines = wrap("一二三四五六七八九“十”一二", 10, em)
        assert [line.text for line in lines] == ["一二三四五六七八九", "“十”一二"]

    def it_breaks_latin_at_spaces_and_drops_them(self) -> None:
        lines = wrap("aaaa bbbb cccc dddd", 4, em)
        assert [line.text for line in lines] == ["aaaa", "bbbb", "cccc", "dddd"]
        assert all(line.width == 2 for line in lines)

    def it_keeps_a_latin_word_whole_between_ideographs(self) -> None:
        lines = wrap("一二三四五六七八九GDP十", 10, em)
        assert [line.text for line in lines] == ["一二三四五六七八九", "GDP十"]

    def it_cuts_a_word_longer_than_a_line(self) -> None:
        lines = wrap("x" * 25, 5, em)
        assert [line.text for line in lines] == ["x" * 10, "x" * 10, "x" * 5]

    def it_gives_one_empty_line_for_an_empty_paragraph(self) -> None:
        [line] = wrap("", 10, em)
        assert (line.text, line.last) == ("", True)

    @given(st.text(alphabet="一二三四五，。、“”（）《》ab .", min_size=1, max_size=120),
           st.floats(min_value=3, max_value=30))
    def it_keeps_every_character_within_the_width(self, text: str, width: float) -> None:
        lines = wrap(text, width, em)
        assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
        assert all(line.width <= width + 1e-6 or len(line.text) == 1 for line in lines)
        assert lines[-1].last and not any(line.last for line in lines[:-1])

    @given(st.lists(st.tuples(st.text(alphabet="一二三四五六七八九十", min_size=1, max_size=6),
                              st.sampled_from(["，", "。", "、", "“", "”", "（", "）", "《", "》", ""])),
                    min_size=1, max_size=30),
           st.integers(min_value=4, max_value=20))
    def it_follows_the_kinsoku_rules_in_running_chinese(self, parts: list[tuple[str, str]], width: int) -> None:
        text = "".join(a + b for a, b in parts)
        lines = wrap(text, width, em)
        assert not any(line.text[0] in NO_LINE_START for line in lines[1:])
        assert not any(line.text[-1] in NO_LINE_END for line in lines[:-1])

    @pytest.mark.parametrize("closing", sorted("，。、；：？！）」』】》"))
    def it_holds_for_each_closing_mark(self, closing: str) -> None:
        lines = wrap("一" * 10 + closing, 10, em)
        assert lines[1].text[0] != closing
        assert not any(line.text.endswith(tuple(NO_LINE_END)) for line in lines[:-1])
