"""Slide pictures from a PDF: pdfium renders each page in turn, PNG encoding runs on up to one thread per core.

Memory stays flat whatever the page count: at most two full-size pages a thread are in flight at once, and what is
handed on of each page (a contact-sheet thumbnail) is small.
"""
from __future__ import annotations

import os
import struct
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

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

    With `thumb_size`, each page is also rendered that size and handed to `keep(N - 1, thumb)`, in page order,
    on this thread. `tick(n)` is called with the number of pages written so far. Raises `DeckgenError` when the
    PDF has another number of pages than `targets`, or cannot be read.
    """
    doc = _open(pdf)
    try:
        if len(doc) != len(targets):
            raise DeckgenError(f"{str(pdf)!r} has {len(doc)} pages, expected {len(targets)}")
        threads = max(1, min(os.cpu_count() or 1, MAX_THREADS))
        with ThreadPoolExecutor(threads) as pool:
            pending: deque[tuple[Future, Any, Optional[Image]]] = deque()
            done = 0
            for n, target in enumerate(targets):
                # pdfium is not thread-safe: pages are rendered (and bitmaps freed) here, one at a time; the pool
                # only reads a bitmap's pixels to encode them
                page = doc[n]
                try:
                    page_w, page_h = page.get_size()
                    height = max(1, round(page_h * width / page_w))  # as pdftoppm rounds it
                    bitmap = _render(page, width)
                    thumb = _render(page, thumb_size[0]).to_pil() if thumb_size else None
                    if thumb is not None and thumb.height > thumb_size[1]:  # the row pdfium's rounding up adds
                        thumb = thumb.crop((0, 0, *thumb_size))
                finally:
                    page.close()
                pending.append((pool.submit(_write, bitmap, height, target), bitmap, thumb))
                # at most two pages a thread in flight: memory stays flat
                while pending and (len(pending) > 2 * threads or pending[0][0].done() or n == len(targets) - 1):
                    future, bitmap, thumb = pending.popleft()
                    future.result()
                    bitmap.close()
                    if thumb is not None and keep is not None:
                        keep(done, thumb)
                    done += 1
                    if tick is not None:
                        tick(done)
    finally:
        doc.close()


def _render(page: Any, width: int) -> Any:
    """`page` as an RGB bitmap `width` pixels wide (pdfium rounds the size up: a hair under the scale asked; the
    height may have a row more than rounding gives)."""
    return page.render(scale=(width - 1e-6) / page.get_width(), rev_byteorder=True)


def _write(bitmap: Any, height: int, target: Path) -> None:
    """Write the first `height` rows of pdfium's RGB `bitmap` as a PNG at `target` (zlib frees the GIL while it
    compresses)."""
    target.write_bytes(png(bitmap.buffer, bitmap.width, height, bitmap.stride))


def png(pixels: Any, width: int, height: int, stride: int = 0) -> bytes:
    """RGB `pixels` (bytes-like, rows `stride` bytes apart: 3 × `width` unless given) as a PNG file: 8-bit
    truecolour, one IDAT chunk, every row with filter 0 (none)."""
    data, row, stride = memoryview(pixels).cast("B"), 3 * width, stride or 3 * width
    if len(data) < stride * (height - 1) + row:
        raise ValueError(f"{len(data)} bytes hold no {width} × {height} RGB picture")
    rows = b"".join(piece for y in range(height) for piece in (b"\0", data[y * stride:y * stride + row]))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, PNG_LEVEL))
            + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
