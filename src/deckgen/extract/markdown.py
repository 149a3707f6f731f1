"""Read a Markdown lecture with markdown-it-py: headings, text (inline formatting kept), code, tables, images."""
from __future__ import annotations

import re
from typing import Any, Optional

from deckgen.outline.typed import record
from deckgen.text.inline import code_span, escape, link
from deckgen.text.script import is_wide

# Signs that a .txt holds Markdown: ATX headings, fenced code, link or image syntax, emphasis markers.
_SIGNS = (re.compile(r"^#{1,6} \S", re.M), re.compile(r"^(```|~~~)", re.M), re.compile(r"!?\[[^\]\n]+\]\([^)\s]+\)"),
          re.compile(r"(^|\s)(\*\*|__)\S[^\n]*?\S\2(\s|$|[.,;:])", re.M), re.compile(r"^\s*[-*+] \S", re.M))
REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^//|^data:")


@record(frozen=True)
class Block:
    """One block of the lecture, in order: `kind` `heading` (with `level`), `text` (a paragraph, list item
    or quotation: `text` in the outline's inline syntax, `depth` the list depth, 0 outside lists), `code`,
    `table` (`rows`, the first the header), `image` (`alt`, `src`); `plain` is the text it shows; `line` is
    its 1-based line in the file."""

    kind: str
    line: int
    text: str = ""
    plain: str = ""
    level: int = 0
    depth: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    alt: str = ""
    src: str = ""


def looks_like_markdown(text: str) -> list[str]:
    """Which signs of Markdown `text` shows (for a .txt): two kinds of sign, or headings with more than one."""
    names = ("ATX headings", "fenced code", "link syntax", "emphasis marks", "list items")
    found = [name for name, sign in zip(names, _SIGNS) if sign.search(text)]
    strong = {"ATX headings", "fenced code", "link syntax"}
    return found if len(found) >= 2 and strong & set(found) else []


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    return left + right if is_wide(left[-1]) and is_wide(right[0]) else f"{left} {right}"


def inline(children: list[Any]) -> tuple[str, str]:
    """The inline tokens of a block as (text in the inline syntax, plain text): links kept with their URL,
    strong and emphasis marked, code as code spans, line breaks joined (no space between CJK characters),
    inline HTML tags dropped, images as their alt text."""
    marked: list[str] = []
    plain: list[str] = []
    for tok in children:
        t = tok.type
        if t == "text":
            marked.append(escape(tok.content))
            plain.append(tok.content)
        elif t == "code_inline":
            marked.append(code_span(tok.content))
            plain.append(tok.content)
        elif t in ("softbreak", "hardbreak"):
            marked.append("\n")
            plain.append("\n")
        elif t in ("strong_open", "strong_close"):
            marked.append("**")
        elif t in ("em_open", "em_close"):
            marked.append("*")
        elif t == "link_open":
            marked.append("\x00[")
        elif t == "link_close":
            marked.append("\x01")
        elif t == "image":
            alt = tok.content or "".join(c.content for c in tok.children or [])
            marked.append(escape(alt))
            plain.append(alt)
        elif t == "html_inline":
            continue
    text, shown = "".join(marked), "".join(plain)
    text = _links(text, [tok.attrs.get("href", "") for tok in children if tok.type == "link_open"])
    return _unwrap(text), _unwrap(shown)


def _links(text: str, hrefs: list[str]) -> str:
    out, i = [], 0
    for href in hrefs:
        start = text.find("\x00[", i)
        end = text.find("\x01", start)
        out.append(text[i:start])
        label = text[start + 2:end]
        absolute = re.match(r"(https?|mailto|ftp):", href or "")  # a site-relative link leads nowhere from a deck
        out.append(f"[{label}]({link('x', href).split('](', 1)[1]}" if absolute and label.strip() else label)
        i = end + 1
    return "".join(out) + text[i:]


