"""Type sizes on a template: one title size per kind across the deck, and text below the smallest size
(not outside the box) where a template's box is too small for it; the built-in grid keeps its own rules."""
from __future__ import annotations

import math
from dataclasses import replace
from types import MappingProxyType

from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.validate import validate
from deckgen.plan.grid import Box, Frames, Slot
from deckgen.plan.kinds import BUILTIN_FRAMES
from deckgen.plan.planner import plan
from deckgen.plan.sizing import ALONE_SHARE, BODY_UNDER_TITLE
from deckgen.text.fit import fit, orphans
from deckgen.theme.model import load_theme

OUTLINE = """
deck: {title: 示例讲座, language: zh-CN}
sections:
  - title: 第一部分
    subsections:
      - {title: 短标题, bullets: [要点一, 要点二]}
      - {title: 一个相当长的标题需要两行才能放得下而且还要更长一些才行, bullets: [要点一]}
      - {title: 中等长度的标题, bullets: [要点一]}
  - title: 第二部分
    subsections:
      - {title: 另一个短标题, bullets: [要点一]}
"""


def _frames(title: Box, *, builtin: bool) -> Frames:
    slots = dict(BUILTIN_FRAMES.slots)
    slots["content", "title"] = replace(slots["content", "title"], box=title)
    return Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=builtin)


def _plan(frames: Frames):  # type: ignore[no-untyped-def]
    outline, _ = validate(parse_yaml(OUTLINE, "o.yaml"))
    return plan(outline, load_theme(), frames)


def test_titles_of_a_kind_share_one_size_on_a_template() -> None:
    box = Box(48, 20, 420, 88, inset_t=2, inset_b=2)
    own, _ = _plan(_frames(box, builtin=True))  # the built-in grid sizes each title to itself
    deck, _ = _plan(_frames(box, builtin=False))
    pairs = [(a.title.size, b.title.size) for a, b in zip(own.slides, deck.slides) if a.role is Role.CONTENT]
    common = max(shared for _, shared in pairs)
    assert any(alone > common for alone, _ in pairs), "every title took the same size anyway"
    assert all(shared == min(alone, common) for alone, shared in pairs)
    assert common >= load_theme().sizes.title.pref or common == max(alone for alone, _ in pairs)


def test_a_title_too_long_for_a_small_template_box_is_set_smaller_not_outside_it() -> None:
    box = Box(48, 20, 300, 40, inset_t=2, inset_b=2)
    theme = load_theme()
    deck, warnings = _plan(_frames(box, builtin=False))
    long = next(s for s in deck.slides if "一个相当长" in s.title.text)
    assert long.title.size < theme.sizes.title.min
    slot = Slot(box, BUILTIN_FRAMES["content", "title"].style)
    assert fit(long.title.paragraphs, slot.box, long.title.size, long.title.size, slot.style, max_lines=2, cjk=True).fits
    assert any("below the smallest" in w.message for w in warnings)
    builtin, warnings = _plan(_frames(box, builtin=True))
    assert next(s for s in builtin.slides if "一个相当长" in s.title.text).title.size == theme.sizes.title.min
    assert any("does not fit" in w.message for w in warnings)


QUOTED = """
deck: {title: 示例讲座, language: zh-CN}
opening:
  - title: 引言
    quote: {text: 高质量发展是全面建设社会主义现代化国家的首要任务, source: 党的二十大报告}
sections:
  - title: 第一部分
    bullets: [要点一]
"""


def _quote_frames(strip: Box, *, builtin: bool) -> Frames:
    """A template's section layout serving quotes: a large title over a one-line body strip, no source place."""
    slots = dict(BUILTIN_FRAMES.slots)
    slots["quote", "title"] = replace(slots["quote", "title"], box=Box(34, 240, 650, 118))
    slots["quote", "quote"] = replace(slots["quote", "quote"], box=strip)
    slots.pop(("quote", "source"), None)
    return Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=builtin)


def _whole(t):  # type: ignore[no-untyped-def]
    """A text's paragraphs without the line breaks set in them (`deckgen.plan.breaks`)."""
    return [p.replace("\n", "") for p in t.paragraphs]


def test_a_quotation_and_its_source_too_tall_for_a_templates_strip_take_the_title_and_the_strip() -> None:
    outline, _ = validate(parse_yaml(QUOTED, "o.yaml"))
    deck, warnings = plan(outline, load_theme(), _quote_frames(Box(34, 358, 650, 47), builtin=False))
    quote = next(s for s in deck.slides if s.role is Role.QUOTE)
    assert _whole(quote.title) == ["“高质量发展是全面建设社会主义现代化国家的首要任务”"]  # (its lines broken between words)
    assert dict(quote.texts)["quote"].paragraphs == ("——党的二十大报告",)
    assert not [w for w in warnings if "does not fit" in w.message]
    # a body with room keeps the title in the title place and quotation and source in the body
    deck, _ = plan(outline, load_theme(), _quote_frames(Box(34, 358, 650, 200), builtin=False))
    quote = next(s for s in deck.slides if s.role is Role.QUOTE)
    assert quote.title.paragraphs == ("引言",)
    assert _whole(dict(quote.texts)["quote"]) == ["“高质量发展是全面建设社会主义现代化国家的首要任务”", "——党的二十大报告"]


