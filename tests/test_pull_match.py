"""`deckgen pull`, edit by edit: slides inserted, moved, deleted; labels; generated slides; what is not pulled;
decks deckgen did not build or built from another outline; an outline changed since the build."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.errors import ContentError
from deckgen.outline.read import read_outline
from deckgen.pull.run import pull
from tests.powerpoint import Editor, texts
from tests.test_pull_run import OUTLINE


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    return outline, build(BuildRequest(outline, tmp_path / "outline.pptx")).output


def edited(deck: Path, change) -> Path:  # type: ignore[no-untyped-def]
    e = Editor(deck)
    change(e)
    return e.save(deck.with_name("edited.pptx"))


def outline_of(path: Path):  # type: ignore[no-untyped-def]
    return read_outline(path).outline


def test_a_slide_inserted_before_the_first_section_is_an_opening_entry(built: tuple[Path, Path]) -> None:
    outline, deck = built
    done = pull(edited(deck, lambda e: e.insert(3, "新的开场", ["开场要点"], "开场的讲稿。", like=2)), outline)
    o = outline_of(outline)
    assert [n.title for n in o.opening] == ["引言", "新的开场"]
    assert o.opening[1].bullets == ["开场要点"] and o.opening[1].label is None
    assert [(c.slide, c.what) for c in done.changes] == [(4, "inserted")]


def test_a_slide_inserted_after_a_point_is_a_point_and_after_a_divider_a_subsection(built: tuple[Path, Path]) -> None:
    outline, deck = built

    def change(e: Editor) -> None:
        e.insert(13, "3.新的一点", notes="新一点的讲稿。", like=12)
        e.insert(4, "紧跟分隔页的新小节", ["要点"], like=5)

    pull(edited(deck, change), outline)
    o = outline_of(outline)
    assert [(p.title, p.label) for p in o.sections[1].subsections[0].points][-1] == ("新的一点", "3.")
    assert [(s.title, s.label) for s in o.sections[0].subsections][0] == ("紧跟分隔页的新小节", "")


def test_moving_slides_moves_entries(built: tuple[Path, Path]) -> None:
    outline, deck = built
    done = pull(edited(deck, lambda e: e.move(13, 12)), outline)
    points = outline_of(outline).sections[1].subsections[0].points
    assert [p.title for p in points] == ["坚持协调发展", "坚持创新发展"]
    assert [(c.what, c.slide) for c in done.changes] == [("moved", 12)]
    text = outline.read_text(encoding="utf-8")
    assert text.index("坚持协调发展") < text.index("坚持创新发展")


def test_deleting_a_divider_puts_its_subsections_under_the_section_before(built: tuple[Path, Path]) -> None:
    outline, deck = built
    done = pull(edited(deck, lambda e: (e.delete(10), e.delete(9))), outline)
    o = outline_of(outline)
    assert len(o.sections) == 1
    assert [s.title for s in o.sections[0].subsections][-1] == "新发展理念"
    assert any("第二部分的开头。" in w for w in done.warnings)  # the divider's notes went with it
    assert ("moved", "now under sections[0]") in {(c.what, c.detail) for c in done.changes}


def test_a_deleted_continuation_slide_takes_its_bullets(built: tuple[Path, Path]) -> None:
    outline, deck = built
    pull(edited(deck, lambda e: e.delete(7)), outline)
    assert outline_of(outline).sections[0].subsections[1].bullets == ["要点一", "要点二", "要点三", "要点四"]


def test_a_title_typed_with_another_label_changes_the_label(built: tuple[Path, Path]) -> None:
    outline, deck = built
    pull(edited(deck, lambda e: (e.title(5, "（1）本质要求"), e.title(6, "现实选择"))), outline)
    subs = outline_of(outline).sections[0].subsections
    assert [(s.title, s.label) for s in subs[:2]] == [("本质要求", "（1）"), ("现实选择", "")]


def test_section_label_and_title_in_their_own_placeholders(built: tuple[Path, Path]) -> None:
    outline, deck = built

    def change(e: Editor) -> None:
        e.set_text(e.body(4)[0], "第一部分")
        e.title(4, "首要任务是发展")

    pull(edited(deck, change), outline)
    sec = outline_of(outline).sections[0]
    assert (sec.title, sec.label) == ("首要任务是发展", "第一部分")


def test_cover_edits_go_to_deck_and_generated_slides_are_reported(built: tuple[Path, Path]) -> None:
    outline, deck = built

    def change(e: Editor) -> None:
        e.title(1, "坚定不移推动高质量发展")
        e.add_after(e.notes(1)[-1], "补充的开场白。")
        e.set_text(e.body(3)[0], "改过的目录项")
        e.set_text(e.body(11)[0], "改过的要点列表")
        e.text_box(5, "手写的备注框")

    done = pull(edited(deck, change), outline)
    d = outline_of(outline).deck
    assert (d.title, d.notes) == ("坚定不移推动高质量发展", "开场白。\n补充的开场白。\n")
    warnings = "\n".join(done.warnings)
    assert "slide 3: the agenda" in warnings
    assert "slide 11: its bullets list the titles of the points" in warnings
    assert "slide 5: not pulled" in warnings and "手写的备注框" in warnings
    assert outline_of(outline).sections[0].subsections[0].title == "本质要求"


def test_a_deck_deckgen_did_not_build_is_refused_unless_forced(built: tuple[Path, Path], tmp_path: Path) -> None:
    from pptx import Presentation

    outline, _ = built
    foreign = tmp_path / "foreign.pptx"
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "一、别人的幻灯片"
    prs.save(str(foreign))
    with pytest.raises(ContentError, match="not built by deckgen"):
        pull(foreign, outline)
    assert outline.read_text(encoding="utf-8") == OUTLINE
    done = pull(foreign, outline, force=True, dry_run=True)
    assert ("inserted", "sections[0] (new)") in {(c.what, c.where) for c in done.changes}


def test_a_deck_built_from_another_outline_is_refused(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, deck = built
    other = tmp_path / "other.yaml"
    other.write_text("deck:\n  title: 另一个讲座\nsections:\n  - title: 完全不同\n    notes: |\n      别的。\n",
                     encoding="utf-8")
    with pytest.raises(ContentError, match="built from another outline"):
        pull(deck, other)
    (tmp_path / "away").mkdir()
    moved = deck.rename(tmp_path / "away" / "deck.pptx")
    with pytest.raises(ContentError, match="which is not there; name the outline"):
        pull(moved)


def test_an_outline_changed_since_the_build_keeps_both_sides(built: tuple[Path, Path]) -> None:
    outline, deck = built
    deck_edit = edited(deck, lambda e: e.title(6, "（二）现实的选择"))
    text = OUTLINE.replace("      - title: 本质要求\n", "      - title: 新插的小节\n        label: （〇）\n"
                           "        notes: |\n          新的。\n      - title: 本质要求\n")
    text = text.replace("      结束语。", "      改过的结束语。")
    outline.write_text(text, encoding="utf-8")
    done = pull(deck_edit, outline)
    o = outline_of(outline)
    assert [s.title for s in o.sections[0].subsections] == ["新插的小节", "本质要求", "现实的选择", "必然要求"]
    assert o.closing[0].notes == "改过的结束语。\n"
    assert any("no slide in the deck" in w for w in done.warnings)
    assert not pull(deck_edit, outline).changed


def test_time_cues_in_the_notes_are_not_pulled(built: tuple[Path, Path]) -> None:
    outline, deck = built
    cued = build(BuildRequest(outline, deck, time_cues=True, force=True)).output
    assert any("〔约" in n for _, _, notes in texts(cued) for n in notes)
    assert not pull(cued, outline).changed


def test_build_says_whether_the_edits_of_the_deck_it_replaces_are_pulled(built: tuple[Path, Path]) -> None:
    outline, deck = built
    e = Editor(deck)
    e.title(5, "（一）改过的标题")
    e.save(deck)
    warnings = [str(w) for w in build(BuildRequest(outline, deck)).warnings]
    backup = next(deck.parent.glob("outline.*.pptx"))
    assert any("holds 1 edit that is not in" in w and f"deckgen pull {backup}" in w for w in warnings), warnings
    pull(backup, outline)
    e = Editor(deck)
    e.title(5, "（一）改过的标题")
    e.save(deck)
    warnings = [str(w) for w in build(BuildRequest(outline, deck)).warnings]
    assert any("are in" in w and "(pulled)" in w for w in warnings), warnings


def test_a_default_numbered_outline_keeps_numbering_by_position(tmp_path: Path) -> None:
    outline = tmp_path / "outline.yaml"
    outline.write_text("deck:\n  title: 讲座\nsections:\n  - title: 甲\n    subsections:\n      - title: 子一\n"
                       "        bullets: [a]\n  - title: 乙\n", encoding="utf-8")
    deck = build(BuildRequest(outline, tmp_path / "outline.pptx")).output
    pull(edited(deck, lambda e: e.insert(4, "（二）子二", ["b"], like=4)), outline)
    text = outline.read_text(encoding="utf-8")
    assert "- title: 子二\n" in text and "label" not in text


def test_sub_bullets_keep_their_levels(built: tuple[Path, Path]) -> None:
    outline, deck = built

    def change(e: Editor) -> None:
        e.add_after(e.body(5)[0], "子要点一", level=1)
        e.add_after(e.body(5)[1], "孙要点", level=2)

    edit = edited(deck, change)
    pull(edit, outline)
    sub = outline_of(outline).sections[0].subsections[0]
    assert list(zip(sub.bullets, sub.bullet_levels)) == [("解放和发展生产力", 0), ("子要点一", 1), ("孙要点", 2),
                                                        ("创造更高的劳动生产率", 0)]
    assert "- [子要点一, [孙要点]]" in outline.read_text(encoding="utf-8")
    rebuilt = build(BuildRequest(outline, outline.parent / "rebuilt.pptx")).output
    from deckgen.package.slidetext import read_slides

    assert read_slides(rebuilt).slides[4].bodies == read_slides(edit).slides[4].bodies
    assert not pull(edit, outline).changed


def test_an_english_outline_numbered_by_position(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("deck:\n  title: Quality growth\n  language: en-US\nsections:\n  - title: Why it matters\n"
                       "    subsections:\n      - title: The task\n        bullets: [one, two, three, four, five, six, "
                       "seven, eight]\n      - title: The choice\n        bullets: [a, b]\n  - title: What it means\n"
                       "    subsections:\n      - title: Ideas\n        bullets: [x]\n", encoding="utf-8")
    deck = build(BuildRequest(outline, tmp_path / "talk.pptx")).output  # 5 is "A. The task (cont.)"

    def change(e: Editor) -> None:
        e.set_text(e.body(5)[0], "five!")
        e.title(5, "A. The task, continued")
        e.title(6, "B. The real choice")
        e.insert(6, "C. A new one", ["c1"], "More.", like=6)
        e.insert(3, "I. A new first section", like=3)

    edit = edited(deck, change)
    done = pull(edit, outline)
    assert "slide 6: the title of a continuation slide is not pulled ('A. The task, continued')" in "\n".join(done.warnings)
    o = outline_of(outline)
    assert [s.title for s in o.sections] == ["Why it matters", "A new first section", "What it means"]
    assert [(s.title, s.label) for s in o.sections[1].subsections] == [("The task", None), ("The real choice", None),
                                                                        ("A new one", None)]
    assert o.sections[1].subsections[0].bullets[4] == "five!"
    assert not pull(edit, outline).changed
    build(BuildRequest(outline, deck))
    e = Editor(deck)
    e.title(5, "A. The whole task")
    e.save(deck)
    warnings = [str(w) for w in build(BuildRequest(outline, deck)).warnings]
    assert any("holds 1 edit that is not in" in w for w in warnings), warnings


def test_build_counts_edits_pull_cannot_take_as_not_in_the_outline(built: tuple[Path, Path]) -> None:
    outline, deck = built
    e = Editor(deck)
    e.title(5, "（一）改在幻灯片上")
    e.save(deck)
    outline.write_text(OUTLINE.replace("      - title: 本质要求\n", "      - title: 改在大纲里\n"), encoding="utf-8")
    warnings = [str(w) for w in build(BuildRequest(outline, deck)).warnings]
    assert any("holds 1 edit that is not in" in w for w in warnings), warnings
