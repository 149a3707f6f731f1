"""The one guarded reader of zip packages (templates, .docx lectures, decks): limits checked before reading,
members read with a hard cap, XML parsed safely, relationship targets resolved."""
from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import IO, Iterator, Optional, Sequence, Union
from urllib.parse import unquote

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package.files import file_problem as regular_file_problem
from deckgen.package.ns import REL

MAX_FILE = 200 * 1024 * 1024          # the zip file itself
MAX_PARTS = 5000                      # entries in a template or .docx
MAX_DECK_PARTS = 60_000               # entries in a deck (10,000 slides with notes and their relationships)
MAX_UNCOMPRESSED = 300 * 1024 * 1024  # all entries unpacked, as the zip declares them
MAX_RATIO = 200                       # unpacked / packed, checked once the unpacked size passes 10 MB
MAX_XML = 64 * 1024 * 1024            # one XML member, unpacked: larger ones are not parsed
_RATIO_FROM = 10 * 1024 * 1024
_CHUNK = 1 << 20
_AT_ONCE = 64 << 20  # a zip up to this size is read into memory at once to unpack all its members

Source = Union[str, "os.PathLike[str]", bytes, IO[bytes]]
Member = Union[str, zipfile.ZipInfo]


class ZipRefused(Exception):
    """A zip package, or one of its members, that deckgen does not read; `str()` says why."""


class FileUnreadable(ZipRefused):
    """The file cannot be opened (missing, a folder, no permission): `str()` is the system's reason."""


class FileTooLarge(ZipRefused):
    """The file is larger than `MAX_FILE`."""


class NotAZip(ZipRefused):
    """The file is not a zip archive: `str()` is zipfile's reason. `kind` says what it is instead when that
    is known: `encrypted` (an Office file saved with a password: an OLE container holding an encrypted
    package) or `ole` (an Office 97–2003 binary file: .doc, .ppt)."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


    def saved_as(self, suffix: str) -> Optional[str]:
        """What the user should do, for a file known to be an encrypted or an old binary Office file
        (`suffix`: the format wanted, ".pptx" or ".docx"); None otherwise."""
        if self.kind == "encrypted":
            return ("the file is encrypted (saved with a password), so deckgen cannot read it; remove the password "
                    f"(File → Info → Protect → Encrypt with Password, clear it) and save it again as {suffix}")
        if self.kind == "ole":
            return (f"an old Office 97–2003 binary file (.doc/.ppt), not {suffix}; open it in Office or WPS and "
                    f"save it as {suffix}")
        return None


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _not_zip_kind(fh: IO[bytes]) -> str:
    """`encrypted` or `ole` for an OLE compound file (see `NotAZip`), else ""."""
    fh.seek(0)
    head = fh.read(1 << 16)
    if not head.startswith(OLE_MAGIC):
        return ""
    return "encrypted" if _ENCRYPTED in head or _ENCRYPTED in fh.read(4 << 20) else "ole"


class LimitExceeded(ZipRefused):
    """Too many entries, or the declared unpacked size is too large (a zip bomb): `str()` is `zip_problem`'s."""


class MemberUnreadable(ZipRefused):
    """A member is missing, damaged, encrypted or packed with an unsupported method."""


class MemberMissing(MemberUnreadable):
    """No member has the name asked for."""


class MemberTooLarge(MemberUnreadable):
    """A member unpacks to more than the cap it was read with."""


class BadXml(MemberUnreadable):
    """A member is not well-formed XML, or has a DOCTYPE (which OOXML does not allow)."""


def file_problem(path: Path) -> Optional[str]:
    """Why the file at `path` cannot be a package we open (missing, a folder, a FIFO or device, a link loop,
    too large), else None; see `deckgen.package.files.file_problem`."""
    why = regular_file_problem(path)
    if why:
        return why
    if path.stat().st_size > MAX_FILE:
        return f"is larger than {MAX_FILE >> 20} MB"
    return None


def zip_problem(zf: zipfile.ZipFile, max_parts: int = MAX_PARTS) -> Optional[str]:
    """Why the open zip `zf` is refused (more than `max_parts` parts, unpacks to too much: a zip bomb),
    else None. Only the central directory is looked at: the sizes are the ones the zip declares."""
    infos = zf.infolist()
    if len(infos) > max_parts:
        return f"the package has {len(infos)} parts; the limit is {max_parts}"
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > _RATIO_FROM and total / packed > MAX_RATIO):
        return (f"the package would unpack to {total >> 20} MB, {total // packed} times its packed size "
                "(a zip bomb?); refusing to open it")
    return None


