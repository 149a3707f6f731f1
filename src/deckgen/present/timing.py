"""Reading time from the speaker notes — per slide, per section, in total — and time cues in the notes. Pure."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from deckgen.diagnostics import Diagnostic
from deckgen.outline.typed import record
from deckgen.text.script import columns, is_cjk_language, is_wide

if TYPE_CHECKING:
    from deckgen.plan.model import DeckPlan

# Default speaking rates of a lecture read aloud.
CJK_CHARS_PER_MINUTE = 220.0
WORDS_PER_MINUTE = 130.0
# Japanese (kana and kanji) and Korean (hangul syllables) are read faster per character than Chinese.
CHARS_PER_MINUTE = {"ja": 300.0, "ko": 280.0}

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_CUE = re.compile(r"^〔约 [\d.]+ (?:分钟|秒)〕$|^\[about [\d.]+ (?:min|s)\]$")


@record(frozen=True)
class Rate:
    """A speaking rate: Chinese (Japanese, Korean) characters a minute and words a minute of other text."""

    chars: float = CJK_CHARS_PER_MINUTE
    words: float = WORDS_PER_MINUTE

    @classmethod
    def of(cls, per_minute: Optional[float], cjk: bool, language: str = "") -> "Rate":
        """The rate for a deck: `per_minute` counts characters in a CJK deck and words otherwise;
        the other unit is scaled alike (a slower speaker is slower in both). `None`: the defaults of
        `language` (220 Chinese, 300 Japanese, 280 Korean characters a minute; 130 words)."""
        chars = CHARS_PER_MINUTE.get(language.split("-")[0].lower(), CJK_CHARS_PER_MINUTE)
        if per_minute is None:
            return cls(chars)
        if per_minute <= 0:
            raise ValueError(f"a speaking rate must be above 0, got {per_minute:g}")
        factor = per_minute / (chars if cjk else WORDS_PER_MINUTE)
        return cls(chars * factor, WORDS_PER_MINUTE * factor)

    def describe(self, cjk: bool) -> str:
        return f"{self.chars:g} characters a minute" if cjk else f"{self.words:g} words a minute"


def _is_cjk_letter(ch: str) -> bool:
    """An ideograph, kana or hangul syllable: a spoken unit; CJK punctuation is not."""
    return is_wide(ch) and unicodedata.category(ch) == "Lo"


class _Spaced(dict):
    """`str.translate` table turning each CJK letter into a space (a word boundary) and keeping every other
    character: each character is classified once, when first met."""

    def __missing__(self, code: int) -> int:
        self[code] = out = 32 if _is_cjk_letter(chr(code)) else code
        return out


_SPACED = _Spaced()
# CJK unified ideographs, each a CJK letter (`_is_cjk_letter`); and characters that are none, with which Chinese
# text is written (ASCII, CJK and full-width punctuation, quotes and dashes): text of only these two kinds is
# counted without `_SPACED`'s lookup per character, its words being runs of ASCII letters and digits (tested: the
# same counts)
_IDEOGRAPHS = "\u4e00-\u9fff"
_PUNCTUATION = "\x00-\x7f\u2010-\u2027\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_NOT_PLAIN = re.compile(f"[^{_IDEOGRAPHS}{_PUNCTUATION}]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
# U+4E00…U+9FFF in UTF-8: lead bytes E5…E9 (U+5000…U+9FFF), or E4 before B8…BF (U+4E00…U+4FFF)
_LEADS = (b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9")
_FROM_4E00 = re.compile(rb"\xe4[\xb8-\xbf]")


def _ideographs(text: str) -> int:
    """How many characters of `_IDEOGRAPHS` `text` holds, counted in its UTF-8 bytes (at C speed, no string made
    per character)."""
    data = text.encode("utf-8", "surrogatepass")
    n = sum(data.count(lead) for lead in _LEADS)
    return n + len(_FROM_4E00.findall(data)) if b"\xe4" in data else n


def count(text: str) -> tuple[int, int]:
    """(CJK characters, other words) spoken in `text`; punctuation and time cues do not count.

    A run of Latin letters or digits is one word (`2024`, `don't`, `GDP`); each ideograph counts alone.
    """
    chars = words = 0
    for paragraph in text.split("\n"):
        if is_cue(paragraph):
            continue
        if _NOT_PLAIN.search(paragraph) is None:  # the common case at C speed (see `_NOT_PLAIN`)
            chars += _ideographs(paragraph)
            words += len(_ASCII_WORD.findall(paragraph))
            continue
        latin = paragraph.translate(_SPACED)  # anything else: each character classified
        chars += latin.count(" ") - paragraph.count(" ")
        words += len(_WORD.findall(latin))
    return chars, words


def seconds(text: str, rate: Rate) -> float:
    """Seconds it takes to read `text` aloud at `rate`."""
    chars, words = count(text)
    return 60.0 * (chars / rate.chars + words / rate.words)


@record(frozen=True)
class SlideTime:
    """One slide's reading time; `section` indexes `Timing.sections` (None: outside every section)."""

    number: int
    title: str
    section: Optional[int]
    seconds: float


