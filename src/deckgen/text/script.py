"""Which text is East Asian: CJK languages, wide characters, and how much of a text is CJK."""
from __future__ import annotations

import unicodedata

CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})


def is_cjk_language(tag: str) -> bool:
    """Whether the language tag (`zh-CN`, `ja`, `ko-KR`; any case) names Chinese, Japanese or Korean."""
    return tag.split("-")[0].lower() in CJK_LANGUAGES


def is_wide(ch: str) -> bool:
    """Whether `ch` is East Asian wide or full-width (Unicode East_Asian_Width W or F).

    True for ideographs, kana, hangul, CJK and full-width punctuation (，。！ and the ideographic
    space U+3000, but not the ambiguous “ ” — …) and emoji. Such characters take 1 em in any font
    and two columns in a terminal; they are what "CJK character" means throughout deckgen.
    """
    return unicodedata.east_asian_width(ch) in ("W", "F")


def has_cjk(text: str) -> bool:
    """Whether `text` holds an East Asian wide character (an ideograph, kana, hangul, full-width form)."""
    return any(is_wide(ch) for ch in text)


def cjk_ratio(text: str) -> float:
    """The share of wide characters among the letters of `text` (0.0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_wide(ch)) / len(letters)


def columns(text: str) -> int:
    """The width of `text` in terminal (monospace) columns: two for a wide character, one otherwise."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def _joins(ch: str) -> bool:
    """Whether `ch` belongs to the character before it on screen: a combining mark, a variation selector,
    an emoji modifier or tag, a zero-width joiner (and what it joins)."""
    code = ord(ch)
    return (unicodedata.combining(ch) != 0 or unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F or code == 0x200D)


def visible_length(text: str) -> int:
    """How many characters `text` shows (about Unicode's grapheme clusters): a letter with its combining
    marks, a consonant cluster joined by a virama (क्षि), an emoji with its modifiers or joined by ZWJ, a pair of
    regional indicators (a flag) count once.
    Limits on titles and bullets count these, not code points."""
    count = 0
    previous = ""
    flag_open = False
    for ch in text:
        linked = previous and unicodedata.combining(previous) == 9 and unicodedata.category(ch) == "Lo"  # virama + consonant
        if count and (_joins(ch) or previous == "\u200d" or linked):
            previous = ch
            continue
        if 0x1F1E6 <= ord(ch) <= 0x1F1FF:
            if flag_open:
                flag_open = False
                previous = ch
                continue
            flag_open = True
        else:
            flag_open = False
        count += 1
        previous = ch
    return count


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def detect_language(text: str) -> str:
    """The language tag of a lecture's text: `ja-JP` (kana), `ko-KR` (hangul), `zh-TW` (traditional
    characters: in Big5 but not in GB2312, outnumbering the simplified ones), `zh-CN`, or `en-US` when
    fewer than a fifth of its letters are East Asian."""
    if cjk_ratio(text) < 0.2:
        return "en-US"
    kana = hangul = traditional = simplified = 0
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF:
            kana += 1
        elif 0xAC00 <= code <= 0xD7AF:
            hangul += 1
        elif 0x4E00 <= code <= 0x9FFF:
            in_big5, in_gb = _encodes(ch, "big5"), _encodes(ch, "gb2312")
            traditional += in_big5 and not in_gb
            simplified += in_gb and not in_big5
    if hangul and hangul >= kana:
        return "ko-KR"
    if kana:
        return "ja-JP"
    return "zh-TW" if traditional > simplified else "zh-CN"


EAST_ASIAN_QUOTES = "“”‘’"  # ambiguous-width quotation marks: full width beside Chinese (`是“全国一盘棋”的`)


def joined_tight(a: str, b: str) -> bool:
    """Whether two lines ending in `a` and starting with `b` join without a space between them (`one_line`): two
    wide characters, or a wide one and a quotation mark (in Chinese text, `“”‘’` are set full width)."""
    wide_a, wide_b = is_wide(a), is_wide(b)
    return (wide_a and wide_b) or (wide_a and b in EAST_ASIAN_QUOTES) or (a in EAST_ASIAN_QUOTES and wide_b)


def one_line(lines: "list[str] | tuple[str, ...]") -> str:
    """Lines (a title's paragraphs, each perhaps broken on the slide at `\n`) as one line: each stripped, joined
    by a space, without one between two wide characters (`建设` + `社会主义` → `建设社会主义`) or a wide character
    and a quotation mark beside it (`是` + `“全国` → `是“全国`)."""
    out = ""
    for line in (part.strip() for x in lines for part in x.split("\n")):
        if not line:
            continue
        if out and not joined_tight(out[-1], line[0]):
            out += " "
        out += line
    return out
