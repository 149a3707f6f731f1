"""Run the adversarial sweep: every case in `tests/sweep/cases.py` as a user meets it (a fresh folder, `deckgen`
in a child process of its own session, its own TMPDIR), each promise of the README checked, a table written.

    python -m tests.sweep.run                      # run every case, print the table and each broken promise
    python -m tests.sweep.run --write              # … and put the table into RELIABILITY.md
    python -m tests.sweep.run --src OLD/src --label before --save   # run against another checkout's source
    python -m tests.sweep.run -k docx              # only cases whose name contains "docx"

The promises: no traceback and the exit code meant (1 for bad content, 2 for a usage mistake); one `Error:`
line that names the file (or option) and says what to do; nothing written or changed by a refused command;
nothing left behind (hidden temporaries, TMPDIR, LibreOffice or poppler still running); within limits (time,
memory); and per case, the user's work and the lecture's text kept.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
REPORT = ROOT / "RELIABILITY.md"
CHILD = Path(__file__).resolve().parent / "child.py"
MAX_RSS_MB = 1024
BEGIN, END = "<!-- sweep table: begin -->", "<!-- sweep table: end -->"
# Lines that need no "what to do": a file that is not there, and the findings of `check --source`.
SELF_EVIDENT = re.compile(r"does not exist$|missing from the notes|present twice in the notes|not in the lecture|out of order")
LEAKS = re.compile(r"<_io\.|object at 0x|\[Errno|Traceback|StopIteration|KeyError|ValueError")


@dataclass
class Run:
    """What a case's command did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    rss_mb: float
    folder: Path
    tmpdir: Path
    leftover_processes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("Error:")]

    @property
    def warnings(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("Warning:")]


Check = Callable[[Path, Run], list[str]]


@dataclass
class Case:
    """One adversarial input. `expect`: `ok` (exit 0), `error` (exit 1, one located `Error:` line matching
    `error`, nothing written unless `writes`), `usage` (exit 2) or `stopped` (a signal is sent: `signal` is
    (when, signum), when being `soffice`, `pdftoppm` or seconds). `check` returns the further promises
    broken (the user's work, the lecture's text)."""

    name: str
    group: str
    args: list[str]
    setup: Callable[[Path], None] = lambda folder: None
    expect: str = "ok"
    error: str = ""
    where: str = ""
    check: Optional[Check] = None
    signal: Optional[tuple[object, int]] = None
    timeout: float = 60.0
    writes: bool = False
    env: dict[str, str] = field(default_factory=dict)
    tools: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------- running

def _snapshot(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_file():
            out[rel] = path.read_bytes()
        elif not path.is_dir():
            out[rel] = ("special", path.stat().st_mode)
    return out


def _marked_processes(marker: str) -> list[tuple[int, str]]:
    """Live processes whose environment holds `marker`: the command and everything it started (LibreOffice runs
    in a session of its own, and outlives its parent if nobody ends it)."""
    needle = f"DECKGEN_SWEEP_CASE={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes():
                continue
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1: stat.rindex(")")]
        if stat[stat.rindex(")") + 2:].split()[0] != "Z":
            found.append((int(entry.name), name))
    return found


def _wait_for(when: object, marker: str, started: float, deadline: float, folder: Path, proc: subprocess.Popen) -> None:
    """Until `when`: seconds after the start, a file matching `file:GLOB` in the folder, or a process of the
    session whose name holds `when` (`soffice`, `pdftoppm`)."""
    while time.monotonic() < deadline and proc.poll() is None:
        if isinstance(when, (int, float)):
            if time.monotonic() - started >= when:
                return
        elif str(when).startswith("file:"):
            if any(folder.glob(str(when)[5:])):
                return
            time.sleep(0.001)  # a temporary file may live for a few milliseconds only
            continue
        elif any(str(when) in name for _, name in _marked_processes(marker)):
            time.sleep(0.5)
            return
        time.sleep(0.05)


