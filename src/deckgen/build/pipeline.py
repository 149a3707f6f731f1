"""The build pipeline: outline file → validated outline → plan → rendered deck → file on disk."""
from __future__ import annotations

import io

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.plan.grid import BUILTIN_FRAMES, Frames
from deckgen.outline.load import load_yaml
from deckgen.outline.model import Outline
from deckgen.plan.planner import DeckPlan, plan
from deckgen.theme.model import Theme, load_theme
from deckgen.outline.validate import validate

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT


@dataclass
class Planned:
    """An outline read, validated and planned, with every warning so far."""

    outline: Outline
    theme: Theme
    deck: DeckPlan
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class Built:
    """What a build wrote: the output path, the slide count and every warning."""

    output: Path
    slides: int
    warnings: list[Diagnostic]
    deck: DeckPlan


def read_outline(path: Path, display: Optional[str] = None) -> tuple[Outline, list[Diagnostic]]:
    """Load and validate an outline file."""
    return validate(load_yaml(path, display or str(path)))


def plan_file(path: Path, theme: Optional[str] = None, display: Optional[str] = None,
              frames: Optional[Frames] = None) -> Planned:
    """Read `path` and plan its deck; `theme` (name or path) overrides the outline's `deck.theme`;
    `frames` are a template's text slots (default: the built-in grid)."""
    outline, warnings = read_outline(path, display)
    return plan_outline(outline, warnings, path.parent, theme, frames, (path, display or str(path)))


def plan_outline(outline: Outline, warnings: list[Diagnostic], base: Path, theme: Optional[str] = None,
                 frames: Optional[Frames] = None, source: Optional[tuple[Path, str]] = None) -> Planned:
    """Plan a validated outline; a theme named in the outline is resolved against `base`, its folder.

    With `source` (the outline's path and display name), a theme the outline names but that cannot be
    found is reported at `deck.theme` in the outline.
    """
    spec = theme or outline.deck.theme
    try:
        th = load_theme(spec, base if theme is None else Path.cwd())
    except ContentError as exc:
        if theme is not None or source is None or any(p.line for p in exc.problems):
            raise
        line, col = load_yaml(*source).where(("deck", "theme"))
        raise ContentError([Diagnostic(p.message, source[1], line, col, ("deck", "theme")) for p in exc.problems]) from None
    deck, plan_warnings = plan(outline, th, frames or BUILTIN_FRAMES)
    return Planned(outline, th, deck, warnings + plan_warnings)


def build(path: Path, output: Path, theme: Optional[str] = None, display: Optional[str] = None,
          template: Optional[Path] = None, east_asian_font: Optional[str] = None,
          adjust: Optional[Callable[[DeckPlan], DeckPlan]] = None, force: bool = False) -> Built:
    """Build the deck for the outline at `path` into `output` (written atomically).

    With `template` (.pptx/.potx), the deck uses that file's master, layouts, colours and fonts.
    `adjust` transforms the plan before it is rendered (e.g. `timing.with_time_cues`).
    A deck at `output` that was edited since deckgen wrote it, or that deckgen did not write, is kept
    as a dated backup beside it (with a warning) unless `force`; see `save_deck`.
    """
    from deckgen.render import builtin_target, render, template_target  # python-pptx only now
    from deckgen.package.write import check_target

    check_target(output)
    outline, warnings = read_outline(path, display)
    target = template_target(template, outline.deck.language, east_asian_font) if template else None
    planned = plan_outline(outline, warnings, path.parent, theme, target.frames if target else None,
                           (path, display or str(path)))
    target = target or builtin_target(planned.theme, planned.deck.language)
    deck = adjust(planned.deck) if adjust else planned.deck
    prs, render_warnings = render(deck, planned.theme, target)
    saved = save_deck(prs, output, force)
    return Built(output, len(deck.slides), planned.warnings + render_warnings + saved, deck)


def verify_package(data: "io.BytesIO") -> None:
    """Check the structure of a package about to be written (zip entries, content types, relationships,
    `notesMasterIdLst`); raise `PackageError`, so nothing is written, if deckgen produced a broken one."""
    from deckgen.errors import PackageError
    from deckgen.package.check import check_package

    problems = check_package(data, structure_only=True).problems
    if problems:
        raise PackageError(problems)


def save_deck(prs: "PresentationT", output: Path, force: bool = False) -> list[Diagnostic]:
    """Write `prs` to `output` atomically, with its fingerprint in the custom properties; return warnings.

    Unless `force`, a deck already at `output` whose fingerprint does not match its content (edited in
    PowerPoint since deckgen wrote it), or that has none (deckgen did not write it), is first kept as
    `NAME.YYYY-MM-DD-HHMM.pptx` beside it (its modification time; never over another backup).
    """
    import os

    from deckgen.package.fingerprint import stamp_members, state, write_members
    from deckgen.render.package import package_members
    from deckgen.package.write import keep_aside, write_atomic

    order, members = package_members(prs)
    order, _ = stamp_members(members, order)
    stamped = io.BytesIO()
    write_members(stamped, order, members)
    verify_package(stamped)
    found = state(output)
    backup = keep_aside(output) if found.kind in ("edited", "foreign") and not force else None
    try:
        write_atomic(output, lambda fh: fh.write(stamped.getvalue()))
    except BaseException:
        try:
            if backup is not None and os.path.samefile(output, backup):
                backup.unlink()  # the old deck is still in place (a hard link to it): no backup needed
        except OSError:
            pass
        raise
    if backup is None:
        return []
    why = ("was changed after deckgen wrote it (edited in PowerPoint?)" if found.kind == "edited"
           else "was not written by deckgen (or by a version without fingerprints)")
    return [Diagnostic(f"{output} {why}: kept it as {backup}; --force overwrites without a backup")]
