"""Slide pictures from a PDF with pdfium: every page in order, at the width asked, thumbnails handed on in order."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from deckgen.errors import DeckgenError
from deckgen.present import raster


def _shaded_pdf(folder: Path, pages: int = 11) -> Path:
    """A PDF of 16:9 pages ever redder, to tell the pages' order from their pictures."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(160, 90))
    for n in range(pages):
        pdf.add_page()
        pdf.set_fill_color(20 * n, 0, 0)
        pdf.rect(0, 0, 160, 90, style="F")
    src = folder / "pages.pdf"
    pdf.output(str(src))
    return src


def test_it_renders_each_page_in_order_at_the_width_asked(tmp_path: Path) -> None:
    src = _shaded_pdf(tmp_path)
    assert raster.page_count(src) == 11 and raster.page_ratio(src) == pytest.approx(90 / 160, abs=1e-4)
    targets = [tmp_path / f"p-{n:02d}.png" for n in range(1, 12)]
    ticks: list[int] = []
    kept: list[tuple[int, Image.Image]] = []
    raster.render_pngs(src, targets, 320, (64, 36), lambda i, im: kept.append((i, im)), ticks.append)
    reds = []
    for p in targets:
        with Image.open(p) as im:
            assert im.format == "PNG" and im.mode == "RGB" and im.size == (320, 180)
            reds.append(im.getpixel((10, 10))[0])
    assert reds == [20 * n for n in range(11)]
    assert ticks == list(range(1, 12))
    assert [i for i, _ in kept] == list(range(11)) and all(im.size == (64, 36) for _, im in kept)
    assert [im.getpixel((5, 5))[0] for _, im in kept] == reds  # each thumbnail is its own page's


def test_a_page_count_other_than_expected_is_an_error(tmp_path: Path) -> None:
    src = _shaded_pdf(tmp_path, pages=3)
    with pytest.raises(DeckgenError, match="has 3 pages, expected 4"):
        raster.render_pngs(src, [tmp_path / f"{n}.png" for n in range(4)], 100)
    assert not list(tmp_path.glob("*.png"))


def test_a_file_that_is_no_pdf_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    with pytest.raises(DeckgenError, match="cannot read the PDF"):
        raster.page_count(bad)


def test_png_holds_the_picture_exactly(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    picture = Image.frombytes("RGB", (37, 11), bytes(rng.randrange(256) for _ in range(37 * 11 * 3)))
    out = tmp_path / "p.png"
    out.write_bytes(raster.png(picture.tobytes(), 37, 11))
    with Image.open(out) as back:
        back.load()  # decodes, checking every chunk's CRC and the deflate stream
        assert back.format == "PNG" and back.mode == "RGB" and back.size == (37, 11)
        assert back.tobytes() == picture.tobytes()
    # rows further apart than a row (pdfium pads them), and a row more than wanted: both left out
    padded = b"".join(picture.tobytes()[y * 111:(y + 1) * 111] + b"\xff" * 5 for y in range(11))
    out.write_bytes(raster.png(padded, 37, 10, stride=116))
    with Image.open(out) as back:
        assert back.size == (37, 10) and back.tobytes() == picture.crop((0, 0, 37, 10)).tobytes()
    with pytest.raises(ValueError):
        raster.png(picture.tobytes(), 37, 12)
