"""Work run in threads or a forked copy: results in order, a worker's exception raised where its result is taken."""
from __future__ import annotations

import os
import threading
import time

import pytest

from deckgen.package.parallel import Forked, Task, map_in_threads


def test_results_come_back_in_order_from_threads_of_their_own() -> None:
    seen: set[int] = set()

    def work(n: int) -> int:
        seen.add(threading.get_ident())
        time.sleep(0.05 * (5 - n))  # the first item finishes last
        return n * n

    assert map_in_threads(work, range(5)) == [0, 1, 4, 9, 16]
    assert len(seen) == 5 and threading.get_ident() not in seen


def test_a_workers_exception_is_raised_where_the_result_is_taken() -> None:
    done = []

    def fail() -> None:
        raise ValueError("broken part")

    task = Task(fail)
    other = Task(lambda: done.append(1) or "ok")
    with pytest.raises(ValueError, match="broken part"):
        task.result()
    assert other.result() == "ok" and done == [1]
    with pytest.raises(KeyError):
        map_in_threads(lambda k: {}[k], ["a", "b"])


# ---- work in a forked copy of the process -------------------------------------------------------------------

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform (the work runs inline)")


@needs_fork
def test_forked_work_runs_in_a_copy_of_the_process_and_its_result_comes_back() -> None:
    big = {f"part{i}": bytes(100) * i for i in range(300)}  # the copy sees the caller's memory as it was
    work = Forked(lambda: (os.getpid(), sum(len(v) for v in big.values())))
    assert work.forked
    pid, total = work.result()
    assert pid != os.getpid() and total == sum(len(v) for v in big.values())


def test_without_a_fork_the_work_runs_inline_when_the_result_is_taken() -> None:
    calls = []
    work = Forked(lambda: calls.append(os.getpid()) or "done", fork=False)
    assert not work.forked and calls == []
    assert work.result() == "done" and calls == [os.getpid()]


@needs_fork
def test_no_copy_is_made_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        work = Forked(os.getpid)
        assert not work.forked and work.result() == os.getpid()
    finally:
        stop.set()
        other.join()


@needs_fork
def test_what_fails_in_the_copy_is_run_again_here_and_raised_here() -> None:
    runs = []

    def fail() -> None:
        runs.append(os.getpid())
        raise ValueError("broken outline")

    work = Forked(fail)
    assert work.forked
    with pytest.raises(ValueError, match="broken outline"):
        work.result()
    assert runs == [os.getpid()]  # the copy's own run left nothing here; the rerun did
    unpicklable = Forked(lambda: (os.getpid(), lambda: None))  # a result that cannot come through the pipe
    pid, _ = unpicklable.result()
    assert pid == os.getpid()


@needs_fork
def test_close_ends_a_copy_whose_result_is_not_wanted() -> None:
    work = Forked(time.sleep, 30)
    assert work.forked
    pid = work._pid
    started = time.monotonic()
    work.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and reaped
    work.close()  # twice is harmless


@needs_fork
def test_the_status_line_does_not_keep_a_copy_from_being_made(capsys: pytest.CaptureFixture[str]) -> None:
    """The status line's thread (on a terminal) is fork-safe: a copy is made while it runs, never while it
    writes (`os.register_at_fork`); any other thread still keeps the work inline."""
    from deckgen.cli.progress import status

    with status("Building", enabled=True):
        work = Forked(os.getpid)
        assert work.forked and work.result() != os.getpid()


@needs_fork
def test_a_copy_reaped_by_the_system_still_gives_its_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SIGCHLD ignored (a host program's choice), the system reaps the copy itself and `waitpid` finds
    none: the whole result read from the pipe is taken, not an error."""
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        work = Forked(lambda: (os.getpid(), "planned"))
        assert work.forked
        pid, what = work.result()
        assert what == "planned" and pid != os.getpid()
        work.close()
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_no_copy_on_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS's system libraries may hang in a forked copy (CPython's multiprocessing stopped forking there):
    the work runs inline."""
    import deckgen.package.parallel as parallel

    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    work = Forked(os.getpid)
    assert not work.forked and work.result() == os.getpid()


@needs_fork
def test_the_copy_goes_on_to_work_on_its_result_and_after_takes_that_later() -> None:
    """With `then`, the copy sends its result first and goes on with `then(result)`: `result()` does not wait
    for that work, `after()` takes it, both computed in the copy."""
    work = Forked(lambda: os.getpid(), then=lambda pid: (time.sleep(0.5), pid, os.getpid())[1:])
    assert work.forked
    started = time.monotonic()
    pid = work.result()
    assert time.monotonic() - started < 0.4 and pid != os.getpid()
    assert work.after() == (pid, pid)
    work.close()


@needs_fork
def test_what_the_copy_cannot_give_after_its_result_is_made_here() -> None:
    here = os.getpid()

    def dies_in_the_copy(pid: int) -> tuple[int, int]:
        if os.getpid() != here:
            os._exit(3)  # the copy ends after sending its result, before `then`'s
        return pid, os.getpid()

    work = Forked(os.getpid, then=dies_in_the_copy)
    first = work.result()
    assert first != here and work.after() == (first, here)
    inline = Forked(lambda: 2, then=lambda v: v * 10, fork=False)
    assert inline.result() == 2 and inline.after() == 20
    with pytest.raises(RuntimeError):
        Forked(lambda: 1, then=lambda v: v, fork=False).after()


@needs_fork
def test_close_ends_a_copy_still_working_on_its_result() -> None:
    work = Forked(lambda: 1, then=lambda v: time.sleep(30))
    assert work.result() == 1
    pid = work._pid
    started = time.monotonic()
    work.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
