"""Generate the theme part, slide master and slide layouts of a built-in theme as OOXML text."""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from deckgen import grid
from deckgen.grid import Box
from deckgen.theme import SCHEME_KEYS, Theme

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_MAPPED = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}


def clr(name: str) -> str:
    """A scheme colour reference that follows the master's colour map (dk1→tx1, lt1→bg1, …)."""
    return f'<a:schemeClr val="{_MAPPED.get(name, name)}"/>'


def pt(v: float) -> int:
    """Points to EMU."""
    return round(v * grid.EMU_PER_PT)


def hundredths(v: float) -> int:
    """Points to the 1/100 pt used by `sz`."""
    return round(v * 100)


# ------------------------------------------------------------------------------------------ theme

def theme_xml(theme: Theme, name: str | None = None) -> str:
    """The `a:theme` part: colour scheme, font scheme with East Asian typefaces, a plain format scheme."""
    colors = "".join(f'<a:{k}><a:srgbClr val="{theme.colors[k]}"/></a:{k}>' for k in SCHEME_KEYS)

    def font(kind: str) -> str:
        f = getattr(theme.fonts, kind)
        scripts = f'<a:font script="Hans" typeface={quoteattr(f.ea)}/><a:font script="Hant" typeface={quoteattr(f.ea)}/>' if f.ea else ""
        return (f'<a:{kind}Font><a:latin typeface={quoteattr(f.latin)}/><a:ea typeface={quoteattr(f.ea)}/>'
                f'<a:cs typeface={quoteattr(f.cs)}/>{scripts}</a:{kind}Font>')

    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/></a:ln>'
                    for w in (9525, 19050, 28575))
    label = quoteattr(name or f"deckgen {theme.name}")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name={label}>'
        f'<a:themeElements><a:clrScheme name={label}>{colors}</a:clrScheme>'
        f'<a:fontScheme name={label}>{font("major")}{font("minor")}</a:fontScheme>'
        f'<a:fmtScheme name={label}><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst>'
        f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
        f'<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
        f'<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


# ----------------------------------------------------------------------------------------- shapes

@dataclass
class _Ids:
    n: int = 1

    def next(self) -> int:
        self.n += 1
        return self.n


def _xfrm(box: Box) -> str:
    x, y, w, h = box.emu()
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _body_pr(box: Box, anchor: str = "t", autofit: bool = True) -> str:
    fit = "<a:normAutofit/>" if autofit else "<a:noAutofit/>"
    return (f'<a:bodyPr vert="horz" wrap="square" lIns="{pt(box.inset_l)}" tIns="{pt(box.inset_t)}" '
            f'rIns="{pt(box.inset_r)}" bIns="{pt(box.inset_b)}" rtlCol="0" anchor="{anchor}">{fit}</a:bodyPr>')


def _rpr(size: float | None = None, color: str | None = None, bold: bool | None = None, lang: str = "zh-CN") -> str:
    attrs = f' lang="{lang}"'
    if size:
        attrs += f' sz="{hundredths(size)}"'
    if bold is not None:
        attrs += f' b="{1 if bold else 0}"'
    fill = f"<a:solidFill>{clr(color)}</a:solidFill>" if color else ""
    return f"<a:defRPr{attrs}>{fill}</a:defRPr>" if fill else f"<a:defRPr{attrs}/>"


def _lvl1(algn: str | None = None, size: float | None = None, color: str | None = None, bold: bool | None = None,
          bullet: bool | None = None, space_before: float | None = None, line: float | None = None) -> str:
    """A `a:lstStyle` with one level-1 override."""
    attrs = f' algn="{algn}"' if algn else ""
    if bullet is False:
        attrs = ' marL="0" indent="0"' + attrs
    inner = ""
    if line is not None:
        inner += f'<a:lnSpc><a:spcPct val="{round(line * 100000)}"/></a:lnSpc>'
    if space_before is not None:
        inner += f'<a:spcBef><a:spcPts val="{hundredths(space_before)}"/></a:spcBef>'
    if bullet is False:
        inner += "<a:buNone/>"
    size_attrs = f' sz="{hundredths(size)}"' if size else ""
    bold_attr = f' b="{1 if bold else 0}"' if bold is not None else ""
    fill = f"<a:solidFill>{clr(color)}</a:solidFill>" if color else ""
    inner += f"<a:defRPr{size_attrs}{bold_attr}>{fill}</a:defRPr>" if (fill or size_attrs or bold_attr) else ""
    return f"<a:lstStyle><a:lvl1pPr{attrs}>{inner}</a:lvl1pPr></a:lstStyle>"


