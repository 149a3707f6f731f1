"""Number words both ways: Chinese numerals (一, 十一, 一百零五; 壹拾) and Roman numerals (IV, Ⅳ)."""
from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_FORMAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"  # 大写, as on cheques and Word's chineseLegalSimplified
_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_FORMAL_UNITS = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A regular-expression class of the characters a Chinese numeral up to 99 is written with.
CN_NUMERAL = "[一二三四五六七八九十〇零两]"

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# The Roman numeral forms of Unicode's Number Forms block, Ⅰ (1) to Ⅻ (12).
ROMAN_FORMS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"


def chinese_number(n: int, formal: bool = False) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五, 1010 → 一千零一十.

    `formal=True` writes 大写 numerals: 10 → 壹拾, 11 → 壹拾壹, 105 → 壹佰零伍. Negative numbers and
    from 10000 on, Arabic digits.
    """
    if n < 0 or n >= 10000:
        return str(n)
    digits, units = (_FORMAL_DIGITS, _FORMAL_UNITS) if formal else (_DIGITS, _UNITS)
    if n < 10:
        return digits[n]
    if n < 20 and not formal:
        return "十" + (digits[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for value, unit in units:
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + digits[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def from_chinese(text: str) -> int | None:
    """Read a Chinese numeral up to 99 (一, 十, 十一, 二十三, 两, 〇); None if `text` is not one."""
    if not text or any(ch not in _VALUES and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _VALUES[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = _VALUES.get(tens, -1) if tens else 1
    o = _VALUES.get(ones, -1) if ones else 0
    if t <= 0 or o < 0:
        return None
    return t * 10 + o


def roman(n: int) -> str:
    """4 → IV, 1990 → MCMXC; 0 and below → ``."""
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def from_roman(text: str) -> int | None:
    """Read I…MMM in either case (or one of Ⅰ…Ⅻ); None if `text` is not a well-formed Roman numeral (IIII, VX)."""
    if len(text) == 1 and text in ROMAN_FORMS:
        return ROMAN_FORMS.index(text) + 1
    text = text.upper()
    if not text or any(ch not in _ROMAN_VALUES for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = _ROMAN_VALUES[ch]
        total += -v if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v else v
    return total if roman(total) == text else None
