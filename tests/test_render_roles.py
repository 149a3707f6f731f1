"""Which layout of a template serves each slide kind: names in many languages, types, geometry, masters."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.render.roles import LayoutInfo, Placeholder, choose, normalise

SLIDE = (960.0, 540.0)
TITLE = Placeholder("title", 0, "Title", (48, 30, 864, 80))
CTR = Placeholder("ctrTitle", 0, "Title", (80, 180, 800, 120))
BODY = Placeholder("body", 1, "Text", (48, 130, 864, 340))
SUB = Placeholder("subTitle", 1, "Subtitle", (80, 310, 800, 80))


def info(name: str, kind: str = "cust", *phs: Placeholder, master: int = 0, index: int = 0, used: int = 0) -> LayoutInfo:
    return LayoutInfo(layout=name, master=master, index=index, name=name, type=kind, placeholders=list(phs),  # type: ignore[arg-type]
                      used_by=used)


def chosen(infos: list[LayoutInfo], **kw: object) -> dict[str, tuple[object, str]]:
    for i, lo in enumerate(infos):
        lo.index = i
    return {role: (c.layout, c.via) for role, c in choose(infos, SLIDE, **kw).items()}  # type: ignore[arg-type]


@pytest.mark.parametrize("name, normal", [
    ("1_标题幻灯片", "标题幻灯片"), ("Title and Content 1", "title and content"), ("TITLE_AND_BODY", "title and body"),
    ("Título da Apresentação (Limpo)", "título da apresentação"), ("  Section   Header ", "section header"),
    ("48_标题和内容", "标题和内容"),
])
def test_names_are_normalised(name: str, normal: str) -> None:
    assert normalise(name) == normal


def test_stock_names_map_by_type_and_name() -> None:
    roles = chosen([info("Title Slide", "title", CTR, SUB), info("Title and Content", "obj", TITLE, BODY),
                    info("Section Header", "secHead", TITLE, BODY)])
    assert roles["title"][0] == "Title Slide" and roles["content"][0] == "Title and Content"
    assert roles["section"] == ("Section Header", "type+name")
    assert roles["agenda"] == ("Title and Content", "fallback:content")


@pytest.mark.parametrize("names", [
    ("Titre", "Titre et contenu"),                  # French, untyped
    ("タイトル スライド", "タイトルとコンテンツ"),  # Japanese, untyped
    ("封面", "内容页"),                              # template-site page names
    ("Diapositiva de título", "Título y objetos"),  # Spanish
    ("TITLE", "TITLE_AND_BODY"),                    # Google Slides export
    ("標題投影片", "標題及內容"),                    # traditional Chinese, untyped
])
def test_untyped_layouts_are_found_by_their_names_in_other_languages(names: tuple[str, str]) -> None:
    title, content = names
    roles = chosen([info(content, "cust", TITLE, BODY), info(title, "cust", CTR, SUB)])
    assert roles["title"][0] == title and roles["content"][0] == content


def test_a_title_slide_typed_obj_without_a_body_is_not_the_content_layout() -> None:
    """en-wide-2masters: `Title Slide` typed obj (no body) beside `Title and Content` untyped with a body only."""
    roles = chosen([info("Title Only", "cust", TITLE), info("Title Slide", "obj", CTR, SUB),
                    info("Title and Content", "cust", BODY)])
    assert roles["content"][0] == "Title and Content"
    assert roles["title"][0] == "Title Slide"


def test_keynote_layouts_all_typed_tx_map_by_name() -> None:
    roles = chosen([info("Title & Subtitle", "title", CTR, SUB), info("Section Title", "tx", TITLE, BODY),
                    info("Body", "tx", TITLE, BODY)])
    assert roles["content"][0] == "Body" and roles["section"][0] == "Section Title"


def test_every_master_is_read_and_the_designed_one_preferred() -> None:
    """de-training-43: the title layout is only in master 2; cn-wps-shtu: master 2 carries the design."""
    plain = [info("Titel und Inhalt", "obj", TITLE, BODY, master=0)]
    designed = [info("Titelfolie", "title", CTR, SUB, master=1), info("Titel und Inhalt", "obj", TITLE, BODY, master=1)]
    designed[0].decorations = designed[1].decorations = 3
    roles = choose(plain + designed, SLIDE, decor=[0, 2])
    assert roles["title"].layout == "Titelfolie"
    assert roles["content"].layout == "Titel und Inhalt" and "master 2" in roles["content"].why


def test_a_plain_default_masters_cover_and_ending_give_way_to_the_designed_masters_pages() -> None:
    """cn-wps-shtu: master 1 is WPS's plain default (a typed 标题幻灯片, a 末尾幻灯片, nothing drawn); master 2
    carries the design, its 标题幻灯片 a photo with no placeholder. The cover takes master 2's photo page (text
    boxes stand in), the closing the cover's page, each saying what was passed over."""
    plain = [info("标题幻灯片", "title", CTR, SUB, master=0), info("标题和内容", "obj", TITLE, BODY, master=0),
             info("末尾幻灯片", "cust", TITLE, BODY, master=0)]
    designed = [info("标题幻灯片", "cust", master=1), info("标题和内容", "obj", TITLE, BODY, master=1, used=1),
                info("节标题", "secHead", TITLE, SUB, master=1)]
    for lo in designed:
        lo.decorations, lo.designed = 2, True
    for lo in plain + designed:
        lo.layout = f"{lo.name} {lo.master + 1}"  # type: ignore[assignment]
    roles = choose(plain + designed, SLIDE, decor=[0, 0])
    assert roles["title"].layout == "标题幻灯片 2" and "passed over" in roles["title"].why
    assert roles["closing"].layout == "标题幻灯片 2" and roles["closing"].via == "fallback:title"
    assert "'末尾幻灯片' of master 1 draws nothing" in roles["closing"].why
    assert roles["content"].layout == "标题和内容 2" and roles["section"].layout == "节标题 2"
    for lo in plain:  # a default master with design of its own is no plain page: type and name decide
        lo.designed = True
    roles = choose(plain + designed, SLIDE, decor=[0, 0])
    assert roles["title"].layout == "标题幻灯片 1" and roles["closing"].layout == "末尾幻灯片 1"


