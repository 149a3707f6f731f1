"""A template package made safe before it is opened: relabelled as a presentation, macros refused, XML parsed
safely, the slide size bounded, picture references to missing relationships dropped with a warning."""
from __future__ import annotations

import io
import zipfile

import pytest

from deckgen.package.intake import PRESENTATION_MAIN, Refused, prepare
from deckgen.package.zipread import BadXml
from tests.sweep.makers import LINK, PICTURE, doctype, in_layout, rezip, template, with_main_type

MACRO = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
SHOW = b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"
TEMPLATE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


@pytest.mark.parametrize("kind", [MACRO, SHOW, TEMPLATE])
def test_a_pptm_ppsx_or_potx_becomes_a_plain_presentation(kind: bytes) -> None:
    done = prepare(with_main_type(template(), kind))
    types = member(done.data, "[Content_Types].xml")
    assert PRESENTATION_MAIN.encode() in types and kind not in types and done.warnings == []


def test_a_plain_presentation_is_passed_through_unchanged() -> None:
    data = template()
    assert prepare(data).data is data


@pytest.mark.parametrize("extra", [{"ppt/vbaProject.bin": b"VBA"}, {"ppt/VBAPROJECT.BIN": b"VBA"}])
def test_macros_are_refused(extra: dict) -> None:
    with pytest.raises(Refused, match="macro-enabled"):
        prepare(rezip(with_main_type(template(), MACRO), extra))


def test_a_picture_without_its_image_is_dropped_with_a_warning() -> None:
    done = prepare(in_layout(template(), PICTURE))
    assert b'r:embed="rId99"' not in member(done.data, "ppt/slideLayouts/slideLayout2.xml")
    assert b"<a:blip" in member(done.data, "ppt/slideLayouts/slideLayout2.xml")
    assert done.warnings == ["ppt/slideLayouts/slideLayout2.xml: a picture refers to relationship 'rId99', which the "
                             "part does not have (its image is missing); dropped the reference, so the picture shows empty"]


def test_another_reference_to_a_missing_relationship_is_refused() -> None:
    with pytest.raises(Refused, match=r"slideLayout2\.xml refers to relationship 'rId77' \(id on hlinkClick\)"):
        prepare(in_layout(template(), LINK))


def test_a_doctype_with_entities_is_refused() -> None:
    with pytest.raises(BadXml, match="DOCTYPE"):
        prepare(doctype(template(), "ppt/slideLayouts/slideLayout1.xml"))


@pytest.mark.parametrize("cx", [b"99999999999", b"0", b"-1", b"9" * 5000, b"x"])
def test_a_slide_size_powerpoint_cannot_open_is_refused(cx: bytes) -> None:
    data = rezip(template(), edit=lambda n, b: b.replace(b'<p:sldSz cx="9144000"', b'<p:sldSz cx="' + cx + b'"')
                 if n == "ppt/presentation.xml" else b)
    with pytest.raises(Refused, match="slide size is damaged"):
        prepare(data)
