"""Number words both ways: Chinese numerals (ordinary and 大写) and Roman numerals."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from deckgen.text.numerals import chinese_number, from_chinese, from_roman, roman


class DescribeChineseNumber:
    @pytest.mark.parametrize(("n", "text"), [
        (0, "零"), (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"),
        (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十"), (9999, "九千九百九十九"), (10000, "10000")])
    def it_writes_ordinary_numerals(self, n: int, text: str) -> None:
        assert chinese_number(n) == text

    @pytest.mark.parametrize(("n", "text"), [
        (1, "壹"), (10, "壹拾"), (11, "壹拾壹"), (20, "贰拾"), (99, "玖拾玖"), (105, "壹佰零伍"), (1010, "壹仟零壹拾")])
    def it_writes_formal_numerals(self, n: int, text: str) -> None:
        assert chinese_number(n, formal=True) == text

    def it_writes_arabic_digits_for_negative_numbers(self) -> None:
        assert chinese_number(-3) == "-3"


class DescribeFromChinese:
    @pytest.mark.parametrize(("text", "n"), [
        ("一", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("两", 2), ("〇", 0), ("零", 0), ("九十九", 99)])
    def it_reads_numerals_up_to_ninety_nine(self, text: str, n: int) -> None:
        assert from_chinese(text) == n

    @pytest.mark.parametrize("text", ["", "一二", "十十", "零十", "一百", "三x", "二十三四"])
    def it_refuses_what_is_not_one(self, text: str) -> None:
        assert from_chinese(text) is None

    @given(st.integers(min_value=0, max_value=99))
    def it_reads_back_what_it_writes(self, n: int) -> None:
        assert from_chinese(chinese_number(n)) == n


class DescribeRoman:
    def it_writes_roman_numerals(self) -> None:
        assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]

    def it_reads_well_formed_numerals_only(self) -> None:
        assert [from_roman(x) for x in ("I", "IV", "IX", "XIV", "XL", "IIII", "VX")] == [1, 4, 9, 14, 40, None, None]

    def it_reads_lower_case_and_the_number_forms(self) -> None:
        assert (from_roman("xiv"), from_roman("Ⅳ"), from_roman("Ⅻ"), from_roman("")) == (14, 4, 12, None)

    @given(st.integers(min_value=1, max_value=3999))
    def it_reads_back_what_it_writes(self, n: int) -> None:
        assert from_roman(roman(n)) == n
