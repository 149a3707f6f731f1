"""The built-in master and layouts of every theme: the layout contract, decorations, contrast as drawn."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
from lxml import etree

from deckgen.plan import grid
from deckgen.render.masterxml import LAYOUTS, layout_xml, master_xml, theme_xml
from deckgen.theme.model import AA_LARGE, AA_TEXT, SCHEME_KEYS, Theme, builtin_themes, load_theme
from deckgen.theme.contrast import contrast_ratio

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
EMU = grid.EMU_PER_PT
BUILTIN = list(builtin_themes())
TITLE_TYPES = ("title", "ctrTitle")


@dataclass
class Shape:
    name: str
    box: Optional[tuple[float, float, float, float]]  # x, y, w, h in points
    ph: Optional[dict[str, str]]                     # the p:ph attributes of a placeholder
    fill: Optional[str]                              # scheme colour val of a filled decoration
    outline: bool                                     # a decoration drawn as an outline only
    text_color: Optional[str]                        # level-1 text colour set by the shape's list style


def parse(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


def shapes(root: etree._Element) -> list[Shape]:
    out = []
    for sp in root.iterfind(".//p:cSld/p:spTree/p:sp", NS):
        off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
        box = None if off is None else tuple(int(v) / EMU for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        fill = sp.find("p:spPr/a:solidFill/a:schemeClr", NS)
        color = sp.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS)
        out.append(Shape(sp.find("p:nvSpPr/p:cNvPr", NS).get("name"), box, None if ph is None else dict(ph.attrib),
                         None if fill is None else fill.get("val"), sp.find("p:spPr/a:noFill", NS) is not None,
                         None if color is None else color.get("val")))
    return out


def background(root: etree._Element) -> Optional[str]:
    el = root.find("p:cSld/p:bg/p:bgPr/a:solidFill/a:schemeClr", NS)
    return None if el is None else el.get("val")


def inside(inner: tuple, outer: tuple) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1] and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@dataclass
class Deck:
    """The master and layouts of one theme, parsed, with a resolver from scheme references to hex."""

    theme: Theme
    master: etree._Element
    layouts: dict[str, etree._Element]

    @classmethod
    def of(cls, theme: Theme, lang: str = "zh-CN") -> "Deck":
        layouts = {spec.name: parse(layout_xml(spec, theme, lang)) for spec in LAYOUTS}
        return cls(theme, parse(master_xml(theme, [f"rId{i + 1}" for i in range(len(LAYOUTS))], lang)), layouts)

    def rgb(self, val: str) -> str:
        mapping = dict(self.master.find("p:clrMap", NS).attrib)
        return self.theme.colors[mapping.get(val, val)]

    def master_placeholder(self, ph: dict[str, str]) -> Shape:
        kind = ph.get("type", "obj")
        want = "title" if kind in TITLE_TYPES else kind if kind in ("ftr", "sldNum") else "body"
        return next(s for s in shapes(self.master) if s.ph and s.ph.get("type", "obj") == want)

    def style_color(self, ph: dict[str, str]) -> str:
        style = "p:titleStyle" if ph.get("type") in TITLE_TYPES else "p:bodyStyle"
        return self.master.find(f"p:txStyles/{style}/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS).get("val")

    def text_on_layout(self, name: str) -> list[tuple[str, str, str, bool]]:
        """(shape, text hex, background hex, large) for every text placeholder the layout shows."""
        root = self.layouts[name]
        show_master = root.get("showMasterSp") != "0"
        decorations = [s for s in shapes(root) if s.ph is None]
        if show_master:
            decorations = [s for s in shapes(self.master) if s.ph is None] + decorations
        bg = background(root) or background(self.master)
        out = []
        for s in shapes(root):
            if s.ph is None:
                continue
            inherited = self.master_placeholder(s.ph)
            box = s.box or inherited.box
            color = s.text_color or inherited.text_color or self.style_color(s.ph)
            behind = bg
            for d in decorations:
                if d.fill and inside(box, d.box):
                    behind = d.fill
            large = s.ph.get("type") in TITLE_TYPES or (root.get("type") == "secHead" and s.ph.get("idx") == "1")
            out.append((s.name, self.rgb(color), self.rgb(behind), large))
        return out


@pytest.fixture(scope="module", params=BUILTIN)
def deck(request: pytest.FixtureRequest) -> Deck:
    return Deck.of(load_theme(request.param))


def placeholders(root: etree._Element) -> dict[tuple[str, Optional[str]], Shape]:
    return {(s.ph.get("type", "obj"), s.ph.get("idx")): s for s in shapes(root) if s.ph is not None}


class DescribeLayoutContract:
    def it_names_and_types_the_layouts_as_the_renderer_expects(self, deck: Deck) -> None:
        got = [(root.find("p:cSld", NS).get("name"), root.get("type")) for root in deck.layouts.values()]
        assert got == [("Title Slide", "title"), ("Section Header", "secHead"), ("Title and Content", "obj"),
                       ("Agenda", "obj"), ("Statement", "obj"), ("Closing", "title"), ("Cards", "cust"), ("Quote", "cust"),
                       ("Big Numbers", "cust"), ("Chart", "chart"), ("Table", "tbl"), ("Picture", "picTx"),
                       ("Comparison", "twoTxTwoObj"), ("Code", "cust"), ("Title Only", "titleOnly"), ("Blank", "blank")]

    def it_keeps_placeholder_types_indexes_and_grid_boxes(self, deck: Deck) -> None:
        def box(b: grid.Box) -> tuple:
            return tuple(round(v * EMU) / EMU for v in (b.x, b.y, b.w, b.h))

        expect = {
            "Title Slide": {("ctrTitle", None): grid.COVER_TITLE, ("subTitle", "1"): grid.COVER_SUBTITLE,
                            ("body", "13"): grid.COVER_BYLINE},
            "Section Header": {("title", None): grid.SECTION_TITLE, ("body", "1"): grid.SECTION_LABEL},
            "Title and Content": {("title", None): None, ("obj", "1"): None, ("ftr", "11"): grid.FOOTER,
                                  ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Agenda": {("title", None): None, ("body", "1"): grid.BODY, ("ftr", "11"): grid.FOOTER,
                       ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Statement": {("title", None): grid.STATEMENT, ("body", "1"): grid.STATEMENT_SOURCE,
                          ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Closing": {("ctrTitle", None): grid.CLOSING_TITLE, ("body", "1"): grid.CLOSING_BODY},
            "Title Only": {("title", None): None, ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            # generated from the kinds' slots (`plan/kinds.py`)
            "Cards": {("title", None): None, ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Quote": {("title", None): grid.OFF_SLIDE_TITLE, ("body", "1"): grid.QUOTE, ("body", "2"): grid.QUOTE_SOURCE,
                      ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Chart": {("title", None): None, ("chart", "1"): grid.CHART, ("ftr", "11"): grid.FOOTER,
                      ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Table": {("title", None): None, ("tbl", "1"): grid.BODY, ("ftr", "11"): grid.FOOTER,
                      ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Picture": {("title", None): None, ("pic", "1"): grid.PICTURE, ("body", "2"): grid.PICTURE_BODY,
                        ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Comparison": {("title", None): None, ("body", "1"): grid.LEFT_HEAD, ("body", "2"): grid.LEFT_BODY,
                           ("body", "3"): grid.RIGHT_HEAD, ("body", "4"): grid.RIGHT_BODY, ("ftr", "11"): grid.FOOTER,
                           ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Code": {("title", None): None, ("ftr", "11"): grid.FOOTER, ("sldNum", "12"): grid.SLIDE_NUMBER},
            "Blank": {},
        }
        for name, wanted in expect.items():
            got = placeholders(deck.layouts[name])
            assert set(got) == set(wanted), name
            for key, b in wanted.items():
                assert got[key].box == (box(b) if b else None), (name, key)
        master = placeholders(deck.master)
        assert master[("title", None)].box == box(grid.TITLE) and master[("body", "1")].box == box(grid.BODY)

    def it_writes_the_theme_colours_and_fonts_into_the_theme_part(self, deck: Deck) -> None:
        root = parse(theme_xml(deck.theme))
        assert [c.tag.split("}")[1] for c in root.find(".//a:clrScheme", NS)] == list(SCHEME_KEYS)
        for kind, pair in (("major", deck.theme.fonts.major), ("minor", deck.theme.fonts.minor)):
            assert root.find(f".//a:{kind}Font/a:latin", NS).get("typeface") == pair.latin
            assert root.find(f".//a:{kind}Font/a:ea", NS).get("typeface") == pair.ea
            assert root.find(f".//a:{kind}Font/a:font[@script='Hans']", NS).get("typeface") == pair.ea

    def it_uses_only_scheme_colours_on_master_and_layouts(self, deck: Deck) -> None:
        for root in (deck.master, *deck.layouts.values()):
            assert root.find(".//a:srgbClr", NS) is None


class DescribeContrastAsDrawn:
    def it_meets_wcag_aa_for_every_text_placeholder_of_every_layout(self, deck: Deck) -> None:
        checked = 0
        for name in deck.layouts:
            for shape, fg, bg, large in deck.text_on_layout(name):
                need = AA_LARGE if large else AA_TEXT
                ratio = contrast_ratio(fg, bg)
                assert ratio >= need, f"{deck.theme.name} {name} {shape}: {fg} on {bg} is {ratio:.2f}:1 < {need}:1"
                checked += 1
        # title, section, content, agenda, statement, closing, title only; cards, quote, numbers, chart, table,
        # picture, comparison, code
        assert checked == 3 + 2 + 4 + 4 + 4 + 2 + 3 + 3 + 5 + 3 + 4 + 4 + 5 + 7 + 3

    def it_resolves_the_dark_themes_colours_through_the_dark_colour_map(self) -> None:
        d = Deck.of(load_theme("dark"))
        assert d.master.find("p:clrMap", NS).get("bg1") == "dk1"
        assert d.rgb(background(d.master)) == d.theme.colors["dk1"]
        body = d.master.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS).get("val")
        assert d.rgb(body) == d.theme.colors["lt1"]
        other = d.master.find("p:txStyles/p:otherStyle/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS).get("val")
        assert other == "tx1" and d.rgb(other) == d.theme.colors["lt1"]  # a new text box is light on dark


class DescribeDecorations:
    def it_keeps_decorations_off_the_text_boxes(self, deck: Deck) -> None:
        for name, root in deck.layouts.items():
            own = shapes(root)
            texts = [s for s in own if s.ph is not None]
            decorations = [s for s in own if s.ph is None]
            if root.get("showMasterSp") != "0":
                texts += [s for s in shapes(deck.master) if s.ph is not None and s.ph.get("type") in ("title", "body")]
                decorations += [s for s in shapes(deck.master) if s.ph is None]
            for t in texts:
                box = t.box or deck.master_placeholder(t.ph).box
                for d in decorations:
                    if d.outline:
                        assert inside(box, d.box) or not overlap(box, d.box), (name, t.name, d.name)
                    else:
                        # a filled shape either stays clear of the text or lies wholly behind it (a panel)
                        assert not overlap(box, d.box) or inside(box, d.box), (name, t.name, d.name)

    def it_draws_decorations_on_the_master_and_layouts_only_as_user_drawn_shapes(self, deck: Deck) -> None:
        for root in (deck.master, *deck.layouts.values()):
            for sp in root.iterfind(".//p:sp", NS):
                if sp.find("p:nvSpPr/p:nvPr/p:ph", NS) is None:
                    assert sp.find("p:nvSpPr/p:nvPr", NS).get("userDrawn") == "1"
                    assert sp.find("p:txBody", NS) is None

    def it_reproduces_the_party_look_by_default(self) -> None:
        d = Deck.of(load_theme("party"))

        def deco(root: etree._Element) -> list[tuple]:
            return [(s.name, tuple(round(v, 2) for v in s.box), s.fill) for s in shapes(root) if s.ph is None]

        assert deco(d.master) == [("Title Rule", (48.0, 114.0, 864.0, 1.5), "accent2"),
                                  ("Title Accent", (48.0, 112.5, 96.0, 4.5), "accent1"),
                                  ("Footer Rule", (48.0, 492.0, 864.0, 0.75), "accent2")]
        assert deco(d.layouts["Title Slide"]) == [("Cover Band", (0.0, 530.0, 960.0, 10.0), "accent2"),
                                                  ("Cover Rule", (87.2, 304.0, 120.0, 3.0), "accent2")]
        assert deco(d.layouts["Section Header"]) == [("Divider Band", (0.0, 530.0, 960.0, 10.0), "accent2"),
                                                     ("Divider Rule", (336.0, 180.0, 3.0, 180.0), "accent2")]
        assert deco(d.layouts["Closing"]) == [("Closing Band", (0.0, 530.0, 960.0, 10.0), "accent2"),
                                              ("Closing Rule", (420.0, 296.0, 120.0, 3.0), "accent2")]
        assert background(d.layouts["Title Slide"]) == "accent1" and background(d.master) == "bg2"
        assert d.master.find(".//a:lvl1pPr/a:buChar", NS).get("char") == "■"

    @pytest.mark.parametrize("decor, layout, present, absent", [
        ({"edge": "bar"}, "Title Slide", ["Cover Bar"], ["Cover Band", "Cover Frame"]),
        ({"edge": "frame"}, "Closing", ["Closing Frame"], ["Closing Band"]),
        ({"edge": "none"}, "Section Header", ["Divider Rule"], ["Divider Band", "Divider Bar", "Divider Frame"]),
        ({"divider": "panel"}, "Section Header", ["Divider Panel", "Divider Band"], ["Divider Rule"]),
        ({"divider": "plain"}, "Section Header", ["Divider Band"], ["Divider Rule", "Divider Panel"]),
        ({"title_rule": "line"}, "master", ["Title Rule"], ["Title Accent"]),
        ({"title_rule": "accent"}, "master", ["Title Accent"], ["Title Rule"]),
        ({"title_rule": "none", "footer_rule": False}, "master", [], ["Title Rule", "Title Accent", "Footer Rule"]),
        ({"header": "strip"}, "master", ["Header Strip"], []),
        ({"header": "strip"}, "Statement", ["Header Strip"], []),
    ])
    def it_draws_each_decoration_style(self, decor: dict, layout: str, present: list[str], absent: list[str]) -> None:
        party = load_theme("party")
        theme = party.replace(decor=party.decor.replace(**decor))
        d = Deck.of(theme)
        names = [s.name for s in shapes(d.master if layout == "master" else d.layouts[layout]) if s.ph is None]
        assert all(n in names for n in present) and not any(n in names for n in absent), names

    def it_draws_the_frame_as_a_hairline_outline(self) -> None:
        d = Deck.of(load_theme("academic"))
        frame = next(s for s in shapes(d.layouts["Title Slide"]) if s.name == "Cover Frame")
        assert frame.outline and frame.fill is None and frame.box == (20.0, 20.0, 920.0, 500.0)

    def it_sets_the_themes_bullet_character(self) -> None:
        d = Deck.of(load_theme("academic"))
        assert d.master.find(".//p:bodyStyle/a:lvl1pPr/a:buChar", NS).get("char") == load_theme("academic").decor.bullet


@pytest.mark.parametrize("name", BUILTIN)
def test_the_seed_deck_builds_schema_valid_with_every_theme(name: str, tmp_path: Path) -> None:
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest
    from deckgen.package.check import check_package, find_schemas
    from tests.conftest import OUTLINE, require_path

    schemas, why = find_schemas()
    require_path(schemas or Path("/nonexistent"), f"the OOXML schemas ({why})")
    out = tmp_path / f"{name}.pptx"
    build(BuildRequest(OUTLINE, out, name))
    report = check_package(out, schemas)
    assert report.schema_checked and report.problems == []
