"""The fingerprint in docProps/custom.xml: recomputable from the saved zip, blind to zip details, sensitive to content."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen.package import fingerprint
from deckgen.package.fingerprint import CUSTOM_TYPE, MEMBERS_PROPERTY, PROPERTY, digest, stamp, state, stored_fingerprint
from deckgen.package.ns import CUSTOM as CUSTOM_NS
from deckgen.package.ns import RT_CUSTOM_PROPERTIES as CUSTOM_REL
from deckgen.package.zipread import Package
from tests.conftest import assert_valid_package


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A deck as python-pptx saves it (before stamping): the shipped outline rendered."""
    from deckgen.build.pipeline import plan_file
    from deckgen.render import render
    from tests.conftest import OUTLINE

    planned = plan_file(OUTLINE)
    prs, _ = render(planned.deck, planned.theme)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _stamped(data: bytes, path: Path) -> str:
    with open(path, "wb") as fh:
        return stamp(data, fh)


def _rezip(src: Path, dst: Path, change: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_STORED) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression) as zout:
        for info in reversed(zin.infolist()):
            zout.writestr(info.filename, (change or {}).get(info.filename, zin.read(info)))


def test_a_stamped_deck_is_ours_and_the_hash_is_recomputed_from_the_file(saved: bytes, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    value = _stamped(saved, deck)
    found = state(deck)
    assert found.kind == "ours" and found.stored == found.actual == value
    with Package.open(deck) as package:
        assert digest(package, "docProps/custom.xml") == value
    with zipfile.ZipFile(deck) as z:
        assert stored_fingerprint(z.read("docProps/custom.xml")) == value
        assert f'PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"'.encode() in z.read("[Content_Types].xml")
        assert CUSTOM_REL.encode() in z.read("_rels/.rels")


def test_an_unchanged_deck_is_told_from_the_zip_directory_alone(saved: bytes, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The members' names, lengths and CRC-32s (the zip's directory) say a deck is unchanged without unpacking
    it; any change of content is still found, and confirmed on the content."""
    deck = tmp_path / "deck.pptx"
    value = _stamped(saved, deck)
    unpacked = []
    monkeypatch.setattr(fingerprint, "digest", lambda *a: unpacked.append(a) or digest(*a))
    assert state(deck).kind == "ours" and not unpacked
    rezipped = tmp_path / "rezipped.pptx"  # same content, other compression and order: still ours, still unread
    _rezip(deck, rezipped, compression=zipfile.ZIP_DEFLATED)
    assert state(rezipped) == fingerprint.DeckState("ours", value, value) and not unpacked
    with zipfile.ZipFile(deck) as z:
        slide = z.read("ppt/slides/slide2.xml")
    same_length = slide.replace(b'lang="zh-CN"', b'lang="zh-TW"', 1)  # only the CRC-32 tells it
    assert same_length != slide and len(same_length) == len(slide)
    edited = tmp_path / "edited.pptx"
    _rezip(deck, edited, {"ppt/slides/slide2.xml": same_length})
    found = state(edited)
    assert found.kind == "edited" and found.actual != value and unpacked


def test_a_deck_stamped_before_the_members_summary_is_judged_on_its_content(saved: bytes, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    value = _stamped(saved, deck)
    with zipfile.ZipFile(deck) as z:
        custom = etree.fromstring(z.read("docProps/custom.xml"))
    for prop in list(custom):
        if prop.get("name") == MEMBERS_PROPERTY:
            custom.remove(prop)
    older = tmp_path / "older.pptx"
    _rezip(deck, older, {"docProps/custom.xml": etree.tostring(custom)})
    assert state(older) == fingerprint.DeckState("ours", value, value)


def test_the_stamped_deck_is_a_valid_package(saved: bytes, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    _stamped(saved, deck)
    assert_valid_package(deck)


def test_zip_order_compression_and_timestamps_do_not_count(saved: bytes, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    _stamped(saved, deck)
    _rezip(deck, tmp_path / "same.pptx")
    assert state(tmp_path / "same.pptx").kind == "ours"


def test_any_change_of_content_makes_it_edited(saved: bytes, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    _stamped(saved, deck)
    with zipfile.ZipFile(deck) as z:
        slide = z.read("ppt/slides/slide2.xml")
    _rezip(deck, tmp_path / "edited.pptx", {"ppt/slides/slide2.xml": slide.replace(b"</a:t>", b"!</a:t>", 1)})
    assert state(tmp_path / "edited.pptx").kind == "edited"


def test_a_deck_resaved_by_python_pptx_is_edited(saved: bytes, tmp_path: Path) -> None:
    from pptx import Presentation

    deck = tmp_path / "deck.pptx"
    _stamped(saved, deck)
    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text_frame.text = "改过的标题"
    prs.save(str(deck))
    assert state(deck).kind == "edited"


@pytest.mark.parametrize("content", [None, b"not a zip", b"PK\x03\x04 broken"])
def test_missing_unreadable_and_unstamped_files(saved: bytes, tmp_path: Path, content: bytes | None) -> None:
    deck = tmp_path / "deck.pptx"
    if content is None:
        assert state(deck).kind == "missing"
        deck.write_bytes(saved)  # written by python-pptx, not stamped by deckgen
    else:
        deck.write_bytes(content)
    assert state(deck).kind == "foreign"


def test_custom_properties_of_a_template_are_kept(saved: bytes, tmp_path: Path) -> None:
    first = tmp_path / "first.pptx"
    _stamped(saved, first)
    with zipfile.ZipFile(first) as z:
        custom = etree.fromstring(z.read("docProps/custom.xml"))
    label = etree.SubElement(custom, f"{{{CUSTOM_NS}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                             pid="7", name="Classification")
    etree.SubElement(label, "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}lpwstr").text = "内部"
    _rezip(first, tmp_path / "template.pptx", {"docProps/custom.xml": etree.tostring(custom)})
    second = tmp_path / "second.pptx"
    value = _stamped((tmp_path / "template.pptx").read_bytes(), second)
    with zipfile.ZipFile(second) as z:
        root = etree.fromstring(z.read("docProps/custom.xml"))
        assert z.namelist().count("docProps/custom.xml") == 1
        assert z.read("_rels/.rels").count(CUSTOM_REL.encode()) == 1
    props = {p.get("name"): (p.get("pid"), "".join(p.itertext())) for p in root}
    assert props.pop(MEMBERS_PROPERTY)[0] == "9"
    assert props == {"Classification": ("7", "内部"), PROPERTY: ("8", value)}
    assert state(second).kind == "ours"
