"""Finding print fonts: a Chinese face for Chinese handouts, Arial's metrics for others, a clear error without."""
from __future__ import annotations

import os
import shutil

import pytest

from deckgen.present import fonts as fontfind
from deckgen.errors import ToolMissingError


def _has_cjk_font() -> bool:
    return fontfind.cjk_font() is not None


def test_a_chinese_handout_gets_a_face_that_covers_chinese() -> None:
    if not _has_cjk_font():
        if os.environ.get("CI"):
            pytest.fail("CI must install fonts-noto-cjk")
        pytest.skip("no Chinese font installed (fonts-noto-cjk)")
    from fontTools.ttLib import TTFont

    fonts = fontfind.font_set(cjk=True)
    with TTFont(str(fonts.regular.path), fontNumber=fonts.regular.index, lazy=True) as face:
        cmap = face.getBestCmap()
    assert all(ord(ch) in cmap for ch in "高质量发展，。“”（）A1")
    assert fonts.fallback is None


def test_other_handouts_get_a_latin_face_and_a_chinese_fallback() -> None:
    if shutil.which("fc-match") is None and fontfind.latin_font() is None:
        pytest.skip("no fontconfig and no known font file")
    fonts = fontfind.font_set(cjk=False)
    assert fonts.regular.path.is_file() and fonts.bold.path.is_file()
    if _has_cjk_font():
        assert fonts.fallback is not None


def test_no_chinese_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontfind, "_fc_match", lambda pattern, lang=None: None)
    monkeypatch.setattr(fontfind, "_CJK_PLACES", {False: (), True: ()})
    with pytest.raises(ToolMissingError, match="apt-get install fonts-noto-cjk"):
        fontfind.font_set(cjk=True)
