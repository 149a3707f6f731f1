"""What each sample slide of a 模板 is for (cover, contents, section, content, ending), and its part numbers."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from deckgen.outline.model import Role
from deckgen.render.samples import AGENDA, CLOSING, DECOR, NOTICE, SECTION, Rect, Sample, TextShape


def classify(samples: list[Sample]) -> None:
    """Give each sample its role by its text and place: the contents page (目录/CONTENTS), section pages
    (PART 01, 第一部分), the ending (谢谢/THANKS, near the end; or, its text stripped, a last page drawn like the
    cover), the cover (the first), content (the rest). A line of fine print naming where the logo came from
    does not make a cover or ending (the first and last two pages) a notice about the template."""
    shown = [s for s in samples if not s.hidden] or samples  # hidden pages (ads, usage notes) are no design
    for s in samples:
        s.role = None
    n = len(shown)
    for at, s in enumerate(shown):
        texts = [t for t in s.texts if not (at in (0, n - 2, n - 1) and _fine_print(t, s))]
        words = " ".join(t.text for t in texts)
        short = sum(len(t.text) for t in texts if not DECOR.match(t.text) and not FILLER.match(t.text)) <= 60
        if NOTICE.search(words):
            s.role = None
        elif at >= n - 2 and CLOSING.search(words) and short:
            s.role = Role.CLOSING
        elif any(AGENDA.match(t.text) for t in s.texts) and len(s.texts) >= 3 and at <= max(2, n // 3):
            s.role = Role.AGENDA
        elif at == 0:
            s.role = Role.TITLE
        elif s is shown[-1] and all(DECOR.match(t.text) for t in texts) and alike(s, shown[0]):
            s.role = Role.CLOSING
        elif short and (any(SECTION.search(t.text) for t in s.texts) or _big_number(s, samples)):
            s.role = Role.SECTION
        else:
            s.role = Role.CONTENT


FILLER = re.compile(r"^\W*lorem ipsum", re.I)  # a designer's placeholder prose: neither the page's words nor its design


FINE_PRINT = 10.5  # points: a notice line this small (and half the page's largest type or less) is fine print


def _fine_print(t: TextShape, s: Sample) -> bool:
    """A small line naming a source or the template (`标识素材来源：…`) on a page with larger type (its text
    boxes' own, empty ones' too)."""
    return (t.size <= FINE_PRINT and t.size <= 0.5 * max(u.size for u in s.texts + s.blanks)
            and NOTICE.search(t.text) is not None)


def alike(a: Sample, b: Sample) -> bool:
    """Whether two samples are drawn alike (a cover and its ending): on one layout, with half or more of the
    drawings of the one that has fewer at the same place and size on the other (within 20 pt and a tenth)."""
    if a.layout is not b.layout or not a.drawn or not b.drawn:
        return False
    few, many = sorted((a.drawn, b.drawn), key=len)

    def near(p: Rect, q: Rect) -> bool:
        return (abs(p[0] - q[0]) <= 20 and abs(p[1] - q[1]) <= 20
                and all(abs(p[k] - q[k]) <= max(20.0, 0.1 * max(p[k], q[k])) for k in (2, 3)))

    return sum(1 for p in few if any(near(p, q) for q in many)) >= 0.5 * len(few)


NUMBER = r"\s*0?\d{1,2}\s*"


def _big_number(s: Sample, samples: Sequence[Sample] = ()) -> bool:
    """The page's largest text is a part number (`1`, `02`): a section page; not when the page numbers three
    or more items (1 2 3 4: a list or a process, whose numbers would all become the section's), nor when a page
    of many words shows a number at the same place (a page badge)."""
    big = max(s.texts, key=lambda t: t.size, default=None)
    numbers = {t.text.strip().lstrip("0") for t in s.texts if re.fullmatch(NUMBER, t.text)}
    if big is None or re.fullmatch(NUMBER, big.text) is None or big.size < 28 or len(numbers) >= 3:
        return False
    return not any(re.fullmatch(NUMBER, u.text) and all(abs(p - q) <= 4 for p, q in zip(u.box, big.box))
                   for o in samples if o is not s and _wordy(o) for u in o.texts)


def _wordy(s: Sample) -> bool:
    """A page of more than a few words (not a cover, section or ending page)."""
    return sum(len(t.text) for t in s.texts if not DECOR.match(t.text)) > 60


def only_layout(sample: Sample) -> bool:
    """Whether a sample page is its layout and nothing more: no drawing or background of its own, every text in
    a placeholder. Copying it adds nothing to its layout (tw-land-43's content pages)."""
    return sample.decorations == 0 and bool(sample.texts) and all(t.placeholder for t in sample.texts)


def design_on_slides(samples: list[Sample]) -> bool:
    """Whether the template's design lives on its sample slides: most of them draw pictures or shapes of
    their own, and their text sits in text boxes more than in placeholders."""
    if len(samples) < 2:
        return False
    drawn = sum(1 for s in samples if s.decorations >= 2)
    boxes = sum(1 for s in samples for t in s.texts if not t.placeholder)
    placeholders = sum(1 for s in samples for t in s.texts if t.placeholder)
    return drawn >= 0.5 * len(samples) and boxes > placeholders


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def renumber(text: str, n: int) -> Optional[str]:
    """`text` (a part or item number of a sample page: `01`, `ONE`, `PART 01`, `第一部分`, `II`) made the
    `n`-th in the same form, or None when it is no such number."""
    from deckgen.text.numerals import chinese_number

    s = text.strip()
    m = re.fullmatch(r"(part\s*)?(\d{1,2})", s, re.I)
    if m:
        digits = m.group(2)
        return (m.group(1) or "") + str(n).zfill(len(digits))
    if s.lower() in _WORDS and n < len(_WORDS):
        word = _WORDS[n]
        return word.upper() if s.isupper() else (word.title() if s[:1].isupper() else word)
    if s.upper() in _ROMAN[1:] and n < len(_ROMAN) and s.isupper():
        return _ROMAN[n]
    m = re.fullmatch(r"第\s*[一二三四五六七八九十]+\s*(部分|章|节|篇|单元)", s)
    if m:
        return f"第{chinese_number(n)}{m.group(1)}"
    return None
