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
