"""Turn an `Outline` and a `Theme` into a `DeckPlan`: one entry per slide, text sizes fitted. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Optional

from deckgen.plan import grid
from deckgen.diagnostics import Diagnostic
from deckgen.text.fit import fit
from deckgen.outline.model import Outline, Role, Section, SlideNode, Subsection
from deckgen.text.numerals import chinese_number, roman
from deckgen.text.script import is_wide
from deckgen.theme.model import SizeRange, Theme

MAX_BULLETS = 6  # bullets on one slide at most (DESIGN: 3–6 key phrases)


def _even_groups(items: tuple[str, ...], k: int) -> list[tuple[str, ...]]:
    """`items` cut into `k` runs whose lengths differ by at most one, longer runs first."""
    q, r = divmod(len(items), k)
    out, start = [], 0
    for i in range(k):
        end = start + q + (1 if i < r else 0)
        out.append(items[start:end])
        start = end
    return out


def default_label(level: int, n: int, cjk: bool) -> str:
    """The label of the n-th (1-based) node at `level` (0 section, 1 subsection, 2 point)."""
    if cjk:
        return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.")[level]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return (f"{roman(n)}.", f"{letters[(n - 1) % 26]}.", f"{n}.")[level]


def with_label(label: Optional[str], title: str) -> str:
    """Join a label and a title: no space after a CJK label (一、 （一） 一要), one space otherwise."""
    if not label:
        return title
    return f"{label}{title}" if is_wide(label[-1]) else f"{label} {title}"


@dataclass(frozen=True)
class Text:
    """Text for one placeholder: its paragraphs and the fitted size in points."""

    paragraphs: tuple[str, ...]
    size: float

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its role, the text of each placeholder, speaker notes, and where it came from."""

    role: Role
    title: Text
    notes: str = ""
    body: Optional[Text] = None       # bullets (content, agenda), closing lines, statement source
    label: Optional[Text] = None      # the large section label (一、)
    subtitle: Optional[Text] = None   # cover: the occasion
    byline: Optional[Text] = None     # cover: presenter and date
    section: Optional[int] = None     # index into DeckPlan.sections
    source: str = ""                  # the outline path this slide comes from
    footer: bool = True


@dataclass(frozen=True)
class DeckPlan:
    """The whole deck: document properties, PowerPoint section names and the slides in order."""

    title: str
    language: str
    footer: Optional[Text]
    theme: str
    subtitle: Optional[str] = None
    presenter: Optional[str] = None
    date: Optional[str] = None
    sections: tuple[str, ...] = ()
    slides: tuple[SlidePlan, ...] = field(default_factory=tuple)


