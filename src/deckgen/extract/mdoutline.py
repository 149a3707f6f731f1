"""Draft an outline from a Markdown lecture's blocks: headings give sections, subsections and points; code,
tables and images get slides of their kind; text keeps its links, emphasis and code as inline marks."""
from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path
from typing import Any, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.extract.markdown import REMOTE, Block, notes_lines
from deckgen.outline.typed import record
from deckgen.text.inline import Span, code_span, escape, link, parse
from deckgen.text.script import detect_language, is_cjk_language

MAX_LIST_BULLETS = 6
LONG_BULLET = 120  # characters: a longer list item is shortened for its bullet (the notes keep it whole)


@record
class _Node:
    title: str
    line: int
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)


def _marked(span: Span) -> str:
    if span.link:
        return link(span.text, span.link)
    if span.code:
        return code_span(span.text)
    return f"**{escape(span.text)}**" if span.bold else f"*{escape(span.text)}*"


def remark(bullet: str, blocks: list[Block]) -> str:
    """A bullet drafted from the plain text, escaped, with the links, code and emphasis of `blocks` it quotes
    marked again (each where its words stand whole in the bullet)."""
    spans = {s.text: s for b in blocks if b.kind == "text" for s in parse(b.text)
             if (s.link or s.code or s.bold or s.italic) and len(s.text.strip()) >= 2}
    if not spans:
        return escape(bullet)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in sorted(spans, key=len, reverse=True)))
    out, i = [], 0
    for m in pattern.finditer(bullet):
        out += [escape(bullet[i:m.start()]), _marked(spans[m.group()])]
        i = m.end()
    return "".join(out) + escape(bullet[i:])


def _title(text: str) -> str:
    return escape(text)[:480] or "…"


