"""Open an organisation's .pptx/.potx template: check it, empty it, and describe its layouts."""
from __future__ import annotations

import contextlib
import io
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError, DeckgenError
from deckgen.outline.typed import record
from deckgen.render.addlayout import LAYOUT_NAME, add_layout_if_none
from deckgen.render.oxml import A, qn
from deckgen.plan.kinds import KINDS
from deckgen.render.layouts import REQUIRED
from deckgen.render.roles import Choice, LayoutInfo, choose, decorations, describe
from deckgen.render.package import theme_parts
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT


def is_16_9(width: int, height: int) -> bool:
    return height > 0 and abs(width / height - 16 / 9) < 0.005


def _fail(path: Path, message: str) -> ContentError:
    return ContentError([Diagnostic(message, str(path))])


def read_package(path: Path, warnings: Optional[list[Diagnostic]] = None) -> bytes:
    """The bytes of a .pptx (a .potx, .ppsx or macro-free .pptm is relabelled as a presentation), after checks
    against bad zips and parts (`deckgen.package.intake`); what was mended is added to `warnings`.

    Raises `ContentError` for a missing file, a file that is not a zip (encrypted, an old .ppt), a zip that is
    not a presentation, a macro-enabled file, a part that is not well-formed XML or has a DOCTYPE, or one
    whose size or part count is beyond the limits.
    """
    from deckgen.package.intake import Refused, prepare
    from deckgen.package.zipread import BadXml, NotAZip, Package, ZipRefused, file_problem

    why = file_problem(path)
    if why:
        raise _fail(path, f"template {str(path)!r} {why.split('; ')[0]}; give the .pptx or .potx file to --template")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"template {str(path)!r} cannot be read ({exc.strerror})") from None
    try:
        with Package.open(data) as z:
            if not z.has("[Content_Types].xml") or not z.has("ppt/presentation.xml"):
                raise _fail(path, "a zip file, but not a PowerPoint presentation (no ppt/presentation.xml); "
                                  "give a .pptx or .potx saved by PowerPoint")
        intake = prepare(data)
    except NotAZip as exc:
        raise _fail(path, exc.saved_as(".pptx") or "not a PowerPoint file (.pptx/.potx are zip packages; this is not one); "
                          "save the template from PowerPoint as .pptx or .potx") from None
    except Refused as exc:
        raise _fail(path, str(exc)) from None
    except BadXml as exc:  # not well-formed, or a DOCTYPE (entities)
        raise _fail(path, f"the template is damaged ({exc}); open it in PowerPoint, save it again and retry, "
                          "or use another template") from None
    except ZipRefused as exc:  # beyond the limits (a zip bomb?), or a member that cannot be unpacked
        raise _fail(path, str(exc)) from None
    if warnings is not None:
        warnings += [Diagnostic(w, str(path)) for w in intake.warnings]
    return intake.data


def open_template(path: Path, warnings: Optional[list[Diagnostic]] = None) -> "PresentationT":
    """Open `path` as a presentation (see `read_package` for the checks and the `warnings` added); a template
    with no layout at all gets one (`addlayout`), with a warning."""
    data = read_package(path, warnings)
    with reading(path):
        prs = Presentation(io.BytesIO(data))
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        for part in prs.part.package.iter_parts():
            if part.content_type.endswith("xml") and not hasattr(part, "_element"):
                etree.fromstring(part.blob, parser)
        if add_layout_if_none(prs) and warnings is not None:
            warnings.append(Diagnostic("the template has no slide layouts at all (a Keynote export?): deckgen added a "
                                       f"{LAYOUT_NAME!r} layout under its master, with the master's title and body, "
                                       "and builds every slide on it", str(path)))
    return prs


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Report any failure while reading the template at `path` as a `ContentError` (a damaged template),
    not a traceback: python-pptx and lxml raise many kinds for broken packages."""
    try:
        yield
    except DeckgenError:
        raise
    except Exception as exc:
        detail = (str(exc).splitlines() or [""])[0][:200] or type(exc).__name__
        raise _fail(path, f"the template is damaged ({detail}); open it in PowerPoint, save it again "
                          "and retry, or use another template") from None


def remove_slides(prs: "PresentationT") -> int:
    """Remove the template's own slides and every relationship to them; return how many."""
    pres = element(prs.part)
    sld_lst = pres.find(qn("p:sldIdLst"))
    removed = set()
    if sld_lst is not None:
        for sld in list(sld_lst):
            rid = sld.get(qn("r:id"))
            removed.add(prs.part.rels[rid].target_part)
            prs.part.rels.pop(rid)
            sld_lst.remove(sld)
    for custom in pres.findall(qn("p:custShowLst")):
        pres.remove(custom)
    if removed:
        for part in list(prs.part.package.iter_parts()):
            for rid, rel in list(part.rels.items()):
                if not rel.is_external and rel.target_part in removed:
                    part.rels.pop(rid)
    return len(removed)


def east_asian_fonts(prs: "PresentationT") -> list[str]:
    """The East Asian typefaces (major, minor) of the first slide master's theme; '' where none is set."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    out = []
    for kind in ("major", "minor"):
        ea = root.find(f".//{{{A}}}{kind}Font/{{{A}}}ea")
        out.append("" if ea is None else ea.get("typeface", ""))
    return out


# East Asian families by their Latin names (Chinese, Japanese, Korean; Windows, macOS, Linux, the free CJK families)
CJK_FAMILIES = re.compile(r"yahei|jhenghei|simsun|simhei|simkai|simfang|dengxian|kaiti|fangsong|songti|heiti|mingliu|"
                          r"pingfang|hiragino|\bst(?:xihei|song|kaiti|fangsong|heiti|zhongsong)|cjk|source han|"
                          r"ms (?:p?gothic|p?mincho|ui gothic)|yu (?:gothic|mincho)|meiryo|malgun|gulim|batang|dotum|"
                          r"gungsuh|nanum|apple ?sd|wenquanyi|droid sans fallback|sarasa|lxgw|arial unicode|osaka", re.I)


def east_asian_capable(face: str) -> bool:
    """Whether a typeface named as a theme's East Asian font sets Chinese: a name in CJK characters or one of the
    East Asian families' Latin names. Keynote and Google exports name their Latin font (`Apex New`) there."""
    return bool(face) and (any(ord(c) >= 0x2E80 for c in face) or CJK_FAMILIES.search(face) is not None)


