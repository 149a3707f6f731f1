"""Split text into sentences and clauses: Chinese 。！？ and closing quotes, English full stops (not Mr. or e.g.), line breaks."""
from __future__ import annotations

import re

TERMINALS = "。！？!?"
CLOSERS = "”’」』）)】》\"'"
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "cf", "fig", "no", "vol", "pp", "al"}


def _english_stop(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends a sentence (not an abbreviation or an initial)."""
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence of `text`: after 。！？!? (and closing quotes), English full
    stops followed by a space, and line breaks. The last offset is `len(text)`."""
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        end = None
        if ch in TERMINALS:
            end = i + 1
            while end < n and (text[end] in TERMINALS or text[end] in CLOSERS):
                end += 1
        elif ch == "." and (i + 1 == n or text[i + 1] in " \n\t\"')]") and _english_stop(text, i):
            end = i + 1
            while end < n and text[end] in CLOSERS:
                end += 1
        elif ch == "\n":
            end = i + 1
        if end is not None:
            while end < n and text[end] in " \t\u3000\n":
                end += 1
            if not ends or end > ends[-1]:
                ends.append(end)
            i = end
            continue
        i += 1
    if not ends or ends[-1] < n:
        ends.append(n)
    return ends


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of `text` as (offset, text without surrounding whitespace), empty ones skipped."""
    out, start = [], 0
    for end in sentence_ends(text):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            out.append((start + len(piece) - len(piece.lstrip()), stripped))
        start = end
    return out


def first_sentence(text: str) -> str:
    """The first sentence of `text`, stripped."""
    found = sentences(text)
    return found[0][1] if found else ""


def clauses(text: str) -> list[str]:
    """Split at clause marks (，；： and their ASCII forms followed by a space), stripped, empty ones dropped."""
    parts = re.split(r"[，；：]|[,;:](?=\s)", text)
    return [p.strip() for p in parts if p.strip()]
