"""Turn an `Outline` and a `Theme` into a `DeckPlan`: one entry per slide, text sizes fitted. Pure."""
from __future__ import annotations

import re
from dataclasses import field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Optional

from deckgen.diagnostics import Diagnostic, PathPart, format_path
from deckgen.outline.model import PAYLOADS, Outline, Role, Section, SlideNode, Subsection
from deckgen.outline.typed import record
from deckgen.plan.grid import Frames, Slot
from deckgen.plan.drawn import cards_shaped
from deckgen.plan.breaks import phrase_breaks
from deckgen.plan.sizing import below_smallest, bullets_under_titles, fit_title, one_title_size
from deckgen.plan.kinds import BUILTIN_FRAMES
from deckgen.plan.labels import default_label, with_label
from deckgen.plan.model import DeckPlan, Payload, SlidePlan, Text
from deckgen.text.fit import fit
from deckgen.text.inline import shown
from deckgen.text.words import localized
from deckgen.theme.model import SizeRange, Sizes, Theme

if TYPE_CHECKING:
    from deckgen.outline.load import Loaded

MAX_BULLETS = 6  # bullets on one slide at most (DESIGN: 3–6 key phrases)
SLIGHTLY = 2.0   # points below the preferred size that nobody would change the text for
MAX_BY_SPACE = 9  # short bullets (set at the largest size) that may share a slide, unless the theme sets max_bullets
OutlinePath = tuple[PathPart, ...]


def _even_groups(items: tuple[str, ...], k: int) -> list[tuple[str, ...]]:
    """`items` cut into `k` runs whose lengths differ by at most one, longer runs first."""
    q, r = divmod(len(items), k)
    out, start = [], 0
    for i in range(k):
        end = start + q + (1 if i < r else 0)
        out.append(items[start:end])
        start = end
    return out


@record(frozen=True)
class Entry:
    """An outline entry about to be planned: the node, its title joined to its label, its outline path
    and the PowerPoint section it belongs to."""

    node: SlideNode
    title: str
    label: Optional[str]
    path: OutlinePath
    section: int


