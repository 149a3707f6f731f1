"""Inline formatting in outline text (`deck.markup: markdown`): `**bold**`, `*italic*`, `` `code` ``, `[text](url)`."""
from __future__ import annotations

import re
from dataclasses import dataclass

# What a backslash may escape: the marks this syntax gives meaning to.
ESCAPABLE = "\\`*_[]()"
_ESCAPE = re.compile(r"([\\`*\[\]])")


@dataclass(frozen=True)
class Span:
    """A piece of text in one look: bold, italic, monospace (`code`), and the URL it links to ('' for none)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str = ""


def escape(text: str) -> str:
    """`text` with the marks of this syntax escaped, so that it reads back as exactly `text`."""
    return _ESCAPE.sub(r"\\\1", text)


def code_span(text: str) -> str:
    """`text` as a code span: fenced by one more backtick than its longest run of backticks, padded with a
    space when it starts or ends with a backtick (as in Markdown)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(text: str, url: str) -> str:
    """A link: `[text](url)`, the text escaped, and `)` or spaces in the URL percent-encoded."""
    return f"[{escape(text)}]({url.replace(' ', '%20').replace(')', '%29').replace('(', '%28')})"


def _close(text: str, i: int, mark: str) -> int:
    """The index of the mark closing emphasis opened by `mark` before `i`, or -1 (escapes and code skipped)."""
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            i += 2
            continue
        if ch == "`":
            run = len(re.match(r"`+", text[i:]).group())  # type: ignore[union-attr]
            end = text.find("`" * run, i + run)
            i = end + run if end >= 0 else i + run
            continue
        if text.startswith(mark, i) and i > 0 and not text[i - 1].isspace() and (len(mark) == 2 or not text.startswith("**", i)):
            return i
        if len(mark) == 1 and text.startswith("**", i):
            inner = _close(text, i + 2, "**")
            i = inner + 2 if inner >= 0 else i + 2
            continue
        i += 1
    return -1


def parse(text: str, bold: bool = False, italic: bool = False, url: str = "") -> list[Span]:
    """The spans of `text` in this syntax; a mark without its partner is text, as written."""
    spans: list[Span] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic, False, url))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            run = len(re.match(r"`+", text[i:]).group())  # type: ignore[union-attr]
            end = text.find("`" * run, i + run)
            while end >= 0 and text.startswith("`", end + run):  # a longer run does not close it
                end = text.find("`" * run, end + run + 1)
            if end >= 0:
                flush()
                inner = text[i + run:end]
                if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
                    inner = inner[1:-1]
                spans.append(Span(inner, bold, italic, True, url))
                i = end + run
                continue
            buf.append("`" * run)
            i += run
            continue
        if ch == "*" and i + 1 < n and not text[i + 1 if not text.startswith("**", i) else i + 2:][:1].isspace():
            mark = "**" if text.startswith("**", i) else "*"
            end = _close(text, i + len(mark), mark)
            if end > i + len(mark):
                flush()
                spans += parse(text[i + len(mark):end], bold or mark == "**", italic or mark == "*", url)
                i = end + len(mark)
                continue
        if ch == "[" and not url:
            m = _link_at(text, i)
            if m is not None:
                label, target, end = m
                flush()
                spans += parse(label, bold, italic, target)
                i = end
                continue
        buf.append(ch)
        i += 1
    flush()
    return spans


def _link_at(text: str, i: int) -> tuple[str, str, int] | None:
    """`[label](url)` starting at `i`: the label, the URL and the index after it; None when there is none."""
    depth, j, n = 0, i, len(text)
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        depth += ch == "["
        depth -= ch == "]"
        if depth == 0:
            break
        j += 1
    if j >= n or not text.startswith("(", j + 1):
        return None
    close = text.find(")", j + 2)
    target = text[j + 2:close] if close >= 0 else ""
    if close < 0 or not target or any(c.isspace() for c in target):
        return None
    return text[i + 1:j], target, close + 1


def plain(text: str) -> str:
    """The text `text` shows: the marks removed, escapes resolved, links as their text."""
    return "".join(s.text for s in parse(text))


def _as_measured(span: Span) -> str:
    if not span.code:
        return span.text
    # a monospace face (0.55–0.6 em a character) is wider than the text face: each character measured as
    # an `F` (0.611 em in Arial), a space as two spaces (a break stays possible there)
    return "".join("  " if ch == " " else ch if ord(ch) > 0x2E7F else "F" for ch in span.text)


def shown(paragraphs: tuple[str, ...], marked: bool) -> tuple[str, ...]:
    """The text `paragraphs` show, as measured: without their marks when `marked` (the outline's
    `deck.markup`), code as wide as it shows in its monospace face."""
    return tuple("".join(_as_measured(s) for s in parse(p)) for p in paragraphs) if marked else paragraphs
