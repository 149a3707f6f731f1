"""Walking an outline: every slide entry once, in slide order, with its path and level."""
from __future__ import annotations

from deckgen.outline.load import parse_yaml
from deckgen.outline.validate import validate
from deckgen.outline.walk import entries

TEXT = """\
deck: {title: T}
opening: [{title: O}]
sections:
  - title: S1
    subsections:
      - title: A
        points: [{title: P1}, {title: P2}]
      - title: B
  - title: S2
closing: [{title: C}]
"""


def test_entries_come_in_slide_order_with_paths_and_levels() -> None:
    outline, _ = validate(parse_yaml(TEXT, "o.yaml"))
    assert [(e.path, e.level, e.node.title) for e in entries(outline)] == [
        (("opening", 0), "opening", "O"),
        (("sections", 0), "section", "S1"),
        (("sections", 0, "subsections", 0), "subsection", "A"),
        (("sections", 0, "subsections", 0, "points", 0), "point", "P1"),
        (("sections", 0, "subsections", 0, "points", 1), "point", "P2"),
        (("sections", 0, "subsections", 1), "subsection", "B"),
        (("sections", 1), "section", "S2"),
        (("closing", 0), "closing", "C"),
    ]