def _unwrap(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        out = _join(out, line)
    return out


def _rows(tokens: list[Any], i: int) -> tuple[tuple[tuple[str, ...], ...], int]:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            row = []
        elif tok.type == "inline":
            row.append(inline(tok.children or [])[1])
        elif tok.type == "tr_close":
            rows.append(tuple(row))
        i += 1
    return tuple(rows), i


def _html_text(html: str) -> str:
    text = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(text)).strip()


_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_LIQUID_TAG = re.compile(r"\{%.*?%\}", re.S)


def _without_liquid(text: str) -> str:
    """`text` without the Liquid template tags of Jekyll sites (`{% comment %}…{% endcomment %}` with what
    it comments out, `{% include … %}`), their line breaks kept so that lines keep their numbers."""
    def blank(m: re.Match[str]) -> str:
        return "\n" * m.group().count("\n")

    return _LIQUID_TAG.sub(blank, _LIQUID_COMMENT.sub(blank, text))


def read_markdown(text: str) -> tuple[list[Block], Optional[str]]:
    """The blocks of the Markdown `text` in order, and the title of its YAML front matter (if any)."""
    from markdown_it import MarkdownIt

    title = None
    offset = 0
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            from deckgen.errors import ContentError
            from deckgen.outline.load import parse_yaml

            try:  # bounded as outlines are: depth, aliases, no tags; a mistake there only loses the title
                meta = parse_yaml("\n".join(lines[1:end]), "front matter").data
            except ContentError:
                meta = None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
                title = meta["title"].strip()
            offset = end + 1
            text = "\n".join(lines[offset:])
    text = _without_liquid(text)
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    blocks: list[Block] = []
    depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = (tok.map[0] if tok.map else 0) + 1 + offset
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "heading_open":
            marked, shown = inline(tokens[i + 1].children or [])
            if shown.strip():
                blocks.append(Block("heading", line, shown.strip(), shown.strip(), level=int(tok.tag[1])))
            i += 3
            continue
        elif tok.type == "inline":
            kids = [c for c in tok.children or [] if not (c.type == "text" and not c.content.strip())]
            if len(kids) == 1 and kids[0].type == "image":
                img = kids[0]
                alt = img.content or "".join(c.content for c in img.children or [])
                blocks.append(Block("image", line, escape(alt), alt, alt=alt, src=img.attrs.get("src", "")))
            else:
                marked, shown = inline(tok.children or [])
                if shown.strip():
                    blocks.append(Block("text", line, marked.strip(), shown.strip(), depth=depth))
        elif tok.type in ("fence", "code_block"):
            code = tok.content.rstrip("\n")
            if code.strip():
                blocks.append(Block("code", line, code, code))
        elif tok.type == "table_open":
            rows, i = _rows(tokens, i)
            if rows:
                blocks.append(Block("table", line, "", " | ".join(rows[0]), rows=rows))
        elif tok.type == "html_block":
            shown = _html_text(tok.content)
            if shown:
                blocks.append(Block("text", line, escape(shown), shown))
        i += 1
    return blocks, title


def spoken(block: Block) -> list[str]:
    """The plain text a block puts into the notes, paragraph by paragraph (what `check --source` compares)."""
    if block.kind == "code":
        return [line for line in block.text.split("\n") if line.strip()]
    if block.kind == "table":
        return [" | ".join(row) for row in block.rows]
    if block.kind == "image":
        return [f"{block.alt} {block.src}".strip() if REMOTE.match(block.src) else block.alt] if block.alt or REMOTE.match(block.src) else []
    return [block.plain]


def notes_lines(block: Block) -> list[str]:
    """The notes paragraphs of a block in the inline syntax (code lines as code spans, a remote image's URL
    as a link)."""
    if block.kind == "code":
        return [code_span(line) for line in block.text.split("\n") if line.strip()]
    if block.kind == "table":
        return [" | ".join(escape(c) for c in row) for row in block.rows]
    if block.kind == "image":
        if REMOTE.match(block.src):
            return [f"{escape(block.alt)} {link(block.src, block.src)}".strip()]
        return [escape(block.alt)] if block.alt else []
    return [block.text]