def test_without_a_content_layout_the_best_layout_still_serves_and_says_what_it_lacks() -> None:
    roles = choose([info("Title Only", "titleOnly", TITLE)], SLIDE)
    assert roles["content"].layout == "Title Only"
    assert "no body placeholder" in roles["content"].why


def test_the_user_names_a_layout_by_name_or_number() -> None:
    infos = [info("Title Slide", "title", CTR, SUB), info("A", "obj", TITLE, BODY), info("B", "obj", TITLE, BODY)]
    assert chosen(infos, wanted={"content": "B"})["content"] == ("B", "user")
    assert chosen(infos, wanted={"content": "2"})["content"] == ("A", "user")
    assert chosen(infos, wanted={"section": "3"})["section"] == ("B", "user")


def test_no_layouts_at_all_is_missing() -> None:
    roles = choose([], SLIDE)
    assert all(c.layout is None for c in roles.values())


def test_a_statement_without_a_layout_of_its_own_takes_the_section_layout_not_the_content_one() -> None:
    """A content layout would show the statement as a small title over an empty body (issue #15)."""
    roles = chosen([info("Title Slide", "title", CTR, SUB), info("Title and Content", "obj", TITLE, BODY),
                    info("Section Header", "secHead", TITLE, BODY)])
    assert roles["statement"] == ("Section Header", "fallback:section")
    without = chosen([info("Title Slide", "title", CTR, SUB), info("Title and Content", "obj", TITLE, BODY)])
    assert without["statement"][1] == "fallback:content"  # no section layout either: the content layout serves


def test_a_content_layout_whose_title_sits_on_its_body_is_not_chosen() -> None:
    """cn-company-sie: a stock-named `Title and Content` left from a copy, its title in the middle of its
    body, beside the template's own title-only content layouts (the one its slides use wins the tie)."""
    over = Placeholder("title", 0, "Holder 2", (319, 212, 321, 40))
    roles = chosen([info("Title and Content", "obj", over, Placeholder("body", 1, "Holder 3", (157, 182, 646, 144))),
                    info("5_内文次页", "cust", TITLE), info("4_内文次页", "cust", TITLE, used=20)])
    assert roles["content"][0] == "4_内文次页"
    roles = chosen([info("Title and Content", "obj", TITLE, BODY), info("4_内文次页", "cust", TITLE, used=20)])
    assert roles["content"][0] == "Title and Content"  # a sound content layout keeps its place


def test_a_layout_named_for_content_whose_title_dwarfs_its_body_is_not_the_content_layout() -> None:
    """en-wide-2masters: `Title and Content` with a cover-sized title and a one-line body strip above it
    (one bullet a slide: 85 slides for 28) loses to a layout with a real body."""
    cover_like = info("Title and Content", "obj", Placeholder("title", 0, "Title 1", (130, 150, 1020, 425)),
                      Placeholder("body", 1, "Text 2", (128, 102, 1023, 36)))
    two = info("Two Content", "obj", Placeholder("title", 0, "Title 1", (64, 78, 1020, 48)),
               Placeholder("obj", 1, "Content 2", (64, 166, 557, 475)), Placeholder("obj", 2, "Content 3", (659, 166, 557, 475)))
    assert chosen([cover_like, two])["content"][0] == "Two Content"


