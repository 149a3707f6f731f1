"""Tests for `deckgen.text.fit` and its `deckgen.text.metrics`: widths pinned to LibreOffice renderings, line breaking, line height, fitting."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.plan.grid import BODY, BODY_PARAS, TITLE, TITLE_PARAS
from deckgen.text.breaking import NO_LINE_END, NO_LINE_START
from deckgen.text.fit import fit, line_count, text_height, wrap
from deckgen.text.frame import Box, Paragraphs
from deckgen.text.metrics import AUTOSPACE_EM, LINE_HEIGHT_EM, WIDTH_SLACK, char_em, text_em
from deckgen.text.script import has_cjk

# Rendered widths in points: one line per string in a 880 pt text box (insets 7.2 pt, no autofit,
# runs lang="zh-CN" altLang="en-US", latin Arial, ea 微软雅黑), converted by LibreOffice 7.4.7.2, which
# drew Arial as Liberation Sans 2 and 微软雅黑 as Noto Sans CJK (PDF fonts LiberationSans,
# NotoSansCJKjp-Regular/-Bold); the width is the last word's xMax minus the first word's xMin from
# `pdftotext -bbox`. Re-measure with `python -m tests.measure_probe` (and the `soffice` test below).
# (text, size in pt, bold, rendered width in pt)
RENDERED = [
    ("中华人民共和国成立七十五周年", 20, False, 280.58),
    ("中华人民共和国成立七十五周年", 28, True, 391.52),
    ("The quick brown fox jumps over the lazy dog", 28, False, 554.24),
    ("The quick brown fox jumps over the lazy dog", 28, True, 598.01),
    ("The quick brown fox jumps over the lazy dog", 20, False, 396.62),
    ("2035年GDP增长5.2%", 28, False, 297.43),
    ("2035年GDP增长5.2%", 20, True, 212.89),
    ("，。、；：？！“引号”‘单’（括号）《书名》", 28, False, 615.24),
    ("0123456789", 20, False, 111.49),
    ("坚持以人民为中心的发展思想，推进中国式现代化。", 28, False, 643.13),
    ("第1季度增长6.3%，高于预期", 28, False, 385.80),
    ("“一带一路”倡议提出10周年", 28, False, 386.79),
    ("“引号”", 28, False, 118.52),
    ("中A中A中A中A中A", 28, False, 293.24),
    ("中A中A中A中A中A", 28, True, 301.02),
    ("Zhōngguó 中国", 28, False, 196.61),
    ("He said “yes” — and left…", 28, False, 328.43),
    ("Deckgen wraps Chinese text: “quoted”, 5.2%", 28, True, 596.92),
    ("WWW iii mmm", 28, True, 192.77),
]
# Strings where the measurer is knowingly wider than LibreOffice, because PowerPoint sets “ ” ° in the
# East Asian font (full width) in zh-CN text and LibreOffice sets them in Arial after a Latin letter.
RENDERED_NARROWER = [
    ("中“GDP”中", 28, False, 167.21),
    ("25°C 的气温", 28, False, 160.89),
    ("中文·中文—中文…", 28, False, 246.50),
    ("AI 与 5G 技术", 28, False, 189.61),  # LibreOffice's space after an ideograph is Noto's 0.224 em
]
# Line pitch and block edges LibreOffice set at 28 pt, in em (Chinese and English alike): per lnSpc,
# (first baseline below the top inset, last baseline above the bottom inset of a bottom-anchored box,
# distance between baselines).
RENDERED_LINES = {0.95: (0.9187, 0.2365, 1.1376), 1.0: (1.0077, 0.2082, 1.1983), 1.05: (1.0684, 0.2082, 1.2578)}

ISSUE_NO_START = "，。、；：？！）」』】》"
ISSUE_NO_END = "（「『【《"
# The characters LibreOffice 7.4 kept off a line's start / end for lang="zh-CN" (hangingPunct="0").
LIBREOFFICE_NO_START = "，。、；：？！）」』】》〉〕〗｝”’·～々,.;:?!)]}"
LIBREOFFICE_NO_END = "（「『【《〈〔〖｛［“‘([{$¥￥£"


def width_pt(text: str, size: float, bold: bool) -> float:
    return text_em(text, bold) * size


class DescribeWidths:
    @pytest.mark.parametrize(("text", "size", "bold", "rendered"), RENDERED)
    def it_matches_libreoffice_within_one_and_a_half_percent(self, text: str, size: float, bold: bool, rendered: float) -> None:
        assert width_pt(text, size, bold) == pytest.approx(rendered, rel=0.015)

    @pytest.mark.parametrize(("text", "size", "bold", "rendered"), RENDERED_NARROWER)
    def it_errs_wide_where_powerpoint_may_set_wider(self, text: str, size: float, bold: bool, rendered: float) -> None:
        assert rendered <= width_pt(text, size, bold) <= rendered * 1.15

    def it_sets_ideographs_and_full_width_punctuation_at_one_em(self) -> None:
        assert [char_em(c) for c in "中，。《》％"] == [1.0] * 6

    def it_takes_arial_metrics_for_latin(self) -> None:
        assert char_em("W") == 0.944
        assert char_em("i") == 0.222
        assert char_em("i", bold=True) == 0.278
        assert char_em("é") == 0.556
        assert char_em("ǐ") == 0.278  # a pinyin i with a tone mark is as wide as a dotless i

    def it_sets_ambiguous_punctuation_full_width_only_in_cjk_text(self) -> None:
        assert [char_em(c, cjk=True) for c in "“”‘’—…·°"] == [1.0] * 8
        assert [char_em(c) for c in "“”‘’"] == [0.333, 0.333, 0.222, 0.222]
        assert char_em("“", bold=True) == 0.5
        assert char_em("ō", cjk=True) == 0.556  # Latin letters stay Latin in Chinese text

    def it_lets_quotes_take_the_script_of_their_neighbours(self) -> None:
        assert text_em("A“A”A", cjk=False) == pytest.approx(2 * 0.333 + 3 * 0.667)
        assert text_em("中“中”中", cjk=False) == 5.0  # between ideographs LibreOffice uses the CJK font

    def it_adds_autospace_between_east_asian_and_latin_text(self) -> None:
        assert text_em("中A") == pytest.approx(1 + 0.667 + AUTOSPACE_EM)
        assert text_em("中 A") == pytest.approx(1 + 0.278 + 0.667 + AUTOSPACE_EM)
        assert text_em("中中") == 2.0
        assert text_em("AB") == pytest.approx(1.334)

    def it_decides_cjk_by_the_text_when_not_told(self) -> None:
        assert has_cjk("增长5.2%") and not has_cjk("He said “yes”")
        assert text_em("“GDP”增长") > text_em("“GDP”增长", cjk=False)
        assert text_em("“GDP”") == text_em("“GDP”", cjk=False)

    def it_ignores_zero_width_characters(self) -> None:
        assert text_em("中\u200b国") == 2.0
        assert text_em("e\u0301") == char_em("e")


class DescribeLineBreaking:
    def it_breaks_between_ideographs_at_the_width(self) -> None:
        assert wrap("中" * 25, 10) == ["中" * 10, "中" * 10, "中" * 5]

    def it_fits_exactly_n_ideographs_in_n_em(self) -> None:
        assert wrap("中" * 14, 14) == ["中" * 14]

    def it_keeps_closing_punctuation_off_a_line_start_by_moving_the_last_ideograph(self) -> None:
        assert wrap("中" * 10 + "，国国", 10) == ["中" * 9, "中，国国"]
        assert wrap("中" * 10 + "）。国", 10) == ["中" * 9, "中）。国"]

    def it_keeps_opening_brackets_off_a_line_end(self) -> None:
        assert wrap("中" * 9 + "《书名》", 10) == ["中" * 9, "《书名》"]
        assert wrap("中" * 9 + "“引号”", 10) == ["中" * 9, "“引号”"]

    @pytest.mark.parametrize("char", ISSUE_NO_START)
    def it_never_starts_a_line_with_closing_punctuation(self, char: str) -> None:
        lines = wrap("中" * 10 + char + "国" * 5, 10)
        assert all(not line.startswith(char) for line in lines[1:]), lines

    @pytest.mark.parametrize("char", ISSUE_NO_END)
    def it_never_ends_a_line_with_an_opening_bracket(self, char: str) -> None:
        lines = wrap("中" * 9 + char + "国" * 5, 10)
        assert all(not line.endswith(char) for line in lines), lines

    def it_applies_at_least_the_rules_libreoffice_and_the_issue_apply(self) -> None:
        assert set(ISSUE_NO_START + LIBREOFFICE_NO_START) <= NO_LINE_START
        assert set(ISSUE_NO_END + LIBREOFFICE_NO_END) <= NO_LINE_END

    # The expected lines below are LibreOffice's, from the probes in `it_wraps_as_libreoffice_does`.
    def it_moves_a_latin_word_whole_to_the_next_line(self) -> None:
        assert wrap("中" * 8 + "Hello world", 10.018) == ["中" * 8, "Hello world"]
        assert wrap("中" * 9 + "2035年GDP", 10.018) == ["中" * 9, "2035年GDP"]
        assert wrap("The quick brown fox jumps over the lazy dog", 8.018) == ["The quick brown", "fox jumps over", "the lazy dog"]

    def it_cuts_a_word_longer_than_a_line_by_character_on_a_line_of_its_own(self) -> None:
        assert wrap("Supercalifragilisticexpialidocious is long", 8.018) == [
            "Supercalifragilisti", "cexpialidocious is", "long"]
        assert wrap("中中Supercalifragilisticexpialidocious", 8.018) == ["中中", "Supercalifragilisti", "cexpialidocious"]

    def it_counts_autospace_when_breaking(self) -> None:
        assert wrap("m" * 11 + "中中", 10.423) == ["m" * 11 + "中", "中"]
        assert wrap("m" * 11 + "中中", 10.183) == ["m" * 11, "中中"]

    def it_drops_trailing_spaces_and_keeps_empty_paragraphs(self) -> None:
        assert wrap("aaa bbb", 3.5) == ["aaa", "bbb"]
        assert wrap("", 5) == [""]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.text("中国人民发展ABC12", min_size=1, max_size=6),
                              st.sampled_from(["", "，", "。", "、", "：“", "”", "（", "）", "《", "》，", "！", " ", "——"])),
                    min_size=1, max_size=20),
           st.floats(min_value=12, max_value=30))
    def it_obeys_the_rules_and_loses_no_text(self, parts: list[tuple[str, str]], width: float) -> None:
        # (no unbreakable unit here is wider than 12 em: one wider than a line is cut by character)
        text = "".join(a + b for a, b in parts)
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines[1:]:
            assert line[:1] not in NO_LINE_START, lines
        for line in lines[:-1]:
            assert line[-1:] not in NO_LINE_END, lines
        for line in lines:  # a line set alone may gain one autospace: a leading “ counts as Latin there
            assert text_em(line) <= width + AUTOSPACE_EM + 1e-9, lines


class DescribeLineHeight:
    @pytest.mark.parametrize("spacing", sorted(RENDERED_LINES))
    @pytest.mark.parametrize("lines", [1, 2, 5, 9])
    def it_covers_the_block_libreoffice_sets_and_wastes_little(self, spacing: float, lines: int) -> None:
        first, last, pitch = RENDERED_LINES[spacing]
        rendered = (first + (lines - 1) * pitch + last) * 28
        box = Box(0, 0, 10 * 28 / WIDTH_SLACK + 14.4 + 0.01, 1000)  # ten ideographs a line
        style = Paragraphs(line_spacing=spacing)
        assert line_count(["中" * 10 * lines], box, 28, style) == [lines]
        assert rendered - 0.25 <= text_height(["中" * 10 * lines], box, 28, style) <= rendered * 1.03

    def it_is_the_larger_of_libreoffice_and_powerpoint(self) -> None:
        # PowerPoint's 1.2 em box: the larger usWin ascent share (Arial 1854/(1854+434)) plus the larger
        # descent share (Microsoft YaHei 536/(2167+536))
        powerpoint = 1.2 * (1854 / (1854 + 434) + 536 / (2167 + 536))
        assert LINE_HEIGHT_EM >= max(RENDERED_LINES[1.0][2], powerpoint)
        assert LINE_HEIGHT_EM < 1.25

    def it_adds_space_before_between_paragraphs_only(self) -> None:
        style = Paragraphs(line_spacing=1.0, space_before=10.0)
        one = text_height(["中"], BODY, 20, style)
        assert text_height(["中", "中", "中"], BODY, 20, style) == pytest.approx(3 * one + 20)


class DescribeFit:
    bullets = ["坚持以人民为中心的发展思想，推进中国式现代化建设取得新成效", "2035年GDP增长5.2%，人均收入达到中等发达国家水平",
               "推动AI、5G、大数据与实体经济深度融合", "着力提升发展的质效"] * 2

    def it_picks_the_largest_size_that_fits(self) -> None:
        result = fit(self.bullets, BODY, 28, 14, BODY_PARAS)
        assert result.fits and 14 <= result.size < 28
        assert text_height(self.bullets, BODY, result.size, BODY_PARAS) <= BODY.text_h
        assert text_height(self.bullets, BODY, result.size + 1, BODY_PARAS) > BODY.text_h
        assert result.lines == tuple(line_count(self.bullets, BODY, result.size, BODY_PARAS))

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.text("中国人民发展，。AB1 ", min_size=1, max_size=60), min_size=1, max_size=12))
    def it_agrees_with_trying_every_size(self, bullets: list[str]) -> None:
        fitting = [s for s in range(28, 13, -1) if text_height(bullets, BODY, s, BODY_PARAS) <= BODY.text_h]
        result = fit(bullets, BODY, 28, 14, BODY_PARAS)
        assert (result.size, result.fits) == ((fitting[0], True) if fitting else (14, False))

    def it_keeps_the_maximum_when_the_text_is_short(self) -> None:
        assert fit(["着力提升发展的质效"], BODY, 28, 20, BODY_PARAS).size == 28

    def it_honours_max_lines(self) -> None:
        title = "深入学习贯彻新时代中国特色社会主义思想，以高质量发展全面推进中国式现代化建设，奋力谱写新时代新征程的崭新篇章"
        result = fit([title], TITLE, 32, 20, TITLE_PARAS, max_lines=2)
        assert result.fits and result.lines[0] == 2 and result.size < 32
        assert line_count([title], TITLE, result.size + 1, TITLE_PARAS)[0] > 2

    def it_reports_the_minimum_when_nothing_fits(self) -> None:
        result = fit(["中" * 400], TITLE, 32, 24, TITLE_PARAS, max_lines=2)
        assert result == type(result)(24, tuple(line_count(["中" * 400], TITLE, 24, TITLE_PARAS)), False)

    def it_measures_ambiguous_punctuation_full_width_for_a_cjk_deck(self) -> None:
        quoted = ["“yes” “no” “maybe”"]
        box = Box(0, 0, text_em(quoted[0], cjk=False) * 20 / WIDTH_SLACK + 14.4 + 0.1, 100)
        assert fit(quoted, box, 20, 8, PLAIN, max_lines=1, cjk=False).size == 20
        assert fit(quoted, box, 20, 8, PLAIN, max_lines=1, cjk=True).size < 20
        assert fit(quoted, box, 20, 8, PLAIN, max_lines=1).size == 20  # no CJK in the text: Latin quotes


PLAIN = Paragraphs()


@pytest.mark.soffice
class DescribeLiveLibreOffice:
    """Re-measure through LibreOffice: widths, breaks and line pitch still match the numbers pinned above."""

    @pytest.fixture(scope="class")
    @classmethod
    def rendered(cls, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
        from tests.conftest import require_tools
        from tests.measure_probe import Probe, measure_lines

        require_tools("soffice", "pdftotext", "pdftocairo")
        widths = [Probe((t,), s, bold=b) for t, s, b, _ in RENDERED + RENDERED_NARROWER]
        breaks = [Probe((t,), 28, width=w * 28 + 14.4, hanging=False) for t, w in cls.BREAKS]
        pitch = [Probe(("坚持以人民为中心的发展思想推进中国式现代" * 3,), 28, width=10 * 28 + 14.4, line_spacing=ls)
                 for ls in sorted(RENDERED_LINES)]
        size = fit(DescribeFit.bullets, BODY, 28, 14, BODY_PARAS).size
        body = [Probe(tuple(DescribeFit.bullets), size, x=BODY.x, y=BODY.y, width=BODY.w, height=BODY.h,
                      line_spacing=BODY_PARAS.line_spacing, space_before=BODY_PARAS.space_before,
                      bullet_indent=BODY_PARAS.indent, hanging=False)]
        lines = measure_lines(widths + breaks + pitch + body, tmp_path_factory.mktemp("measure"))
        n, m = len(widths), len(breaks)
        return {"widths": lines[:n], "breaks": lines[n:n + m], "pitch": lines[n + m:-1], "body": [body[0], lines[-1]]}

    BREAKS = [("中" * 8 + "Hello world", 10.018), ("Supercalifragilisticexpialidocious is long", 8.018),
              ("中中Supercalifragilisticexpialidocious", 8.018), ("m" * 11 + "中中", 10.423),
              ("m" * 11 + "中中", 10.183), ("中" * 10 + "，国国", 10.018), ("中" * 9 + "《书名》", 10.018),
              ("借此机会，由我率先为大家作一堂党课报告，与同志们共同交流。", 9.0),
              ("2035年GDP增长5.2%，其中第三产业贡献率达到60.1%以上", 9.0)]

    def it_renders_the_pinned_widths(self, rendered: dict[str, list]) -> None:
        for (text, size, bold, pinned), lines in zip(RENDERED + RENDERED_NARROWER, rendered["widths"]):
            assert len(lines) == 1, text
            assert lines[0].width == pytest.approx(pinned, rel=0.01), text

    def it_breaks_lines_where_the_measurer_does(self, rendered: dict[str, list]) -> None:
        for (text, width), lines in zip(self.BREAKS, rendered["breaks"]):
            assert [line.text.replace(" ", "") for line in lines] == [x.replace(" ", "") for x in wrap(text, width)]

    def it_sets_lines_no_taller_than_the_measurer_assumes(self, rendered: dict[str, list]) -> None:
        for spacing, lines in zip(sorted(RENDERED_LINES), rendered["pitch"]):
            steps = [(b.baseline - a.baseline) / 28 for a, b in zip(lines, lines[1:])]
            assert len(lines) == 6
            assert max(steps) <= LINE_HEIGHT_EM * spacing
            assert sum(steps) / len(steps) == pytest.approx(RENDERED_LINES[spacing][2], abs=0.003)

    def it_keeps_a_fitted_body_inside_its_box(self, rendered: dict[str, list]) -> None:
        probe, lines = rendered["body"]
        assert len(lines) == sum(line_count(DescribeFit.bullets, BODY, probe.size, BODY_PARAS))
        assert lines[-1].baseline + RENDERED_LINES[1.0][1] * probe.size <= probe.text_bottom
        assert max(line.right for line in lines) <= probe.text_right


def test_probe_helper_writes_one_slide_per_probe(tmp_path: Path) -> None:
    from pptx import Presentation

    from tests.measure_probe import Probe, probe_deck

    deck = probe_deck([Probe(("中文",), 28), Probe(("a", "b"), 20, bold=True, bullet_indent=24)], tmp_path / "p.pptx")
    prs = Presentation(str(deck))
    assert [len(s.shapes) for s in prs.slides] == [1, 1]
    assert [p.text for p in prs.slides[1].shapes[0].text_frame.paragraphs] == ["a", "b"]


def test_letter_spacing_narrows_the_line() -> None:
    """A template's title style with 3 pt letter spacing (WPS) holds fewer characters a line."""
    from deckgen.text.fit import line_count
    from deckgen.text.frame import Box, Paragraphs

    box = Box(0, 0, 10 * 28 / 0.99 + 14.4 + 1, 200)  # ten ideographs at 28 pt, with the width slack
    text = ["一二三四五六七八九十"]
    assert line_count(text, box, 28, Paragraphs()) == [1]
    assert line_count(text, box, 28, Paragraphs(letter_spacing=3.0)) == [2]


