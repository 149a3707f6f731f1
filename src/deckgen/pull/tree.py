"""The pulled outline's shape: entries in deck order placed as opening, sections, subsections, points, closing."""
from __future__ import annotations

from dataclasses import field
from typing import Optional

from deckgen.diagnostics import format_path
from deckgen.outline.typed import record
from deckgen.pull.match import Change, Item
from deckgen.pull.read import Path_

CHILD_KEY = {"section": "subsections", "subsection": "points"}


@record
class Node:
    """An entry of the new outline at its `level`, with its children (subsections or points)."""

    item: Item
    level: str
    children: list["Node"] = field(default_factory=list)


@record
class Tree:
    """The new outline's entries: the opening, the sections (with subsections and points), the closing."""

    opening: list[Node] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    closing: list[Node] = field(default_factory=list)

    def containers(self) -> list[tuple[Optional[Node], str, list[Node]]]:
        """Every list of entries: (the entry holding it or None for the top, its key, its entries)."""
        out: list[tuple[Optional[Node], str, list[Node]]] = [(None, "opening", self.opening), (None, "sections", self.sections),
                                                             (None, "closing", self.closing)]
        stack = list(self.opening + self.sections + self.closing)
        while stack:
            node = stack.pop(0)
            key = CHILD_KEY.get(node.level)
            if key is not None:
                out.append((node, key, node.children))
            stack.extend(node.children)
        return out


def assemble(items: list[Item]) -> Tree:
    """Place `items` (in deck order) in a tree. Each level follows the entry before it: a subsection goes
    into the section before it, a point into the subsection before it; an entry that has no such parent
    moves up a level (a point right after a section becomes a subsection, a subsection before the first
    section an opening entry); opening entries after a section, and closing entries followed by more of the
    lecture, become subsections."""
    tree = Tree()
    section: Optional[Node] = None
    sub: Optional[Node] = None
    tail: list[Item] = []

    def subsection(item: Item) -> None:
        nonlocal sub
        if section is None:
            tree.opening.append(Node(item, "opening"))
            sub = None
        else:
            sub = Node(item, "subsection")
            section.children.append(sub)

    for item in items:
        if item.level == "closing":
            tail.append(item)
            continue
        for waiting in tail:
            subsection(waiting)
        tail = []
        if item.level == "section":
            section, sub = Node(item, "section"), None
            tree.sections.append(section)
        elif item.level == "opening" and section is None:
            tree.opening.append(Node(item, "opening"))
        elif item.level == "point" and sub is not None:
            sub.children.append(Node(item, "point"))
        else:
            subsection(item)
    tree.closing = [Node(item, "closing") for item in tail]
    return tree


def _parent(path: Path_) -> tuple[Path_, str]:
    """The old path of an entry's parent (() for the top) and the key of its list."""
    return path[:-2], str(path[-2])


def moves(tree: Tree) -> list[Change]:
    """A change line for each old entry that moved: to another level, under another entry, or among its
    siblings (those not in the longest run kept in order)."""
    out = []
    for holder, key, nodes in tree.containers():
        holder_path = () if holder is None else holder.item.path
        stayed = []
        for node in nodes:
            item = node.item
            if item.path is None:
                continue
            old_holder, old_key = _parent(item.path)
            where = format_path(item.path)
            if old_key != key or old_holder != holder_path:
                if holder is None:
                    place = f"now {'an' if node.level == 'opening' else 'a'} {node.level} entry"
                elif holder.item.path is None:
                    place = f"now under the new entry {holder.item.title!r}"
                else:
                    place = f"now under {format_path(holder.item.path)}"
                out.append(Change(item.slide, where, "moved", place))
            else:
                stayed.append(node)
        order = [int(n.item.path[-1]) for n in stayed if n.item.path is not None]
        kept = _longest_increasing(order)
        for node in stayed:
            if node.item.path is not None and int(node.item.path[-1]) not in kept:
                out.append(Change(node.item.slide, format_path(node.item.path), "moved", "to a new place among its siblings"))
    return out


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of a longest increasing subsequence of `values` (distinct values; patience sorting)."""
    import bisect

    tails: list[int] = []   # index in `values` of the smallest tail of a run of each length
    smallest: list[int] = []  # those tails' values
    before: list[int] = []  # index of the previous value in the run ending at each index
    for i, v in enumerate(values):
        k = bisect.bisect_left(smallest, v)
        before.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(i)
            smallest.append(v)
        else:
            tails[k], smallest[k] = i, v
    out, i = set(), tails[-1] if tails else -1
    while i >= 0:
        out.add(values[i])
        i = before[i]
    return out


def settle_labels(tree: Tree, cjk: bool) -> None:
    """A new entry whose typed label is the one deckgen would number it with, among siblings numbered by
    deckgen (none with a `label`), gets no `label`: it stays numbered by position like them."""
    from deckgen.plan.labels import default_label

    levels = {"section": 0, "subsection": 1, "point": 2}
    for holder, key, nodes in tree.containers():
        siblings_numbered = all(n.item.path is None or "label" not in n.item.fields and n.item.label is None
                                for n in nodes)
        for i, node in enumerate(nodes):
            item = node.item
            if item.path is None and node.level in levels and siblings_numbered and \
                    item.fields.get("label") == default_label(levels[node.level], i + 1, cjk):
                del item.fields["label"]


def new_paths(tree: Tree) -> dict[int, Path_]:
    """Each entry's path in the new outline, by the id of its item."""
    out: dict[int, Path_] = {}

    def walk(nodes: list[Node], base: Path_, key: str) -> None:
        for i, node in enumerate(nodes):
            path = base + (key, i)
            out[id(node.item)] = path
            if node.level in CHILD_KEY:
                walk(node.children, path, CHILD_KEY[node.level])

    for key in ("opening", "sections", "closing"):
        walk(getattr(tree, key), (), key)
    return out
