"""Tests for character advances: the shortcut for ideographic text gives what the general path gives."""
from __future__ import annotations

import random

from deckgen.text.metrics import AUTOSPACE_EM, _SOLID_WIDE, _advances, advances_of


def _class_characters() -> list[str]:
    """Every character the shortcut takes (its pattern's ranges)."""
    ranges = [(0x3001, 0x3003), (0x3008, 0x3011), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E)]
    out = [chr(c) for a, b in ranges for c in range(a, b + 1)]
    assert all(_SOLID_WIDE.fullmatch(ch) for ch in out)
    return out


def test_each_character_the_shortcut_takes_is_one_em_without_gaps_on_the_general_path() -> None:
    chars = _class_characters()
    for bold in (False, True):
        for cjk in (False, True):
            for ch in chars:
                assert _advances(ch + ch, bold, cjk) == ((1.0, 1.0), (0.0, 0.0)), (ch, bold, cjk)


def test_ideographic_lines_measure_alike_on_both_paths() -> None:
    rng = random.Random(7)
    chars = _class_characters()
    for _ in range(300):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 60)))
        for bold in (False, True):
            for cjk in (False, True):
                assert advances_of(text, bold, cjk) == _advances(text, bold, cjk)
    assert advances_of("推动高质量发展，深化改革开放。", False, True) == ((1.0,) * 15, (0.0,) * 15)


def test_text_with_anything_else_takes_the_general_path() -> None:
    """A digit among ideographs: its Latin width, and the autospace gaps where the scripts meet."""
    widths, gaps = advances_of("第1个方面", False, True)
    assert widths[1] < 1.0 and gaps == (0.0, AUTOSPACE_EM, AUTOSPACE_EM, 0.0, 0.0)
    assert advances_of("", False, True) == ((), ())
    assert advances_of("发展 质量", False, True) == _advances("发展 质量", False, True)