def test_a_box_without_insets_keeps_room_for_the_last_line_descent() -> None:
    from deckgen.text.fit import fit
    from deckgen.text.frame import Box, Paragraphs

    tight = Box(0, 0, 300, 2 * 32 * 1.211 + 0.1, 0, 0, 0, 0)
    roomy = Box(0, 0, 300, 2 * 32 * 1.211 + 0.1 + 2 * 3.6, 7.2, 7.2, 3.6, 3.6)
    text = ["一二三四五六七八九十一二三四"]
    assert fit(text, tight, 32, 20, Paragraphs(), max_lines=2).size < 32
    assert fit(text, roomy, 32, 20, Paragraphs(), max_lines=2).size == 32


class DescribeBalance:
    """No last line of one or two CJK characters alone (`准确把握高质量发展的科学内 / 涵`): a slightly smaller size
    that fits without one is chosen, still measured; without such a size the largest fitting one stays."""

    box = Box(0, 0, 13 * 40 / WIDTH_SLACK + 14.4 + 0.01, 1000)  # thirteen ideographs a line at 40 pt
    style = Paragraphs()

    def it_finds_the_orphan_at_the_largest_size(self) -> None:
        from deckgen.text.fit import orphans

        title = "准确把握高质量发展的科学内涵"
        assert wrap(title, 13.0 + 1e-6, cjk=True) == ["准确把握高质量发展的科学内", "涵"]
        assert orphans([title], self.box, 40, self.style, True) == [title]
        assert fit([title], self.box, 40, 30, self.style, cjk=True).size == 40

    def it_takes_a_smaller_size_without_the_orphan(self) -> None:
        from deckgen.text.fit import orphans

        title = "准确把握高质量发展的科学内涵"
        balanced = fit([title], self.box, 40, 30, self.style, cjk=True, balance=True)
        assert balanced.fits and balanced.size < 40 and balanced.lines == (1,)
        assert orphans([title], self.box, balanced.size, self.style, True) == []

    def it_keeps_the_size_when_no_smaller_one_helps(self) -> None:
        title = "准确把握高质量发展的科学内涵"
        assert fit([title], self.box, 40, 40, self.style, cjk=True, balance=True).size == 40  # min 40: nothing smaller

    @pytest.mark.parametrize("last, lonely", [("涵", True), ("工作。", True), ("三个字", False), ("2%", False)])
    def it_counts_one_or_two_ideographs_with_punctuation_as_an_orphan(self, last: str, lonely: bool) -> None:
        from deckgen.text.fit import _lonely

        assert _lonely(last) is lonely


def test_the_solid_width_leaves_out_the_spaces_only() -> None:
    """`_solid_em`: the width no set of lines holds less of; with no space in the text, every advance."""
    from deckgen.text.fit import _solid_em
    from deckgen.text.metrics import advances_of

    for text in ("推动高质量发展", "GDP 增长 5%", "a\u00a0b", "Hello world"):
        widths, _ = advances_of(text, False, True)
        assert _solid_em(text, False, True) == sum(w for ch, w in zip(text, widths) if ch not in " \u00a0")
    assert _solid_em("", False, True) == 0.0
