"""Two-line Chinese titles break between words, as the lecture's own text shows them (`建设 / 社会主义`, never
`社会主 / 义`); after punctuation first; titles the lecture says too little about keep their natural break."""
from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation

from deckgen.build.pipeline import build, plan_file
from deckgen.build.request import BuildRequest
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.validate import validate
from deckgen.package.slidetext import join_lines
from deckgen.plan.breaks import Variety, line_breaks, phrase_breaks
from deckgen.plan.kinds import BUILTIN_FRAMES
from deckgen.plan.planner import plan
from deckgen.text.fit import line_count
from deckgen.theme.model import load_theme
from tests.conftest import OUTLINE

TITLE = "高质量发展是全面建设社会主义现代化国家的首要任务"
# a lecture that uses the title's words in many phrases: 建设 before many words, 社会主义 after many
LECTURE = "\n".join([
    "加强建设社会主义法治国家", "推进建设现代化产业体系", "加快建设教育强国", "全面建设人民满意的政府", "建设美丽中国",
    "坚持社会主义核心价值观", "发展社会主义民主政治", "巩固社会主义制度", "繁荣社会主义文化", "建设社会主义强国",
    "我们全面建设", "全面建设新时代", "党的建设", "经济建设", "文化建设", "社会主义现代化强国", "实现现代化目标",
])
SECTION = BUILTIN_FRAMES["section", "title"]


def test_variety_counts_the_different_neighbours_of_a_string() -> None:
    v = Variety("建设社会 建设国家 建设社会 党的建设")
    assert v.around("建设", True) == 3  # 社, 国, and the end of the text
    assert v.around("建设", False) == 3  # the start, a space, 的
    assert v.around("社会", False) == 1


def test_a_title_whose_natural_break_splits_a_word_breaks_between_words() -> None:
    """At 40 pt the section title breaks `社会主 / 义` by itself; the lecture shows `建设 | 社会主义` as the clearest
    boundary, which needs the title a few points smaller: it is broken there."""
    natural = max(i for i in range(1, len(TITLE)) if line_count([TITLE[:i]], SECTION.box, 40.0, SECTION.style, True) == [1])
    assert TITLE[:natural].endswith("社会主")  # the greedy break, inside 社会主义
    found = line_breaks(TITLE, SECTION, 40.0, Variety(LECTURE + "\n" + TITLE), 36.0)
    assert found is not None
    size, (i,) = found
    assert TITLE[:i].endswith("全面建设") and TITLE[i:].startswith("社会主义") and 36.0 <= size < 40.0
    assert line_count([TITLE[:i], TITLE[i:]], SECTION.box, size, SECTION.style, True) == [1, 1]


def test_without_room_to_shrink_the_title_takes_a_boundary_at_its_own_size_or_none() -> None:
    """At its own size the title has no boundary the lecture shows clearly in reach: the natural break, written
    (every renderer then breaks there), rather than another as bad."""
    found = line_breaks(TITLE, SECTION, 40.0, Variety(LECTURE + "\n" + TITLE), 40.0)
    natural = max(i for i in range(1, len(TITLE)) if line_count([TITLE[:i]], SECTION.box, 40.0, SECTION.style, True) == [1])
    assert found == (40.0, (natural,))


def test_a_lecture_that_says_too_little_keeps_the_natural_break_written_out() -> None:
    """No boundary the lecture shows: the natural break, written; a text in one line is left as it is."""
    natural = max(i for i in range(1, len(TITLE)) if line_count([TITLE[:i]], SECTION.box, 40.0, SECTION.style, True) == [1])
    assert line_breaks(TITLE, SECTION, 40.0, Variety(TITLE), 36.0) == (40.0, (natural,))
    assert line_breaks("高质量发展", SECTION, 40.0, Variety(TITLE), 36.0) is None  # one line: nothing to break


