"""Presenting: the `handout` and `preview` commands, and what `build` does after writing (reading time, PDF, watch)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

import click

if TYPE_CHECKING:
    from deckgen.build.pipeline import Built

RATE_HELP = ("Speaking rate: characters a minute for a Chinese deck (default 220), words a minute otherwise (130); "
             "1 to 10000.")


class Bounded(click.ParamType):
    """A finite number between `low` and `high`: `nan`, `inf` and numbers too small to divide by are refused."""

    name = "number"

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> float:
        import math

        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            self.fail(f"{value!r} is not a number from {self.low:g} to {self.high:g}", param, ctx)
        return number


RATE = Bounded(1, 10_000)
MINUTES = Bounded(0.1, 100_000)


def warn(warnings: list) -> None:
    """Print each warning on stderr as `Warning: …` (in one write: a long deck may have hundreds)."""
    if warnings:
        click.echo("\n".join(f"Warning: {w}" for w in warnings), err=True)


def _kept(target: Path, backup: Optional[Path]) -> None:
    if backup is not None:
        warn([f"{target} was not written by deckgen, or was changed since: kept it as {backup}"
              "; --force overwrites without a backup"])


def after_build(result: "Built", *, pdf: bool = False, duration: Optional[float] = None, rate: Optional[float] = None,
                force: bool = False) -> None:
    """Print the reading-time table (and the `--duration` warning), then write the PDF if asked.

    The .pptx is already written: without LibreOffice the PDF fails with a one-line error (exit 1).
    """
    from deckgen.present.timing import deck_timing, over_duration, table

    times = result.timing if result.timing is not None else deck_timing(result.deck, rate)
    for line in table(times, duration):
        click.echo(line)
    if duration is not None:
        over = over_duration(times, duration)
        warn([over] if over else [])
    if pdf:
        from deckgen.present.office import write_pdf
        from deckgen.cli.progress import status

        target = result.output.with_suffix(".pdf")
        with status(f"Converting {result.output.name} to PDF with LibreOffice"):
            done = write_pdf(result.output, target, result.slides, force)
        _kept(target, done.backup)
        click.echo(f"Wrote {done.pdf} ({done.seconds:.1f} s in LibreOffice)")


def watch_build(once: Callable[[], None], outline: Path, theme: Optional[str], template: Optional[Path]) -> None:
    """Run `once` now and after every change of the outline, theme file or template, until Ctrl-C."""
    from deckgen.present.watch import Watch, watched_files

    def report(exc: click.ClickException) -> None:
        exc.show()

    Watch(lambda: watched_files(outline, theme, template), once, report, click.echo).run()
    click.echo("Stopped watching.")


# ----------------------------------------------------------------------------------- commands

@contextlib.contextmanager
def _deck(source: Path, theme: Optional[str]) -> Iterator[Path]:
    """The deck for SOURCE: a .pptx as it is, an outline built first into a temporary folder."""
    from deckgen.diagnostics import Diagnostic
    from deckgen.errors import ContentError

    from deckgen.package.files import file_problem

    suffix = source.suffix.lower()
    if suffix not in (".pptx", ".yaml", ".yml"):
        raise click.BadParameter(f"{str(source)!r} is neither a deck (.pptx) nor an outline (.yaml)",
                                 param_hint="'SOURCE'")
    why = file_problem(source)
    if why:
        raise ContentError([Diagnostic(f"file {str(source)!r} {why}", str(source))])
    if suffix == ".pptx":
        if theme:
            raise click.BadParameter("only applies when building an outline", param_hint="'--theme'")
        yield source
        return
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    from deckgen.package.write import scratch_folder
    import tempfile

    with scratch_folder(Path(tempfile.gettempdir()), "deckgen-build") as tmp:
        result = build(BuildRequest(source, tmp / f"{source.stem}.pptx", theme, display=str(source)))
        warn(result.warnings)
        click.echo(f"Built {source} ({result.slides} slides)", err=True)
        yield result.output


_SOURCE = click.argument("source", metavar="SOURCE", type=click.Path(path_type=Path))
_THEME = click.option("--theme", metavar="NAME|PATH", help="With an outline: the theme to build it in.")


@click.command()
@_SOURCE
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="The PDF to write (default: beside SOURCE, named NAME-handout.pdf).")
@click.option("--rate", type=RATE, metavar="N", help=RATE_HELP)
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4", show_default=True,
              help="The page size of the PDF: A4 (210 × 297 mm) or US Letter (8.5 × 11 in).")
@_THEME
def handout(source: Path, output: Optional[Path], rate: Optional[float], paper: str, theme: Optional[str]) -> None:
    """Write the lecturer's script: a PDF with each slide's picture over its full speaker notes.

    SOURCE is a built deck (DECK.pptx) or an outline (OUTLINE.yaml, built first). Needs LibreOffice."""
    from deckgen.cli.progress import TERMINAL
    from deckgen.present.handout import Style, make_handout

    output = output or source.with_name(f"{source.stem}-handout.pdf")
    if output.suffix.lower() != ".pdf" and not output.is_dir():
        raise click.BadParameter(f"{str(output)!r} does not end in .pdf", param_hint="'-o' / '--output'")
    with _deck(source, theme) as deck:
        done = make_handout(deck, output, rate, Style(paper=paper.lower()), TERMINAL)
    if done.backup is not None:
        warn([f"{output} was not written by deckgen, or was changed since: kept it as {done.backup}"])
    click.echo(f"Wrote {done.path} ({done.pages} pages for {done.slides} slides)")


@click.command()
@_SOURCE
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="The folder for the images (default: beside SOURCE, named NAME-preview).")
@click.option("--width", type=click.IntRange(min=160, max=4000), default=1280, show_default=True, metavar="PIXELS",
              help="Width of each slide image.")
@_THEME
def preview(source: Path, folder: Optional[Path], width: int, theme: Optional[str]) -> None:
    """Render SOURCE's slides as PNG images and a contact sheet of all slides, for a quick look.

    SOURCE is a built deck (DECK.pptx) or an outline (OUTLINE.yaml, built first). Needs LibreOffice."""
    from deckgen.cli.progress import TERMINAL
    from deckgen.present.preview import make_preview

    folder = folder or source.with_name(f"{source.stem}-preview")
    with _deck(source, theme) as deck:
        done = make_preview(deck, folder, width, progress=TERMINAL)
    first, last = done.slides[0].name, done.slides[-1].name
    click.echo(f"Wrote {len(done.slides)} slide images to {done.folder} ({first} … {last})")
    click.echo(f"Contact sheet: {done.sheet}")
