"""The lecture as `deckgen check --source` reads it, independently of the reader that drafts outlines: for a
.docx, every paragraph element of the document in document order, so text that reader skips (table cells,
text boxes) shows up as missing and text it reads twice as present twice."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckgen.extract.wordpkg import chosen
from deckgen.package.ns import MC, R, W

if TYPE_CHECKING:
    from lxml.etree import _Element

_P, _ALT_CHUNK = f"{{{W}}}p", f"{{{W}}}altChunk"
_DELETED = frozenset(f"{{{W}}}{t}" for t in ("del", "moveFrom"))
_BRANCHES = frozenset((f"{{{MC}}}Choice", f"{{{MC}}}Fallback"))
_CHARS = {f"{{{W}}}tab": "\t", f"{{{W}}}noBreakHyphen": "-"}
_BREAKS = frozenset((f"{{{W}}}br", f"{{{W}}}cr"))
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


def source_paragraphs(path: Path, display: Optional[str] = None) -> list[tuple[Optional[int], str]]:
    """(line, text) of every paragraph of the lecture at `path`; for a .docx the line is the paragraph's number
    in document order. Text is cleaned as the reader cleans it (control characters, `##site##` markers)."""
    from deckgen.extract.readers import read_lecture

    display = display or str(path)
    if path.suffix.lower() not in DOCX_SUFFIXES:
        return [(p.line, p.text) for p in read_lecture(path, display).paragraphs]
    return _docx(path, display)


def _in_unread_branch(el: "_Element") -> bool:
    return any(a.tag in _BRANCHES and not chosen(a) for a in el.iterancestors(*_BRANCHES))


def _own_text(p: "_Element") -> str:
    """The text of paragraph `p` itself: its runs' text, not that of paragraphs nested in it (text boxes),
    not tracked deletions, not the unread branch of alternate content."""
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{{{W}}}t" or tag in _CHARS or tag in _BREAKS:
            if next(el.iterancestors(_P), None) is not p or any(True for _ in el.iterancestors(*_DELETED)):
                continue
            if _in_unread_branch(el):
                continue
            if tag in _BREAKS:
                out.append("\n" if el.get(f"{{{W}}}type") in (None, "textWrapping") else "")
            else:
                out.append(_CHARS.get(tag, el.text or ""))
    return "".join(out)


def _docx(path: Path, display: str) -> list[tuple[Optional[int], str]]:
    from deckgen.extract.docx import Labels
    from deckgen.extract.htmltext import chunk_paragraphs
    from deckgen.extract.readers import remove_markers, strip_line
    from deckgen.extract.wordpkg import open_docx
    from deckgen.text.clean import sanitise

    doc = open_docx(path, display)
    labels = Labels(doc.styles, doc.numbering)
    out: list[tuple[Optional[int], str]] = []
    number = 0
    for el in doc.body.iter(_P, _ALT_CHUNK):
        if _in_unread_branch(el):
            continue
        number += 1
        if el.tag == _ALT_CHUNK:
            rid = el.get(f"{{{R}}}id", "")
            texts = chunk_paragraphs(*doc.chunks[rid]) if rid in doc.chunks else None
            out += [(number, t) for t in texts or ()]
            continue
        text = _own_text(el)
        _, label = labels.of(el, text)
        if label:
            text = label + text.lstrip()
        for piece in text.split("\n"):
            clean = strip_line(remove_markers(sanitise(piece, invisible=True)[0])[0])
            if clean:
                out.append((number, clean))
    return out
