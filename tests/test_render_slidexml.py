"""Tests for writing a prepared slide's parts as text, as the planning copy does without python-pptx."""
from __future__ import annotations

import subprocess
import sys

from deckgen.build.pipeline import plan_file
from deckgen.package.slideid import SlideKey
from deckgen.render.slidexml import SlideTemplate, SlideWriter, slide_recipe, template_recipe, write_slide
from tests.conftest import OUTLINE, ROOT

TEMPLATE = SlideTemplate(("<p:sld><a:t>987654321</a:t><p:cNvPr name=\"deckgen-prepared-key\"/><p:txBody>",
                          "</p:txBody><p:txBody>", "</p:txBody></p:sld>"),
                         (("title", True), ("body", False)), "title", ("body",), ("<p:notes>", "</p:notes>"))


def test_the_writer_makes_what_write_slide_makes_from_the_recipes() -> None:
    deck = plan_file(OUTLINE).deck
    writer = SlideWriter(deck)
    assert writer.make(template_recipe(0, TEMPLATE, deck.language, True)) == ()
    number = next(n for n, s in enumerate(deck.slides, 1) if s.notes.strip() and dict(s.texts).get("body"))
    key = SlideKey(("sections", 0), 0, "content", "abcd1234")
    made = writer.make(slide_recipe(0, number, key))
    assert made == write_slide(TEMPLATE, deck.slides[number - 1], number, key, deck.language, True)
    slide, notes = made
    text = slide.decode("utf-8")
    assert f"<a:t>{number}</a:t>" in text and "987654321" not in text and "deckgen-prepared-key" not in text
    assert 'name="deckgen:1:sections/0:0:content:abcd1234:' in text
    assert deck.slides[number - 1].title.paragraphs[0] in text and notes.startswith(b"<?xml") and b"<p:notes>" in notes


def test_the_writer_imports_without_python_pptx() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys, deckgen.render.slidexml; print('pptx' in sys.modules, "
                           "'lxml' in sys.modules)"], env={"PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
