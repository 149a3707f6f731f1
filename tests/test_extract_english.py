"""English drafting: main clauses without asides, openers or frames; no dangling ends; a bullet a sentence; no empty slide."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.extract.bullets import draft_bullets
from deckgen.extract.english import clauses, has_verb, phrase, sentence_phrases
from deckgen.extract.pipeline import extract
from deckgen.text.sentences import sentences


class DescribeMainClauses:
    def it_drops_a_short_aside_between_commas(self) -> None:
        assert sentence_phrases("In this final relationship, the Congress and the Administration have, on most vital "
                                "issues, cooperated well, to serve the national good.") == [
            "The Congress and the Administration have cooperated well"]

    def it_joins_a_subject_to_its_verb_across_an_aside(self) -> None:
        assert sentence_phrases("Today, the solitary inventor, tinkering in his shop, has been overshadowed by task "
                                "forces of scientists.") == ["The solitary inventor has been overshadowed by task forces"]

    def it_drops_an_opener_before_the_subject_even_without_a_comma(self) -> None:
        assert clauses("During the past 3 years I've spoken to you about national concerns.")[0].startswith("I've spoken")
        assert clauses("Despite these holocausts America is the strongest nation in the world.")[0] == \
            "America is the strongest nation in the world."

    def it_finds_the_main_clause_after_a_subordinate_clause_without_its_comma(self) -> None:
        assert sentence_phrases("When we import oil we are importing inflation plus unemployment.") == [
            "We are importing inflation plus unemployment"]
        assert sentence_phrases("Because this need is so sharp and apparent I confess that I lay down my official "
                                "responsibilities in this field.") == ["I lay down my official responsibilities in this field"]

    def it_skips_an_opening_phrase_without_a_verb(self) -> None:
        assert sentence_phrases("Exactly 3 years ago, on July 15, 1976, I accepted the nomination of my party.") == [
            "I accepted the nomination of my party"]

    def it_drops_a_reporting_frame(self) -> None:
        assert sentence_phrases("We've learned that piling up material goods cannot fill the emptiness of lives "
                                "which have no purpose.") == ["Piling up material goods cannot fill the emptiness of lives"]
        assert sentence_phrases("It's clear that the true problems of our Nation are much deeper.") == [
            "The true problems of our Nation are much deeper"]

    def it_keeps_a_frame_that_denies_or_wishes(self) -> None:
        assert "A lasting peace is in sight" not in sentence_phrases("I wish I could say tonight that a lasting peace "
                                                                   "is in sight.")
        assert not any("peace is in sight" in b for b in sentence_phrases(
            "As one who knows that another war could destroy this civilization I wish I could say that a lasting peace is "
            "in sight."))
        assert "Our economy is strong" not in sentence_phrases("We do not believe that our economy is strong.")

    def it_makes_it_is_a_noun_phrase(self) -> None:
        assert sentence_phrases("It is a crisis of confidence.") == ["A crisis of confidence"]
        assert sentence_phrases("This is the direct cause of the long lines which have made millions of you wait.") == [
            "The direct cause of the long lines"]


class DescribeNoDanglingEnds:
    @pytest.mark.parametrize("clause", [
        "To meet it successfully, there is called for",
        "American makers of plowshares could",
        "Our lack of comprehension or readiness to sacrifice would inflict upon us grievous hurt both at home and abroad",
    ])
    def it_never_ends_on_a_verb_without_what_follows(self, clause: str) -> None:
        found = phrase(clause.split(", ")[-1])
        assert found is None or found.split()[-1].lower() not in ("for", "could", "inflict", "would")

    def it_never_cuts_a_noun_from_its_of(self) -> None:
        assert phrase("Our progress has been part of the living history of America and of the whole world") != \
            "Our progress has been part"
        assert sentence_phrases("We always believed that we were part of a great movement of humanity itself "
                                "called democracy.") == ["We were part of a great movement"]

    def it_never_turns_this_from_into_the_from(self) -> None:
        assert phrase("This from a young woman in Pennsylvania") is None
        assert phrase("These are facts and we must face them") is None

    def it_keeps_a_pronoun_object_at_the_end(self) -> None:
        assert phrase("we will build it") == "We will build it"
        assert phrase("a tax can fix this") == "A tax can fix this"

    def it_knows_contracted_subjects_hold_a_verb(self) -> None:
        assert has_verb("I'm proposing an extra $10 billion")
        assert has_verb("you've heard more and more")
        assert not has_verb("The solitary inventor")


class DescribeTheSlide:
    PARAGRAPH = ("Our people are losing that faith, not only in government itself but in the ability as citizens to "
                 "serve. As a people we know our past and we are proud of it. Two-thirds of our people do not even "
                 "vote. The productivity of American workers is actually dropping, and the willingness of Americans "
                 "to save has fallen.")

    def it_drafts_a_bullet_from_each_sentence_first(self) -> None:
        bullets = draft_bullets(self.PARAGRAPH)
        assert len(bullets) == 4
        assert bullets == ["Our people are losing that faith", "We know our past and we are proud of it",
                           "Two-thirds of our people do not vote", "The productivity of American workers is dropping"]

    @pytest.mark.parametrize("text", [
        "In the days to come, let us renew that strength in the struggle for an energy secure nation.",
        "Twelve hours from now I will speak again in Kansas City, to expand and to explain further our energy program.",
        "It is the task of statesmanship to mold, to balance, and to integrate these and other forces.",
        "“Some people have wasted energy, but others haven't had anything to waste.”",
        "According to the plan, it was submitted.",
        "根据《吉林省国民经济和社会发展第十五个五年规划的建议》，编制了《吉林省国民经济和社会发展第十五个五年规划纲要（草案）》。",
        "其主要特征表现为。",
    ])
    def it_never_leaves_a_slide_with_a_sentence_empty(self, text: str) -> None:
        assert sentences(text)
        assert draft_bullets(text)


def test_a_one_sentence_point_drafts_the_clauses_after_its_title(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("政府工作报告\n一、过去一年的工作\n我们做了三件大事。\n"
                    "一是深入学习贯彻重要讲话精神，对标对表重要要求，全面落实总体工作部署。\n"
                    "二是坚决扛起重大使命，推动高质量发展取得明显实质性进展，打造了一批标志性成果。\n"
                    "二、今年的工作\n今年要稳中求进。我们要扩大内需。\n", encoding="utf-8")
    outline = extract(path).outline
    points = [p for sec in outline.sections for sub in sec.subsections for p in sub.points] or \
        [sub for sec in outline.sections for sub in sec.subsections]
    first = next(p for p in points if p.title.startswith("深入学习"))
    assert first.bullets and not any(b.startswith("深入学习") for b in first.bullets)
    assert "对标对表重要要求" in first.bullets or "全面落实总体工作部署" in first.bullets


def test_an_english_paragraph_slide_titled_by_its_sentence_still_gets_a_bullet(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    sentence = ("The erosion of our confidence in the future is threatening to destroy the social and the political "
                "fabric of America.")
    path.write_text("A Speech\n\nGood evening.\n\nWe face a crisis of confidence. It is nearly invisible.\n\n"
                    f"{sentence}\n\nWe can regain our unity. We can regain our confidence.\n", encoding="utf-8")
    outline = extract(path).outline
    slides = [sub for sec in outline.sections for sub in sec.subsections] + list(outline.sections)
    slide = next(s for s in slides if sentence[:30] in s.notes)
    assert slide.bullets
    assert all(b.rstrip("…") not in slide.title for b in slide.bullets)
