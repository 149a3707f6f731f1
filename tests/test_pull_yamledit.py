"""Editing an outline's YAML in place: unchanged text stays byte for byte, comments follow their entries,
quoting and line ends are kept; and the shape of the pulled outline (levels, parents, moves)."""
from __future__ import annotations

from deckgen.pull import yamledit
from deckgen.pull.match import Item
from deckgen.pull.tree import assemble, moves

TEXT = """\
# top
deck:
  title: T  # the title
sections:
  - title: A
    subsections:
      - title: A1
        bullets:
          - x  # about x
          - 'y'
      # about A2
      - title: A2
        notes: |
          a2

      # about A3
      - title: A3
  # about B
  - title: B
    bullets: [p, q]
"""


def _load(text: str = TEXT) -> yamledit.Document:
    return yamledit.load(text.encode("utf-8"))


def test_loading_and_writing_back_changes_nothing() -> None:
    doc = _load()
    assert doc.exact and doc.text() == TEXT
    crlf = ("\ufeff" + TEXT.replace("\n", "\r\n")).encode("utf-8")
    doc = yamledit.load(crlf)
    assert doc.text().encode("utf-8") == crlf


def test_other_indentations_are_found() -> None:
    text = "deck:\n    title: T\nsections:\n-   title: A\n    bullets:\n    -   x\n"
    assert yamledit.load(text.encode()).text() == text
    text = "deck:\n  title: T\nsections:\n- title: A\n  bullets:\n  - x\n"
    assert yamledit.load(text.encode()).text() == text


def test_deleting_an_entry_keeps_the_comment_about_the_next() -> None:
    doc = _load()
    yamledit.delete_at(doc.data["sections"][0]["subsections"], 1)
    out = doc.text()
    assert "# about A2" not in out and "A2" not in out
    assert out.index("# about A3") < out.index("- title: A3")
    assert out.index("- title: A1") < out.index("# about A3")


def test_inserting_an_entry_puts_it_before_the_comment_about_the_next() -> None:
    doc = _load()
    subs = doc.data["sections"][0]["subsections"]
    yamledit.insert_at(subs, 1, yamledit.new_entry({"title": "NEW", "bullets": [("n", 0)], "notes": "new\n"}))
    out = doc.text()
    assert out.index("- title: NEW") < out.index("# about A2") < out.index("- title: A2")
    assert "      - title: NEW\n        bullets:\n          - n\n        notes: |\n          new\n" in out


def test_fields_keep_their_quoting_and_comments() -> None:
    doc = _load()
    a1 = doc.data["sections"][0]["subsections"][0]
    yamledit.set_fields(a1, {"bullets": [("x2", 0), ("y2", 0), ("z", 0)], "notes": "line 1\nline 2\n"})
    yamledit.set_fields(doc.data["deck"], {"title": "T2"}, ("title", "notes"))
    out = doc.text()
    assert "title: T2  # the title" in out
    assert "- x2  # about x\n" in out and "- 'y2'\n" in out
    assert out.index("- 'z'") < out.index("notes: |\n          line 1\n          line 2\n") < out.index("# about A2")
    b = doc.data["sections"][1]
    yamledit.set_fields(b, {"bullets": [("p", 0), ("q", 0), ("r", 0)]})
    assert "bullets: [p, q, r]" in doc.text()


def _item(path, level: str, title: str = "") -> Item:  # type: ignore[no-untyped-def]
    return Item(path, level, 1, {}, title or str(path))


def test_levels_follow_the_entry_before() -> None:
    items = [_item(("opening", 0), "opening"), _item(("sections", 0, "subsections", 0), "subsection"),
             _item(("sections", 0), "section"), _item(("sections", 1, "subsections", 0, "points", 0), "point"),
             _item(("closing", 0), "closing"), _item(("sections", 1), "section"), _item(("closing", 1), "closing")]
    tree = assemble(items)
    assert [n.level for n in tree.opening] == ["opening", "opening"]
    assert [n.item.path for n in tree.sections] == [("sections", 0), ("sections", 1)]
    assert [(n.level, n.item.path) for n in tree.sections[0].children] == [
        ("subsection", ("sections", 1, "subsections", 0, "points", 0)), ("subsection", ("closing", 0))]
    assert [n.item.path for n in tree.closing] == [("closing", 1)]
    what = {(c.where, c.detail) for c in moves(tree)}
    assert ("sections[0].subsections[0]", "now an opening entry") in what
    assert ("closing[0]", "now under sections[0]") in what


def test_moves_within_a_list_name_only_the_entries_that_left_their_order() -> None:
    items = [_item(("sections", 2), "section"), _item(("sections", 0), "section"), _item(("sections", 1), "section")]
    assert [c.where for c in moves(assemble(items))] == ["sections[2]"]
