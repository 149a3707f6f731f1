"""What to check in a drafted outline before building it: the slide tree with reading times, and located warnings
about long slides, point runs that start again or skip a number, titles that are no headings, labels inside
text, and salutations as titles or bullets. Pure."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.outline.walk import entries
from deckgen.present.timing import LONG_SLIDE, clock, deck_timing
from deckgen.text.numerals import from_chinese
from deckgen.text.script import visible_length

if TYPE_CHECKING:
    from deckgen.outline.load import Loaded
    from deckgen.outline.model import Outline, SlideNode
    from deckgen.plan.model import DeckPlan

LONG_TITLE = 20     # visible characters: a title with a comma longer than this is a sentence

_CN = "一二三四五六七八九十两〇零"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LABEL = re.compile(rf"^\s*(?P<pre>[（(]?第?)(?P<num>[{_CN}]+|\d+|[{_CIRCLED}])(?P<post>[)）]?[、．.,，]?[要是]?)\s*$")
# a point's label inside a title or bullet, after a break in the sentence: `…，四要健全…`, `；（三）…`
_STRAY = re.compile(rf"(?:^|[，；。：])\s*(?P<label>[{_CN[:10]}]{{1,2}}[要是](?=[\u4e00-\u9fff])|第[{_CN[:10]}]{{1,2}}[，、]|"
                    rf"（[{_CN[:10]}]{{1,2}}）)")
# the start of a sentence, not a heading: a time or a condition first (`从今年1月1日起`, `随着…`, `2024年…`)
_SENTENCE_START = re.compile(r"^(?:从|自从|自|截至|截止|随着|按照|根据|经过|到\d|(?:今年|明年|去年)(?:\d|起|以来)|\d{4}年|\d{1,2}月\d{1,2}日)")
# a salutation or vocative, said to the hall (`各位代表！`, `同志们：`, `女士们、先生们`), never a slide's words
_VOCATIVE = re.compile(r"^(?:各位[\u4e00-\u9fff]{1,4}|同志们|同学们|朋友们|女士们[、，,]?先生们|亲爱的[\u4e00-\u9fff]{1,6}|"
                       r"(?i:ladies and gentlemen|dear [\w ]{1,30}|colleagues|friends))[！!：:，,。]?$")


def ordinal(label: Optional[str]) -> Optional[int]:
    """The number a label counts (`（三）` 3, `一要` 1, `第二，` 2, `4.` 4, `②` 2); None for none."""
    m = _LABEL.match(label or "")
    if not m:
        return None
    num = m.group("num")
    if num in _CIRCLED:
        return _CIRCLED.index(num) + 1
    if num.isdigit():
        return int(num)
    return from_chinese(num)


def is_vocative(text: str) -> bool:
    """Whether `text` is a salutation (`各位代表！`, `同志们：`, `Ladies and gentlemen,`)."""
    return bool(_VOCATIVE.match(text.strip()))


def slide_tree(deck: "DeckPlan", rate: Optional[float] = None, width: int = 48) -> list[str]:
    """The slides as a tree, one line each: number, reading time and title, indented by level; a slide over
    `LONG_SLIDE` is marked."""
    times = deck_timing(deck, rate)
    lines = [f"Slides (reading time at {times.rate.describe(times.cjk)}):"]
    for slide, t in zip(deck.slides, times.slides):
        depth = 0 if slide.role.value in ("title", "section", "agenda") else 1 + (".points[" in slide.source)
        mark = "  ← long: split it" if t.seconds > LONG_SLIDE else ""
        title = slide.title.line
        lines.append(f"  {t.number:>3} {clock(t.seconds):>6}  "
                     f"{'  ' * depth}{title[:width]}{'…' if len(title) > width else ''}{mark}")
    return lines


def _at(loaded: Optional["Loaded"], path: Sequence[PathPart], message: str) -> Diagnostic:
    """A warning at `path`'s line and column, without the 0-based path (the message names the slide)."""
    if loaded is None:
        return Diagnostic(message)
    line, col = loaded.where(tuple(path))
    return Diagnostic(message, loaded.file, line, col)


