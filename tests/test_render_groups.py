"""Scaled groups on the slides deckgen writes are flattened: every shape stored where it shows (exactly, or
left as it is), so a deck's text sits in its stored box in PowerPoint, LibreOffice and any measure."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.render.groups import flatten_groups
from tests.conftest import OUTLINE, assert_valid_template_deck, require_tools
from tests.test_render_samples import _box, sample_template

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A, P = f"{{{A_NS}}}", f"{{{P_NS}}}"
NS = f'xmlns:a="{A_NS}" xmlns:p="{P_NS}"'
EMU = 12700


def _xfrm(x: int, y: int, cx: int, cy: int, rot: int = 0, ch: tuple[int, int, int, int] | None = None) -> str:
    turn = f' rot="{rot}"' if rot else ""
    child = f'<a:chOff x="{ch[0]}" y="{ch[1]}"/><a:chExt cx="{ch[2]}" cy="{ch[3]}"/>' if ch else ""
    return f'<a:xfrm{turn}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>{child}</a:xfrm>'


def _sp(i: int, box: tuple[int, int, int, int], rot: int = 0, text: str = "") -> str:
    body = f"<p:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody>" if text else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="s{i}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(*box, rot=rot)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>{body}</p:sp>')


def _pic(i: int, box: tuple[int, int, int, int]) -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{i}" name="p{i}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill/>'
            f'<p:spPr>{_xfrm(*box)}</p:spPr></p:pic>')


def _cxn(i: int, box: tuple[int, int, int, int]) -> str:
    return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{i}" name="c{i}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
            f'<p:spPr>{_xfrm(*box)}</p:spPr></p:cxnSp>')


def _frame(i: int, box: tuple[int, int, int, int]) -> str:
    x, y, cx, cy = box
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{i}" name="f{i}"/><p:cNvGraphicFramePr/><p:nvPr/>'
            f'</p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="x"/></a:graphic></p:graphicFrame>')


def _grp(i: int, frame: tuple[int, int, int, int], child: tuple[int, int, int, int], inner: str, rot: int = 0) -> str:
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{i}" name="g{i}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f'<p:grpSpPr>{_xfrm(*frame, rot=rot, ch=child)}</p:grpSpPr>{inner}</p:grpSp>')


def _tree(inner: str) -> etree._Element:
    return etree.fromstring(f'<p:spTree {NS}><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
                            f'</p:nvGrpSpPr><p:grpSpPr/>{inner}</p:spTree>')


def _num(el: etree._Element, *names: str) -> tuple[int, ...]:
    return tuple(int(el.get(n)) for n in names)


def shown(tree: etree._Element) -> dict[str, tuple[float, float, float, float, int]]:
    """Every shape's box on the slide (x, y, w, h in EMU, as the groups above it map its centre and scale its
    extents) and its turn, by name: computed the long way, group by group from the top."""
    out: dict[str, tuple[float, float, float, float, int]] = {}

    def walk(parent: etree._Element, maps: list[tuple[float, float, float, float]]) -> None:
        for el in parent:
            name = el.find(f".//{P}cNvPr")
            xfrm = el.find(f"{P}grpSpPr/{A}xfrm") if el.tag == f"{P}grpSp" else \
                el.find(f"{P}spPr/{A}xfrm") if el.find(f"{P}spPr") is not None else el.find(f"{P}xfrm")
            if xfrm is None or name is None:
                continue
            x, y = _num(xfrm.find(f"{A}off"), "x", "y")
            w, h = _num(xfrm.find(f"{A}ext"), "cx", "cy")
            cx, cy = x + w / 2, y + h / 2
            for kx, ky, ox, oy in reversed(maps):  # innermost group first
                cx, cy, w, h = ox + cx * kx, oy + cy * ky, w * kx, h * ky
            out[name.get("name")] = (cx - w / 2, cy - h / 2, w, h, int(xfrm.get("rot") or 0))
            if el.tag == f"{P}grpSp":
                gx, gy = _num(xfrm.find(f"{A}off"), "x", "y")
                gw, gh = _num(xfrm.find(f"{A}ext"), "cx", "cy")
                hx, hy = _num(xfrm.find(f"{A}chOff"), "x", "y")
                hw, hh = _num(xfrm.find(f"{A}chExt"), "cx", "cy")
                kx, ky = gw / hw, gh / hh
                walk(el, maps + [(kx, ky, gx - hx * kx, gy - hy * ky)])

    walk(tree, [])
    return out


def stored(tree: etree._Element) -> dict[str, tuple[int, int, int, int]]:
    """Every shape's own `a:off`/`a:ext`, by name."""
    out = {}
    for xfrm in tree.iter(f"{A}xfrm", f"{P}xfrm"):
        owner = xfrm.getparent() if xfrm.tag == f"{P}xfrm" else xfrm.getparent().getparent()
        name = owner.find(f".//{P}cNvPr")
        if name is not None and xfrm.find(f"{A}off") is not None:
            out[name.get("name")] = _num(xfrm.find(f"{A}off"), "x", "y") + _num(xfrm.find(f"{A}ext"), "cx", "cy")
    return out


