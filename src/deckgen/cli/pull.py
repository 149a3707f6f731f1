"""The `deckgen pull` command: a deck's edits (titles, bullets, notes, slides added, deleted, moved) into its outline."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from deckgen.cli.present import warn

if TYPE_CHECKING:
    from deckgen.pull.run import Pulled


def report_lines(done: "Pulled", dry_run: bool) -> list[str]:
    """What a pull printed: a heading, one line per change (slide, outline entry, what, how), a total."""
    if not done.changes:
        return [f"No edits to pull: {done.outline} already holds the titles, bullets and notes of {done.deck}."]
    if dry_run:
        head = f"Would pull {done.deck} into {done.outline} (--dry-run: nothing written):"
    else:
        kept = f" (the previous outline is kept as {done.backup})" if done.backup else ""
        head = f"Pulled {done.deck} into {done.outline}{kept}:"
    lines = [head]
    width = max(len(c.where) for c in done.changes)
    for c in done.changes:
        slide = f"slide {c.slide}" if c.slide is not None else "-"
        lines.append(f"  {slide:<9} {c.where:<{width}}  {c.what:<8}  {c.detail}".rstrip())
    n = len(done.changes)
    lines.append(f"{n} change{'s' if n != 1 else ''}" + ("; run again without --dry-run to write them." if dry_run else "."))
    return lines


@click.command()
@click.argument("deck", type=click.Path(path_type=Path), metavar="DECK.pptx")
@click.argument("outline", required=False, type=click.Path(path_type=Path), metavar="[OUTLINE]")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--force", is_flag=True, help="Pull a deck deckgen did not build, or one built from another outline "
              "(or from this one before it changed), matching slides to entries as they are.")
def pull(deck: Path, outline: Optional[Path], dry_run: bool, force: bool) -> None:
    """Bring the edits made to DECK in PowerPoint or WPS back into OUTLINE (default: the outline the deck
    was built from): titles, bullets, notes, slides deleted, inserted and moved. The previous outline is
    kept as a dated backup; comments and layout of the YAML are kept."""
    from deckgen.pull.run import pull as run_pull

    if deck.suffix.lower() != ".pptx":
        raise click.BadParameter(f"{str(deck)!r} is not a .pptx deck", param_hint="'DECK.pptx'")
    done = run_pull(deck, outline, force=force, dry_run=dry_run)
    for line in report_lines(done, dry_run):
        click.echo(line)
    warn(done.warnings)