def test_a_natural_break_after_punctuation_is_kept_and_a_label_never_stands_alone() -> None:
    slot = BUILTIN_FRAMES["content", "title"]
    text = "（五）得感幸福感安全感高质量发展是全面建设社会主义现代化国家"
    found = line_breaks(text, slot, 32.0, Variety(LECTURE + text), 32.0)
    assert found is not None and found[1][0] >= 0.3 * len(text)  # not `（五） / 得感…`
    title = "压力测试：长标题、长要点与中英文混排的讲稿"
    cover = BUILTIN_FRAMES["title", "title"]
    assert line_count([title], cover.box, 48.0, cover.style, True) == [2]
    found = line_breaks(title, cover, 48.0, Variety(title), 48.0)
    assert found is not None and title[:found[1][0]] == "压力测试：长标题、"  # after the comma, not mid-word


def _planned(notes: str) -> list:  # type: ignore[type-arg]
    text = f"""
deck: {{title: 示例, language: zh-CN}}
sections:
  - title: 概述
    bullets: [一]
  - title: {TITLE}
    notes: |
{chr(10).join('      ' + line for line in notes.splitlines())}
    subsections:
      - {{title: 短标题, bullets: [要点]}}
"""
    outline, _ = validate(parse_yaml(text, "o.yaml"))
    deck, _ = plan(outline, load_theme("party"))
    return list(deck.slides)


def test_the_planner_breaks_a_section_title_by_the_lecture_and_leaves_short_titles() -> None:
    slides = _planned(LECTURE)
    section = next(s for s in slides if s.role is Role.SECTION and "首要任务" in s.title.paragraphs[0])
    assert section.title.paragraphs == ("高质量发展是全面建设\n社会主义现代化国家的首要任务",)
    assert all("\n" not in s.title.paragraphs[0] for s in slides if s is not section)
    assert section.title.line == TITLE  # as lists and messages show it
    again = phrase_breaks(slides, BUILTIN_FRAMES)  # a broken title is left as it is
    assert again == slides


def test_a_content_title_keeps_its_kinds_size() -> None:
    slides = _planned(LECTURE)
    title = BUILTIN_FRAMES["content", "title"]
    long = "建设社会主义现代化国家的首要任务是高质量发展全面建设社会"
    plain = [s for s in slides if s.role is Role.CONTENT][0]
    from dataclasses import replace

    from deckgen.plan.model import Text
    s = replace(plain, title=Text((long,), 32.0))
    assert line_count([long], title.box, 32.0, title.style, True) == [2]
    out = phrase_breaks([s], BUILTIN_FRAMES)[0]
    assert out.title.size == 32.0


def test_the_shipped_deck_breaks_its_first_section_title_between_words_and_pull_reads_it_whole(tmp_path: Path) -> None:
    deck = plan_file(OUTLINE).deck
    five = deck.slides[4]
    assert five.role is Role.SECTION and five.title.paragraphs == ("高质量发展是全面建设社会主义\n现代化国家的首要任务",)
    out = tmp_path / "deck.pptx"
    build(BuildRequest(OUTLINE, out))
    slide = Presentation(str(out)).slides[4]
    title = slide.shapes.title._element
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert len(title.findall(f".//{A}br")) == 1
    assert [r.text for r in title.iter(f"{A}t")] == ["高质量发展是全面建设社会主义", "现代化国家的首要任务"]
    assert join_lines(("高质量发展是全面建设社会主义\n现代化国家的首要任务",)) == TITLE
    assert etree.QName(title.find(f".//{A}br/{A}rPr")).localname == "rPr"


def _slot(width_em: float, size: float, base=SECTION):  # type: ignore[no-untyped-def]
    """`base` with a box whose lines hold `width_em` ideographs at `size` (tall enough for four lines)."""
    from dataclasses import replace

    from deckgen.text.fit import line_width_em

    per_em = line_width_em(base.box, size, base.style, True) / base.box.text_w
    box = replace(base.box, w=width_em / per_em + base.box.inset_l + base.box.inset_r + 0.5, h=400.0)
    return replace(base, box=box)


