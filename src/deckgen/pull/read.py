"""What one outline entry says in the deck: its title and label, bullets and notes read back from its slides."""
from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Optional, Sequence

from deckgen.diagnostics import PathPart
from deckgen.outline.typed import record
from deckgen.package.slidetext import SlideContent, join_lines
from deckgen.plan.labels import with_label
from deckgen.present.timing import is_cue
from deckgen.text.script import is_wide

Path_ = tuple[PathPart, ...]
_CONTINUED = re.compile(r"(?:（续\d*）|\(cont\.(?: ?\d+)?\))$")
BULLET_ROLES = ("content", "statement", "closing", "title")  # the body of these slides holds the entry's bullets
KNOWN_ROLES = BULLET_ROLES + ("section", "agenda")  # slide kinds whose text `pull` knows how to read back
_CJK_NUMBER = "[一二三四五六七八九十百千零〇两]+"
# Labels as deckgen numbers each level (and as lecturers type them), by the level they number: found at the
# start of a title typed on a slide, they become the entry's label, not part of its title.
LABELS = {
    "section": rf"{_CJK_NUMBER}、|[IVXLCDM]+\.(?=\s)",
    "subsection": rf"[（(]{_CJK_NUMBER}[）)]|[A-Z]\.(?=\s)",
    "point": r"\d+[.．、]|[（(]\d+[）)]|[①-⑳]",
}
LABEL = re.compile("(?:" + "|".join(f"(?P<{level}>{p})" for level, p in LABELS.items()) + r")\s*")


def label_level(title: str) -> Optional[str]:
    """The level whose numbering `title` starts with (`一、` a section, `（一）` a subsection, `1.` a point)."""
    m = LABEL.match(title.strip())
    return m.lastgroup if m and m.end() < len(title.strip()) else None


@record
class Read:
    """An entry as its slides show it: the fields that differ from the outline (`fields`: title, label,
    bullets as (text, level) pairs, notes), the notes paragraphs dropped on the way (`lost`) and messages
    about text not pulled (`skipped`)."""

    fields: dict[str, Any] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def notes_text(slide: SlideContent) -> list[str]:
    """A slide's notes paragraphs without time cues (`〔约 2 分钟〕`, written by `--time-cues`)."""
    paras = [p for p in slide.notes if not is_cue(p)]
    while paras and not paras[-1].strip():
        paras.pop()
    while paras and not paras[0].strip():
        paras.pop(0)
    return paras


def old_notes(text: str) -> list[str]:
    """The notes paragraphs a slide shows for outline notes `text`."""
    return text.strip("\n").split("\n") if text.strip() else []


def notes_value(paras: Sequence[str], old: str) -> str:
    """Notes paragraphs as outline text, ending in a newline as notes written as `|` blocks do."""
    if not paras:
        return ""
    return "\n".join(paras) + ("" if old and not old.endswith("\n") else "\n")


def split_label(title: str, shown: Optional[str], level: str) -> tuple[Optional[str], str]:
    """A title as typed on a slide → (the label it starts with, the title without it). `shown` is the label
    the slide was built with; None as label: none found."""
    title = title.strip()
    if shown and title.startswith(shown):
        rest = title[len(shown):]
        return shown, rest.strip() if not is_wide(shown[-1]) or rest[:1].isspace() else rest
    m = LABEL.match(title) if level in LABELS else None
    if m and m.end() < len(title):
        return m.group(0).strip(), title[m.end():]
    return None, title


def strip_continued(title: str) -> str:
    """A continuation slide's title without its mark: `（续）`, `（续2）`, `(cont.)`, `(cont. 2)`."""
    m = _CONTINUED.search(title)
    return title[: m.start()].rstrip() if m else title


