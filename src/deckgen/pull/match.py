"""Match a deck's slides to its outline's entries by their identifiers, and list the entries in deck order."""
from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Optional, Sequence

from deckgen.diagnostics import format_path
from deckgen.outline.model import Outline, SlideNode
from deckgen.outline.typed import record
from deckgen.outline.walk import entries
from deckgen.package.slideid import AGENDA, COVER
from deckgen.package.slidetext import SlideContent
from deckgen.plan.labels import default_label, with_label
from deckgen.pull.keys import entry_hash
from deckgen.pull.read import Path_, Read, label_level, read_cover, read_entry, read_new

SECTION_LAYOUTS = ("secHead",)
SECTION_NAMES = ("Section Header", "节标题")
LEVELS = {"section": 0, "subsection": 1, "point": 2}


@record
class Item:
    """An entry of the pulled outline: its old path (None for a slide inserted in the deck), its level, the
    number of the slide that shows it (None: kept without a slide), its changed (or, new, all) fields."""

    path: Optional[Path_]
    level: str
    slide: Optional[int]
    fields: dict[str, Any]
    title: str
    label: Optional[str] = None  # the outline's `label` of an old entry


@record
class Change:
    """One line of what `pull` changes: the slide, the outline entry, what changed and how."""

    slide: Optional[int]
    where: str
    what: str
    detail: str = ""
    item: Optional[Item] = None  # the new entry a slide inserted in the deck becomes


@record
class Matched:
    """The deck read against the outline: the entries in deck order, the changed `deck:` fields, the entries
    deleted, and what to report."""

    items: list[Item] = field(default_factory=list)
    deck: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deleted: list[Path_] = field(default_factory=list)
    located: int = 0     # entries whose slides found them by identifier
    identified: int = 0  # entries named by the identifiers of the deck's slides
    stale: int = 0       # entries edited in the deck whose outline entry changed too: not pulled


@record
class _Old:
    path: Path_
    level: str
    node: SlideNode
    shown: Optional[str]
    generated: Optional[list[str]]
    numbering: frozenset[str] = frozenset()
    slides: list[SlideContent] = field(default_factory=list)

    def read(self, slides: Sequence[SlideContent]) -> Read:
        return read_entry(self.node, self.level, self.shown, slides, self.generated, self.numbering)


def _old_entries(outline: Outline) -> dict[Path_, _Old]:
    """Every entry with the label its slides show and the bullets deckgen generates for it (if any)."""
    cjk = outline.deck.is_cjk

    def label(level: str, node: SlideNode, index: int) -> Optional[str]:
        if level not in LEVELS:
            return node.label or None
        if node.label is not None:
            return node.label or None
        return default_label(LEVELS[level], index + 1, cjk)

    numbering = {level: frozenset(default_label(n, i, cjk) for i in range(1, 201)) for level, n in LEVELS.items()}
    out = {}
    for e in entries(outline):
        shown = label(e.level, e.node, int(e.path[-1]))
        generated = None
        points = getattr(e.node, "points", None)
        if points and not e.node.bullets:
            generated = [with_label(label("point", p, k), p.title) for k, p in enumerate(points)]
        out[e.path] = _Old(e.path, e.level, e.node, shown, generated, numbering.get(e.level, frozenset()))
    return out


def _short(text: str, n: int = 30) -> str:
    one = " ".join(text.split())
    return repr(one if len(one) <= n else one[: n - 1] + "…")