def placeholder(ids: _Ids, name: str, ph: str, box: Box | None, prompt: str, *, anchor: str = "t",
                lst: str = "<a:lstStyle/>", lang: str = "zh-CN", field: bool = False) -> str:
    """A placeholder shape; `ph` is the inside of `<p:ph …/>` (e.g. `type="title"`)."""
    sid = ids.next()
    sppr = f"<p:spPr>{_xfrm(box)}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" if box else "<p:spPr/>"
    body_pr = _body_pr(box, anchor) if box else "<a:bodyPr/>"
    if field:
        para = (f'<a:p><a:fld id="{{7A1C8E0B-4D2F-4E4B-9C52-3C1B5E0D9A01}}" type="slidenum"><a:rPr lang="{lang}"/>'
                f"<a:t>‹#›</a:t></a:fld><a:endParaRPr lang=\"{lang}\"/></a:p>")
    else:
        para = f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{_esc(prompt)}</a:t></a:r><a:endParaRPr lang="{lang}"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>{sppr}<p:txBody>{body_pr}{lst}{para}</p:txBody></p:sp>")


def rect(ids: _Ids, name: str, box: Box, color: str) -> str:
    """A decorative filled rectangle (a rule, a band) drawn by the master or a layout."""
    sid = ids.next()
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name={quoteattr(name)}/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>{clr(color)}</a:solidFill>'
            f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
          '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def _bg(color: str) -> str:
    return f"<p:bg><p:bgPr><a:solidFill>{clr(color)}</a:solidFill><a:effectLst/></p:bgPr></p:bg>"


# ----------------------------------------------------------------------------------------- master

_PROMPTS = {
    "zh": {"title": "单击此处编辑母版标题样式", "body": "单击此处编辑母版文本样式", "subtitle": "单击此处编辑副标题",
           "presenter": "主讲人、日期", "label": "一、", "footer": "页脚", "closing": "结束语"},
    "en": {"title": "Click to edit Master title style", "body": "Click to edit Master text styles",
           "subtitle": "Click to edit subtitle", "presenter": "Presenter, date", "label": "1",
           "footer": "Footer", "closing": "Closing line"},
}


def prompts(lang: str) -> dict[str, str]:
    return _PROMPTS["zh" if lang.split("-")[0] in ("zh", "ja", "ko") else "en"]


def _ppr_attrs() -> str:
    return 'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"'


