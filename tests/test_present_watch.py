"""Watch mode: a real file change rebuilds the deck; an error keeps the last good deck; Ctrl-C exits 0."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import click
import pytest

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.package.deck import read_deck
from deckgen.present.watch import Watch, watched_files
from tests.conftest import ROOT

ENGLISH = ROOT / "tests" / "golden" / "english" / "outline.yaml"
TIMEOUT = 20.0


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    return path


class DescribeWatchedFiles:
    def it_watches_the_outline_alone_with_a_builtin_theme(self, outline: Path) -> None:
        assert watched_files(outline) == {outline.resolve()}
        assert watched_files(outline, theme="gov") == {outline.resolve()}

    def it_adds_a_theme_file_named_by_the_outline_and_the_template(self, outline: Path, tmp_path: Path) -> None:
        _edit(outline, "deck:\n", "deck:\n  theme: looks/mine.yaml\n")
        template = tmp_path / "org.potx"
        assert watched_files(outline, template=template) == {
            outline.resolve(), (tmp_path / "looks" / "mine.yaml").resolve(), template.resolve()}

    def it_resolves_a_theme_option_against_the_working_folder(self, outline: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        assert watched_files(outline, theme="t.yaml") == {outline.resolve(), (tmp_path / "t.yaml").resolve()}

    def it_keeps_the_outline_when_it_cannot_be_read(self, outline: Path) -> None:
        outline.write_text("deck: [\n", encoding="utf-8")
        assert watched_files(outline) == {outline.resolve()}


class _Session:
    """A `Watch` running in a thread, rebuilding `outline` into `deck`, recording what it says."""

    def __init__(self, outline: Path, deck: Path) -> None:
        self.said: list[str] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.watch = Watch(lambda: watched_files(outline), lambda: self._build(outline, deck), self._report,
                           say=self.said.append, stop=self.stop)
        self.thread = threading.Thread(target=self.watch.run, daemon=True)

    def _build(self, outline: Path, deck: Path) -> None:
        build(BuildRequest(outline, deck))

    def _report(self, exc: click.ClickException) -> None:
        self.errors.append(exc.format_message())

    def __enter__(self) -> "_Session":
        self.thread.start()
        _wait_for(lambda: any(s.startswith("Watching") for s in self.said), "the watch to start")
        time.sleep(0.3)  # let the file watcher settle in
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive(), "the watch did not stop"


def test_a_change_rebuilds_and_an_error_keeps_the_last_good_deck(outline: Path, tmp_path: Path) -> None:
    deck = tmp_path / "talk.pptx"
    with _Session(outline, deck) as s:
        assert s.watch.builds == 1 and read_deck(deck).title == "Writing Reliable Software"
        _edit(outline, "title: Writing Reliable Software", "title: Writing Robust Software")
        _wait_for(lambda: s.watch.builds == 2, "a rebuild after the change")
        assert read_deck(deck).title == "Writing Robust Software"
        assert "Changed: talk.yaml; rebuilding." in s.said

        good = deck.read_bytes()
        _edit(outline, "deck:\n", "deck:\n  colour: red\n")
        _wait_for(lambda: s.watch.failures == 1, "the error to be reported")
        assert deck.read_bytes() == good
        assert s.errors and "deck.colour: unknown key 'colour'" in s.errors[0]
        assert "Waiting for the next change." in s.said

        _edit(outline, "  colour: red\n", "")
        _wait_for(lambda: s.watch.builds == 3, "a rebuild after the fix")
    assert s.watch.failures == 1


def test_a_theme_file_change_rebuilds(outline: Path, tmp_path: Path) -> None:
    theme = tmp_path / "mine.yaml"
    theme.write_text("extends: party\ncolors: {accent1: '9E1B1B'}\n", encoding="utf-8")
    _edit(outline, "deck:\n", "deck:\n  theme: mine.yaml\n")
    with _Session(outline, tmp_path / "talk.pptx") as s:
        assert any("mine.yaml" in line and "talk.yaml" in line for line in s.said if line.startswith("Watching"))
        theme.write_text("extends: party\ncolors: {accent1: '8E1B1B'}\n", encoding="utf-8")
        _wait_for(lambda: s.watch.builds == 2, "a rebuild after the theme change")
        (tmp_path / "unrelated.yaml").write_text("x: 1\n", encoding="utf-8")
        time.sleep(1.0)
        assert s.watch.builds == 2  # other files in the folder do not count


def test_ctrl_c_stops_watching_with_exit_code_0(outline: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines: "queue.Queue[str]" = queue.Queue()
    seen: list[str] = []
    with subprocess.Popen([sys.executable, "-m", "deckgen", "build", str(outline), "--watch"], cwd=tmp_path,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                          env=env) as proc:
        reader = threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True)  # type: ignore[union-attr]
        reader.start()

        def until(prefix: str, count: int = 1) -> None:
            deadline = time.monotonic() + TIMEOUT
            while sum(1 for ln in seen if ln.startswith(prefix)) < count:
                try:
                    seen.append(lines.get(timeout=max(0.01, deadline - time.monotonic())))
                except queue.Empty:
                    proc.kill()
                    pytest.fail(f"no {prefix!r} line; got {seen}")

        try:
            until("Watching")
            time.sleep(0.3)
            _edit(outline, "title: Writing Reliable Software", "title: Edited")
            until("Wrote", 2)
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
        reader.join(TIMEOUT)
        err = proc.stderr.read()  # type: ignore[union-attr]
    until("Stopped watching.")
    assert proc.returncode == 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert read_deck(tmp_path / "talk.pptx").title == "Edited"
