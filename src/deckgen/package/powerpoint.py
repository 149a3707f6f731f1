"""PowerPoint's own rules for a .pptx, as the Open XML SDK checks them (openxml-audit): what would make
PowerPoint offer to repair the file."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import IO, Union

MAX_FINDINGS = 50


def powerpoint_findings(source: Union[str, Path, IO[bytes]]) -> list[str]:
    """openxml-audit's errors for the deck at `source` (a path or a binary stream), one line each:
    `part: where: what`. Empty for a deck PowerPoint opens without a repair prompt (as far as the SDK's
    rules tell). Call it on packages the zip guard already let through."""
    from openxml_audit import validate_pptx

    if isinstance(source, (str, Path)):
        result = validate_pptx(Path(source))
    else:
        source.seek(0)
        with tempfile.NamedTemporaryFile(suffix=".pptx") as tmp:
            tmp.write(source.read())
            tmp.flush()
            result = validate_pptx(Path(tmp.name))
    out = []
    for e in result.errors[:MAX_FINDINGS]:
        where = f"{e.path}@{e.node}" if e.node else (e.path or "")
        out.append(f"{(e.part_uri or '').lstrip('/') or 'package'}: {where}: {e.description} (PowerPoint rule)")
    if len(result.errors) > MAX_FINDINGS:
        out.append(f"… and {len(result.errors) - MAX_FINDINGS} more PowerPoint-rule findings")
    return out
