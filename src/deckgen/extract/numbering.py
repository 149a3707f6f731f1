"""Heading labels at the start of a paragraph: 一、 （一） 1． （1） ① 第一部分, I. A. 1. a. Part 1, and their numbers."""
from __future__ import annotations

import re

from deckgen.extract.text import ascii_digits
from deckgen.outline.typed import record
from deckgen.text.numerals import CN_NUMERAL, ROMAN_FORMS, from_chinese, from_roman

# Conventional order of Chinese official-document levels (GB/T 9704): a scheme of a lower rank
# never sits under one of a higher rank.
CN_RANK = {"cn-part": -1, "cn-chapter": -1, "cn-dun": 0, "cn-paren": 1, "arabic-dot": 2, "arabic-paren": 3, "circled": 4}

_SEP = r"[\s\u3000]*"
_CN = rf"{CN_NUMERAL}{{1,3}}"
_DIGITS = r"(?:[0-9]{1,2}|[０-９]{1,2})"
_EN_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn-chapter", re.compile(rf"第{_SEP}(?P<n>{_CN}|{_DIGITS}){_SEP}(?P<word>部分|章|节|讲|篇|单元|课|专题)(?P<sep>[\s\u3000：:、，,．.]*)")),
    ("cn-dun", re.compile(rf"(?P<n>{_CN}){_SEP}[、．](?P<sep>[\s\u3000]*)")),
    ("cn-paren", re.compile(rf"[（(]{_SEP}(?P<n>{_CN}){_SEP}[）)](?P<sep>[\s\u3000、．.]*)")),
    ("decimal", re.compile(r"(?P<n>[0-9]{1,2}(?:\.[0-9]{1,2}){1,3})\.?(?P<sep>[\s\u3000]+)")),
    ("arabic-dot", re.compile(rf"(?P<n>{_DIGITS}){_SEP}[.．、](?![0-9０-９])(?P<sep>[\s\u3000]*)")),
    ("arabic-rparen", re.compile(r"(?P<n>[0-9]{1,2})\)(?P<sep>[\s\u3000]+)")),
    ("arabic-paren", re.compile(rf"[（(]{_SEP}(?P<n>{_DIGITS}){_SEP}[）)](?P<sep>[\s\u3000、．.]*)")),
    ("enclosed", re.compile(r"(?P<n>[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u2776-\u277f])(?P<sep>[\s\u3000、．.]*)")),
    ("roman", re.compile(rf"(?P<n>[IVXLC]{{1,6}}|[{ROMAN_FORMS}])[.．、)](?P<sep>[\s\u3000]*)")),
    ("upper", re.compile(r"(?P<n>[A-Z])[.．、)](?P<sep>[\s\u3000]*)")),
    ("lower", re.compile(r"(?P<n>[a-z])[.)](?P<sep>[\s\u3000]+)")),
    ("lower-roman", re.compile(r"(?P<n>[ivx]{1,5})[.)](?P<sep>[\s\u3000]+)")),
    ("en-part", re.compile(r"(?P<word>Part|Chapter|Section|Lecture|Unit|Module|Topic|Lesson)\s+"
                           rf"(?P<n>[0-9]{{1,2}}|[IVXLC]{{1,6}}|{'|'.join(w.title() for w in _EN_WORDS)})\b(?P<sep>\s*[.:：—–-]?\s*)")),
)


@record(frozen=True)
class Label:
    """A numbering label at the start of a paragraph.

    `text` is the label as written (`（一）`, `1．`, `第一部分：`), `end` the offset where the title
    starts, `prefix` the parent numbers of a decimal label (`2.3` → `2`)."""

    scheme: str
    number: int
    text: str
    end: int
    prefix: str = ""

    @property
    def rank(self) -> int | None:
        """The conventional Chinese level of this scheme, if it has one."""
        return CN_RANK.get(self.scheme)


def _enclosed(ch: str) -> tuple[str, int]:
    code = ord(ch)
    if 0x2460 <= code <= 0x2473:
        return "circled", code - 0x2460 + 1
    if 0x2474 <= code <= 0x2487:
        return "arabic-paren", code - 0x2474 + 1
    if 0x2488 <= code <= 0x249B:
        return "arabic-dot", code - 0x2488 + 1
    return "circled", code - 0x2776 + 1


def _number(scheme: str, raw: str) -> int | None:
    if scheme in ("cn-dun", "cn-paren"):
        return from_chinese(raw)
    if scheme in ("cn-chapter",):
        return from_chinese(raw) or (int(ascii_digits(raw)) if ascii_digits(raw).isdigit() else None)
    if scheme in ("arabic-dot", "arabic-paren", "arabic-rparen"):
        return int(ascii_digits(raw))
    if scheme in ("roman", "lower-roman"):
        return from_roman(raw)
    if scheme == "upper":
        return ord(raw) - ord("A") + 1
    if scheme == "lower":
        return ord(raw) - ord("a") + 1
    if scheme == "en-part":
        if raw.isdigit():
            return int(raw)
        if raw.lower() in _EN_WORDS:
            return _EN_WORDS.index(raw.lower()) + 1
        return from_roman(raw)
    return None


def heading_labels(text: str) -> list[Label]:
    """Every reading of a numbering label at the start of `text` (`I.` is both roman 1 and letter 9).

    A label counts only when a title follows it; ASCII labels need a space (or CJK text) after them."""
    found: list[Label] = []
    for scheme, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group("n")
        end = m.end()
        rest = text[end:]
        if not rest.strip():
            continue
        label_text = text[: m.start("sep")] + m.group("sep").rstrip(" \t")
        if scheme == "enclosed":
            name, number = _enclosed(raw)
            found.append(Label(name, number, label_text, end))
            continue
        if scheme == "decimal":
            parts = raw.split(".")
            found.append(Label(f"decimal-{len(parts)}", int(parts[-1]), label_text, end, ".".join(parts[:-1])))
            continue
        if scheme in ("roman", "upper", "lower", "lower-roman") and raw.isascii() and not m.group("sep") \
                and not ("\u2e80" <= rest[0] <= "\uffef"):
            continue
        if scheme == "cn-dun" and re.match(rf"{CN_NUMERAL}{{1,2}}[、季月]", rest):
            continue  # 一、二季度 is a range, not a heading
        number = _number(scheme, raw)
        if number is None or number <= 0:
            continue
        if scheme == "cn-chapter":
            scheme = "cn-part" if m.group("word") == "部分" else f"cn-{m.group('word')}"
        elif scheme == "en-part":
            scheme = f"en-{m.group('word').lower()}"
        found.append(Label(scheme, number, label_text, end))
    return found