def run_case(case: Case, src: Path, base: Path) -> tuple[Run, dict, dict]:
    """Set the case up in a fresh folder under `base` and run it; return the run and the folder before/after."""
    folder, tmpdir = base / "work", base / "tmp"
    folder.mkdir(parents=True)
    if case.env.get("DECKGEN_SWEEP_TMPFS") and Path("/dev/shm").is_dir():  # TMPDIR on another file system
        tmpdir = Path(tempfile.mkdtemp(prefix="sweep-tmp-", dir="/dev/shm"))
        (base / "tmp").symlink_to(tmpdir)
    else:
        tmpdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DECKGEN_OOXML_XSD")}
    rss_file = base / "rss"
    marker = base.name
    env.update({"PYTHONPATH": str(src), "TMPDIR": str(tmpdir), "PYTHONDONTWRITEBYTECODE": "1",
                "DECKGEN_SWEEP_RSS": str(rss_file), "DECKGEN_SWEEP_CASE": marker, **case.env})
    case.setup(folder)
    before = _snapshot(folder)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, str(CHILD), *case.args], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = started + case.timeout
    if case.signal is not None:
        when, signum = case.signal
        _wait_for(when, marker, started, deadline, folder, proc)
        if proc.poll() is None:
            os.kill(proc.pid, signum)
    try:
        out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
        hung = False
    except subprocess.TimeoutExpired:
        for pid, _ in _marked_processes(marker):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        out, err = proc.communicate()
        hung = True
    seconds = time.monotonic() - started
    try:
        rss = int(rss_file.read_text(encoding="ascii")) / 1024.0  # Linux reports KiB
    except (OSError, ValueError):
        rss = 0.0
    leftovers = []
    for _ in range(40):  # LibreOffice's helpers take a moment to go
        leftovers = _marked_processes(marker)
        if not leftovers:
            break
        time.sleep(0.05)
    for pid, _ in leftovers:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    run = Run(-999 if hung else proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
              seconds, rss, folder, tmpdir, [name for _, name in leftovers])
    return run, before, _snapshot(folder)


# ------------------------------------------------------------------------------------------- promises

def judge(case: Case, run: Run, before: dict, after: dict) -> list[tuple[str, bool, str]]:
    """Every promise checked for `case`: (promise, kept, detail)."""
    out: list[tuple[str, bool, str]] = []
    text = run.stderr + run.stdout
    out.append(("no traceback", run.code != -999 and "Traceback" not in text and run.code >= 0,
                "hung" if run.code == -999 else (text.strip().splitlines() or [""])[-1][:160]))
    out.append(("within limits", run.code != -999 and run.seconds < case.timeout and run.rss_mb < MAX_RSS_MB,
                f"{run.seconds:.1f} s, {run.rss_mb:.0f} MB"))
    wanted = {"ok": (0,), "error": (1,), "usage": (2,), "stopped": (1, 130, 143, -15, -2, -1)}[case.expect]
    out.append(("exit code", run.code in wanted, f"exit {run.code}, wanted {wanted}: {' | '.join(run.errors)[:200]}"))
    if case.expect == "error":
        lines = run.errors
        one = len(lines) == 1 and not LEAKS.search(lines[0])
        named = one and (case.where or "") in lines[0]
        matched = one and (not case.error or re.search(case.error, lines[0]) is not None)
        actionable = one and ("; " in lines[0] or SELF_EVIDENT.search(lines[0]) is not None)
        out.append(("one located line", one and named and matched and actionable, " | ".join(lines)[:300] or "(none)"))
        if not case.writes:
            changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            out.append(("nothing written", not changed, ", ".join(changed)[:200]))
    elif case.expect == "usage":
        out.append(("one located line", len(run.errors) == 1 and not LEAKS.search(run.errors[0]), " | ".join(run.errors)[:300]))
    hidden = [k for k in after if re.search(r"(^|/)\.[^/]*\.tmp$|(^|/)\.deckgen-(pdf|preview-work|lo|build|handout)-", k)]
    tmp_left = sorted(str(p.relative_to(run.tmpdir)) for p in run.tmpdir.iterdir())
    out.append(("no leftovers", not hidden and not tmp_left and not run.leftover_processes,
                f"{hidden[:3]} {tmp_left[:3]} {run.leftover_processes[:3]}"))
    if case.check is not None:
        try:
            broken = case.check(run.folder, run)
        except Exception as exc:  # a check that cannot even look is a broken promise
            broken = [f"check failed: {type(exc).__name__}: {exc}"]
        out.append(("work and text kept", not broken, "; ".join(broken)[:300]))
    return out


# ------------------------------------------------------------------------------------------- the table

