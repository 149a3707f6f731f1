"""Benchmark deckgen builds (and pandoc's, when installed) on generated Chinese lectures of several sizes.

usage: python benchmarks/bench.py [--sizes 30,300,1000,3000] [--repeat 3] [--no-pandoc]

Each size is an outline whose slides all have bullets and lecture-length notes (about 300 Chinese
characters). Every build runs in a fresh Python process; the table gives the median wall time of the
build (load → validate → plan → render → save), the process's peak memory (max RSS) and, with
pandoc, pandoc's median time converting equivalent Markdown (same slides, bullets and notes).
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PHRASES = ("推动高质量发展", "全面建设社会主义现代化国家", "坚持新发展理念", "构建新发展格局", "深化改革开放",
           "提升发展质效", "促进共同富裕", "加强党的建设", "锤炼坚强党性", "守住安全底线", "完善体制机制",
           "激发创新活力", "优化产业结构", "增进民生福祉", "统筹发展和安全")


def sentence(rng: random.Random) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 6))) + "。"


def notes(rng: random.Random, chars: int = 300) -> str:
    out = ""
    while len(out) < chars:
        out += sentence(rng)
    return out


def outline(slides: int, seed: int = 1) -> dict:
    """An outline of about `slides` slides: sections of 10 subsections, each subsection one slide."""
    rng = random.Random(seed)
    per_section = 10
    n_sections = max(1, (slides - 3) // (per_section + 1))
    sections = []
    for i in range(n_sections):
        subs = [{"title": f"{rng.choice(PHRASES)}的第{j + 1}个方面", "bullets": [rng.choice(PHRASES) for _ in range(4)],
                 "notes": notes(rng)} for j in range(per_section)]
        sections.append({"title": f"{rng.choice(PHRASES)}（第{i + 1}部分）", "notes": notes(rng), "subsections": subs})
    return {"deck": {"title": "基准测试讲稿", "notes": "基准测试"}, "sections": sections,
            "closing": [{"title": "谢谢", "notes": notes(rng)}]}


def count_slides(data: dict) -> int:
    return 1 + (1 if len(data["sections"]) > 1 else 0) + sum(1 + len(s["subsections"]) for s in data["sections"]) + 1


def markdown(data: dict) -> str:
    """The same slides for pandoc: one level-2 heading per slide, bullets, and a notes div."""
    def slide(title: str, bullets: list[str], note: str) -> str:
        body = "".join(f"- {b}\n" for b in bullets)
        return f"## {title}\n\n{body}\n::: notes\n{note}\n:::\n\n"

    out = f"---\ntitle: {data['deck']['title']}\nlang: zh-CN\n---\n\n"
    for sec in data["sections"]:
        out += f"# {sec['title']}\n\n::: notes\n{sec['notes']}\n:::\n\n"
        for sub in sec["subsections"]:
            out += slide(sub["title"], sub["bullets"], sub["notes"])
    for node in data["closing"]:
        out += slide(node["title"], [], node["notes"])
    return out


CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from pathlib import Path
build(BuildRequest(Path(sys.argv[1]), Path(sys.argv[2])))
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_deckgen(yaml_path: Path, out: Path) -> dict:
    res = subprocess.run([sys.executable, "-c", CHILD, str(yaml_path), str(out)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_pandoc(md: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(["pandoc", "--slide-level=2", str(md), "-o", str(out)], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="30,300,1000,3000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument("--pandoc-repeat", type=int, help="runs of pandoc per size (default: --repeat; pandoc is slow)")
    args = ap.parse_args()
    pandoc = None if args.no_pandoc else shutil.which("pandoc")
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}; python {platform.python_version()}; "
          f"{__import__('os').cpu_count()} cores")
    header = "| slides | deckgen median s | peak MB | pandoc median s | deckgen/pandoc |"
    print(header)
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            data = outline(size)
            n = count_slides(data)
            src = folder / f"o{size}.yaml"
            src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            runs = [run_deckgen(src, folder / f"d{size}.pptx") for _ in range(args.repeat)]
            t = statistics.median(r["seconds"] for r in runs)
            mem = max(r["rss_mb"] for r in runs)
            p_cell = ratio = "–"
            if pandoc:
                md = folder / f"o{size}.md"
                md.write_text(markdown(data), encoding="utf-8")
                p = statistics.median(run_pandoc(md, folder / f"p{size}.pptx") for _ in range(args.pandoc_repeat or args.repeat))
                p_cell, ratio = f"{p:.2f}", f"{t / p:.3f}"
            print(f"| {n} | {t:.2f} | {mem:.0f} | {p_cell} | {ratio} |", flush=True)
        shipped = Path(__file__).resolve().parent.parent / "outline.yaml"
        if shipped.exists():
            wall = statistics.median(_wall(["deckgen", "build", str(shipped), "-o", str(folder / "shipped.pptx")])
                                     for _ in range(args.repeat))
            print(f"\nshipped outline.yaml, `deckgen build` end to end (process start to exit): {wall:.2f} s")
        helptime = statistics.median(_wall(["deckgen", "--help"]) for _ in range(max(3, args.repeat)))
        print(f"`deckgen --help`: {helptime:.3f} s")


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
