"""Slide previews without PowerPoint: one PNG per slide (LibreOffice + pdfium) and a contact sheet (Pillow)."""
from __future__ import annotations

import contextlib
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from deckgen.outline.typed import record
from deckgen.present.steps import QUIET, Progress

SLIDE_PREFIX = "slide"
CONTACT_SHEET = "contact-sheet.png"

BACKGROUND = (236, 236, 236)
FRAME = (200, 200, 200)
LABEL = (90, 90, 90)
THUMB_WIDTH = 320
BAND_PIXELS = 8_000_000  # a contact sheet is quantised in bands of at most this many pixels (`Sheet.save`)

if TYPE_CHECKING:
    from PIL.Image import Image


@record(frozen=True)
class Preview:
    """What a preview wrote: the slide images in order and the contact sheet."""

    folder: Path
    slides: tuple[Path, ...]
    sheet: Path


def slide_name(number: int, total: int) -> str:
    """`slide-07.png`: numbered with as many digits as the last slide, so names sort in order."""
    return f"{SLIDE_PREFIX}-{number:0{max(2, len(str(total)))}d}.png"


class Sheet:
    """A contact sheet being filled: `count` thumbnails `thumb_width` wide (height by `ratio`, height over width),
    in rows of `columns` (default: about as many rows as columns, at most 6 wide), each numbered below (its
    caption, else its number). Thumbnails are pasted as they come, so none has to be kept."""

    def __init__(self, count: int, ratio: float, columns: Optional[int] = None, thumb_width: int = THUMB_WIDTH,
                 gap: int = 14, captions: Optional[Sequence[str]] = None) -> None:
        from PIL import Image, ImageDraw

        if count < 1:
            raise ValueError("a contact sheet needs at least one image")
        self.cols = columns or min(6, max(1, math.ceil(math.sqrt(count * 1.2))))
        rows = math.ceil(count / self.cols)
        self.thumb_w, self.thumb_h, self.gap, self.label_h = thumb_width, round(thumb_width * ratio), gap, 18
        self.captions = captions
        self.font = _label_font(13, cjk=any(ord(ch) > 0x2E80 for c in (captions or ()) for ch in c))
        self.sheet = Image.new("RGB", (gap + self.cols * (thumb_width + gap),
                                       gap + rows * (self.thumb_h + self.label_h + gap)), BACKGROUND)
        self.draw = ImageDraw.Draw(self.sheet)

    @property
    def thumb_size(self) -> tuple[int, int]:
        return self.thumb_w, self.thumb_h

    def paste(self, i: int, picture: "Image") -> None:
        """Put `picture` (any size: resized with Lanczos unless it is the thumbnail size) in place `i` (from 0)."""
        from PIL import Image

        if picture.size != self.thumb_size or picture.mode != "RGB":
            picture = picture.convert("RGB").resize(self.thumb_size, Image.Resampling.LANCZOS)
        r, c = divmod(i, self.cols)
        x, y = self.gap + c * (self.thumb_w + self.gap), self.gap + r * (self.thumb_h + self.label_h + self.gap)
        self.sheet.paste(picture, (x, y))
        draw, font = self.draw, self.font
        draw.rectangle((x - 1, y - 1, x + self.thumb_w, y + self.thumb_h), outline=FRAME)
        label = self.captions[i] if self.captions and i < len(self.captions) else str(i + 1)
        while len(label) > 4 and draw.textlength(label, font=font) > self.thumb_w:
            label = label[:-2] + "…"
        width = draw.textlength(label, font=font)
        draw.text((x + (self.thumb_w - width) / 2, y + self.thumb_h + 2), label, fill=LABEL, font=font)

    def save(self, out: Path) -> Path:
        """Write the sheet to `out` as a compact 256-colour PNG: median cut (the background stays exact), in
        horizontal bands of at most `BAND_PIXELS` with colours of their own for a long deck's sheet, since
        quantising takes 8 bytes a pixel (400 slides: 4 bands of 64 colours, 0.39 of 255 levels off on
        average against 0.27 in one; 270 MB at the peak against 490 MB; BENCHMARKS.md)."""
        from PIL import Image

        sheet = self.sheet
        bands = min(4, math.ceil(sheet.width * sheet.height / BAND_PIXELS))
        if bands == 1:
            sheet.quantize(256).save(out, optimize=True)
            return out
        per = 256 // bands
        indexed, palette = Image.new("P", sheet.size), []
        for b in range(bands):
            top, bottom = sheet.height * b // bands, sheet.height * (b + 1) // bands
            band = sheet.crop((0, top, sheet.width, bottom)).quantize(per)
            colours = (band.getpalette() or [])[:3 * per]
            palette += colours + [0] * (3 * per - len(colours))
            indexed.paste(band.point(lambda i, first=b * per: i + first), (0, top))
            del band
        indexed.putpalette(palette)
        indexed.save(out)  # without optimize: 0.3 s against 1.1 s for this size, 7 % larger
        return out


def contact_sheet(images: Sequence[Path], out: Path, columns: Optional[int] = None, thumb_width: int = THUMB_WIDTH,
                  gap: int = 14, captions: Optional[Sequence[str]] = None) -> Path:
    """All `images` on one PNG (a `Sheet`), written to `out` as a compact 256-colour PNG."""
    from PIL import Image

    if not images:
        raise ValueError("a contact sheet needs at least one image")
    with Image.open(images[0]) as first:
        ratio = first.height / first.width
    sheet = Sheet(len(images), ratio, columns, thumb_width, gap, captions)
    for i, path in enumerate(images):
        with Image.open(path) as im:
            sheet.paste(i, im)
    return sheet.save(out)


