"""The whole extractor: the seed lecture, GB18030 input, and the no-text-lost invariant (property-based)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.outline.read import read_outline
from deckgen.extract.coverage import notes_in_order
from deckgen.errors import ContentError
from deckgen.extract.pipeline import Extraction, extract
from deckgen.outline.load import parse_yaml
from deckgen.outline.validate import validate
from tests.conftest import OUTLINE, SEED, require_path


def assert_notes_reproduce(body: str, notes: list[str]) -> None:
    """Every character of `body` is in exactly one of `notes`, in order; a break between two slides
    may stand for a paragraph break or a space, nothing else."""
    pos = 0
    for text in notes:
        chunk = text.strip()
        if not chunk:
            continue
        assert body.startswith(chunk, pos), f"at {pos}: expected {body[pos:pos + 40]!r}, notes have {chunk[:40]!r}"
        pos += len(chunk)
        while pos < len(body) and body[pos] in " \n":
            pos += 1
    assert pos == len(body), f"text after the last notes: {body[pos:pos + 40]!r}"


def all_notes(result: Extraction) -> list[str]:
    return [text for _, text in notes_in_order(result.outline)]


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract(require_path(SEED, "the seed lecture"))


class DescribeTheSeedLecture:
    def it_finds_3_sections_10_subsections_10_points(self, seed: Extraction) -> None:
        assert seed.counts() == {"sections": 3, "subsections": 10, "points": 10}
        assert seed.outline.opening and seed.outline.closing

    def it_keeps_the_exact_labels_and_titles_of_the_text(self, seed: Extraction) -> None:
        shipped = read_outline(OUTLINE).outline

        def heads(o) -> list:
            return [(s.label, s.title, [(u.label, u.title, [(p.label, p.title) for p in u.points]) for u in s.subsections])
                    for s in o.sections]

        assert heads(seed.outline) == heads(shipped)
        points = [p.label for s in seed.outline.sections for u in s.subsections for p in u.points]
        assert points == ["一要", "二要", "三要", "一要", "二要", "三要", "一要", "二要", "三要", "四要"]

    def it_splits_the_notes_as_the_hand_made_outline_does(self, seed: Extraction) -> None:
        shipped = read_outline(OUTLINE).outline
        assert notes_in_order(seed.outline) == notes_in_order(shipped)

    def it_puts_every_character_in_exactly_one_slide(self, seed: Extraction) -> None:
        assert_notes_reproduce(seed.lecture.body, all_notes(seed))
        source = re.sub(r"##\w+##", "", SEED.read_text(encoding="utf-8"))
        assert re.sub(r"\s", "", source) == re.sub(r"\s", "", "".join(all_notes(seed)))

    def it_reports_the_removed_markers(self, seed: Extraction) -> None:
        assert [(m.text, m.line) for m in seed.lecture.markers] == [("##paidbegin##", 8), ("##paidend##", 21)]
        assert "##" not in seed.yaml.split("deck:", 1)[1]
        assert "Removed 2 site markers: ##paidbegin## (line 8), ##paidend## (line 21)" in seed.summary()

    def it_writes_yaml_that_reads_back_as_the_same_outline(self, seed: Extraction) -> None:
        outline, warnings = validate(parse_yaml(seed.yaml, "outline.yaml"))
        assert outline == seed.outline and warnings == []

    def it_drafts_short_bullets_and_never_a_whole_paragraph(self, seed: Extraction) -> None:
        from deckgen.extract.text import width

        nodes = [u for s in seed.outline.sections for u in s.subsections]
        nodes += [p for u in nodes for p in u.points] + list(seed.outline.opening) + list(seed.outline.closing)
        assert all(n.bullets for n in nodes)
        for node in nodes:
            assert len(node.bullets) <= 6
            assert all(width(b) <= 24 and b not in node.notes.split("\n") for b in node.bullets)


def test_gb18030_lecture_drafts_the_same_outline_as_utf8(tmp_path: Path) -> None:
    text = "学习报告\r\n同志们：\r\n　　开场。\r\n一、甲\r\n（一）乙。一要做丙。内容。二要做丁。内容。\r\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    gbk, utf8 = extract(tmp_path / "gbk.txt"), extract(tmp_path / "utf8.txt")
    assert gbk.lecture.encoding == "GB18030"
    assert gbk.outline == utf8.outline
    assert [p.label for p in gbk.outline.sections[0].subsections[0].points] == ["一要", "二要"]


# --- the invariant over generated lectures ------------------------------------------------------------

FILLER = "发展改革创新建设推进坚持质量人民社会经济制度治理文化生态安全开放共享协调绿色科技教育医疗就业服务保障能力水平体系机制"
CN = "一二三四五六七八九十"
FAMILIES = {"yao": lambda n: f"{CN[n]}要", "shi": lambda n: f"{CN[n]}是", "di": lambda n: f"第{CN[n]}，",
            "seq": lambda n: ("首先，", "其次，", "再次，", "最后，")[n]}

words = st.text(alphabet=FILLER, min_size=2, max_size=12)
sentence = st.builds(lambda w, end: w + end, words, st.sampled_from(["。", "！", "？"]))
clause_sentence = st.builds(lambda a, b: f"{a}，{b}。", words, words)
paragraph = st.lists(st.one_of(sentence, clause_sentence), min_size=1, max_size=4).map("".join)


@st.composite
def lectures(draw) -> tuple[str, dict]:
    lines = [draw(words)]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["同志们：", "各位代表：", "各位领导、同志们："])))
    lines += draw(st.lists(paragraph, max_size=2))
    expected = {"sections": 0, "subsections": 0, "points": 0}
    for i in range(draw(st.integers(1, 4))):
        expected["sections"] += 1
        inline = draw(st.booleans())
        lines.append(f"{CN[i]}、{draw(words)}" + (f"。{draw(paragraph)}" if inline else ""))
        intro = draw(st.lists(paragraph, max_size=2))
        subsections = draw(st.integers(0 if intro else 1, 4))
        lines += intro
        if subsections == 0:
            expected["subsections"] += len(intro)
        for j in range(subsections):
            expected["subsections"] += 1
            text = f"（{CN[j]}）{draw(words)}。{draw(paragraph)}"
            points = draw(st.sampled_from([0, 0, 2, 3, 4]))
            if points:
                family = FAMILIES[draw(st.sampled_from(sorted(FAMILIES)))]
                for k in range(points):
                    last = family is FAMILIES["seq"] and k == points - 1 and points > 2
                    marker = family(3 if last else k)  # 首先…其次…最后: a closing word needs two before it
                    text += f"{marker}{draw(words)}。{draw(paragraph)}"
                expected["points"] += points
            lines.append(text)
            lines += draw(st.lists(paragraph, max_size=1))
    if draw(st.booleans()):
        lines.append(f"同志们，{draw(paragraph)}")
    spaced = [("　　" if draw(st.booleans()) else "") + line for line in lines]
    return "\r\n".join(spaced) if draw(st.booleans()) else "\n".join(spaced), expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lectures())
def test_generated_lectures_keep_every_character_and_their_structure(tmp_path: Path, case: tuple[str, dict]) -> None:
    text, expected = case
    path = tmp_path / "generated.txt"
    path.write_bytes(text.encode("gb18030" if len(text) % 2 else "utf-8"))
    result = extract(path)
    assert_notes_reproduce(result.lecture.body, all_notes(result))
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", "".join(all_notes(result)))
    assert result.counts() == expected
    assert validate(parse_yaml(result.yaml, "generated.yaml"))[0] == result.outline


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_drafted_without_losing_a_character_or_refused_clearly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_text(text, encoding="utf-8")
    try:
        result = extract(path)
    except ContentError as err:
        assert "no text" in str(err) or "not a text file" in str(err)
        return
    assert_notes_reproduce(result.lecture.body, all_notes(result))
    assert validate(parse_yaml(result.yaml, "any.yaml"))[0] == result.outline
