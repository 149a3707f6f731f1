"""Located messages (problems and warnings) that pure stages return as data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

PathPart = Union[str, int]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a path inside the outline as `sections[0].subsections[1].title`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.isprintable():  # a key with control characters: quoted, never sent raw to the terminal
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Diagnostic:
    """A message with an optional place: file, 1-based line and column, and outline path."""

    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    path: tuple[PathPart, ...] = ()

    def __str__(self) -> str:
        where = []
        if self.file:
            loc = self.file
            if self.line is not None:
                loc += f":{self.line}"
                if self.col is not None:
                    loc += f":{self.col}"
            where.append(loc)
        if self.path:
            where.append(format_path(self.path))
        return ": ".join(where + [self.message])
