"""CPU seconds of each stage of one `deckgen build` in one process (imports, read, plan, render, save…).

usage: python benchmarks/stages.py OUTLINE.yaml [--repeat N]   (prints the lowest of N runs per stage; the
imports are the first run's, the old deck's fingerprint from the second run on)

The stages are the build pipeline's own functions (`deckgen.build.pipeline.build`), called one by one in one
process on one core (a fresh `deckgen build` plans in a copy of the process and deflates there: see
BENCHMARKS.md for where its wall time goes).
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def once(outline: Path, out: Path) -> dict[str, float]:
    """One build of `outline` to `out`, stage by stage (a fresh interpreter would pay the imports once)."""
    t: dict[str, float] = {}
    clock = time.process_time
    c = clock()
    from deckgen.build.pipeline import resolve_theme, slide_limit
    from deckgen.build.save import package_problems
    from deckgen.outline.read import read_outline
    from deckgen.package.fingerprint import stamp_members, state
    from deckgen.package.zipwrite import deflate_members, write_zip
    from deckgen.plan.planner import plan
    from deckgen.pull.keys import outline_record, slide_keys
    from deckgen.render import builtin_target, render
    from deckgen.render.package import package_members
    t["imports"] = clock() - c
    c = clock()
    file = read_outline(outline, outline.name)
    t["read outline"] = clock() - c
    c = clock()
    theme = resolve_theme(file)
    target = builtin_target(theme, file.outline.deck.language)
    t["theme + target"] = clock() - c
    c = clock()
    deck, _ = plan(file.outline, theme, target.frames, file.loaded, file.folder)
    slide_limit(deck, outline.name)
    t["plan"] = clock() - c
    c = clock()
    keys = slide_keys(file.outline, deck)
    prs, _ = render(deck, theme, target, keys)
    t["render"] = clock() - c
    c = clock()
    order, members = package_members(prs)
    t["serialise"] = clock() - c
    c = clock()
    order, _ = stamp_members(members, order, outline_record(outline, out))
    t["fingerprint"] = clock() - c
    c = clock()
    problems = package_problems(order, members)
    t["package check"] = clock() - c
    if problems:
        raise SystemExit(f"the package check failed: {problems[:3]}")
    c = clock()
    packed = deflate_members(order, members, workers=1)
    t["deflate"] = clock() - c
    c = clock()
    stamped = io.BytesIO()
    write_zip(stamped, order, members, packed=packed)
    t["zip"] = clock() - c
    c = clock()
    state(out)
    t["old deck's fingerprint"] = clock() - c
    out.write_bytes(stamped.getvalue())
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outline", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        for i in range(max(2, args.repeat)):
            for k, v in once(args.outline.resolve(), out).items():
                if (k == "imports" and i) or (k == "old deck's fingerprint" and not i):
                    continue  # imports happen in the first run; the old deck is there from the second on
                best[k] = min(best.get(k, v), v)
    for k, v in best.items():
        print(f"| {k} | {v:.3f} |")
    print(f"| **total** | **{sum(best.values()):.3f}** |")


if __name__ == "__main__":
    main()
