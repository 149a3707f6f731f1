"""Which layout of a template serves each slide kind: by type, by name (many languages and conventions), by
placeholder geometry, across every slide master; each choice with the reason it was made."""
from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Iterable, Optional

from deckgen.outline.typed import record
from deckgen.package import ns
from deckgen.outline.model import Role
from deckgen.plan.kinds import KINDS
from deckgen.render.pptx_api import element
from deckgen.text.frame import EMU_PER_PT

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout


# Layout names per role, normalised (see `normalise`): PowerPoint's stock names in English, Chinese
# (simplified, traditional), Japanese, Korean, Spanish, Portuguese, French, German; Google Slides and
# Keynote exports; and the page names of template sites and WPS (封面, 目录, 过渡页, 内容页, 结束页…).
NAMES: dict[Role, tuple[str, ...]] = {
    Role.TITLE: ("title slide", "标题幻灯片", "標題投影片", "タイトル スライド", "タイトルスライド", "제목 슬라이드",
                 "diapositiva de título", "diapositive de titre", "titelfolie", "slide de título", "título da apresentação",
                 "title", "title and subtitle", "title & subtitle", "cover", "cover page", "title page", "封面", "封面页",
                 "首页", "标准封面", "start", "portada", "capa", "titre", "表紙"),
    Role.SECTION: ("section header", "节标题", "章節標題", "章节标题", "セクション見出し", "구역 머리글", "encabezado de sección",
                   "en-tête de section", "abschnittsüberschrift", "cabeçalho da seção", "cabeçalho de seção",
                   "section title", "section", "section title and description", "divider", "part", "过渡页", "过渡",
                   "章节页", "章节", "转场页", "分隔页"),
    Role.CONTENT: ("title and content", "标题和内容", "標題及內容", "標題及物件", "タイトルとコンテンツ", "제목 및 내용",
                   "título y objetos", "título y contenido", "titre et contenu", "titel und inhalt", "título e conteúdo",
                   "título e objeto", "conteúdo", "contenido", "contenu", "title and body", "title and text", "标题和文本",
                   "标题和正文", "content", "body", "one column text", "text", "内容", "内容页", "正文", "正文页", "内页",
                   "内页幻灯片", "内页版式", "内文页", "内文次页"),
    Role.AGENDA: ("agenda", "目录", "目錄", "目录页", "contents", "table of contents", "outline", "议程", "目次",
                  "índice", "sommaire", "tagesordnung"),
    Role.STATEMENT: ("statement", "quote", "引用", "quote with caption", "main point", "金句", "引言"),
    Role.CLOSING: ("closing", "结束", "结束语", "结束页", "结尾", "结尾页", "谢谢", "致谢", "感谢", "封底", "end", "ending",
                   "the end", "thank you", "thanks", "末尾幻灯片", "结束幻灯片", "终页"),
}
# Words that make a name lean towards a role when it is not one of the names above.
KEYWORDS: dict[Role, tuple[str, ...]] = {
    Role.TITLE: ("封面", "title slide", "タイトル スライド", "título da apresentação", "titelfolie", "cover"),
    Role.SECTION: ("节标题", "章节", "过渡", "章節", "セクション", "section", "sección", "abschnitt", "seção", "section"),
    Role.CONTENT: ("内容", "正文", "内页", "内文", "content", "conteúdo", "contenido", "contenu", "inhalt", "コンテンツ",
                   "body", "text"),
    Role.AGENDA: ("目录", "目錄", "agenda", "contents"),
    Role.STATEMENT: ("quote", "引用", "statement"),
    Role.CLOSING: ("结束", "结尾", "谢谢", "感谢", "thank", "ending", "末尾", "封底"),
}
TITLE_TYPES = ("title", "ctrTitle", "vertTitle")
BODY_TYPES = ("body", "obj", "vertBody", "vertObj")
CHROME_TYPES = ("dt", "ftr", "sldNum", "hdr")


