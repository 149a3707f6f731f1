"""The build pipeline: outline file → validated outline → plan → rendered deck → file on disk."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.grid import BUILTIN_FRAMES, Frames
from deckgen.load import load_yaml
from deckgen.model import Outline
from deckgen.plan import DeckPlan, plan
from deckgen.theme import Theme, load_theme
from deckgen.validate import validate


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
    return plan_outline(outline, warnings, path.parent, theme, frames)


def plan_outline(outline: Outline, warnings: list[Diagnostic], base: Path, theme: Optional[str] = None,
                 frames: Optional[Frames] = None) -> Planned:
    """Plan a validated outline; a theme named in the outline is resolved against `base`, its folder."""
    spec = theme or outline.deck.theme
    th = load_theme(spec, base if theme is None else Path.cwd())
    deck, plan_warnings = plan(outline, th, frames or BUILTIN_FRAMES)
    return Planned(outline, th, deck, warnings + plan_warnings)


def build(path: Path, output: Path, theme: Optional[str] = None, display: Optional[str] = None,
          template: Optional[Path] = None, east_asian_font: Optional[str] = None,
          adjust: Optional[Callable[[DeckPlan], DeckPlan]] = None) -> Built:
    """Build the deck for the outline at `path` into `output` (written atomically).

    With `template` (.pptx/.potx), the deck uses that file's master, layouts, colours and fonts.
    `adjust` transforms the plan before it is rendered (e.g. `timing.with_time_cues`).
    """
    from deckgen.render import builtin_target, render, template_target  # python-pptx only now
    from deckgen.write import check_target, write_atomic

    check_target(output)
    outline, warnings = read_outline(path, display)
    target = template_target(template, outline.deck.language, east_asian_font) if template else None
    planned = plan_outline(outline, warnings, path.parent, theme, target.frames if target else None)
    target = target or builtin_target(planned.theme, planned.deck.language)
    deck = adjust(planned.deck) if adjust else planned.deck
    prs, render_warnings = render(deck, planned.theme, target)
    write_atomic(output, prs.save)
    return Built(output, len(deck.slides), planned.warnings + render_warnings, deck)