def _label_font(size: int, cjk: bool = False):  # type: ignore[no-untyped-def]
    """A TrueType face for the labels (Liberation Sans / Arial; a Chinese face for Chinese captions), else
    Pillow's built-in one."""
    from PIL import ImageFont

    from deckgen.present.fonts import cjk_font, latin_font

    face = (cjk_font() if cjk else None) or latin_font()
    if face is not None:
        try:
            return ImageFont.truetype(str(face.path), size, index=face.index)
        except OSError:
            pass
    return ImageFont.load_default()


def make_preview(deck: Path, folder: Path, width: int = 1280, columns: Optional[int] = None,
                 progress: Progress = QUIET, captions: Optional[Sequence[str]] = None) -> Preview:
    """Render every slide of `deck` to `folder/slide-NN.png` (`width` pixels wide) and the contact sheet.

    The names deckgen wrote are recorded in `folder/.deckgen-preview`: images an earlier, longer deck left
    are removed, so the folder shows this deck only, and nothing else in the folder is touched. A file of
    the same name that deckgen did not write is never replaced (`OutputError`). The images are rendered in
    a hidden folder inside `folder` and moved into place (one file system, whatever `TMPDIR` is); a folder
    deckgen created is removed again when rendering fails. Raises `ToolMissingError` without LibreOffice.
    """
    from deckgen.errors import OutputError
    from deckgen.package.deck import read_deck
    from deckgen.package.write import scratch_folder

    read_deck(deck)  # a file that is no readable deck (encrypted, damaged, a zip bomb) is refused before LibreOffice
    why = _folder_problem(folder)
    if why:
        raise OutputError(f"the preview folder {str(folder)!r} {why}; choose another folder with -o")
    created = not folder.exists()
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with scratch_folder(folder, ".deckgen-preview-work") as work:
                return _render(deck, folder, work, width, columns, progress, captions)
        except OSError as exc:
            raise OutputError(f"cannot write the preview into {str(folder)!r} ({exc.strerror or exc}); was the folder "
                              "removed or made read-only while rendering? Run again, or choose another folder with -o"
                              ) from None
    except BaseException:
        if created:
            _remove_if_empty(folder)
        raise


def _render(deck: Path, folder: Path, work: Path, width: int, columns: Optional[int], progress: Progress,
            captions: Optional[Sequence[str]] = None) -> Preview:
    from deckgen.errors import OutputError
    from deckgen.present.office import convert_to_pdf
    from deckgen.present.raster import page_count, page_ratio, render_pngs

    ours = _manifest(folder)
    with progress.status(f"Converting {deck.name} to PDF with LibreOffice"):
        pdf = convert_to_pdf(deck, work).pdf
    pages = page_count(pdf)
    names = [slide_name(n, pages) for n in range(1, pages + 1)] + [CONTACT_SHEET]
    theirs = [n for n in names if os.path.lexists(folder / n) and n not in ours]
    if theirs:
        raise OutputError(f"the folder {str(folder)!r} holds {theirs[0]}, which deckgen did not write (it is not in "
                          f"{MANIFEST}); move it away, or choose another folder with -o")
    rendered = [work / slide_name(n, pages) for n in range(1, pages + 1)]
    contact = Sheet(pages, page_ratio(pdf), columns, captions=captions)
    with progress.bar("Rendering slides", pages) as tick:
        render_pngs(pdf, rendered, width, contact.thumb_size, contact.paste, tick)  # thumbnails pasted as they come
    sheet = contact.save(work / CONTACT_SHEET)
    _write_manifest(folder, ours | set(names))  # recorded before the moves: an interruption leaves no unknown file
    for old in sorted(ours - set(names)):
        with contextlib.suppress(FileNotFoundError):
            (folder / old).unlink()
    slides = []
    for n, src in enumerate(rendered, 1):
        target = folder / slide_name(n, pages)
        os.replace(src, target)
        slides.append(target)
    os.replace(sheet, folder / CONTACT_SHEET)
    _write_manifest(folder, set(names))
    return Preview(folder, tuple(slides), folder / CONTACT_SHEET)


MANIFEST = ".deckgen-preview"


def _folder_problem(folder: Path) -> Optional[str]:
    from deckgen.package.files import file_problem

    if not os.path.lexists(folder):
        return None
    why = file_problem(folder)
    if why and why.startswith("is a folder"):
        return None
    return why if why else "is a file, not a folder"


def _manifest(folder: Path) -> set[str]:
    """The image names deckgen wrote into `folder` before (none without a manifest)."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {n for n in lines if n and "/" not in n and "\\" not in n and n.startswith((SLIDE_PREFIX + "-", CONTACT_SHEET))}


def _write_manifest(folder: Path, names: set[str]) -> None:
    from deckgen.package.write import write_text_atomic

    write_text_atomic(folder / MANIFEST, "".join(f"{n}\n" for n in sorted(names)))


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        for leftover in folder.iterdir():
            if leftover.name != MANIFEST:
                return
        with contextlib.suppress(FileNotFoundError):
            (folder / MANIFEST).unlink()
        folder.rmdir()