def test_a_source_the_strip_cannot_hold_goes_with_the_quotation_into_the_title_room() -> None:
    """google-ubucon: the text box for the quote layout's missing body is 3 pt tall where the layout's free
    room ends; the source went there and spilled. Quotation and source both take the title's room."""
    outline, _ = validate(parse_yaml(QUOTED, "o.yaml"))
    deck, warnings = plan(outline, load_theme(), _quote_frames(Box(34, 358, 650, 3), builtin=False))
    quote = next(s for s in deck.slides if s.role is Role.QUOTE)
    assert _whole(quote.title) == ["“高质量发展是全面建设社会主义现代化国家的首要任务”", "——党的二十大报告"]
    assert dict(quote.texts).get("quote") is None
    assert not [w for w in warnings if "does not fit" in w.message]


CLOSING = """
deck: {title: 示例讲座, language: zh-CN}
sections:
  - title: 第一部分
    bullets: [要点一]
closing:
  - title: 砥砺奋进正当时
    bullets: [宏伟蓝图已擘画, 抓好担当作为落实落地, 不忘初心担使命、鼓足干劲再出发, 为全区高质量发展提供坚强保障]
"""


def _closing_frames(strip: Box, *, builtin: bool) -> Frames:
    slots = dict(BUILTIN_FRAMES.slots)
    slots["closing", "body"] = replace(slots["closing", "body"], box=strip)
    return Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=builtin)


def test_closing_lines_a_templates_subtitle_strip_cannot_hold_get_a_slide_of_their_own() -> None:
    outline, _ = validate(parse_yaml(CLOSING, "o.yaml"))
    deck, warnings = plan(outline, load_theme(), _closing_frames(Box(80, 380, 790, 37), builtin=False))
    closing = next(s for s in deck.slides if s.role is Role.CLOSING)
    assert dict(closing.texts).get("body") is None
    lines = deck.slides[-1]
    assert lines.role is Role.CONTENT and dict(lines.texts)["body"].paragraphs[-1] == "为全区高质量发展提供坚强保障"
    assert not [w for w in warnings if "does not fit" in w.message]
    deck, _ = plan(outline, load_theme(), _closing_frames(Box(80, 380, 790, 200), builtin=False))
    closing = next(s for s in deck.slides if s.role is Role.CLOSING)
    assert dict(closing.texts)["body"].paragraphs[0] == "宏伟蓝图已擘画" and deck.slides[-1] is closing


def test_the_title_floor_scales_with_the_slide_width_and_cards_titles_share_the_content_size() -> None:
    """On a 4:3 slide (10 in wide) titles share the size the longest takes down to 21 pt (28 pt on 13.33 in);
    the kinds whose title is the content title's box take the content titles' size."""
    outline, _ = validate(parse_yaml(OUTLINE + """
      - title: 卡片页
        bullets: [一：甲乙, 二：丙丁, 三：戊己]
""", "o.yaml"))
    box = Box(48, 20, 330, 70, inset_t=2, inset_b=2)
    slots = dict(BUILTIN_FRAMES.slots)
    for role in ("content", "cards"):
        slots[role, "title"] = replace(slots["content", "title"], box=box)
    wide = Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0)
    narrow = Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, width_scale=0.75)
    long = "一个相当长的标题需要两行才能放得下而且还要更长一些才行"
    for frames, floor in ((wide, 28.0), (narrow, 21.0)):
        deck, _ = plan(outline, load_theme(), frames)
        own = next(s for s in deck.slides if long in s.title.line).title.size
        sizes = {s.title.size for s in deck.slides if s.role in (Role.CONTENT, Role.CARDS) and long not in s.title.line}
        assert sizes == {max(own, min(floor, max(sizes)))}, (floor, own, sizes)
        assert any(s.role is Role.CARDS for s in deck.slides)



SECTIONS = """
deck: {title: 示例讲座, language: zh-CN}
sections:
  - {title: 高质量发展是全面建设社会主义现代化国家的首要任务, bullets: [要点一]}
  - {title: 准确把握高质量发展的科学内涵, bullets: [要点一]}
  - {title: 实现高质量发展的动力和保障, bullets: [要点一]}
"""


