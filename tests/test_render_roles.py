"""Which layout of a template serves each slide kind: names in many languages, types, geometry, masters."""
from __future__ import annotations

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
