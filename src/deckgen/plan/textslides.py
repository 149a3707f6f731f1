"""The plan functions of the text-only kinds: content and agenda, an entry as a title slide, the closing, a statement."""
from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.outline.model import Role
from deckgen.plan.sizing import holds
from deckgen.text.inline import shown

if TYPE_CHECKING:
    from deckgen.plan.planner import Entry, Planner


def plan_content(p: Planner, role: Role, e: Entry) -> None:
    """Content and agenda: the title over the bullets, split over continuation slides when they do not fit."""
    p.content(role, e.title, e.node.notes, e.node.bullets, e.path, e.section, e.node.bullet_levels)


def plan_title(p: Planner, role: Role, e: Entry) -> None:
    """An entry set as a title slide (`layout: title`): the bullets are its subtitle lines."""
    f, s, node = p.frames, p.sizes, e.node
    shown = f.get("title", "subtitle") is not None and bool(node.bullets)
    title = p.fitted([e.title], f["closing", "title"], s.closing_title, e.path, "the closing title", 2)
    subtitle = p.fitted(node.bullets, f["title", "subtitle"], s.cover_subtitle, e.path, "the subtitle") if shown else None
    p.slide(Role.TITLE, title, e, [("subtitle", subtitle)], footer=False)
    if node.bullets and not shown:
        p.content(Role.CONTENT, p.continued(e.title), "", node.bullets, e.path, e.section, node.bullet_levels)


def plan_closing(p: Planner, role: Role, e: Entry) -> None:
    """The closing slide: a large closing line, the bullets as its lines below (or on a slide of their own)."""
    f, s, node = p.frames, p.sizes, e.node
    body = None
    slot = f.get("closing", "body")
    # a template's subtitle strip that cannot hold the lines even in small type: they get a slide of their own
    if node.bullets and slot is not None and (
            f.builtin or holds(shown(node.bullets, p.outline.deck.marked), slot, s.cover_subtitle, p.cjk, smaller=True)):
        body = p.fitted(node.bullets, slot, s.cover_subtitle, e.path, "the closing lines")
    title = p.fitted([e.title], f["closing", "title"], s.closing_title, e.path, "the closing title", 2)
    p.slide(Role.CLOSING, title, e, [("body", body)], footer=False)
    if node.bullets and body is None:
        p.content(Role.CONTENT, p.continued(e.title), "", node.bullets, e.path, e.section, node.bullet_levels)


def plan_statement(p: Planner, role: Role, e: Entry) -> None:
    """A statement: the title set large in the middle; bullets as its source line (or a slide of their own)."""
    f, s, node = p.frames, p.sizes, e.node
    body = None
    if node.bullets and f.get("statement", "body") is not None:
        body = p.fitted(node.bullets, f["statement", "body"], s.cover_subtitle, e.path, "the source line")
    title = p.fitted([e.title], f["statement", "title"], s.statement, e.path, "the statement")
    p.slide(role, title, e, [("body", body)])
    if node.bullets and body is None:
        p.content(Role.CONTENT, p.continued(e.title), "", node.bullets, e.path, e.section, node.bullet_levels)
