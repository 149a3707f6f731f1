"""The exception tree: every user-facing failure is a `click.ClickException`."""
from __future__ import annotations

from typing import IO, Iterable

import click

from deckgen.diagnostics import Diagnostic


class DeckgenError(click.ClickException):
    """A failure caused by the user's input or environment; exits 1 with `Error: …`."""

    exit_code = 1


class ContentError(DeckgenError):
    """One or more problems in an input file, each printed on its own `Error:` line."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file: IO[str] | None = None) -> None:
        for problem in self.problems:
            click.echo(f"Error: {problem}", file=file, err=file is None)


class OutputError(DeckgenError):
    """The output cannot be written where the user asked."""


class ToolMissingError(DeckgenError):
    """An external program (e.g. LibreOffice) that the command needs is not installed."""


class PackageError(DeckgenError):
    """deckgen produced a package that fails its own structure check: a bug; nothing is written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("deckgen produced a broken package, so nothing was written (this is a bug in deckgen; "
                         f"please report it): {'; '.join(problems[:3])}")
