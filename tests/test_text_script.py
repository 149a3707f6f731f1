"""CJK predicates: which languages and characters are East Asian, and how much of a text is."""
from __future__ import annotations

import pytest

from deckgen.text.script import cjk_ratio, columns, has_cjk, is_cjk_language, is_wide


class DescribeIsCjkLanguage:
    @pytest.mark.parametrize("tag", ["zh", "zh-CN", "ZH-tw", "ja", "ja-JP", "ko-KR", "zh-Hans-CN"])
    def it_is_true_for_chinese_japanese_and_korean(self, tag: str) -> None:
        assert is_cjk_language(tag)

    @pytest.mark.parametrize("tag", ["en-US", "en", "de-DE", "", "zho", "kok"])
    def it_is_false_for_other_languages(self, tag: str) -> None:
        assert not is_cjk_language(tag)


class DescribeIsWide:
    def it_is_true_for_ideographs_kana_hangul_and_full_width_forms(self) -> None:
        assert all(is_wide(ch) for ch in "中国かなカナ한국，。！（）％\u3000😀")

    def it_is_false_for_latin_and_ambiguous_punctuation(self) -> None:
        assert not any(is_wide(ch) for ch in "Aé1 .,“”‘’—…·°①\u00a0ｶ")


class DescribeHasCjkAndRatio:
    def it_finds_any_wide_character(self) -> None:
        assert has_cjk("增长5.2%") and not has_cjk("He said “yes”")

    def it_measures_the_share_of_cjk_letters(self) -> None:
        assert cjk_ratio("中文ab") == 0.5
        assert cjk_ratio("中文，。123") == 1.0  # punctuation and digits are not letters
        assert cjk_ratio("123 …") == 0.0

    def it_counts_two_terminal_columns_for_a_wide_character(self) -> None:
        assert columns("中文ab") == 6
        assert columns("") == 0


class DescribeVisibleLength:
    """Limits on titles and bullets count characters as they show, not code points."""

    @pytest.mark.parametrize("text, n", [("中文", 2), ("e\u0301" * 300, 300), ("👩\u200d👩\u200d👧", 1), ("👍🏽", 1),
                                         ("🇨🇳🇺🇸", 2), ("क्षि" * 3, 3), ("नमस्ते", 3), ("️", 1), ("\u0301a", 2), ("", 0)])
    def it_counts_a_letter_with_its_marks_and_an_emoji_sequence_once(self, text: str, n: int) -> None:
        from deckgen.text.script import visible_length

        assert visible_length(text) == n


def test_lines_join_tight_beside_chinese_quotation_marks_and_with_a_space_elsewhere() -> None:
    """A title broken before `“` reads back without a space (the quotation marks are full width beside
    Chinese); between Latin words, or a Latin word and a quotation mark, a space."""
    from deckgen.text.script import one_line

    assert one_line(["高质量发展是\n“全国一盘棋”的统筹发展"]) == "高质量发展是“全国一盘棋”的统筹发展"
    assert one_line(["“全国一盘棋”\n的统筹发展"]) == "“全国一盘棋”的统筹发展"
    assert one_line(["建设\n社会主义"]) == "建设社会主义"
    assert one_line(["the\n“quote”"]) == "the “quote”"
    assert one_line(["一一\n🇨🇳"]) == "一一 🇨🇳"
