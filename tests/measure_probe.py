"""Probe decks for calibrating `deckgen.text.metrics` and `deckgen.text.breaking`: one text box per slide, rendered by LibreOffice, lines read back.

Each `Probe` becomes one slide with one text box set as deckgen sets text (theme fonts Arial /
微软雅黑 on every run, `lang` and `altLang`, `eaLnBrk="1" latinLnBrk="0" hangingPunct="1"`, no
autofit, top anchor, the default insets 7.2/3.6 pt). `measure_lines` renders the deck to PDF and
returns, per probe, its lines: the text, the left and right edge of the set text (glyph advances, from
`pdftotext -bbox`) and the baseline (glyph origins, from `pdftocairo -svg`).

Run as a script to print the calibration report that the numbers in `deckgen.text.metrics` and
`tests/test_text_fit.py` come from: `python -m tests.measure_probe`.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lxml import etree

from tests.office import pdf_words, to_pdf

EMU_PER_PT = 12700
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _q(tag: str) -> str:
    return "{%s}%s" % (A, tag)


@dataclass(frozen=True)
class Probe:
    """One text box: its paragraphs, size in points, box width (insets included) and paragraph settings."""

    paragraphs: tuple[str, ...]
    size: float
    width: float = 880.0
    bold: bool = False
    lang: str = "zh-CN"
    line_spacing: float = 1.0
    space_before: float = 0.0
    hanging: bool = True
    latin: str = "Arial"
    ea: str = "微软雅黑"
    x: float = 36.0
    y: float = 36.0
    height: float = 460.0
    inset_l: float = 7.2
    inset_r: float = 7.2
    inset_t: float = 3.6
    inset_b: float = 3.6
    anchor: str = "t"
    bullet_indent: float = 0.0

    @property
    def text_left(self) -> float:
        return self.x + self.inset_l

    @property
    def text_right(self) -> float:
        return self.x + self.width - self.inset_r

    @property
    def text_top(self) -> float:
        return self.y + self.inset_t

    @property
    def text_bottom(self) -> float:
        return self.y + self.height - self.inset_b


@dataclass(frozen=True)
class Line:
    """One rendered line: its text (words joined by single spaces), left and right edge, baseline, in points."""

    text: str
    left: float
    right: float
    baseline: float

    @property
    def width(self) -> float:
        return self.right - self.left


def _text_box(slide, probe: Probe) -> None:  # noqa: ANN001 - a python-pptx slide
    from pptx.util import Pt

    box = slide.shapes.add_textbox(Pt(probe.x), Pt(probe.y), Pt(probe.width), Pt(probe.height))
    tx = box.text_frame._txBody
    body = tx.find(_q("bodyPr"))
    for k, v in (("wrap", "square"), ("lIns", probe.inset_l), ("rIns", probe.inset_r), ("tIns", probe.inset_t),
                 ("bIns", probe.inset_b), ("anchor", probe.anchor)):
        body.set(k, v if isinstance(v, str) else str(round(v * EMU_PER_PT)))
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, _q("noAutofit"))
    for p in tx.findall(_q("p")):
        tx.remove(p)
    for text in probe.paragraphs:
        p = etree.SubElement(tx, _q("p"))
        ppr = etree.SubElement(p, _q("pPr"), eaLnBrk="1", latinLnBrk="0", hangingPunct="1" if probe.hanging else "0")
        etree.SubElement(etree.SubElement(ppr, _q("lnSpc")), _q("spcPct"), val=str(round(probe.line_spacing * 100000)))
        etree.SubElement(etree.SubElement(ppr, _q("spcBef")), _q("spcPts"), val=str(round(probe.space_before * 100)))
        if probe.bullet_indent:  # a hanging bullet as deckgen's master sets level 1: ■ at 60 %
            ppr.set("marL", str(round(probe.bullet_indent * EMU_PER_PT)))
            ppr.set("indent", str(-round(probe.bullet_indent * EMU_PER_PT)))
            etree.SubElement(ppr, _q("buSzPct"), val="60000")
            etree.SubElement(ppr, _q("buFont"), typeface="Arial")
            etree.SubElement(ppr, _q("buChar"), char="■")
        else:
            etree.SubElement(ppr, _q("buNone"))
        r = etree.SubElement(p, _q("r"))
        rpr = etree.SubElement(r, _q("rPr"), lang=probe.lang, sz=str(round(probe.size * 100)),
                               b="1" if probe.bold else "0", dirty="0")
        if not probe.lang.startswith("en"):
            rpr.set("altLang", "en-US")
        etree.SubElement(rpr, _q("latin"), typeface=probe.latin)
        etree.SubElement(rpr, _q("ea"), typeface=probe.ea)
        etree.SubElement(r, _q("t")).text = text


def probe_deck(probes: Sequence[Probe], path: Path) -> Path:
    """Write a 16:9 deck with one blank slide per probe to `path`."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000
    blank = next(lo for lo in prs.slide_layouts if lo.name == "Blank")
    for probe in probes:
        _text_box(prs.slides.add_slide(blank), probe)
    prs.save(str(path))
    return path