def normalise(name: str) -> str:
    """A layout name for matching: lower case, copies' numbers dropped (`1_标题幻灯片`, `Title and Content 1`),
    a trailing parenthesis dropped (`Título da Apresentação (Limpo)`), `_` and runs of spaces as one space."""
    s = name.strip().lower()
    s = re.sub(r"^\d+_", "", s)
    s = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", s)
    s = re.sub(r"[\s_-]*\d+$", "", s)
    s = s.replace("_", " ")
    return re.sub(r"\s+", " ", s).strip()


@record(frozen=True)
class Placeholder:
    """A placeholder of a layout: its type (`title`, `body`, `subTitle`, …), index, name and box in points."""

    type: str
    idx: int
    name: str
    box: Optional[tuple[float, float, float, float]]

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3] if self.box else 0.0


@record
class LayoutInfo:
    """What role recognition needs to know of one layout."""

    layout: "SlideLayout"
    master: int
    index: int
    name: str
    type: str
    placeholders: list[Placeholder] = field(default_factory=list)
    decorations: int = 0
    used_by: int = 0  # sample slides on this layout
    designed: bool = False  # it draws something: decorations of its own, or its master's where it shows them
    covered: float = 0.0  # the share of the title's place (its placeholder, or the free band a text box takes) that
    # the layout's own text covers (a notice, a heading of its own): the lecture's title would be set over it

    @property
    def title(self) -> Optional[Placeholder]:
        return next((p for p in self.placeholders if p.type in TITLE_TYPES), None)

    @property
    def bodies(self) -> list[Placeholder]:
        return [p for p in self.placeholders if p.type in BODY_TYPES and not _labelled(p.name)]

    @property
    def subtitle(self) -> Optional[Placeholder]:
        return next((p for p in self.placeholders if p.type == "subTitle"), None)

    def name_role(self) -> Optional[Role]:
        """The role the layout's name says exactly, if any."""
        n = normalise(self.name)
        return next((role for role, names in NAMES.items() if n in names), None)


def _labelled(name: str) -> bool:
    lowered = name.lower()
    return any(w in lowered for w in ("label", "number", "编号", "序号"))


def _box(ph: object) -> Optional[tuple[float, float, float, float]]:
    try:
        left, top, width, height = ph.left, ph.top, ph.width, ph.height  # type: ignore[attr-defined]
    except (AttributeError, ValueError, KeyError):
        return None
    if None in (left, top, width, height):
        return None
    return left / EMU_PER_PT, top / EMU_PER_PT, width / EMU_PER_PT, height / EMU_PER_PT


def _ph_type(ph: object) -> str:
    el = element(ph).find(".//{%s}ph" % ns.P)
    return (el.get("type") if el is not None else None) or "obj"


def decorations(el: object) -> int:
    """Pictures, drawn shapes, groups and picture/gradient backgrounds of a master, layout or slide element."""
    P = "{%s}" % ns.P
    tree = el.find(f"{P}cSld/{P}spTree")  # type: ignore[attr-defined]
    n = 0
    for child in tree if tree is not None else []:
        tag = child.tag.replace(P, "")
        if tag in ("pic", "grpSp", "cxnSp", "graphicFrame") or (tag == "sp" and child.find(f".//{P}ph") is None):
            n += 1
    bg = el.find(f"{P}cSld/{P}bg")  # type: ignore[attr-defined]
    if bg is not None and any(x.tag.endswith(("blipFill", "gradFill")) for x in bg.iter()):
        n += 1
    return n


