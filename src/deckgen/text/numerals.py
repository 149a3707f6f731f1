"""Number words for labels: Chinese numerals (一, 十一, 一百零五) and Roman numerals (IV)."""
from __future__ import annotations

_ZH_NUM = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五, 1010 → 一千零一十; from 10000 on, Arabic digits."""
    if n < 11:
        return _ZH_NUM[n]
    if n < 20:
        return "十" + _ZH_NUM[n - 10]
    if n >= 10000:
        return str(n)
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + _ZH_NUM[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def roman(n: int) -> str:
    """4 → IV, 1990 → MCMXC."""
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out
