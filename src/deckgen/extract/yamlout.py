"""Write an outline as readable YAML: stable key order, block scalars for notes, Chinese unescaped, comments."""
from __future__ import annotations

from typing import Any, Sequence

import yaml

from deckgen.diagnostics import PathPart
from deckgen.outline.model import Outline, SlideNode
from deckgen.outline.typed import to_data

_DECK_KEYS = ("title", "subtitle", "presenter", "date", "language", "markup", "theme")


def scalar(value: str) -> str:
    """`value` as a one-line YAML scalar: plain when YAML reads it back as the same text, else quoted."""
    if "\n" in value:
        raise ValueError("a one-line scalar cannot hold a line break")
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").removesuffix("...").rstrip("\n")
    if "\n" in dumped:  # YAML chose a form over several lines: fall back to JSON-style double quotes
        import json

        dumped = json.dumps(value, ensure_ascii=False)
    return dumped


def block(text: str, indent: int) -> list[str]:
    """`text` as the lines of a literal block scalar (`|`) indented by `indent` spaces."""
    pad = " " * indent
    body = text.removesuffix("\n")
    indicator = "|" if text.endswith("\n") else "|-"
    if body[:1] in (" ", "\t"):
        indicator = indicator[0] + "2" + indicator[1:]
        pad = " " * indent
    return [indicator] + [pad + line if line else "" for line in body.split("\n")]


class _Writer:
    def __init__(self, zh: bool, shortened: set[tuple[PathPart, ...]],
                 figures: dict[tuple[PathPart, ...], list[tuple[str, str]]]) -> None:
        self.lines: list[str] = []
        self.zh = zh
        self.shortened = shortened
        self.figures = figures

    def key(self, indent: int, name: str, value: str, comment: str = "") -> None:
        tail = f"  # {comment}" if comment else ""
        self.lines.append(f"{' ' * indent}{name}: {scalar(value)}{tail}")

    def notes(self, indent: int, text: str) -> None:
        if not text:
            return
        lines = block(text, indent + 2)
        self.lines.append(f"{' ' * indent}notes: {lines[0]}")
        self.lines.extend(lines[1:])

    def node(self, node: SlideNode, indent: int, path: tuple[PathPart, ...], first_key_dash: bool) -> None:
        lead = " " * (indent - 2) + "- " if first_key_dash else " " * indent
        short = "已缩短，请核对" if self.zh else "shortened: check it"
        tail = f"  # {short}" if path + ("title",) in self.shortened else ""
        self.lines.append(f"{lead}title: {scalar(node.title)}{tail}")
        if node.label is not None:
            self.key(indent, "label", node.label)
        if node.layout is not None:
            self.key(indent, "layout", node.layout.value)
        if node.kind is not None:
            self.key(indent, "kind", node.kind.value, "草拟：讲稿以引语开头，请确认" if self.zh else
                     "drafted: the text opens with a quotation; check it")
        if path in self.figures:
            self.lines.append(f"{' ' * indent}# " + ("草拟的大数字页（核对后去掉 # 即可使用）：" if self.zh else
                                                     "drafted big numbers (check them, then remove the #):"))
            self.lines.append(f"{' ' * indent}# kind: numbers")
            self.lines.append(f"{' ' * indent}# numbers:")
            for value, label in self.figures[path]:
                self.lines.append(f"{' ' * indent}#   - {{value: {scalar(value)}, label: {scalar(label)}}}")
        for key in ("image", "alt"):
            if getattr(node, key) is not None:
                self.key(indent, key, getattr(node, key))
        if node.table is not None:
            self.lines.append(f"{' ' * indent}table:")
            self.lines.append(f"{' ' * (indent + 2)}header: {scalar(list(node.table.header))}")
            self.lines.append(f"{' ' * (indent + 2)}rows:")
            self.lines += [f"{' ' * (indent + 4)}- {scalar(list(row))}" for row in node.table.rows]
        if node.code is not None:
            lines = block(node.code + "\n", indent + 2)
            self.lines.append(f"{' ' * indent}code: {lines[0]}")
            self.lines.extend(lines[1:])
        if node.bullets:
            draft = "草拟的要点，请修改" if self.zh else "drafted key phrases: edit them"
            self.lines.append(f"{' ' * indent}bullets:  # {draft}")
            for bullet in node.bullets:
                self.lines.append(f"{' ' * (indent + 2)}- {scalar(bullet)}")
        self.notes(indent, node.notes)

    def nodes(self, name: str, items: Sequence[SlideNode], indent: int, path: tuple[PathPart, ...]) -> None:
        self.lines.append(f"{' ' * indent}{name}:")
        for i, item in enumerate(items):
            where = path + (name, i) if path else (name, i)
            self.node(item, indent + 4, where, True)
            for child_key in ("subsections", "points"):
                children = getattr(item, child_key, None)
                if children:
                    self.nodes(child_key, children, indent + 4, where)
            if indent == 0 and i + 1 < len(items):
                self.lines.append("")


def outline_yaml(outline: Outline, header: Sequence[str] = (), shortened: set[tuple[PathPart, ...]] | None = None,
                 figures: dict[tuple[PathPart, ...], list[tuple[str, str]]] | None = None) -> str:
    """The YAML text of `outline`: header comment lines first, keys in the order of the format, notes as
    literal blocks, drafted bullets, drafted kinds and shortened titles marked in comments, proposed big
    numbers as commented keys."""
    w = _Writer(outline.deck.is_cjk, shortened or set(), figures or {})
    w.lines.extend(f"# {line}" if line else "#" for line in header)
    w.lines.append("deck:")
    deck: dict[str, Any] = to_data(outline.deck)
    for key in _DECK_KEYS:
        if deck.get(key) is not None and not (key == "markup" and deck[key] == "none"):
            w.key(2, key, str(deck[key]))
    w.notes(2, outline.deck.notes)
    for name in ("opening", "sections", "closing"):
        items = getattr(outline, name)
        if items:
            w.lines.append("")
            w.nodes(name, items, 0, ())
    return "\n".join(w.lines) + "\n"
