"""Prepared slides (`deckgen.render.prepared`): the deck written from templates is the deck the ordinary
path makes, member for member, byte for byte."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Optional

import pytest

from deckgen.build.pipeline import resolve_theme
from deckgen.outline.read import read_outline
from deckgen.plan.planner import plan
from deckgen.pull.keys import slide_keys
from deckgen.render import builtin_target, render, template_target
from deckgen.render.package import package_members
from tests.conftest import OUTLINE, ROOT

GOLDEN = ROOT / "tests" / "golden"

EDGES = """\
deck:
  title: 边界 & <测试>
  subtitle: 副标题
  presenter: 讲者 <甲>
sections:
  - title: 第一部分 <A&B>
    notes: |
      第一段讲稿。

      空行之后的第二段，含 & 与 <尖括号>。
    subsections:
      - title: 层级
        bullets:
          - 推动高质量发展
          - 坚持新发展理念
          - [创新, 协调]
          - 深化改革开放
        notes: 讲稿。
      - title: 没有讲稿
        bullets: [一, 二]
      - title: "只有讲稿"
        notes: "只有讲稿的一页\\n第二行"
      - title: 同一个标题
        bullets: [内容 deckgen-prepared-key 987654321]
        notes: 含有模板占位的文字 deckgen-prepared-key <a:t>987654321</a:t>
  - title: 第二部分
    subsections:
      - title: 同一个标题
        bullets: [甲]
closing:
  - title: 谢谢
    notes: 结束语。
"""


def _members(outline: Path, prepare: bool, monkeypatch: pytest.MonkeyPatch, template: Optional[Path] = None) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    file = read_outline(outline, outline.name)
    theme = resolve_theme(file)
    language = file.outline.deck.language
    target = template_target(template, language) if template else builtin_target(theme, language)
    deck, _ = plan(file.outline, theme, target.frames, file.loaded, file.folder)
    prs, _ = render(deck, theme, target, slide_keys(file.outline, deck), prepare=prepare)
    order, members = package_members(prs)
    return {name: members[name] for name in order}


@pytest.mark.parametrize("outline", [OUTLINE, GOLDEN / "kinds" / "outline.yaml", GOLDEN / "stress" / "outline.yaml",
                                     GOLDEN / "stress-en" / "outline.yaml", GOLDEN / "english" / "outline.yaml", "edges"],
                         ids=["shipped", "kinds", "stress", "stress-en", "english", "edges"])
def test_prepared_slides_are_the_ordinary_slides(outline: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if outline == "edges":
        outline = tmp_path / "edges.yaml"
        outline.write_text(EDGES, encoding="utf-8")
    assert isinstance(outline, Path)
    fast, slow = _members(outline, True, monkeypatch), _members(outline, False, monkeypatch)
    assert list(fast) == list(slow)
    differ = [name for name in fast if fast[name] != slow[name] and not name.endswith(".xlsx")]
    assert differ == [], differ  # (embedded workbooks carry the time XlsxWriter wrote them)
    assert sum(name.startswith("ppt/slides/slide") for name in fast) >= 5


@pytest.mark.parametrize("source", ["python-pptx", "pandoc", "bottom-anchored"])
def test_prepared_slides_on_a_template_are_the_ordinary_slides(source: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On an organisation's template (its own layouts and styles; every paragraph keeps its punctuation in
    the box) too."""
    from pptx import Presentation

    template = tmp_path / "template.pptx"
    if source == "pandoc":
        if not shutil.which("pandoc"):
            pytest.skip("needs pandoc")
        subprocess.run(["pandoc", "-o", str(template), "--print-default-data-file", "reference.pptx"], check=True)
    else:
        prs = Presentation()
        if source == "bottom-anchored":  # a body whose inset depends on its type size (frames.clear_bottom_line)
            for layout in prs.slide_layouts:
                for ph in layout.placeholders:
                    ph.text_frame._txBody.bodyPr.set("anchor", "b")
        prs.save(str(template))
    outline = tmp_path / "edges.yaml"
    outline.write_text(EDGES, encoding="utf-8")
    for path in (outline, GOLDEN / "stress" / "outline.yaml"):
        fast, slow = _members(path, True, monkeypatch, template), _members(path, False, monkeypatch, template)
        assert list(fast) == list(slow)
        assert [name for name in fast if fast[name] != slow[name]] == []
        assert b'hangingPunct="0"' in fast["ppt/slides/slide3.xml"]


def test_the_edge_deck_takes_the_prepared_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Most slides of the edge outline come from templates (else the comparison above proves little)."""
    import deckgen.render.prepared as prepared

    made = []
    original = prepared.Prepared.slide

    def counted(self, *args):  # type: ignore[no-untyped-def]
        out = original(self, *args)
        made.append(out is not None)
        return out

    monkeypatch.setattr(prepared.Prepared, "slide", counted)
    outline = tmp_path / "edges.yaml"
    outline.write_text(EDGES, encoding="utf-8")
    _members(outline, True, monkeypatch)
    assert sum(made) >= len(made) - 1 and len(made) >= 8


def test_a_prepared_slide_reads_as_any_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-pptx reads a slide written as text (its XML parsed when asked for), and its key's hash is the
    one `pull` computes from the saved deck: no slide reads as edited."""
    from deckgen.package.slidetext import read_slides

    outline = tmp_path / "edges.yaml"
    outline.write_text(EDGES, encoding="utf-8")
    file = read_outline(outline, outline.name)
    theme = resolve_theme(file)
    target = builtin_target(theme, file.outline.deck.language)
    deck, _ = plan(file.outline, theme, target.frames, file.loaded, file.folder)
    prs, _ = render(deck, theme, target, slide_keys(file.outline, deck))
    assert prs.slides[0].shapes.title.text == "边界 & <测试>"
    assert any("空行之后的第二段" in slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide)
    members = _members(outline, True, monkeypatch)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for name, blob in members.items():
            z.writestr(name, blob)
    path = tmp_path / "d.pptx"
    path.write_bytes(data.getvalue())
    slides = read_slides(path).slides
    assert len(slides) >= 8 and all(slide.key is not None and not slide.edited for slide in slides)
