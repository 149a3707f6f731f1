"""What a path is before deckgen opens it: only regular files are read, so a FIFO, a device, a folder or a
symbolic-link loop is named in one line instead of hanging or failing with a traceback."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Optional, Union

PathLike = Union[str, "os.PathLike[str]"]
FOLDER = "is a folder, not a file"


def file_problem(path: PathLike) -> Optional[str]:
    """Why `path` cannot be read as a file, as the end of a sentence ("does not exist", "is a folder, not a
    file", "is a named pipe (FIFO), not a file", "is a symbolic link that loops"…), or None for a regular
    file (symbolic links followed). Never opens the file, so a FIFO without a writer cannot block."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return ("is a symbolic link to a file that does not exist; point it at an existing file"
                if os.path.islink(path) else "does not exist")
    except OSError as exc:
        return _stat_problem(exc)
    except ValueError:  # a NUL byte in the name
        return "is not a valid file name"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER + "; give a file inside it"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file; deckgen reads regular files only"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is a device, not a file; deckgen reads regular files only"


def _stat_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that loops (it leads back to itself); point it at a file"
    if exc.errno == errno.ENOTDIR:
        return "does not exist: a part of its path is a file, not a folder; check the path"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be reached (permission denied)"
    if exc.errno == errno.ENAMETOOLONG:
        return "has a name too long for the file system"
    return f"cannot be read ({exc.strerror or exc})"


def target_problem(path: PathLike) -> Optional[str]:
    """Why `path` cannot be written as a file (replaced by a new one), or None: a missing file (or a
    symbolic link to one) or a regular file is fine; a folder, FIFO, device or link loop is not."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return None if exc.errno == errno.ENOTDIR else _stat_problem(exc)
    except ValueError:
        return "is not a valid file name"
    if stat.S_ISREG(mode):
        return None
    return file_problem(path)


def real_path(path: Path) -> Path:
    """`path` with its symbolic links followed (the file a write through the link replaces); `path` itself
    when it is no link. Call after `target_problem` (a loop is refused there)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path
