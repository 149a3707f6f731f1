"""Tests that the benchmark scripts still run against the code they measure (they are not part of the package)."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import OUTLINE, ROOT


def test_the_stage_timer_builds_the_shipped_outline_stage_by_stage() -> None:
    """`benchmarks/stages.py` (the README's way to see each stage's CPU time) calls the pipeline's own functions:
    it breaks when one is renamed, so it is run here on the shipped outline."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stages.py"), str(OUTLINE), "--repeat", "2"],
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    stages = [line.split("|")[1].strip() for line in done.stdout.splitlines() if line.startswith("|")]
    assert stages == ["imports", "read outline", "theme + target", "plan", "render", "serialise", "fingerprint",
                      "package check", "deflate", "zip", "old deck's fingerprint", "**total**"]
    total = float(done.stdout.splitlines()[-1].split("|")[2].strip(" *"))
    assert total > 0
