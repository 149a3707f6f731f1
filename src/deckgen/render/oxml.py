"""Small named edits of OOXML elements that python-pptx has no API for (lxml only, no pptx import)."""
from __future__ import annotations

import uuid
from typing import Iterable, Sequence

from lxml import etree

from deckgen.package.ns import A, P, P14, R
SECTION_EXT_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
SLIDENUM_FIELD_ID = "{7A1C8E0B-4D2F-4E4B-9C52-3C1B5E0D9A01}"


def qn(tag: str) -> str:
    """`a:p` → `{namespace}p`."""
    prefix, local = tag.split(":")
    return "{%s}%s" % ({"a": A, "p": P, "r": R, "p14": P14}[prefix], local)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, qn(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _run(p: etree._Element, text: str, lang: str, size: float | None) -> None:
    r = _sub(p, "a:r")
    rpr = _sub(r, "a:rPr", lang=lang)
    if lang.split("-")[0] != "en":
        rpr.set("altLang", "en-US")
    if size:
        rpr.set("sz", str(round(size * 100)))
    rpr.set("dirty", "0")
    _sub(r, "a:t").text = text


def set_paragraphs(tx_body: etree._Element, paragraphs: Sequence[str], lang: str, size: float | None = None,
                   autofit: bool = True, levels: Sequence[int] = ()) -> None:
    """Replace the text of `tx_body` (`p:txBody`) with one `a:p` per paragraph; a newline inside one is `a:br`.

    Every run carries `lang` (so PowerPoint applies the language's line-breaking rules) and, when given,
    the fitted `size` in points. With `autofit`, the body keeps `a:normAutofit` so PowerPoint shrinks
    text that a user adds later. `levels` gives paragraphs a bullet level (`a:pPr/@lvl`; 0 is the first).
    """
    body_pr = tx_body.find(qn("a:bodyPr"))
    if autofit and body_pr is not None:
        for child in list(body_pr):
            if child.tag in (qn("a:normAutofit"), qn("a:noAutofit"), qn("a:spAutoFit")):
                body_pr.remove(child)
        body_pr.insert(0, etree.Element(qn("a:normAutofit")))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    for n, para in enumerate(paragraphs or [""]):
        p = _sub(tx_body, "a:p")
        if n < len(levels) and levels[n]:
            _sub(p, "a:pPr", lvl=str(levels[n]))
        lines = para.split("\n")
        for i, line in enumerate(lines):
            if i:
                br = _sub(p, "a:br")
                _sub(br, "a:rPr", lang=lang)
            if line:
                _run(p, line, lang, size)
        end = _sub(p, "a:endParaRPr", lang=lang)
        if size:
            end.set("sz", str(round(size * 100)))
        end.set("dirty", "0")


def without_bullets(tx_body: etree._Element) -> None:
    """Set every paragraph of `tx_body` flush left without a bullet mark, whatever its placeholder's style."""
    for p in tx_body.findall(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            p.insert(0, ppr)
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        if ppr.find(qn("a:buNone")) is None:
            ppr.append(etree.Element(qn("a:buNone")))


def set_slide_number(tx_body: etree._Element, number: int, lang: str) -> None:
    """Make the text of `tx_body` a real slide-number field showing `number`."""
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    p = _sub(tx_body, "a:p")
    fld = _sub(p, "a:fld", id=SLIDENUM_FIELD_ID, type="slidenum")
    _sub(fld, "a:rPr", lang=lang)
    _sub(fld, "a:t").text = str(number)
    _sub(p, "a:endParaRPr", lang=lang)


def placeholder_sp(shape_id: int, name: str, ph_type: str, idx: int) -> etree._Element:
    """A slide placeholder that inherits position and style from its layout (`p:sp` with empty `p:spPr`)."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = _sub(sp, "p:nvSpPr")
    _sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    locks = _sub(nv, "p:cNvSpPr")
    _sub(locks, "a:spLocks", noGrp="1")
    nvpr = _sub(nv, "p:nvPr")
    _sub(nvpr, "p:ph", type=ph_type, sz="quarter", idx=str(idx))
    _sub(sp, "p:spPr")
    tx = _sub(sp, "p:txBody")
    _sub(tx, "a:bodyPr")
    _sub(tx, "a:lstStyle")
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
    _sub(lst, "p:notesMasterId").set(qn("r:id"), rid)
    masters = presentation.find(qn("p:sldMasterIdLst"))
    masters.addnext(lst)


def set_sections(presentation: etree._Element, sections: Iterable[tuple[str, Sequence[int]]], seed: str) -> None:
    """Write PowerPoint sections (`p14:sectionLst`): each a name and the `p:sldId/@id`s of its slides.

    Section ids are derived from `seed` so that the same deck gets the same ids.
    """
    ext_lst = presentation.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = _sub(presentation, "p:extLst")
    for ext in ext_lst.findall(qn("p:ext")):
        if ext.get("uri") == SECTION_EXT_URI:
            ext_lst.remove(ext)
    ext = etree.Element(qn("p:ext"), uri=SECTION_EXT_URI)
    ext_lst.insert(0, ext)
    lst = etree.SubElement(ext, qn("p14:sectionLst"), nsmap={"p14": P14})
    for i, (name, ids) in enumerate(sections):
        section = _sub(lst, "p14:section", name=name)
        section.set("id", "{%s}" % str(uuid.uuid5(uuid.NAMESPACE_URL, f"deckgen:{seed}:{i}")).upper())
        sld_lst = _sub(section, "p14:sldIdLst")
        for sid in ids:
            _sub(sld_lst, "p14:sldId", id=str(sid))


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
             line_spacing: float = 1.0, bullet: str = "•", like: "etree._Element | None" = None) -> etree._Element:
    """A text box (`p:sp` with `txBox`) holding `paragraphs` at `size` points, for text a layout has no
    placeholder for: a title (bold, in the theme's heading font) or bullets (hanging by `indent` points,
    `space_before` points apart) set as the planner fitted them. `like` (a run's `a:rPr` on the same page)
    gives the text its colour and fonts, so it reads like the page's own text."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": A, "p": P, "r": R})
    nv = _sub(sp, "p:nvSpPr")
    _sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    _sub(nv, "p:cNvSpPr", txBox="1")
    _sub(nv, "p:nvPr")
    sppr = _sub(sp, "p:spPr")
    xfrm = _sub(sppr, "a:xfrm")
    _sub(xfrm, "a:off", x=str(emu[0]), y=str(emu[1]))
    _sub(xfrm, "a:ext", cx=str(emu[2]), cy=str(emu[3]))
    geom = _sub(sppr, "a:prstGeom", prst="rect")
    _sub(geom, "a:avLst")
    _sub(sppr, "a:noFill")
    tx = _sub(sp, "p:txBody")
    _sub(tx, "a:bodyPr", wrap="square", rtlCol="0", anchor="b" if title else "t")
    _sub(tx, "a:lstStyle")
    set_paragraphs(tx, paragraphs, lang, size)
    font = "+mj" if title else "+mn"
    for p in tx.findall(qn("a:p")):
        ppr = etree.Element(qn("a:pPr"))
        p.insert(0, ppr)
        if not title and indent:
            ppr.set("marL", str(round(indent * 12700)))
            ppr.set("indent", str(-round(indent * 12700)))
        _sub(_sub(ppr, "a:lnSpc"), "a:spcPct", val=str(round(line_spacing * 100000)))
        if space_before:
            _sub(_sub(ppr, "a:spcBef"), "a:spcPts", val=str(round(space_before * 100)))
        if title or not indent:
            _sub(ppr, "a:buNone")
        else:
            _sub(ppr, "a:buFont", typeface="Arial")
            _sub(ppr, "a:buChar", char=bullet)
        for rpr in p.iter(qn("a:rPr"), qn("a:endParaRPr")):
            if title:
                rpr.set("b", "1")
            if like is not None:
                import copy

                for child in like:
                    if etree.QName(child).localname in ("solidFill", "gradFill", "latin", "ea", "cs"):
                        rpr.append(copy.deepcopy(child))
                continue
            _sub(rpr, "a:latin", typeface=f"{font}-lt")
            _sub(rpr, "a:ea", typeface=f"{font}-ea")
    return sp


def no_hanging(tree: etree._Element) -> None:
    """Keep punctuation inside the box on every paragraph under `tree` (`a:pPr/@hangingPunct="0"`): a
    template's style may hang ，。、 past the right edge, out of a box whose inset is narrower than a
    character; the fitter wraps as without hanging (see `deckgen.text.breaking`)."""
    for p in tree.iter(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            p.insert(0, ppr)
        ppr.set("hangingPunct", "0")


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
    _sub(xfrm, "a:off", x=str(emu[0]), y=str(emu[1]))
    _sub(xfrm, "a:ext", cx=str(emu[2]), cy=str(emu[3]))


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
