"""Generate the theme part, slide master and slide layouts of a built-in theme as OOXML text."""
from __future__ import annotations

from dataclasses import field
from xml.sax.saxutils import quoteattr

from deckgen.outline.typed import record
from deckgen.package.ns import A, P, R
from deckgen.plan import grid
from deckgen.plan.grid import Box
from deckgen.render.themexml import theme_xml as theme_xml  # re-exported: the theme part beside the master
from deckgen.text.script import is_cjk_language
from deckgen.theme.model import Theme
from deckgen.theme.contrast import TextColor, text_colors

NS = f'xmlns:a="{A}" xmlns:r="{R}" xmlns:p="{P}"'
_LIGHT_MAP = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
_DARK_MAP = {"dk1": "bg1", "lt1": "tx1", "dk2": "bg2", "lt2": "tx2"}
W, H = grid.SLIDE_W_PT, grid.SLIDE_H_PT
HAIRLINE = 1.0
FRAME_INSET = 20.0


def clr(name: str, dark: bool = False) -> str:
    """A scheme colour reference that follows the master's colour map (light: dk1→tx1, lt1→bg1, …;
    dark: dk1→bg1, lt1→tx1, …)."""
    return f'<a:schemeClr val="{(_DARK_MAP if dark else _LIGHT_MAP).get(name, name)}"/>'


def pt(v: float) -> int:
    """Points to EMU."""
    return round(v * grid.EMU_PER_PT)


def hundredths(v: float) -> int:
    """Points to the 1/100 pt used by `sz`."""
    return round(v * 100)


def clr_map(dark: bool) -> str:
    """The master's `p:clrMap`: the usual light mapping, or PowerPoint's dark one (background = dk1)."""
    pairs = ('bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"' if dark else 'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"')
    return (f'<p:clrMap {pairs} accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
            f'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>')


# ----------------------------------------------------------------------------------------- shapes