def _scaled(tree: etree._Element) -> list[str]:
    """The groups whose child frame is not their frame."""
    out = []
    for g in tree.iter(f"{P}grpSp"):
        x = g.find(f"{P}grpSpPr/{A}xfrm")
        if (_num(x.find(f"{A}off"), "x", "y") + _num(x.find(f"{A}ext"), "cx", "cy")
                != _num(x.find(f"{A}chOff"), "x", "y") + _num(x.find(f"{A}chExt"), "cx", "cy")):
            out.append(g.find(f"{P}nvGrpSpPr/{P}cNvPr").get("name"))
    return out


NESTED = _grp(10, (1_000_000, 500_000, 2_000_000, 1_000_000), (0, 0, 4_000_000, 2_000_000),
              _sp(11, (400_000, 200_000, 1_200_000, 600_000), text="１")
              + _pic(12, (2_000_000, 0, 800_000, 800_000)) + _cxn(13, (0, 1_900_000, 4_000_000, 0))
              + _frame(14, (2_000_000, 1_000_000, 1_000_000, 500_000))
              + _sp(15, (3_000_000, 100_000, 600_000, 200_000), rot=5_400_000, text="｜")  # a quarter turn, the one scale
              + _grp(16, (100_000, 1_000_000, 1_000_000, 800_000), (500_000, 500_000, 3_000_000, 1_600_000),
                     _sp(17, (600_000, 600_000, 1_000_000, 400_000), text="ONE")))


def test_a_scaled_group_and_the_groups_in_it_store_every_shape_where_it_shows() -> None:
    tree = _tree(NESTED)
    before = shown(tree)
    assert flatten_groups(tree) == 2
    assert _scaled(tree) == []
    after = stored(tree)
    for name, (x, y, w, h, rot) in before.items():
        got = after[name]
        assert all(abs(a - b) <= 1 for a, b in zip(got, (x, y, w, h))), (name, got, (x, y, w, h))
    assert shown(tree) == {n: (float(b[0]), float(b[1]), float(b[2]), float(b[3]), before[n][4]) for n, b in after.items()}


@pytest.mark.parametrize("inner, turned", [
    (_sp(21, (0, 0, 1_000_000, 500_000), rot=1_800_000, text="a"), False),  # a turned shape, two scales
    (_sp(21, (0, 0, 1_000_000, 500_000), text="a"), True),  # a turned group, two scales
    ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"/>', False),
])
def test_a_group_that_cannot_be_flattened_exactly_is_left_as_it_is(inner: str, turned: bool) -> None:
    tree = _tree(_grp(20, (0, 0, 1_000_000, 1_000_000), (0, 0, 2_000_000, 1_000_000), inner, rot=600_000 if turned else 0))
    xml = etree.tostring(tree)
    assert flatten_groups(tree) == 0
    assert etree.tostring(tree) == xml


def test_a_turned_shape_in_a_group_of_one_scale_keeps_its_turn_and_centre() -> None:
    tree = _tree(_grp(20, (100_000, 100_000, 1_000_000, 1_000_000), (0, 0, 2_000_000, 2_000_000),
                      _sp(21, (200_000, 400_000, 1_000_000, 400_000), rot=1_800_000, text="a"), rot=600_000))
    before = shown(tree)
    assert flatten_groups(tree) == 1
    xfrm = tree.find(f".//{P}sp/{P}spPr/{A}xfrm")
    assert xfrm.get("rot") == "1800000"
    assert stored(tree)["s21"] == tuple(round(v) for v in before["s21"][:4])


