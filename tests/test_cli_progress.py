"""Progress on stderr: shown on a terminal, silent in pipes and logs."""
from __future__ import annotations

import io
import sys
import time

import pytest

from deckgen.cli.progress import bar, status


def test_status_line_counts_seconds_and_clears_itself(capsys: pytest.CaptureFixture[str]) -> None:
    with status("Converting deck.pptx", enabled=True):
        time.sleep(1.2)
    err = capsys.readouterr().err
    assert "\rConverting deck.pptx… 0 s" in err and "\rConverting deck.pptx… 1 s" in err
    assert err.endswith("\r\x1b[K")


def test_nothing_is_drawn_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with status("Converting"):  # stderr is captured, not a terminal
        pass
    with bar("Rendering", 10) as tick:
        tick(5)
    assert capsys.readouterr() == ("", "")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_follows_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with bar("Rendering slides", 4) as tick:
        tick(1)
        tick(3)
        tick(3)
        tick(9)
    drawn = terminal.getvalue()
    assert "Rendering slides" in drawn and "1/4" in drawn and "3/4" in drawn and "4/4" in drawn
