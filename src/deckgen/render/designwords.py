"""A copied sample page's own words: the sample text the lecture did not replace cleared, the page's design words
(目录, CONTENTS, PART 01, 第一章) kept on one line, its part numbers made each section's."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from deckgen.render import oxml
from deckgen.text.frame import EMU_PER_PT
from deckgen.text.metrics import text_em

if TYPE_CHECKING:
    from lxml.etree import _Element

    from deckgen.render.factory import NewSlide


def clear_sample_text(slide: "NewSlide", kept: set[int]) -> None:
    """Remove the sample slide's text that the lecture did not replace (prompts, sample wording), except
    the page's design words (目录, CONTENTS, PART, 01, THANKS; one word kept on one line in a box that holds it)
    and part numbers in any form (第一章, 第一部分: `renumber_parts` makes them the section's)."""
    from deckgen.render.sampleroles import renumber
    from deckgen.render.samples import DECOR, text_shapes

    for sp, shape in list(text_shapes(slide.tree)):
        if shape.id not in kept and not DECOR.match(shape.text) and renumber(shape.text, 1) is None:
            sp.getparent().remove(sp)
        elif shape.id not in kept and re.fullmatch(r"\S{2,}", shape.text.strip()):
            body_pr = sp.find(f"{oxml.qn('p:txBody')}/{oxml.qn('a:bodyPr')}")
            if body_pr is not None:  # one word (CONTENTS): not `CONTENT`/`S` where a substituted font is wider
                body_pr.set("wrap", "none")
                _widen(sp, body_pr, text_em(shape.text.strip()))


def renumber_parts(slide: "NewSlide", kept: set[int], n: Optional[int]) -> None:
    """Make the part number a page shows as design (`ONE`, `PART 01`, `第一部分`) this section's, on one line;
    with `n` 0 (a slide outside the sections) keep the sample's number, on one line; with `n` None, remove
    such numbers."""
    from deckgen.render.sampleroles import renumber
    from deckgen.render.samples import text_shapes

    for sp, shape in list(text_shapes(slide.tree)):
        new = renumber(shape.text, n or 1) if shape.id not in kept else None
        if new is None:
            continue
        new = new if n != 0 else shape.text.strip()
        if n is None:
            sp.getparent().remove(sp)
            continue
        runs = list(sp.iter(oxml.qn("a:t")))
        runs[0].text = new
        for r in runs[1:]:
            r.text = ""
        body_pr = sp.find(f"{oxml.qn('p:txBody')}/{oxml.qn('a:bodyPr')}")
        if body_pr is not None and not re.search(r"\s", new):
            body_pr.set("wrap", "none")  # a number is one word: `TW`/`O` where a substituted font is wider
        shrink = min(1.0, text_em(shape.text.strip()) / max(text_em(new), 0.01))
        if shrink < 1.0:  # `THREE` where the page had room for `ONE`
            for rpr in sp.iter(oxml.qn("a:rPr"), oxml.qn("a:endParaRPr")):
                if (rpr.get("sz") or "").isdigit():
                    rpr.set("sz", str(max(100, int(int(rpr.get("sz")) * shrink))))
        if body_pr is not None and body_pr.get("wrap") == "none":
            _widen(sp, body_pr, text_em(new))


def _widen(sp: "_Element", body_pr: "_Element", em: float) -> None:
    """Widen an unseen one-line box (no fill; not in a group) to hold `em` ems of its largest type with a fifth
    to spare, along its alignment: a wider font than the one the page was drawn with stays in the box."""
    sizes = [int(r.get("sz")) / 100 for r in sp.iter(oxml.qn("a:rPr")) if (r.get("sz") or "").isdigit()]
    xfrm = sp.find(f"{oxml.qn('p:spPr')}/{oxml.qn('a:xfrm')}")
    sp_pr = sp.find(oxml.qn("p:spPr"))
    if not sizes or xfrm is None or sp.getparent().tag != oxml.qn("p:spTree") or any(
            sp_pr.find(oxml.qn(f"a:{f}")) is not None for f in ("solidFill", "gradFill", "blipFill", "pattFill")):
        return
    off, ext = xfrm.find(oxml.qn("a:off")), xfrm.find(oxml.qn("a:ext"))
    insets = sum(int(body_pr.get(k, "91440")) for k in ("lIns", "rIns"))
    need = round(1.2 * em * max(sizes) * EMU_PER_PT) + insets
    have = int(ext.get("cx", "0"))
    if off is None or need <= have:
        return
    ppr = sp.find(f".//{oxml.qn('a:p')}/{oxml.qn('a:pPr')}")
    align = ppr.get("algn", "l") if ppr is not None else "l"
    shift = (need - have) // 2 if align == "ctr" else (need - have if align == "r" else 0)
    off.set("x", str(int(off.get("x", "0")) - shift))
    ext.set("cx", str(need))
