"""Text helpers of the extractor: title widths, shortening, trailing punctuation, full-width digits."""
from __future__ import annotations

from deckgen.text.script import is_wide
from deckgen.text.sentences import clauses, first_sentence

TRAILING_PUNCT = "。；;：:，,、. \u3000\t"


def width(text: str) -> float:
    """Display width in Chinese characters: a wide (CJK) character counts 1, anything else 0.4."""
    return sum(1.0 if is_wide(ch) else 0.4 for ch in text)


def ascii_digits(text: str) -> str:
    """Full-width digits (１２) as ASCII (12)."""
    return text.translate({0xFF10 + i: 0x30 + i for i in range(10)})


def strip_end(text: str) -> str:
    """`text` without trailing punctuation and spaces (keeps a closing quote or bracket)."""
    return text.strip().rstrip(TRAILING_PUNCT).strip()


def shorten(text: str, limit: float) -> tuple[str, bool]:
    """`text` as a title of at most `limit` width: the whole sentence, else its first clause, else cut.

    Returns the title and whether it was cut (not the source's own words in full)."""
    text = strip_end(first_sentence(text) or text)
    if width(text) <= limit:
        return text, False
    parts = clauses(text)
    if parts and width(parts[0]) <= limit and width(parts[0]) >= 2:
        return strip_end(parts[0]), False
    head = parts[0] if parts else text
    out = ""
    for ch in head:
        if width(out + ch) > limit - 1:
            break
        out += ch
    if not any(is_wide(c) for c in out) and " " in out:
        out = out.rsplit(" ", 1)[0]
    return strip_end(out) + "…", True
