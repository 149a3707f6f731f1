"""Run work beside the caller's, in threads or in a forked copy of the process, and take its results."""
from __future__ import annotations

import os
import sys
import threading
from typing import IO, Any, Callable, Generic, Iterable, Optional, Sequence, TypeVar, Union

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


# Threads that may run while a copy is forked: they hold no lock the copy needs, or release it around a fork
# (`os.register_at_fork`), like the status line's (`deckgen.cli.progress.status`).
FORK_SAFE = frozenset({"deckgen-status"})


def _no_other_threads() -> bool:
    me = threading.current_thread()
    return all(t is me or t.name in FORK_SAFE for t in threading.enumerate())


class Forked(Generic[T]):
    """`fn(*args)` run in a forked copy of this process, on another core, while the caller goes on; `result()`
    takes what it returned (pickled back through a pipe). With `then` (a function, or several in turn), the copy
    goes on after sending it to compute `then(result)` (and each next one of the previous value), sending each:
    `value(k)` takes the k-th (0: the result), `after()` the last: work on the result that is not wanted at once.

    Threads share one interpreter lock: Python work beside Python work in a thread only takes turns (and makes
    the turns of zlib's threads slow). A copy made with `fork` runs truly beside, starting from the caller's
    memory as it is. For work without side effects only: where no copy can be made (no `fork`, as on
    Windows; macOS, whose system libraries may hang in a forked copy; other threads running, which a fork would
    copy mid-step, except those named in `FORK_SAFE`; `fork=False`), or the copy fails in any way (it raised,
    crashed, or a value cannot be pickled), each value it did not give is computed here from the one before
    (`fn(*args)` for the result), so the caller gets what inline calls give, their exceptions included. The copy
    ignores Ctrl-C (the caller handles it and `close()` ends the copy).
    """

    def __init__(self, fn: Callable[..., T], *args: Any, fork: bool = True,
                 then: Union[None, Callable[[Any], Any], Sequence[Callable[[Any], Any]]] = None) -> None:
        self._fn, self._args = fn, args
        self._then: tuple[Callable[[Any], Any], ...] = (then,) if callable(then) else tuple(then or ())
        self._pid: Optional[int] = None
        self._pipe: Optional[IO[bytes]] = None
        self._values: list[Any] = []  # what `value(k)` took, in order
        if fork and hasattr(os, "fork") and sys.platform != "darwin" and _no_other_threads():
            self._start()

    @property
    def forked(self) -> bool:
        """Whether the work runs in a copy (else `result()` runs it)."""
        return self._pid is not None

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slot for a copy: run inline
            os.close(read)
            os.close(write)
            return
        if pid == 0:
            code = 1
            try:
                import signal

                os.close(read)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                with os.fdopen(write, "wb") as out:
                    value = self._fn(*self._args)
                    _send(out, value)
                    for step in self._then:
                        out.flush()
                        value = step(value)
                        _send(out, value)
                code = 0
            finally:  # never back into the caller's code: no cleanup, no buffered output flushed twice
                os._exit(code)
        os.close(write)
        self._pid, self._pipe = pid, os.fdopen(read, "rb")

    def _receive(self) -> Optional[tuple[Any]]:
        """The copy's next value (in a 1-tuple), or None when it sent none whole (it failed or ended)."""
        import pickle

        if self._pipe is None:
            return None
        try:
            head = self._pipe.read(8)
            body = self._pipe.read(int.from_bytes(head, "little")) if len(head) == 8 else b""
            return (pickle.loads(body),) if body and len(body) == int.from_bytes(head, "little") else None
        except Exception:
            return None

    def _end(self) -> bool:
        """Close the pipe and reap the copy; whether it ended well."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        try:
            _, status = os.waitpid(self._pid, 0)  # type: ignore[arg-type]
        except ChildProcessError:  # reaped already (SIGCHLD ignored): whole values tell it ended well
            status = 0
        self._pid = None
        return status == 0

    def value(self, k: int) -> Any:
        """The k-th value: the result (0), then what each of `then` made of the one before (computed here where
        the copy could not give it). Values are taken in order: those before the k-th are taken first."""
        while len(self._values) <= k:
            i = len(self._values)
            if i > len(self._then):
                raise IndexError(f"no value {k}: the work has {len(self._then) + 1}")
            if self._pid is not None:
                got = self._receive()
                last = i == len(self._then)
                if got is not None and not last:
                    self._values.append(got[0])
                    continue
                ended = self._end()  # the last value counts once the copy has ended well
                if got is not None and ended:
                    self._values.append(got[0])
                    continue
            self._values.append(self._then[i - 1](self._values[i - 1]) if i else self._fn(*self._args))
        return self._values[k]

    def result(self) -> T:
        """What the work returned (run here when the copy could not give it)."""
        return self.value(0)  # type: ignore[no-any-return]

    def after(self) -> Any:
        """What the last of `then` made (computed here when the copy could not give it); after `result()`."""
        if not self._values:
            raise RuntimeError("after() is for a result taken already")
        return self.value(len(self._then))

    def close(self) -> None:
        """End the copy if it still runs (the caller gave up on its result)."""
        if self._pid is None:
            return
        import signal

        pid, self._pid = self._pid, None
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:  # ended and reaped
            pass


def _send(out: IO[bytes], value: Any) -> None:
    """Write `value` pickled, after its length (8 bytes): what `Forked._receive` reads."""
    import pickle

    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)
