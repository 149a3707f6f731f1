"""What the sweep's cases are made of: files (decks, templates, Word documents, PDFs) made in the runner, never by
the deckgen under test, the set-ups that put them in a case's folder, and the checks of the user's work and text."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Callable, Optional, Union

from tests.sweep.run import ROOT, Run

Content = Union[str, bytes, Callable[[Path], bytes]]
SMALL = "deck:\n  title: 讲座\nsections:\n  - title: 第一部分\n    notes: 正文。\n"
OTHER = "deck:\n  title: 新讲座\nsections:\n  - title: 新的部分\n    notes: 新的正文。\n"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
LO = ("soffice", "pdftoppm", "pdfinfo")
_cache: dict[str, bytes] = {}
_lock = threading.Lock()


# ------------------------------------------------------------------------------------------- makers

def deck_of(outline: str = SMALL) -> bytes:
    """A deck deckgen builds from `outline` (built once per sweep, with this checkout's deckgen)."""
    with _lock:
        if outline not in _cache:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                (Path(tmp) / "o.yaml").write_text(outline, encoding="utf-8")
                subprocess.run([sys.executable, "-m", "deckgen", "build", "o.yaml"], cwd=tmp, check=True, capture_output=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
                _cache[outline] = (Path(tmp) / "o.pptx").read_bytes()
        return _cache[outline]


def rezip(data: bytes, change: Optional[dict[str, Optional[bytes]]] = None,
          edit: Optional[Callable[[str, bytes], bytes]] = None) -> bytes:
    """The zip `data` with members replaced (None removes one) or edited by `edit(name, bytes)`."""
    change = change or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename in change:
                if change[info.filename] is None:
                    continue
                body = change[info.filename]  # type: ignore[assignment]
            if edit is not None:
                body = edit(info.filename, body)
            zout.writestr(info.filename, body)
        for name, body in change.items():
            if body is not None and name not in zin.namelist():
                zout.writestr(name, body)
    return out.getvalue()


def edited(data: bytes) -> bytes:
    """The deck as PowerPoint would leave it after an edit: a slide's text changed."""
    return rezip(data, edit=lambda n, b: b.replace("讲座".encode(), "讲座（已修改）".encode()) if n == "ppt/slides/slide1.xml" else b)


def template() -> bytes:
    """python-pptx's default template: a PowerPoint-made package with title and content layouts."""
    from pptx import Presentation

    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def with_main_type(data: bytes, kind: bytes) -> bytes:
    return rezip(data, edit=lambda n, b: b.replace(PPTX_MAIN, kind) if n == "[Content_Types].xml" else b)


def in_layout(data: bytes, xml: bytes, part: str = "ppt/slideLayouts/slideLayout2.xml") -> bytes:
    def put(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        at = body.index(b"</p:spTree>")
        return body[:at] + xml + body[at:]
    return rezip(data, edit=put)


PICTURE = (b'<p:pic><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
           b'<a:blip r:embed="rId99"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
           b'<a:ext cx="100" cy="100"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
LINK = (b'<p:sp><p:nvSpPr><p:cNvPr id="98" name="L"><a:hlinkClick r:id="rId77"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        b'<p:spPr/></p:sp>')


def doctype(data: bytes, part: str, entity_in: bytes = b"") -> bytes:
    def put(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        at = body.index(b"?>") + 2
        root = re.search(rb"<([A-Za-z:]+)[ >]", body[at:]).group(1)  # type: ignore[union-attr]
        dtd = b'<!DOCTYPE ' + root + b' [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        body = body[:at] + dtd + body[at:]
        return body.replace(entity_in, entity_in + b"&b;", 1) if entity_in else body
    return rezip(data, edit=put)


def encrypted() -> bytes:
    """An Office file saved with a password: an OLE compound file holding `EncryptedPackage`."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(3000)


def old_office() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "PowerPoint Document".encode("utf-16-le") + bytes(3000)


def fake_pdf(note: bytes = b"the user's own PDF") -> bytes:
    return b"%PDF-1.4\n% " + note + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# ------------------------------------------------------------------------------------------- setups

def files(**named: Content) -> Callable[[Path], None]:
    """Write files (`name=content`; `__` in a name is a `/`, `_dot_` a `.`) into the case folder."""
    def setup(folder: Path) -> None:
        for key, content in named.items():
            path = folder / key.replace("__", "/").replace("_dot_", ".")
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content(folder) if callable(content) else content
            path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return setup


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        for s in setups:
            s(folder)
    return setup


def fifo(name: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / name)


def own_device(name: str) -> Callable[[Path], None]:
    """A character device node (null) in the case folder; a FIFO where device nodes cannot be made."""
    def setup(folder: Path) -> None:
        import stat

        try:
            os.mknod(folder / name, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, OSError):
            os.mkfifo(folder / name)
    return setup


def loop(name: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        other = folder / f"{name}.other"
        (folder / name).symlink_to(other.name)
        other.symlink_to(name)
    return setup


def link(name: str, target: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)
    return setup


def folder_named(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).mkdir()


# ------------------------------------------------------------------------------------------- checks

def notes_of_outline(folder: Path, name: str = "outline.yaml") -> str:
    import yaml

    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "notes" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(data)
    return "\n".join(found)


def once_in_notes(*texts: str, absent: tuple[str, ...] = ()) -> Callable[[Path, Run], list[str]]:
    """Each of `texts` is in the drafted outline's notes exactly once; none of `absent` is."""
    def check(folder: Path, run: Run) -> list[str]:
        notes = notes_of_outline(folder)
        broken = [f"{t!r} is in the notes {notes.count(t)} times" for t in texts if notes.count(t) != 1]
        return broken + [f"{t!r} is in the notes" for t in absent if t in notes]
    return check


def deck_texts(path: Path) -> str:
    from pptx import Presentation

    prs = Presentation(str(path))
    out = []
    for slide in prs.slides:
        out += [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def deck_has(*texts: str, deck: str = "outline.pptx") -> Callable[[Path, Run], list[str]]:
    def check(folder: Path, run: Run) -> list[str]:
        got = deck_texts(folder / deck)
        return [f"{t!r} is not in {deck}" for t in texts if t not in got]
    return check


def kept_somewhere(marker: bytes, *, zipped: Optional[str] = None, warned: str = "") -> Callable[[Path, Run], list[str]]:
    """The user's work (bytes holding `marker`, inside the zip member `zipped` when given) is in some regular
    file of the folder, and, with `warned`, a warning says where it was kept."""
    def check(folder: Path, run: Run) -> list[str]:
        for path in folder.rglob("*"):
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            if zipped:
                try:
                    with zipfile.ZipFile(io.BytesIO(data)) as z:
                        data = z.read(zipped)
                except (zipfile.BadZipFile, KeyError):
                    continue
            if marker in data:
                kept = path
                break
        else:
            return [f"the user's work ({marker.decode('utf-8', 'replace')!r}) is in no file"]
        if warned and not any(warned in w and kept.name in w for w in run.warnings):
            return [f"kept as {kept.name}, but no warning says so ({' | '.join(run.warnings)[:200]})"]
        return []
    return check


def unchanged(*names: str) -> Callable[[Path, Run], list[str]]:
    """Files the command must leave exactly as they were at set-up (see `remember`)."""
    def check(folder: Path, run: Run) -> list[str]:
        return [f"{n} changed or vanished" for n in names
                if not (folder / n).is_file() or (folder / n).read_bytes() != (folder / f".orig-{Path(n).name}").read_bytes()]
    return check


def remember(*names: str) -> Callable[[Path], None]:
    """Keep a copy of each file as it is at set-up (for `unchanged`)."""
    def setup(folder: Path) -> None:
        for n in names:
            (folder / f".orig-{Path(n).name}").write_bytes((folder / n).read_bytes())
    return setup


def main_type(deck: str, wanted: bytes = PPTX_MAIN) -> Callable[[Path, Run], list[str]]:
    def check(folder: Path, run: Run) -> list[str]:
        with zipfile.ZipFile(folder / deck) as z:
            types = z.read("[Content_Types].xml")
        return [] if wanted in types and b"macroEnabled" not in types and b"slideshow" not in types else \
            [f"{deck} keeps a main content type other than a presentation's"]
    return check


def no_dangling(deck: str) -> Callable[[Path, Run], list[str]]:
    def check(folder: Path, run: Run) -> list[str]:
        with zipfile.ZipFile(folder / deck) as z:
            return [f"{n} keeps r:embed=\"rId99\"" for n in z.namelist() if b'r:embed="rId99"' in z.read(n)]
    return check


def warns(pattern: str) -> Callable[[Path, Run], list[str]]:
    def check(folder: Path, run: Run) -> list[str]:
        return [] if any(re.search(pattern, w) for w in run.warnings) else [f"no warning matching {pattern!r}"]
    return check


def all_of(*checks: Callable[[Path, Run], list[str]]) -> Callable[[Path, Run], list[str]]:
    return lambda folder, run: [b for c in checks for b in c(folder, run)]


def user_files_kept(*names: str) -> Callable[[Path, Run], list[str]]:
    def check(folder: Path, run: Run) -> list[str]:
        return [f"the user's {n} was removed or changed" for n in names
                if not (folder / n).is_file() or (folder / n).read_bytes() != b"mine:" + n.encode()]
    return check


def pdf_kept(name: str) -> Callable[[Path, Run], list[str]]:
    return kept_somewhere(b"the user's own PDF", warned="kept it as")

