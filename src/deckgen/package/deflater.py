"""Deflate a package's members in a copy of the process, on another core, while the caller still makes the rest."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from deckgen.package.zipwrite import ZIP_LEVEL, _deflate

if TYPE_CHECKING:
    import threading

# How much the caller gathers before it writes to the copy, and the pipe's size it asks for (Linux; where the
# system refuses, the default 64 KB): the caller's writes then rarely wait for the copy to read.
_BATCH = 256 * 1024
_PIPE = 1024 * 1024
_F_SETPIPE_SZ = 1031
# The deflated members come back through memory shared with the copy, reserved once (only what is written
# takes memory): the largest deck deckgen builds deflates to less. What does not fit, the caller deflates.
_SHARED = 64 * 1024 * 1024
_HEAD = 8  # per member in the shared memory: CRC-32 and length, 4 bytes each, before the stream


class Deflater:
    """Members handed over with `add` as they are made (a slide's part, the moment it is written) are deflated
    by a copy of the process made after this (`serve`, there), on another core, while the caller makes the rest.
    `finish()` says nothing more comes; `take(members)` gives each member's (CRC-32, raw deflate stream), as
    `zipwrite.deflate_members` makes it at the same level, for the members of the package that are still the
    very bytes handed over (`members[name] is blob`): a part changed since is left for the caller to deflate.

    Made before the copy (`os.fork`), told by `forked(made)` whether it was; when it was not, or the copy
    fails in any way, `take` gives nothing and the caller deflates every member itself: the zip is the same."""

    def __init__(self, level: int = ZIP_LEVEL) -> None:
        import mmap

        self.level = level
        self._sent: list[tuple[str, bytes]] = []
        self._batch: list[bytes] = []
        self._size = 0
        self._served = False
        self._listening: Optional[tuple[list[bytes], list[bool], "threading.Condition"]] = None
        self._shared: Optional["mmap.mmap"] = None
        self._to_copy: tuple[Optional[int], Optional[int]] = (None, None)
        self._back: tuple[Optional[int], Optional[int]] = (None, None)
        try:  # (where the system refuses the memory or the pipes, nothing is handed over: `take` gives nothing)
            self._shared = mmap.mmap(-1, _SHARED)  # anonymous: shared with a forked copy
            self._to_copy = os.pipe()
            self._back = os.pipe()
        except (OSError, ValueError):
            self.close()
            return
        try:
            import fcntl

            fcntl.fcntl(self._to_copy[1], _F_SETPIPE_SZ, _PIPE)  # type: ignore[arg-type]
        except (ImportError, OSError, AttributeError):
            pass

    def forked(self, made: bool) -> None:
        """In the caller, once the copy that serves is made (`made`) or could not be: the copy's ends closed."""
        self._close(self._to_copy[0], self._back[1])
        self._to_copy, self._back = (None, self._to_copy[1]), (self._back[0], None)
        self._served = made and self._shared is not None
        if not self._served:
            self.close()

    def listen(self) -> None:
        """In the copy: start taking in what the caller hands over (a thread drains the pipe into memory), so
        that the caller's writes never wait while the copy does other work before `serve`."""
        source = self._to_copy[0]
        if source is None or self._listening is not None:  # not in the copy (none was made)
            return
        import threading

        self._close(self._to_copy[1], self._back[0])  # else the copy holds its own input open
        self._to_copy, self._back = (source, None), (None, self._back[1])
        chunks: list[bytes] = []
        done: list[bool] = []  # [True] once the caller finished
        ready = threading.Condition()

        def drain() -> None:
            while True:
                chunk = os.read(source, _PIPE)
                with ready:
                    if chunk:
                        chunks.append(chunk)
                    else:
                        done.append(True)
                    ready.notify()
                if not chunk:
                    return

        self._listening = (chunks, done, ready)
        threading.Thread(target=drain, daemon=True).start()

    def serve(self) -> None:
        """In the copy: deflate what the caller hands over into the shared memory ((CRC-32, length, stream) per
        member, in order, while they fit) until it finishes, then say how many and in how many bytes."""
        self.listen()
        back, shared = self._back[1], self._shared
        if self._listening is None or back is None or shared is None:
            return
        chunks, done, ready = self._listening
        pending = b""
        count = end = 0
        full = ended = False
        while not ended:
            with ready:
                while not chunks and not done:
                    ready.wait()
                got, chunks[:] = b"".join(chunks), []
                ended = bool(done)  # all it sent is in `got`
            pending += got
            blobs, at = [], 0
            while at + 4 <= len(pending):
                size = int.from_bytes(pending[at:at + 4], "little")
                if at + 4 + size > len(pending):
                    break
                blobs.append(pending[at + 4:at + 4 + size])
                at += 4 + size
            pending = pending[at:]
            for crc, body in ([] if full else _deflate(blobs, self.level)):
                if end + _HEAD + len(body) > len(shared):
                    full = True  # the rest is the caller's to deflate
                    break
                shared[end:end + _HEAD] = crc.to_bytes(4, "little") + len(body).to_bytes(4, "little")
                shared[end + _HEAD:end + _HEAD + len(body)] = body
                end += _HEAD + len(body)
                count += 1
        if pending:
            raise ValueError("a member was cut short")
        os.write(back, count.to_bytes(4, "little") + end.to_bytes(4, "little"))

    @property
    def serving(self) -> bool:
        """Whether a copy takes what is handed over (made, and not failed so far)."""
        return self._served and self._to_copy[1] is not None

    def add_rest(self, order: Sequence[str], members: Mapping[str, bytes]) -> None:
        """Hand over the members of `order` not handed over yet, then `finish()`."""
        sent = {name for name, _ in self._sent}
        for name in order:
            if name not in sent:
                self.add(name, members[name])
        self.finish()

    def add(self, name: str, blob: bytes) -> None:
        """Hand over member `name` with its bytes (not to be changed in place afterwards)."""
        if not self.serving:
            return
        self._sent.append((name, blob))
        self._batch += (len(blob).to_bytes(4, "little"), blob)
        self._size += len(blob) + 4
        if self._size >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        data, self._batch, self._size = b"".join(self._batch), [], 0
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._to_copy[1], view):]  # type: ignore[arg-type]
        except OSError:  # the copy is gone: it gives nothing back
            self._served = False

    def finish(self) -> None:
        """Nothing more will be added: the copy finishes what it has. (Before another copy of the process is
        made: a copy holding the pipe's end would keep the deflating copy waiting.)"""
        if self._served and self._batch:
            self._flush()
        self._close(self._to_copy[1])
        self._to_copy = (None, None)

    def take(self, members: Mapping[str, bytes]) -> dict[str, tuple[int, bytes]]:
        """(CRC-32, raw deflate stream) of each member handed over whose bytes in `members` are those handed
        over (of those the copy had room for); nothing when the copy failed."""
        self.finish()
        if not self._served or self._back[0] is None or self._shared is None:
            return {}
        head = b""
        try:
            while len(head) < 8:  # once the copy is done: how many members it deflated, in how many bytes
                got = os.read(self._back[0], 8 - len(head))
                if not got:
                    return {}
                head += got
        finally:
            self._close(self._back[0])
            self._back = (None, None)
        count, end = int.from_bytes(head[:4], "little"), int.from_bytes(head[4:], "little")
        data = self._shared[:end]
        out: dict[str, tuple[int, bytes]] = {}
        at = 0
        for name, blob in self._sent[:count]:
            size = int.from_bytes(data[at + 4:at + 8], "little")
            if members.get(name) is blob:
                out[name] = (int.from_bytes(data[at:at + 4], "little"), data[at + _HEAD:at + _HEAD + size])
            at += _HEAD + size
        return out if at == end else {}

    def close(self) -> None:
        """Close the pipes and free the shared memory (the copy is the caller's to end)."""
        self._close(*self._to_copy, *self._back)
        self._to_copy, self._back = (None, None), (None, None)
        self._served = False
        if self._shared is not None:
            self._shared.close()
            self._shared = None

    @staticmethod
    def _close(*fds: Optional[int]) -> None:
        for fd in fds:
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
