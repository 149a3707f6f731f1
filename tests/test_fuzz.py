"""Fuzzing: valid outlines of every shape and script build into valid packages that keep every title, bullet and note.

Text mixes Chinese, English, emoji, right-to-left scripts, XML and YAML specials, long and empty strings and the
characters deckgen sanitises (`deckgen.text.clean.sanitise`: line ends normalised, control characters removed, NFC).
"""
from __future__ import annotations

import string
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.outline.model import Role
from deckgen.package.check import check_package
from deckgen.text.clean import sanitise
from tests.conftest import require_tools

# ------------------------------------------------------------------------------------------------ text

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
RTL = st.one_of(st.characters(min_codepoint=0x0621, max_codepoint=0x064A),  # Arabic letters
                st.characters(min_codepoint=0x05D0, max_codepoint=0x05EA))  # Hebrew letters
PUNCT = st.sampled_from(list("，。、；：？！“”‘’（）《》——…·「」"))
EMOJI = st.sampled_from(["😀", "🎉", "👍🏽", "👩‍🏫", "🇨🇳", "❤️", "🧑🏿‍💻", "⭐", "𠀀"])
SPECIAL = st.sampled_from(["<", "&", ">", '"', "'", ": ", " #", "- ", "*", "&a", "!", "%", "@", "`", "{", "[", "\\",
                           "|", "---", "~", "null", "yes", "1.10", "2024-05-01"])
SPACE = st.sampled_from([" ", "  ", "\u3000", "\u00a0", "\t"])
# (no raw NEL U+0085: PyYAML's dumper writes it as a line break, which YAML then folds into a space)
ODD = st.sampled_from(["\x0b", "\x07", "\x1b", "\x7f", "\u200b", "\u200f", "\u202e", "e\u0301", "\ufeff",
                       "\r\n", "\r", "\u2028"])
VISIBLE = st.one_of(CJK, st.sampled_from(string.ascii_letters + string.digits), RTL, EMOJI)
PIECE = st.one_of(CJK, CJK, LATIN, LATIN, RTL, PUNCT, EMOJI, SPECIAL, SPACE, ODD)


def text(max_pieces: int, *, newlines: bool = False) -> st.SearchStrategy[str]:
    piece = st.one_of(PIECE, st.just("\n"), st.just("\n\n")) if newlines else PIECE
    return st.lists(piece, max_size=max_pieces).map("".join)


TITLE = st.tuples(VISIBLE, text(40)).map("".join)  # never empty once sanitised
LONG_TITLE = st.tuples(VISIBLE, st.text(alphabet=CJK, min_size=150, max_size=300)).map("".join)
BULLET = st.one_of(text(30), st.just(""))
NOTES = st.one_of(text(300, newlines=True), st.just(""), st.text(alphabet=CJK, min_size=2000, max_size=4000))
LABEL = st.one_of(st.just(""), text(6))
# the kinds an entry can ask for without content of another kind (a chart, a table, an image…)
LAYOUT = st.sampled_from([r.value for r in Role if r not in (Role.QUOTE, Role.NUMBERS, Role.CHART, Role.TABLE,
                                                               Role.PICTURE, Role.COMPARE, Role.CODE)])


