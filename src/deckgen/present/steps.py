"""How long work reports its progress without printing: a `Progress` the command line gives, or none."""
from __future__ import annotations

import contextlib
from typing import Callable, ContextManager, Iterator, Protocol


class Progress(Protocol):
    """Where long work reports what it is doing: a status line for a step of unknown length, a bar for
    a count of steps (`bar` yields `set(done)`). The command line shows them on a terminal."""

    def status(self, message: str) -> ContextManager[None]: ...

    def bar(self, label: str, length: int) -> ContextManager[Callable[[int], None]]: ...


class Quiet:
    """A `Progress` that shows nothing (the default, for tests and library use)."""

    @contextlib.contextmanager
    def status(self, message: str) -> Iterator[None]:
        yield

    @contextlib.contextmanager
    def bar(self, label: str, length: int) -> Iterator[Callable[[int], None]]:
        yield lambda done: None


QUIET = Quiet()
