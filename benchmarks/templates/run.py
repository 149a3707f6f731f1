"""Build the example outline on every template of a corpus folder and report each deck (fetches nothing).

usage: python benchmarks/templates/run.py CORPUS_DIR [--keep DIR] [--jobs N] [--sheets DIR]

The corpus is gathered by hand from `recipe.tsv` (repository, commit, path of each template); the files
stay out of the repository. The measure is `../shared/tools/template_report.py` (built or refused, outline
text missing, PowerPoint findings added, slides with overflow, share of slides showing the design, prompt
text left), run on one template at a time, in parallel. With `--sheets`, a contact sheet of each built deck
is written there (`deckgen preview`), to look at. A deck with overflow gets a second line saying whose text
spills (`attribute.py`: the slides' own shapes, deckgen's, or the template's layout and master lettering).
Prints the report lines and the summary.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # attribute.py beside this
OUTLINE = ROOT / "src" / "deckgen" / "examples" / "outline.yaml"
REPORT = ROOT.parent / "shared" / "tools" / "template_report.py"


def one(template: Path, keep: Path, sheets: Path | None) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(template, folder / template.name)
        out = subprocess.run([sys.executable, str(REPORT), str(OUTLINE), str(folder), "--keep", str(keep)],
                             capture_output=True, text=True, timeout=1800)
    lines = [ln for ln in out.stdout.splitlines() if not ln.startswith("templates:")]
    deck = keep / (template.stem + ".pptx")
    if sheets is not None and deck.exists():
        subprocess.run(["deckgen", "preview", str(deck), "-o", str(sheets / template.stem), "--width", "480"],
                       capture_output=True, text=True, timeout=900)
    if not lines:
        return f"BAD  {template.stem}: report failed: {out.stderr.strip()[-200:]}"
    found = re.search(r"overflow (\d+)", lines[0])
    if found and int(found.group(1)) and deck.exists():
        from attribute import report, summary

        lines[0] += f"\n     whose: {summary(report(deck)[1])}"
    return lines[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--keep", type=Path, default=None, help="folder for the built decks")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sheets", type=Path, default=None, help="folder for contact sheets of the decks")
    a = ap.parse_args()
    keep = a.keep or Path(tempfile.mkdtemp(prefix="deckgen-templates-"))
    keep.mkdir(parents=True, exist_ok=True)
    if a.sheets:
        a.sheets.mkdir(parents=True, exist_ok=True)
    templates = sorted(p for p in a.corpus.iterdir() if p.suffix.lower() in (".pptx", ".potx"))
    with ThreadPoolExecutor(a.jobs) as pool:
        rows = list(pool.map(lambda t: one(t, keep, a.sheets), templates))
    for row in rows:
        print(row)
    print(f"templates: {sum(r.startswith('ok') for r in rows)} of {len(rows)} ok")


if __name__ == "__main__":
    main()