def node(children: dict[str, st.SearchStrategy[Any]] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """A slide node; every key but the title may be missing."""
    optional: dict[str, st.SearchStrategy[Any]] = {
        "label": LABEL, "bullets": st.lists(BULLET, max_size=12), "notes": NOTES, "layout": LAYOUT}
    optional.update(children or {})
    return st.fixed_dictionaries({"title": st.one_of(TITLE, TITLE, TITLE, LONG_TITLE)}, optional=optional)


POINT = node()
SUBSECTION = node({"points": st.lists(POINT, max_size=3)})
SECTION = node({"subsections": st.lists(SUBSECTION, max_size=3)})
DECK = st.fixed_dictionaries(
    {"title": TITLE},
    optional={"subtitle": TITLE, "presenter": TITLE, "date": text(12), "notes": NOTES,
              "language": st.sampled_from(["zh-CN", "en-US", "ar-SA", "he-IL", "ja-JP"]),
              "theme": st.sampled_from(["party", "gov", "academic", "dark"])})
OUTLINE = st.fixed_dictionaries(
    {"deck": DECK, "sections": st.lists(SECTION, min_size=1, max_size=4)},
    optional={"opening": st.lists(node(), max_size=2), "closing": st.lists(node(), max_size=2)})


# ------------------------------------------------------------------------------------------ expectations

def clean(value: str) -> str:
    """What deckgen promises to keep of `value`: the documented sanitising, nothing else."""
    return sanitise(value)[0]


def nodes_in_order(outline: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from outline.get("opening", [])
    for section in outline["sections"]:
        yield section
        for sub in section.get("subsections", []):
            yield sub
            yield from sub.get("points", [])
    yield from outline.get("closing", [])


def expected_notes(outline: dict[str, Any]) -> list[str]:
    """The non-blank notes in slide order, as the notes pane shows them (outer blank lines dropped)."""
    notes = [outline["deck"].get("notes", "")] + [n.get("notes", "") for n in nodes_in_order(outline)]
    return [clean(n).strip("\n") for n in notes if clean(n).strip()]


def shown_as(want: str, got: str) -> bool:
    """`got` shows the bullet `want`: as written, or as a card whose key (with the separator the lecturer wrote)
    and phrase, read back joined by NUL, are the bullet's words with at most blanks between them."""
    if want == got:
        return True
    parts = got.split("\0")
    words = want.strip()  # a card's phrase ends at its last word (a bullet's trailing line break is not shown)
    if len(parts) != 2 or not all(parts) or len(parts[0]) + len(parts[1]) > len(words):
        return False
    key, phrase = parts
    return words.startswith(key) and words.endswith(phrase) and not words[len(key):len(words) - len(phrase)].strip()


def is_subsequence(wanted: list[str], found: list[str]) -> bool:
    it = iter(found)
    return all(any(shown_as(want, got) for got in it) for want in wanted)


def titles_in_order(wanted: list[str], found: list[str]) -> bool:
    """Each wanted title in a found one, in order; both read whole (a title's lines, as the slide breaks it
    between words, joined as `deckgen pull` joins them)."""
    from deckgen.package.slidetext import join_lines

    it = iter(join_lines([t]) for t in found)
    return all(any(join_lines([want]) in got for got in it) for want in wanted)


# ------------------------------------------------------------------------------------------------ reading

def read_deck(deck: Path) -> tuple[list[str], list[str], list[str], str]:
    """Slide titles, body paragraphs and notes in slide order, and all text of the first slide."""
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    prs = Presentation(str(deck))
    titles, bodies, notes = [], [], []
    other = {PH.TITLE, PH.CENTER_TITLE, PH.FOOTER, PH.SLIDE_NUMBER, PH.DATE}
    cover = ""
    for n, slide in enumerate(prs.slides):
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            if kind in (PH.TITLE, PH.CENTER_TITLE):
                titles.append(shape.text_frame.text.replace("\v", "\n"))
            elif kind not in other and shape.has_text_frame:
                bodies += [p.text.replace("\v", "\n") for p in shape.text_frame.paragraphs]
            if n == 0 and shape.has_text_frame:
                cover += shape.text_frame.text.replace("\v", "\n") + "\n"
        for shape in slide.shapes:  # cards: the key and the phrase of a bullet, as two paragraphs
            if not shape.is_placeholder and shape.name.startswith("Card "):
                bodies.append("\0".join(p.text.replace("\v", "\n") for p in shape.text_frame.paragraphs))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text:
            notes.append(slide.notes_slide.notes_text_frame.text)
    return titles, bodies, notes, cover


def build_and_check(outline: dict[str, Any], folder: Path) -> Path:
    source = folder / "outline.yaml"
    source.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = folder / "outline.pptx"
    result = build(BuildRequest(source, deck))
    report = check_package(deck)
    assert report.schema_checked, report.note
    assert report.problems == []
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            assert b"_x00" not in z.read(name), f"{name} holds an escaped control character"
    titles, bodies, notes, cover = read_deck(deck)
    assert len(titles) == result.slides
    assert notes == expected_notes(outline)
    assert titles_in_order([clean(outline["deck"]["title"])] + [clean(n["title"]) for n in nodes_in_order(outline)], titles)
    # an empty bullet may leave no trace (a list of only empty bullets shows no body at all)
    bullets = [clean(b) for n in nodes_in_order(outline) for b in n.get("bullets", [])]
    assert is_subsequence([b for b in bullets if b], bodies)
    for key in ("subtitle", "presenter", "date"):
        if clean(outline["deck"].get(key) or "").strip():
            assert clean(outline["deck"][key]) in cover, key
    return deck


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(OUTLINE)
# found by this test: bullets of a node shown with the title or section layout were dropped
@example({"deck": {"title": "一"}, "sections": [{"title": "一"}],
          "opening": [{"title": "一", "label": "", "layout": "title", "bullets": ["一"]}]})
# a card keeps the key's separator as written ('一：' above '一'); the check read it back as '一' above '一'
@example({"deck": {"title": "T"}, "sections": [{"title": "S", "layout": "cards", "bullets": ["", "甲：乙", "丙： 丁"]}]})
# a card's phrase ends at its last word: a bullet ending in a line break ('甲: 乙\r\n') shows as '甲:' above '乙'
@example({"deck": {"title": "T"}, "sections": [{"title": "S", "layout": "cards", "bullets": ["甲: 乙\r\n", "丙"]}]})
@example({"deck": {"title": "T"}, "sections": [{"title": "S", "subsections": [
    {"title": "s", "points": [{"title": "p", "layout": "section", "bullets": ["甲", "乙"]}]}]}]})
def test_every_valid_outline_builds_a_valid_deck_that_keeps_its_text(outline: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="deckgen-fuzz-") as folder:
        build_and_check(outline, Path(folder))


@pytest.mark.soffice
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(OUTLINE)
def test_a_sample_of_fuzzed_decks_renders_in_libreoffice(outline: dict[str, Any]) -> None:
    require_tools("soffice", "pdfinfo")
    from tests.office import page_count, to_pdf

    with tempfile.TemporaryDirectory(prefix="deckgen-fuzz-lo-") as folder:
        deck = build_and_check(outline, Path(folder))
        from pptx import Presentation

        assert page_count(to_pdf(deck, Path(folder))) == len(Presentation(str(deck)).slides)