def _text_styles(theme: Theme) -> str:
    s = theme.sizes
    c = theme.roles.content
    title = (f'<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" {_ppr_attrs()}>'
             f'<a:lnSpc><a:spcPct val="{round(grid.TITLE_PARAS.line_spacing * 100000)}"/></a:lnSpc>'
             f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
             f'<a:defRPr sz="{hundredths(s.title.max)}" b="1" kern="1200"><a:solidFill>{clr(c.title)}</a:solidFill>'
             f'<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
             f"</a:lvl1pPr></p:titleStyle>")
    levels = []
    bullet_color = c.bullet or c.title
    for lvl in range(1, 10):
        size = s.body.max if lvl == 1 else max(s.body.min - 2, s.body.max - 4 * (lvl - 1))
        indent = grid.BODY_PARAS.indent
        mar = indent * lvl
        char = "■" if lvl == 1 else "–"
        pct = 60000 if lvl == 1 else 100000
        levels.append(
            f'<a:lvl{lvl}pPr marL="{pt(mar)}" indent="{-pt(indent)}" algn="l" defTabSz="914400" rtl="0" {_ppr_attrs()}>'
            f'<a:lnSpc><a:spcPct val="{round(grid.BODY_PARAS.line_spacing * 100000)}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{hundredths(grid.BODY_PARAS.space_before if lvl == 1 else 4)}"/></a:spcBef>'
            f'<a:buClr>{clr(bullet_color)}</a:buClr><a:buSzPct val="{pct}"/><a:buFont typeface="Arial"/>'
            f'<a:buChar char="{char}"/>'
            f'<a:defRPr sz="{hundredths(size)}" kern="1200"><a:solidFill>{clr(c.text)}</a:solidFill>'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{lvl}pPr>')
    other = (f'<p:otherStyle><a:defPPr><a:defRPr lang="zh-CN"/></a:defPPr><a:lvl1pPr marL="0" algn="l" defTabSz="914400" '
             f'rtl="0" {_ppr_attrs()}><a:defRPr sz="1800" kern="1200"><a:solidFill>{clr("dk1")}</a:solidFill>'
             f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:otherStyle>')
    return f'<p:txStyles>{title}<p:bodyStyle>{"".join(levels)}</p:bodyStyle>{other}</p:txStyles>'


def _footer_shapes(ids: _Ids, theme: Theme, lang: str, with_rule: bool = True) -> str:
    c = theme.roles.content
    muted = c.muted or c.text
    size = theme.sizes.footer
    out = rect(ids, "Footer Rule", Box(grid.MARGIN, grid.FOOTER_RULE_Y, grid.CONTENT_W, 0.75), c.ornament) if with_rule else ""
    out += placeholder(ids, "Footer Placeholder", 'type="ftr" sz="quarter" idx="11"', grid.FOOTER, prompts(lang)["footer"],
                       anchor="ctr", lst=_lvl1("l", size, muted), lang=lang)
    out += placeholder(ids, "Slide Number Placeholder", 'type="sldNum" sz="quarter" idx="12"', grid.SLIDE_NUMBER, "",
                       anchor="ctr", lst=_lvl1("r", size, muted), lang=lang, field=True)
    return out


def master_xml(theme: Theme, layout_rids: list[str], lang: str) -> str:
    """The slide master: background, title/body/footer placeholders, the gold rules, text styles."""
    ids = _Ids()
    c = theme.roles.content
    p = prompts(lang)
    shapes = (
        placeholder(ids, "Title Placeholder", 'type="title"', grid.TITLE, p["title"], anchor="b", lang=lang)
        + placeholder(ids, "Text Placeholder", 'type="body" idx="1"', grid.BODY, p["body"], lang=lang)
        + rect(ids, "Title Rule", Box(grid.MARGIN, grid.TITLE_RULE_Y, grid.CONTENT_W, 1.5), c.ornament)
        + rect(ids, "Title Accent", Box(grid.MARGIN, grid.TITLE_RULE_Y - 1.5, 96, 4.5), c.bullet or c.title)
        + _footer_shapes(ids, theme, lang))
    clrmap = ('<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
              'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>')
    ids_xml = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldMaster {NS}><p:cSld>{_bg(c.background)}'
            f"<p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>{clrmap}<p:sldLayoutIdLst>{ids_xml}</p:sldLayoutIdLst>"
            f"<p:hf hdr=\"0\" dt=\"0\"/>{_text_styles(theme)}</p:sldMaster>")


# ---------------------------------------------------------------------------------------- layouts

@dataclass(frozen=True)
class LayoutSpec:
    """One layout of the built-in master: its name, its OOXML type, and the role it serves."""

    name: str
    type: str
    role: str


LAYOUTS = (
    LayoutSpec("Title Slide", "title", "title"),
    LayoutSpec("Section Header", "secHead", "section"),
    LayoutSpec("Title and Content", "obj", "content"),
    LayoutSpec("Agenda", "obj", "agenda"),
    LayoutSpec("Statement", "obj", "statement"),
    LayoutSpec("Closing", "title", "closing"),
    LayoutSpec("Title Only", "titleOnly", "title-only"),
    LayoutSpec("Blank", "blank", "blank"),
)


def _layout(spec: LayoutSpec, body: str, *, bg: str | None = None, show_master: bool = True) -> str:
    show = "" if show_master else ' showMasterSp="0"'
    background = _bg(bg) if bg else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout {NS}{show} type="{spec.type}" preserve="1">'
            f'<p:cSld name={quoteattr(spec.name)}>{background}<p:spTree>{_GROUP}{body}</p:spTree></p:cSld>'
            f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>")


def layout_xml(spec: LayoutSpec, theme: Theme, lang: str) -> str:
    """The XML of one built-in layout."""
    ids = _Ids()
    p = prompts(lang)
    s = theme.sizes
    r = theme.roles
    title_ph = lambda box, anchor, lst: placeholder(ids, "Title 1", 'type="title"', box, p["title"], anchor=anchor, lst=lst, lang=lang)  # noqa: E731
    if spec.role == "title":
        c = r.title
        body = (rect(ids, "Cover Band", Box(0, grid.SLIDE_H_PT - 10, grid.SLIDE_W_PT, 10), c.ornament)
                + rect(ids, "Cover Rule", Box(grid.COVER_TITLE.x + grid.COVER_TITLE.inset_l, grid.COVER_RULE_Y, 120, 3), c.ornament)
                + placeholder(ids, "Title 1", 'type="ctrTitle"', grid.COVER_TITLE, p["title"], anchor="b",
                              lst=_lvl1("l", s.cover_title.max, c.title, True, line=grid.COVER_TITLE_PARAS.line_spacing), lang=lang)
                + placeholder(ids, "Subtitle 2", 'type="subTitle" idx="1"', grid.COVER_SUBTITLE, p["subtitle"],
                              lst=_lvl1("l", s.cover_subtitle.max, c.text, False, bullet=False, space_before=0), lang=lang)
                + placeholder(ids, "Presenter 3", 'type="body" sz="quarter" idx="13"', grid.COVER_BYLINE, p["presenter"],
                              lst=_lvl1("l", s.byline.max, c.muted or c.text, False, bullet=False, space_before=grid.PLAIN_PARAS.space_before), lang=lang))
        return _layout(spec, body, bg=c.background, show_master=False)
    if spec.role == "section":
        c = r.section
        body = (rect(ids, "Divider Band", Box(0, grid.SLIDE_H_PT - 10, grid.SLIDE_W_PT, 10), c.ornament)
                + rect(ids, "Divider Rule", Box(grid.SECTION_RULE_X, grid.SECTION_TITLE.y + 40, 3, grid.SECTION_TITLE.h - 80), c.ornament)
                + placeholder(ids, "Section Label 2", 'type="body" idx="1"', grid.SECTION_LABEL, p["label"], anchor="ctr",
                              lst=_lvl1("r", s.section_label.max, c.text, True, bullet=False, space_before=0, line=0.9), lang=lang)
                + title_ph(grid.SECTION_TITLE, "ctr", _lvl1("l", s.section_title.max, c.title, True, line=grid.TITLE_PARAS.line_spacing)))
        return _layout(spec, body, bg=c.background, show_master=False)
    if spec.role == "closing":
        c = r.closing
        body = (rect(ids, "Closing Band", Box(0, grid.SLIDE_H_PT - 10, grid.SLIDE_W_PT, 10), c.ornament)
                + rect(ids, "Closing Rule", Box(grid.SLIDE_W_PT / 2 - 60, grid.CLOSING_TITLE.y + grid.CLOSING_TITLE.h + 6, 120, 3), c.ornament)
                + placeholder(ids, "Title 1", 'type="ctrTitle"', grid.CLOSING_TITLE, p["closing"], anchor="b",
                              lst=_lvl1("ctr", s.closing_title.max, c.title, True, line=grid.COVER_TITLE_PARAS.line_spacing), lang=lang)
                + placeholder(ids, "Text 2", 'type="body" idx="1"', grid.CLOSING_BODY, p["body"],
                              lst=_lvl1("ctr", s.cover_subtitle.max, c.text, False, bullet=False, space_before=grid.PLAIN_PARAS.space_before), lang=lang))
        return _layout(spec, body, bg=c.background, show_master=False)
    footer = _footer_shapes(ids, theme, lang, with_rule=False)
    c = r.content
    if spec.role == "content":
        body = (placeholder(ids, "Title 1", 'type="title"', None, "", lang=lang)
                + placeholder(ids, "Content Placeholder 2", 'idx="1"', None, p["body"], lang=lang) + footer)
        return _layout(spec, body)
    if spec.role == "agenda":
        body = (placeholder(ids, "Title 1", 'type="title"', None, "", lang=lang)
                + placeholder(ids, "Agenda 2", 'type="body" idx="1"', grid.BODY, p["body"],
                              lst=_lvl1(None, s.body.max, c.text, bullet=False, space_before=grid.AGENDA_PARAS.space_before), lang=lang)
                + footer)
        return _layout(spec, body)
    if spec.role == "statement":
        body = (title_ph(grid.STATEMENT, "ctr", _lvl1("ctr", s.statement.max, c.title, True))
                + placeholder(ids, "Source 2", 'type="body" idx="1"', grid.STATEMENT_SOURCE, p["body"],
                              lst=_lvl1("r", s.cover_subtitle.max, c.muted or c.text, False, bullet=False, space_before=0), lang=lang)
                + footer)
        return _layout(spec, body, show_master=False)
    if spec.role == "title-only":
        return _layout(spec, placeholder(ids, "Title 1", 'type="title"', None, "", lang=lang) + footer)
    return _layout(spec, "")
