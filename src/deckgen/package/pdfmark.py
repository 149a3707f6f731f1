"""A PDF's fingerprint: a comment line deckgen puts before the PDF's last `%%EOF`, holding a hash of the rest,
to tell a PDF deckgen wrote and nobody changed from one that was edited, or that deckgen did not write."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from deckgen.package.files import file_problem

PREFIX = b"%deckgen-fingerprint sha256:"
_MARK = re.compile(rb"\n%deckgen-fingerprint sha256:([0-9a-f]{64})\n")
_EOF = b"%%EOF"
TAIL = 4096  # the mark sits this close to the end of a PDF deckgen wrote (PDF readers look for %%EOF there too)


def stamp_pdf(data: bytes) -> bytes:
    """`data` (a complete PDF) with its fingerprint as a comment line before the last `%%EOF`; a comment is
    white space to a PDF reader, and the cross-reference offsets before it do not move."""
    at = data.rfind(_EOF)
    if at < 0:
        at = len(data)
    line = b"\n" + PREFIX + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n"
    return data[:at] + line + data[at:]


def pdf_state(path: Path) -> str:
    """What is at `path`: `missing`, `ours` (a PDF deckgen wrote, unchanged since), `edited` (deckgen wrote
    it, changed since: an incremental save of annotations, say) or `foreign` (no fingerprint, or no
    regular file). The whole file is read to recompute the hash."""
    if not path.exists():
        return "missing"
    if file_problem(path):
        return "foreign"
    try:
        data = path.read_bytes()
    except OSError:
        return "foreign"
    tail_from = max(0, len(data) - TAIL)
    found = None
    for found in _MARK.finditer(data, tail_from):
        pass
    if found is None:
        return "foreign"
    start, end = found.span()
    original = data[:start] + data[end:]
    ok = hashlib.sha256(original).hexdigest().encode("ascii") == found.group(1)
    ends_clean = data[end:].strip() == _EOF  # nothing appended after deckgen's %%EOF
    return "ours" if ok and ends_clean else "edited"



def write_pdf_file(target: Path, data: bytes, force: bool = False) -> "Path | None":
    """Write the PDF `data` to `target` atomically, with its fingerprint; return the backup kept, if any.

    A PDF already at `target` that deckgen did not write, or that was changed since, is first kept as a
    dated backup beside it (`NAME.YYYY-MM-DD-HHMM.pdf`, as decks are) unless `force`. A symbolic link is
    written through. Raises `OutputError` as `write_atomic` does."""
    import os

    from deckgen.package.write import keep_aside, write_atomic

    found = pdf_state(target)
    backup = keep_aside(target) if found in ("edited", "foreign") and not force else None
    try:
        write_atomic(target, lambda fh: fh.write(stamp_pdf(data)))
    except BaseException:
        try:
            if backup is not None and os.path.samefile(target, backup):
                backup.unlink()  # the old PDF is still in place: no backup needed
        except OSError:
            pass
        raise
    return backup
