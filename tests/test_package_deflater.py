"""Tests for deflating members in a copy of the process while they are still being made."""
from __future__ import annotations

import os
import signal
import sys
import zlib
from typing import Optional

import pytest

from deckgen.package.deflater import Deflater
from deckgen.package.parallel import Forked
from deckgen.package.zipwrite import deflate_members

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="no copy of the process here: the caller deflates every member itself")


def _members(n: int = 600) -> dict[str, bytes]:
    """Members of many sizes, alike enough to deflate well, some larger than the pipe and the batch."""
    out = {f"ppt/slides/slide{i}.xml": (f"<p:sld n='{i}'>" + "内容" * (i * 7 % 900) + "</p:sld>").encode("utf-8")
           for i in range(n)}
    out["ppt/media/big.bin"] = os.urandom(3 * 1024 * 1024)  # above the pipe's size: one member across many reads
    out["empty.xml"] = b""
    return out


def _served(d: Deflater) -> Forked[int]:
    """A copy of the process that serves `d`, as the planning copy does after its plan."""
    copy: Forked[int] = Forked(lambda: 1, then=lambda _: d.serve())
    d.forked(copy.forked)
    assert copy.result() == 1
    return copy


def _deflated(members: dict[str, bytes], package: Optional[dict[str, bytes]] = None) -> dict[str, tuple[int, bytes]]:
    """`members` handed over one by one to a copy that serves, and what the package `package` (default: the
    members as handed over) takes back."""
    d = Deflater()
    copy = _served(d)
    for name, blob in members.items():
        d.add(name, blob)
    got = d.take(members if package is None else package)
    copy.after()
    d.close()
    return got


def test_members_handed_over_come_back_deflated_as_here() -> None:
    members = _members()
    got = _deflated(members)
    assert got == deflate_members(list(members), members, workers=1)
    name = "ppt/slides/slide5.xml"
    assert zlib.decompress(got[name][1], -15) == members[name] and got[name][0] == zlib.crc32(members[name])


def test_a_member_changed_since_it_was_handed_over_is_left_to_the_caller() -> None:
    members = _members(50)
    changed = dict(members)
    changed["ppt/slides/slide3.xml"] = bytes(bytearray(members["ppt/slides/slide3.xml"]))  # equal bytes, another object
    changed["ppt/slides/slide4.xml"] = b"<p:sld/>"
    got = _deflated(members, changed)
    assert set(got) == set(members) - {"ppt/slides/slide3.xml", "ppt/slides/slide4.xml"}


def test_the_rest_is_handed_over_at_the_end_once() -> None:
    members = _members(40)
    order = list(members)
    d = Deflater()
    copy = _served(d)
    for name in order[:10]:
        d.add(name, members[name])
    d.add_rest(order[:-1], members)
    assert not d.serving  # finished: nothing more is taken
    d.add(order[-1], members[order[-1]])
    got = d.take(members)
    copy.after()
    d.close()
    assert got == deflate_members(order[:-1], members, workers=1)


def test_without_a_copy_or_when_it_dies_the_caller_deflates_everything() -> None:
    members = _members(30)
    alone = Deflater()
    alone.forked(False)  # no copy could be made
    alone.serve()  # (here, not in a copy: nothing to do)
    for name, blob in members.items():
        alone.add(name, blob)
    assert alone.take(members) == {}

    d = Deflater()  # the copy dies while it takes members in
    copy: Forked[int] = Forked(lambda: 1, then=lambda _: (d.listen(), os.kill(os.getpid(), signal.SIGKILL)))
    d.forked(copy.forked)
    copy.result()
    for name, blob in members.items():
        d.add(name, blob)
    assert d.take(members) == {}
    copy.close()
    d.close()


def test_what_does_not_fit_the_shared_memory_is_left_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy deflates into memory reserved once; the members after the first that does not fit are not
    taken (the caller deflates them), and those before it are."""
    import deckgen.package.deflater as deflater

    monkeypatch.setattr(deflater, "_SHARED", 64 * 1024)
    members = {f"m{i}.xml": os.urandom(3000) for i in range(60)}  # incompressible: 3 KB each deflated
    got = _deflated(members)
    names = list(members)
    assert 0 < len(got) < len(members) and set(got) == set(names[:len(got)])
    assert got == {n: p for n, p in deflate_members(names, members, workers=1).items() if n in got}


def test_without_the_shared_memory_nothing_is_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that refuses the shared memory (strict overcommit, say): the build goes on, deflating itself."""
    import mmap

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(mmap, "mmap", refuse)
    members = _members(20)
    d = Deflater()
    copy = _served(d)
    for name, blob in members.items():
        d.add(name, blob)
    assert not d.serving and d.take(members) == {}
    copy.after()
    d.close()