_USE = re.compile(r'<use xlink:href="#[^"]+" x="([-\d.]+)" y="([-\d.]+)"')


def _baselines(pdf: Path, page: int, workdir: Path, size: float) -> list[float]:
    """The baselines of a page's lines: glyph origins closer than half the type size are one line.

    (A bullet at 60 % size sits a little higher than its line's baseline: the line keeps the lower one.)
    """
    svg = workdir / f"page{page}.svg"
    subprocess.run(["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg)],
                   capture_output=True, timeout=120, check=True)
    ys = sorted({float(m.group(2)) for m in _USE.finditer(svg.read_text(encoding="utf-8"))})
    clusters: list[list[float]] = []
    for y in ys:
        if clusters and y - clusters[-1][0] < size / 2:
            clusters[-1].append(y)
        else:
            clusters.append([y])
    return [max(c) for c in clusters]


def measure_lines(probes: Sequence[Probe], workdir: Path) -> list[list[Line]]:
    """Render `probes` with LibreOffice and return each probe's lines, top to bottom."""
    pdf = to_pdf(probe_deck(probes, workdir / "probe.pptx"), workdir)
    out: list[list[Line]] = []
    for n, words in enumerate(pdf_words(pdf), 1):
        lines: list[Line] = []
        for base in _baselines(pdf, n, workdir, probes[n - 1].size):
            on = sorted((w for w in words if w[1] < base < w[3]), key=lambda w: w[0])
            if on:
                lines.append(Line(" ".join(w[4] for w in on), on[0][0], max(w[2] for w in on), base))
        out.append(lines)
    return out


def _report() -> None:  # pragma: no cover - a calibration script, run by hand
    """Print the calibration figures quoted in `deckgen.text.metrics` and `tests/test_text_fit.py`."""
    from deckgen.text.metrics import LINE_HEIGHT_EM, text_em

    strings = ["中华人民共和国成立七十五周年", "The quick brown fox jumps over the lazy dog", "2035年GDP增长5.2%",
               "，。、；：？！“引号”‘单’（括号）《书名》", "0123456789", "“一带一路”倡议提出10周年", "中A中A中A中A中A",
               "He said “yes” — and left…", "中“GDP”中", "AI 与 5G 技术"]
    widths = [Probe((s,), size, bold=bold) for s in strings for size in (20, 28) for bold in (False, True)]
    spacings = (0.9, 0.95, 1.0, 1.05, 1.2)
    block = "坚持以人民为中心的发展思想推进中国式现代" * 3
    heights = [Probe((block,), 28, width=10 * 28 + 14.4, line_spacing=ls, anchor=a) for ls in spacings for a in "tb"]
    with tempfile.TemporaryDirectory() as tmp:
        lines = measure_lines(widths + heights, Path(tmp))
        print(subprocess.run(["pdffonts", str(Path(tmp) / "probe.pdf")], capture_output=True, text=True).stdout)
    print(f"{'text':<30} {'size':>4} {'b':>1} {'render pt':>9} {'measure pt':>10} {'err %':>6}")
    for probe, got in zip(widths, lines):
        want = text_em(probe.paragraphs[0], probe.bold) * probe.size
        print(f"{probe.paragraphs[0][:30]:<30} {probe.size:>4g} {int(probe.bold)} {got[0].width:9.2f} {want:10.2f} "
              f"{(want / got[0].width - 1) * 100:+6.2f}")
    print(f"\nline height at 28 pt (measurer: {LINE_HEIGHT_EM} em x lnSpc)")
    rest = lines[len(widths):]
    for k, ls in enumerate(spacings):
        top, bottom = rest[2 * k], rest[2 * k + 1]
        t, b = heights[2 * k], heights[2 * k + 1]
        steps = [(y.baseline - x.baseline) / 28 for x, y in zip(top, top[1:])]
        print(f"lnSpc {ls:.2f}: pitch {sum(steps) / len(steps):.4f} em, first baseline {(top[0].baseline - t.text_top) / 28:.4f} em "
              f"below the inset, last line {(b.text_bottom - bottom[-1].baseline) / 28:.4f} em above the bottom inset")


if __name__ == "__main__":  # pragma: no cover
    _report()
