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


def _maker(recipe: object) -> tuple[bytes, ...]:
    """What the copy makes of a test recipe `(n, text)`: n members from the text."""
    n, text = recipe  # type: ignore[misc]
    return tuple(f"<m{i}>{text * (i + 1)}</m{i}>".encode("utf-8") for i in range(n))


def _made_served(d: Deflater, maker: object = _maker) -> Forked[int]:
    copy: Forked[int] = Forked(lambda: 1, then=lambda _: d.serve(maker))  # type: ignore[arg-type]
    d.forked(copy.forked)
    assert copy.result() == 1
    return copy


def _recipes() -> list[tuple[int, str]]:
    return [(i % 3, "讲稿" * (i * 13 % 400) + str(i)) for i in range(300)]


def test_recipes_are_made_by_the_copy_and_deflated_there_in_the_order_handed_over() -> None:
    """Members handed over and recipes interleave: each recipe's members come back as its maker makes them
    (the copy's bytes, told the name they are written under), and every member deflated as here."""
    d = Deflater()
    copy = _made_served(d)
    members = dict(list(_members(40).items())[:40])
    names = iter(members)
    handles = []
    for recipe in _recipes():
        name = next(names, None)
        if name is not None:
            d.add(name, members[name])
        handles.append((recipe, d.make(recipe, recipe[0], lambda r=recipe: pytest.fail(f"made here: {r}"))))
    package = dict(members)
    for k, (recipe, made) in enumerate(handles):
        for i in range(recipe[0]):
            package[f"made/{k}/{i}.xml"] = made.member(i, f"made/{k}/{i}.xml")
            assert package[f"made/{k}/{i}.xml"] == _maker(recipe)[i]
    got = d.take(package)
    copy.after()
    d.close()
    assert got == deflate_members(list(package), package, workers=1)


def test_without_a_copy_or_when_it_dies_recipes_are_made_here() -> None:
    alone = Deflater()
    alone.forked(False)
    made = alone.make((2, "x"), 2, lambda: _maker((2, "x")))
    assert made.member(1, "a.xml") == _maker((2, "x"))[1] and alone.take({"a.xml": b""}) == {}

    d = Deflater()  # the copy dies before it makes anything
    copy: Forked[int] = Forked(lambda: 1, then=lambda _: (d.listen(), os.kill(os.getpid(), signal.SIGKILL)))
    d.forked(copy.forked)
    copy.result()
    handles = [(r, d.make(r, r[0], lambda r=r: _maker(r))) for r in _recipes()[:50]]
    package = {f"{k}/{i}": made.member(i, f"{k}/{i}") for k, (r, made) in enumerate(handles) for i in range(r[0])}
    assert package == {f"{k}/{i}": _maker(r)[i] for k, (r, _) in enumerate(handles) for i in range(r[0])}
    assert d.take(package) == {}
    copy.close()
    d.close()


def test_a_copy_whose_maker_fails_leaves_every_recipe_to_the_caller() -> None:
    def wrong(recipe: object) -> tuple[bytes, ...]:
        return (b"<one/>",)  # one member where the caller counts on two

    d = Deflater()
    copy = _made_served(d, wrong)
    made = d.make((2, "y"), 2, lambda: _maker((2, "y")))
    assert (made.member(0, "a"), made.member(1, "b")) == _maker((2, "y"))
    assert d.take({"a": made.member(0, "a")}) == {}
    copy.close()
    d.close()


def test_recipes_past_the_made_memory_are_made_by_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy keeps what it makes in memory reserved once: from the first recipe that does not fit, the
    caller makes the members (the same bytes) and deflates them; those before come from the copy."""
    import deckgen.package.deflater as deflater

    monkeypatch.setattr(deflater, "_MADE", 16 * 1024)
    d = Deflater()
    copy = _made_served(d)
    recipes = [(1, f"{i:04d}" * 500) for i in range(20)]  # 2 KB each: about 8 fit
    here: list[int] = []
    handles = [d.make(r, 1, lambda r=r, k=k: here.append(k) or _maker(r)) for k, r in enumerate(recipes)]
    package = {f"m{k}": made.member(0, f"m{k}") for k, made in enumerate(handles)}
    assert package == {f"m{k}": _maker(r)[0] for k, r in enumerate(recipes)}
    got = d.take(package)
    copy.after()
    d.close()
    assert 0 < here[0] < len(recipes) and here == list(range(here[0], len(recipes)))
    assert set(got) == {f"m{k}" for k in range(here[0])}
    assert got == {n: p for n, p in deflate_members(list(package), package, workers=1).items() if n in got}
