"""Benchmark deckgen builds against PptxGenJS and pandoc on generated Chinese lectures of several sizes.

usage: python benchmarks/bench.py [--sizes 30,300,1000,3000] [--repeat 3] [--pandoc-repeat 1]
                                  [--no-pandoc] [--no-pptxgenjs] [--present 400]

Each size is an outline whose slides all have bullets and lecture-length notes (about 300 Chinese
characters). Every run is a fresh process, timed from outside from start to exit (wall seconds, CPU seconds
and peak memory from `os.wait4`), and the tools take turns within each repeat, so a busy machine slows them
alike; the table gives medians. PptxGenJS (`benchmarks/pptxgenjs/`, installed there with npm when missing)
writes the same slides — titles, bullets, notes, the contents list — with `addText` and `addNotes`; pandoc
converts equivalent Markdown (`--slide-level=2`). `--present N` times `deckgen handout` and `deckgen preview`
of an N-slide deck, LibreOffice's conversion reported apart.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JS = Path(__file__).resolve().parent / "pptxgenjs"
SHIPPED = ROOT / "src" / "deckgen" / "examples" / "outline.yaml"
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


def js_slides(data: dict, per_contents_slide: int = 6) -> list[dict]:
    """The same slides for PptxGenJS: title, contents (six sections a slide, as deckgen splits it), a slide
    per section and subsection with bullets and notes, the closing slide."""
    out = [{"title": data["deck"]["title"], "bullets": [], "notes": data["deck"]["notes"]}]
    titles = [s["title"] for s in data["sections"]]
    if len(titles) > 1:
        out += [{"title": "目录", "bullets": titles[i:i + per_contents_slide], "notes": ""}
                for i in range(0, len(titles), per_contents_slide)]
    for sec in data["sections"]:
        out.append({"title": sec["title"], "bullets": [], "notes": sec["notes"]})
        out += [{"title": s["title"], "bullets": s["bullets"], "notes": s["notes"]} for s in sec["subsections"]]
    out += [{"title": c["title"], "bullets": [], "notes": c["notes"]} for c in data["closing"]]
    return out


def run(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `cmd` to its end, through this script's `--child` mode (which reads the command's own resource
    usage): wall seconds from the command's start to its exit (the `--child` wrapper's own start-up, the same
    for every tool, is not counted), CPU seconds (user + system), peak memory (MB) and its output."""
    res = subprocess.run([sys.executable, __file__, "--child", json.dumps(cmd)], capture_output=True, text=True, env=env)
    if res.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def child(cmd: list[str]) -> None:
    """The `--child` mode: run `cmd` (output to files: nothing blocks on a full pipe) and print its CPU seconds,
    peak memory and standard output as JSON."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code:
            sys.stderr.write(err.read().decode(errors="replace"))
            raise SystemExit(code)
        print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
                          "out": out.read().decode(errors="replace")}))


def deckgen_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


def ensure_pptxgenjs() -> bool:
    """Install PptxGenJS into `benchmarks/pptxgenjs/node_modules` when it is not there; False without node/npm."""
    if not shutil.which("node"):
        return False
    if not (JS / "node_modules" / "pptxgenjs").is_dir():
        if not shutil.which("npm"):
            return False
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=JS, check=True, capture_output=True)
    return True


PRESENT_CHILD = """
import json, os, resource, sys, threading, time
t0 = time.perf_counter()
import deckgen.present.office as office

def cpu(who):
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime

spent = {"wall": 0.0, "cpu": 0.0}
convert = office.convert_to_pdf
def timed(*a, **k):
    t, c = time.perf_counter(), cpu(resource.RUSAGE_CHILDREN)
    try:
        return convert(*a, **k)
    finally:  # LibreOffice is the only child while it converts: its CPU time is the children's while it runs
        spent["wall"] += time.perf_counter() - t
        spent["cpu"] += cpu(resource.RUSAGE_CHILDREN) - c
office.convert_to_pdf = timed