def tidy_levels(pairs: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Bullets with levels as an outline can hold them: the first at the first level, none more than one
    level below the bullet before it."""
    out: list[tuple[str, int]] = []
    for text, level in pairs:
        out.append((text, max(0, min(level, out[-1][1] + 1 if out else 0))))
    return out


def bullets_of(slides: Sequence[SlideContent]) -> list[tuple[str, int]]:
    """The bullets an entry's slides show, in deck order: each non-empty paragraph of the body of a slide
    whose role holds bullets (a section divider's body is its label), with its level."""
    out = []
    for s in slides:
        if s.key is None or (s.key.part == 0 and s.key.role not in BULLET_ROLES):
            continue
        for body in s.bodies:
            out.extend((text, level) for text, level in body if text.strip())
    return tidy_levels(out)


def node_bullets(node: Any) -> list[tuple[str, int]]:
    """An outline node's bullets with their levels, empty ones left out (a slide shows none)."""
    return [(b, lv) for b, lv in zip(node.bullets, node.bullet_levels) if b.strip()]


def read_entry(node: Any, level: str, shown: Optional[str], slides: Sequence[SlideContent],
               generated: Optional[list[str]] = None, numbering: frozenset[str] = frozenset()) -> Read:
    """Read an existing entry back from its slides (in deck order, at least one): what differs from `node`.

    `shown` is the label its slides were built with; `generated` the bullets deckgen made for it (a
    subsection listing its points' titles), which are not the entry's own and are not pulled; `numbering`
    the labels deckgen numbers its level with: an entry numbered by position keeps being so when its
    slide shows one of them (the outline may have moved it since the build)."""
    out = Read()
    first = next((s for s in slides if s.key is not None and s.key.part == 0), None)
    head = first or slides[0]
    label: Optional[str]
    if first is not None and first.key is not None and first.key.role == "section" and first.bodies:
        title = head.title_text
        label = join_lines([t for body in first.bodies for t, _ in body])
    else:
        typed = head.title_text if first is not None else strip_continued(head.title_text)
        label, title = split_label(typed, shown, level)
        if label is None and shown and not (level == "section" and shown in numbering):
            label = ""  # taken off; a section's number may be the 模板 page's own (第一章), its title without it
    if not title.strip():
        out.skipped.append(f"slide {head.number} has no title: the outline's title {node.title!r} is kept")
    elif title != node.title.strip():
        out.fields["title"] = title
    if label is not None and label != (shown or "") and not (node.label is None and label in numbering):
        out.fields["label"] = label
    for s in slides:
        if s.key is not None and s.key.part > 0 and first is not None:
            typed = strip_continued(s.title_text)
            if typed and typed != first.title_text and typed != with_label(shown, node.title):
                out.skipped.append(f"slide {s.number}: the title of a continuation slide is not pulled "
                                   f"({s.title_text!r}); edit the entry's first slide")
    bullets = bullets_of(slides)
    if first is not None and first.key is not None and first.key.role not in KNOWN_ROLES:
        if any(s.edited for s in slides):
            out.skipped.append(f"slide {first.number}: a {first.key.role} slide: only its title and notes are pulled")
    elif generated is not None and bullets:
        if [b for b, _ in bullets] != generated:
            out.skipped.append(f"slide {head.number}: its bullets list the titles of the points that follow; "
                               "they are not pulled: edit the points' slides")
    elif node_bullets(node) != bullets:
        out.fields["bullets"] = bullets
    notes = notes_text(first) if first is not None else []
    for s in slides:
        if s is not first and notes_text(s):
            notes += notes_text(s)
            out.skipped.append(f"slide {s.number}: its notes join the entry's notes, on its first slide")
    before = old_notes(node.notes)
    if notes != before:
        out.fields["notes"] = notes_value(notes, node.notes)
        out.lost = removed(before, notes)
    return out


def removed(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """The paragraphs of `before` that are not in `after` (in order), blank ones left out."""
    import difflib

    out = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, list(before), list(after), autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            out.extend(p for p in before[i1:i2] if p.strip())
    return out


def read_new(slide: SlideContent, level: str) -> tuple[dict[str, Any], Optional[str]]:
    """A slide deckgen did not write, as a new entry's fields (title, label, bullets, notes); a message
    instead when it has no title."""
    label, title = split_label(slide.title_text, None, level)
    if not title.strip():
        return {}, f"slide {slide.number} has no title, so it is not pulled; give it a title and pull again"
    fields: dict[str, Any] = {"title": title}
    if label is not None or level in LABELS:
        fields["label"] = label or ""  # as the slide shows it: a level's numbering only when typed (see `settle_labels`)
    bullets = tidy_levels([(t, lv) for body in slide.bodies for t, lv in body if t.strip()])
    if bullets:
        fields["bullets"] = bullets
    notes = notes_text(slide)
    if notes:
        fields["notes"] = notes_value(notes, "")
    return fields, None


def read_cover(deck: Any, slide: SlideContent) -> Read:
    """The cover slide read back into `deck:` fields: title, notes, and the subtitle, presenter and date when
    the slide shows one line for each of those the outline has."""
    out = Read()
    title = slide.title_text
    if title and title != deck.title.strip():
        out.fields["title"] = title
    lines = [t for body in slide.bodies for t, _ in body if t.strip()]
    names = [n for n in ("subtitle", "presenter", "date") if getattr(deck, n)]
    if lines != [getattr(deck, n) for n in names]:
        if len(lines) == len(names):
            out.fields.update({n: line for n, line in zip(names, lines) if line != getattr(deck, n)})
        else:
            out.skipped.append(f"slide {slide.number}: the cover's subtitle and byline lines {lines!r} do not map "
                               "onto deck.subtitle, presenter and date; edit them in the outline")
    notes, before = notes_text(slide), old_notes(deck.notes)
    if notes != before:
        out.fields["notes"] = notes_value(notes, deck.notes)
        out.lost = removed(before, notes)
    return out