@dataclass
class _Planner:
    outline: Outline
    theme: Theme
    frames: grid.Frames = grid.BUILTIN_FRAMES
    warnings: list[Diagnostic] = field(default_factory=list)
    slides: list[SlidePlan] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    @property
    def cjk(self) -> bool:
        return self.outline.deck.is_cjk

    def words(self, zh: str, en: str) -> str:
        return zh if self.cjk else en

    # --- fitting -------------------------------------------------------------------------
    def fitted(self, paragraphs: Iterable[str], slot: grid.Slot, sizes: SizeRange, where: str, what: str,
               max_lines: Optional[int] = None) -> Text:
        paras = tuple(paragraphs)
        top = min(sizes.max, slot.max_size) if slot.max_size else sizes.max
        low = min(sizes.min, top)
        result = fit(paras, slot.box, top, low, slot.style, max_lines=max_lines, cjk=self.cjk)
        if not result.fits:
            limit = f" in {max_lines} lines" if max_lines else ""
            self.warnings.append(Diagnostic(f"{what} does not fit{limit} at the smallest size ({low:g} pt); shorten it", path=(where,)))
        else:
            self.shrunk(result.size, sizes, top, where, what)
        return Text(paras, result.size)

    def shrunk(self, size: float, sizes: SizeRange, top: float, where: str, what: str) -> None:
        preferred = min(sizes.pref, top)
        if size < preferred:
            self.warnings.append(Diagnostic(f"{what} set at {size:g} pt, below the preferred {preferred:g} pt", path=(where,)))

    def split_bullets(self, bullets: tuple[str, ...], slot: grid.Slot, where: str) -> tuple[list[tuple[str, ...]], float]:
        """Bullets in groups that each fit `slot` (one slide each), and the one size all groups share.

        Groups hold at most `MAX_BULLETS`, are as even as possible and break only between bullets; a bullet
        too long for a slide of its own at the smallest size stands alone, with a warning.
        """
        sizes = self.theme.sizes.body
        top = min(sizes.max, slot.max_size) if slot.max_size else sizes.max
        low = min(sizes.min, top)

        def fits(group: tuple[str, ...]) -> Optional[float]:
            result = fit(group, slot.box, top, low, slot.style, cjk=self.cjk)
            return result.size if result.fits else None

        whole = fits(bullets) if len(bullets) <= MAX_BULLETS else None
        if whole is not None:
            return [bullets], whole
        greedy: list[tuple[str, ...]] = []
        for bullet in bullets:
            if greedy and len(greedy[-1]) < MAX_BULLETS and fits(greedy[-1] + (bullet,)) is not None:
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
                self.warnings.append(Diagnostic(f"the bullet {group[0][:20]!r}… does not fit on a slide of its own at "
                                                f"the smallest size ({low:g} pt); shorten it", path=(where,)))
        return greedy, min((size for size in found if size is not None), default=low)

    def title_text(self, title: str, where: str) -> Text:
        return self.fitted([title], self.frames.content_title, self.theme.sizes.title, where, "the title", 2)

    def content(self, role: Role, title: str, notes: str, bullets: Iterable[str], where: str, section: int) -> None:
        """One content (or agenda) slide, or several when the bullets do not fit one: the later ones are
        titled with `（续）`/`(cont.)`, and the notes stay whole on the first."""
        bullets = tuple(bullets)
        slot = self.frames.agenda_body if role is Role.AGENDA else self.frames.content_body
        if not bullets:
            self.add(SlidePlan(role, self.title_text(title, where), notes, None, section=section, source=where))
            return
        groups, size = self.split_bullets(bullets, slot, where)
        if len(groups) > 1:
            self.warnings.append(Diagnostic(f"{len(bullets)} bullets do not fit one slide: split into {len(groups)} slides",
                                            path=(where,)))
        sizes = self.theme.sizes.body
        self.shrunk(size, sizes, min(sizes.max, slot.max_size) if slot.max_size else sizes.max, where, "the bullets")
        for i, group in enumerate(groups):
            shown = title if i == 0 else title + self.words("（续）", " (cont.)")
            self.add(SlidePlan(role, self.title_text(shown, where), notes if i == 0 else "", Text(group, size),
                               section=section, source=where))

    # --- slides --------------------------------------------------------------------------
    def add(self, slide: SlidePlan) -> None:
        self.slides.append(slide)

    def cover(self) -> None:
        deck = self.outline.deck
        s = self.theme.sizes
        f = self.frames
        byline = [x for x in (deck.presenter, deck.date) if x]
        subtitle = [deck.subtitle] if deck.subtitle else []
        if f.cover_byline is None:  # the layout has no byline placeholder: presenter and date join the subtitle
            subtitle, byline = subtitle + byline, []
        if f.cover_subtitle is None:
            subtitle = []
        self.add(SlidePlan(
            role=Role.TITLE,
            title=self.fitted([deck.title], f.cover_title, s.cover_title, "deck", "the deck title", 2),
            subtitle=self.fitted(subtitle, f.cover_subtitle, s.cover_subtitle, "deck", "the subtitle") if subtitle else None,
            byline=self.fitted(byline, f.cover_byline, s.byline, "deck", "presenter and date") if byline else None,
            notes=deck.notes, section=self.section_index(self.words("开篇", "Opening")), source="deck", footer=False))

    def section_index(self, name: str) -> int:
        if not self.sections or self.sections[-1] != name:
            self.sections.append(name)
        return len(self.sections) - 1

    def node(self, node: SlideNode, role: Role, where: str, label: Optional[str], section: int) -> None:
        role = node.layout or role
        if role is Role.CONTENT and not node.bullets and node.layout is None:
            role = Role.STATEMENT  # a heading with nothing under it is set large, not above an empty body
        title = with_label(label, node.title)
        s = self.theme.sizes
        f = self.frames
        if role in (Role.CONTENT, Role.AGENDA):
            self.content(role, title, node.notes, node.bullets, where, section)
        elif role is Role.SECTION:
            own_label = f.section_label is not None and label
            self.add(SlidePlan(
                role, self.fitted([node.title if own_label else title], f.section_title, s.section_title, where, "the section title", 4),
                node.notes,
                label=self.fitted([label], f.section_label, s.section_label, where, "the section label", 2) if own_label else None,
                section=section, source=where, footer=False))
            if node.bullets:
                # a divider shows only its label and title: the key phrases get a slide of their own
                self.content(Role.CONTENT, title, "", node.bullets, where, section)
        elif role is Role.TITLE:
            # a title slide shows the bullets as its subtitle lines (the renderer fills no body there)
            shown = f.cover_subtitle is not None and bool(node.bullets)
            self.add(SlidePlan(
                Role.TITLE, self.fitted([title], f.closing_title, s.closing_title, where, "the closing title", 2),
                node.notes, subtitle=self.fitted(node.bullets, f.cover_subtitle, s.cover_subtitle, where, "the subtitle")
                if shown else None, section=section, source=where, footer=False))
            if node.bullets and not shown:
                self.content(Role.CONTENT, title, "", node.bullets, where, section)
        elif role is Role.CLOSING:
            body = None
            if node.bullets and f.closing_body is not None:
                body = self.fitted(node.bullets, f.closing_body, s.cover_subtitle, where, "the closing lines")
            self.add(SlidePlan(
                Role.CLOSING, self.fitted([title], f.closing_title, s.closing_title, where, "the closing title", 2),
                node.notes, body=body, section=section, source=where, footer=False))
            if node.bullets and body is None:
                self.content(Role.CONTENT, title, "", node.bullets, where, section)
        else:  # statement
            body = None
            if node.bullets and f.statement_source is not None:
                body = self.fitted(node.bullets, f.statement_source, s.cover_subtitle, where, "the source line")
            self.add(SlidePlan(
                role, self.fitted([title], f.statement, s.statement, where, "the statement"),
                node.notes, body=body, section=section, source=where))
            if node.bullets and body is None:
                self.content(Role.CONTENT, title, "", node.bullets, where, section)

    def footer(self) -> Optional[Text]:
        """The footer line (the deck title) at a size that keeps it on one line of the footer box."""
        slot = self.frames.footer
        if slot is None:
            return None
        size = self.theme.sizes.footer
        return self.fitted([self.outline.deck.title], slot, SizeRange(max=size, min=min(size, 7)), "deck", "the footer", 1)

    def agenda(self) -> None:
        items = [with_label(self.label(0, i, sec), sec.title) for i, sec in enumerate(self.outline.sections)]
        title = self.words("目录", "Contents")
        section = self.section_index(self.words("开篇", "Opening"))
        self.content(Role.AGENDA, title, "", items, "sections", section)

    def label(self, level: int, index: int, node: SlideNode) -> Optional[str]:
        if node.label is not None:
            return node.label or None
        return default_label(level, index + 1, self.cjk)

    def section(self, i: int, sec: Section) -> None:
        where = f"sections[{i}]"
        label = self.label(0, i, sec)
        index = self.section_index(with_label(label, sec.title))
        self.node(sec, Role.SECTION, where, label, index)
        for j, sub in enumerate(sec.subsections):
            self.subsection(f"{where}.subsections[{j}]", j, sub, index)

    def subsection(self, where: str, j: int, sub: Subsection, section: int) -> None:
        label = self.label(1, j, sub)
        if not sub.bullets and sub.points:
            labels = [self.label(2, k, p) for k, p in enumerate(sub.points)]
            sub = sub.model_copy(update={"bullets": [with_label(lb, p.title) for lb, p in zip(labels, sub.points)]})
        self.node(sub, Role.CONTENT, where, label, section)
        for k, point in enumerate(sub.points):
            self.node(point, Role.CONTENT, f"{where}.points[{k}]", self.label(2, k, point), section)

    def run(self) -> DeckPlan:
        o = self.outline
        self.cover()
        for i, node in enumerate(o.opening):
            self.node(node, Role.CONTENT, f"opening[{i}]", node.label or None, self.section_index(self.words("开篇", "Opening")))
        if len(o.sections) > 1:
            self.agenda()
        for i, sec in enumerate(o.sections):
            self.section(i, sec)
        for i, node in enumerate(o.closing):
            self.node(node, Role.CLOSING, f"closing[{i}]", node.label or None, self.section_index(self.words("结语", "Closing")))
        deck = o.deck
        return DeckPlan(title=deck.title, language=deck.language, footer=self.footer(), theme=self.theme.name,
                        subtitle=deck.subtitle, presenter=deck.presenter, date=deck.date,
                        sections=tuple(self.sections), slides=tuple(self.slides))


