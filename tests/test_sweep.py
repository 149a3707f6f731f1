"""The adversarial sweep (`tests/sweep/`) in the test suite: no case breaks a promise, and RELIABILITY.md shows the
table of the cases as they are. The cases that need LibreOffice or take long run with `DECKGEN_SWEEP_FULL=1` (and
always from `python -m tests.sweep.run`); their classes are pinned by their own tests too."""
from __future__ import annotations

import os
import re

import pytest

from tests.sweep.cases import CASES
from tests.sweep.run import REPORT, ROOT, sweep

FULL = bool(os.environ.get("DECKGEN_SWEEP_FULL"))


def test_the_sweep_has_at_least_100_cases_beyond_the_catalogue() -> None:
    from tests.test_catalogue import CASES as CATALOGUE

    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(set(names) - set(CATALOGUE)) >= 100  # the issue's own cases are pinned in both


def test_reliability_md_holds_the_table_of_these_cases() -> None:
    text = REPORT.read_text(encoding="utf-8")
    total = re.search(r"\| \*\*all\*\* \| \*\*(\d+)\*\* \|", text)
    assert total and int(total.group(1)) == len(CASES), "run `python -m tests.sweep.run --write`"
    assert all(f"`{c.name}`" in text for c in CASES)


@pytest.mark.soffice
def test_no_case_breaks_a_promise() -> None:
    cases = [c for c in CASES if FULL or (not c.tools and c.signal is None and c.timeout <= 60)]
    results = sweep(cases, ROOT / "src", jobs=4, log=lambda line: None)
    broken = {name: r["details"] for name, r in results.items() if r["broken"]}
    assert broken == {}
