"""Paragraphs as OOXML text: the `a:p` elements deckgen writes for plain text, made as strings."""
from __future__ import annotations

import re
from typing import Sequence

_PLAIN_LANG = re.compile(r"[A-Za-z0-9-]+\Z")
# text the XML parser reads back as written once &, < and > are escaped (no control characters but tab and
# newline, no carriage return, which a parser would turn into a newline; nothing lxml refuses)
_PLAIN_TEXT = re.compile("[^\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]*\\Z")


def plain_text(paragraphs: Sequence[str], lang: str) -> bool:
    """Whether these paragraphs can be written by `paragraphs_text` (else element by element)."""
    return bool(_PLAIN_LANG.match(lang)) and all(_PLAIN_TEXT.match(para) for para in paragraphs)


def paragraphs_text(paragraphs: Sequence[str], lang: str, size: float | None, levels: Sequence[int],
                    plain: bool = False, hanging: bool = True) -> str:
    """The `a:p` elements `deckgen.render.oxml.set_paragraphs` makes, as XML text (prefix `a`), for text
    `plain_text` accepts: every run in `lang` at `size` points, `levels` as `a:pPr/@lvl`; with `plain`, as
    `without_bullets` leaves them (flush left, no bullet mark); without `hanging`, as `no_hanging` leaves
    them after that."""
    sz = f' sz="{round(size * 100)}"' if size else ""
    alt = "" if lang.split("-")[0] == "en" else ' altLang="en-US"'
    run_pr = f'<a:rPr lang="{lang}"{alt}{sz} dirty="0"/>'
    br = f'<a:br><a:rPr lang="{lang}"/></a:br>'
    end = f'<a:endParaRPr lang="{lang}"{sz} dirty="0"/></a:p>'
    props = (' marL="0" indent="0"' if plain else "") + ("" if hanging else ' hangingPunct="0"')
    close = "><a:buNone/></a:pPr>" if plain else "/>"
    out = []
    for n, para in enumerate(paragraphs or [""]):
        level = f' lvl="{levels[n]}"' if n < len(levels) and levels[n] else ""
        out.append(f"<a:p><a:pPr{level}{props}{close}" if level or props else "<a:p>")
        for i, line in enumerate(para.split("\n")):
            if i:
                out.append(br)
            if line:
                out.append(f"<a:r>{run_pr}<a:t>{_escape(line)}</a:t></a:r>")
        out.append(end)
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
