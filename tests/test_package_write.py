"""Atomic writes: the previous file survives a failure, Ctrl-C or a kill mid-write; stale temporaries are cleaned."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckgen.errors import OutputError
from deckgen.package.write import backup_path, check_target, keep_aside, stale_temporaries, write_atomic, write_text_atomic


def _temporaries(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


class DescribeWriteAtomic:
    def it_replaces_the_file_and_leaves_no_temporary(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        target.write_bytes(b"old")
        write_atomic(target, lambda fh: fh.write(b"new"))
        assert target.read_bytes() == b"new"
        assert _temporaries(tmp_path, "deck.pptx") == []

    def it_keeps_the_previous_file_when_producing_fails(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        target.write_bytes(b"old")

        def produce(fh) -> None:  # type: ignore[no-untyped-def]
            fh.write(b"half a deck")
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_atomic(target, produce)
        assert target.read_bytes() == b"old"
        assert _temporaries(tmp_path, "deck.pptx") == []

    def it_reports_a_full_disk_as_an_output_error(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        target.write_bytes(b"old")

        def produce(fh) -> None:  # type: ignore[no-untyped-def]
            raise OSError(errno.ENOSPC, "No space left on device")

        with pytest.raises(OutputError, match="cannot write .*deck.pptx': the disk is full"):
            write_atomic(target, produce)
        assert target.read_bytes() == b"old" and _temporaries(tmp_path, "deck.pptx") == []

    def it_names_powerpoint_when_it_holds_the_file(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        (tmp_path / "~$deck.pptx").write_bytes(b"lock")

        def produce(fh) -> None:  # type: ignore[no-untyped-def]
            raise PermissionError(errno.EACCES, "Permission denied")

        with pytest.raises(OutputError, match="permission denied; it is open in PowerPoint: close it there first"):
            write_atomic(target, produce)

    def it_replaces_the_file_a_symlink_points_to(self, tmp_path: Path) -> None:
        real = tmp_path / "synced" / "deck.pptx"
        real.parent.mkdir()
        real.write_bytes(b"old")
        link = tmp_path / "deck.pptx"
        link.symlink_to(real)
        write_atomic(link, lambda fh: fh.write(b"new"))
        assert link.is_symlink() and real.read_bytes() == b"new"

    def it_keeps_the_mode_of_the_file_it_replaces(self, tmp_path: Path) -> None:
        target = tmp_path / "outline.yaml"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)
        write_text_atomic(target, "新")
        assert target.read_text(encoding="utf-8") == "新" and target.stat().st_mode & 0o777 == 0o640


class DescribeStaleTemporaries:
    def it_finds_those_of_dead_processes_only(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        dead = tmp_path / f".deck.pptx.{_dead_pid()}.abc123.tmp"
        running = tmp_path / f".deck.pptx.{os.getppid()}.def456.tmp"  # a live process: maybe writing right now
        other = tmp_path / f".other.pptx.{_dead_pid()}.x.tmp"
        for p in (dead, running, other):
            p.write_bytes(b"PK partial")
        assert stale_temporaries(target) == [dead]

    def it_counts_any_over_an_hour_old_as_stale(self, tmp_path: Path) -> None:
        old = tmp_path / f".deck.pptx.{os.getppid()}.abc123.tmp"
        old.write_bytes(b"PK partial")
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        assert stale_temporaries(tmp_path / "deck.pptx") == [old]

    def it_removes_them_after_the_next_successful_write(self, tmp_path: Path) -> None:
        target = tmp_path / "deck.pptx"
        stale = tmp_path / f".deck.pptx.{_dead_pid()}.abc123.tmp"
        stale.write_bytes(b"PK partial")
        write_atomic(target, lambda fh: fh.write(b"new"))
        assert not stale.exists() and target.read_bytes() == b"new"


class DescribeCheckTarget:
    def it_refuses_a_folder_the_system_will_not_write_even_for_root(self) -> None:
        with pytest.raises(OutputError, match="cannot write in the folder '/proc': files cannot be created there"):
            check_target(Path("/proc/deck.pptx"))

    def it_leaves_nothing_behind(self, tmp_path: Path) -> None:
        check_target(tmp_path / "deck.pptx")
        assert list(tmp_path.iterdir()) == []


class DescribeBackups:
    def it_names_a_backup_after_the_modification_time_and_never_reuses_a_name(self, tmp_path: Path) -> None:
        deck = tmp_path / "outline.pptx"
        deck.write_bytes(b"edited")
        stamp = time.mktime((2026, 11, 28, 15, 30, 0, 0, 0, -1))
        os.utime(deck, (stamp, stamp))
        assert backup_path(deck).name == "outline.2026-11-28-1530.pptx"
        first = keep_aside(deck)
        second = keep_aside(deck)
        assert (first.name, second.name) == ("outline.2026-11-28-1530.pptx", "outline.2026-11-28-1530-2.pptx")
        assert first.read_bytes() == second.read_bytes() == deck.read_bytes() == b"edited"


# ----------------------------------------------------------------------------- killed in the middle of a save

def _big_outline(path: Path) -> None:
    """An outline whose deck takes a while to write: 240 slides with 24 KB of varied notes each."""
    rng = random.Random(6)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    lines = ["deck:", "  title: 大文件", "sections:"]
    for i in range(240):
        lines += [f"  - title: 第{i}部分", "    notes: |"]
        lines += ["      " + "".join(rng.choice(chars) for _ in range(400)) for _ in range(20)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# The child's disk is slow: `fsync` of the temporary deck takes a minute, so the signal always lands after
# the temporary file has data and before it could be moved over the deck (no race with a fast machine).
_SLOW_DISK = ("import os, time\nos.fsync = lambda fd: time.sleep(60)\nfrom deckgen.cli import main\n"
              "main(['build', 'big.yaml', '-o', 'deck.pptx'])")


def _kill_mid_write(folder: Path, sig: signal.Signals) -> tuple[Path, int, str]:
    """Build the big outline over `deck.pptx` and send `sig` as soon as the temporary deck holds data."""
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_DISK], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = None
    deadline = time.monotonic() + 120
    while seen is None and proc.poll() is None and time.monotonic() < deadline:
        for p in _temporaries(folder, "deck.pptx"):
            try:
                if p.stat().st_size > 0:
                    seen = p
            except FileNotFoundError:
                continue
        if seen is None:
            time.sleep(0.0005)
    if seen is not None:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert seen is not None, "the build ended before its temporary file was seen: make the outline bigger"
    return seen, proc.returncode, err


@pytest.fixture
def previous(tmp_path: Path) -> bytes:
    """A folder with a deck deckgen wrote from a small outline, and a big outline to build over it."""
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    (tmp_path / "small.yaml").write_text("deck:\n  title: 旧\nsections:\n  - title: 旧的一部分\n", encoding="utf-8")
    build(BuildRequest(tmp_path / "small.yaml", tmp_path / "deck.pptx"))
    _big_outline(tmp_path / "big.yaml")
    return (tmp_path / "deck.pptx").read_bytes()


def test_ctrl_c_mid_save_keeps_the_previous_deck_and_removes_the_temporary(tmp_path: Path, previous: bytes) -> None:
    seen, code, err = _kill_mid_write(tmp_path, signal.SIGINT)
    assert code == 1 and "Aborted!" in err and "Traceback" not in err
    assert (tmp_path / "deck.pptx").read_bytes() == previous
    assert not seen.exists() and _temporaries(tmp_path, "deck.pptx") == []


def test_sigkill_mid_save_keeps_the_previous_deck_and_the_next_build_removes_the_partial_file(
        tmp_path: Path, previous: bytes) -> None:
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest
    from deckgen.package.check import check_package

    seen, code, _ = _kill_mid_write(tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert (tmp_path / "deck.pptx").read_bytes() == previous
    # SIGKILL cannot be caught: the hidden temporary file stays (deckgen never reads it)
    assert seen.exists() and seen.name.startswith(".deck.pptx.")
    assert stale_temporaries(tmp_path / "deck.pptx") == [seen]
    build(BuildRequest(tmp_path / "small.yaml", tmp_path / "deck.pptx"))
    assert _temporaries(tmp_path, "deck.pptx") == []
    assert check_package(tmp_path / "deck.pptx").problems == []
