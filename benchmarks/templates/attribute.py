"""Whose text spills in a built deck: what deckgen put on the slide, or the template's own lettering.

usage: python benchmarks/templates/attribute.py DECK.pptx [DECK.pptx …]

`../shared/tools/overflow.py` (the measure of `run.py`) renders a deck with autofit off and lists the words set
outside the shape whose text holds them. This renders the same way, finds those words again and says where each
belongs: to a shape of the slide (the lecture's text deckgen wrote, or a sample page's text it kept), to a shape
of the slide's layout or master (the template's own: a slide-number box, a logo's lettering), or to no shape
(a field or glyph the template draws). A word in a rotated shape (a title on a tilted sign) is also tried
against the shape as rotated: the measure tries the box unrotated, where a rotated line's corners stick out.
Prints one line per word, then a summary line per deck; exit 0 always.
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parents[2]
MEASURE = ROOT.parent / "shared" / "tools" / "overflow.py"
TOL = 3.0  # points, as the measure allows


def _measure() -> Any:
    spec = importlib.util.spec_from_file_location("overflow_measure", MEASURE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {MEASURE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Shape = tuple[tuple[float, float, float, float], str, str, float, str]  # rect (pt), text, origin, rotation, name


def shapes_of(slide: Any, m: Any) -> list[Shape]:
    """The text shapes showing on `slide`: its own (placeholders placed as the measure places them), then its
    layout's and master's shapes that are not placeholders; each with its origin (`slide`, `layout`, `master`)."""
    from pptx.util import Emu

    out: list[Shape] = []
    layout = slide.slide_layout
    own = [x for x in m._flat(slide.shapes) if m._shows_text(x)]
    for (rect, text), sh in zip(m._shape_rects(slide.shapes), own):
        if sh.is_placeholder and sh._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm") is None:
            base = m._inherited(sh, layout)
            if base is not None:
                rect = (Emu(base.left).pt, Emu(base.top).pt, Emu(base.left + base.width).pt, Emu(base.top + base.height).pt)
        out.append((rect, text, "slide", float(getattr(sh, "rotation", 0.0) or 0.0), sh.name))
    for origin, part in (("layout", layout), ("master", layout.slide_master)):
        drawn = [x for x in m._flat(part.shapes) if m._shows_text(x) and not x.is_placeholder]
        for (rect, text), sh in zip(m._shape_rects(part.shapes, False), drawn):
            out.append((rect, text, origin, float(getattr(sh, "rotation", 0.0) or 0.0), sh.name))
    return out


def inside(word: tuple[float, float, float, float], rect: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = word
    a, b, c, d = rect
    return x0 >= a - TOL and y0 >= b - TOL and x1 <= c + TOL and y1 <= d + TOL


def inside_rotated(word: tuple[float, float, float, float], rect: tuple[float, float, float, float],
                   degrees: float) -> bool:
    """Whether the word's centre lies in `rect` turned by `degrees` clockwise about its centre (a rotated line's
    own box is upright in the rendering, its corners beyond the turned shape)."""
    a, b, c, d = rect
    cx, cy = (a + c) / 2, (b + d) / 2
    wx, wy = (word[0] + word[2]) / 2 - cx, (word[1] + word[3]) / 2 - cy
    t = math.radians(-degrees)  # back into the shape's own frame
    x, y = wx * math.cos(t) - wy * math.sin(t), wx * math.sin(t) + wy * math.cos(t)
    return abs(x) <= (c - a) / 2 + TOL and abs(y) <= (d - b) / 2 + TOL


def attribute(word: tuple[float, float, float, float, str], shapes: list[Shape],
              slide: tuple[float, float]) -> Optional[tuple[str, str, bool]]:
    """None when the word lies where the measure wants it; else (origin of the shape it belongs to or `none`,
    that shape's name, whether it lies in that shape as rotated)."""
    x0, y0, x1, y1, text = word
    box = (x0, y0, x1, y1)
    key = re.sub(r"\s+", "", text)
    off = x0 < -TOL or y0 < -TOL or x1 > slide[0] + TOL or y1 > slide[1] + TOL
    held = [s for s in shapes if key and key in s[1]]
    if not off and any(inside(box, s[0]) for s in (held or shapes)):
        return None
    if not held:
        return "none", "", False
    best = next((s for s in held if s[3] and inside_rotated(box, s[0], s[3])), held[0])
    return best[2], best[4], bool(best[3]) and inside_rotated(box, best[0], best[3])


def report(deck: Path) -> tuple[list[str], dict[str, int]]:
    """The lines for `deck` (one per spilling word) and the counts by where the words belong."""
    from pptx import Presentation
    from pptx.util import Emu

    m = _measure()
    prs = Presentation(str(deck))
    size = (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt)
    counts = {"slide": 0, "rotated": 0, "layout": 0, "master": 0, "none": 0}
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        flat = os.path.join(tmp, "flat.pptx")
        m.strip_autofit(str(deck), flat)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
                        "--outdir", tmp, flat], capture_output=True, timeout=300, check=True)
        pages = m.words(os.path.join(tmp, "flat.pdf"))
    for n, (ws, slide) in enumerate(zip(pages, prs.slides), 1):
        shapes = shapes_of(slide, m)
        for w in ws:
            found = attribute(w, shapes, size)
            if found is None:
                continue
            origin, name, rotated = found
            counts["rotated" if rotated else origin] += 1
            where = {"slide": "the slide's own shape", "layout": "the layout's shape", "master": "the master's shape",
                     "none": "no shape (a field or glyph of the template)"}[origin]
            lines.append(f"slide {n}: {w[4]!r} in {where}{f' {name!r}' if name else ''}"
                         f"{' (inside it as rotated)' if rotated else ''}")
    return lines, counts


def summary(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return (f"{total} words outside: {counts['slide']} in the slides' own shapes, {counts['rotated']} inside a rotated "
            f"shape of the slide as rotated, {counts['layout'] + counts['master']} in the template's layout or master "
            f"shapes, {counts['none']} in no shape (the template's fields and glyphs)")


def main(paths: Iterable[str]) -> None:
    for path in paths:
        lines, counts = report(Path(path))
        for line in lines:
            print(f"{Path(path).stem}: {line}")
        print(f"{Path(path).stem}: {summary(counts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