def _ring_template(path: Path) -> Path:
    """`sample_template`'s 模板 whose content page carries a number badge in a scaled group (its child frame
    twice its frame): a ring of `｜` text boxes turned by quarters around a nested group holding `01`."""
    sample_template(path)
    prs = Presentation(str(path))
    content = prs.slides[4]
    group = content.shapes.add_group_shape()
    for i, (x, y) in enumerate(((64, 0), (128, 40), (64, 80), (0, 40))):
        tb = _box(group, x, y, 32, 32, "｜", 10)  # fits itself to its text (`spAutoFit`), 16 pt on the slide
        tb.name = f"Ring {i}"
        tb.rotation = 90 * i
    badge = group.shapes.add_group_shape()
    number = _box(badge, 40, 30, 80, 60, "01", 12)
    number.name, number.text_frame.auto_size = "Badge", MSO_AUTO_SIZE.NONE
    badge.name = "Badge group"
    group.name = "Ring group"
    xfrm = group._element.find(f"{P}grpSpPr/{A}xfrm")
    for tag, values in (("off", (Pt(860), Pt(16))), ("ext", (Pt(80), Pt(56))), ("chOff", (0, 0)), ("chExt", (Pt(160), Pt(112)))):
        el = xfrm.find(f"{A}{tag}")
        for name, v in zip(("x", "y") if "ff" in tag else ("cx", "cy"), values):
            el.set(name, str(int(v)))
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def ring(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("ring")
    template = _ring_template(folder / "模板.pptx")
    out = folder / "deck.pptx"
    build(BuildRequest(OUTLINE, out, template=template))
    return template, out


def _slide_tree(slide) -> etree._Element:  # type: ignore[no-untyped-def]
    return slide._element.find(f"{P}cSld/{P}spTree")


def test_copied_pages_store_a_scaled_groups_shapes_where_the_template_shows_them(ring: tuple[Path, Path]) -> None:
    """Where the template shows them, and as large: a turned box fitting itself to its text is not grown (it
    turns about its centre: its text would move)."""
    template, out = ring
    want = {n: b for n, b in shown(_slide_tree(Presentation(str(template)).slides[4])).items() if n.startswith(("Ring", "Badge"))}
    assert len(want) == 7
    copies = [s for s in Presentation(str(out)).slides if any(sh.name == "Ring group" for sh in s.shapes)]
    assert len(copies) > 10
    numbered = 0
    for slide in copies:
        tree = _slide_tree(slide)
        assert _scaled(tree) == []
        got = stored(tree)
        numbered += "Badge" in got
        for name, (x, y, w, h, _) in want.items():
            if name == "Badge" and name not in got:  # a copy outside every section (the opening's) drops the number
                continue
            if name == "Ring 0":  # upright, it grows down to hold its line; its text does not move
                assert all(abs(a - b) <= 1 for a, b in zip(got[name][:3], (x, y, w))) and got[name][3] > h
                continue
            assert all(abs(a - b) <= 1 for a, b in zip(got[name], (x, y, w, h))), (name, got[name], (x, y, w, h))
    assert numbered > 10
    assert_valid_template_deck(template, out)


def test_a_scaled_groups_words_show_inside_their_stored_boxes(ring: tuple[Path, Path], tmp_path: Path) -> None:
    """As `../shared/tools/overflow.py` measures: each word of the badge lies in the box its shape stores."""
    require_tools("soffice", "pdftotext")
    from tests.office import pdf_words, to_pdf, without_autofit

    _, out = ring
    pdf = to_pdf(without_autofit(out, tmp_path / "flat.pptx"), tmp_path)
    prs = Presentation(str(out))
    checked = 0
    for words, slide in zip(pdf_words(pdf), prs.slides):
        group = next((sh for sh in slide.shapes if sh.name == "Ring group"), None)
        if group is None:
            continue
        boxes = {}
        for sh in list(group.shapes) + [s for g in group.shapes if g.shape_type == 6 for s in g.shapes]:
            if sh.shape_type != 6 and sh.text_frame.text.strip():
                boxes.setdefault(sh.text_frame.text.strip(), []).append(
                    tuple(v / EMU for v in (sh.left, sh.top, sh.left + sh.width, sh.top + sh.height)))
        for x0, y0, x1, y1, word in words:
            if word in boxes:
                assert any(x0 >= a - 3 and y0 >= b - 3 and x1 <= c + 3 and y1 <= d + 3 for a, b, c, d in boxes[word]), \
                    (word, (x0, y0, x1, y1), boxes[word])
                checked += 1
    assert checked >= 5 * 10
