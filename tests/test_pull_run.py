"""`deckgen pull`: edits made to a built deck (as PowerPoint and LibreOffice save them) come back into the outline."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.read import read_outline
from deckgen.pull.run import pull
from tests.conftest import require_tools
from tests.powerpoint import Editor, texts

OUTLINE = """\
# 讲稿大纲：测试用（注释必须保留）
deck:
  title: 推动高质量发展
  subtitle: 专题辅导报告
  presenter: 张三
  notes: |
    开场白。

opening:
  - title: 引言
    bullets:
      - 高质量发展是首要任务
    notes: |
      同志们：
      今天讲三个问题。

sections:
  # 第一部分
  - title: 首要任务
    label: 一、
    notes: |
      第一部分的开头。
    subsections:
      - title: 本质要求
        label: （一）
        bullets:  # 要点
          - 解放和发展生产力
          - "创造更高的劳动生产率"
        notes: |
          本质要求的讲稿。
      - title: 现实选择
        label: （二）
        bullets:
          - 要点一
          - 要点二
          - 要点三
          - 要点四
          - 要点五
          - 要点六
          - 要点七
          - 要点八
        notes: |
          现实选择的讲稿。
      # 第三小节
      - title: 必然要求
        label: （三）
        bullets:
          - 量的积累转向质的提升
        notes: |
          必然要求的讲稿，删掉这一页就会删掉这段话。
  # 第二部分
  - title: 科学内涵
    label: 二、
    bullets: [创新、协调、绿色、开放、共享]
    notes: |
      第二部分的开头。
    subsections:
      - title: 新发展理念
        label: （一）
        points:
          - title: 坚持创新发展
            label: 一要
            notes: |
              创新的讲稿。
          - title: 坚持协调发展
            label: 二要
            notes: |
              协调的讲稿。
        notes: |
          新发展理念的讲稿。

closing:
  - title: 谢谢
    notes: |
      结束语。
"""
# Slides of the deck built from OUTLINE: 1 cover, 2 引言, 3 agenda, 4 一、 divider, 5 （一）本质要求,
# 6 （二）现实选择, 7 its continuation, 8 （三）必然要求, 9 二、 divider, 10 its bullets, 11 （一）新发展理念,
# 12 一要…, 13 二要…, 14 谢谢.


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    result = build(BuildRequest(outline, tmp_path / "outline.pptx"))
    assert result.slides == 14
    return outline, result.output


def edit_as_in_powerpoint(deck: Path, out: Path) -> Path:
    """The edits of issue #18: a changed title, a changed and an added bullet, a notes paragraph added, a
    continuation slide edited, a slide inserted after a subsection, a slide deleted."""
    e = Editor(deck)
    e.title(5, "（一）本质要求与根本任务")
    body = e.body(5)
    e.set_text(body[1], "创造更高水平的劳动生产率")
    e.add_after(body[1], "推动经济实现质的有效提升")
    e.add_after(e.notes(5)[-1], "这是在 PowerPoint 里补充的一段讲稿。")
    e.set_text(e.body(7)[0], "要点五（改）")
    e.insert(7, "（三）新增的小节", ["新要点甲", "新要点乙"], "新增小节的讲稿。", like=5)
    e.delete(9)  # （三）必然要求, now slide 9
    return e.save(out)


def backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("outline.*.yaml"))


def test_an_unedited_deck_changes_nothing_byte_for_byte(built: tuple[Path, Path]) -> None:
    outline, deck = built
    before = outline.read_bytes()
    done = pull(deck)
    assert not done.changed and not done.written and done.backup is None
    assert outline.read_bytes() == before and backups(outline.parent) == []


def check_pulled(outline: Path, edited: Path) -> None:
    """The outline holds the edits; rebuilding it gives the edited deck's text slide by slide; its comments
    survive; a second pull changes nothing."""
    text = outline.read_text(encoding="utf-8")
    for comment in ("# 讲稿大纲：测试用（注释必须保留）", "  # 第一部分", "bullets:  # 要点", "  # 第二部分"):
        assert comment in text
    o = read_outline(outline).outline
    first = o.sections[0].subsections
    assert (first[0].title, first[0].label) == ("本质要求与根本任务", "（一）")
    assert first[0].bullets == ["解放和发展生产力", "创造更高水平的劳动生产率", "推动经济实现质的有效提升"]
    assert first[0].notes == "本质要求的讲稿。\n这是在 PowerPoint 里补充的一段讲稿。\n"
    assert first[1].bullets[4] == "要点五（改）" and len(first[1].bullets) == 8
    assert [(s.title, s.label) for s in first] == [("本质要求与根本任务", "（一）"), ("现实选择", "（二）"), ("新增的小节", "（三）")]
    assert first[2].bullets == ["新要点甲", "新要点乙"] and first[2].notes == "新增小节的讲稿。\n"
    assert "必然要求" not in text
    assert '- "创造更高水平的劳动生产率"' in text  # quoted as it was
    rebuilt = build(BuildRequest(outline, outline.parent / "rebuilt.pptx")).output
    assert texts(rebuilt) == texts(edited)
    again = outline.read_bytes()
    assert not pull(edited, outline).changed
    assert outline.read_bytes() == again


def test_powerpoint_edits_come_back_into_the_outline(built: tuple[Path, Path]) -> None:
    outline, deck = built
    edited = edit_as_in_powerpoint(deck, deck.with_name("edited.pptx"))
    dry = pull(edited, outline, dry_run=True)
    assert dry.changed and not dry.written and outline.read_text(encoding="utf-8") == OUTLINE
    done = pull(edited, outline)
    assert done.written and done.backup is not None and done.backup.read_text(encoding="utf-8") == OUTLINE
    lines = {(c.slide, c.where, c.what) for c in done.changes}
    assert lines == {(5, "sections[0].subsections[0]", "title"), (5, "sections[0].subsections[0]", "bullets"),
                     (5, "sections[0].subsections[0]", "notes"), (6, "sections[0].subsections[1]", "bullets"),
                     (8, "sections[0].subsections[2] (new)", "inserted"), (None, "sections[0].subsections[2]", "deleted")}
    assert any("必然要求的讲稿，删掉这一页就会删掉这段话。" in w for w in done.warnings)
    check_pulled(outline, edited)


@pytest.mark.soffice
def test_the_same_after_a_libreoffice_round_trip(built: tuple[Path, Path]) -> None:
    from tests.office import to_pptx

    require_tools("soffice")
    outline, deck = built
    unedited = to_pptx(deck, deck.parent / "lo-plain")
    assert not pull(unedited, outline).changed  # LibreOffice keeps the identifiers and the text
    edited = to_pptx(edit_as_in_powerpoint(deck, deck.with_name("edited.pptx")), deck.parent / "lo")
    done = pull(edited, outline)
    assert len(done.changes) == 6
    check_pulled(outline, edited)
