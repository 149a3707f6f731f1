"""Write files atomically: a temporary file in the same folder, then one rename over the target."""
from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Callable, Iterator

from deckgen.errors import OutputError
from deckgen.package.files import real_path, target_problem

TMP_SUFFIX = ".tmp"


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _why(exc: OSError) -> str:
    """A reason a user can act on for an OS error while creating or replacing a file."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exhausted"
    if exc.errno == errno.ENOENT:
        return "files cannot be created there"
    return exc.strerror or str(exc)


def lock_files(path: Path) -> list[Path]:
    """The lock files that say `path` is open in an office program: PowerPoint's and Word's `~$NAME`,
    LibreOffice's `.~lock.NAME#`; looked for beside `path` and, for a symbolic link, beside its target."""
    found = []
    for where in dict.fromkeys([path, real_path(path)]):
        for name in (f"~${where.name}", f".~lock.{where.name}#"):
            candidate = _folder(where) / name
            if os.path.lexists(candidate) and candidate not in found:
                found.append(candidate)
    return found


def _open_hint(path: Path) -> str:
    """A hint when an office program (its lock file) holds `path` open."""
    locks = lock_files(path)
    if not locks:
        return ""
    program = "PowerPoint" if locks[0].name.startswith("~$") else "LibreOffice"
    return f"; it is open in {program}: close it there first"


_STOP = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back while the block runs (creating a temporary file and noting its name);
    they arrive as soon as it ends, when the caller can clean up. A no-op where signals cannot be masked."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def check_target(path: Path) -> None:
    """Raise `OutputError` unless `path` can be written as a file.

    Tries to create (and removes) a temporary file in the folder, so a folder that the file system
    refuses (read-only, `/proc`, no permission, even for root) is reported before any work is done.
    """
    if path.is_dir():
        raise OutputError(f"output {str(path)!r} is a folder; give a file name such as {str(path / 'deck.pptx')!r}")
    why = target_problem(path)
    if why:
        raise OutputError(f"output {str(path)!r} {why.split('; ')[0]}; choose another output")
    path = real_path(path)  # a symbolic link is written through: its target's folder is the one that matters
    parent = _folder(path)
    if not parent.is_dir():
        blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            raise OutputError(f"cannot write {str(path)!r}: {str(blocker)!r} is a file, not a folder; choose another output")
        raise OutputError(f"the folder {str(parent)!r} for the output does not exist; create it first, or choose another output")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"output {str(path)!r} is read-only; make it writable, or choose another output")
    try:
        with signals_deferred():  # the probe never outlives this block, whatever signal arrives
            fd, probe = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=parent)
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {str(parent)!r}: {_why(exc)}; choose another output") from None


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    """A new hidden file `.NAME.PID.RANDOM.tmp` beside `path`, removed again unless the caller moved it (also when
    a signal arrives the moment it is created)."""
    tmp = None
    try:
        with signals_deferred():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=_folder(path))
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


STALE_AFTER = 3600.0  # seconds: where a process cannot be probed (Windows), an older temporary is stale


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: it exists, owned by someone else
        return True
    return True


def stale_temporaries(path: Path) -> list[Path]:
    """Temporary files left beside `path` by a deckgen process that no longer runs (killed mid-write).

    Only names of the form `.NAME.PID.RANDOM.tmp` count whose PID is not a running process, or that are
    older than `STALE_AFTER` (no write takes that long); a write in progress elsewhere is left alone.
    """
    prefix = f".{path.name}."
    out = []
    try:
        names = os.listdir(_folder(path))
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TMP_SUFFIX)):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        candidate = _folder(path) / name
        try:
            old = time.time() - candidate.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if old or not _alive(int(pid)):
            out.append(candidate)
    return out


def write_atomic(path: Path, produce: Callable[[IO[bytes]], None]) -> None:
    """Call `produce(stream)` to fill a temporary file beside `path`, then move it into place.

    A crash or Ctrl-C while producing leaves any existing file at `path` untouched; Ctrl-C also
    removes the temporary file. A process killed outright (SIGKILL, power loss) cannot clean up: its
    hidden `.NAME.PID.RANDOM.tmp` stays, is never read, and is removed by the next successful write
    of the same file. When `path` is a symbolic link, the file it points to is replaced (never the link).
    """
    check_target(path)
    path = real_path(path)
    try:
        with _temporary(path) as (fh, tmp):
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(NameError, OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {str(path)!r}: {_why(exc)}{_open_hint(path)}") from None
    for stale in stale_temporaries(path):
        with contextlib.suppress(OSError):
            stale.unlink()


@contextlib.contextmanager
def scratch_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new folder `PREFIX-PID-RANDOM` in `parent` for work files, removed with everything in it when the
    block ends, however it ends (an error, Ctrl-C, SIGTERM). Folders of the same prefix left by a deckgen
    process that no longer runs (killed outright) are removed first."""
    for stale in _stale_folders(parent, prefix):
        shutil.rmtree(stale, ignore_errors=True)
    folder = None
    try:
        with signals_deferred():
            folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-{os.getpid()}-", dir=parent))
        yield folder
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _stale_folders(parent: Path, prefix: str) -> list[Path]:
    out = []
    try:
        names = os.listdir(parent)
    except OSError:
        return []
    for name in names:
        if not name.startswith(prefix + "-"):
            continue
        pid = name[len(prefix) + 1:].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)) and os.path.isdir(os.path.join(parent, name)):
            out.append(Path(parent, name))
    return out


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically."""
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def backup_path(path: Path) -> Path:
    """A free name for a dated copy of `path` beside it: `deck.2026-11-28-1530.pptx` from its modification
    time, then `deck.2026-11-28-1530-2.pptx`, … when that is taken."""
    stamp = _dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d-%H%M")
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem}.{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


def keep_aside(path: Path) -> Path:
    """Keep the file at `path` under a dated backup name beside it (see `backup_path`) and return that name.

    The backup holds the file's content: a hard link to the file itself where the file system allows
    (instant; `path` stays in place until a new file replaces it), else a copy; either is created
    exclusively, so no other backup is overwritten. When `path` is a symbolic link, the file it points
    to is what is kept (never a link to the link, which would show the new file once it is written).
    Raises `OutputError` when neither works.
    """
    source = real_path(path)
    for _ in range(100):
        backup = backup_path(path)
        try:
            os.link(source, backup, follow_symlinks=False)
            return backup
        except FileExistsError:
            continue  # taken between the check and the link: try the next name
        except OSError:
            pass
        try:
            with open(source, "rb") as src, open(backup, "xb") as dst:
                shutil.copyfileobj(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
            shutil.copystat(source, backup)
            return backup
        except FileExistsError:
            continue
        except OSError as exc:
            with contextlib.suppress(OSError):
                backup.unlink()
            raise OutputError(f"cannot keep a backup of {str(path)!r}: {_why(exc)}; move it away yourself, "
                              "or pass --force to overwrite it") from None
    raise OutputError(f"cannot find a free backup name for {str(path)!r}; tidy up its backups")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
