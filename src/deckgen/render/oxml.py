"""Small named edits of OOXML elements that python-pptx has no API for (lxml only, no pptx import)."""
from __future__ import annotations

import uuid
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from lxml import etree

from deckgen.package.ns import A, P, P14, R
from deckgen.render.paragraphs import paragraphs_text, plain_text

if TYPE_CHECKING:
    from deckgen.text.inline import Span
SECTION_EXT_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
SLIDENUM_FIELD_ID = "{7A1C8E0B-4D2F-4E4B-9C52-3C1B5E0D9A01}"


_NAMESPACES = {"a": A, "p": P, "r": R, "p14": P14}
_QN: dict[str, str] = {}  # bounded by the tags in this code


def qn(tag: str) -> str:
    """`a:p` → `{namespace}p`."""
    name = _QN.get(tag)
    if name is None:
        prefix, local = tag.split(":")
        name = _QN[tag] = "{%s}%s" % (_NAMESPACES[prefix], local)
    return name


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A new child `tag` (prefixed name) of `parent` with `attrs`, appended last."""
    return etree.SubElement(parent, qn(tag), attrs)


def paragraph_props(p: etree._Element) -> etree._Element:
    """The paragraph properties (`a:pPr`) of `p`, made first in it when it has none."""
    ppr = p.find(qn("a:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("a:pPr"))
        p.insert(0, ppr)
    return ppr


def _run(p: etree._Element, text: str, lang: str, size: float | None) -> None:
    r = sub(p, "a:r")
    rpr = sub(r, "a:rPr", lang=lang)
    if lang.split("-")[0] != "en":
        rpr.set("altLang", "en-US")
    if size:
        rpr.set("sz", str(round(size * 100)))
    rpr.set("dirty", "0")
    sub(r, "a:t").text = text


def set_paragraphs(tx_body: etree._Element, paragraphs: Sequence[str], lang: str, size: float | None = None,
                   autofit: bool = True, levels: Sequence[int] = ()) -> None:
    """Replace the text of `tx_body` (`p:txBody`) with one `a:p` per paragraph; a newline inside one is `a:br`.

    Every run carries `lang` (so PowerPoint applies the language's line-breaking rules) and, when given,
    the fitted `size` in points. With `autofit`, the body keeps `a:normAutofit` so PowerPoint shrinks
    text that a user adds later. `levels` gives paragraphs a bullet level (`a:pPr/@lvl`; 0 is the first).
    """
    body_pr = None
    for child in list(tx_body):  # one pass (lxml's find and findall cost more, per call)
        if child.tag == _A_P:
            tx_body.remove(child)
        elif child.tag == _BODY_PR and body_pr is None:
            body_pr = child
    if autofit and body_pr is not None:
        for child in list(body_pr):
            if child.tag in _AUTOFITS:
                body_pr.remove(child)
        body_pr.insert(0, etree.SubElement(body_pr, _AUTOFITS[0]))  # made in place: cheaper than a new element
    if plain_text(paragraphs, lang):
        tx_body.extend(_paragraphs_xml(paragraphs, lang, size, levels))
        return
    for n, para in enumerate(paragraphs or [""]):
        p = sub(tx_body, "a:p")
        if n < len(levels) and levels[n]:
            sub(p, "a:pPr", lvl=str(levels[n]))
        lines = para.split("\n")
        for i, line in enumerate(lines):
            if i:
                br = sub(p, "a:br")
                sub(br, "a:rPr", lang=lang)
            if line:
                _run(p, line, lang, size)
        end = sub(p, "a:endParaRPr", lang=lang)
        if size:
            end.set("sz", str(round(size * 100)))
        end.set("dirty", "0")


_A_P, _BODY_PR = qn("a:p"), qn("a:bodyPr")
_AUTOFITS = (qn("a:normAutofit"), qn("a:noAutofit"), qn("a:spAutoFit"))
_FRAGMENT = f'<a:x xmlns:a="{A}">%s</a:x>'


def _paragraphs_xml(paragraphs: Sequence[str], lang: str, size: float | None, levels: Sequence[int]) -> list[etree._Element]:
    """The `a:p` elements `set_paragraphs` makes, written as text and parsed in one go (a slide's notes and
    bullets are most of a build's elements; this is 2.5 times faster than making them one by one)."""
    return list(etree.fromstring(_FRAGMENT % paragraphs_text(paragraphs, lang, size, levels)))


def without_bullets(tx_body: etree._Element) -> None:
    """Set every paragraph of `tx_body` flush left without a bullet mark, whatever its placeholder's style."""
    for p in tx_body.findall(qn("a:p")):
        ppr = paragraph_props(p)
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        if ppr.find(qn("a:buNone")) is None:
            ppr.append(etree.Element(qn("a:buNone")))


def set_slide_number(tx_body: etree._Element, number: int, lang: str) -> None:
    """Make the text of `tx_body` a real slide-number field showing `number`."""
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    p = sub(tx_body, "a:p")
    fld = sub(p, "a:fld", id=SLIDENUM_FIELD_ID, type="slidenum")
    sub(fld, "a:rPr", lang=lang)
    sub(fld, "a:t").text = str(number)
    sub(p, "a:endParaRPr", lang=lang)


def placeholder_sp(shape_id: int, name: str, ph_type: str, idx: int) -> etree._Element:
    """A slide placeholder that inherits position and style from its layout (`p:sp` with empty `p:spPr`)."""
    sp = _placeholder_sp(name, ph_type, idx).__copy__()
    sp[0][0].set("id", str(shape_id))
    return sp


@lru_cache(maxsize=64)
def _placeholder_sp(name: str, ph_type: str, idx: int) -> etree._Element:
    """`placeholder_sp`'s element made once (shape id 0): every slide gets a copy."""
    shape_id = 0
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    locks = sub(nv, "p:cNvSpPr")
    sub(locks, "a:spLocks", noGrp="1")
    nvpr = sub(nv, "p:nvPr")
    sub(nvpr, "p:ph", type=ph_type, sz="quarter", idx=str(idx))
    sub(sp, "p:spPr")
    tx = sub(sp, "p:txBody")
    sub(tx, "a:bodyPr")
    sub(tx, "a:lstStyle")
    return sp


def next_shape_id(sp_tree: etree._Element) -> int:
    """One more than the largest shape id (`p:cNvPr/@id`) in `sp_tree`."""
    ids = [int(v) for e in sp_tree.iter(qn("p:cNvPr")) if (v := e.get("id", "")).isdigit()]
    return max(ids, default=1) + 1


def set_notes_master_id(presentation: etree._Element, rid: str) -> None:
    """Add `p:notesMasterIdLst` (after `p:sldMasterIdLst`), which python-pptx does not write."""
    old = presentation.find(qn("p:notesMasterIdLst"))
    if old is not None:
        presentation.remove(old)
    lst = etree.Element(qn("p:notesMasterIdLst"))
    sub(lst, "p:notesMasterId").set(qn("r:id"), rid)
    masters = presentation.find(qn("p:sldMasterIdLst"))
    masters.addnext(lst)


def set_sections(presentation: etree._Element, sections: Iterable[tuple[str, Sequence[int]]], seed: str) -> None:
    """Write PowerPoint sections (`p14:sectionLst`): each a name and the `p:sldId/@id`s of its slides.

    Section ids are derived from `seed` so that the same deck gets the same ids.
    """
    ext_lst = presentation.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = sub(presentation, "p:extLst")
    for ext in ext_lst.findall(qn("p:ext")):
        if ext.get("uri") == SECTION_EXT_URI:
            ext_lst.remove(ext)
    ext = etree.Element(qn("p:ext"), uri=SECTION_EXT_URI)
    ext_lst.insert(0, ext)
    lst = etree.SubElement(ext, qn("p14:sectionLst"), nsmap={"p14": P14})
    for i, (name, ids) in enumerate(sections):
        section = sub(lst, "p14:section", name=name)
        section.set("id", "{%s}" % str(uuid.uuid5(uuid.NAMESPACE_URL, f"deckgen:{seed}:{i}")).upper())
        sld_lst = sub(section, "p14:sldIdLst")
        for sid in ids:
            sub(sld_lst, "p14:sldId", id=str(sid))


def set_notes_style(notes_master: etree._Element, size: float) -> None:
    """Set the notes body size (all levels) and theme fonts with East Asian faces in a notes master."""
    style = notes_master.find(qn("p:notesStyle"))
    if style is None:
        return
    for lvl in style:
        d = lvl.find(qn("a:defRPr"))
        if d is None:
            continue
        d.set("sz", str(round(size * 100)))
        if d.find(qn("a:ea")) is None:
            latin = d.find(qn("a:latin"))
            ea = etree.Element(qn("a:ea"), typeface="+mn-ea")
            if latin is not None:
                latin.addnext(ea)
            else:
                d.append(ea)


def text_box(shape_id: int, name: str, emu: tuple[int, int, int, int], paragraphs: Sequence[str], lang: str,
             size: float, *, title: bool = False, indent: float = 0.0, space_before: float = 0.0,
             line_spacing: float = 1.0, bullet: str = "•", like: "etree._Element | None" = None,
             align: str = "l") -> etree._Element:
    """A text box (`p:sp` with `txBox`) holding `paragraphs` at `size` points, for text a layout has no
    placeholder for: a title (bold, in the theme's heading font) or bullets (hanging by `indent` points,
    `space_before` points apart) set as the planner fitted them. `like` (a run's `a:rPr` on the same page)
    gives the text its colour and fonts, so it reads like the page's own text."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    sub(nv, "p:cNvSpPr", txBox="1")
    sub(nv, "p:nvPr")
    sppr = sub(sp, "p:spPr")
    xfrm = sub(sppr, "a:xfrm")
    sub(xfrm, "a:off", x=str(emu[0]), y=str(emu[1]))
    sub(xfrm, "a:ext", cx=str(emu[2]), cy=str(emu[3]))
    geom = sub(sppr, "a:prstGeom", prst="rect")
    sub(geom, "a:avLst")
    sub(sppr, "a:noFill")
    tx = sub(sp, "p:txBody")
    sub(tx, "a:bodyPr", wrap="square", rtlCol="0", anchor="b" if title else "t")
    sub(tx, "a:lstStyle")
    set_paragraphs(tx, paragraphs, lang, size)
    font = "+mj" if title else "+mn"
    for p in tx.findall(qn("a:p")):
        ppr = etree.Element(qn("a:pPr"))
        p.insert(0, ppr)
        if align != "l":
            ppr.set("algn", align)
        if not title and indent:
            ppr.set("marL", str(round(indent * 12700)))
            ppr.set("indent", str(-round(indent * 12700)))
        sub(sub(ppr, "a:lnSpc"), "a:spcPct", val=str(round(line_spacing * 100000)))
        if space_before:
            sub(sub(ppr, "a:spcBef"), "a:spcPts", val=str(round(space_before * 100)))
        if title or not indent:
            sub(ppr, "a:buNone")
        else:
            sub(ppr, "a:buFont", typeface="Arial")
            sub(ppr, "a:buChar", char=bullet)
        for rpr in p.iter(qn("a:rPr"), qn("a:endParaRPr")):
            if title:
                rpr.set("b", "1")
            if like is not None:
                import copy

                for child in like:
                    if etree.QName(child).localname in ("solidFill", "gradFill", "latin", "ea", "cs"):
                        rpr.append(copy.deepcopy(child))
                continue
            sub(rpr, "a:latin", typeface=f"{font}-lt")
            sub(rpr, "a:ea", typeface=f"{font}-ea")
    return sp


def no_hanging(tree: etree._Element) -> None:
    """Keep punctuation inside the box on every paragraph under `tree` (`a:pPr/@hangingPunct="0"`): a
    template's style may hang ，。、 past the right edge, out of a box whose inset is narrower than a
    character; the fitter wraps as without hanging (see `deckgen.text.breaking`)."""
    for p in tree.iter(qn("a:p")):
        paragraph_props(p).set("hangingPunct", "0")


def set_slide_numbers(tree: etree._Element, number: int) -> None:
    """Show `number` in every slide-number field under `tree` (a copied sample slide keeps its own)."""
    for fld in tree.iter(qn("a:fld")):
        t = fld.find(qn("a:t"))
        if fld.get("type") == "slidenum" and t is not None:
            t.text = str(number)


def set_box(sp: etree._Element, emu: tuple[int, int, int, int]) -> None:
    """Give a slide placeholder its own position and size (`p:spPr/a:xfrm`), away from its layout's."""
    sppr = sp.find(qn("p:spPr"))
    if sppr is None:
        sppr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = sppr.find(qn("a:xfrm"))  # kept with its rotation and flips
    if xfrm is None:
        xfrm = etree.Element(qn("a:xfrm"))
        sppr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    sub(xfrm, "a:off", x=str(emu[0]), y=str(emu[1]))
    sub(xfrm, "a:ext", cx=str(emu[2]), cy=str(emu[3]))


def set_paragraphs_like(tx_body: etree._Element, paragraphs: Sequence[str], lang: str, size: float) -> None:
    """Replace the text of a template's text box with `paragraphs`, each set like the box's first paragraph
    and run were (alignment, bullets, colour, font, weight, letter spacing), at `size` points; the box wraps
    its text (`wrap="square"`) and shrinks text added later."""
    import copy

    first_p = tx_body.find(qn("a:p"))
    ppr = first_p.find(qn("a:pPr")) if first_p is not None else None
    rpr = None
    if first_p is not None:
        run = first_p.find(f"{qn('a:r')}/{qn('a:rPr')}")
        rpr = run if run is not None else first_p.find(qn("a:endParaRPr"))
    body_pr = tx_body.find(qn("a:bodyPr"))
    if body_pr is not None:
        body_pr.set("wrap", "square")
    set_paragraphs(tx_body, paragraphs, lang, size)
    exact = ppr.find(f"{qn('a:lnSpc')}/{qn('a:spcPts')}") if ppr is not None else None
    was = int(rpr.get("sz")) / 100 if rpr is not None and (rpr.get("sz") or "").isdigit() else 0
    if exact is not None and (exact.get("val") or "").isdigit() and was:  # lines set at so many points: as many
        ppr = copy.deepcopy(ppr)  # for our size as the sample's took for its own, as the fitter counts them
        ppr.find(f"{qn('a:lnSpc')}/{qn('a:spcPts')}").set("val", str(round(int(exact.get("val")) * size / was)))
    for p in tx_body.findall(qn("a:p")):
        if ppr is not None:
            p.insert(0, copy.deepcopy(ppr))
        for el in p.iter(qn("a:rPr"), qn("a:endParaRPr")):
            if rpr is None:
                continue
            for name, value in rpr.attrib.items():
                if name not in ("lang", "altLang", "sz", "dirty", "err"):
                    el.set(name, value)
            for child in rpr:
                el.append(copy.deepcopy(child))


_RPR_TAIL = ("latin", "ea", "cs", "sym", "hlinkClick", "hlinkMouseOver")


def _styled_run(template: etree._Element, span: "Span", link: "Callable[[str], str]") -> etree._Element:
    """A copy of the run `template` holding `span`: bold, italic, a monospace face for code, a hyperlink."""
    import copy

    r = copy.deepcopy(template)
    rpr = r.find(qn("a:rPr"))
    if rpr is None:
        rpr = etree.Element(qn("a:rPr"))
        r.insert(0, rpr)
    if span.bold:
        rpr.set("b", "1")
    if span.italic:
        rpr.set("i", "1")
    kept = {etree.QName(c).localname: c for c in rpr if etree.QName(c).localname in _RPR_TAIL}
    for child in kept.values():
        rpr.remove(child)
    after = next((c for c in rpr if etree.QName(c).localname in ("rtl", "extLst")), None)
    tail = []
    for name in ("latin", "ea", "cs"):
        if span.code and name != "ea":
            tail.append(etree.Element(qn(f"a:{name}"), typeface="Consolas"))
        elif name in kept:
            tail.append(kept[name])
    if span.link:
        hlink = etree.Element(qn("a:hlinkClick"))
        hlink.set(qn("r:id"), link(span.link))
        tail.append(hlink)
    for el in tail:
        if after is not None:
            after.addprevious(el)
        else:
            rpr.append(el)
    r.find(qn("a:t")).text = span.text
    return r


def apply_markup(root: etree._Element, link: "Callable[[str], str]") -> None:
    """Turn the inline formatting in the runs under `root` (`**bold**`, `*italic*`, `` `code` ``,
    `[text](url)`, see `deckgen.text.inline`) into runs of that look; `link(url)` gives the relationship id
    of an external hyperlink from the part `root` is in. Runs without marks stay as they are, and so do runs
    already in the monospace face (a code slide's lines, whose `*` and backticks are the code's own)."""
    from deckgen.text.inline import parse

    for r in list(root.iter(qn("a:r"))):
        latin = r.find(f"{qn('a:rPr')}/{qn('a:latin')}")
        if latin is not None and latin.get("typeface") == "Consolas":
            continue
        t = r.find(qn("a:t"))
        text = t.text if t is not None else None
        if not text or not any(mark in text for mark in "*`[\\"):
            continue
        spans = parse(text)
        if len(spans) == 1 and spans[0].text == text and not (spans[0].bold or spans[0].italic or spans[0].code or spans[0].link):
            continue
        for span in spans:
            r.addprevious(_styled_run(r, span, link))
        r.getparent().remove(r)