def table(results: dict[str, dict], cases: list[Case]) -> str:
    """The markdown table: per group, the cases, promises checked, and cases breaking one, per run label."""
    labels = [label for label in ("before", "after") if label in results]
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    head = "| group | cases | promises checked | " + " | ".join(f"broken {label}" for label in labels) + " |"
    rows = [head, "|" + "---|" * (3 + len(labels))]
    totals = [0, 0] + [0] * len(labels)
    for group, members in groups.items():
        checked = sum(len(results["after"].get(c.name, {}).get("promises", [])) for c in members) if "after" in results else 0
        broken = [sum(1 for c in members if results[label].get(c.name, {}).get("broken")) for label in labels]
        rows.append(f"| {group} | {len(members)} | {checked} | " + " | ".join(map(str, broken)) + " |")
        totals = [totals[0] + len(members), totals[1] + checked] + [t + b for t, b in zip(totals[2:], broken)]
    rows.append(f"| **all** | **{totals[0]}** | **{totals[1]}** | " + " | ".join(f"**{t}**" for t in totals[2:]) + " |")
    return "\n".join(rows)


def case_list(results: dict[str, dict], cases: list[Case]) -> str:
    """Every case on one line: group, name, what it expects, and the promises it broke before (if recorded)."""
    lines = []
    before = results.get("before", {})
    for case in cases:
        was = before.get(case.name, {}).get("broken", [])
        lines.append(f"| {case.group} | `{case.name}` | {case.expect} | {', '.join(was) if was else '–'} |")
    return "| group | case | expects | broke before the fix |\n|---|---|---|---|\n" + "\n".join(lines)


def write_report(results: dict[str, dict], cases: list[Case]) -> None:
    text = REPORT.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{table(results, cases)}\n\n<details><summary>Every case</summary>\n\n{case_list(results, cases)}\n\n</details>\n{END}"
    start, end = text.index(BEGIN), text.index(END) + len(END)
    REPORT.write_text(text[:start] + block + text[end:], encoding="utf-8")


def sweep(cases: list[Case], src: Path, jobs: int = 4, log: Callable[[str], None] = print) -> dict[str, dict]:
    """Run `cases` against the deckgen source folder `src`; return name → {promises, broken, details}."""
    available = {t for t in ("soffice", "pdftoppm", "pdfinfo") if shutil.which(t)}
    results: dict[str, dict] = {}

    def one(case: Case) -> tuple[str, dict]:
        if not set(case.tools) <= available:
            return case.name, {"promises": [], "broken": [], "skipped": f"needs {', '.join(case.tools)}"}
        base = Path(tempfile.mkdtemp(prefix=f"sweep-{case.name}-"))
        try:
            run, before, after = run_case(case, src, base)
            verdicts = judge(case, run, before, after)
        finally:
            if (base / "tmp").is_symlink():
                shutil.rmtree(os.readlink(base / "tmp"), ignore_errors=True)
            shutil.rmtree(base, ignore_errors=True)
        broken = [p for p, ok, _ in verdicts if not ok]
        details = {p: d for p, ok, d in verdicts if not ok}
        return case.name, {"promises": [p for p, _, _ in verdicts], "broken": broken, "details": details,
                           "seconds": round(run.seconds, 1)}

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, result in pool.map(one, cases):
            results[name] = result
            mark = "skip" if result.get("skipped") else ("BROKEN " + ", ".join(result["broken"]) if result["broken"] else "ok")
            log(f"{name:<48} {mark}")
            for promise, detail in result.get("details", {}).items():
                log(f"    {promise}: {detail}")
    return results


def main(argv: Optional[list[str]] = None) -> int:
    from tests.sweep.cases import CASES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the deckgen source folder to run")
    parser.add_argument("--label", default="after", help="the run's name in the table (before/after)")
    parser.add_argument("--save", action="store_true", help="keep the results in tests/sweep/results/LABEL.json")
    parser.add_argument("--write", action="store_true", help="write the table into RELIABILITY.md (implies --save)")
    parser.add_argument("-j", "--jobs", type=int, default=4)
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if args.k in c.name]
    results = sweep(cases, args.src.resolve(), args.jobs)
    if args.save or args.write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{args.label}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                                    encoding="utf-8")
    stored = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))} if RESULTS.is_dir() else {}
    stored[args.label] = results
    print()
    print(table(stored, cases))
    if args.write:
        write_report(stored, cases)
    return 1 if any(r["broken"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