def plan(outline: Outline, theme: Theme, frames: grid.Frames = grid.BUILTIN_FRAMES) -> tuple[DeckPlan, list[Diagnostic]]:
    """Plan the deck for `outline` in `theme`: the slides in order and warnings as data.

    `frames` says where text goes on each layout (the built-in grid unless a template is used).
    """
    planner = _Planner(outline, theme, frames)
    deck = planner.run()
    return deck, planner.warnings


def dump(deck: DeckPlan) -> str:
    """A readable text dump of a plan, for golden tests and `--dry-run`."""
    footer = f" footer@{deck.footer.size:g}" if deck.footer else ""
    lines = [f"deck: {deck.title!r} lang={deck.language} theme={deck.theme}{footer}",
             f"sections: {' | '.join(deck.sections)}"]
    for n, s in enumerate(deck.slides, 1):
        lines.append(f"{n:>3} {s.role.value:<9} [{s.section}] {s.title.text!r} @{s.title.size:g}  <{s.source}>")
        for name in ("label", "subtitle", "byline", "body"):
            t = getattr(s, name)
            if t is not None:
                for p in t.paragraphs:
                    lines.append(f"      {name}@{t.size:g}: {p}")
        if s.notes:
            first = s.notes.strip().splitlines()[0] if s.notes.strip() else ""
            lines.append(f"      notes: {len(s.notes)} chars: {first[:24]}…")
    return "\n".join(lines) + "\n"