def describe(prs: "PresentationT") -> list[LayoutInfo]:
    """Every layout of every slide master, in order, with its placeholders and decorations."""
    used: dict[int, int] = {}
    for slide in prs.slides:
        used[id(element(slide.slide_layout))] = used.get(id(element(slide.slide_layout)), 0) + 1
    out = []
    size = (prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    for m, master in enumerate(prs.slide_masters):
        for layout in master.slide_layouts:
            phs = [Placeholder(_ph_type(ph), ph.placeholder_format.idx, ph.name, _box(ph)) for ph in layout.placeholders]
            el = element(layout)
            info = LayoutInfo(layout, m, len(out), layout.name, el.get("type", "cust"), phs, decorations(el),
                              used.get(id(el), 0))
            info.covered = _covered(info, size)
            shows = el.get("showMasterSp", "1") not in ("0", "false")
            info.designed = info.decorations > 0 or (shows and decorations(element(master)) > 0)
            out.append(info)
    return out


COVERED = 0.2  # a layout whose own text covers more of the title's place is unfit for a role with a title
COVER_PENALTY = 6.0  # what that costs it: more than a type and a name say for it


def _covered(info: LayoutInfo, slide: tuple[float, float]) -> float:
    """The share of the title's place on `info`'s layout that the layout's own text (text boxes, not
    placeholders) covers: its title placeholder's box, or the band a text box standing in for it takes."""
    from deckgen.render.room import free_frames, own_texts

    texts = own_texts(info.layout)
    if not texts:
        return 0.0
    place = info.title.box if info.title is not None and info.title.box else free_frames(info.layout, slide, None, None)[0]
    area = place[2] * place[3]
    return min(1.0, sum(_overlap(place, t) for t in texts) / area) if area > 0 else 0.0


@record
class Choice:
    """The layout chosen for a role and how: `via` is `type`, `name`, `type+name`, `geometry`, `user`,
    `fallback:<role>` or `missing`; `why` says it in words for `deckgen template inspect`."""

    role: str
    layout: Optional["SlideLayout"]
    via: str
    why: str = ""
    passed: str = ""  # a layout that would have served but draws its own text where the title goes
    covered: bool = False  # the chosen layout does so itself (no other served): the title is set over that text


def _primary_master(infos: list[LayoutInfo], decor: list[int]) -> int:
    """The master that carries the template's design: the one the sample slides use most, else the one
    with most decorations (a WPS template's first master is often its plain default)."""
    if not infos:
        return 0
    masters = sorted({i.master for i in infos})
    return max(masters, key=lambda m: (sum(i.used_by for i in infos if i.master == m),
                                       decor[m] + sum(i.decorations for i in infos if i.master == m), -m))


def _names(role: Role) -> tuple[str, ...]:
    """The names that say `role`: the table above and the kind's own layout names."""
    return NAMES.get(role, ()) + tuple(normalise(n) for n in KINDS[role].layout_names)


def _name_score(info: LayoutInfo, role: Role) -> tuple[float, str]:
    n = normalise(info.name)
    if n in _names(role):
        return 4.0, "name"
    if any(k in n for k in KEYWORDS.get(role, ())):
        return 2.0, "name"
    return 0.0, ""


def _geometry(info: LayoutInfo, role: Role, slide: tuple[float, float]) -> float:
    """How well the placeholders suit `role`: a title over the largest body for content and agenda; a
    title that stands alone, centred or large, for title, section, statement and closing."""
    w, h = slide
    area = w * h or 1.0
    title = info.title
    body = max((p.area for p in info.bodies), default=0.0) + (info.subtitle.area if info.subtitle and role in (Role.CONTENT, Role.AGENDA) and not info.bodies else 0.0)
    score = 0.0
    if role in (Role.CONTENT, Role.AGENDA):
        score += 1.0 if title else 0.0
        score += 2.0 if body / area >= 0.2 else (1.0 if body else 0.0)
        if title is not None and body < title.area:
            score -= 2.0  # a title larger than its body: a cover or divider named like a content layout
        if title is not None and any(_overlap(title.box, p.box) > 0.3 * title.area for p in info.bodies):
            score -= 8.0  # a title drawn over its body (a layout left from a copy): text would collide, never chosen
    else:
        if title is not None and title.box and title.box[3] > title.box[2]:
            score -= 1.0  # a title box taller than wide: a vertical title down the side, not one standing alone
        elif title is not None:
            score += 1.0
            if title.type == "ctrTitle" or (title.box and 0.25 * h <= title.box[1] + title.box[3] / 2 <= 0.75 * h):
                score += 1.0
        score += 0.5 if body / area < 0.15 else 0.0
    return score


def _overlap(a: Optional[tuple[float, float, float, float]], b: Optional[tuple[float, float, float, float]]) -> float:
    """The area two boxes share (0 when either is unknown)."""
    if a is None or b is None:
        return 0.0
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _capable(info: LayoutInfo, role: Role) -> float:
    """A penalty when the layout lacks a placeholder the role's text needs (text boxes stand in, but a
    layout with real placeholders is better)."""
    penalty = 0.0 if info.title is not None else -3.0
    if role in (Role.CONTENT, Role.AGENDA) and not info.bodies and info.subtitle is None:
        penalty -= 2.0
    return penalty


def score(info: LayoutInfo, role: Role, slide: tuple[float, float], primary: int) -> tuple[float, str]:
    """The layout's fitness for `role` and how it was recognised (type, name, geometry)."""
    k = KINDS[role]
    total, via = 0.0, []
    if info.type in k.layout_types:
        total += 3.0
        via.append("type")
    named, how = _name_score(info, role)
    if named:
        total += named
        via.append(how)
    other = info.name_role()
    if other is not None and other != role:
        # named for another role; a closing page's design (a title standing alone) suits a cover, and the
        # closing falls back to the cover's layout: for each other, less so
        total -= 0.5 if {role, other} == {Role.TITLE, Role.CLOSING} else 3.0
    total += _geometry(info, role, slide) + _capable(info, role)
    if info.covered > COVERED:
        total -= COVER_PENALTY  # the layout's own words where the title goes (a notice page typed as a cover): a last resort
    total += 1.0 if info.master == primary else 0.0
    total += 0.5 if info.used_by else 0.0  # the template's own slides use it: a tie goes to the layout in use
    return total, "+".join(via) or "geometry"


def choose(infos: list[LayoutInfo], slide: tuple[float, float], decor: Optional[list[int]] = None,
           wanted: Optional[dict[str, str]] = None) -> dict[str, Choice]:
    """The layout for every kind. `wanted` maps a role to a layout name or 1-based number (the user's
    `template_roles`). Kinds that must exist (title, content) take the best layout there is; the others
    take a layout recognised by type or name, else their fallback kind's."""
    primary = _primary_master(infos, decor or [0] * (1 + max((i.master for i in infos), default=0)))
    chosen: dict[str, Choice] = {}
    order = sorted(KINDS.values(), key=lambda k: (not k.required, k.fallback is not None))
    for k in order:
        role = k.role.value
        pick = _wanted(infos, (wanted or {}).get(role))
        if pick is not None:
            chosen[role] = Choice(role, pick.layout, "user", f"named by you: {pick.name!r}")
            continue
        ranked = _designed_first(sorted(((score(i, k.role, slide, primary), i) for i in infos),
                                        key=lambda t: (-t[0][0], t[1].index)), infos, primary)
        if k.required or k.fallback is None:
            if ranked:
                (value, via), best = ranked[0]
                chosen[role] = Choice(role, best.layout, via, _why(best, via, value), covered=best.covered > COVERED)
                if (first := max(ranked, key=lambda t: t[0][0])[1]) is not best:
                    chosen[role].why += f"; the plain {first.name!r} of master {first.master + 1} passed over"
                passed = next((i for (v, _), i in ranked[1:] if i.covered > COVERED and v + COVER_PENALTY > value), None)
                if passed is not None:
                    chosen[role].passed = passed.name
                    chosen[role].why += f"; {passed.name!r} passed over: its own text covers the title's place"
            else:
                chosen[role] = Choice(role, None, "missing", "the template has no layouts")
            continue
        known = [(s, i) for s, i in ranked if "type" in s[1] or "name" in s[1]]
        fallback_info = next((i for i in infos if k.fallback and (c := chosen.get(k.fallback.value)) is not None
                              and i.layout is c.layout), None)
        plain = ""
        if known and _plain(known[0][1], infos, primary) and fallback_info is not None \
                and fallback_info.designed and fallback_info.master == primary:
            # a plain default page of another master: the fallback's page in the template's design
            plain = f" in the template's design ({known[0][1].name!r} of master {known[0][1].master + 1} draws nothing)"
            known = []
        if known and known[0][0][0] >= 3.0:
            (value, via), best = known[0]
            chosen[role] = Choice(role, best.layout, via, _why(best, via, value), covered=best.covered > COVERED)
        else:
            fallback = _stand_alone(k.role, chosen) or k.fallback
            inner = chosen.get(fallback.value) if fallback else None
            layout = inner.layout if inner else None
            chosen[role] = Choice(role, layout, f"fallback:{fallback.value}" if layout is not None else "missing",  # type: ignore[union-attr]
                                  f"no {role} layout{plain}; the {fallback.value} layout serves" if layout is not None else "")  # type: ignore[union-attr]
    return {k.role.value: chosen[k.role.value] for k in KINDS.values()}


def _plain(info: LayoutInfo, infos: list[LayoutInfo], primary: int) -> bool:
    """Whether `info` is a plain page of a master other than the design's (a WPS file's default master, its
    layouts drawing nothing) while the design's master has pages that draw."""
    return not info.designed and info.master != primary and any(i.designed for i in infos if i.master == primary)


def _designed_first(ranked: list[tuple[tuple[float, str], LayoutInfo]], infos: list[LayoutInfo],
                    primary: int) -> list[tuple[tuple[float, str], LayoutInfo]]:
    """`ranked` with a layout of the design's master that is recognised for the role (by type or name) and
    draws, first, when the best is a `_plain` page of another master: a cover named 标题幻灯片 on the
    template's master, its photo and no title placeholder (text boxes stand in), over the default master's
    typed but empty title layout."""
    if not ranked or not _plain(ranked[0][1], infos, primary):
        return ranked
    alt = next((t for t in ranked if t[1].master == primary and t[1].designed and t[1].covered <= COVERED
                and ("type" in t[0][1] or "name" in t[0][1])), None)
    return ranked if alt is None else [alt] + [t for t in ranked if t is not alt]


def _stand_alone(role: Role, chosen: dict[str, Choice]) -> Optional[Role]:
    """For a statement without a layout of its own: the template's section layout, whose title stands alone,
    large and mid-slide, when it has one of its own (not a content layout's title over an empty body)."""
    section = chosen.get(Role.SECTION.value)
    if role is Role.STATEMENT and section is not None and section.layout is not None \
            and not section.via.startswith("fallback") and section.via != "missing":
        return Role.SECTION
    return None


def _why(info: LayoutInfo, via: str, value: float) -> str:
    parts = []
    if "type" in via:
        parts.append(f"type {info.type}")
    if "name" in via:
        parts.append(f"name {info.name!r}")
    if via == "geometry":
        parts.append("its placeholders")
    lacking = []
    if info.title is None:
        lacking.append("title")
    if not info.bodies and info.subtitle is None:
        lacking.append("body")
    tail = f"; no {' or '.join(lacking)} placeholder (text boxes stand in)" if lacking else ""
    if info.covered > COVERED:
        tail += "; its own text covers the title's place"
    return f"{', '.join(parts)} (master {info.master + 1}, score {value:g}){tail}"


def _wanted(infos: Iterable[LayoutInfo], spec: Optional[str]) -> Optional[LayoutInfo]:
    if not spec:
        return None
    infos = list(infos)
    if spec.isdigit() and 1 <= int(spec) <= len(infos):
        return infos[int(spec) - 1]
    exact = [i for i in infos if i.name == spec] or [i for i in infos if normalise(i.name) == normalise(spec)]
    return exact[0] if exact else None


def bare_roles(roles: Iterable[Choice]) -> frozenset[str]:
    """The roles whose layout draws nothing: no picture, shape or picture or gradient background on it, nor on
    its master where the layout shows the master's."""
    out = set()
    for c in roles:
        if c.layout is None:
            continue
        shows = element(c.layout).get("showMasterSp", "1") not in ("0", "false")
        if not decorations(element(c.layout)) and not (shows and decorations(element(c.layout.slide_master))):
            out.add(c.role)
    return frozenset(out)
