"""Test helpers around LibreOffice and poppler: convert, count pages, find overflowing words."""
from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

_AUTOFIT = re.compile(rb"<a:normAutofit[^>]*/>|<a:normAutofit[^>]*>.*?</a:normAutofit>|<a:spAutoFit/>", re.S)


def to_pdf(deck: Path, outdir: Path) -> Path:
    """Convert `deck` to PDF with a private LibreOffice profile (parallel runs do not collide); return the PDF."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                        "--outdir", str(outdir), str(deck)], capture_output=True, timeout=600, check=True)
    pdf = outdir / (deck.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {deck}")
    return pdf


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def without_autofit(deck: Path, out: Path) -> Path:
    """A copy of `deck` with every autofit off: the deck as PowerPoint shows it on open."""
    with zipfile.ZipFile(deck) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("ppt/slide") and item.filename.endswith(".xml"):
                data = _AUTOFIT.sub(b"<a:noAutofit/>", data)
            zout.writestr(item, data)
    return out


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word's box (x0, y0, x1, y1 in points) and text, from `pdftotext -bbox`."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages: list[list[tuple[float, float, float, float, str]]] = []
    for row in html.splitlines():
        if "<page " in row:
            pages.append([])
        m = _WORD.search(row)
        if m and pages:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            pages[-1].append((x0, y0, x1, y1, m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")))
    return pages


def overflowing_words(deck: Path, workdir: Path) -> dict[int, list[str]]:
    """Words outside every text shape of their slide, rendered with autofit off: {slide number: words}."""
    flat = without_autofit(deck, workdir / "flat.pptx")
    pdf = to_pdf(flat, workdir)
    prs = Presentation(str(deck))
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    tol = 3.0
    bad: dict[int, list[str]] = {}
    for n, (words, slide) in enumerate(zip(pdf_words(pdf), prs.slides), 1):
        rects = []
        for shape in list(slide.shapes) + list(slide.slide_layout.shapes) + list(slide.slide_layout.slide_master.shapes):
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame and shape.width is not None:
                rects.append((Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.left + shape.width).pt,
                              Emu(shape.top + shape.height).pt))
        for x0, y0, x1, y1, w in words:
            off = x0 < -tol or y0 < -tol or x1 > width + tol or y1 > height + tol
            inside = any(x0 >= a - tol and y0 >= b - tol and x1 <= c + tol and y1 <= d + tol for a, b, c, d in rects)
            if off or not inside:
                bad.setdefault(n, []).append(w)
    return bad


def save_title_layout_only(target: Path, keep: int = 1) -> Path:
    """Save python-pptx's default template with every layout but the first `keep` removed (with 1: only the
    title slide, no content layout; with 0: no layout at all)."""
    prs = Presentation()
    master = prs.slide_master
    for layout in list(prs.slide_layouts)[keep:]:
        rid = next(r for r, rel in master.part.rels.items() if rel.target_part is layout.part)
        master._element.sldLayoutIdLst.remove(next(e for e in master._element.sldLayoutIdLst if e.rId == rid))
        master.part.rels.pop(rid)
    prs.save(str(target))
    return target


def to_pptx(deck: Path, outdir: Path) -> Path:
    """Open `deck` in LibreOffice and save it as .pptx into `outdir` (a round trip); return the new deck."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pptx",
                        "--outdir", str(outdir), str(deck)], capture_output=True, timeout=600, check=True)
    out = outdir / (deck.stem + ".pptx")
    if not out.exists():
        raise RuntimeError(f"LibreOffice wrote no .pptx for {deck}")
    return out
