"""Limits for zip packages a user hands deckgen (templates, .docx lectures): file size, part count, unpacked size."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Optional

MAX_FILE = 200 * 1024 * 1024          # the zip file itself
MAX_PARTS = 5000                      # entries in a template or .docx
MAX_DECK_PARTS = 60_000               # entries in a deck (10,000 slides with notes and their relationships)
MAX_UNCOMPRESSED = 300 * 1024 * 1024  # all entries unpacked, as the zip declares them
MAX_RATIO = 200                       # unpacked / packed, checked once the unpacked size passes 10 MB
_RATIO_FROM = 10 * 1024 * 1024


def file_problem(path: Path) -> Optional[str]:
    """Why the file at `path` cannot be a package we open (missing, a folder, too large), else None."""
    if not path.exists():
        return "does not exist"
    if path.is_dir():
        return "is a folder, not a file"
    if path.stat().st_size > MAX_FILE:
        return f"is larger than {MAX_FILE >> 20} MB"
    return None


def zip_problem(zf: zipfile.ZipFile, max_parts: int = MAX_PARTS) -> Optional[str]:
    """Why the open zip `zf` is refused (more than `max_parts` parts, unpacks to too much: a zip bomb),
    else None.

    The sizes are the ones the zip declares; Python's zipfile never unpacks an entry beyond its declared
    size (it fails the CRC check instead), so these bounds hold for whatever reads the zip afterwards.
    """
    infos = zf.infolist()
    if len(infos) > max_parts:
        return f"the package has {len(infos)} parts; the limit is {max_parts}"
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > _RATIO_FROM and total / packed > MAX_RATIO):
        return (f"the package would unpack to {total >> 20} MB, {total // packed} times its packed size "
                "(a zip bomb?); refusing to open it")
    return None
