"""Work run in threads: results in order, a worker's exception raised where its result is taken."""
from __future__ import annotations

import threading
import time

import pytest

from deckgen.package.parallel import Task, map_in_threads


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