def set_east_asian_font(prs: "PresentationT", typeface: str) -> None:
    """Set the East Asian typeface of the major and minor fonts in every theme part (slide and notes masters)."""
    from deckgen.render.package import set_part_xml

    for part in theme_parts(prs):
        root = etree.fromstring(part.blob)
        for kind in ("major", "minor"):
            font = root.find(f".//{{{A}}}{kind}Font")
            if font is None:
                continue
            ea = font.find(f"{{{A}}}ea")
            if ea is None:
                ea = etree.Element(f"{{{A}}}ea")
                latin = font.find(f"{{{A}}}latin")
                (latin.addnext(ea) if latin is not None else font.insert(0, ea))
            ea.set("typeface", typeface)
        set_part_xml(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8"))


@record
class TemplateInfo:
    """What a template offers: its layouts (every master's) and placeholders, the layout chosen per role and
    why, fonts, size, how many slides it has."""

    layouts: list[LayoutInfo] = field(default_factory=list)
    roles: list[Choice] = field(default_factory=list)
    east_asian: list[str] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)
    slides: int = 0
    masters: int = 1

    @property
    def missing(self) -> list[str]:
        return [c.role for c in self.roles if c.layout is None]

    def choice(self, role: str) -> Choice:
        return next(c for c in self.roles if c.role == role)


def inspect(prs: "PresentationT", wanted: Optional[dict[str, str]] = None) -> TemplateInfo:
    """Describe `prs` as a template (before its slides are removed) and choose a layout for every kind;
    `wanted` maps a role to a layout name or number (the user's choice)."""
    info = TemplateInfo(size=(prs.slide_width, prs.slide_height), slides=len(prs.slides),
                        east_asian=east_asian_fonts(prs), masters=len(prs.slide_masters))
    info.layouts = describe(prs)
    slide = (prs.slide_width / 12700, prs.slide_height / 12700)
    decor = [decorations(element(m)) for m in prs.slide_masters]
    chosen = choose(info.layouts, slide, decor, wanted)
    info.roles = [chosen[k.role.value] for k in KINDS.values()]
    return info


def role_warnings(info: TemplateInfo, path: Path, cjk: bool, *, fallbacks: bool = True) -> list[Diagnostic]:
    """One summary warning for the roles that borrow another kind's layout (unless not `fallbacks`: a build
    reports only the roles its deck uses), and warnings for a missing East Asian font and a size other
    than 16:9."""
    out = []
    borrowed = [c for c in info.roles if fallbacks and c.via.startswith("fallback:") and c.layout is not None]
    if borrowed:
        listed = ", ".join(f"{c.role} → {c.layout.name!r}" for c in borrowed)
        out.append(Diagnostic(f"the template has no layout of its own for {len(borrowed)} slide kind"
                              f"{'s' if len(borrowed) > 1 else ''} ({listed}); `deckgen template inspect` "
                              "shows every choice, and `template_roles` in the outline picks others", str(path)))
    out += _covered_warnings(info, path)
    if cjk and not all(east_asian_capable(face) for face in info.east_asian):
        latin = sorted({face for face in info.east_asian if face and not east_asian_capable(face)})
        named = f" ({' and '.join(latin)}, named as such, has no Chinese glyphs)" if latin else ""
        out.append(Diagnostic(f"the template's theme has no East Asian font{named}, so Chinese text falls back to the "
                              "application's default; pass --east-asian-font 微软雅黑 to set one", str(path)))
    if not is_16_9(*info.size):
        out.append(Diagnostic(f"the template is not 16:9 ({info.size[0]}×{info.size[1]} EMU); keeping its size", str(path)))
    return out


def _covered_warnings(info: TemplateInfo, path: Path) -> list[Diagnostic]:
    """One line for a layout passed over because its own text (a notice, a heading of its own) sits where the
    title goes, and one for layouts used although they do (no other layout served)."""
    out = []
    for c in info.roles:
        if c.passed and c.layout is not None:
            out.append(Diagnostic(f"the template's layout {c.passed!r} draws its own text where the {c.role} slide's "
                                  f"title goes: {c.role} slides use {c.layout.name!r} instead; `template_roles` in the "
                                  "outline picks it back", str(path)))
    over = [c for c in info.roles if c.covered and c.layout is not None and not c.via.startswith("fallback:")]
    if over:
        listed = ", ".join(f"{c.role} → {c.layout.name!r}" for c in over)  # type: ignore[union-attr]
        out.append(Diagnostic(f"the layouts for {listed} draw their own text where the title goes and no other layout "
                              "serves: the title is set over it; `template_roles` in the outline picks others", str(path)))
    return out


def check_required(info: TemplateInfo, path: Path) -> None:
    """Refuse a template that has no layout at all (a title and content layout are otherwise always found)."""
    missing = [r for r in REQUIRED if r in info.missing]
    if missing:
        raise _fail(path, "the template has no slide layouts at all, so there is nothing to put slides on; add "
                          "layouts in PowerPoint (View → Slide Master), or use another template")
