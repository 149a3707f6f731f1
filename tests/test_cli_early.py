"""Tests for the plan started before the command line is parsed (`deckgen.cli.early`)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.build.request import BuildRequest
from deckgen.cli.build import build as build_command
from deckgen.cli.build import make_request
from deckgen.cli.early import guess, take
from tests.conftest import OUTLINE, ROOT


def _parsed(args: list[str]) -> BuildRequest:
    """The request `deckgen ARGS` makes: click's parse of the options, then `make_request`."""
    params = build_command.make_context("build", list(args[1:])).params
    return make_request(params["outline"], params["output"], params["theme"], params["template"],
                        params["east_asian_font"], params["time_cues"], params["rate"], params["force"], params["roles"])


@pytest.mark.parametrize("args", [
    ["build", "talk.yaml"],
    ["build", "talk.yaml", "-o", "out/deck.pptx"],
    ["build", "-o", "deck.pptx", "talk.yaml", "--force"],
    ["build", "talk.yml", "--output=deck.PPTX", "--theme", "ink", "--time-cues", "--pdf", "--duration", "30"],
    ["build", "讲稿.yaml", "-odeck.pptx", "--theme=themes/house.yaml"],
])
def test_a_plain_command_line_is_guessed_as_click_reads_it(args: list[str]) -> None:
    assert guess(args) == _parsed(args)


@pytest.mark.parametrize("args", [
    [], ["outline", "talk.docx"], ["build"], ["build", "talk.docx"], ["build", "talk.yaml", "--template", "t.potx"],
    ["build", "talk.yaml", "--rate", "180"], ["build", "talk.yaml", "-o", "deck.pdf"], ["build", "a.yaml", "b.yaml"],
    ["build", "talk.yaml", "--help"], ["build", "talk.yaml", "--"], ["build", "talk.yaml", "-o"],
    ["build", "talk.yaml", "--watch"], ["build", "talk.yaml", "--force=yes"], ["build", "-", "talk.yaml"],
])
def test_anything_else_is_left_to_the_command_line(args: list[str]) -> None:
    assert guess(args) is None


class _Started:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_the_plan_started_is_taken_for_its_request_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import deckgen.cli.early as early

    request = BuildRequest(Path("talk.yaml"), Path("talk.pptx"))
    started = _Started()
    monkeypatch.setattr(early, "_STARTED", [(request, started)])
    assert take(BuildRequest(Path("talk.yaml"), Path("talk.pptx"))) is started and not started.closed
    assert take(request) is None  # (once)
    other = _Started()
    monkeypatch.setattr(early, "_STARTED", [(request, other)])
    assert take(BuildRequest(Path("talk.yaml"), Path("talk.pptx"), force=True)) is None and other.closed


def _run(args: list[str], cwd: Path, probe: str = "") -> subprocess.CompletedProcess[str]:
    """`deckgen ARGS` as the console script runs it (`deckgen.cli.run`), in a fresh process, after `probe`."""
    code = f"import sys\n{probe}\nsys.argv = ['deckgen', *sys.argv[1:]]\nfrom deckgen.cli import run\nrun()\n"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1764547200"})


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no copy of the process here")
def test_a_fresh_build_plans_from_the_start_and_writes_the_deck_a_parsed_build_writes(tmp_path: Path) -> None:
    """The copy is made before click is imported; the build takes its plan, and the deck is the one a build
    started after the command line was parsed writes, byte for byte."""
    probe = ("import deckgen.cli.early as early\n"
             "start, take = early.start, early.take\n"
             "early.start = lambda args: (print('start', 'click' in sys.modules, 'pptx' in sys.modules), start(args))\n"
             "early.take = lambda request: (lambda got: print('took', got is not None and got.forked) or got)(take(request))\n")
    done = _run(["build", str(OUTLINE), "-o", "early.pptx"], tmp_path, probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["start False False", "took True"]
    late = _run(["build", str(OUTLINE), "-o", "late.pptx", "--rate", "220"], tmp_path)  # (not guessed: planned later)
    assert late.returncode == 0, late.stderr
    assert (tmp_path / "early.pptx").read_bytes() == (tmp_path / "late.pptx").read_bytes()


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no copy of the process here")
def test_a_command_line_click_refuses_ends_the_copy_with_the_program(tmp_path: Path) -> None:
    """The copy planning a long outline is ended with the program when click refuses the command line (and a
    missing outline is reported as ever)."""
    import time

    sections = "".join(f"  - title: 第{i}部分\n    subsections:\n" + "".join(
        f"      - title: 第{j}点\n        bullets: [推动高质量发展, 深化改革开放]\n        notes: {'讲稿内容。' * 80}\n"
        for j in range(8)) for i in range(150))
    (tmp_path / "long.yaml").write_text(f"deck: {{title: 长讲稿}}\nsections:\n{sections}", encoding="utf-8")
    probe = ("import deckgen.cli.early as early\n"
             "start = early.start\n"
             "early.start = lambda args: (start(args), print('copy', early._STARTED[0][1].copy._pid, flush=True))\n")
    done = _run(["build", "long.yaml", "--duration", "soon"], tmp_path, probe)
    assert done.returncode == 2 and "Error" in done.stderr and sorted(p.name for p in tmp_path.iterdir()) == ["long.yaml"]
    pid = int(done.stdout.split()[1])
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):  # ended and reaped with the program, not planning on
        os.kill(pid, 0)
    missing = _run(["build", "missing.yaml"], tmp_path)
    assert missing.returncode == 1 and "missing.yaml" in missing.stderr and "Traceback" not in missing.stderr
