"""Progress for long work on stderr — a status line with elapsed seconds, or a bar — only on a terminal."""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from typing import Callable, Iterator, Optional


def _tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


_DRAWING = threading.Lock()  # held while the status line is written
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_DRAWING.acquire, after_in_parent=_DRAWING.release, after_in_child=_DRAWING.release)


@contextlib.contextmanager
def status(message: str, enabled: Optional[bool] = None) -> Iterator[None]:
    """Show `message… 3 s` on stderr while the block runs, updated each second, cleared at the end.

    Shown only when stderr is a terminal (`enabled=None`), so logs and pipes stay clean.
    """
    if not (_tty() if enabled is None else enabled):
        yield
        return
    stop = threading.Event()
    started = time.monotonic()

    def draw() -> None:
        while True:
            with _DRAWING:
                sys.stderr.write(f"\r{message}… {time.monotonic() - started:.0f} s\x1b[K")
                sys.stderr.flush()
            if stop.wait(1.0):
                return

    # (named for `deckgen.package.parallel.FORK_SAFE`: a build may fork a copy of itself while the line is
    # shown; no fork happens while the line is being written, so the copy never finds stderr's lock taken)
    thread = threading.Thread(target=draw, daemon=True, name="deckgen-status")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


@contextlib.contextmanager
def bar(label: str, length: int, enabled: Optional[bool] = None) -> Iterator[Callable[[int], None]]:
    """A click progress bar over `length` steps on stderr; yields `set(done)`. A no-op off a terminal."""
    if not (_tty() if enabled is None else enabled) or length <= 0:
        yield lambda done: None
        return
    import click

    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as pb:
        def update(done: int) -> None:
            step = min(done, length) - pb.pos
            if step > 0:
                pb.update(step)

        yield update


class Terminal:
    """The `deckgen.present.steps.Progress` of the command line: `status` and `bar` above, on stderr."""

    def status(self, message: str):  # type: ignore[no-untyped-def]
        return status(message)

    def bar(self, label: str, length: int):  # type: ignore[no-untyped-def]
        return bar(label, length)


TERMINAL = Terminal()
