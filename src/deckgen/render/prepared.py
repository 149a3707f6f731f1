"""Prepared slides: a text slide's XML written from a template made once per layout and shape of slide.

Most slides of a lecture deck are alike: a title, a few bullets, the footer, the slide number, notes and
the hidden shape naming the slide for `deckgen pull`, on one of a handful of layouts. Making each through
lxml element by element, reading its text back for its key, and serialising it is most of a build's time.
The first slide of each shape (its layout, which slots hold text, which of them without bullets, whether it
has a footer and notes) is made once by the ordinary path (`fill_slide`, the marker of `mark_slide`) on a
scratch slide with marker text in every slot; its XML, cut at the markers, is the template every slide of
that shape is written from as text, its key's text hash computed from the texts that go in. The result is
the slide the ordinary path makes, byte for byte (`tests/test_render_prepared.py` builds decks both ways).
Slides no template covers (a template's sample pages or text boxes, drawn kinds, links, text the text
writer does not take, an organisation template's hanging-punctuation rule, runs the ordinary path set in a
colour that reads on the page) take the ordinary path.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from lxml import etree

from deckgen.package.slideid import SlideKey
from deckgen.plan.model import DeckPlan, SlidePlan, Text
from deckgen.render.paragraphs import paragraphs_text, plain_text
from deckgen.render.slidexml import (KEY_NAME, NUMBER, NUMBER_TEXT, SlideTemplate, notes_lines, slide_recipe,
                                     template_recipe, write_slide)

if TYPE_CHECKING:
    from deckgen.package.deflater import Deflater
    from deckgen.render.factory import NewSlide, SlideFactory
    from deckgen.render.layouts import Slots
    from deckgen.render.target import Target

_MARK = "\ue000%s\ue001"  # marker text in a slot (private-use characters, which `plain_text` never meets here)
_PLAIN_NAME = re.compile(r"[A-Za-z0-9:/_.\-]+\Z")  # a key written into an attribute as it is
_HASH = "0" * 8  # the text hash's form (hex digits) in a key checked before the hash is known


def _paragraph(xml: str, mark: str) -> str:
    """The `a:p` paragraph of `xml` holding `mark`."""
    i = xml.index(mark)
    return xml[xml.rindex("<a:p>", 0, i):xml.index("</a:p>", i) + len("</a:p>")]


def _cut(xml: str, marks: list[str]) -> list[str]:
    """`xml` cut around the `a:p` paragraph holding each of `marks`, in the order they occur."""
    out, at = [], 0
    for mark in marks:
        i = xml.index(mark, at)
        start = xml.rindex("<a:p>", at, i)
        end = xml.index("</a:p>", i) + len("</a:p>")
        out.append(xml[at:start])
        at = end
    out.append(xml[at:])
    return out


class Prepared:
    """The templates of one build (by layout and shape of slide) and the slides written from them: here, or by
    the copy of the process that planned the deck while this one adds the slides (`beside`, which serves)."""

    def __init__(self, factory: "SlideFactory", target: "Target", deck: DeckPlan,
                 beside: Optional["Deflater"] = None) -> None:
        self.factory, self.target, self.deck = factory, target, deck
        self.beside = beside if beside is not None and beside.serving else None
        self.templates: dict[tuple, Optional[tuple[int, SlideTemplate]]] = {}
        self.sized: dict[str, frozenset[str]] = {}
        self.plain: dict[object, dict[str, bool]] = {}

    def slide(self, s: SlidePlan, number: int, key: SlideKey) -> Optional["NewSlide"]:
        """`s` added as slide `number` with its `key` written, from its template; None when it takes the
        ordinary path (nothing is added then)."""
        from deckgen.plan.kinds import KINDS
        from deckgen.render.slides import FILLERS, fill_texts

        target, deck, lang = self.target, self.deck, self.deck.language
        role = s.role.value
        slots = target.slots[role]
        if (deck.markup or slots.sample is not None or slots.boxes or slots.moved or slots.align
                or s.payload is not None or FILLERS[s.role] is not fill_texts):
            return None
        plain_of = self.plain.get(s.role)
        if plain_of is None:  # the slots of the kind set without bullets
            plain_of = self.plain[s.role] = {spec.name: spec.bullet is False for spec in KINDS[s.role].slots}
        texts = [("title", s.title, False)] + [(name, t, plain_of.get(name, False)) for name, t in s.texts]
        texts = [(name, t, plain) for name, t, plain in texts if any(t.paragraphs) and slots.get(name) is not None]
        notes = notes_lines(s)
        if not all(plain_text(t.paragraphs, lang) for _, t, _ in texts) or (notes and not plain_text(notes, lang)):
            return None
        sized = self._sized(role) if not target.builtin else frozenset()
        shape = (role, tuple((name, plain) for name, _, plain in texts), notes is not None, s.footer,
                 tuple(t.size for name, t, _ in texts if name in sized))
        if shape not in self.templates:
            which, made = len(self.templates), self._template(s, slots, [(name, plain) for name, _, plain in texts],
                                                              notes is not None)
            self.templates[shape] = (which, made) if made is not None else None
            if made is not None and self.beside is not None:  # the copy keeps it, for the slides to come
                self.beside.make(template_recipe(which, made, lang, target.builtin), 0, tuple)
        found = self.templates[shape]
        if found is None or not _PLAIN_NAME.match(SlideKey(key.path, key.part, key.role, key.entry, _HASH).mark()):
            return None
        which, template = found
        with_notes = template.notes is not None and notes is not None
        if self.beside is None:
            parts: tuple = write_slide(template, s, number, key, lang, target.builtin)
        else:  # written by the copy (or here, the same bytes, where it cannot) when the package is saved
            made = self.beside.make(slide_recipe(which, number, key), 1 + with_notes,
                                    lambda: write_slide(template, s, number, key, lang, target.builtin))
            parts = tuple(made.source(i) for i in range(1 + with_notes))
        slide = self.factory.add_slide(target.layouts[role], parts[0])
        if with_notes:
            self.factory.add_notes(slide.part, parts[1])
        return slide

    def _sized(self, role: str) -> frozenset[str]:
        """The slots of `role` whose XML depends on their text's size beyond the runs (on a template, a
        bottom-anchored placeholder's inset: `frames.clear_bottom_line`): their templates are made per size."""
        if role not in self.sized:
            from deckgen.render.frames import anchored_bottom
            from deckgen.render.pptx_api import base_placeholder, element

            slots = self.target.slots[role]
            out = set()
            for name, placeholder in slots.by_name.items():
                base = base_placeholder(placeholder)
                own, inherited = element(placeholder), element(base) if base is not None else None
                if anchored_bottom(own, (inherited,)) or (inherited is not None and anchored_bottom(inherited, ())):
                    out.add(name)  # (either may be the one a slide's placeholder takes its anchor from)
            self.sized[role] = frozenset(out)
        return self.sized[role]

    def _template(self, s: SlidePlan, slots: "Slots", filled: list[tuple[str, bool]], notes: bool) -> Optional[SlideTemplate]:
        """The template of slides shaped like `s`, made on a scratch slide by the ordinary path; None when
        its XML does not cut cleanly at the markers or the key's reading of it is not the expected one."""
        from deckgen.package.slidetext import read_slide
        from deckgen.render import oxml
        from deckgen.render.marks import write_mark
        from deckgen.render.pptx_api import element, notes_part
        from deckgen.render.slides import fill_slide

        names = {name for name, _ in filled}

        def marked(name: str, t: Text) -> Text:
            return Text((_MARK % name,), t.size) if name in names else t

        plan = replace(s, title=marked("title", s.title), texts=tuple((name, marked(name, t)) for name, t in s.texts),
                       notes=_MARK % "notes" if notes else "")
        with self.factory.scratch():
            scratch = self.factory.add_slide(self.target.layouts[s.role.value], scratch=True)
            fill_slide(scratch, slots, plan, NUMBER, self.deck, self.factory)
            if not self.target.builtin:
                oxml.no_hanging(scratch.tree)  # as `render` sets a template's slides
            write_mark(scratch, KEY_NAME)
            root = element(scratch.part)
            notes_root = element(notes_part(scratch.part)) if notes else None
            read = read_slide(root, notes_root)
            xml = etree.tostring(root, encoding="unicode")
            notes_xml = etree.tostring(notes_root, encoding="unicode") if notes_root is not None else None
        order = sorted(filled, key=lambda slot: xml.find(_MARK % slot[0]))
        if (any(xml.count(_MARK % name) != 1 for name in names) or xml.count(KEY_NAME) != 2
                or str(NUMBER) in xml.replace(NUMBER_TEXT, "") or read.others):
            return None
        sizes = {"title": s.title.size, **{name: t.size for name, t in s.texts}}
        for name, plain in order:  # the ordinary path wrote more into the runs (a colour that reads on the page)
            para = _paragraph(xml, _MARK % name)
            if para != paragraphs_text((_MARK % name,), self.deck.language, sizes[name], (), plain, hanging=self.target.builtin):
                return None
        by_mark = {_MARK % name: name for name in names}
        title = by_mark.get(read.title[0]) if len(read.title) == 1 else None
        bodies = [by_mark.get(b[0][0]) if len(b) == 1 and b[0][1] == 0 else None for b in read.bodies]
        if (read.title and title is None) or None in bodies or sorted([*bodies, *([title] if title else [])]) != sorted(names):
            return None
        notes_pieces = None
        if notes_xml is not None:
            if notes_xml.count(_MARK % "notes") != 1 or read.notes != (_MARK % "notes",):
                return None
            head, tail = _cut(notes_xml, [_MARK % "notes"])
            notes_pieces = (head, tail)
        return SlideTemplate(tuple(_cut(xml, [_MARK % name for name, _ in order])), tuple(order), title,
                         tuple(bodies), notes_pieces)  # type: ignore[arg-type]
