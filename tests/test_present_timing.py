"""Reading time from the notes: counting, rates, per-section totals, the table, --duration and time cues."""
from __future__ import annotations

import re

import pytest

from deckgen.build.pipeline import plan_file
from deckgen.plan.model import DeckPlan
from deckgen.present.timing import (Rate, clock, count, cue, deck_timing, is_cue, over_duration, seconds, table, timing,
                            with_time_cues)
from tests.conftest import OUTLINE, ROOT


@pytest.fixture(scope="module")
def shipped_plan() -> DeckPlan:
    return plan_file(OUTLINE).deck


@pytest.fixture(scope="module")
def english_plan() -> DeckPlan:
    return plan_file(ROOT / "tests" / "golden" / "english" / "outline.yaml").deck


class DescribeCount:
    def it_counts_ideographs_not_punctuation(self) -> None:
        assert count("同志们：高质量发展，是首要任务。") == (13, 0)

    def it_counts_latin_runs_as_words(self) -> None:
        assert count("The GDP grew 5.2 per cent in 2024, didn't it?") == (0, 10)

    def it_counts_mixed_text_in_both_units(self) -> None:
        assert count("A总书记在G20峰会上讲话") == (9, 2)

    def it_skips_time_cue_paragraphs(self) -> None:
        assert count("讲稿正文。\n〔约 2 分钟〕") == (4, 0)
        assert count("Body text.\n[about 2 min]") == (0, 2)


class DescribeRate:
    def it_defaults_to_220_characters_and_130_words_a_minute(self) -> None:
        assert seconds("字" * 220, Rate()) == pytest.approx(60)
        assert seconds("word " * 130, Rate()) == pytest.approx(60)

    def it_scales_both_units_from_the_decks_unit(self) -> None:
        zh = Rate.of(110, cjk=True)
        assert (zh.chars, zh.words) == (110, 65)
        en = Rate.of(260, cjk=False)
        assert (en.chars, en.words) == (440, 260)
        assert seconds("字" * 220, zh) == pytest.approx(120)

    def it_rejects_a_rate_of_zero(self) -> None:
        with pytest.raises(ValueError, match="above 0"):
            Rate.of(0, cjk=True)


class DescribeTiming:
    def it_sums_slides_into_sections_and_a_total(self) -> None:
        t = timing([("a", "字" * 220, 0), ("b", "字" * 110, 1), ("c", "字" * 110, 1), ("d", "", None)],
                   ["一", "二"], Rate(), cjk=True)
        assert [s.seconds for s in t.slides] == pytest.approx([60, 30, 30, 0])
        assert [(s.name, s.slides) for s in t.sections] == [("一", 1), ("二", 2)]
        assert [s.seconds for s in t.sections] == pytest.approx([60, 60])
        assert t.total == pytest.approx(120)
        assert t.elapsed(2) == pytest.approx(90)

    def it_times_the_shipped_lecture_at_about_26_minutes(self, shipped_plan: DeckPlan) -> None:
        t = deck_timing(shipped_plan)
        notes = "".join(s.notes for s in shipped_plan.slides)
        assert t.total == pytest.approx(60 * count(notes)[0] / 220 + 60 * count(notes)[1] / 130)
        assert 24 * 60 < t.total < 28 * 60
        assert sum(s.seconds for s in t.sections) == pytest.approx(t.total)
        assert [s.name for s in t.sections] == list(shipped_plan.sections)

    def it_counts_words_in_an_english_deck(self, english_plan: DeckPlan) -> None:
        t = deck_timing(english_plan)
        assert not t.cjk
        words = sum(count(s.notes)[1] for s in english_plan.slides)
        assert t.total == pytest.approx(60 * words / 130)


class DescribeTable:
    def it_prints_each_section_and_the_total(self, shipped_plan: DeckPlan) -> None:
        t = deck_timing(shipped_plan)
        lines = table(t, duration=60)
        assert lines[0] == "Reading time at 220 characters a minute:"
        assert len(lines) == 1 + len(shipped_plan.sections) + 1
        assert lines[1].split()[0] == "开篇"
        assert lines[-1].split()[:2] == ["total", clock(t.total)]
        assert lines[-1].endswith("28 slides  of 60 min")

    def it_clips_long_section_names_to_keep_columns(self, shipped_plan: DeckPlan) -> None:
        lines = table(deck_timing(shipped_plan))
        assert "一、高质量发展是全面建设社会主义现代化…" in lines[2]
        # the times line up: the name column is 40 terminal columns wide, an ideograph taking two
        columns = [sum(2 if ord(ch) > 0x2E80 else 1 for ch in line[:line.rindex(":") - 2]) for line in lines[1:]]
        assert len(set(columns)) == 1

    def it_formats_clock_times(self) -> None:
        assert (clock(0), clock(75), clock(59.6), clock(3725)) == ("0:00", "1:15", "1:00", "1:02:05")


class DescribeDuration:
    def it_is_silent_when_the_lecture_fits(self, shipped_plan: DeckPlan) -> None:
        assert over_duration(deck_timing(shipped_plan), 60) is None

    def it_names_the_longest_sections_when_over(self, shipped_plan: DeckPlan) -> None:
        warning = over_duration(deck_timing(shipped_plan), 20)
        assert warning is not None
        text = str(warning)
        assert "over the 20 min of --duration" in text
        assert text.index("三、实现高质量发展的动力和保障") < text.index("一、高质量发展是全面建设")
        assert "开篇" not in text and "结语" not in text


