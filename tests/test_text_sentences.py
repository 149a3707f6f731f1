"""Sentences and clauses: Chinese and English terminals, closing quotes, abbreviations, line breaks."""
from __future__ import annotations

from deckgen.text.sentences import clauses, first_sentence, sentence_ends, sentences


class DescribeSentences:
    def it_ends_chinese_sentences_after_terminals_and_closing_quotes(self) -> None:
        text = "他说：“好。”我们走吧！真的？"
        assert [s for _, s in sentences(text)] == ["他说：“好。”", "我们走吧！", "真的？"]

    def it_ends_english_sentences_at_full_stops_but_not_abbreviations(self) -> None:
        text = "Mr. Li spoke, e.g. about growth. Then J. Smith left."
        assert [s for _, s in sentences(text)] == ["Mr. Li spoke, e.g. about growth.", "Then J. Smith left."]

    def it_ends_a_sentence_at_a_line_break_and_gives_offsets(self) -> None:
        text = "第一行\n  第二行。"
        assert sentences(text) == [(0, "第一行"), (6, "第二行。")]
        assert sentence_ends(text) == [6, len(text)]  # the spaces after a break belong to the sentence before

    def it_takes_the_first_sentence(self) -> None:
        assert first_sentence("  坚持人民至上。推进改革。") == "坚持人民至上。"
        assert first_sentence("") == ""


class DescribeClauses:
    def it_splits_at_chinese_clause_marks_and_ascii_ones_before_a_space(self) -> None:
        assert clauses("在供给上，提质增效；在需求上：扩大内需") == ["在供给上", "提质增效", "在需求上", "扩大内需"]
        assert clauses("GDP: 5.2%, up; 3:2 ratio,fine") == ["GDP", "5.2%", "up", "3:2 ratio,fine"]
