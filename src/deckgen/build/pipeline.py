"""The build pipeline: outline file → validated outline → target (master or template) → plan → deck → file."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckgen.build.request import BuildRequest
from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.outline.load import Loaded
from deckgen.outline.model import Outline, Role
from deckgen.outline.read import OutlineFile, read_outline
from deckgen.outline.typed import record
from deckgen.plan.grid import Frames
from deckgen.plan.kinds import BUILTIN_FRAMES
from deckgen.plan.model import DeckPlan
from deckgen.plan.planner import plan
from deckgen.theme.model import Theme, load_theme

if TYPE_CHECKING:
    from deckgen.build.planning import Planning
    from deckgen.package.fingerprint import DeckState
    from deckgen.present.timing import Timing


@record
class Planned:
    """An outline read, validated and planned, with every warning so far."""

    outline: Outline
    theme: Theme
    deck: DeckPlan
    warnings: list[Diagnostic] = field(default_factory=list)
    loaded: Optional[Loaded] = None


@record
class Built:
    """What a build wrote: the output path, the slide count and every warning."""

    output: Path
    slides: int
    warnings: list[Diagnostic]
    deck: DeckPlan
    timing: Optional["Timing"] = None  # the deck's reading time at the request's rate, when computed beside


def resolve_theme(file: OutlineFile, override: Optional[str] = None) -> Theme:
    """The theme of the build: `override` (a name, or a path relative to the working folder), else the
    outline's `deck.theme` (relative to the outline's folder; a mistake there is reported at that key)."""
    from deckgen.theme.languages import localized

    spec = override or file.outline.deck.theme
    try:  # East Asian faces of the deck's language: 微軟正黑體 for zh-TW, 游ゴシック for ja-JP…
        return localized(load_theme(spec, file.path.parent if override is None else Path.cwd()), file.outline.deck.language)
    except ContentError as exc:
        if override is not None or any(p.line for p in exc.problems):
            raise
        raise ContentError([file.loaded.problem(("deck", "theme"), p.message) for p in exc.problems]) from None


MAX_SLIDES = 10_000  # with notes, 4 parts a slide: a deck stays within the 60,000 parts decks are read with


def slide_limit(deck: DeckPlan, file: str) -> None:
    """Raise `ContentError` at the outline entry whose slides take the deck past `MAX_SLIDES` (continuation
    slides of long bullet lists count), before anything is rendered."""
    if len(deck.slides) <= MAX_SLIDES:
        return
    slide = deck.slides[MAX_SLIDES]
    line, col = slide.where or (None, None)
    raise ContentError([Diagnostic(f"the deck would have {len(deck.slides)} slides (continuation slides of long bullet "
                                   f"lists count), more than the {MAX_SLIDES} deckgen builds in one deck; split the "
                                   "lecture into several decks, or move bullets into the notes", file, line, col,
                                   (slide.source,) if slide.source else ())])


def plan_file(path: Path, theme: Optional[str] = None, display: Optional[str] = None,
              frames: Optional[Frames] = None) -> Planned:
    """Read `path` and plan its deck; `theme` (name or path) overrides the outline's `deck.theme`;
    `frames` are a template's text slots (default: the built-in grid)."""
    file = read_outline(path, display)
    th = resolve_theme(file, theme)
    deck, warnings = plan(file.outline, th, frames or BUILTIN_FRAMES, file.loaded, file.folder)
    slide_limit(deck, file.loaded.file)
    return Planned(file.outline, th, deck, [*file.warnings, *warnings], file.loaded)


def _planned(request: BuildRequest, file: OutlineFile, theme: Theme,
             frames: Frames) -> tuple[DeckPlan, list[Diagnostic]]:
    """The deck plan of a build (within the slide limit, with time cues when asked) and the plan's warnings."""
    deck, warnings = plan(file.outline, theme, frames, file.loaded, file.folder)
    slide_limit(deck, request.shown)
    if request.time_cues:
        from deckgen.present.timing import with_time_cues

        deck = with_time_cues(deck, request.rate)
    return deck, warnings