@record
class Planner:
    """Plans one deck; its methods are what every kind's plan function uses (fitting, warnings, slides)."""

    outline: Outline
    theme: Theme
    frames: Frames = BUILTIN_FRAMES
    source: Optional["Loaded"] = None
    folder: Optional[Path] = None
    warnings: list[Diagnostic] = field(default_factory=list)
    slides: list[SlidePlan] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    slightly: int = 0  # texts set at most `SLIGHTLY` below the preferred size: one summary warning

    @property
    def cjk(self) -> bool:
        return self.outline.deck.is_cjk

    @cached_property
    def sizes(self) -> Sizes:
        """The theme's type sizes scaled to the slide (a template's slide may be smaller or larger)."""
        return self.theme.sizes.scaled(self.frames.scale)

    def words(self, zh: str, en: str) -> str:
        return localized(zh, self.outline.deck.language) if self.cjk else en

    def warn(self, path: OutlinePath, message: str) -> None:
        """A warning about the entry at `path`: in the outline file, when its positions are known, at its line and
        column with the slide's title (no 0-based path); else with the path."""
        if self.source is not None:
            line, col = self.source.where(path)
            title = self.title_at(path)
            self.warnings.append(Diagnostic(f"'{title}': {message}" if title else message, self.source.file, line, col))
        else:
            self.warnings.append(Diagnostic(message, path=path))

    def title_at(self, path: OutlinePath) -> str:
        """The title of the outline entry at `path` (with its label), for messages; '' for none."""
        node: object = self.outline
        found: object = None
        label: Optional[str] = None
        levels = ("sections", "subsections", "points")
        prev: object = None
        for key in path:
            try:
                node = node[key] if isinstance(key, int) else getattr(node, key)  # type: ignore[index]
            except (AttributeError, IndexError, TypeError):
                break
            if isinstance(node, SlideNode):
                found = node
                label = self.label(levels.index(prev), key, node) if prev in levels else (node.label or None)
            prev = key
        title = getattr(found, "title", "") or ""
        return with_label(label, title)[:30] if title else ""

    # --- fitting -------------------------------------------------------------------------
    def fitted(self, paragraphs: Iterable[str], slot: Slot, sizes: SizeRange, path: OutlinePath, what: str,
               max_lines: Optional[int] = None) -> Text:
        """`paragraphs` at the largest size in `sizes` (capped by the slot) that fits `slot`, with a warning
        when even the smallest does not, or when the size is below the preferred one."""
        paras = tuple(paragraphs)
        top = min(sizes.max, slot.max_size) if slot.max_size else sizes.max
        low = min(sizes.min, top)
        visible = shown(paras, self.outline.deck.marked)
        result = fit(visible, slot.box, top, low, slot.style, max_lines=max_lines, cjk=self.cjk, balance=True)
        smaller = below_smallest(visible, slot, low, max_lines, self.cjk) if not result.fits and not self.frames.builtin else None
        if smaller is not None:  # a template's small box: smaller type rather than text outside it
            self.warn(path, f"{what} set at {smaller:g} pt, below the smallest {low:g} pt, to fit the template's box; shorten it")
            return Text(paras, smaller)
        if not result.fits:
            limit = f" in {max_lines} lines" if max_lines else ""
            self.warn(path, f"{what} does not fit{limit} at the smallest size ({low:g} pt); shorten it")
        else:
            self.shrunk(result.size, sizes, top, path, what)
        return Text(paras, result.size)

    def shrunk(self, size: float, sizes: SizeRange, top: float, path: OutlinePath, what: str) -> None:
        """Warn about text set more than `SLIGHTLY` below the preferred size; count the others for one summary."""
        preferred = min(sizes.pref, top)
        if preferred - SLIGHTLY <= size < preferred:
            self.slightly += 1
        elif size < preferred:
            self.warn(path, f"{what} set at {size:g} pt, below the preferred {preferred:g} pt; shorten it (or move "
                            "some of it into the notes) to set it larger")

    def split_bullets(self, bullets: tuple[str, ...], slot: Slot, path: OutlinePath) -> tuple[list[tuple[str, ...]], float]:
        """Bullets in groups that each fit `slot` (one slide each), and the one size all groups share.

        Up to `MAX_BY_SPACE` bullets stay on one slide when they fit at the largest size, room to spare (unless the theme sets
        `max_bullets`). Groups hold at most `MAX_BULLETS` (or `max_bullets`), as even as possible, breaking only
        between bullets; a bullet too long for a slide of its own at the smallest size stands alone, warned.
        """
        sizes = self.sizes.body
        top = min(sizes.max, slot.max_size) if slot.max_size else sizes.max
        low = min(sizes.min, top)

        def fits(group: tuple[str, ...]) -> Optional[float]:
            result = fit(shown(group, self.outline.deck.marked), slot.box, top, low, slot.style, cjk=self.cjk, balance=True)
            return result.size if result.fits else None

        most = self.theme.max_bullets or MAX_BULLETS
        whole = fits(bullets) if len(bullets) <= max(most, 0 if self.theme.max_bullets else MAX_BY_SPACE) else None
        if whole is not None and (len(bullets) <= most or whole >= top):
            return [bullets], whole  # more than six only when they leave room: set at the largest size
        greedy: list[tuple[str, ...]] = []
        for bullet in bullets:
            if greedy and len(greedy[-1]) < most and fits(greedy[-1] + (bullet,)) is not None:
                greedy[-1] += (bullet,)
            else:
                greedy.append((bullet,))
        for k in range(len(greedy), min(len(greedy) + 3, len(bullets)) + 1):
            groups = _even_groups(bullets, k)
            found = [fits(g) for g in groups]
            if all(size is not None for size in found):
                return groups, min(found)  # type: ignore[type-var]
        found = [fits(g) for g in greedy]
        for group, size in zip(greedy, found):
            if size is None:
                self.warn(path, f"the bullet {group[0][:20]!r}… does not fit on a slide of its own at "
                                f"the smallest size ({low:g} pt); shorten it")
        return greedy, min((size for size in found if size is not None), default=low)

    def title_text(self, title: str, path: OutlinePath, role: Role = Role.CONTENT) -> Text:
        """A slide title fitted in two lines to the title of `role`'s layout (the content title by default)."""
        slot = self.frames.get(role.value, "title") or self.frames["content", "title"]
        return self.fitted([title], slot, self.sizes.title, path, "the title", 2)

    @staticmethod
    def ordinal(path: OutlinePath) -> Optional[int]:
        """The number of the lecture section the entry at `path` belongs to (1 for `sections[0]…`)."""
        return path[1] + 1 if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int) else None

    def content(self, role: Role, title: str, notes: str, bullets: Iterable[str], path: OutlinePath, section: int,
                levels: tuple[int, ...] = ()) -> None:
        """One content (or agenda) slide, or several when the bullets do not fit one: the later ones are
        titled with `（续）`/`(cont.)`, and the notes stay whole on the first. `levels`: each bullet's level."""
        bullets = tuple(bullets)
        slot = self.frames["agenda" if role is Role.AGENDA else "content", "body"]
        if not bullets:
            self.add(SlidePlan(role, self.title_text(title, path), notes, section=section, source=format_path(path),
                               where=self.where(path), ordinal=self.ordinal(path)))
            return
        groups, size = self.split_bullets(bullets, slot, path)
        if len(groups) > 1:
            self.warn(path, f"{len(bullets)} bullets do not fit one slide: split into {len(groups)} slides")
        sizes = self.sizes.body
        self.shrunk(size, sizes, min(sizes.max, slot.max_size) if slot.max_size else sizes.max, path, "the bullets")
        start = 0
        for i, group in enumerate(groups):
            shown = title if i == 0 else self.continued(title)
            lv = levels[start:start + len(group)] if any(levels) else ()
            start += len(group)
            self.add(SlidePlan(role, self.title_text(shown, path), notes if i == 0 else "", (("body", Text(group, size, lv)),),
                               section=section, source=format_path(path), where=self.where(path), ordinal=self.ordinal(path)))

    def continued(self, title: str) -> str:
        """The title of a slide that continues the one titled `title` (numbered later when there are several)."""
        return title + self.words("（续）", " (cont.)")

    def rest(self, e: "Entry", title: Optional[str] = None) -> None:
        """The bullets of `e` that its kind does not show, on a content slide of their own after it."""
        if e.node.bullets:
            self.content(Role.CONTENT, self.continued(title or e.title), "", e.node.bullets, e.path, e.section)

    # --- slides --------------------------------------------------------------------------
    def add(self, slide: SlidePlan) -> None:
        self.slides.append(slide)

    def where(self, path: OutlinePath) -> Optional[tuple[int, int]]:
        if self.source is None:
            return None
        line, col = self.source.where(path)
        return (line, col) if line is not None and col is not None else None

    def slide(self, role: Role, title: Text, entry: Entry, texts: Iterable[tuple[str, Optional[Text]]] = (),
              *, notes: Optional[str] = None, footer: bool = True, payload: Optional[Payload] = None,
              ordinal: Optional[int] = None) -> None:
        """Add a slide of `role` for `entry` with its `title`, the slot texts that are not None and what its
        kind draws besides (`payload`)."""
        self.add(SlidePlan(role, title, entry.node.notes if notes is None else notes,
                           tuple((name, t) for name, t in texts if t is not None), section=entry.section,
                           source=format_path(entry.path), footer=footer, where=self.where(entry.path), payload=payload,
                           ordinal=ordinal if ordinal is not None else self.ordinal(entry.path)))

    def cover(self) -> None:
        deck, s, f, path = self.outline.deck, self.sizes, self.frames, ("deck",)
        byline = [x for x in (deck.presenter, deck.date) if x]
        subtitle = [deck.subtitle] if deck.subtitle else []
        if f.get("title", "byline") is None:  # the layout has no byline placeholder: presenter and date join the subtitle
            subtitle, byline = subtitle + byline, []
        if f.get("title", "subtitle") is None and subtitle:
            self.warn(path, "the template's cover has no room for the subtitle, presenter and date: not on the slide")
            subtitle = []
        title = self.fitted([deck.title], f["title", "title"], s.cover_title, path, "the deck title", 2)
        texts = (("subtitle", self.fitted(subtitle, f["title", "subtitle"], s.cover_subtitle, path, "the subtitle") if subtitle else None),
                 ("byline", self.fitted(byline, f["title", "byline"], s.byline, path, "presenter and date") if byline else None))
        entry = Entry(SlideNode(title=deck.title, notes=deck.notes), deck.title, None, path,
                      self.section_index(self.words("开篇", "Opening")))
        self.slide(Role.TITLE, title, entry, texts, footer=False)

    def section_index(self, name: str) -> int:
        if not self.sections or self.sections[-1] != name:
            self.sections.append(name)
        return len(self.sections) - 1

    def node(self, node: SlideNode, role: Role, path: OutlinePath, label: Optional[str], section: int) -> None:
        """Plan the slides of one outline entry. Its kind is the one the outline asks for (`kind:` or
        `layout:`), else the one of its chart, table, image… (after the divider, for a section), else
        cards for three to six parallel `key：phrase` bullets of a content slide, else its level's."""
        explicit = node.kind or node.layout
        if explicit is not None:
            role = explicit
        elif node.payload and role is not Role.SECTION:
            role = PAYLOADS[node.payload]
        elif role is Role.CONTENT and cards_shaped(node.bullets):
            role = Role.CARDS
        if role is Role.CONTENT and not node.bullets and explicit is None:
            role = Role.STATEMENT  # a heading with nothing under it is set large, not above an empty body
        PLANNERS[role](self, role, Entry(node, with_label(label, node.title), label, path, section))

    def unique_titles(self) -> None:
        """Number continuation titles when an entry has several (`（续1）`, `（续2）`…), and warn about a title
        that repeats another slide's: screen readers and PowerPoint's accessibility checker tell slides
        apart by their titles."""
        mark = self.words("（续）", " (cont.)")
        by_entry: dict[tuple[str, str], list[int]] = {}
        for i, s in enumerate(self.slides):
            if s.title.text.endswith(mark):
                by_entry.setdefault((s.source, s.title.text), []).append(i)
        for (_, title), indexes in by_entry.items():
            if len(indexes) < 2:
                continue
            for n, i in enumerate(indexes, 1):
                s = self.slides[i]
                shown = title[: -len(mark)] + self.words(f"（续{n}）", f" (cont. {n})")
                slot = self.frames.get(s.role.value, "title") or self.frames["content", "title"]
                fitted = fit_title(shown, slot, self.sizes.title, self.cjk)
                self.slides[i] = replace(s, title=fitted)
        seen: dict[str, tuple[int, str]] = {}
        for n, s in enumerate(self.slides, 1):
            key = s.title.text.strip()
            if key in seen and seen[key][1] != s.source:  # a divider and its own bullets' slide are one entry
                self.warn(_path(s.source), f"slide {n} has the title of slide {seen[key][0]} ({key[:30]!r}); give it "
                                           "a title of its own (screen readers tell slides apart by their titles)")
            seen.setdefault(key, (n, s.source))

    def footer(self) -> Optional[Text]:
        """The footer line (the deck title) at a size that keeps it on one line of the footer box."""
        slot = self.frames.footer
        if slot is None:
            return None
        size = self.sizes.footer
        return self.fitted([self.outline.deck.title], slot, SizeRange(max=float(size), min=float(min(size, 7))), ("deck",), "the footer", 1)

    def agenda(self) -> None:
        items = [with_label(self.label(0, i, sec), sec.title) for i, sec in enumerate(self.outline.sections)]
        title = self.words("目录", "Contents")
        section = self.section_index(self.words("开篇", "Opening"))
        self.content(Role.AGENDA, title, "", items, ("sections",), section)

    def label(self, level: int, index: int, node: SlideNode) -> Optional[str]:
        if node.label is not None:
            return node.label or None
        return default_label(level, index + 1, self.cjk, self.outline.deck.language)

    def section(self, i: int, sec: Section) -> None:
        path: OutlinePath = ("sections", i)
        label = self.label(0, i, sec)
        index = self.section_index(with_label(label, sec.title))
        self.node(sec, Role.SECTION, path, label, index)
        for j, sub in enumerate(sec.subsections):
            self.subsection(path + ("subsections", j), j, sub, index)

    def subsection(self, path: OutlinePath, j: int, sub: Subsection, section: int) -> None:
        label = self.label(1, j, sub)
        if not sub.bullets and sub.points:
            labels = [self.label(2, k, p) for k, p in enumerate(sub.points)]
            sub = sub.replace(bullets=[with_label(lb, p.title) for lb, p in zip(labels, sub.points)])
        self.node(sub, Role.CONTENT, path, label, section)
        for k, point in enumerate(sub.points):
            self.node(point, Role.CONTENT, path + ("points", k), self.label(2, k, point), section)

    def run(self) -> DeckPlan:
        o = self.outline
        self.cover()
        for i, node in enumerate(o.opening):
            self.node(node, Role.CONTENT, ("opening", i), node.label or None, self.section_index(self.words("开篇", "Opening")))
        if len(o.sections) > 1:
            self.agenda()
        for i, sec in enumerate(o.sections):
            self.section(i, sec)
        for i, node in enumerate(o.closing):
            self.node(node, Role.CLOSING, ("closing", i), node.label or None, self.section_index(self.words("结语", "Closing")))
        self.unique_titles()
        if not self.frames.builtin:
            self.slides = bullets_under_titles(one_title_size(self.slides, self.sizes, self.frames), self.sizes)
        if self.cjk and not self.outline.deck.marked:  # two-line titles broken between words
            self.slides = phrase_breaks(self.slides, self.frames)
        deck = o.deck
        return DeckPlan(title=deck.title, language=deck.language, footer=self.footer(), theme=self.theme.name,
                        subtitle=deck.subtitle, presenter=deck.presenter, date=deck.date,
                        sections=tuple(self.sections), slides=tuple(self.slides), markup=deck.marked)


