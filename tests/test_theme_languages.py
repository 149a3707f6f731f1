"""Each East Asian language set right: theme faces and script entries, default labels, line breaking, reading rate."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.plan.labels import default_label
from deckgen.present.timing import Rate
from deckgen.text.breaking import NO_LINE_START
from deckgen.theme.languages import localized, script_of
from deckgen.theme.model import load_theme


@pytest.mark.parametrize("language, script", [("zh-CN", "Hans"), ("zh-TW", "Hant"), ("zh-HK", "Hant"),
                                              ("zh-Hant", "Hant"), ("ja-JP", "Jpan"), ("ko-KR", "Hang"), ("en-US", None)])
def test_each_language_has_its_script(language: str, script: str | None) -> None:
    assert script_of(language) == script


@pytest.mark.parametrize("language, sans, serif", [("zh-CN", "微软雅黑", "SimSun"), ("zh-TW", "微軟正黑體", "新細明體"),
                                                   ("ja-JP", "游ゴシック", "游明朝"), ("ko-KR", "맑은 고딕", "바탕"),
                                                   ("en-US", "微软雅黑", "SimSun")])
def test_themes_take_the_east_asian_faces_of_the_deck_language(language: str, sans: str, serif: str) -> None:
    assert localized(load_theme("party"), language).fonts.minor.ea == sans
    assert localized(load_theme("academic"), language).fonts.minor.ea == serif


def test_a_face_the_theme_chose_on_purpose_is_kept() -> None:
    theme = load_theme("party")
    custom = theme.replace(fonts=theme.fonts.replace(minor=theme.fonts.minor.replace(ea="My Corporate Font")))
    assert localized(custom, "ja-JP").fonts.minor.ea == "My Corporate Font"


def test_a_japanese_deck_has_japanese_fonts_labels_and_lang(tmp_path: Path) -> None:
    outline = tmp_path / "o.yaml"
    outline.write_text("deck:\n  title: 暗号の講義\n  language: ja-JP\nsections:\n  - title: ハッシュ関数\n"
                       "    subsections:\n      - title: 性質\n        bullets: [決定的である]\n  - title: パスワード\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0, result.output
    assert "300 characters a minute" in result.output
    with zipfile.ZipFile(tmp_path / "d.pptx") as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
        slides = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert re.search(r'<a:minorFont><a:latin typeface="[^"]+"/><a:ea typeface="游ゴシック"/>', theme)
    for script, face in (("Hans", "微软雅黑"), ("Hant", "微軟正黑體"), ("Jpan", "游ゴシック"), ("Hang", "맑은 고딕")):
        assert f'<a:font script="{script}" typeface="{face}"/>' in theme
    text = "".join(slides)
    assert "一、" not in text and "1. ハッシュ関数" in text
    runs = re.findall(r"<a:rPr[^>]*>", text)
    assert runs and all('lang="ja-JP"' in r for r in runs)


def test_default_labels_follow_the_language() -> None:
    assert [default_label(level, 2, True, "ja-JP") for level in range(3)] == ["2.", "（2）", "②"]
    assert [default_label(level, 2, True, "ko-KR") for level in range(3)] == ["2.", "나.", "2)"]
    assert [default_label(level, 2, True, "zh-TW") for level in range(3)] == ["二、", "（二）", "2."]
    assert [default_label(level, 2, False, "en-US") for level in range(3)] == ["II.", "B.", "2."]


def test_japanese_small_kana_never_start_a_line() -> None:
    assert set("っゃゅょッャュョー") <= NO_LINE_START


def test_reading_rates_follow_the_language() -> None:
    assert (Rate.of(None, True, "ja-JP").chars, Rate.of(None, True, "ko-KR").chars, Rate.of(None, True, "zh-CN").chars) == \
        (300.0, 280.0, 220.0)
    assert Rate.of(150, True, "ja-JP").chars == 150.0


@pytest.mark.parametrize("language, contents, continued", [("zh-CN", "目录", "（续）"), ("zh-TW", "目錄", "（續）"),
                                                          ("ja-JP", "目次", "（続き）"), ("ko-KR", "목차", "（계속）")])
def test_the_words_deckgen_writes_follow_the_language(language: str, contents: str, continued: str) -> None:
    from deckgen.outline.model import Outline
    from deckgen.plan.planner import plan

    bullets = [f"要点{i}" for i in range(12)]
    outline = Outline.from_data({"deck": {"title": "T", "language": language}, "sections": [
        {"title": "甲", "subsections": [{"title": "乙", "bullets": bullets}]}, {"title": "丙"}]})
    deck, _ = plan(outline, load_theme(None))
    titles = [s.title.text for s in deck.slides]
    assert contents in titles
    assert any(t.endswith(continued) for t in titles)
