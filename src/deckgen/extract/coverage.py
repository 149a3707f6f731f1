"""How completely an outline's notes carry a lecture: sentences missing, out of order, present twice, or extra."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import field
from typing import Iterable, Sequence

from deckgen.diagnostics import PathPart
from deckgen.outline.model import Outline
from deckgen.outline.typed import record
from deckgen.text.sentences import sentences

NotesPath = tuple[PathPart, ...]
_SPACE = re.compile(r"\s+")


@record(frozen=True)
class Sentence:
    """A sentence and where it is: a lecture line, or the notes path of a slide."""

    text: str
    key: str
    line: int | None = None
    path: NotesPath = ()


@record
class Coverage:
    """The lecture's sentences found in the notes in order (`covered` of `total`), and the exceptions."""

    total: int = 0
    covered: int = 0
    missing: list[Sentence] = field(default_factory=list)
    moved: list[tuple[Sentence, Sentence]] = field(default_factory=list)
    duplicated: list[Sentence] = field(default_factory=list)
    extra: list[Sentence] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return not (self.missing or self.moved or self.duplicated or self.extra)


def normalise(text: str) -> str:
    """The comparison key of a sentence: NFC, all whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFC", text))


def notes_in_order(outline: Outline) -> list[tuple[NotesPath, str]]:
    """The notes of every slide that carries lecture text, in slide order, with their outline paths."""
    from deckgen.outline.walk import entries
    from deckgen.text.inline import plain

    def shown(notes: str) -> str:  # the words the notes show, without inline marks (`deck.markup`)
        return "\n".join(plain(line) for line in notes.split("\n")) if outline.deck.marked else notes

    return [(("deck", "notes"), shown(outline.deck.notes))] + [(e.path + ("notes",), shown(e.node.notes)) for e in entries(outline)]


def split(paragraphs: Iterable[tuple[int | None, str]]) -> list[Sentence]:
    """Sentences of (line, text) paragraphs."""
    return [Sentence(s, normalise(s), line) for line, text in paragraphs for _, s in sentences(text) if normalise(s)]


def split_notes(notes: Iterable[tuple[NotesPath, str]]) -> list[Sentence]:
    """Sentences of (path, notes) pairs; time cues (`〔约 2 分钟〕`, added by `--time-cues`) are not lecture text."""
    from deckgen.present.timing import is_cue

    def spoken(text: str) -> str:
        return "\n".join(p for p in text.split("\n") if not is_cue(p))

    return [Sentence(s, normalise(s), None, path) for path, text in notes for _, s in sentences(spoken(text)) if normalise(s)]


def measure(lecture: Sequence[Sentence], notes: Sequence[Sentence]) -> Coverage:
    """Align the lecture's sentences with the notes' sentences in order.

    A sentence split across two slides (a point starting mid-sentence) still counts as covered."""
    result = Coverage(total=len(lecture))
    matcher = difflib.SequenceMatcher(None, [s.key for s in lecture], [s.key for s in notes], autojunk=False)
    missing: list[Sentence] = []
    extra: list[Sentence] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.covered += i2 - i1
            continue
        left = "".join(s.key for s in lecture[i1:i2])
        right = "".join(s.key for s in notes[j1:j2])
        if left == right:
            result.covered += i2 - i1
            continue
        for s in lecture[i1:i2]:
            if right and s.key in right:
                result.covered += 1
            else:
                missing.append(s)
        extra += [s for s in notes[j1:j2] if not (left and s.key in left)]
    known = {s.key for s in lecture}
    for s in missing:
        twin = next((e for e in extra if e.key == s.key), None)
        if twin is not None:
            extra.remove(twin)
            result.moved.append((s, twin))
        else:
            result.missing.append(s)
    for s in extra:
        (result.duplicated if s.key in known else result.extra).append(s)
    return result


def snippet(text: str, limit: int = 28) -> str:
    """A sentence shortened for a message, in quotes."""
    text = text.strip()
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"
