"""The theme part of a built-in theme as OOXML text: colour scheme, fonts with East Asian faces, plain formats."""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

from deckgen.package.ns import A
from deckgen.theme.languages import script_faces
from deckgen.theme.model import SCHEME_KEYS, Theme


def theme_xml(theme: Theme, name: str | None = None) -> str:
    """The `a:theme` part: colour scheme, font scheme with East Asian typefaces, a plain format scheme."""
    colors = "".join(f'<a:{k}><a:srgbClr val="{theme.colors[k]}"/></a:{k}>' for k in SCHEME_KEYS)

    def font(kind: str) -> str:
        f = getattr(theme.fonts, kind)
        scripts = "".join(f'<a:font script="{script}" typeface={quoteattr(face)}/>' for script, face in script_faces(f.ea).items())
        return (f'<a:{kind}Font><a:latin typeface={quoteattr(f.latin)}/><a:ea typeface={quoteattr(f.ea)}/>'
                f'<a:cs typeface={quoteattr(f.cs)}/>{scripts}</a:{kind}Font>')

    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/></a:ln>'
                    for w in (9525, 19050, 28575))
    label = quoteattr(name or f"deckgen {theme.name}")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<a:theme xmlns:a="{A}" name={label}>'
        f'<a:themeElements><a:clrScheme name={label}>{colors}</a:clrScheme>'
        f'<a:fontScheme name={label}>{font("major")}{font("minor")}</a:fontScheme>'
        f'<a:fmtScheme name={label}><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst>'
        f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
        f'<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
        f'<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')
