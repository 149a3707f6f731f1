"""Deflate a package's members in a copy of the process, on another core, while the caller still makes the rest;
the copy may also write members itself from recipes the caller hands over (`Deflater.make`)."""
from __future__ import annotations

import mmap
import os
import pickle
from typing import TYPE_CHECKING, Callable, Mapping, Optional, Sequence

from deckgen.package.zipwrite import ZIP_LEVEL, _deflate

if TYPE_CHECKING:
    import threading

# How much the caller gathers before it writes to the copy, and the pipe's size it asks for (Linux; where the
# system refuses, the default 64 KB): the caller's writes then rarely wait for the copy to read.
_BATCH = 256 * 1024
_MESSAGES = 16  # …or this many messages (recipes are small: the copy makes their members as they come)
_PIPE = 1024 * 1024
_F_SETPIPE_SZ = 1031
# The deflated members come back through memory shared with the copy, reserved once (only what is written
# takes memory): the largest deck deckgen builds deflates to less. What does not fit, the caller deflates.
_SHARED = 64 * 1024 * 1024
_HEAD = 8  # per member in the shared memory: CRC-32 and length, 4 bytes each, before the stream
# The members the copy writes from recipes come back unpacked through memory of their own (the largest deck's
# slides and notes take less); a recipe that does not fit is the caller's to make.
_MADE = 256 * 1024 * 1024
# Messages to the copy: a kind and the payload's length (5 bytes), then the payload
_MEMBER, _RECIPE, _ASK = b"B", b"R", b"Q"
# Records back (9 bytes): how far the made members are (recipes recorded, end in `_MADE`'s memory), asked
# for with `_ASK`; and once the caller finished and every member is deflated, how many and in how many bytes
_SO_FAR, _DONE = b"P", b"F"
_SLICE = 32  # members the copy deflates between two looks at what came in (an ask is answered before long)


class Made:
    """The members one recipe makes (`Deflater.make`): `source(i)` gives the i-th member's bytes, told the name
    it is written under; they are the copy's when it made them, else made here by `local()` (the same bytes)."""

    def __init__(self, deflater: Optional["Deflater"], recipe: int, sent: int,
                 local: Callable[[], Sequence[bytes]]) -> None:
        self._deflater, self._recipe, self._sent, self._local = deflater, recipe, sent, local
        self._blobs: Optional[Sequence[bytes]] = None
        self._theirs = False

    def source(self, i: int) -> Callable[[str], bytes]:
        return lambda name: self.member(i, name)

    def member(self, i: int, name: str) -> bytes:
        """The i-th member's bytes, to be written as `name`."""
        if self._blobs is None:
            got = self._deflater.made(self._recipe) if self._deflater is not None else None
            self._theirs = got is not None
            self._blobs = got if got is not None else tuple(self._local())
        blob = self._blobs[i]
        if self._theirs:  # the copy deflated these very bytes: `take` gives them back under `name`
            self._deflater._sent[self._sent + i] = (name, blob)  # type: ignore[union-attr]
        return blob


class _Making:
    """In the copy: the members made of each recipe (`maker(recipe)`), written into `memory` as they are made
    ((count, then length and bytes of each) per recipe) while they fit; from the first that does not, none."""

    def __init__(self, memory: mmap.mmap, maker: Optional[Callable[[object], Sequence[bytes]]]) -> None:
        self.memory, self.maker = memory, maker
        self.recorded = self.end = 0
        self.full = maker is None

    def make(self, body: bytes) -> list[Optional[bytes]]:
        """The members of the recipe message `body` (its count, then the recipe pickled), to deflate: None for
        each where the caller makes them."""
        n = body[0]
        if self.full:
            return [None] * n
        blobs = tuple(self.maker(pickle.loads(body[1:])))  # type: ignore[misc]
        if len(blobs) != n:
            raise ValueError(f"a recipe made {len(blobs)} members, not {n}")
        record = n.to_bytes(4, "little") + b"".join(len(b).to_bytes(4, "little") + b for b in blobs)
        if self.end + len(record) > len(self.memory):
            self.full = True  # this recipe and the rest are the caller's to make
            return [None] * n
        self.memory[self.end:self.end + len(record)] = record
        self.end += len(record)
        self.recorded += 1
        return list(blobs)

    def so_far(self) -> bytes:
        """How many recipes are recorded, and where their members end."""
        return self.recorded.to_bytes(4, "little") + self.end.to_bytes(4, "little")


