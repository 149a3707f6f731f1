"""Reading a built deck back without python-pptx: titles, notes, sections, hidden slides."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from deckgen.build.pipeline import plan_file
from deckgen.errors import ContentError
from deckgen.package.deck import read_deck
from tests.conftest import OUTLINE


def test_reads_every_slides_notes_and_section_as_planned(shipped_deck: Path) -> None:
    plan = plan_file(OUTLINE).deck
    deck = read_deck(shipped_deck)
    assert deck.title == plan.title
    assert deck.language == plan.language
    assert deck.sections == plan.sections
    assert len(deck.slides) == len(plan.slides)
    for got, want in zip(deck.slides, plan.slides):
        assert got.notes == want.notes.strip("\n")
        assert got.section == want.section
    assert [s.number for s in deck.slides] == list(range(1, len(plan.slides) + 1))
    assert deck.slides[0].title == plan.title
    assert deck.slides[4].title == plan.slides[4].title.text


def test_skips_hidden_slides(shipped_deck: Path, tmp_path: Path) -> None:
    hidden = tmp_path / "hidden.pptx"
    with zipfile.ZipFile(shipped_deck) as zin, zipfile.ZipFile(hidden, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                data = re.sub(rb"<p:sld ", b'<p:sld show="0" ', data, count=1)
            zout.writestr(item, data)
    full, shown = read_deck(shipped_deck), read_deck(hidden)
    assert len(shown.slides) == len(full.slides) - 1
    assert [s.notes for s in shown.slides] == [s.notes for s in full.slides if s.number != 2]
    assert [s.number for s in shown.slides] == list(range(1, len(full.slides)))


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_file_that_is_not_a_deck_is_a_content_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(content)
    with pytest.raises(ContentError, match="not a PowerPoint"):
        read_deck(bad)