def test_three_lines_break_between_words_too() -> None:
    """A quotation or title in three lines (a narrow box): `高质量发展是全面建设社 / 会主义现代化国家的首要任 / 务` by
    itself (two words split, a character alone), between words as the lecture shows them."""
    slot = _slot(11.3, 40.0)
    assert line_count([TITLE], slot.box, 40.0, slot.style, True) == [3]
    assert line_count([TITLE[:11]], slot.box, 40.0, slot.style, True) == [1] != line_count([TITLE[:12]], slot.box, 40.0, slot.style, True)
    found = line_breaks(TITLE, slot, 40.0, Variety(LECTURE + "\n" + TITLE), 40.0)
    assert found is not None and found[0] == 40.0
    edges = (0, *found[1], len(TITLE))
    shown = [TITLE[a:b] for a, b in zip(edges, edges[1:])]
    assert shown == ["高质量发展是全面建设", "社会主义现代化国家的", "首要任务"]
    assert line_count(shown, slot.box, 40.0, slot.style, True) == [1, 1, 1]


def test_a_short_last_line_is_allowed_a_lonely_character_is_not() -> None:
    """`…长治久安的必然要 / 求` (the greedy break) becomes `…长治久安的 / 必然要求`: a last line of four characters
    is a line, one character alone is not."""
    text = "（三）确保党和国家事业长治久安的必然要求"
    slot = _slot(19.5, 22.0, BUILTIN_FRAMES["content", "title"])
    assert line_count([text[:19]], slot.box, 22.0, slot.style, True) == [1] and line_count([text], slot.box, 22.0, slot.style, True) == [2]
    found = line_breaks(text, slot, 22.0, Variety(LECTURE + "\n" + text), 22.0)
    assert found is not None and text[found[1][0]:] == "必然要求"


def test_the_contents_entries_break_between_words() -> None:
    """An entry of the contents slide in two lines breaks between words as a title does; each entry on its own."""
    from types import MappingProxyType

    from deckgen.plan.grid import Frames
    from deckgen.plan.model import SlidePlan, Text

    size = 28.0
    slots = dict(BUILTIN_FRAMES.slots)
    slots["agenda", "body"] = _slot(14.3, size, BUILTIN_FRAMES["agenda", "body"])
    frames = Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=True)
    entries = ("一、" + TITLE, "二、准确把握", "三、实现高质量发展的动力和保障")
    agenda = SlidePlan(Role.AGENDA, Text(("目录",), 32.0), LECTURE, (("body", Text(entries, size)),))
    out = phrase_breaks([agenda], frames)[0]
    body = dict(out.texts)["body"]
    assert body.size == size and body.paragraphs[1] == entries[1]  # (one line)
    assert [p.replace("\n", "") for p in body.paragraphs] == list(entries)
    assert body.paragraphs[0].split("\n") == ["一、高质量发展是全面建设", "社会主义现代化国家的首要任务"]


def test_a_lonely_last_line_gives_way_even_without_a_boundary_known() -> None:
    """`…格局构建过 / 程中` (the greedy break, two characters alone) and no boundary the lecture shows: the more
    even split, as far inside a word as the natural one, rather than the lonely line."""
    text = "二要把新发展理念外化到新发展格局构建过程中"
    slot = _slot(19.5, 22.0, BUILTIN_FRAMES["content", "title"])
    natural = max(i for i in range(1, len(text)) if line_count([text[:i]], slot.box, 22.0, slot.style, True) == [1])
    assert len(text) - natural == 2
    found = line_breaks(text, slot, 22.0, Variety(text), 22.0)
    assert found is not None and found[0] == 22.0 and len(text) - found[1][0] >= 0.15 * len(text)


