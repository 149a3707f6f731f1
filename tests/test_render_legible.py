"""Text on drawn blocks stays legible in an organisation template's own colours."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.plan.model import Block, Run
from deckgen.render.legible import legible
from deckgen.text.frame import Box

OUTLINE = """\
deck:
  title: 卡片
sections:
  - title: 第一部分
    subsections:
      - title: 四个方面
        bullets: ["供给：建立高质量产业体系", "需求：打造高质量需求体系", "分配：共建共享共同富裕"]
"""


def _dark_lt1_template(path: Path) -> Path:
    """python-pptx's default template with its `lt1` a dark navy (as a WPS university template has it, its
    pages drawn by a picture)."""
    Presentation().save(str(path))
    with zipfile.ZipFile(path) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    theme = members["ppt/theme/theme1.xml"].decode("utf-8")
    start = theme.index("<a:lt1>")
    end = theme.index("</a:lt1>") + len("</a:lt1>")
    members["ppt/theme/theme1.xml"] = (theme[:start] + '<a:lt1><a:srgbClr val="0A2E5C"/></a:lt1>' + theme[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def test_cards_on_a_dark_card_colour_get_light_text(tmp_path: Path) -> None:
    import re

    from deckgen.theme.contrast import contrast_ratio

    template = _dark_lt1_template(tmp_path / "dark.pptx")
    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    deck = tmp_path / "d.pptx"
    build(BuildRequest(outline, deck, template=template))
    prs = Presentation(str(deck))
    cards = [sh for slide in prs.slides for sh in slide.shapes if sh.name.startswith("Card")]
    assert len(cards) == 3
    theme = zipfile.ZipFile(deck).read("ppt/theme/theme1.xml").decode("utf-8")
    scheme = dict(re.findall(r'<a:(\w+)><a:(?:srgbClr val|sysClr val="\w+" lastClr)="([0-9A-Fa-f]{6})"', theme))
    for card in cards:
        fill, *texts = re.findall(r'schemeClr val="(\w+)"', card._element.xml.split("<a:ln")[0] + card._element.xml.split("</a:ln>")[1])
        assert scheme[fill] == "0A2E5C"  # the card takes the (dark) scheme colour deckgen chose
        assert texts and all(contrast_ratio(scheme[t], scheme[fill]) >= 3.0 for t in texts), texts
        assert any(t != "dk1" for t in texts)  # the template's dark text colour was replaced


def test_readable_colours_are_kept() -> None:
    scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1", "accent1": "4F81BD"}
    card = Block("Card", Box(0, 0, 100, 50), ((Run("供给：", 20, True, "accent1"),), (Run("建立", 16, False, "dk1"),)),
                 fill="lt2")
    assert legible(card, scheme) is card
    dark = {**scheme, "lt2": "0A2E5C"}
    fixed = legible(card, dark)
    assert [r.color for runs in fixed.paragraphs for r in runs] == ["accent1", "lt1"]  # (the key: large, 3.3:1)


def _keynote_like_template(path: Path, lt1: str) -> Path:
    """python-pptx's default template on a white page (a solid background on the master), its `lt1` set to
    `lt1` and its `lt2` a light grey: Keynote's White theme names a mid grey `lt1`."""
    import re

    Presentation().save(str(path))
    with zipfile.ZipFile(path) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    theme = members["ppt/theme/theme1.xml"].decode("utf-8")
    for slot, value in (("lt1", lt1), ("lt2", "DCDEE0")):
        theme = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>', theme, flags=re.S)
    members["ppt/theme/theme1.xml"] = theme.encode("utf-8")
    master = members["ppt/slideMasters/slideMaster1.xml"].decode("utf-8")
    master, n = re.subn(r"<p:bg>.*?</p:bg>", '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
                        "<a:effectLst/></p:bgPr></p:bg>", master, flags=re.S)
    assert n == 1
    members["ppt/slideMasters/slideMaster1.xml"] = master.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def _card_fills(template: Path, tmp_path: Path) -> list[str]:
    import re

    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    deck = tmp_path / "d.pptx"
    build(BuildRequest(outline, deck, template=template, force=True))
    cards = [sh for slide in Presentation(str(deck)).slides for sh in slide.shapes if sh.name.startswith("Card")]
    assert len(cards) == 3
    return [re.search(r"<p:spPr>.*?<a:solidFill>\s*<a:schemeClr val=\"(\w+)\"", c._element.xml, re.S)[1] for c in cards]


