"""A 模板's content page whose title sits on a short bar (a tab between a corner block and a logo): the bar is
stretched along its row into the free room on the copies and the title's box with it, so long titles keep the
size range, not shrink to fit the tab (cn-wps-uestc)."""
from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.model import Role
from deckgen.render.titlebar import stretched_bar
from deckgen.theme.model import load_theme
from tests.conftest import OUTLINE, assert_valid_template_deck
from tests.test_render_samples import _box, _deco, sample_template


def tab_template(path: Path) -> Path:
    """The sample template with its content page's title on a 300-pt tab: a corner block at its left, free room
    between them, a logo box at the right."""
    sample_template(path)
    prs = Presentation(str(path))
    content = next(s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == "单击此处添加标题" for sh in s.shapes))
    for sh in list(content.shapes):
        if sh.has_text_frame and sh.text_frame.text == "单击此处添加标题" or sh.name == "Deco" and sh.top < Pt(90):
            sh._element.getparent().remove(sh._element)
    _deco(content, 0, 20, 40, 50).name = "Corner"
    _deco(content, 300, 18, 300, 54).name = "Tab"
    title = _box(content, 306, 22, 288, 46, "单击此处添加标题", 24)
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    _deco(content, 760, 20, 170, 50).name = "Logo"
    prs.save(str(path))
    return path


def test_a_title_tab_is_stretched_into_the_free_room_of_its_row_with_the_title_on_it(tmp_path: Path) -> None:
    template = tab_template(tmp_path / "模板.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    prs = Presentation(str(out))
    content = [s for s, p in zip(prs.slides, result.deck.slides) if p.role is Role.CONTENT]
    assert content
    sizes = set()
    for slide in content:
        tab = next(sh for sh in slide.shapes if sh.name == "Tab")
        corner = next(sh for sh in slide.shapes if sh.name == "Corner")
        logo = next(sh for sh in slide.shapes if sh.name == "Logo")
        assert tab.width > Pt(300) * 1.25 and tab.top == Pt(18) and tab.height == Pt(54)  # along its row only
        assert tab.left >= corner.left + corner.width and tab.left + tab.width <= logo.left  # clear of both
        title = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == slide.shapes.title.text_frame.text
                     ) if slide.shapes.title is not None else next(
            sh for sh in slide.shapes if sh.has_text_frame and sh.top < Pt(70) and sh.text_frame.text.strip())
        assert tab.left <= title.left and title.left + title.width <= tab.left + tab.width  # on the tab
        sizes |= {r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs if r.font.size}
    assert min(sizes) >= load_theme().sizes.title.min  # no title below the smallest title size to fit the tab
    assert_valid_template_deck(template, out)


def test_a_tab_with_no_room_beside_it_or_a_drawing_on_its_row_stays(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import deckgen.render.titlebar as bar
    from deckgen.render.samples import Sample, TextShape

    monkeypatch.setattr(bar, "_preset", lambda sample, box: "rect")  # the pages below have no slide behind them
    title = TextShape(1, "标题", (306.0, 22.0, 288.0, 46.0), 24.0, False, "ctr")
    slide = (960.0, 540.0)
    tab = (300.0, 18.0, 300.0, 54.0)
    roomy = Sample(0, None, texts=[title], drawn=[(0.0, 20.0, 40.0, 50.0), tab, (760.0, 20.0, 170.0, 50.0)])
    box, (*at, x, w) = stretched_bar(roomy, title, title.box, slide)
    assert tuple(at) == tab and x >= 46 and x + w <= 754 and w == 1.8 * 300  # at most 1.8 times as wide
    assert box[0] - x == title.box[0] - tab[0] and box[2] - w == title.box[2] - tab[2]  # the title moves with it
    monkeypatch.setattr(bar, "_preset", lambda sample, box: "parallelogram")  # a slanted end: the text keeps off it
    slanted, (*_, x, w) = stretched_bar(roomy, title, title.box, slide)
    assert slanted[0] >= x + tab[3] - 1e-6 and slanted[0] + slanted[2] <= x + w - tab[3] + 1e-6
    monkeypatch.setattr(bar, "_preset", lambda sample, box: "rect")
    taken = Sample(0, None, texts=[title], drawn=[(0.0, 20.0, 280.0, 50.0), tab, (620.0, 20.0, 300.0, 50.0)])
    assert stretched_bar(taken, title, title.box, slide) is None  # 14 pt each side: not worth it
    crossed = Sample(0, None, texts=[title], drawn=[tab, (500.0, 30.0, 40.0, 30.0)])  # a logo on the tab
    assert stretched_bar(crossed, title, title.box, slide) is None