class DescribeTimeCues:
    @pytest.mark.parametrize("secs, zh, en", [
        (1, "〔约 5 秒〕", "[about 5 s]"), (8, "〔约 10 秒〕", "[about 10 s]"), (47, "〔约 45 秒〕", "[about 45 s]"),
        (62, "〔约 1 分钟〕", "[about 1 min]"),
        (150, "〔约 2.5 分钟〕", "[about 2.5 min]"), (600, "〔约 10 分钟〕", "[about 10 min]"),
    ])
    def it_words_the_cue_by_language(self, secs: float, zh: str, en: str) -> None:
        assert (cue(secs, True), cue(secs, False)) == (zh, en)
        assert is_cue(zh) and is_cue(en)

    def it_adds_the_cue_as_a_last_paragraph_and_keeps_the_lecture(self, shipped_plan: DeckPlan) -> None:
        cued = with_time_cues(shipped_plan)
        t = deck_timing(shipped_plan)
        assert len(cued.slides) == len(shipped_plan.slides)
        for before, after, time in zip(shipped_plan.slides, cued.slides, t.slides):
            if not before.notes.strip():
                assert after.notes == before.notes == ""
                continue
            *lecture, last = after.notes.strip("\n").split("\n")
            assert "\n".join(lecture) == before.notes.strip("\n")
            assert last == cue(time.seconds, True)
            assert after.title == before.title and after.body == before.body

    def it_leaves_the_reading_time_unchanged_and_does_not_repeat(self, shipped_plan: DeckPlan) -> None:
        once = with_time_cues(shipped_plan)
        assert deck_timing(once).total == pytest.approx(deck_timing(shipped_plan).total)
        assert with_time_cues(once) == once

    def it_follows_the_rate(self, shipped_plan: DeckPlan) -> None:
        slow = with_time_cues(shipped_plan, per_minute=110)
        normal = with_time_cues(shipped_plan)
        n = next(i for i, s in enumerate(shipped_plan.slides) if len(s.notes) > 400)
        minutes = [float(x.notes.strip().split("\n")[-1].split()[1]) for x in (normal.slides[n], slow.slides[n])]
        assert minutes[1] == pytest.approx(2 * minutes[0], abs=0.5)


class DescribeLongestSlides:
    """A 14-minute slide is not hidden in its section's total; a 1-minute closing is no "longest section"."""

    def timing(self):  # three sections: a long one holding one slide of 14 minutes, a middling one, a short closing
        rate = Rate()
        slides = [("开头", "字" * 220, 0), ("长页", "字" * 220 * 14, 0), ("中页", "字" * 220 * 5, 1),
                  ("再一页", "字" * 220 * 4, 1), ("结束", "字" * 220, 2)]
        return timing(slides, ["一、长", "二、中", "结语"], rate, True)

    def it_names_the_longest_slides_and_only_sections_at_least_average(self) -> None:
        text = str(over_duration(self.timing(), 10))
        assert "the longest sections: 一、长 (15 min), 二、中 (9 min)" in text and "结语" not in text
        assert "the longest slides: 2 '长页' (14 min), 3 '中页' (5 min), 4 '再一页' (4 min)" in text

    def it_lists_slides_over_three_minutes_under_the_table(self) -> None:
        lines = table(self.timing())
        start = lines.index("Slides over 3 minutes (split them):")
        assert [line.split()[:2] for line in lines[start + 1:]] == [["2", "长页"], ["3", "中页"], ["4", "再一页"]]
        assert lines[start + 1].endswith("14:00")


def test_counting_takes_the_shortcut_only_where_it_counts_alike() -> None:
    """Text of only ideographs, ASCII and punctuation is counted from its UTF-8 bytes, not character by character:
    the counts are those of classifying every character (`_is_cjk_letter`)."""
    import random

    from deckgen.present.timing import _NOT_PLAIN, _ideographs, _is_cjk_letter, count

    ideographs = re.compile("[\u4e00-\u9fff]")
    assert all(_is_cjk_letter(chr(c)) for c in range(0x4E00, 0xA000))  # each one a CJK letter
    plain = [ch for ch in map(chr, range(0x110000)) if not ("\ud800" <= ch <= "\udfff") and not _NOT_PLAIN.match(ch)]
    assert set(map(chr, range(0x4E00, 0xA000))) <= set(plain)
    passed = [ch for ch in plain if not ideographs.match(ch)]
    assert passed and not any(_is_cjk_letter(ch) for ch in passed)  # what the shortcut leaves as it is

    def reference(text: str) -> tuple[int, int]:
        chars = words = 0
        for paragraph in text.split("\n"):
            latin = "".join(" " if _is_cjk_letter(ch) else ch for ch in paragraph)
            chars += latin.count(" ") - paragraph.count(" ")
            words += len(re.findall(r"[^\W_]+(?:['’.\-][^\W_]+)*", latin))
        return chars, words

    # text of only ideographs and those is counted from its bytes: its only word characters are ASCII letters and digits
    assert {ch for ch in passed if re.match(r"[^\W_]", ch)} == set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    rng = random.Random(11)
    near = [chr(c) for c in (0x3400, 0x4000, 0x4DB5, 0x4DFF, 0x4E00, 0x4FFF, 0x5000, 0x9FFF, 0xA000, 0xE000)]
    assert all(_ideographs(t) == len(ideographs.findall(t)) for t in
               ("".join(rng.choice(near + ["a", "，"]) for _ in range(rng.randint(0, 30))) for _ in range(2000)))
    pool = list("推动高质量发展，。、；：“”（）《》——…GDP 2024 don't e.g. ｸﾞ ＡＢ１ かなカナ한국어 ㄅㄆ 〇々〆") + ["\n"] + near
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 80)))
        assert count(text) == reference(text), text