def match(outline: Outline, slides: Sequence[SlideContent], exact: bool) -> Matched:
    """Read `slides` (a deck in show order) against `outline`.

    `exact`: the outline is the one the deck was built from, unchanged since (or `--force`): identifiers
    are trusted by path, and an entry without a slide was deleted in the deck. Otherwise an identifier
    finds its entry by path and hash, else by hash alone, else an entry that already says what the slides
    show (pulled before) does; a slide without one matches an entry that says what it shows; an entry
    without a slide is kept (pull cannot tell a slide deleted in the deck from an entry added since)."""
    old = _old_entries(outline)
    out = Matched()
    owner: dict[int, Path_] = {}  # slide number → the entry it shows
    groups: dict[Path_, list[SlideContent]] = {}
    parts: set[tuple[Path_, int]] = set()
    cover: Optional[SlideContent] = None
    for s in slides:
        key = s.key
        if key is None:
            continue
        if key.path == (AGENDA,):
            if s.edited:
                out.warnings.append(f"slide {s.number}: the agenda is made from the section titles; its edits are "
                                    "not pulled")
            owner[s.number] = key.path
        elif key.path == (COVER,) and cover is None:
            cover = s
            owner[s.number] = key.path
        elif (key.path, key.part) not in parts:  # a slide copied in the deck is a new entry
            parts.add((key.path, key.part))
            groups.setdefault(key.path, []).append(s)
    if cover is not None:
        _note(out, read_cover(outline.deck, cover), cover.number, "deck", out.deck, outline.deck)
    finder = _Finder(old)
    for path, group in groups.items():
        out.identified += 1
        target = (path if path in old else None) if exact else finder.locate(path, group)
        if target is None or old[target].slides:
            if not exact and any(s.edited for s in group):
                out.stale += 1
                out.warnings.append(f"slide {group[0].number} ({_short(group[0].title_text)}) was edited, but its "
                                    "entry changed in the outline since the build: not pulled; copy the edit by hand")
            for s in group:
                owner[s.number] = ("?",)
            continue
        out.located += 1
        old[target].slides.extend(group)
        for s in group:
            owner[s.number] = target
    if not exact:
        for s in slides:
            if s.key is None and s.number not in owner:
                found = finder.same(s)
                if found is not None:
                    old[found[0]].slides.append(found[1])
                    owner[s.number] = found[0]
    reads = {path: o.read(o.slides) for path, o in old.items() if o.slides}
    _sequence(out, old, slides, owner, reads, exact)
    return out


class _Finder:
    """Finds the entry of a deck's slides in an outline changed since the deck was built."""

    def __init__(self, old: dict[Path_, _Old]) -> None:
        self.old = old
        self.by_hash: dict[str, list[Path_]] = {}
        self.by_title: dict[str, list[Path_]] = {}
        for path, o in old.items():
            self.by_hash.setdefault(entry_hash(o.node), []).append(path)
            self.by_title.setdefault(o.node.title.strip(), []).append(path)

    def locate(self, path: Path_, group: list[SlideContent]) -> Optional[Path_]:
        """The entry `group` (an entry's slides, in deck order) shows: by path and hash, by hash, by content."""
        digest = group[0].key.entry if group[0].key else ""
        if path in self.old and entry_hash(self.old[path].node) == digest:
            return path
        found = [p for p in self.by_hash.get(digest, []) if not self.old[p].slides]
        if len(found) == 1:
            return found[0]
        return self._same(group)

    def same(self, slide: SlideContent) -> Optional[tuple[Path_, SlideContent]]:
        """The entry that already says what `slide` (one deckgen did not write: inserted, and pulled before)
        shows, and the slide read as that entry's first slide."""
        from dataclasses import replace

        from deckgen.package.slideid import SlideKey

        keyed = replace(slide, key=SlideKey(("?",), 0, "content", ""))
        path = self._same([keyed])
        return (path, keyed) if path is not None else None

    def _same(self, group: list[SlideContent]) -> Optional[Path_]:
        head = next((s for s in group if s.key is not None and s.key.part == 0), group[0])
        title = head.title_text.strip()
        candidates = [p for k in range(len(title)) for p in self.by_title.get(title[k:], [])]
        for path in candidates:
            o = self.old[path]
            if not o.slides:
                if not o.read(group).fields:
                    return path
        return None


def _note(out: Matched, read: Read, slide: Optional[int], where: str, target: dict[str, Any], before: Any) -> None:
    """Record what `read` found for one entry (`before`, its outline node): its changed fields, change lines
    and warnings."""
    target.update(read.fields)
    for name, value in read.fields.items():
        out.changes.append(Change(slide, where, name, describe(name, getattr(before, name, None), value)))
    out.warnings.extend(read.skipped)
    if read.lost:
        out.warnings.append(f"{where}: notes text removed: " + " / ".join(_short(p, 40) for p in read.lost))


def describe(name: str, old: Any, new: Any) -> str:
    """How a field changed, in a few words: `'old' → 'new'`, `1 changed, 1 added`, `+1 paragraph`."""
    import difflib

    if name in ("bullets", "notes"):
        a = [b for b in (old or []) if b.strip()] if name == "bullets" else [p for p in (old or "").strip("\n").split("\n") if old]
        b = [t for t, _ in new] if name == "bullets" else [p for p in new.strip("\n").split("\n") if new]
        counts = {"changed": 0, "added": 0, "removed": 0}
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            counts["changed"] += common
            counts["added"] += (j2 - j1 - common) if tag in ("insert", "replace") else 0
            counts["removed"] += (i2 - i1 - common) if tag in ("delete", "replace") else 0
        unit = "bullet" if name == "bullets" else "paragraph"
        parts = [f"{n} {what}" for what, n in counts.items() if n]
        levels = f", levels {sorted({lv for _, lv in new})}" if name == "bullets" and any(lv for _, lv in new) else ""
        return f"{len(b)} {unit}{'s' if len(b) != 1 else ''} ({', '.join(parts) or 'reordered'}){levels}"
    return f"{_short(str(old or ''), 30)} → {_short(str(new), 30)}"


