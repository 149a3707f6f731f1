"""`deckgen` as the sweep runs it: the command line in this process, its peak memory written where
`DECKGEN_SWEEP_RSS` says when it exits."""
from __future__ import annotations

import atexit
import os
import resource
import runpy
import sys


def _report() -> None:
    where = os.environ.get("DECKGEN_SWEEP_RSS")
    if where:
        with open(where, "w", encoding="ascii") as fh:
            fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


if __name__ == "__main__":
    atexit.register(_report)
    sys.argv[0] = "deckgen"
    sys.path.pop(0)  # this folder: the sweep's own modules are not deckgen's
    runpy.run_module("deckgen", run_name="__main__", alter_sys=True)