def test_a_title_layout_whose_own_text_covers_the_titles_place_is_passed_over_and_said() -> None:
    """cn-edu-variants: its `标题幻灯片` (typed title, no placeholders) draws a QQ-group notice where a title goes."""
    notice = info("标题幻灯片", "title")
    notice.covered = 0.63
    layouts = [notice, info("仅标题", "titleOnly", TITLE), info("标题和内容", "obj", TITLE, BODY)]
    choices = choose(layouts, SLIDE)
    assert choices["title"].layout == "仅标题"
    assert choices["title"].passed == "标题幻灯片" and "passed over" in choices["title"].why
    notice.covered = 0.1  # a little text at the edge of the title's place (a logo word): the layout serves
    assert choose(layouts, SLIDE)["title"].layout == "标题幻灯片"


def test_a_layout_covered_where_the_title_goes_serves_when_no_other_does_and_says_so() -> None:
    only = info("Notice", "title")
    only.covered = 0.5
    choices = choose([only], SLIDE)
    assert choices["title"].layout == "Notice" and choices["title"].covered and not choices["title"].passed


def test_a_vertical_title_layout_is_no_cover() -> None:
    """A layout whose title runs down the side (`竖排标题与文本`) does not stand in for a cover."""
    vertical = info("竖排标题与文本", "vertTitleAndTx", Placeholder("title", 0, "竖排标题", (832, 75, 75, 424)),
                    Placeholder("body", 1, "竖排文字", (48, 75, 760, 424)))
    roles = chosen([vertical, info("仅标题", "titleOnly", TITLE), info("标题和内容", "obj", TITLE, BODY)])
    assert roles["title"][0] == "仅标题"


def _notice_template(path: "Path", *, only: bool = False) -> "Path":
    """python-pptx's default template whose `Title Slide` has no placeholders but a notice text box of its own
    across the top, where a title would go (with `only`: the one layout left)."""
    from lxml import etree
    from pptx import Presentation

    prs = Presentation()
    layout = prs.slide_layouts[0]
    tree = layout.shapes._spTree
    for sp in list(layout.placeholders):
        tree.remove(sp._element)
    tree.append(etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="9" name="Notice"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="914400" y="457200"/>'
        '<a:ext cx="7315200" cy="1143000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="zh-CN" sz="3200"/><a:t>请扫下面二维码加入QQ群进行交流</a:t></a:r>'
        '</a:p></p:txBody></p:sp>'))
    if only:
        master = prs.slide_master
        for other in list(prs.slide_layouts)[1:]:
            rid = next(r for r, rel in master.part.rels.items() if rel.target_part is other.part)
            master._element.sldLayoutIdLst.remove(next(e for e in master._element.sldLayoutIdLst if e.rId == rid))
            master.part.rels.pop(rid)
    prs.save(str(path))
    return path


def _apart(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


def test_the_cover_keeps_clear_of_a_title_layouts_own_notice(tmp_path: "Path") -> None:
    from pptx import Presentation

    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest
    from tests.conftest import OUTLINE, assert_valid_template_deck

    template = _notice_template(tmp_path / "notice.pptx")
    out = tmp_path / "deck.pptx"
    result = build(BuildRequest(OUTLINE, out, template=template))
    assert any("'Title Slide' draws its own text where the title slide's title goes" in w.message for w in result.warnings)
    cover = Presentation(str(out)).slides[0]
    assert cover.slide_layout.name != "Title Slide"
    notice = (914400, 457200, 7315200, 1143000)
    for sh in cover.shapes:
        if sh.has_text_frame and sh.text_frame.text.strip():
            assert _apart((sh.left, sh.top, sh.width, sh.height), notice), sh.text_frame.text
    assert_valid_template_deck(template, out)


def test_a_template_whose_only_layout_covers_the_title_place_builds_and_says_the_title_is_set_over_it(tmp_path: "Path") -> None:
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest
    from tests.conftest import OUTLINE

    result = build(BuildRequest(OUTLINE, tmp_path / "deck.pptx", template=_notice_template(tmp_path / "one.pptx", only=True)))
    assert any("draw their own text where the title goes and no other layout serves" in w.message for w in result.warnings)


def test_a_cover_passed_over_takes_the_closing_pages_standing_title_before_a_title_only_page() -> None:
    """cn-edu-variants: with its `标题幻灯片` passed over, the cover takes `末尾幻灯片` (a title standing alone
    mid-slide, the design the closing shares with the cover), not `仅标题` (a title at the top of an empty page)."""
    notice = info("标题幻灯片", "title")
    notice.covered = 0.63
    closing = info("末尾幻灯片", "cust", Placeholder("title", 0, "标题 1", (53, 204, 854, 71)))
    roles = chosen([notice, info("仅标题", "titleOnly", TITLE), closing, info("标题和内容", "obj", TITLE, BODY)])
    assert roles["title"][0] == "末尾幻灯片" and roles["closing"][0] == "末尾幻灯片"
    section = info("节标题", "cust", Placeholder("title", 0, "标题 1", (53, 204, 854, 71)))  # another role's name costs more
    assert chosen([notice, info("仅标题", "titleOnly", TITLE), section, info("标题和内容", "obj", TITLE, BODY)])["title"][0] == "仅标题"