@record(frozen=True)
class SectionTime:
    """A section's reading time and its slide count."""

    name: str
    seconds: float
    slides: int


@record(frozen=True)
class Timing:
    """Reading time of a whole deck at one rate."""

    slides: tuple[SlideTime, ...]
    sections: tuple[SectionTime, ...]
    rate: Rate
    cjk: bool

    @property
    def total(self) -> float:
        return sum(s.seconds for s in self.slides)

    def elapsed(self, number: int) -> float:
        """Seconds spoken by the end of slide `number` (1-based)."""
        return sum(s.seconds for s in self.slides[:number])


def timing(slides: Iterable[tuple[str, str, Optional[int]]], sections: Sequence[str], rate: Rate, cjk: bool) -> Timing:
    """The reading time of `slides`, given as (title, notes, section index), grouped into `sections`.

    Slides outside every section (or pointing past the list) are counted in the total only.
    """
    times = tuple(SlideTime(n, title, sec, seconds(notes, rate)) for n, (title, notes, sec) in enumerate(slides, 1))
    spoken = [0.0] * len(sections)
    shown = [0] * len(sections)
    for t in times:  # one pass: a deck of 1000 slides has about 90 sections
        if t.section is not None and 0 <= t.section < len(sections):
            spoken[t.section] += t.seconds
            shown[t.section] += 1
    per = (SectionTime(name, spoken[i], shown[i]) for i, name in enumerate(sections))
    return Timing(times, tuple(per), rate, cjk)


def deck_timing(deck: "DeckPlan", per_minute: Optional[float] = None) -> Timing:
    """The reading time of a planned deck; `per_minute` as in `Rate.of` (default 220 characters / 130 words)."""
    cjk = is_cjk_language(deck.language)
    from deckgen.text.inline import plain

    slides = ((s.title.line, plain(s.notes) if deck.markup else s.notes, s.section) for s in deck.slides)
    return timing(slides, deck.sections, Rate.of(per_minute, cjk, deck.language), cjk)


# ------------------------------------------------------------------------------------------- text