# ------------------------------------------------------------------------- one function per kind

def _path(source: str) -> OutlinePath:
    """An outline path back from its text (`sections[0].subsections[1]`)."""
    out: list[PathPart] = []
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", source):
        out.append(name if name else int(index))
    return tuple(out)


def plan_section(p: Planner, role: Role, e: Entry) -> None:
    """A section divider: the label large in its own placeholder (or joined to the title), the title; the
    bullets (a divider shows none) on a content slide of their own."""
    f, s, node = p.frames, p.sizes, e.node
    own_label = f.get("section", "label") is not None and e.label
    # the page's own part number (第二章, renumbered) says the section's number: the title does not say it again
    shown = "section" in f.numbered and e.label == default_label(0, p.ordinal(e.path) or 0, p.cjk, p.outline.deck.language)
    title = p.fitted([node.title if own_label or shown else e.title], f["section", "title"], s.section_title, e.path, "the section title", 4)
    label = p.fitted([e.label], f["section", "label"], s.section_label, e.path, "the section label", 2) if own_label else None  # type: ignore[list-item]
    p.slide(Role.SECTION, title, e, [("label", label)], footer=False, ordinal=p.ordinal(e.path))
    if node.payload and node.layout is None and node.kind is None:  # its chart, table… on a slide after the divider
        kind = PAYLOADS[node.payload]
        PLANNERS[kind](p, kind, Entry(node.replace(notes=""), e.title, e.label, e.path, e.section))
    elif node.bullets:
        p.content(Role.CONTENT, e.title, "", node.bullets, e.path, e.section, node.bullet_levels)