_PARSERS = threading.local()


def parse_xml(data: bytes, name: str) -> etree._Element:
    """`data` (the member `name`) parsed without entities, DTDs or network access.

    Raises `BadXml` when it is not well-formed or has a DOCTYPE."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:  # one per thread (an lxml parser is reused, never shared between threads)
        parser = _PARSERS.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                   huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadXml(f"{name}: not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise BadXml(f"{name}: has a DOCTYPE, which OOXML does not allow")
    return root


def _info(name: str, members: dict[str, bytes]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size = len(members[name])
    return info


@record(frozen=True)
class Rel:
    """One relationship: its `id`, `type` and `target` as written, whether it is `external`, and the
    `part` it names inside the package (None when external or when the target leaves the package)."""

    id: str
    type: str
    target: str
    external: bool
    part: Optional[str]


def rels_name(part: str) -> str:
    """The relationships part of `part` ("" for the package itself): `ppt/_rels/presentation.xml.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def source_of(rels: str) -> str:
    """The part whose relationships `rels` holds ("" for `_rels/.rels`): the inverse of `rels_name`."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def resolve(source: str, target: str) -> Optional[str]:
    """The part name that `target`, in a relationship of the part `source` ("" for the package), points at.

    A relative target is taken from the folder of `source`, an absolute one (`/ppt/…`) from the package
    root; `%xx` escapes are decoded and a `#fragment` dropped. None when the target leaves the package."""
    return _resolve_in(posixpath.dirname(source), target)


@lru_cache(maxsize=4096)  # a deck's slides share their folder and most targets
def _resolve_in(folder: str, target: str) -> Optional[str]:
    """`resolve` for a part in `folder`."""
    target = unquote(target.split("#", 1)[0])
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    norm = posixpath.normpath(joined) if joined else "."
    return None if norm in (".", "..") or norm.startswith("../") else norm


# A relationships part in the one form deckgen's package writer gives it (`render.pptx_api.rels_xml`): no character
# XML escapes, no external targets, nothing but the three attributes in order. Bytes that match it whole are a
# well-formed document that lxml reads to the same relationships, so it is read without parsing.
_PLAIN_RELS = re.compile(rb"<\?xml version='1\.0' encoding='UTF-8' standalone='yes'\?>\n<Relationships xmlns=\""
                         + re.escape(REL.encode("ascii")) + rb"\">(?:<Relationship Id=\"[A-Za-z0-9]+\" Type=\"[A-Za-z0-9:/._-]+\""
                         rb" Target=\"[A-Za-z0-9/._-]+\"/>)+</Relationships>\Z")
_PLAIN_REL = re.compile(rb'<Relationship Id="([^"]*)" Type="([^"]*)" Target="([^"]*)"/>')


def plain_relationships(data: bytes, source: str) -> Optional[list[Rel]]:
    """The relationships of the part `source` in the relationships part `data`, read without an XML parser when
    `data` has the plain form deckgen writes (`relationships` of the parsed part gives the same); else None."""
    if not _PLAIN_RELS.match(data):
        return None
    folder = posixpath.dirname(source)
    return [Rel(i.decode(), t.decode(), to, False, _resolve_in(folder, to))
            for i, t, target in _PLAIN_REL.findall(data) for to in (target.decode(),)]


def relationships(root: etree._Element, source: str) -> list[Rel]:
    """The relationships in the parsed relationships part `root` of the part `source`, in document order."""
    out = []
    for rel in root.iter(f"{{{REL}}}Relationship"):
        target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
        out.append(Rel(rel.get("Id", ""), rel.get("Type", ""), target, external, None if external else resolve(source, target)))
    return out