def tree():
    \"\"\"Resident MB of this process and its descendants, LibreOffice's (soffice, oosplash and theirs) apart.\"\"\"
    parent, name = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        name[int(pid)] = stat[stat.index("(") + 1:stat.rindex(")")]
        parent[int(pid)] = int(stat[stat.rindex(")") + 2:].split()[1])
    def office_of(pid):
        while pid in parent:
            if name[pid].startswith(("soffice", "oosplash")):
                return True
            if pid == os.getpid():
                return False
            pid = parent[pid]
        return None
    mb = {False: 0.0, True: 0.0}
    for pid in parent:
        side = office_of(pid)
        if side is None:
            continue
        try:
            rss = next(line for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        mb[side] += int(rss.split()[1]) / 1024
    return mb

peak = {False: 0.0, True: 0.0}
done = threading.Event()
sampling = [0.0]
def sample():  # its own CPU time (reading /proc) is not deckgen's: taken off below
    while not done.wait(0.05):
        for side, mb in tree().items():
            peak[side] = max(peak[side], mb)
    sampling[0] = time.thread_time()
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
from pathlib import Path
if sys.argv[1] == "handout":
    from deckgen.present.handout import make_handout
    make_handout(Path(sys.argv[2]), Path(sys.argv[3]))
else:
    from deckgen.present.preview import make_preview
    make_preview(Path(sys.argv[2]), Path(sys.argv[3]))
done.set()
sampler.join()
total = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - sampling[0]
print(json.dumps({"seconds": time.perf_counter() - t0, "libreoffice": spent["wall"], "libreoffice_cpu": spent["cpu"],
                  "cpu": total - spent["cpu"], "tree_mb": peak[False], "libreoffice_mb": peak[True]}))
"""


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="30,300,1000,3000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument("--no-pptxgenjs", action="store_true")
    ap.add_argument("--pandoc-repeat", type=int, help="runs of pandoc per size (default: --repeat; pandoc is slow)")
    ap.add_argument("--present", type=int, default=0, metavar="N", help="also time handout and preview of N slides")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(json.loads(args.child))
    pandoc = None if args.no_pandoc else shutil.which("pandoc")
    js = not args.no_pptxgenjs and ensure_pptxgenjs()
    env = deckgen_env()
    # deckgen runs as pip installs it: with its bytecode compiled (pip compiles on install; an editable
    # checkout run with PYTHONDONTWRITEBYTECODE set would compile every module on every run)
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    versions = [f"python {platform.python_version()}"]
    if js:
        versions.append(f"node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}, "
                        f"pptxgenjs {json.loads((JS / 'node_modules/pptxgenjs/package.json').read_text())['version']}")
    if pandoc:
        versions.append(subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; "
          f"{'; '.join(versions)}")
    print("| slides | deckgen s (CPU s) | peak MB | PptxGenJS s (CPU s) | peak MB | deckgen/PptxGenJS | pandoc s | deckgen/pandoc |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            data = outline(size)
            src = folder / f"o{size}.yaml"
            src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            (folder / f"s{size}.json").write_text(json.dumps(js_slides(data), ensure_ascii=False), encoding="utf-8")
            (folder / f"o{size}.md").write_text(markdown(data), encoding="utf-8")
            ours, theirs, pan = [], [], []
            for i in range(args.repeat):  # each repeat after the first rebuilds over the deck of the one before
                ours.append(run([sys.executable, "-m", "deckgen", "build", str(src), "-o", str(folder / f"d{size}.pptx")], env))
                if js:
                    theirs.append(run(["node", str(JS / "build.js"), str(folder / f"s{size}.json"), str(folder / f"j{size}.pptx")]))
                if pandoc and i < (args.pandoc_repeat or args.repeat):
                    pan.append(run([pandoc, "--slide-level=2", str(folder / f"o{size}.md"), "-o", str(folder / f"p{size}.pptx")]))
            wrote = re.search(r"\((\d+) slides\)", ours[-1]["out"])
            slides = int(wrote.group(1)) if wrote else count_slides(data)
            t = times[slides] = median(ours, "wall")
            cells = [f"{slides}", f"{t:.2f} ({median(ours, 'cpu'):.2f})", f"{max(r['mb'] for r in ours):.0f}"]
            if theirs:
                j = median(theirs, "wall")
                cells += [f"{j:.2f} ({median(theirs, 'cpu'):.2f})", f"{max(r['mb'] for r in theirs):.0f}", f"{t / j:.2f}"]
            else:
                cells += ["–"] * 3
            if pan:
                p = median(pan, "wall")
                cells += [f"{p:.2f}", f"{t / p:.3f}"]
            else:
                cells += ["–"] * 2
            print("| " + " | ".join(cells) + " |", flush=True)
        if len(times) >= 2:
            (small, ts), (big, tb) = sorted(times.items())[-2:]
            print(f"\n{big} slides take {tb / ts:.2f}× the time of {small}")
        shipped = [run([sys.executable, "-m", "deckgen", "build", str(SHIPPED), "-o", str(folder / "shipped.pptx")], env)
                   for _ in range(max(3, args.repeat))]
        print(f"shipped outline, `deckgen build` end to end (process start to exit): {median(shipped, 'wall'):.2f} s "
              f"({median(shipped, 'cpu'):.2f} s CPU)")
        helps = [run([sys.executable, "-m", "deckgen", "--help"], env) for _ in range(max(5, args.repeat))]
        print(f"`deckgen --help`: {median(helps, 'wall'):.3f} s ({median(helps, 'cpu'):.3f} s CPU)")
        if args.present:
            present(folder, args.present, env)


def present(folder: Path, size: int, env: dict[str, str]) -> None:
    """Time `deckgen handout` and `deckgen preview` of a deck of about `size` slides (LibreOffice apart)."""
    import yaml

    src = folder / f"present{size}.yaml"
    src.write_text(yaml.safe_dump(outline(size), allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = folder / f"present{size}.pptx"
    subprocess.run([sys.executable, "-m", "deckgen", "build", str(src), "-o", str(deck)], env=env, check=True,
                   capture_output=True)
    for what, out in (("handout", folder / "handout.pdf"), ("preview", folder / "preview")):
        res = run([sys.executable, "-c", PRESENT_CHILD, what, str(deck), str(out)], env)
        own = json.loads(res["out"].strip().splitlines()[-1])
        print(f"`deckgen {what}` of {size} slides: {own['seconds']:.1f} s, of which LibreOffice's conversion "
              f"{own['libreoffice']:.1f} s ({own['libreoffice_cpu']:.1f} s CPU); deckgen's part "
              f"{own['seconds'] - own['libreoffice']:.1f} s ({own['cpu']:.1f} s CPU), peak memory of deckgen's processes "
              f"{own['tree_mb']:.0f} MB (LibreOffice's {own['libreoffice_mb']:.0f} MB; the largest process "
              f"{res['mb']:.0f} MB)", flush=True)


if __name__ == "__main__":
    main()