def _long_slides(deck: "DeckPlan", loaded: Optional["Loaded"], rate: Optional[float]) -> Iterator[Diagnostic]:
    times = deck_timing(deck, rate)
    for slide, t in zip(deck.slides, times.slides):
        if t.seconds > LONG_SLIDE:
            line, col = slide.where or (None, None)
            yield Diagnostic(f"slide {t.number} '{slide.title.line[:30]}' takes {clock(t.seconds)} to read aloud, more "
                             f"than {LONG_SLIDE / 60:g} minutes: split it at its sub-heads into points or subsections "
                             "of their own (the listeners see one slide all that time)",
                             loaded.file if loaded else None, line, col)


def _runs(siblings: Sequence["SlideNode"], path: tuple[PathPart, ...], loaded: Optional["Loaded"],
          file: str) -> Iterator[Diagnostic]:
    """Labels of one list of entries that start again at one, or skip or repeat a number."""
    previous: Optional[tuple[int, str, tuple[PathPart, ...]]] = None
    for i, node in enumerate(siblings):
        n = ordinal(node.label)
        here = path + (i,)
        if n is None:
            previous = None
            continue
        if previous is not None:
            p, label, where = previous
            line = loaded.where(where + ("label",))[0] if loaded else None
            after = f"'{label}'" + (f" (line {line})" if line else "")
            if n == 1 and p >= 2:
                yield _at(loaded, here + ("label",),
                          f"'{node.label}' starts the count again after {after}: two runs of points merged into one "
                          f"entry; move '{node.label}{node.title[:12]}' and the entries after it into a subsection of "
                          "their own")
            elif n != p + 1:
                missing = "is missing" if n == p + 2 else ("are missing" if n > p + 2 else "comes again")
                yield _at(loaded, here + ("label",),
                          f"'{node.label}' follows {after}: number {p + 1 if n > p else n} {missing}; renumber "
                          f"the labels with `deckgen outline --renumber {file}` (or check that nothing was deleted "
                          "by mistake)")
        previous = (n, node.label or "", here)


def draft_warnings(outline: "Outline", deck: "DeckPlan", loaded: Optional["Loaded"] = None,
                   rate: Optional[float] = None) -> list[Diagnostic]:
    """What a lecturer should look at in `outline` (planned as `deck`), each at its line in the outline file."""
    file = loaded.file if loaded else "OUTLINE"
    out = list(_long_slides(deck, loaded, rate))
    out += _runs(outline.sections, ("sections",), loaded, file)
    for i, sec in enumerate(outline.sections):
        out += _runs(sec.subsections, ("sections", i, "subsections"), loaded, file)
        for j, sub in enumerate(sec.subsections):
            out += _runs(sub.points, ("sections", i, "subsections", j, "points"), loaded, file)
    for entry in entries(outline):
        node, path = entry.node, entry.path
        title = node.title.strip()
        if is_vocative(title):
            out.append(_at(loaded, path + ("title",), f"the title '{title}' is a salutation, said to the hall: give the "
                                                      "slide a title that says what it is about (the notes keep it)"))
        elif _SENTENCE_START.match(title) or (visible_length(title) > LONG_TITLE and re.search(r"[，。；]", title)):
            out.append(_at(loaded, path + ("title",), f"the title '{title[:24]}' reads as a sentence, not a heading: "
                                                      "write the point as a short heading (the sentence stays in the notes)"))
        stray = _STRAY.search(title[1:]) if title else None
        if stray:
            out.append(_at(loaded, path + ("title",), _stray_message("title", stray.group("label"))))
        for k, bullet in enumerate(node.bullets):
            if is_vocative(bullet):
                out.append(_at(loaded, path + ("bullets", k), f"the bullet '{bullet}' is a salutation: remove it"))
                continue
            stray = _STRAY.search(bullet[1:])
            if stray:
                out.append(_at(loaded, path + ("bullets", k), _stray_message("bullet", stray.group("label"))))
    return out


def _stray_message(what: str, label: str) -> str:
    return (f"the {what} holds the label '{label}' of a point: a point of its own run into this one? make it an entry "
            "of its own, or drop the label")