def text_digest(text: str) -> str:
    """What tells two reads of an outline apart (the planning copy's and the renderer's)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@record(frozen=True)
class Read:
    """An outline read and validated for a build on the built-in master, with its theme: what a build needs of
    it before the plan (`OutlineFile` but the loaded YAML), and the digest of the text read (`text_digest`)."""

    digest: str
    outline: Outline
    warnings: tuple[Diagnostic, ...]
    theme: Theme


def read_on_builtin(request: BuildRequest) -> tuple[OutlineFile, Theme, str]:
    """Read the outline of a build on the built-in master and its theme; the digest of the text read."""
    from deckgen.outline.load import read_text

    text = read_text(request.outline, request.shown)
    file = read_outline(request.outline, request.shown, text)
    return file, resolve_theme(file, request.theme), text_digest(text)


def plan_on_builtin(request: BuildRequest, read: Optional[tuple[OutlineFile, Theme, str]] = None
                    ) -> tuple[DeckPlan, list[Diagnostic], str]:
    """Plan a build on the built-in master (`BUILTIN_FRAMES`) from its outline as `read_on_builtin` read it
    (default: read now): what a copy of the process does beside the renderer's import
    (`deckgen.build.planning`); pure, nothing of python-pptx. With the plan and its warnings, the digest of
    the text planned."""
    file, theme, digest = read or read_on_builtin(request)
    return (*_planned(request, file, theme, BUILTIN_FRAMES), digest)


# The modules a text deck's render and save import on first use (`import_beforehand`)
BEFOREHAND = ("pickle", "deckgen.render.factory", "deckgen.render.prepared", "deckgen.render.slides",
              "deckgen.render.marks", "deckgen.render.template", "deckgen.render.addlayout", "deckgen.render.frames",
              "deckgen.render.roles", "deckgen.package.slidetext", "deckgen.package.fingerprint",
              "deckgen.package.zipwrite", "deckgen.package.check", "deckgen.present.timing")


def import_beforehand() -> None:
    """Import `BEFOREHAND` now (while the copy of the process plans, this one would wait for the plan): else
    they are imported one by one during the render and the save, after the plan, 0.02 s of a build."""
    import importlib

    for name in BEFOREHAND:
        importlib.import_module(name)


def build(request: BuildRequest, planning: Optional[Planning] = None) -> Built:
    """Build the deck `request` asks for (see `BuildRequest`) and write it atomically; `planning` is the
    deck being planned already (`deckgen.build.planning.start_planning`).

    The target (the organisation's template, or the built-in master of the theme) is opened once,
    before planning, so the plan fits text to its placeholders. A deck at the output that was edited
    since deckgen wrote it, or that deckgen did not write, is kept as a dated backup (with a warning)
    unless `request.force`; see `save_deck`.
    """
    from deckgen.build.save import save_deck
    from deckgen.package.write import check_target
    from deckgen.render import builtin_target, render, template_target  # python-pptx only now

    taken = False  # the copy's plan is the deck's: its reading time is too
    hashes = None
    found: Optional["DeckState"] = None  # what is at the output, when read while the copy plans
    try:
        check_target(request.output)
        from deckgen.outline.load import read_text

        text = read_text(request.outline, request.shown)
        digest = text_digest(text) if planning is not None else ""
        read = planning.read() if planning is not None else None  # the outline as the copy read it
        file = None if read is not None and read.digest == digest else read_outline(request.outline, request.shown, text)
        outline, file_warnings = (file.outline, file.warnings) if file is not None else (read.outline, read.warnings)  # type: ignore[union-attr]
        language = outline.deck.language
        if request.template is None:
            theme = resolve_theme(file, request.theme) if file is not None else read.theme  # type: ignore[union-attr]
            target = builtin_target(theme, language)
            if planning is not None:  # while the copy plans: what the slide keys need of the outline, the
                from deckgen.package.fingerprint import state  # modules the render and the save take, and what
                from deckgen.pull.keys import entry_hashes  # is at the output (else read beside the package check)

                hashes = entry_hashes(outline)
                import_beforehand()
                found = state(request.output)
            planned = planning.result() if planning is not None else None
            if planned is not None and planned[2] == digest:
                deck, warnings = planned[0], planned[1]
                taken = True
            else:
                file = file or read_outline(request.outline, request.shown, text)
                deck, warnings = _planned(request, file, theme, target.frames)
        else:
            assert file is not None  # (no copy plans on a template)
            roles = {**(file.outline.deck.template_roles or {}), **dict(request.roles)}
            target = template_target(request.template, language, request.east_asian_font, roles or None)
            theme = resolve_theme(file, request.theme)
            deck, warnings = _planned(request, file, theme, target.frames)
            if target.closings:
                from deckgen.plan.sizing import closing_lines_small

                # the cover's copy must hold the lines at body size; the template's ending page or a layout, at
                # least hold them: else the closing's next place (the sample page's layout, then the content layout)
                def small() -> bool:  # on a layout, lines below the smallest byline are not lines one reads from the back
                    sizes = theme.sizes.scaled(target.frames.scale)
                    on_layout = target.slots[Role.CLOSING.value].sample is None
                    return closing_lines_small(deck.slides, sizes, target.closing_on_cover,
                                               sizes.byline.min if on_layout else 0.0)

                while target.closings and small():
                    target.next_closing()
                    deck, warnings = _planned(request, file, theme, target.frames)
        if not taken and planning is not None:
            planning.close()
        from deckgen.pull.keys import outline_record, slide_keys

        deflater = planning.deflater if taken and planning is not None else None
        prs, render_warnings = render(deck, theme, target, slide_keys(outline, deck, hashes), beside=deflater)
        saved = save_deck(prs, request.output, request.force, outline_record(request.outline, request.output),
                          request.outline, deflater, found)
        timing = planning.after() if taken and planning is not None else None
    finally:
        if planning is not None:
            planning.close()
    return Built(request.output, len(deck.slides), [*file_warnings, *warnings, *render_warnings, *saved], deck, timing)
