"""Test helpers: edit a built deck with python-pptx the way PowerPoint saves such edits (text changed in the
runs of placeholders, paragraphs added, slides removed from the slide list with their parts, slides added on
a layout, text boxes drawn)."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Optional, Sequence

from pptx import Presentation
from pptx.slide import Slide
from pptx.text.text import _Paragraph
from pptx.util import Emu


class Editor:
    """An open deck to edit; `save` writes it. Slides are numbered from 1 as PowerPoint shows them."""

    def __init__(self, path: Path) -> None:
        self.prs = Presentation(str(path))

    def slide(self, number: int) -> Slide:
        return list(self.prs.slides)[number - 1]

    @staticmethod
    def set_text(paragraph: _Paragraph, text: str) -> None:
        """Replace a paragraph's text in its first run (its formatting kept), as typing over it does."""
        runs = paragraph.runs
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)

    def add_after(self, paragraph: _Paragraph, text: str, level: Optional[int] = None) -> _Paragraph:
        """A new paragraph after `paragraph` (Enter at its end, then typing), optionally at another level."""
        new = copy.deepcopy(paragraph._p)
        paragraph._p.addnext(new)
        added = _Paragraph(new, paragraph._parent)
        self.set_text(added, text)
        if level is not None:
            added.level = level
        return added

    def title(self, number: int, text: str) -> None:
        self.set_text(self.slide(number).shapes.title.text_frame.paragraphs[0], text)

    def body(self, number: int) -> list[_Paragraph]:
        """The paragraphs of the slide's body placeholder (not its title, footer or number)."""
        shape = next(sh for sh in self.slide(number).placeholders
                     if sh.placeholder_format.type is not None and "TITLE" not in str(sh.placeholder_format.type)
                     and sh.placeholder_format.idx not in (0, 11, 12) and sh.has_text_frame)
        return list(shape.text_frame.paragraphs)

    def notes(self, number: int) -> list[_Paragraph]:
        return list(self.slide(number).notes_slide.notes_text_frame.paragraphs)

    def delete(self, number: int) -> None:
        """Delete a slide: out of the slide list, its part dropped with its relationship."""
        ids = self.prs.slides._sldIdLst
        victim = list(ids)[number - 1]
        self.prs.part.drop_rel(victim.rId)
        ids.remove(victim)

    def move(self, number: int, to: int) -> None:
        """Drag slide `number` so that it becomes slide `to`."""
        ids = self.prs.slides._sldIdLst
        el = list(ids)[number - 1]
        ids.remove(el)
        ids.insert(to - 1, el)

    def insert(self, after: int, title: str, bullets: Sequence[str] = (), notes: str = "",
               like: Optional[int] = None) -> int:
        """A new slide after slide `after`, on the layout of slide `like` (default: `after`), with a title,
        bullets and notes; returns its number. Add slides before deleting any (python-pptx names a new slide
        after the number of slides, as PowerPoint renumbers parts on save)."""
        layout = self.slide(like or after).slide_layout
        new = self.prs.slides.add_slide(layout)
        new.shapes.title.text = title
        if bullets:
            frame = next(sh for sh in new.placeholders if sh.placeholder_format.idx != 0).text_frame
            frame.text = bullets[0]
            for bullet in bullets[1:]:
                frame.add_paragraph().text = bullet
        if notes:
            new.notes_slide.notes_text_frame.text = notes
        self.move(len(self.prs.slides), after + 1)
        return after + 1

    def text_box(self, number: int, text: str) -> None:
        box = self.slide(number).shapes.add_textbox(Emu(100000), Emu(100000), Emu(3000000), Emu(500000))
        box.text_frame.text = text

    def save(self, path: Path) -> Path:
        self.prs.save(str(path))
        return path


def texts(deck: Path) -> list[tuple[str, list[list[str]], list[str]]]:
    """Each slide's title, body paragraphs (per placeholder) and notes paragraphs, as `pull` reads them."""
    from deckgen.package.slidetext import read_slides

    return [(s.title_text, [[t for t, _ in body if t.strip()] for body in s.bodies if any(t.strip() for t, _ in body)],
             list(s.notes)) for s in read_slides(deck).slides]
