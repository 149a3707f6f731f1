"""Read an outline file: load the YAML with source positions, then validate it into the model."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from deckgen.diagnostics import Diagnostic
from deckgen.outline.load import Loaded, load_yaml
from deckgen.outline.model import Outline
from deckgen.outline.validate import validate


@dataclass(frozen=True)
class OutlineFile:
    """An outline file read and validated: the model, the warnings so far, and the loaded YAML, which
    knows the line and column of every value (so later stages can place their messages)."""

    path: Path
    outline: Outline
    warnings: tuple[Diagnostic, ...]
    loaded: Loaded


def read_outline(path: Path, display: Optional[str] = None) -> OutlineFile:
    """Load and validate the outline at `path` (`display` names it in messages); `ContentError` lists
    every problem."""
    loaded = load_yaml(path, display or str(path))
    outline, warnings = validate(loaded)
    return OutlineFile(path, outline, tuple(warnings), loaded)
