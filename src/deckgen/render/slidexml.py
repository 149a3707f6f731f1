"""A prepared slide's parts written as text from its template (no python-pptx, no lxml: a copy of the process
that planned the deck writes them while the renderer adds the slides, `SlideWriter`)."""
from __future__ import annotations

from typing import Optional, Sequence

from deckgen.outline.typed import record
from deckgen.package.slideid import SlideKey, text_hash
from deckgen.plan.model import DeckPlan, SlidePlan
from deckgen.render.paragraphs import paragraphs_text

XML_HEAD = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  # as python-pptx serialises a part
NUMBER = 987654321  # the slide number of a template's scratch slide: found and replaced in its XML
KEY_NAME = "deckgen-prepared-key"  # the slide key's place in a template
NUMBER_TEXT = f"<a:t>{NUMBER}</a:t>"


@record(frozen=True)
class SlideTemplate:
    """A slide's XML in pieces around its slots' paragraphs, the slide number and the key (`slide`), the
    slots in the order they come (name, without bullets), how the key's text hash reads them (`title`: the
    slot read as the title; `bodies`: the slots read as bodies, in order), and the notes' XML around their
    paragraphs."""

    slide: tuple[str, ...]
    slots: tuple[tuple[str, bool], ...]
    title: Optional[str]
    bodies: tuple[str, ...]
    notes: Optional[tuple[str, str]]


def notes_lines(s: SlidePlan) -> Optional[list[str]]:
    """The paragraphs of `s`'s notes page, None without notes."""
    return s.notes.strip("\n").split("\n") if s.notes.strip() else None


def write_slide(template: SlideTemplate, s: SlidePlan, number: int, key: SlideKey, lang: str,
                hanging: bool) -> tuple[bytes, ...]:
    """The slide part of `s` as slide `number` with its `key` (its text hash computed here), then its notes
    part when the template has notes and `s` has some: what the ordinary path serialises, byte for byte."""
    by_name = {name: t for name, t in (("title", s.title), *s.texts) if any(t.paragraphs)}
    title = tuple(by_name[template.title].paragraphs) if template.title else ()
    bodies = [tuple((p, t.levels[i] if i < len(t.levels) else 0) for i, p in enumerate(t.paragraphs))
              for t in (by_name[name] for name in template.bodies)]
    notes = notes_lines(s)
    notes_read = tuple(notes) if notes and any(p.strip() for p in notes) else ()
    mark = SlideKey(key.path, key.part, key.role, key.entry, text_hash(title, bodies, notes_read)).mark()
    number_text = f"<a:t>{number}</a:t>"

    def piece(at: int) -> str:  # the template's own text: the lecture's never holds the placeholders
        return template.slide[at].replace(NUMBER_TEXT, number_text).replace(KEY_NAME, mark)

    out = [piece(0)]
    for at, (name, plain) in enumerate(template.slots, 1):
        t = by_name[name]
        out.append(paragraphs_text(t.paragraphs, lang, t.size, t.levels, plain, hanging=hanging))
        out.append(piece(at))
    slide = XML_HEAD + "".join(out).encode("utf-8")
    if template.notes is None or notes is None:
        return (slide,)
    head, tail = template.notes
    return slide, XML_HEAD + (head + paragraphs_text(notes, lang, None, ()) + tail).encode("utf-8")


# What the renderer hands over to a `SlideWriter` (`deckgen.package.deflater.Deflater.make`): a template, once,
# then each slide written from it, by number, with its key's path, part, role and entry hash
TemplateRecipe = tuple[str, int, SlideTemplate, str, bool]  # ("template", id, template, language, hanging)
SlideRecipe = tuple[str, int, int, tuple[object, ...]]  # ("slide", template id, number, (path, part, role, entry))


def template_recipe(number: int, template: SlideTemplate, lang: str, hanging: bool) -> TemplateRecipe:
    return ("template", number, template, lang, hanging)


def slide_recipe(template: int, number: int, key: SlideKey) -> SlideRecipe:
    return ("slide", template, number, (key.path, key.part, key.role, key.entry))


class SlideWriter:
    """Writes the prepared slides of `deck` from the recipes the renderer hands over: in the copy of the process
    that planned it (which holds the same plan), each recipe's parts as `write_slide` makes them."""

    def __init__(self, deck: DeckPlan) -> None:
        self.slides: Sequence[SlidePlan] = deck.slides
        self.templates: dict[int, tuple[SlideTemplate, str, bool]] = {}

    def make(self, recipe: tuple[object, ...]) -> tuple[bytes, ...]:
        if recipe[0] == "template":
            _, number, template, lang, hanging = recipe
            self.templates[number] = template, lang, hanging  # type: ignore[index,assignment]
            return ()
        _, which, number, (path, part, role, entry) = recipe  # type: ignore[misc]
        template, lang, hanging = self.templates[which]  # type: ignore[index]
        return write_slide(template, self.slides[number - 1], number, SlideKey(path, part, role, entry),  # type: ignore[operator,arg-type]
                           lang, hanging)