def clock(secs: float) -> str:
    """`75` → `1:15`, `3725` → `1:02:05` (rounded to the second)."""
    whole = int(round(secs))
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def minutes(secs: float) -> str:
    """Whole minutes, at least 1 when anything is spoken: `31 min`."""
    return f"{max(1, round(secs / 60)) if secs > 0 else 0} min"


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns with `…`, then padded to exactly `width`."""
    if columns(text) > width:
        out = ""
        for ch in text:
            if columns(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * (width - columns(text))


def _slides(n: int) -> str:
    return f"{n:>3} slide" + ("" if n == 1 else "s")


def table(t: Timing, duration: Optional[float] = None, width: int = 40) -> list[str]:
    """A short table for the terminal: one line per section with its time and slides, then the total.

    With `duration` (minutes) the total line says how much of it the lecture takes.
    """
    lines = [f"Reading time at {t.rate.describe(t.cjk)}:"]
    for sec in t.sections:
        if sec.slides:
            lines.append(f"  {_clip(sec.name, width)} {clock(sec.seconds):>8}  {_slides(sec.slides)}")
    outside = [s for s in t.slides if s.section is None or not 0 <= s.section < len(t.sections)]
    if outside and t.sections:
        lines.append(f"  {_clip('(outside sections)', width)} {clock(sum(s.seconds for s in outside)):>8}  "
                     f"{_slides(len(outside))}")
    of = f"  of {duration:g} min" if duration is not None else ""
    lines.append(f"  {_clip('total', width)} {clock(t.total):>8}  {_slides(len(t.slides))}{of}")
    long = [s for s in longest_slides(t) if s.seconds > LONG_SLIDE]
    if long:
        lines.append(f"Slides over {LONG_SLIDE / 60:g} minutes (split them):")
        lines += [f"  {_clip(f'{s.number:>3} {s.title}', width)} {clock(s.seconds):>8}" for s in long]
    return lines


LONG_SLIDE = 180.0  # seconds of notes on one slide a listener sits through (about 3 minutes)


def longest_slides(t: Timing, n: int = 3) -> list[SlideTime]:
    """The `n` slides with the longest notes, longest first."""
    return sorted(t.slides, key=lambda s: -s.seconds)[:n]


def over_duration(t: Timing, limit: float, longest: int = 3) -> Optional[Diagnostic]:
    """A warning when the lecture takes longer than `limit` minutes, naming its longest sections (of those at
    least as long as the average section) and its longest slides (of a minute or more)."""
    if t.total <= limit * 60:
        return None
    spoken = [s for s in t.sections if s.slides]
    mean = sum(s.seconds for s in spoken) / len(spoken) if spoken else 0.0
    # sections shorter than the average one are no place to cut (a 1-minute closing is never "longest")
    ranked = sorted((s for s in spoken if s.seconds >= mean), key=lambda s: -s.seconds)[:longest]
    names = ", ".join(f"{s.name} ({minutes(s.seconds)})" for s in ranked)
    slides = ", ".join(f"{s.number} '{s.title[:20]}' ({minutes(s.seconds)})" for s in longest_slides(t, longest)
                       if s.seconds >= 60)
    over = t.total - limit * 60
    message = (f"the lecture takes {minutes(t.total)} at {t.rate.describe(t.cjk)}, {minutes(over)} over "
               f"the {limit:g} min of --duration")
    return Diagnostic(message + (f"; the longest sections: {names}" if names else "")
                      + (f"; the longest slides: {slides}" if slides else ""))


# ------------------------------------------------------------------------------------------- cues

def spoken(secs: float, cjk: bool) -> str:
    """How long a slide takes, in words: `约 2 分钟` / `about 2 min`; minutes to the half minute, under a
    minute in 5 s steps (`约 35 秒`)."""
    if secs < 55:
        n = f"{max(5, round(secs / 5) * 5):g}"
        return f"约 {n} 秒" if cjk else f"about {n} s"
    n = f"{round(secs / 30) / 2:g}"
    return f"约 {n} 分钟" if cjk else f"about {n} min"


def cue(secs: float, cjk: bool) -> str:
    """The time cue for a slide's notes: `〔约 2 分钟〕` / `[about 2 min]` (see `spoken`)."""
    return f"〔{spoken(secs, True)}〕" if cjk else f"[{spoken(secs, False)}]"


def is_cue(paragraph: str) -> bool:
    """Whether a notes paragraph is a time cue written by `with_time_cues` (it is not read aloud)."""
    return bool(_CUE.match(paragraph.strip()))


def with_time_cues(deck: "DeckPlan", per_minute: Optional[float] = None) -> "DeckPlan":
    """`deck` with a time cue as a last paragraph of each slide's notes; slides without notes keep none.

    The lecture text is unchanged: the cue is a paragraph of its own after it, and cues already there
    (from an earlier pass) are replaced, not repeated.
    """
    t = deck_timing(deck, per_minute)
    slides = []
    for s, time in zip(deck.slides, t.slides):
        paragraphs = [p for p in s.notes.strip("\n").split("\n") if not is_cue(p)]
        text = "\n".join(paragraphs)
        if text.strip():
            text = f"{text}\n{cue(time.seconds, t.cjk)}\n"
        slides.append(replace(s, notes=text))
    return replace(deck, slides=tuple(slides))
