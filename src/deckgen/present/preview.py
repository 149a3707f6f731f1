"""Slide previews without PowerPoint: one PNG per slide (LibreOffice + pdftoppm) and a contact sheet (Pillow)."""
from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from deckgen.present.steps import QUIET, Progress

SLIDE_PREFIX = "slide"
CONTACT_SHEET = "contact-sheet.png"

BACKGROUND = (236, 236, 236)
FRAME = (200, 200, 200)
LABEL = (90, 90, 90)


@dataclass(frozen=True)
class Preview:
    """What a preview wrote: the slide images in order and the contact sheet."""

    folder: Path
    slides: tuple[Path, ...]
    sheet: Path


def slide_name(number: int, total: int) -> str:
    """`slide-07.png`: numbered with as many digits as the last slide, so names sort in order."""
    return f"{SLIDE_PREFIX}-{number:0{max(2, len(str(total)))}d}.png"


def contact_sheet(images: Sequence[Path], out: Path, columns: Optional[int] = None, thumb_width: int = 320,
                  gap: int = 14, captions: Optional[Sequence[str]] = None) -> Path:
    """All `images` on one PNG, in rows of `columns` (default: about as many rows as columns, at most 6
    wide), each numbered below; written to `out` as a compact 256-colour PNG."""
    from PIL import Image, ImageDraw

    if not images:
        raise ValueError("a contact sheet needs at least one image")
    cols = columns or min(6, max(1, math.ceil(math.sqrt(len(images) * 1.2))))
    rows = math.ceil(len(images) / cols)
    with Image.open(images[0]) as first:
        ratio = first.height / first.width
    thumb_h = round(thumb_width * ratio)
    label_h = 18
    font = _label_font(13, cjk=any(ord(ch) > 0x2E80 for c in (captions or ()) for ch in c))
    sheet = Image.new("RGB", (gap + cols * (thumb_width + gap), gap + rows * (thumb_h + label_h + gap)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for i, path in enumerate(images):
        r, c = divmod(i, cols)
        x, y = gap + c * (thumb_width + gap), gap + r * (thumb_h + label_h + gap)
        with Image.open(path) as im:
            thumb = im.convert("RGB").resize((thumb_width, thumb_h), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb_width, y + thumb_h), outline=FRAME)
        label = captions[i] if captions and i < len(captions) else str(i + 1)
        while len(label) > 4 and draw.textlength(label, font=font) > thumb_width:
            label = label[:-2] + "…"
        width = draw.textlength(label, font=font)
        draw.text((x + (thumb_width - width) / 2, y + thumb_h + 2), label, fill=LABEL, font=font)
    sheet.quantize(256).save(out, optimize=True)
    return out


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

    Slide images left in `folder` by an earlier, longer deck are removed, so the folder shows this deck
    only. Raises `ToolMissingError` without LibreOffice or poppler.
    """
    from deckgen.present.office import convert_to_pdf, page_count, pdf_to_pngs

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as tmp:
        work = Path(tmp)
        with progress.status(f"Converting {deck.name} to PDF with LibreOffice"):
            pdf = convert_to_pdf(deck, work).pdf
        pages = page_count(pdf)
        with progress.bar("Rendering slides", pages) as tick:
            rendered = pdf_to_pngs(pdf, work, "page", width=width, pages=pages, tick=tick)
        for old in folder.glob(f"{SLIDE_PREFIX}-*.png"):
            old.unlink()
        slides = []
        for n, src in enumerate(rendered, 1):
            target = folder / slide_name(n, pages)
            src.replace(target)
            slides.append(target)
    sheet = contact_sheet(slides, folder / CONTACT_SHEET, columns, captions=captions)
    return Preview(folder, tuple(slides), sheet)
