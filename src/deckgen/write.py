"""Write files atomically: a temporary file in the same folder, then one rename over the target."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, IO, Iterator

from deckgen.errors import OutputError


def check_target(path: Path) -> None:
    """Raise `OutputError` unless `path` can be written as a file."""
    if path.is_dir():
        raise OutputError(f"output {str(path)!r} is a folder; give a file name such as {str(path / 'deck.pptx')!r}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"the folder {str(parent)!r} for the output does not exist; create it first")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"the folder {str(parent)!r} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"output {str(path)!r} is not writable")


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, produce: Callable[[IO[bytes]], None]) -> None:
    """Call `produce(stream)` to fill a temporary file beside `path`, then move it into place.

    A crash or Ctrl-C while producing leaves any existing file at `path` untouched.
    """
    check_target(path)
    try:
        with _temporary(path) as (fh, tmp):
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise OutputError(f"cannot write {str(path)!r}: {exc.strerror}") from None


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically."""
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