def test_a_title_brought_down_to_its_kinds_size_leaves_no_character_alone_on_its_last_line() -> None:
    """cn-wps-course: the section titles share the size the third takes to keep its last line from holding one
    character; at that size the second's last line held one: it takes a size a little smaller, in one line."""
    slots = dict(BUILTIN_FRAMES.slots)
    style = replace(slots["section", "title"].style, line_spacing=1.0, letter_spacing=3.0)  # a WPS title style
    slot = Slot(Box(157, 147, 612, 216, inset_l=7.1, inset_r=7.1, inset_t=3.7, inset_b=3.7), style)
    slots["section", "title"] = slot
    slots.pop(("section", "label"), None)
    outline, _ = validate(parse_yaml(SECTIONS, "o.yaml"))
    deck, _ = plan(outline, load_theme(), Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=False))
    titles = [s.title for s in deck.slides if s.role is Role.SECTION]
    common = max(t.size for t in titles)
    assert common < load_theme().sizes.section_title.max  # a title brought the kind's size down
    assert orphans(titles[1].paragraphs, slot.box, common, style, True)  # …at which the second's last line is one character
    assert not any(orphans(t.paragraphs, slot.box, t.size, style, True) for t in titles)
    assert common * ALONE_SHARE <= titles[1].size < common
    assert all(fit(t.paragraphs, slot.box, t.size, t.size, style, cjk=True).fits for t in titles)


def test_bullets_on_a_template_are_a_step_below_their_titles_nor_below_the_smallest_body_size() -> None:
    """A thin title bar holds its titles at 22 pt: bullets at the theme's largest 28 pt read louder than the
    titles over them. They come down a step below the titles' size (`BODY_UNDER_TITLE`, here the smallest
    body size), all of them one size; on the built-in grid (titles larger than bullets) nothing changes. A
    bar holding larger titles keeps its bullets a step below them, not as large as they are."""
    theme = load_theme()
    bar = Box(48, 20, 864, 30, inset_t=2, inset_b=2)
    own, _ = _plan(_frames(bar, builtin=True))
    deck, _ = _plan(_frames(bar, builtin=False))
    content = [s for s in deck.slides if s.role is Role.CONTENT]
    titles = max(s.title.size for s in content)
    bodies = {s.text("body").size for s in content if s.text("body") is not None}
    before = {s.text("body").size for s in own.slides if s.role is Role.CONTENT and s.text("body") is not None}
    assert max(before) > titles, "the bar held titles as large as the bullets anyway"
    assert bodies == {max(math.floor(titles * BODY_UNDER_TITLE * 2) / 2, theme.sizes.body.min)}
    tiny = Box(48, 20, 864, 24, inset_t=1, inset_b=1)  # titles below the smallest body size: bullets stop there
    deck, _ = _plan(_frames(tiny, builtin=False))
    assert max(s.title.size for s in deck.slides if s.role is Role.CONTENT) < theme.sizes.body.min
    assert {s.text("body").size for s in deck.slides if s.role is Role.CONTENT and s.text("body")} == {theme.sizes.body.min}
    wide = Box(48, 20, 864, 80, inset_t=2, inset_b=2)  # titles at 28 pt and more: bullets as large read as loud
    deck, _ = _plan(_frames(wide, builtin=False))
    titles = max(s.title.size for s in deck.slides if s.role is Role.CONTENT)
    bodies = {s.text("body").size for s in deck.slides if s.role is Role.CONTENT and s.text("body")}
    assert titles * BODY_UNDER_TITLE >= theme.sizes.body.min + 1, titles
    assert bodies == {math.floor(titles * BODY_UNDER_TITLE * 2) / 2}, (titles, bodies)
    assert max(bodies) <= titles / 1.2


def test_the_contents_entries_stay_a_step_below_the_contents_title() -> None:
    """The contents slide (目录) on a template whose agenda title is set at 28 pt: its entries at the theme's
    largest body size read as loud as the title; they come down to `BODY_UNDER_TITLE` of it."""
    slots = dict(BUILTIN_FRAMES.slots)
    slots["agenda", "title"] = replace(slots["agenda", "title"], box=Box(48, 20, 864, 44, inset_t=2, inset_b=2))
    slots["agenda", "body"] = replace(slots["agenda", "body"], box=Box(48, 90, 864, 420))
    own, _ = _plan(Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=True))
    deck, _ = _plan(Frames(MappingProxyType(slots), BUILTIN_FRAMES.footer, 1.0, builtin=False))
    before = next(s for s in own.slides if s.role is Role.AGENDA)
    agenda = next(s for s in deck.slides if s.role is Role.AGENDA)
    step = max(math.floor(agenda.title.size * BODY_UNDER_TITLE * 2) / 2, load_theme().sizes.body.min)
    assert before.text("body").size > step, "the entries were a step below the title anyway"
    assert agenda.text("body").size == step < agenda.title.size
