"""The constant-time slide factory makes the same parts python-pptx makes, without duplicate names."""
from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation

from deckgen.render.factory import SlideFactory


def _xml(element) -> bytes:
    return etree.tostring(element, method="c14n")


def test_slides_and_notes_match_what_python_pptx_makes() -> None:
    ours, theirs = Presentation(), Presentation()
    factory = SlideFactory(ours)
    for i in (1, 2, 5):
        new = factory.add_slide(ours.slide_layouts[i])
        body = factory.add_notes(new.part)
        reference = theirs.slides.add_slide(theirs.slide_layouts[i])
        assert _xml(new.part._element) == _xml(reference._element)
        assert _xml(body.getparent().getparent().getparent().getparent()) == _xml(reference.notes_slide._element)
        assert new.slide_id == reference.slide_id
        assert new.part.partname == reference.part.partname


def test_many_slides_get_unique_sequential_part_names_and_reopen(tmp_path: Path) -> None:
    prs = Presentation()
    factory = SlideFactory(prs)
    ids = []
    for _ in range(150):
        new = factory.add_slide(prs.slide_layouts[1])
        factory.add_notes(new.part)
        ids.append(new.slide_id)
    names = [str(p.partname) for p in prs.part.package.iter_parts()]
    assert len(names) == len(set(names))
    assert {f"/ppt/slides/slide{n}.xml" for n in range(1, 151)} <= set(names)
    assert {f"/ppt/notesSlides/notesSlide{n}.xml" for n in range(1, 151)} <= set(names)
    assert ids == list(range(256, 406))
    out = tmp_path / "many.pptx"
    prs.save(str(out))
    reopened = Presentation(str(out))
    assert [s.slide_id for s in reopened.slides] == ids
    assert all(s.has_notes_slide and s.notes_slide.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide") is s.part for s in reopened.slides)


def test_names_freed_by_removed_slides_are_not_reused_while_still_reachable() -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0])  # slide1.xml, still in the deck
    factory = SlideFactory(prs)
    new = factory.add_slide(prs.slide_layouts[1])
    assert str(new.part.partname) == "/ppt/slides/slide2.xml"
    assert new.slide_id == 257
