"""Count raw Markdown marks left in a built deck's slides and notes, and its hyperlinks and code slides.

    python benchmarks/markdown_marks.py DECK.pptx [...]

Text in a monospace face (code slides, inline code) is code, where `*`, `#` and backticks are the code's
own; everything else is checked for `**strong**`, `*em*`/`_em_`, backticks, `[text](url)`, `![alt](src)`,
`# heading` and fence lines. Exits 1 when any deck has a raw mark.
"""
from __future__ import annotations

import re
import sys
import zipfile

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
MARKS = {
    "strong": re.compile(r"(\*\*|__)\S(.*?\S)?\1"),
    "emphasis": re.compile(r"(?<![\w*])\*(?![\s*])[^*\n]+(?<![\s*])\*(?![\w*])|(?<!\w)_(?!\s)[^_\n]+(?<!\s)_(?!\w)"),
    "backtick": re.compile(r"`"),
    "link": re.compile(r"\[[^\]\n]*\]\([^)\s]*\)"),
    "image": re.compile(r"!\["),
    "heading": re.compile(r"^#{1,6}\s"),
    "fence": re.compile(r"^(```|~~~)"),
}


def _paragraphs(root: etree._Element) -> list[str]:
    """The text of each paragraph, without the runs set in a monospace face (code) and without code boxes."""
    out = []
    for sp in root.iter(f"{{{P}}}sp"):
        name = sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr")
        if name is not None and name.get("name") == "Code":
            continue
        for p in sp.iter(f"{{{A}}}p"):
            text = ""
            for r in p.iter(f"{{{A}}}r"):
                latin = r.find(f"{{{A}}}rPr/{{{A}}}latin")
                if latin is not None and latin.get("typeface") in ("Consolas", "Courier New", "Menlo"):
                    text += " "
                    continue
                text += "".join(t.text or "" for t in r.iter(f"{{{A}}}t"))
            out.append(text)
    return out


def measure(path: str) -> dict[str, object]:
    """Raw marks on slides and in notes (with examples), hyperlinks on slides and in notes, code slides."""
    found = {"slides": 0, "notes": 0, "examples": [], "slide_links": 0, "notes_links": 0, "code_slides": 0,
             "pictures": 0}
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            where = "slides" if re.fullmatch(r"ppt/slides/slide\d+\.xml", name) else \
                "notes" if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", name) else None
            if where is None:
                continue
            root = etree.fromstring(z.read(name))
            links = len(root.findall(f".//{{{A}}}hlinkClick"))
            found["slide_links" if where == "slides" else "notes_links"] += links  # type: ignore[operator]
            if where == "slides":
                found["code_slides"] += any(e.get("name") == "Code" for e in root.iter(f"{{{P}}}cNvPr"))  # type: ignore[operator]
                found["pictures"] += len(root.findall(f".//{{{P}}}pic"))  # type: ignore[operator]
            for text in _paragraphs(root):
                for kind, pattern in MARKS.items():
                    for m in pattern.finditer(text):
                        found[where] += 1  # type: ignore[operator]
                        if len(found["examples"]) < 10:  # type: ignore[arg-type]
                            found["examples"].append(f"{name}: {kind}: {text[max(0, m.start() - 20):m.end() + 20]!r}")  # type: ignore[union-attr]
    return found


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        f = measure(path)
        print(f"{path}: {f['slides']} raw marks on slides, {f['notes']} in notes; {f['slide_links']} hyperlinks on slides, "
              f"{f['notes_links']} in notes; {f['code_slides']} code slides; {f['pictures']} pictures")
        for example in f["examples"]:  # type: ignore[attr-defined]
            print("   ", example)
        bad += bool(f["slides"] or f["notes"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