@record
class _Draw:
    """Shape ids and colour references for one master or layout part."""

    theme: Theme
    lang: str
    n: int = 1
    colors: dict[tuple[str, str], TextColor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.colors = text_colors(self.theme)

    def next(self) -> int:
        self.n += 1
        return self.n

    def clr(self, name: str) -> str:
        return clr(name, self.theme.dark)

    def fg(self, role: str, element: str) -> str:
        """The scheme colour name of a text element (from `theme.text_colors`)."""
        return self.colors[(role, element)].fg


def _xfrm(box: Box) -> str:
    x, y, w, h = box.emu()
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _body_pr(box: Box, anchor: str = "t", autofit: bool = True) -> str:
    fit = "<a:normAutofit/>" if autofit else "<a:noAutofit/>"
    return (f'<a:bodyPr vert="horz" wrap="square" lIns="{pt(box.inset_l)}" tIns="{pt(box.inset_t)}" '
            f'rIns="{pt(box.inset_r)}" bIns="{pt(box.inset_b)}" rtlCol="0" anchor="{anchor}">{fit}</a:bodyPr>')


def _lvl1(d: _Draw, algn: str | None = None, size: float | None = None, color: str | None = None, bold: bool | None = None,
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
    fill = f"<a:solidFill>{d.clr(color)}</a:solidFill>" if color else ""
    inner += f"<a:defRPr{size_attrs}{bold_attr}>{fill}</a:defRPr>" if (fill or size_attrs or bold_attr) else ""
    return f"<a:lstStyle><a:lvl1pPr{attrs}>{inner}</a:lvl1pPr></a:lstStyle>"


def placeholder(d: _Draw, name: str, ph: str, box: Box | None, prompt: str, *, anchor: str = "t",
                lst: str = "<a:lstStyle/>", field: bool = False) -> str:
    """A placeholder shape; `ph` is the inside of `<p:ph …/>` (e.g. `type="title"`)."""
    sid = d.next()
    lang = d.lang
    sppr = f"<p:spPr>{_xfrm(box)}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" if box else "<p:spPr/>"
    body_pr = _body_pr(box, anchor) if box else "<a:bodyPr/>"
    if field:
        para = (f'<a:p><a:fld id="{{7A1C8E0B-4D2F-4E4B-9C52-3C1B5E0D9A01}}" type="slidenum"><a:rPr lang="{lang}"/>'
                f"<a:t>‹#›</a:t></a:fld><a:endParaRPr lang=\"{lang}\"/></a:p>")
    else:
        para = f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{_esc(prompt)}</a:t></a:r><a:endParaRPr lang="{lang}"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>{sppr}<p:txBody>{body_pr}{lst}{para}</p:txBody></p:sp>")


def rect(d: _Draw, name: str, box: Box, color: str, *, outline: float | None = None) -> str:
    """A decorative rectangle drawn by the master or a layout: filled, or with `outline` only (pt)."""
    sid = d.next()
    if outline is None:
        paint = f"<a:solidFill>{d.clr(color)}</a:solidFill><a:ln><a:noFill/></a:ln>"
    else:
        paint = f'<a:noFill/><a:ln w="{pt(outline)}"><a:solidFill>{d.clr(color)}</a:solidFill></a:ln>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name={quoteattr(name)}/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{paint}</p:spPr></p:sp>')


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
          '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def _bg(d: _Draw, color: str) -> str:
    return f"<p:bg><p:bgPr><a:solidFill>{d.clr(color)}</a:solidFill><a:effectLst/></p:bgPr></p:bg>"


# ------------------------------------------------------------------------------------ decorations

def _edge(d: _Draw, prefix: str, color: str) -> str:
    """The edge decoration of a full-colour slide (cover, divider, closing): band, bar, frame or none."""
    dec = d.theme.decor
    if dec.edge == "band":
        return rect(d, f"{prefix} Band", Box(0, H - dec.band, W, dec.band), color)
    if dec.edge == "bar":
        return rect(d, f"{prefix} Bar", Box(0, 0, dec.band, H), color)
    if dec.edge == "frame":
        return rect(d, f"{prefix} Frame", Box(FRAME_INSET, FRAME_INSET, W - 2 * FRAME_INSET, H - 2 * FRAME_INSET),
                    color, outline=HAIRLINE)
    return ""


def _title_rule(d: _Draw) -> str:
    """The rule under content titles (`decor.title_rule`), on the master."""
    c = d.theme.roles.content
    style = d.theme.decor.title_rule
    strong = c.bullet or c.title
    full = {"split": 1.5, "line": 2.0}.get(style)
    out = rect(d, "Title Rule", Box(grid.MARGIN, grid.TITLE_RULE_Y, grid.CONTENT_W, full), c.ornament) if full else ""
    if style in ("split", "accent"):
        out += rect(d, "Title Accent", Box(grid.MARGIN, grid.TITLE_RULE_Y - 1.5, 96, 4.5), strong)
    return out


def _header(d: _Draw) -> str:
    c = d.theme.roles.content
    return rect(d, "Header Strip", Box(0, 0, W, 6), c.bullet or c.title) if d.theme.decor.header == "strip" else ""


# ----------------------------------------------------------------------------------------- master

_PROMPTS = {
    "zh": {"title": "单击此处编辑母版标题样式", "body": "单击此处编辑母版文本样式", "subtitle": "单击此处编辑副标题",
           "presenter": "主讲人、日期", "label": "一、", "footer": "页脚", "closing": "结束语",
           "pic": "单击图标添加图片", "chart": "单击图标添加图表", "tbl": "单击图标添加表格"},
    "en": {"title": "Click to edit Master title style", "body": "Click to edit Master text styles",
           "subtitle": "Click to edit subtitle", "presenter": "Presenter, date", "label": "1",
           "footer": "Footer", "closing": "Closing line", "pic": "Click icon to add picture",
           "chart": "Click icon to add chart", "tbl": "Click icon to add table"},
}


def prompts(lang: str) -> dict[str, str]:
    return _PROMPTS["zh" if is_cjk_language(lang) else "en"]


def _ppr_attrs() -> str:
    return 'eaLnBrk="1" latinLnBrk="0" hangingPunct="0"'


def _text_styles(d: _Draw) -> str:
    theme = d.theme
    s = theme.sizes
    c = theme.roles.content
    title = (f'<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" {_ppr_attrs()}>'
             f'<a:lnSpc><a:spcPct val="{round(grid.TITLE_PARAS.line_spacing * 100000)}"/></a:lnSpc>'
             f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
             f'<a:defRPr sz="{hundredths(s.title.max)}" b="1" kern="1200"><a:solidFill>{d.clr(d.fg("content", "title"))}</a:solidFill>'
             f'<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
             f"</a:lvl1pPr></p:titleStyle>")
    levels = []
    bullet_color = c.bullet or c.title
    for lvl in range(1, 10):
        size = s.body.max if lvl == 1 else max(s.body.min - 2, s.body.max - 4 * (lvl - 1))
        indent = grid.BODY_PARAS.indent
        mar = indent * lvl
        char = theme.decor.bullet if lvl == 1 else "–"
        bullet_pts = round(size * (0.6 if lvl == 1 else 0.9))
        levels.append(
            f'<a:lvl{lvl}pPr marL="{pt(mar)}" indent="{-pt(indent)}" algn="l" defTabSz="914400" rtl="0" {_ppr_attrs()}>'
            f'<a:lnSpc><a:spcPct val="{round(grid.BODY_PARAS.line_spacing * 100000)}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{hundredths(grid.BODY_PARAS.space_before if lvl == 1 else 4)}"/></a:spcBef>'
            f'<a:buClr>{d.clr(bullet_color)}</a:buClr><a:buSzPts val="{bullet_pts * 100}"/><a:buFont typeface="Arial"/>'
            f"<a:buChar char={quoteattr(char)}/>"
            f'<a:defRPr sz="{hundredths(size)}" kern="1200"><a:solidFill>{d.clr(d.fg("content", "body"))}</a:solidFill>'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{lvl}pPr>')
    other = (f'<p:otherStyle><a:defPPr><a:defRPr lang="zh-CN"/></a:defPPr><a:lvl1pPr marL="0" algn="l" defTabSz="914400" '
             f'rtl="0" {_ppr_attrs()}><a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
             f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:otherStyle>')
    return f'<p:txStyles>{title}<p:bodyStyle>{"".join(levels)}</p:bodyStyle>{other}</p:txStyles>'


def _footer_shapes(d: _Draw, with_rule: bool = True) -> str:
    c = d.theme.roles.content
    muted = d.fg("content", "footer")
    size = d.theme.sizes.footer
    out = ""
    if with_rule and d.theme.decor.footer_rule:
        out += rect(d, "Footer Rule", Box(grid.MARGIN, grid.FOOTER_RULE_Y, grid.CONTENT_W, 0.75), c.ornament)
    out += placeholder(d, "Footer Placeholder", 'type="ftr" sz="quarter" idx="11"', grid.FOOTER, prompts(d.lang)["footer"],
                       anchor="ctr", lst=_lvl1(d, "l", size, muted))
    out += placeholder(d, "Slide Number Placeholder", 'type="sldNum" sz="quarter" idx="12"', grid.SLIDE_NUMBER, "",
                       anchor="ctr", lst=_lvl1(d, "r", size, muted), field=True)
    return out


def master_xml(theme: Theme, layout_rids: list[str], lang: str) -> str:
    """The slide master: background, title/body/footer placeholders, the theme's rules, text styles."""
    d = _Draw(theme, lang)
    c = theme.roles.content
    p = prompts(lang)
    shapes = (
        _header(d)
        + placeholder(d, "Title Placeholder", 'type="title"', grid.TITLE, p["title"], anchor="b")
        + placeholder(d, "Text Placeholder", 'type="body" idx="1"', grid.BODY, p["body"])
        + _title_rule(d)
        + _footer_shapes(d))
    ids_xml = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldMaster {NS}><p:cSld>{_bg(d, c.background)}'
            f"<p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>{clr_map(theme.dark)}<p:sldLayoutIdLst>{ids_xml}</p:sldLayoutIdLst>"
            f"<p:hf hdr=\"0\" dt=\"0\"/>{_text_styles(d)}</p:sldMaster>")


# ---------------------------------------------------------------------------------------- layouts

@record(frozen=True)
class LayoutSpec:
    """One layout of the built-in master: its name, its OOXML type, and the role it serves."""

    name: str
    type: str
    role: str


def _layout_specs() -> tuple[LayoutSpec, ...]:
    from deckgen.plan.kinds import EXTRA_LAYOUTS, KINDS

    kinds = tuple(LayoutSpec(k.builtin, k.builtin_type, k.role.value) for k in KINDS.values())
    extra = tuple(LayoutSpec(name, kind, name.lower().replace(" ", "-")) for name, kind in EXTRA_LAYOUTS)
    return kinds + extra


# Every layout of the built-in master: one per slide kind (`deckgen.plan.kinds`), then Title Only and Blank.
LAYOUTS = _layout_specs()


def _layout(d: _Draw, spec: LayoutSpec, body: str, *, bg: str | None = None, show_master: bool = True) -> str:
    show = "" if show_master else ' showMasterSp="0"'
    background = _bg(d, bg) if bg else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout {NS}{show} type="{spec.type}" preserve="1">'
            f'<p:cSld name={quoteattr(spec.name)}>{background}<p:spTree>{_GROUP}{body}</p:spTree></p:cSld>'
            f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>")


def _cover(d: _Draw, spec: LayoutSpec) -> str:
    c, s, p = d.theme.roles.title, d.theme.sizes, prompts(d.lang)
    body = (_edge(d, "Cover", c.ornament)
            + rect(d, "Cover Rule", Box(grid.COVER_TITLE.x + grid.COVER_TITLE.inset_l, grid.COVER_RULE_Y, 120, 3), c.ornament)
            + placeholder(d, "Title 1", 'type="ctrTitle"', grid.COVER_TITLE, p["title"], anchor="b",
                          lst=_lvl1(d, "l", s.cover_title.max, d.fg("title", "title"), True, line=grid.COVER_TITLE_PARAS.line_spacing))
            + placeholder(d, "Subtitle 2", 'type="subTitle" idx="1"', grid.COVER_SUBTITLE, p["subtitle"],
                          lst=_lvl1(d, "l", s.cover_subtitle.max, d.fg("title", "subtitle"), False, bullet=False, space_before=0))
            + placeholder(d, "Presenter 3", 'type="body" sz="quarter" idx="13"', grid.COVER_BYLINE, p["presenter"],
                          lst=_lvl1(d, "l", s.byline.max, d.fg("title", "byline"), False, bullet=False,
                                    space_before=grid.PLAIN_PARAS.space_before)))
    return _layout(d, spec, body, bg=c.background, show_master=False)


def _divider(d: _Draw, spec: LayoutSpec) -> str:
    c, s, p = d.theme.roles.section, d.theme.sizes, prompts(d.lang)
    style = d.theme.decor.divider
    deco = rect(d, "Divider Panel", Box(0, 0, grid.SECTION_RULE_X, H), c.panel or c.ornament) if style == "panel" else ""
    deco += _edge(d, "Divider", c.ornament)
    if style == "rule":
        deco += rect(d, "Divider Rule", Box(grid.SECTION_RULE_X, grid.SECTION_TITLE.y + 40, 3, grid.SECTION_TITLE.h - 80), c.ornament)
    body = (deco
            + placeholder(d, "Section Label 2", 'type="body" idx="1"', grid.SECTION_LABEL, p["label"], anchor="ctr",
                          lst=_lvl1(d, "r", s.section_label.max, d.fg("section", "label"), True, bullet=False, space_before=0, line=0.9))
            + placeholder(d, "Title 1", 'type="title"', grid.SECTION_TITLE, p["title"], anchor="ctr",
                          lst=_lvl1(d, "l", s.section_title.max, d.fg("section", "title"), True, line=grid.TITLE_PARAS.line_spacing)))
    return _layout(d, spec, body, bg=c.background, show_master=False)


def _closing(d: _Draw, spec: LayoutSpec) -> str:
    c, s, p = d.theme.roles.closing, d.theme.sizes, prompts(d.lang)
    body = (_edge(d, "Closing", c.ornament)
            + rect(d, "Closing Rule", Box(W / 2 - 60, grid.CLOSING_TITLE.y + grid.CLOSING_TITLE.h + 6, 120, 3), c.ornament)
            + placeholder(d, "Title 1", 'type="ctrTitle"', grid.CLOSING_TITLE, p["closing"], anchor="b",
                          lst=_lvl1(d, "ctr", s.closing_title.max, d.fg("closing", "title"), True, line=grid.COVER_TITLE_PARAS.line_spacing))
            + placeholder(d, "Text 2", 'type="body" idx="1"', grid.CLOSING_BODY, p["body"],
                          lst=_lvl1(d, "ctr", s.cover_subtitle.max, d.fg("closing", "body"), False, bullet=False,
                                    space_before=grid.PLAIN_PARAS.space_before)))
    return _layout(d, spec, body, bg=c.background, show_master=False)


def layout_xml(spec: LayoutSpec, theme: Theme, lang: str) -> str:
    """The XML of one built-in layout."""
    d = _Draw(theme, lang)
    if spec.role == "title":
        return _cover(d, spec)
    if spec.role == "section":
        return _divider(d, spec)
    if spec.role == "closing":
        return _closing(d, spec)
    p, s = prompts(lang), theme.sizes
    footer = _footer_shapes(d, with_rule=False)  # drawn first: its ids come first, as in earlier decks
    title = "" if spec.role == "statement" else placeholder(d, "Title 1", 'type="title"', None, "")
    if spec.role == "content":
        return _layout(d, spec, title + placeholder(d, "Content Placeholder 2", 'idx="1"', None, p["body"]) + footer)
    if spec.role == "agenda":
        body = placeholder(d, "Agenda 2", 'type="body" idx="1"', grid.BODY, p["body"],
                           lst=_lvl1(d, None, s.body.max, d.fg("agenda", "body"), bullet=False, space_before=grid.AGENDA_PARAS.space_before))
        return _layout(d, spec, title + body + footer)
    if spec.role == "statement":
        body = (_header(d)
                + placeholder(d, "Title 1", 'type="title"', grid.STATEMENT, p["title"], anchor="ctr",
                              lst=_lvl1(d, "ctr", s.statement.max, d.fg("statement", "title"), True))
                + placeholder(d, "Source 2", 'type="body" idx="1"', grid.STATEMENT_SOURCE, p["body"],
                              lst=_lvl1(d, "r", s.cover_subtitle.max, d.fg("statement", "source"), False, bullet=False, space_before=0))
                + footer)
        return _layout(d, spec, body, show_master=False)
    if spec.role == "title-only":
        return _layout(d, spec, title + footer)
    if spec.role == "blank":
        return _layout(d, spec, "")
    return _generated(d, spec, footer)


# ------------------------------------------------------------------------------ generated layouts

def _quote_decor(d: _Draw) -> str:
    """A quote slide: the header strip (when the theme has one) and a short accent rule above the quotation."""
    c = d.theme.roles.content
    return _header(d) + rect(d, "Quote Rule", Box(W / 2 - 40, grid.QUOTE_RULE_Y, 80, 3), c.accent)


def _compare_decor(d: _Draw) -> str:
    """A comparison: the master's rules (drawn here: the master's body box would lie under the column
    rule) and a hairline between the two columns."""
    c = d.theme.roles.content
    x = grid.LEFT_BODY.x + grid.LEFT_BODY.w + grid.COLUMN_GAP / 2
    rule = rect(d, "Footer Rule", Box(grid.MARGIN, grid.FOOTER_RULE_Y, grid.CONTENT_W, 0.75), c.ornament) if d.theme.decor.footer_rule else ""
    return (_header(d) + _title_rule(d) + rule
            + rect(d, "Column Rule", Box(x, grid.LEFT_HEAD.y + 8, HAIRLINE, grid.LEFT_BODY.y + grid.LEFT_BODY.h - grid.LEFT_HEAD.y - 16),
                   c.ornament))


# Decorations of generated layouts, by kind, and whether the layout shows the master's shapes (title rule…).
DECORATIONS = {"quote": (_quote_decor, False), "compare": (_compare_decor, False)}


def _generated(d: _Draw, spec: LayoutSpec, footer: str) -> str:
    """The layout of a kind made from its slots (`deckgen.plan.kinds`): a title placeholder (the master's
    where the slot is the content title's), a body placeholder for each text slot set in its size range,
    colour, alignment and anchor, a picture, chart or table placeholder for those slots; areas get none
    (the kind's render function draws there). Decorations come from `DECORATIONS`."""
    from deckgen.outline.model import Role
    from deckgen.plan.kinds import AREA, KINDS, TEXT

    kind = KINDS[Role(spec.role)]
    decorate, show_master = DECORATIONS.get(spec.role, (None, True))
    p, sizes = prompts(d.lang), d.theme.sizes
    shapes = decorate(d) if decorate else ""
    idx = 0
    for slot in kind.slots:
        box = slot.frame.box
        if slot.title:
            inherit = box == grid.TITLE
            shapes += placeholder(d, "Title 1", 'type="title"', None if inherit else box, "" if inherit else p["title"],
                                  anchor="b")
            continue
        if slot.content == AREA:
            continue
        idx += 1
        name = f"{slot.name.replace('_', ' ').title()} {idx + 1}"
        if slot.content != TEXT:
            shapes += placeholder(d, name, f'type="{slot.content}" idx="{idx}"', box, p[slot.content])
            continue
        color = d.colors.get((spec.role, slot.color or slot.name)) or d.colors[("content", "body")]
        style = slot.frame.style
        lst = (_lvl1(d, slot.align, getattr(sizes, slot.size).max, color.fg, style.bold or None) if slot.bullet else
               _lvl1(d, slot.align, getattr(sizes, slot.size).max, color.fg, style.bold, bullet=False, space_before=0,
                     line=style.line_spacing))
        shapes += placeholder(d, name, f'type="body" idx="{idx}"', box, p["body"], anchor=slot.anchor, lst=lst)
    return _layout(d, spec, shapes + footer, show_master=show_master)