class Package:
    """An open zip package that passed the limits; read its members with `read`, `chunks`, `xml`, `rels`.

    Open it with `Package.open`; use it as a context manager (closing a stream it was given is left to
    the caller)."""

    def __init__(self, zf: Optional[zipfile.ZipFile], owned: Optional[IO[bytes]],
                 members: Optional[dict[str, bytes]] = None, order: Sequence[str] = ()) -> None:
        self._zf, self._owned, self._members = zf, owned, members
        self.infos: list[zipfile.ZipInfo] = zf.infolist() if zf is not None else [_info(n, members) for n in order]
        self.names: dict[str, zipfile.ZipInfo] = {i.filename: i for i in self.infos}

    @classmethod
    def of_members(cls, order: Sequence[str], members: dict[str, bytes], max_parts: int = MAX_PARTS) -> Package:
        """The package whose zip would hold `members` (name → unpacked bytes) in `order`, read from memory
        (a package about to be written is checked without packing and unpacking it). Raises `LimitExceeded`
        as `open` does for more than `max_parts` members or more than `MAX_UNCOMPRESSED` bytes."""
        if len(order) > max_parts:
            raise LimitExceeded(f"the package has {len(order)} parts; the limit is {max_parts}")
        if sum(len(members[n]) for n in order) > MAX_UNCOMPRESSED:
            raise LimitExceeded(f"the package would unpack to more than {MAX_UNCOMPRESSED >> 20} MB")
        return cls(None, None, members, order)

    @classmethod
    def open(cls, source: Source, max_parts: int = MAX_PARTS) -> Package:
        """Open the zip at a path, in `bytes` or in a binary stream, refusing it before reading any member.

        Raises `FileUnreadable` (cannot be opened), `FileTooLarge` (more than `MAX_FILE`), `NotAZip`, or
        `LimitExceeded` (more than `max_parts` entries; a declared unpacked size beyond `MAX_UNCOMPRESSED`,
        or a packing ratio beyond `MAX_RATIO`: a zip bomb)."""
        owned: Optional[IO[bytes]] = None
        try:
            if isinstance(source, (bytes, bytearray, memoryview)):
                fh = owned = io.BytesIO(source)
            elif isinstance(source, (str, os.PathLike)):
                why = regular_file_problem(source)  # never open a FIFO or a device: it could block forever
                if why:
                    raise FileUnreadable(f"{os.fspath(source)!r} {why}")
                fh = owned = open(source, "rb")
            else:
                fh = source
            size = fh.seek(0, io.SEEK_END)
            fh.seek(0)
            if size > MAX_FILE:
                raise FileTooLarge(f"the file is larger than {MAX_FILE >> 20} MB")
            zf = zipfile.ZipFile(fh)
        except OSError as exc:
            cls._close(owned)
            raise FileUnreadable(exc.strerror or str(exc)) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            try:
                kind = _not_zip_kind(fh)
            except (OSError, ValueError):
                kind = ""
            cls._close(owned)
            raise NotAZip(str(exc) or type(exc).__name__, kind) from None
        except ZipRefused:
            cls._close(owned)
            raise
        problem = zip_problem(zf, max_parts)
        if problem:
            zf.close()
            cls._close(owned)
            raise LimitExceeded(problem)
        return cls(zf, owned)

    @staticmethod
    def _close(fh: Optional[IO[bytes]]) -> None:
        if fh is not None:
            fh.close()

    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()
        self._close(self._owned)

    def __enter__(self) -> Package:
        return self

    def __exit__(self, kind: Optional[type], exc: Optional[BaseException], tb: Optional[TracebackType]) -> None:
        self.close()

    def has(self, name: str) -> bool:
        """Whether the package has a member named exactly `name`."""
        return name in self.names

    def _info(self, member: Member) -> zipfile.ZipInfo:
        if isinstance(member, zipfile.ZipInfo):
            return member
        info = self.names.get(member)
        if info is None:
            raise MemberMissing(f"{member}: not in the package")
        return info

    def chunks(self, member: Member, cap: int = MAX_UNCOMPRESSED) -> Iterator[bytes]:
        """The unpacked content of `member` (a name or one of `infos`) in pieces, never more than `cap` bytes.

        Raises `MemberTooLarge` when it declares, or turns out to unpack to, more than `cap` bytes (at most
        `cap + 1` bytes are read), `MemberMissing`, or `MemberUnreadable` when it cannot be unpacked."""
        info = self._info(member)
        if info.file_size > cap:
            raise MemberTooLarge(f"{info.filename}: larger than {cap >> 20} MB uncompressed")
        if self._members is not None:
            yield self._members[info.filename]
            return
        try:
            with self._zf.open(info) as fh:
                left = cap + 1
                while chunk := fh.read(min(_CHUNK, left)):
                    left -= len(chunk)
                    if left <= 0:
                        raise MemberTooLarge(f"{info.filename}: larger than {cap >> 20} MB uncompressed")
                    yield chunk
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, ValueError, OSError) as exc:
            raise MemberUnreadable(f"{info.filename}: cannot be read from the zip ({exc})") from None

    def contents(self, infos: Sequence[zipfile.ZipInfo], cap: int = MAX_UNCOMPRESSED) -> Iterator[bytes]:
        """The unpacked content of each of `infos`, in turn, each held to `cap` bytes as `read` holds it.

        Plain stored or deflated members are unpacked straight from the zip's bytes, read at once (one member
        after another through `zipfile` costs more than the unpacking; zips over `_AT_ONCE` are read member by member); their CRC-32 is checked as `zipfile`
        checks it. Anything else goes through `read`."""
        raw = None
        if self._zf is not None and self._members is None:
            fp = self._zf.fp
            if fp is not None and fp.seekable() and fp.seek(0, io.SEEK_END) <= _AT_ONCE:
                fp.seek(0)
                raw = memoryview(fp.read())
        for info in infos:
            yield self._unpacked(info, raw, cap) if raw is not None else self.read(info, cap)

    def _unpacked(self, info: zipfile.ZipInfo, raw: memoryview, cap: int) -> bytes:
        if info.file_size > cap:
            raise MemberTooLarge(f"{info.filename}: larger than {cap >> 20} MB uncompressed")
        at = info.header_offset
        head = bytes(raw[at:at + 30])
        if (info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                or len(head) < 30 or head[:4] != b"PK\003\004"):
            return self.read(info, cap)  # encrypted, another method, or a header zipfile must judge
        start = at + 30 + int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
        body = raw[start:start + info.compress_size]
        try:
            if info.compress_type == zipfile.ZIP_STORED:
                data = bytes(body)
            else:
                inflate = zlib.decompressobj(-15)
                data = inflate.decompress(body, info.file_size + 1)
        except zlib.error as exc:
            raise MemberUnreadable(f"{info.filename}: cannot be read from the zip ({exc})") from None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            raise MemberUnreadable(f"{info.filename}: cannot be read from the zip (its size or CRC-32 is not the "
                                   "one the zip declares)")
        return data

    def held(self, name: str) -> Optional[bytes]:
        """The bytes of member `name` when the package is held in memory (`of_members`: a deck about to be
        written), without reading anything; None for a package read from a zip."""
        return self._members.get(name) if self._members is not None else None

    def read(self, member: Member, cap: int = MAX_UNCOMPRESSED) -> bytes:
        """The unpacked content of `member`, at most `cap` bytes (see `chunks` for what it raises)."""
        info = self._info(member)
        if self._members is not None:
            if info.file_size > cap:
                raise MemberTooLarge(f"{info.filename}: larger than {cap >> 20} MB uncompressed")
            return self._members[info.filename]
        if info.file_size > _CHUNK or cap < _CHUNK:
            return b"".join(self.chunks(info, cap))
        # a member declared small (what decks are made of) in one read; one that unpacks to more than a chunk
        # after all is read again by `chunks`, which holds it to `cap`
        try:
            with self._zf.open(info) as fh:
                data = fh.read(_CHUNK)
                more = fh.read(1) if len(data) == _CHUNK else b""
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, ValueError, OSError) as exc:
            raise MemberUnreadable(f"{info.filename}: cannot be read from the zip ({exc})") from None
        return b"".join(self.chunks(info, cap)) if more else data

    def xml(self, member: Member, cap: int = MAX_XML) -> etree._Element:
        """`member` read (at most `cap` bytes) and parsed by `parse_xml`; raises as `chunks` and `parse_xml` do."""
        info = self._info(member)
        return parse_xml(self.read(info, cap), info.filename)

    def rels(self, part: str) -> list[Rel]:
        """The relationships of `part` ("" for the package's own), none when it has no relationships part."""
        name = rels_name(part)
        return relationships(self.xml(name), part) if self.has(name) else []
