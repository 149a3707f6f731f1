"""LibreOffice's slide pages put on the handout's pages as vector forms (pikepdf): sharp at any zoom, text kept."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from deckgen.errors import DeckgenError
from deckgen.outline.typed import record

MM = 72 / 25.4  # points per millimetre


@record(frozen=True)
class Place:
    """Where slide `slide` (from 0) goes: on page `page` (from 0) of the handout, its box in millimetres from
    the page's top left corner."""

    page: int
    slide: int
    x: float
    y: float
    w: float
    h: float


def slide_pages(pdf: Path) -> tuple[int, float]:
    """The page count of the slides' PDF and its first page's height over width; `DeckgenError` when it is no
    readable PDF."""
    import pikepdf

    try:
        with pikepdf.open(pdf) as doc:
            if not len(doc.pages):
                return 0, 9 / 16
            box = [float(v) for v in doc.pages[0].mediabox]
    except pikepdf.PdfError as exc:
        raise DeckgenError(f"cannot read the PDF {str(pdf)!r}: {exc}") from None
    return len(doc.pages), (box[3] - box[1]) / (box[2] - box[0])


def place_slides(document: bytes, slides: Path, places: Sequence[Place]) -> bytes:
    """`document` (a PDF) with each `Place`'s page of `slides` drawn as a form under that page's own content
    (the frame drawn there stays on top); the slides' fonts and pictures are copied once, however many pages
    use them."""
    import pikepdf

    with pikepdf.open(io.BytesIO(document)) as out, pikepdf.open(slides) as src:
        for place in places:
            page = out.pages[place.page]
            top = float(page.mediabox[3])
            box = pikepdf.Rectangle(place.x * MM, top - (place.y + place.h) * MM,
                                    (place.x + place.w) * MM, top - place.y * MM)
            page.add_underlay(src.pages[place.slide], box)
        data = io.BytesIO()
        out.save(data, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return data.getvalue()