PlanFunction = Callable[[Planner, Role, Entry], None]


def _planners() -> Mapping[Role, PlanFunction]:
    from deckgen.plan.code import PLANNERS as CODE
    from deckgen.plan.drawn import PLANNERS as DRAWN
    from deckgen.plan.graphics import PLANNERS as GRAPHICS
    from deckgen.plan.textslides import plan_closing, plan_content, plan_statement, plan_title

    return {Role.TITLE: plan_title, Role.SECTION: plan_section, Role.CONTENT: plan_content, Role.AGENDA: plan_content,
            Role.STATEMENT: plan_statement, Role.CLOSING: plan_closing, **DRAWN, **GRAPHICS, **CODE}


# One plan function per kind: these, the drawn kinds' (`plan/drawn.py`), the graphics' (`plan/graphics.py`), code's.
PLANNERS: Mapping[Role, PlanFunction] = _planners()


def plan(outline: Outline, theme: Theme, frames: Frames = BUILTIN_FRAMES,
         source: Optional["Loaded"] = None, folder: Optional[Path] = None) -> tuple[DeckPlan, list[Diagnostic]]:
    """Plan the deck for `outline` in `theme`: the slides in order and warnings as data.

    `frames` says where text goes on each layout (the built-in grid unless a template is used);
    `source`, the loaded outline file, places each warning at its line and column; `folder` is where
    `image:` paths start (the outline's folder).
    """
    planner = Planner(outline, theme, frames, source, folder)
    deck = planner.run()
    if planner.slightly:
        n = planner.slightly
        planner.warnings.append(Diagnostic(f"{n} text{'s' if n > 1 else ''} set at most {SLIGHTLY:g} pt below the "
                                           f"theme's preferred size to fit (not listed; nothing to change)",
                                           source.file if source else None))
    return deck, planner.warnings
