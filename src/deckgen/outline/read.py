"""Read an outline file: load the YAML with source positions, then validate it into the model."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.outline.load import Loaded, load_yaml, parse_yaml
from deckgen.outline.model import Outline
from deckgen.outline.typed import record
from deckgen.outline.validate import image_problems, validate


@record(frozen=True)
class OutlineFile:
    """An outline file read and validated: the model, the warnings so far, and the loaded YAML, which
    knows the line and column of every value (so later stages can place their messages)."""

    path: Path
    outline: Outline
    warnings: tuple[Diagnostic, ...]
    loaded: Loaded

    @property
    def folder(self) -> Path:
        """The outline's folder: `image:` paths are relative to it."""
        return self.path.parent


def read_outline(path: Path, display: Optional[str] = None, text: Optional[str] = None) -> OutlineFile:
    """Load and validate the outline at `path` (`display` names it in messages; `text`: the file's text, read
    already), and check that every `image:` is a picture (relative paths from the outline's folder);
    `ContentError` lists every problem."""
    loaded = load_yaml(path, display or str(path)) if text is None else parse_yaml(text, display or str(path))
    outline, warnings = validate(loaded)
    problems = image_problems(outline, loaded, path.parent)
    if problems:
        raise ContentError(problems)
    return OutlineFile(path, outline, tuple(warnings), loaded)