class _Drafter:
    def __init__(self, language: str, lecture_dir: Path, outline_dir: Path, source: str) -> None:
        self.cjk, self.language = is_cjk_language(language), language
        self.lecture_dir, self.outline_dir, self.source = lecture_dir, outline_dir, source
        self.warnings: list[Diagnostic] = []
        self.used: list[str] = []
        self.names: dict[str, int] = {}

    def words(self, zh: str, en: str) -> str:
        from deckgen.text.words import localized

        return localized(zh, self.language) if self.cjk else en

    def named(self, title: str, what_zh: str, what_en: str) -> str:
        """`title` with what the slide shows (`（代码）`, ` (code)`), numbered from the second on."""
        key = f"{title}/{what_en}"
        self.names[key] = self.names.get(key, 0) + 1
        n = self.names[key]
        what = self.words(what_zh, what_en) + (f" {n}" if n > 1 else "")
        return f"{title}（{what}）" if self.cjk else f"{title} ({what})"

    def bullets(self, blocks: list[Block], title: str) -> list[str]:
        items = [b for b in blocks if b.kind == "text" and b.depth == 1]
        if items:
            from deckgen.extract.text import shorten

            out = [b.text if len(b.plain) <= LONG_BULLET else escape(shorten(b.plain, 30 if self.cjk else 80)[0])
                   for b in items[:MAX_LIST_BULLETS]]
            return out
        text = "\n".join(b.plain for b in blocks if b.kind == "text")
        if not text.strip():
            return []
        from deckgen.extract.bullets import draft_bullets

        drafted = draft_bullets(text, title=title, avoid=self.used[-400:])
        self.used += drafted
        return [remark(b, blocks) for b in drafted]

    def entry(self, title: str, blocks: list[Block], heading: Optional[str]) -> dict[str, Any]:
        notes = [escape(heading)] if heading else []
        for b in blocks:
            notes += notes_lines(b)
        data: dict[str, Any] = {"title": _title(title), "label": ""}  # a heading's own words, not numbered
        bullets = self.bullets(blocks, title)
        if bullets:
            data["bullets"] = bullets
        data["notes"] = "\n".join(notes) + "\n" if notes else ""
        return data

    def special(self, title: str, chunk: list[Block]) -> dict[str, Any]:
        """The entry for a code block, table or image and the text after it (in its notes)."""
        b, rest = chunk[0], chunk[1:]
        notes = notes_lines(b) + [line for x in rest for line in notes_lines(x)]
        data: dict[str, Any] = {}
        if b.kind == "code":
            data = {"title": _title(self.named(title, "代码", "code")), "code": b.text}
        elif b.kind == "table" and len(b.rows) > 1:
            header, rows = list(b.rows[0]), [list(r) for r in b.rows[1:]]
            data = {"title": _title(self.named(title, "表格", "table")), "table": {"header": header, "rows": rows},
                    "alt": self.words(f"表格：{len(rows)} 行，列为{'、'.join(header)}",
                                      f"Table of {len(rows)} rows: {', '.join(header)}")[:1000]}
        elif b.kind == "image" and not REMOTE.match(b.src) and (self.lecture_dir / b.src).is_file():
            path = os.path.relpath((self.lecture_dir / b.src).resolve(), self.outline_dir.resolve())
            data = {"title": _title(b.alt or self.named(title, "图片", "picture")), "image": Path(path).as_posix()}
            if b.alt:
                data["alt"] = b.alt[:1000]
        else:  # a remote image (never downloaded), a missing one, or a table of only a header row: its words
            if b.kind == "image" and not REMOTE.match(b.src):
                self.warnings.append(Diagnostic(f"image {b.src!r} not found beside the lecture; its alt text is shown",
                                                self.source, b.line))
            shown = b.text or escape(b.plain) or escape(b.src)
            data = {"title": _title(self.named(title, "图片", "picture") if b.kind == "image" else title), "bullets": [shown]}
        data["notes"] = "\n".join(notes) + "\n" if notes else ""
        return {"label": "", **data}

    def node(self, n: _Node, depth: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The entry of `n` and the entries after it at its own level (its code, tables, images when it is a point)."""
        chunks: list[list[Block]] = [[]]
        for b in n.blocks:
            if b.kind in ("code", "table", "image"):
                chunks.append([b])
            else:
                chunks[-1].append(b)
        data = self.entry(n.title, chunks[0], n.title if n.line else None)
        extras = [self.special(n.title, c) for c in chunks[1:]]
        key = ("subsections", "points", None)[depth]
        children = []
        for child in n.children:
            entry, after = self.node(child, depth + 1)
            children += [entry, *after]
        if key is None:
            return data, extras
        if extras or children:
            data[key] = extras + children
        return data, []


def md_outline(blocks: list[Block], front_title: Optional[str], source: str, lecture_dir: Path,
               outline_dir: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The outline (as data for `Outline.model_validate`) of a Markdown lecture's `blocks`, with warnings.

    The deck title is the front matter's `title:`, else a heading alone at the top level, else the file's
    name. The next heading levels give sections, subsections and points; deeper headings are text. Every
    block's words go into exactly one entry's notes, in order."""
    language = detect_language("\n".join(b.plain for b in blocks))
    d = _Drafter(language, lecture_dir, outline_dir, source)
    heads = [b for b in blocks if b.kind == "heading"]
    top = min((b.level for b in heads), default=1)
    deck: dict[str, Any] = {"title": _title(front_title or Path(source).stem or source), "language": language,
                            "markup": "markdown"}
    deck_notes: list[str] = []
    if not front_title and heads and sum(b.level == top for b in heads) == 1 and blocks[0] is next(b for b in heads if b.level == top):
        deck["title"] = _title(blocks[0].plain)
        deck_notes.append(escape(blocks[0].plain))
        blocks = blocks[1:]
        heads = heads[1:]
    levels = sorted({b.level for b in heads})[:3]
    roots: list[_Node] = []
    stack: list[_Node] = []
    opening = _Node(d.words("引言", "Introduction"), 0, 0)  # line 0: not a heading of the lecture
    for b in blocks:
        if b.kind == "heading" and b.level in levels:
            depth = levels.index(b.level)
            node = _Node(b.plain, b.line, depth)
            while stack and stack[-1].level >= depth:
                stack.pop()
            if stack and stack[-1].level == depth - 1:
                stack[-1].children.append(node)
            else:
                node.level = 0  # a heading below no section of its own: a section
                roots.append(node)
            stack.append(node)
            continue
        if b.kind == "heading":
            b = Block("text", b.line, escape(b.plain), b.plain)
        (stack[-1] if stack else opening).blocks.append(b)
    data: dict[str, Any] = {"deck": {**deck, "notes": "\n".join(deck_notes) + "\n" if deck_notes else ""}}
    if opening.blocks:
        first, extras = d.node(opening, 2)
        data["opening"] = [first, *extras]
    if not roots:  # no headings: the whole lecture under one section named after the deck
        roots = [_Node(deck["title"], 1, 0)]
    from deckgen.extract.frame import CONCLUSION

    closing = roots[-1] if len(roots) > 1 and CONCLUSION.match(roots[-1].title) and not roots[-1].children else None
    data["sections"] = [d.node(r, 0)[0] for r in roots if r is not closing]
    if closing is not None:  # `## Conclusion`, `# Summary`: the closing slide
        first, extras = d.node(closing, 2)
        data["closing"] = [first, *extras]
    return data, d.warnings
