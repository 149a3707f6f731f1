"""Read a lecture (.txt, .md, .docx) into clean paragraphs, detecting the encoding and removing site markers."""
from __future__ import annotations

import re
from pathlib import Path

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.extract.encoding import decode
from deckgen.extract.lecture import Lecture, Marker, Para
from deckgen.extract.numbering import heading_labels
from deckgen.text.clean import sanitise
from deckgen.text.script import columns, is_wide

# A lecture of 4 MB is over a million Chinese characters, some eighty hours of speech: far beyond one deck.
# Drafting takes about 15 ms a slide, so the limit also keeps `deckgen outline` within a minute or two.
MAX_BYTES = 4 * 1024 * 1024
MARKER = re.compile(r"##\w+##")
_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u200a\u202f"
_NOT_TEXT = {
    ".doc": "an old Word document (.doc); open it in Word or WPS and save it as .docx",
    ".wps": "a WPS document (.wps); save it as .docx",
    ".pdf": "a PDF; export the lecture as .docx or .txt",
    ".pptx": "a PowerPoint deck, not a lecture; use `deckgen check` on decks",
    ".rtf": "an RTF file; save it as .docx or .txt",
    ".odt": "an OpenDocument file; save it as .docx",
}


def _fail(display: str, message: str, line: int | None = None, col: int | None = None) -> ContentError:
    return ContentError([Diagnostic(message, display, line, col)])


def remove_markers(text: str) -> tuple[str, list[Marker]]:
    """Remove `##word##` site markers, returning the text and each marker with its line."""
    found = [Marker(m.group(), text.count("\n", 0, m.start()) + 1) for m in MARKER.finditer(text)]
    return MARKER.sub("", text), found


def strip_line(line: str) -> str:
    """A line without surrounding spaces, tabs, full-width and no-break spaces."""
    return line.strip(_SPACE + "\n")


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines: no space between CJK characters, one space otherwise."""
    if not left or not right:
        return left + right
    if is_wide(left[-1]) and is_wide(right[0]):
        return left + right
    return f"{left} {right}"


def _hard_wrapped(lines: list[str]) -> int | None:
    """The wrap width when `lines` look hard-wrapped (blank-line paragraphs of lines cut at a fixed
    width), else None."""
    blocks = [i for i in range(len(lines) - 1) if lines[i].strip() and lines[i + 1].strip()]
    if not any(not line.strip() for line in lines) or len(blocks) < 4:
        return None
    widths = sorted(columns(strip_line(line)) for line in lines if line.strip())
    wrap = widths[int(0.9 * (len(widths) - 1))]
    if wrap > 130 or wrap < 30:
        return None
    full = sum(1 for i in blocks if columns(strip_line(lines[i])) >= 0.7 * wrap)
    return wrap if full >= 0.5 * len(blocks) else None


def text_paragraphs(text: str) -> list[Para]:
    """Paragraphs of plain text: one per line, or per blank-line block when the lines are hard-wrapped."""
    lines = text.split("\n")
    wrap = _hard_wrapped(lines)
    paras: list[Para] = []
    current: str | None = None
    current_line = 0
    previous = ""
    for number, raw in enumerate(lines, 1):
        line = strip_line(raw)
        if not line:
            if current is not None:
                paras.append(Para(current, current_line))
            current = None
            continue
        joins = (wrap is not None and current is not None and columns(previous) >= 0.6 * wrap
                 and not heading_labels(line) and not re.match(r"[-*•·]\s", line))
        if joins:
            current = join_lines(current or "", line)
        else:
            if current is not None:
                paras.append(Para(current, current_line))
            current, current_line = line, number
        previous = line
    if current is not None:
        paras.append(Para(current, current_line))
    return paras


def _markdown(text: str) -> tuple[list[Para], tuple]:
    from deckgen.extract.markdown import read_markdown, spoken

    blocks, title = read_markdown(text)
    paras = [Para(line, b.line, b.level if b.kind == "heading" else None) for b in blocks for line in spoken(b)]
    return paras, (tuple(blocks), title)


def read_lecture(path: Path, display: str | None = None, fmt: str | None = None) -> Lecture:
    """Read the lecture at `path` (.docx, .md/.markdown, anything else as plain text; `fmt` `txt`, `md` or
    `docx` says which whatever the name). A .txt that looks like Markdown is read as Markdown (said in `notes`).

    Site markers are removed and listed; blank paragraphs dropped; spaces around paragraphs stripped.
    Raises `ContentError` for a missing, unreadable, undecodable or empty file."""
    display = display or str(path)
    suffix = path.suffix.lower()
    if suffix in _NOT_TEXT:
        raise _fail(display, f"{display!r} is {_NOT_TEXT[suffix]}")
    from deckgen.package.files import file_problem

    why = file_problem(path)
    if why and why.startswith("is a folder"):
        raise _fail(display, f"{display!r} is a folder, not a file; give the lecture file")
    if why:
        raise _fail(display, f"file {display!r} {why}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(display, f"file {display!r} cannot be read ({exc.strerror})") from None
    docx_like = suffix in (".docx", ".docm", ".dotx") if fmt is None else fmt == "docx"
    too_large = (f"the lecture is larger than {MAX_BYTES >> 20} MB of text, more than one deck can carry; split it into "
                 "several files (a part per deck), or check that this is the right file")
    if size > MAX_BYTES and not docx_like:  # a .docx is limited by its text (below) and what it unpacks to
        raise _fail(display, too_large)
    notes: list[str] = []
    markdown: tuple = ()
    read_warnings: list[Diagnostic] = []
    if docx_like:
        from deckgen.extract.docx import read_docx

        kind, encoding = "docx", None
        markers: list[Marker] = []
        paragraphs = []
        for para in read_docx(path, display, read_warnings):
            text, found = remove_markers(sanitise(para.text, invisible=True)[0])
            markers += [Marker(m.text, para.line) for m in found]
            text = strip_line(text)
            if text:
                paragraphs.append(Para(text, para.line, para.level))
        if sum(len(p.text.encode("utf-8")) + 1 for p in paragraphs) > MAX_BYTES:
            raise _fail(display, too_large)
    else:
        try:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)  # bounded: a device reports size 0 and never ends
        except PermissionError:
            raise _fail(display, f"file {display!r} cannot be read (permission denied)") from None
        if len(raw) > MAX_BYTES:
            raise _fail(display, too_large)
        decoded, encoding = decode(raw, display)
        text, markers = remove_markers(sanitise(decoded, invisible=True)[0])
        from deckgen.extract.markdown import looks_like_markdown

        signs = looks_like_markdown(text) if fmt is None and suffix not in (".md", ".markdown") else []
        if signs:
            notes.append(f"read as Markdown: it has {', '.join(signs)} (--format txt reads it as plain text)")
        if fmt == "md" or (fmt is None and suffix in (".md", ".markdown")) or signs:
            kind = "md"
            paragraphs, markdown = _markdown(text)
        else:
            kind = "txt"
            paragraphs = text_paragraphs(text)
    if not paragraphs:
        raise _fail(display, "the lecture has no text; give the file that holds the lecture (.txt, .md or .docx)")
    return Lecture(tuple(paragraphs), display, kind, encoding, tuple(markers), tuple(notes), tuple(read_warnings),
                   markdown)