def _anchor(o: _Old) -> SlideContent:
    return next((s for s in o.slides if s.key is not None and s.key.part == 0), o.slides[0])


def _sequence(out: Matched, old: dict[Path_, _Old], slides: Sequence[SlideContent], owner: dict[int, Path_],
              reads: dict[Path_, Read], exact: bool) -> None:
    """The entries in deck order (inserted slides as new entries), and the entries without a slide."""
    anchors = {_anchor(o).number: o for o in old.values() if o.slides}
    prev: Optional[str] = None
    sections = False
    for s in slides:
        o = anchors.get(s.number)
        if o is not None:
            fields: dict[str, Any] = {}
            if o.path in reads:
                _note(out, reads[o.path], s.number, format_path(o.path), fields, o.node)
            out.items.append(Item(o.path, o.level, s.number, fields, o.node.title, o.node.label))
            prev = o.level
            sections = sections or o.level == "section"
            continue
        if s.number in owner:
            prev = prev if owner[s.number] not in ((AGENDA,), (COVER,)) else "front"
            continue
        level = _level(s, prev, sections)
        fields, problem = read_new(s, level)
        if problem:
            out.warnings.append(problem)
            continue
        item = Item(None, level, s.number, fields, fields["title"])
        out.items.append(item)
        out.changes.append(Change(s.number, "new " + level, "inserted", _short(fields["title"], 40), item))
        prev = level
        sections = sections or level == "section"
    for s in slides:
        if s.hidden:
            out.warnings.append(f"slide {s.number} is hidden in the deck; an outline has no hidden slides, so it "
                                "is pulled as if shown")
        if s.others and s.edited:  # deckgen's own drawn text (cards, charts…) stands as it was written
            out.warnings.append(f"slide {s.number}: not pulled (deckgen pulls titles, bullets and notes): "
                                + "; ".join(s.others))
    position = {it.path: j for j, it in enumerate(out.items) if it.path is not None}
    kept: list[tuple[int, Item]] = []  # entries without a slide that stay, after the item they followed
    last = -1
    for path, o in old.items():
        if path in position:
            last = position[path]
        elif exact:
            out.deleted.append(path)
            out.changes.append(Change(None, format_path(path), "deleted", _short(with_label(o.shown, o.node.title), 40)))
            if o.node.notes.strip():
                out.warnings.append(f"{format_path(path)} ({_short(o.node.title)}) is deleted with its slide, and its "
                                    f"notes with it: {_short(o.node.notes, 60)} ({len(o.node.notes.strip())} characters)")
        else:
            kept.append((last, Item(path, o.level, None, {}, o.node.title, o.node.label)))
    for after, item in reversed(kept):
        out.items.insert(after + 1, item)
    if not exact:
        missing = sum(1 for it in out.items if it.slide is None)
        if missing:
            out.warnings.append(f"{missing} outline entr{'ies have' if missing != 1 else 'y has'} no slide in the deck "
                                f"and {'stay' if missing != 1 else 'stays'}: the outline changed since the build, so "
                                "pull cannot tell a slide deleted in the deck from an entry added to the outline")


def _level(s: SlideContent, prev: Optional[str], sections: bool) -> str:
    """The level of a slide inserted in the deck: a section on a section-header layout; the level whose
    numbering its title starts with (一、 （一） 1.); else that of the slide before it, a subsection after a
    section's own slides, an opening entry before the first section."""
    if s.layout_type in SECTION_LAYOUTS or s.layout_name in SECTION_NAMES:
        return "section"
    numbered = label_level(s.title_text)
    if numbered == "section" and prev in ("subsection", "point") and re.match(r"[A-Z]\.", s.title_text.strip()):
        numbered = "subsection"  # `C.`, `D.`: letters after subsections, not Roman numbers
    if numbered is not None and (sections or numbered == "section"):
        return numbered
    if prev is None or prev == "front":
        return "subsection" if sections else "opening"
    if prev == "section":
        return "subsection"
    return prev
