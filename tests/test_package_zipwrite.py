"""The zip writer: zipfile's bytes, written with the deflating spread over threads."""
from __future__ import annotations

import io
import random
import zipfile

import pytest

from deckgen.package.zipwrite import ZIP_LEVEL, deflate_members, write_zip, zip_time

DT = (2026, 12, 1, 16, 50, 58)


def _members(n: int = 300) -> tuple[list[str], dict[str, bytes]]:
    rng = random.Random(7)
    order = ["[Content_Types].xml", "_rels/.rels"] + [f"ppt/slides/slide{i}.xml" for i in range(1, n)] + ["ppt/media/图.png"]
    data = {m: ("<p:sld>" + "".join(rng.choice("讲话精神abc <>&") for _ in range(rng.randrange(0, 4000))) + "</p:sld>").encode()
            for m in order}
    data["ppt/media/图.png"] = bytes(rng.randrange(256) for _ in range(5000))  # incompressible, non-ASCII name
    return order, data


def _zipfile_bytes(order: list[str], data: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as z:
        for m in order:
            info = zipfile.ZipInfo(m, DT)
            info.external_attr = 0o600 << 16
            z.writestr(info, data[m], zipfile.ZIP_DEFLATED, ZIP_LEVEL)
    return out.getvalue()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_same_bytes_as_zipfile(workers: int) -> None:
    order, data = _members()
    out = io.BytesIO()
    write_zip(out, order, data, date_time=DT, workers=workers)
    assert out.getvalue() == _zipfile_bytes(order, data)


def test_reads_back_in_order() -> None:
    order, data = _members(50)
    out = io.BytesIO()
    write_zip(out, order, data)
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        assert z.namelist() == order
        assert all(z.read(m) == data[m] for m in order)


def test_empty_members_and_package() -> None:
    out = io.BytesIO()
    write_zip(out, ["a.xml", "b.xml"], {"a.xml": b"", "b.xml": b"<x/>"}, date_time=DT, workers=2)
    assert out.getvalue() == _zipfile_bytes(["a.xml", "b.xml"], {"a.xml": b"", "b.xml": b"<x/>"})
    out = io.BytesIO()
    write_zip(out, [], {}, date_time=DT)
    assert zipfile.ZipFile(out).namelist() == []


def test_source_date_epoch_fixes_the_time() -> None:
    assert zip_time("1764608458") == (2025, 12, 1, 17, 0, 58)
    assert zip_time("0") == (1980, 1, 1, 0, 0, 0)  # before zip's epoch: its first day
    assert zip_time("not a number")[0] >= 2026


def test_contents_unpacks_as_zipfile_and_refuses_damage(tmp_path) -> None:
    from deckgen.package.zipread import MemberTooLarge, MemberUnreadable, Package

    order, data = _members(40)
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w") as z:  # stored and deflated members
        for i, m in enumerate(order):
            z.writestr(m, data[m], zipfile.ZIP_DEFLATED if i % 2 else zipfile.ZIP_STORED)
    with Package.open(path) as pkg:
        assert list(pkg.contents(pkg.infos)) == [data[m] for m in order]
        with pytest.raises(MemberTooLarge):
            list(pkg.contents(pkg.infos, cap=1000))
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(order[5])
    raw[info.header_offset + 30 + len(info.filename.encode()) + 3] ^= 0xFF  # a byte of its content
    path.write_bytes(bytes(raw))
    with Package.open(path) as pkg, pytest.raises(MemberUnreadable, match=order[5]):
        list(pkg.contents(pkg.infos))


def test_members_deflated_beforehand_give_the_same_bytes() -> None:
    """Members deflated ahead (`deflate_members`, as the save does beside the package check) are written as
    they are; the rest are deflated at the write: the bytes are zipfile's either way."""
    order, data = _members(120)
    ahead = deflate_members(order[5:], data, workers=1)
    assert set(ahead) == set(order[5:])
    out = io.BytesIO()
    write_zip(out, order, data, date_time=DT, packed=ahead)
    assert out.getvalue() == _zipfile_bytes(order, data)
    wrong = {m: (0, b"") for m in order}  # proof that what is packed is used, not deflated again
    out = io.BytesIO()
    write_zip(out, order, data, date_time=DT, packed=wrong)
    assert out.getvalue() != _zipfile_bytes(order, data)