def test_a_short_title_does_not_end_in_two_characters_alone() -> None:
    """cn-123layouts' closing: `砥砺奋进正 / 当时` by itself; `砥砺奋进 / 正当时`, as even and no further inside a word."""
    text = "砥砺奋进正当时"
    slot = _slot(5.4, 40.0, BUILTIN_FRAMES["closing", "title"])
    assert line_count([text[:5]], slot.box, 40.0, slot.style, True) == [1] != line_count([text[:6]], slot.box, 40.0, slot.style, True)
    found = line_breaks(text, slot, 40.0, Variety(text), 40.0)
    assert found is not None and len(text) - found[1][-1] >= 3


def test_no_break_where_the_lines_would_not_read_back_as_the_title() -> None:
    """A break between a wide character and a narrow one with no space between (`一` before a flag, `，`
    before a Latin word) would read back (`one_line`, as `pull` and every reader of the deck joins a title's
    lines) with a space the title does not have: such a title is left to break by itself. A title breaking
    at a space, or between wide characters, reads back whole."""
    from deckgen.text.script import one_line

    for title in ("一一一一一一一一一一一一一一一一🇨🇳一一一一一", "高质量发展是全面建设社会主义现代化国家，Modernisation"):
        for at in range(20, len(title) - 2):
            text = title[:at] + "🇨🇳" + title[at:] if "🇨🇳" not in title else title
            found = line_breaks(text, SECTION, 40.0, Variety(LECTURE + "\n" + text), 36.0)
            if found is not None:
                edges = (0, *found[1], len(text))
                assert one_line(["\n".join(text[a:b] for a, b in zip(edges, edges[1:]))]) == text, (text, found)
    outline, _ = validate(parse_yaml("deck: {title: 一}\nsections:\n  - title: 一\n  - title: 一一一一一一一一🇨🇳一一一一一\n",
                                     "o.yaml"))
    deck, _ = plan(outline, load_theme("party"))
    assert any("🇨🇳" in s.title.paragraphs[0] for s in deck.slides)
    for s in deck.slides:
        assert one_line(list(s.title.paragraphs)) == one_line([x.replace("\n", "") for x in s.title.paragraphs])


def test_a_title_breaks_before_its_quotation_mark_rather_than_inside_the_quoted_word() -> None:
    """`是|“全国一盘棋”`: where the title breaks by itself before the opening quotation mark, that break is
    written (it reads back without a space), rather than none (the renderer's own) or one inside `全国`."""
    from deckgen.text.script import one_line

    title = "（三）高质量发展是“全国一盘棋”的统筹发展"
    at = title.index("“")
    seen = 0
    for size in range(24, 48):
        found = line_breaks(title, SECTION, float(size), Variety(LECTURE + "\n" + title), float(size))
        if found is None:
            continue
        edges = (0, *found[1], len(title))
        assert one_line(["\n".join(title[a:b] for a, b in zip(edges, edges[1:]))]) == title
        seen += at in found[1]
    assert seen  # at some size the break before `“` is the one written


def test_the_contents_entries_go_a_little_smaller_for_a_break_between_words() -> None:
    """cn-sample-jianyue: at the contents' own size the first entry breaks only inside a word (`…全面建设社 /
    会主义…`: the break after `建设` leaves a second line too long for the box); a tenth smaller it breaks between
    words, so the entries, a page of their own, are set that much smaller, all at one size."""
    from types import MappingProxyType

    from deckgen.plan.grid import Frames
    from deckgen.plan.model import SlidePlan, Text

    size = 28.0
    slots = dict(BUILTIN_FRAMES.slots)
    slots["agenda", "body"] = _slot(13.5, size, BUILTIN_FRAMES["agenda", "body"])
    frames = Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=True)
    entries = ("一、" + TITLE, "二、准确把握高质量发展的科学内涵", "三、实现高质量发展的动力和保障")
    natural = max(i for i in range(1, len(entries[0]))
                  if line_count([entries[0][:i]], slots["agenda", "body"].box, size, slots["agenda", "body"].style, True) == [1])
    assert entries[0][:natural].endswith("建设社")  # the break it takes by itself at 28 pt
    agenda = SlidePlan(Role.AGENDA, Text(("目录",), 32.0), LECTURE, (("body", Text(entries, size)),))
    body = dict(phrase_breaks([agenda], frames)[0].texts)["body"]
    assert 25.0 <= body.size < size
    assert body.paragraphs[0].split("\n") == ["一、高质量发展是全面建设", "社会主义现代化国家的首要任务"]
    assert [p.replace("\n", "") for p in body.paragraphs] == list(entries)


