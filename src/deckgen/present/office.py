"""Run the external tools a presenter needs: LibreOffice (deck → PDF); poppler's `pdfinfo` for a page count."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

from deckgen.errors import DeckgenError, ToolMissingError
from deckgen.outline.typed import record

# Where LibreOffice installs itself when it is not on PATH.
_SOFFICE_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/opt/libreoffice/program/soffice",
    "/usr/lib/libreoffice/program/soffice",
)
INSTALL_LIBREOFFICE = ("install LibreOffice with the Chinese fonts: `apt-get install libreoffice-impress fonts-noto-cjk` "
                       "(Debian/Ubuntu), `brew install --cask libreoffice` (macOS), or from libreoffice.org")
INSTALL_POPPLER = "install poppler: `apt-get install poppler-utils` (Debian/Ubuntu) or `brew install poppler` (macOS)"

# Seconds a conversion may take: a fixed start-up allowance plus a little per slide.
CONVERT_BASE_TIMEOUT = 120.0
CONVERT_TIMEOUT_PER_SLIDE = 1.0


def find_soffice() -> str:
    """The LibreOffice program (`soffice`, else `libreoffice`, else a usual install folder).

    Raises `ToolMissingError`, saying what to install, when there is none.
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _SOFFICE_PLACES:
        if os.path.isfile(place) and os.access(place, os.X_OK):
            return place
    raise ToolMissingError(f"LibreOffice (soffice) is needed to make PDFs and slide images; {INSTALL_LIBREOFFICE}")


def find_tool(name: str) -> str:
    """A poppler program (`pdftoppm`, `pdftotext`, `pdfinfo`); `ToolMissingError` when it is missing."""
    found = shutil.which(name)
    if not found:
        raise ToolMissingError(f"{name} is needed for slide images; {INSTALL_POPPLER}")
    return found


@record(frozen=True)
class Converted:
    """A PDF LibreOffice wrote, how long it took, and the backup of a PDF it replaced (if one was kept)."""

    pdf: Path
    seconds: float
    backup: Optional[Path] = None


def _soffice_command(soffice: str, profile: str, fmt: str, outdir: Path, src: Path) -> list[str]:
    return [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={Path(profile).as_uri()}", "--convert-to", fmt, "--outdir", str(outdir), str(src)]


def convert_to_pdf(src: Path, outdir: Path, *, filter_options: Optional[str] = None,
                   timeout: Optional[float] = None, slides: int = 0) -> Converted:
    """Convert the deck `src` to `outdir/<stem>.pdf` with LibreOffice and return it.

    Runs headless with a private, throw-away user profile, so parallel runs and an open LibreOffice
    window do not collide. `filter_options` is appended to the `impress_pdf_Export` filter (e.g. its
    JSON options). The timeout defaults to `CONVERT_BASE_TIMEOUT` plus `CONVERT_TIMEOUT_PER_SLIDE`
    for each of `slides`. Raises `ToolMissingError` without LibreOffice and `DeckgenError` when the
    conversion fails, times out or writes no PDF.
    """
    soffice = find_soffice()
    fmt = "pdf:impress_pdf_Export" + (f":{filter_options}" if filter_options else "")
    limit = timeout if timeout is not None else CONVERT_BASE_TIMEOUT + CONVERT_TIMEOUT_PER_SLIDE * slides
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / f"{src.stem}.pdf"
    started = time.monotonic()
    from deckgen.package.write import scratch_folder

    with scratch_folder(Path(tempfile.gettempdir()), "deckgen-lo") as profile:
        try:
            # its own process group: soffice starts helpers, and a timeout, Ctrl-C or SIGTERM must end them all
            scratch = profile / "tmp"  # LibreOffice's own temporary files (lu*.tmp) go with the profile
            scratch.mkdir()
            proc = subprocess.Popen(_soffice_command(soffice, str(profile / "user"), fmt, outdir, src.resolve()),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    env={**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)},
                                    text=True, start_new_session=os.name == "posix")
        except OSError as exc:
            raise ToolMissingError(f"LibreOffice could not be started ({exc.strerror}); {INSTALL_LIBREOFFICE}") from None
        try:
            out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _end(proc)
            raise DeckgenError(f"LibreOffice did not finish converting {str(src)!r} within {limit:.0f} s") from None
        except BaseException:
            _end(proc)
            raise
    if proc.returncode != 0 or not target.is_file():
        detail = _last_line(err) or _last_line(out) or f"exit code {proc.returncode}"
        raise DeckgenError(f"LibreOffice could not convert {str(src)!r} to PDF: {detail}")
    return Converted(target, time.monotonic() - started)


def _end(proc: subprocess.Popen) -> None:
    """Kill `proc` and, on POSIX, the process group it leads (LibreOffice's helpers), then reap it."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def write_pdf(deck: Path, target: Path, slides: int = 0, force: bool = False) -> Converted:
    """Convert `deck` to the PDF `target`: converted in a hidden folder beside it, then written atomically
    with its fingerprint, so an existing PDF is replaced only by a complete one. A PDF at `target` that
    deckgen did not write, or that was changed since, is kept as a dated backup first unless `force` (see
    `write_pdf_file`). Errors as in `convert_to_pdf`."""
    from deckgen.package.files import real_path
    from deckgen.package.pdfmark import write_pdf_file
    from deckgen.package.write import check_target, scratch_folder

    check_target(target)
    parent = real_path(target).parent
    with scratch_folder(parent, ".deckgen-pdf") as tmp:
        done = convert_to_pdf(deck, tmp, slides=slides)
        backup = write_pdf_file(target, done.pdf.read_bytes(), force)
    return Converted(target, done.seconds, backup)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip() and "javaldx" not in ln]
    return lines[-1] if lines else ""


def page_count(pdf: Path) -> int:
    """The number of pages of `pdf` (poppler's `pdfinfo`)."""
    out = subprocess.run([find_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise DeckgenError(f"cannot read the page count of {str(pdf)!r}: {_last_line(out.stderr) or 'not a PDF'}")