def test_cards_named_a_mid_grey_by_the_template_are_set_in_its_light_neutral(tmp_path: Path) -> None:
    """Cards were grey slabs on Keynote templates (their `lt1` a mid grey, 2.4:1 on the white page): the fill
    is the neutral nearest the page that still shows as a card (`lt2`, 1.4:1)."""
    assert _card_fills(_keynote_like_template(tmp_path / "k.pptx", "A6AAA9"), tmp_path) == ["lt2"] * 3


def test_cards_near_the_page_keep_the_planned_fill(tmp_path: Path) -> None:
    assert _card_fills(_keynote_like_template(tmp_path / "w.pptx", "FFFFFF"), tmp_path) == ["lt1"] * 3


def test_inherited_colour_is_judged_at_the_size_of_the_text_that_takes_it() -> None:
    """Small lines (10.5 pt) taking a template's mid grey (#8C8C8C, 3.3:1 on white) need 4.5:1: their list style
    is given a text colour that reads; the same grey on 24-pt text (large: 3:1 suffices) is kept."""
    from lxml import etree

    from deckgen.render.legible import on_picture

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1"}

    def body(size: int) -> "etree._Element":
        return etree.fromstring(f'<p:txBody xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                                f'xmlns:a="{a}"><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN" sz="{size}"/>'
                                '<a:t>宏伟蓝图已擘画</a:t></a:r></a:p></p:txBody>')

    small = body(1050)
    assert on_picture(small, "FFFFFF", ["8C8C8C"], scheme, {})
    style = small.find(f"{{{a}}}lstStyle/{{{a}}}lvl1pPr/{{{a}}}defRPr/{{{a}}}solidFill/{{{a}}}schemeClr").get("val")
    run = small.find(f".//{{{a}}}rPr/{{{a}}}solidFill/{{{a}}}schemeClr").get("val")  # on the run too: LibreOffice
    assert style == run == "dk2"  # of the colours that read (dk1 black, dk2 navy), the one nearest the grey
    large = body(2400)
    assert not on_picture(large, "FFFFFF", ["8C8C8C"], scheme, {})
    assert len(large.find(f"{{{a}}}lstStyle")) == 0


def test_a_pale_colour_is_replaced_by_the_readable_scheme_colour_nearest_it() -> None:
    """A pale blue run (#9FC5E8 on white, 1.7:1) takes the scheme's navy (dk2), not black: of the text colours
    that read, the one nearest the template's choice."""
    from lxml import etree

    from deckgen.render.legible import on_picture

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1"}
    body = etree.fromstring(f'<p:txBody xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                            f'xmlns:a="{a}"><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN" sz="1200">'
                            '<a:solidFill><a:srgbClr val="9FC5E8"/></a:solidFill></a:rPr><a:t>谢谢</a:t></a:r></a:p></p:txBody>')
    assert on_picture(body, "FFFFFF", [], scheme, {})
    assert body.find(f".//{{{a}}}rPr/{{{a}}}solidFill/{{{a}}}schemeClr").get("val") == "dk2"


def test_tints_and_shades_are_mixed_in_linear_rgb_as_powerpoint_draws_them() -> None:
    """A layout's `tx1` at a 75 % tint (black) is drawn #898989 by PowerPoint and LibreOffice (2.8:1 on a pale
    blue page), not the #404040 a mix in sRGB gives (7.6:1, judged readable); `lumMod` stays in HSL (Office's
    "Accent 1, darker 25 %": #376092)."""
    from lxml import etree

    from deckgen.render.legible import colour_of

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"

    def colour(xml: str) -> str:
        found = colour_of(etree.fromstring(xml.replace(">", f' xmlns:a="{a}">', 1)), {"dk1": "000000", "lt1": "FFFFFF"}, {})
        assert found is not None
        return found

    tint = colour('<a:schemeClr val="tx1"><a:tint val="75000"/></a:schemeClr>')
    assert all(abs(int(tint[i:i + 2], 16) - 0x89) <= 2 for i in (0, 2, 4)), tint
    shade = colour('<a:srgbClr val="FFFFFF"><a:shade val="50000"/></a:srgbClr>')
    assert all(abs(int(shade[i:i + 2], 16) - 0xBC) <= 2 for i in (0, 2, 4)), shade
    assert colour('<a:srgbClr val="4F81BD"><a:lumMod val="75000"/></a:srgbClr>') == "376092"
