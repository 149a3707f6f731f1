"""The guarded zip reader: limits checked before reading, capped member reads, safe XML, one relationship resolver."""
from __future__ import annotations

import ast
import io
import os
import zipfile
from pathlib import Path

import pytest

from deckgen.package import zipread
from deckgen.package.zipread import (MAX_DECK_PARTS, MAX_PARTS, BadXml, FileTooLarge, FileUnreadable, LimitExceeded,
                                     MemberMissing, MemberTooLarge, MemberUnreadable, NotAZip, OLE_MAGIC, Package, Rel, file_problem,
                                     parse_xml, rels_name, relationships, resolve, source_of)

SRC = Path(__file__).resolve().parent.parent / "src" / "deckgen"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def zeros(megabytes: int, member: str = "big.xml") -> bytes:
    """A small zip whose `member` unpacks to `megabytes` MB of zeros, written without holding them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(member, "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(bytes(1 << 20))
    return buf.getvalue()


class DescribeOpening:
    def it_opens_a_path_bytes_or_a_stream(self, tmp_path: Path) -> None:
        data = zip_of({"a.xml": b"<a/>"})
        (tmp_path / "p.zip").write_bytes(data)
        for source in (tmp_path / "p.zip", str(tmp_path / "p.zip"), data, io.BytesIO(data)):
            with Package.open(source) as package:
                assert package.has("a.xml") and not package.has("A.xml")
                assert package.read("a.xml") == b"<a/>"

    def it_leaves_a_stream_it_was_given_open(self) -> None:
        stream = io.BytesIO(zip_of({"a.xml": b"<a/>"}))
        with Package.open(stream):
            pass
        assert not stream.closed

    def it_says_why_a_file_cannot_be_opened(self, tmp_path: Path) -> None:
        with pytest.raises(FileUnreadable, match="nope.zip' does not exist"):
            Package.open(tmp_path / "nope.zip")
        with pytest.raises(FileUnreadable, match="is a folder, not a file"):
            Package.open(tmp_path)

    def it_never_opens_a_fifo(self, tmp_path: Path) -> None:
        """A named pipe without a writer would block `open()` for ever: it is refused from its type alone."""
        fifo = tmp_path / "deck.pptx"
        os.mkfifo(fifo)
        with pytest.raises(FileUnreadable, match="is a named pipe \\(FIFO\\), not a file"):
            Package.open(fifo)

    def it_names_an_encrypted_office_file(self) -> None:
        """A .pptx or .docx saved with a password is an OLE container holding `EncryptedPackage`."""
        ole = OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
        with pytest.raises(NotAZip) as caught:
            Package.open(ole)
        assert caught.value.kind == "encrypted"
        assert "encrypted (saved with a password)" in (caught.value.saved_as(".pptx") or "")
        with pytest.raises(NotAZip) as caught:
            Package.open(OLE_MAGIC + bytes(2000))
        assert caught.value.kind == "ole" and "Office 97–2003" in (caught.value.saved_as(".docx") or "")

    @pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04 broken"])
    def it_refuses_what_is_not_a_zip(self, data: bytes) -> None:
        with pytest.raises(NotAZip):
            Package.open(data)

    def it_refuses_a_file_larger_than_the_limit_before_reading_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(zipread, "MAX_FILE", 1000)
        with pytest.raises(FileTooLarge, match="larger than"):
            Package.open(b"x" * 1001)  # not even a zip: refused on its size alone

    def it_describes_a_path_before_opening_it(self, tmp_path: Path) -> None:
        assert file_problem(tmp_path / "nope.pptx") == "does not exist"
        assert file_problem(tmp_path) == "is a folder, not a file; give a file inside it"
        (tmp_path / "ok.pptx").write_bytes(b"x")
        assert file_problem(tmp_path / "ok.pptx") is None


class DescribeLimits:
    def it_allows_a_deck_more_entries_than_a_template(self) -> None:
        data = zip_of({f"p{i}.xml": b"" for i in range(MAX_PARTS + 1)}, zipfile.ZIP_STORED)
        with pytest.raises(LimitExceeded, match=f"the package has {MAX_PARTS + 1} parts; the limit is {MAX_PARTS}"):
            Package.open(data)
        with Package.open(data, MAX_DECK_PARTS) as package:
            assert len(package.infos) == MAX_PARTS + 1

    def it_refuses_a_declared_unpacked_size_beyond_the_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import os

        monkeypatch.setattr(zipread, "MAX_UNCOMPRESSED", 1 << 20)
        with pytest.raises(LimitExceeded, match=r"^the package would unpack to 2 MB, 0 times its packed size "
                                                r"\(a zip bomb\?\); refusing to open it$"):
            Package.open(zip_of({"noise.bin": os.urandom(2 << 20)}), MAX_DECK_PARTS)  # random: no packing ratio

    def it_refuses_a_packing_ratio_of_a_zip_bomb_only_past_10_mb(self) -> None:
        with pytest.raises(LimitExceeded, match="would unpack to 11 MB"):
            Package.open(zeros(11))
        with Package.open(zeros(9)) as package:  # zeros pack 1000:1, but 9 MB is harmless
            assert len(package.read("big.xml")) == 9 << 20

    def it_accepts_a_large_member_that_does_not_pack_like_a_bomb(self) -> None:
        import os

        noise = os.urandom(11 << 20)
        with Package.open(zip_of({"noise.bin": noise})) as package:
            assert package.read("noise.bin") == noise


def _lying_zip(actual: bytes, declared: int) -> bytes:
    """A stored zip whose one member `m.xml` holds `actual` but whose headers declare `declared` bytes."""
    size = len(actual).to_bytes(4, "little")
    return zip_of({"m.xml": actual}, zipfile.ZIP_STORED).replace(size + size, declared.to_bytes(4, "little") * 2)


class _Counting(io.BytesIO):
    """A member stream that counts the bytes handed out."""

    handed = 0

    def read(self, n: int = -1) -> bytes:
        data = super().read(n)
        self.handed += len(data)
        return data


class DescribeMemberReads:
    def it_reads_a_member_up_to_its_cap(self) -> None:
        with Package.open(zip_of({"m.xml": b"x" * 100})) as package:
            assert package.read("m.xml", 100) == b"x" * 100
            with pytest.raises(MemberTooLarge, match=r"^m\.xml: larger than 0 MB uncompressed$"):
                package.read("m.xml", 99)

    def it_never_returns_more_than_the_cap_whatever_the_zip_declares(self) -> None:
        with Package.open(_lying_zip(b"x" * 1000, 10)) as package:
            assert package.infos[0].file_size == 10
            with pytest.raises(MemberUnreadable, match="cannot be read from the zip"):
                package.read("m.xml", 500)  # zipfile stops at the declared 10 bytes; the CRC then fails

    def it_reads_in_chunks_and_at_most_one_byte_past_the_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(zipread, "_CHUNK", 7)
        with Package.open(zip_of({"m.xml": b"y" * 10})) as package:
            assert list(package.chunks("m.xml", 10)) == [b"y" * 7, b"y" * 3]
            stream = _Counting(b"y" * 1000)  # an unpacker that yields more than the 10 bytes declared
            monkeypatch.setattr(package._zf, "open", lambda info: stream)
            with pytest.raises(MemberTooLarge):
                package.read("m.xml", 20)
            assert stream.handed == 21

    def it_says_which_member_is_missing_or_damaged(self) -> None:
        data = bytearray(zip_of({"m.xml": b"<a>" + b"z" * 200 + b"</a>"}))
        with Package.open(bytes(data)) as package:
            with pytest.raises(MemberMissing, match=r"^n\.xml: not in the package$"):
                package.read("n.xml")
        at = data.index(b"m.xml") + len(b"m.xml") + 2  # inside the deflated data of the first local entry
        data[at] ^= 0xFF
        with Package.open(bytes(data)) as package:
            with pytest.raises(MemberUnreadable, match=r"^m\.xml: cannot be read from the zip \("):
                package.read("m.xml")


class DescribeXml:
    def it_parses_a_member(self) -> None:
        with Package.open(zip_of({"m.xml": b'<?xml version="1.0" encoding="UTF-8"?><a b="1"/>'})) as package:
            assert package.xml("m.xml").get("b") == "1"

    def it_refuses_a_doctype_and_does_not_expand_entities(self) -> None:
        laughs = (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]>'
                  b"<a>&l2;</a>")
        with pytest.raises(BadXml, match=r"^m\.xml: has a DOCTYPE, which OOXML does not allow$"):
            parse_xml(laughs, "m.xml")

    def it_does_not_read_external_files(self, tmp_path: Path) -> None:
        (tmp_path / "secret.txt").write_text("secret")
        xxe = f'<!DOCTYPE a [<!ENTITY s SYSTEM "{(tmp_path / "secret.txt").as_uri()}">]><a>&s;</a>'.encode()
        with pytest.raises(BadXml) as caught:
            parse_xml(xxe, "m.xml")
        assert "secret" not in str(caught.value)

    def it_reports_xml_that_is_not_well_formed(self) -> None:
        with pytest.raises(BadXml, match=r"^m\.xml: not well-formed XML: "):
            parse_xml(b"<a><b></a>", "m.xml")

    def it_caps_an_xml_member(self) -> None:
        with Package.open(zip_of({"m.xml": b"<a>" + b" " * 100 + b"</a>"})) as package:
            with pytest.raises(MemberTooLarge):
                package.xml("m.xml", 50)


class DescribeRelationships:
    @pytest.mark.parametrize("source, target, part", [
        ("", "ppt/presentation.xml", "ppt/presentation.xml"),
        ("", "/ppt/presentation.xml", "ppt/presentation.xml"),
        ("ppt/slides/slide1.xml", "../slideLayouts/slideLayout2.xml", "ppt/slideLayouts/slideLayout2.xml"),
        ("ppt/slides/slide1.xml", "/ppt/media/image1.png", "ppt/media/image1.png"),
        ("ppt/slides/slide1.xml", "slide2.xml#bookmark", "ppt/slides/slide2.xml"),
        ("ppt/slides/slide1.xml", "../media/a%20b.png", "ppt/media/a b.png"),
        ("ppt/slides/slide1.xml", "./../notesSlides/./notesSlide1.xml", "ppt/notesSlides/notesSlide1.xml"),
        ("ppt/slides/slide1.xml", "../../../x.xml", None),
        ("", "..", None),
        ("", "", None),
    ])
    def it_resolves_a_target_against_its_source_part(self, source: str, target: str, part: str | None) -> None:
        assert resolve(source, target) == part

    @pytest.mark.parametrize("part, rels", [("", "_rels/.rels"), ("ppt/presentation.xml", "ppt/_rels/presentation.xml.rels"),
                                            ("ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels")])
    def it_names_the_relationships_part_of_a_part(self, part: str, rels: str) -> None:
        assert rels_name(part) == rels and source_of(rels) == part

    def it_lists_the_relationships_of_a_part(self) -> None:
        xml = (f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{SLIDE_REL}" Target="slides/slide1.xml"/>'
               f'<Relationship Id="rId2" Type="h" Target="https://example.org/" TargetMode="External"/></Relationships>')
        expected = [Rel("rId1", SLIDE_REL, "slides/slide1.xml", False, "ppt/slides/slide1.xml"),
                    Rel("rId2", "h", "https://example.org/", True, None)]
        assert relationships(parse_xml(xml.encode(), "x"), "ppt/presentation.xml") == expected
        with Package.open(zip_of({"ppt/_rels/presentation.xml.rels": xml.encode()})) as package:
            assert package.rels("ppt/presentation.xml") == expected
            assert package.rels("ppt/slides/slide1.xml") == []


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and (getattr(n.func, "attr", None) == name or getattr(n.func, "id", None) == name)]


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_every_zip_read_goes_through_the_guarded_reader(path: Path) -> None:
    """Outside `package/zipread.py`, zipfile only writes: no `is_zipfile`, no `ZipFile` opened for reading."""
    if path == SRC / "package" / "zipread.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _calls(tree, "is_zipfile")
    for call in _calls(tree, "ZipFile"):
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        assert isinstance(mode, ast.Constant) and mode.value in ("w", "x", "a"), \
            f"line {call.lineno}: a zip read; use deckgen.package.zipread.Package"


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_namespaces_are_spelled_only_in_package_ns(path: Path) -> None:
    if path == SRC / "package" / "ns.py":
        return
    text = path.read_text(encoding="utf-8")
    for uri in ("schemas.openxmlformats.org", "schemas.microsoft.com/office", "purl.org/dc", "www.w3.org/"):
        assert uri not in text, f"{uri} is spelled here; import it from deckgen.package.ns"


@pytest.mark.parametrize("path", sorted((SRC / "package").glob("*.py")), ids=lambda p: p.name)
def test_package_imports_neither_python_pptx_nor_the_renderer(path: Path) -> None:
    nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    imported = [n.module for n in nodes if isinstance(n, ast.ImportFrom) and n.module]
    imported += [a.name for n in nodes if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m.split(".")[0] in ("pptx", "docx") or m.startswith("deckgen.render")]


def test_plain_relationships_read_as_the_parser_reads_them(shipped_deck: Path) -> None:
    """Every relationships part of a deck deckgen wrote is in the plain form, and reading it without a parser gives
    exactly the parsed relationships; anything else (PowerPoint's declaration, an escaped character, an external
    target, a stray element) is left to the parser."""
    plain_relationships = zipread.plain_relationships
    with zipfile.ZipFile(shipped_deck) as z:
        rels = {n: z.read(n) for n in z.namelist() if n.endswith(".rels")}
    assert len(rels) > 50
    for name, data in rels.items():
        plain = plain_relationships(data, source_of(name))
        assert plain is not None and plain == relationships(parse_xml(data, name), source_of(name)), name
    data = rels["ppt/slides/_rels/slide3.xml.rels"]
    head = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    for other in (data.replace(head, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'),
                  data.replace(b'Target="../', b'Target="&#46;./', 1),
                  data.replace(b'"/></Relationships>', b'" TargetMode="External"/></Relationships>'),
                  data.replace(b"</Relationships>", b"<x/></Relationships>"),
                  data.replace(b'"/>', b'"></Relationship>', 1),
                  data + b" "):
        assert plain_relationships(other, "ppt/slides/slide3.xml") is None


def test_the_check_of_a_deck_about_to_be_written_reads_its_plain_relationships(shipped_deck: Path) -> None:
    """A target that is not in the package is found in a plain relationships part as in a parsed one."""
    from deckgen.package.check import check_package

    with zipfile.ZipFile(shipped_deck) as z:
        order = z.namelist()
        members = {n: z.read(n) for n in order}
    name = "ppt/slides/_rels/slide3.xml.rels"
    members[name] = members[name].replace(b"slideLayouts/slideLayout", b"slideLayouts/noSuchLayout", 1)
    assert zipread.plain_relationships(members[name], "ppt/slides/slide3.xml") is not None
    problems = check_package(Package.of_members(order, members, MAX_DECK_PARTS), structure_only=True).problems
    assert any(name in p and "noSuchLayout" in p for p in problems)
