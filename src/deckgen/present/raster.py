"""Slide pictures from a PDF: pdfium renders each page in turn, PNG encoding runs on up to one thread per core.

Memory stays flat whatever the page count: at most a few full-size pages are in flight at once, and what is kept
of each page for later (a contact-sheet thumbnail) is small.
"""
from __future__ import annotations

import os
import struct
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from deckgen.errors import DeckgenError

if TYPE_CHECKING:
    from PIL.Image import Image

# The slide PNGs are written here, rows unfiltered and deflated at level 1, by measurement (BENCHMARKS.md, issue #19):
# on 51 slides of 1280 px, 15.5 ms a page for 54 KB, against Pillow's 19.4 ms for 59 KB (zlib's run-length
# strategy) and 31 ms for 58 KB (its default); Pillow chooses a filter for every row, which flat slides do not need
PNG_LEVEL = 1
MAX_THREADS = 4  # encoders at once, at most one per core


def page_count(pdf: Path) -> int:
    """The number of pages of `pdf`; `DeckgenError` when it is no readable PDF."""
    doc = _open(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def page_ratio(pdf: Path) -> float:
    """The first page's height over its width (every slide of a deck has the same size)."""
    doc = _open(pdf)
    try:
        width, height = doc.get_page_size(0)
        return height / width
    finally:
        doc.close()


def _open(pdf: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise DeckgenError(f"cannot read the PDF {str(pdf)!r}: {exc}") from None


Keep = Callable[[int, "Image"], None]


def render_pngs(pdf: Path, targets: Sequence[Path], width: int, thumb_size: Optional[tuple[int, int]] = None,
                keep: Optional[Keep] = None, tick: Optional[Callable[[int], None]] = None) -> None:
    """Render page N of `pdf` to `targets[N - 1]` as an RGB PNG `width` pixels wide (height as the page's).

    With `thumb_size`, each page's thumbnail (made from the full picture) is handed to `keep(N - 1, thumb)`,
    in page order, on this thread. `tick(n)` is called with the number of pages written so far. Raises
    `DeckgenError` when the PDF has another number of pages than `targets`, or cannot be read.
    """
    doc = _open(pdf)
    try:
        if len(doc) != len(targets):
            raise DeckgenError(f"{str(pdf)!r} has {len(doc)} pages, expected {len(targets)}")
        threads = max(1, min(os.cpu_count() or 1, MAX_THREADS))
        with ThreadPoolExecutor(threads) as pool:
            pending: deque[Future] = deque()
            done = 0
            for n, target in enumerate(targets):
                page = doc[n]
                try:
                    # pdfium is not thread-safe: pages are rendered here, one at a time; the pool only encodes
                    page_w, page_h = page.get_size()
                    # pdfium rounds the size up: a hair under the scale asked, and the height rounded as pdftoppm does
                    bitmap = page.render(scale=(width - 1e-6) / page_w)
                    picture = bitmap.to_pil()  # a copy (pdfium's BGR turned RGB): the bitmap goes at once
                    bitmap.close()
                    height = max(1, round(page_h * width / page_w))
                    if picture.height > height:
                        picture = picture.crop((0, 0, width, height))
                finally:
                    page.close()
                pending.append(pool.submit(_write, picture, target, thumb_size))
                # at most two pages a thread in flight: memory stays flat
                while pending and (len(pending) > 2 * threads or pending[0].done() or n == len(targets) - 1):
                    thumb = pending.popleft().result()
                    if thumb is not None and keep is not None:
                        keep(done, thumb)
                    done += 1
                    if tick is not None:
                        tick(done)
    finally:
        doc.close()


def _write(picture: "Image", target: Path, thumb_size: Optional[tuple[int, int]]) -> Optional["Image"]:
    """Save `picture` as PNG at `target`; its thumbnail when `thumb_size` (zlib and Pillow free the GIL while they
    work)."""
    from PIL import Image

    target.write_bytes(png(picture))
    if not thumb_size:
        return None
    # averaged down by the whole factor first, then Lanczos for the rest: 1.2 ms a slide against Lanczos alone's
    # 6.6 ms (1280 to 320 px), the thumbnails alike to the eye
    return picture.resize(thumb_size, Image.Resampling.LANCZOS, reducing_gap=1.0)


def png(picture: "Image") -> bytes:
    """`picture` (RGB) as a PNG file: 8-bit truecolour, one IDAT chunk, every row with filter 0 (none)."""
    if picture.mode != "RGB":
        picture = picture.convert("RGB")
    width, height = picture.size
    raw, stride = picture.tobytes(), 3 * width
    rows = b"".join(b"\0" + raw[y * stride:(y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, PNG_LEVEL))
            + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
