"""Text helpers shared by the extractor and the coverage check: sentences, clauses, widths, numerals."""
from __future__ import annotations

import re
import unicodedata

TERMINALS = "。！？!?"
CLOSERS = "”’」』）)】》\"'"
CLAUSE_MARKS = "，,；;：:"
TRAILING_PUNCT = "。；;：:，,、. \u3000\t"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十〇零两]"
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "cf", "fig", "no", "vol", "pp", "al"}


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, kana, hangul and full-width forms."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def width(text: str) -> float:
    """Display width in Chinese characters: a CJK character counts 1, anything else 0.4."""
    return sum(1.0 if is_cjk(ch) or unicodedata.east_asian_width(ch) in "WF" else 0.4 for ch in text)


def cn_number(text: str) -> int | None:
    """Parse a Chinese numeral up to 99 (一, 十, 十一, 二十三); None if it is not one."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = _CN_DIGITS.get(tens, -1) if tens else 1
    o = _CN_DIGITS.get(ones, -1) if ones else 0
    if t <= 0 or o < 0:
        return None
    return t * 10 + o


def ascii_digits(text: str) -> str:
    """Full-width digits (１２) as ASCII (12)."""
    return text.translate({0xFF10 + i: 0x30 + i for i in range(10)})


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
    if not any(is_cjk(c) for c in out) and " " in out:
        out = out.rsplit(" ", 1)[0]
    return strip_end(out) + "…", True


def cjk_ratio(text: str) -> float:
    """The share of CJK characters among the letters of `text`."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters)
