"""Run work in threads and take its results, a worker's exception raised where the result is taken."""
from __future__ import annotations

import threading
from typing import Any, Callable, Generic, Iterable, TypeVar

# concurrent.futures would do, but importing it imports logging and traceback (21 M instructions, a sixtieth
# of building the shipped outline) for the two places a build runs work beside itself.

T = TypeVar("T")


class Task(Generic[T]):
    """`fn(*args)` started in a thread of its own; `result()` waits for it."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        try:
            self._value = fn(*args)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def result(self) -> T:
        """What the work returned, once it has; what it raised is raised here."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._value  # type: ignore[no-any-return]


def map_in_threads(fn: Callable[[Any], T], items: Iterable[Any]) -> list[T]:
    """`[fn(item) for item in items]`, each item in a thread of its own (the first exception raised, after
    every thread has ended)."""
    tasks = [Task(fn, item) for item in items]
    for task in tasks:
        task._thread.join()
    return [task.result() for task in tasks]