class _Packing:
    """In the copy: the members to deflate, in the order handed over, deflated into `shared` while they fit."""

    def __init__(self, shared: mmap.mmap, level: int) -> None:
        self.shared, self.level = shared, level
        self.queue: list[Optional[bytes]] = []  # (None: a member the caller makes, and deflates, itself)
        self.done = self.count = self.end = 0
        self.full = False

    @property
    def behind(self) -> bool:
        return self.done < len(self.queue)

    def deflate(self, most: int) -> None:
        """Deflate up to `most` more members of the queue."""
        todo = self.queue[self.done:self.done + most]
        self.done += len(todo)
        if self.full:
            return
        for blob, (crc, stream) in zip(todo, _deflate([b or b"" for b in todo], self.level)):
            if blob is None:
                crc, stream = 0, b""  # (the caller never takes it)
            if self.end + _HEAD + len(stream) > len(self.shared):
                self.full = True  # the rest is the caller's to deflate
                return
            self.shared[self.end:self.end + _HEAD] = crc.to_bytes(4, "little") + len(stream).to_bytes(4, "little")
            self.shared[self.end + _HEAD:self.end + _HEAD + len(stream)] = stream
            self.end += _HEAD + len(stream)
            self.count += 1


class Deflater:
    """Members handed over with `add` as they are made (a slide's part, the moment it is written) are deflated
    by a copy of the process made after this (`serve`, there), on another core, while the caller makes the rest.
    `finish()` says nothing more comes; `take(members)` gives each member's (CRC-32, raw deflate stream), as
    `zipwrite.deflate_members` makes it at the same level, for the members of the package that are still the
    very bytes handed over (`members[name] is blob`): a part changed since is left for the caller to deflate.

    With `make(recipe, count, local)` the caller hands over what the copy's `serve(maker)` turns into `count`
    members (`maker(recipe)`; `local()` makes the same bytes here): the copy writes and deflates them, and the
    caller takes their bytes when it needs them (`Made.member`), then their deflated streams with `take`.

    Made before the copy (`os.fork`), told by `forked(made)` whether it was; when it was not, or the copy
    fails in any way, `take` gives nothing and the caller deflates every member itself, and makes every
    recipe's members itself: the zip is the same."""

    def __init__(self, level: int = ZIP_LEVEL) -> None:
        self.level = level
        self._sent: list[tuple[Optional[str], Optional[bytes]]] = []  # in the order the copy deflates them
        self._batch: list[bytes] = []
        self._size = 0
        self._served = False
        self._listening: Optional[tuple[list[bytes], list[bool], "threading.Condition"]] = None
        self._shared: Optional[mmap.mmap] = None
        self._made_memory: Optional[mmap.mmap] = None
        self._to_copy: tuple[Optional[int], Optional[int]] = (None, None)
        self._back: tuple[Optional[int], Optional[int]] = (None, None)
        self._recipes: list[int] = []  # members each recipe handed over makes
        self._made: list[Optional[tuple[bytes, ...]]] = []  # what the copy made of each recipe, as far as read
        self._made_at = 0  # where reading `_made_memory` goes on
        self._made_full = False  # the copy had no room for more: the caller makes the rest
        try:  # (where the system refuses the memory or the pipes, nothing is handed over: `take` gives nothing)
            self._shared = mmap.mmap(-1, _SHARED)  # anonymous: shared with a forked copy
            self._made_memory = mmap.mmap(-1, _MADE)
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

    def serve(self, maker: Optional[Callable[[object], Sequence[bytes]]] = None) -> None:
        """In the copy: take what the caller hands over until it finishes: members to deflate, recipes to make
        members of with `maker` (their bytes go back at once, into memory of their own, and are deflated too);
        answer each ask with how far the made members are; deflate into the shared memory ((CRC-32, length,
        stream) per member, in the order handed over, while they fit), then say how many and in how many bytes."""
        self.listen()
        back, shared, memory = self._back[1], self._shared, self._made_memory
        if self._listening is None or back is None or shared is None or memory is None:
            return
        chunks, done, ready = self._listening
        making, packing = _Making(memory, maker), _Packing(shared, self.level)
        pending = b""
        while True:
            with ready:
                while not chunks and not done and not packing.behind:
                    ready.wait()
                got, chunks[:] = b"".join(chunks), []
                ended = bool(done)  # (set after the last chunk: all the caller sent is in `got` now)
            pending += got
            at = 0
            while at + 5 <= len(pending):
                kind, size = pending[at:at + 1], int.from_bytes(pending[at + 1:at + 5], "little")
                if at + 5 + size > len(pending):
                    break
                body = pending[at + 5:at + 5 + size]
                at += 5 + size
                if kind == _MEMBER:
                    packing.queue.append(body)
                elif kind == _RECIPE:
                    packing.queue += making.make(body)
                elif kind == _ASK:
                    os.write(back, _SO_FAR + making.so_far())
                else:
                    raise ValueError(f"an unknown message {kind!r}")
            pending = pending[at:]
            if ended:
                break
            if not got:  # nothing came in: deflate a little, then look again (an ask is answered before long)
                packing.deflate(_SLICE)
        if pending:
            raise ValueError("a member was cut short")
        packing.deflate(len(packing.queue))
        os.write(back, _DONE + packing.count.to_bytes(4, "little") + packing.end.to_bytes(4, "little"))

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
        self._send(_MEMBER, blob)

    def make(self, recipe: object, count: int, local: Callable[[], Sequence[bytes]]) -> Made:
        """Hand over `recipe`, which the copy's maker turns into `count` members (at most 255); `local()` makes
        the same members here, where the copy cannot."""
        if not self.serving:
            return Made(None, 0, 0, local)
        made = Made(self, len(self._recipes), len(self._sent), local)
        self._recipes.append(count)
        self._sent += [(None, None)] * count  # named when taken (`Made.member`)
        self._send(_RECIPE, bytes((count,)) + pickle.dumps(recipe, protocol=pickle.HIGHEST_PROTOCOL))
        return made

    def made(self, recipe: int) -> Optional[tuple[bytes, ...]]:
        """The members the copy made of recipe number `recipe` (asking how far it is, and waiting, when it
        was not there yet); None when the copy did not make them (no room, failed, finished)."""
        if recipe >= len(self._made) and self.serving and self._back[0] is not None and not self._made_full:
            self._send(_ASK, b"")
            self._flush()
            record = self._record()
            if record is not None and record[0] == _SO_FAR:
                self._read_made(record[1], record[2])
                self._made_full = len(self._made) < len(self._recipes)  # it made no more: it had no room
            else:
                self._served = False
        return self._made[recipe] if recipe < len(self._made) else None

    def _read_made(self, recorded: int, end: int) -> None:
        """Read the recipes' members the copy recorded up to `recorded` (ending at `end`)."""
        memory = self._made_memory
        assert memory is not None
        at = self._made_at
        while len(self._made) < recorded and at < end:
            n = int.from_bytes(memory[at:at + 4], "little")
            if n != self._recipes[len(self._made)]:
                self._served = False  # (the copy and the caller disagree: make everything here)
                return
            at += 4
            blobs = []
            for _ in range(n):
                size = int.from_bytes(memory[at:at + 4], "little")
                blobs.append(memory[at + 4:at + 4 + size])
                at += 4 + size
            self._made.append(tuple(blobs))
        self._made_at = at

    def _record(self) -> Optional[tuple[bytes, int, int]]:
        """The copy's next record (kind, two numbers); None once it is gone."""
        head = b""
        try:
            while len(head) < 9:
                got = os.read(self._back[0], 9 - len(head))  # type: ignore[arg-type]
                if not got:
                    return None
                head += got
        except OSError:
            return None
        return head[:1], int.from_bytes(head[1:5], "little"), int.from_bytes(head[5:], "little")

    def _send(self, kind: bytes, payload: bytes) -> None:
        self._batch += (kind + len(payload).to_bytes(4, "little"), payload)
        self._size += len(payload) + 5
        if self._size >= _BATCH or len(self._batch) >= 2 * _MESSAGES:
            self._flush()

    def _flush(self) -> None:
        data, self._batch, self._size = b"".join(self._batch), [], 0
        if self._to_copy[1] is None:
            return
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._to_copy[1], view):]
        except OSError:  # the copy is gone: it gives nothing back
            self._served = False

    def finish(self) -> None:
        """Nothing more will be added: the copy finishes what it has. (Before another copy of the process is
        made: a copy holding the pipe's end would keep the deflating copy waiting.)"""
        if self._served and self._batch:
            self._flush()
        self._batch, self._size = [], 0
        self._close(self._to_copy[1])
        self._to_copy = (None, None)

    def take(self, members: Mapping[str, bytes]) -> dict[str, tuple[int, bytes]]:
        """(CRC-32, raw deflate stream) of each member handed over (or made by the copy) whose bytes in
        `members` are those handed over (of those the copy had room for); nothing when the copy failed."""
        self.finish()
        if not self._served or self._back[0] is None or self._shared is None:
            return {}
        try:
            record = self._record()  # once the copy is done: how many members it deflated, in how many bytes
        finally:
            self._close(self._back[0])
            self._back = (None, None)
        if record is None or record[0] != _DONE:
            return {}
        count, end = record[1], record[2]
        data = self._shared[:end]
        out: dict[str, tuple[int, bytes]] = {}
        at = 0
        for name, blob in self._sent[:count]:
            size = int.from_bytes(data[at + 4:at + 8], "little")
            if name is not None and blob is not None and members.get(name) is blob:
                out[name] = (int.from_bytes(data[at:at + 4], "little"), data[at + _HEAD:at + _HEAD + size])
            at += _HEAD + size
        return out if at == end else {}

    def close(self) -> None:
        """Close the pipes and free the shared memory (the copy is the caller's to end)."""
        self._close(*self._to_copy, *self._back)
        self._to_copy, self._back = (None, None), (None, None)
        self._served = False
        for memory in (self._shared, self._made_memory):
            if memory is not None:
                memory.close()
        self._shared = self._made_memory = None

    @staticmethod
    def _close(*fds: Optional[int]) -> None:
        for fd in fds:
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