def test_a_closings_and_a_covers_lines_break_between_words_too() -> None:
    """cn-red-company-43: the closing's line `不忘初心担使命、鼓足干劲再出发` in a narrow strip went to two lines with
    `发` alone (the greedy break, as PowerPoint sets it); it breaks after the comma. A cover's subtitle alike."""
    from types import MappingProxyType

    from deckgen.plan.grid import Frames
    from deckgen.plan.model import SlidePlan, Text

    size = 18.0
    line = "不忘初心担使命、鼓足干劲再出发"
    slots = dict(BUILTIN_FRAMES.slots)
    slots["closing", "body"] = _slot(14.2, size, BUILTIN_FRAMES["closing", "body"])
    slots["title", "subtitle"] = _slot(12.5, size, BUILTIN_FRAMES["title", "subtitle"])
    frames = Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=True)
    assert line_count([line], slots["closing", "body"].box, size, slots["closing", "body"].style, True) == [2]
    lines = ("宏伟蓝图已擘画", line)
    closing = SlidePlan(Role.CLOSING, Text(("砥砺奋进正当时",), 44.0), LECTURE, (("body", Text(lines, size)),))
    cover = SlidePlan(Role.TITLE, Text(("坚定不移推动高质量发展",), 44.0), LECTURE, (("subtitle", Text((line,), size)),),
                      source="deck")
    out = phrase_breaks([closing, cover], frames)
    assert dict(out[0].texts)["body"].paragraphs == ("宏伟蓝图已擘画", "不忘初心担使命、\n鼓足干劲再出发")
    assert dict(out[1].texts)["subtitle"].paragraphs == ("不忘初心担使命、\n鼓足干劲再出发",)


def test_a_break_after_a_space_is_written_only_where_the_lines_read_back_with_it() -> None:
    """Found by the fuzz test: `一…一 「一一` broken after its space read back as `一…一「一一` (a wide character and
    `「` join without a space), a title that was not the outline's; a break after a space between Latin words
    reads back with its space."""
    from deckgen.package.slidetext import join_lines

    slot = _slot(18.5, 28.0, BUILTIN_FRAMES["content", "title"])
    for text in ("一一一一一一一一一一一一一一一一一 「一一", "高质量发展 Quality development 高质量发展是首要任务"):
        found = line_breaks(text, slot, 28.0, Variety(text), 28.0)
        if found is not None:
            edges = (0, *found[1], len(text))
            assert join_lines(("\n".join(text[a:b] for a, b in zip(edges, edges[1:])),)) == join_lines((text,))


def test_every_break_written_reads_back_as_the_title() -> None:
    """`_reads_back` is what `one_line` (and so `deckgen pull`) gives back, at every place of texts mixing wide
    characters, spaces, ideographic spaces, brackets, quotation marks and Latin words."""
    from deckgen.plan.breaks import _reads_back
    from deckgen.text.script import one_line

    for text in ("一一 「一一", "一一\u3000「0", "建设 社会主义", "高质量 Quality development 发展", "是“全国一盘棋”的",
                 "A  B", "一 A", "（一）一一一", "一\u3000\u3000一"):
        for i in range(1, len(text)):
            assert _reads_back(text, i) == (one_line([text[:i] + "\n" + text[i:]]) == one_line([text])
                                            and bool(text[:i].strip()) and bool(text[i:].strip())), (text, i)
