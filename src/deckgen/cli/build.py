"""The `deckgen build`, `deckgen themes` and `deckgen template` commands."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional, TypeVar

import click

from deckgen.cli.present import MINUTES, RATE, RATE_HELP, after_build, warn, watch_build
from deckgen.cli.progress import status

if TYPE_CHECKING:
    from deckgen.build.request import BuildRequest

T = TypeVar("T")
DEFAULT_OUTLINE = "outline.yaml"
LECTURE_SUFFIXES = (".docx", ".doc", ".txt", ".md", ".markdown", ".rtf", ".odt", ".wps")


@contextmanager
def collecting_less(start: Optional[Callable[[], T]] = None) -> Iterator[Optional[T]]:
    """Python's cycle collector tuned for a build, which makes millions of small objects that live to its
    end (the plan, XML trees): the objects made before it (the modules) are set aside, and a collection
    waits for 50,000 new objects rather than 700; both undone after it (in a long-lived process, the
    tests' or `--watch`'s, nothing stays set aside). Measured on 1000 slides: 0.32 s in the collector →
    0.09 s, peak memory +2 MB (BENCHMARKS.md). `start()` is called with the collector tuned, before the
    renderer is imported (it may start a copy of the process that plans meanwhile); the block gets what it
    returned, closed (`close()`) when the block ends, however it ends."""
    import gc
    import importlib

    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    started = None
    try:
        started = start() if start is not None else None
        importlib.import_module("deckgen.render.deck")  # what every build imports (python-pptx): set aside with the rest
        gc.freeze()
        yield started
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
        close = getattr(started, "close", None)
        if close is not None:  # a copy of the process still planning when the build ended early (Ctrl-C)
            close()


def shipped_outline() -> Path:
    """The example outline shipped with deckgen (the example lecture's)."""
    from importlib import resources

    return Path(str(resources.files("deckgen.examples") / DEFAULT_OUTLINE))


def parse_roles(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`--role content=标题和内容 --role section=3` as (role, layout) pairs; a usage error for a bad one."""
    from deckgen.outline.model import Role

    out = []
    for value in values:
        role, sep, layout = value.partition("=")
        role, layout = role.strip(), layout.strip()
        if not sep or not layout or role not in Role._value2member_map_:
            raise click.BadParameter(f"{value!r} is not ROLE=LAYOUT with ROLE one of "
                                     f"{', '.join(r.value for r in Role)} (e.g. content=标题和内容 or content=3)",
                                     param_hint="'--role'")
        out.append((role, layout))
    return tuple(out)


ROLE_OPTION = click.option("--role", "roles", multiple=True, metavar="ROLE=LAYOUT",
                           help="With --template: use this layout (name, or number from `template inspect`) for a "
                                "slide role, e.g. --role content=标题和内容; repeatable.")


def make_request(outline: Optional[Path], output: Optional[Path], theme: Optional[str], template: Optional[Path],
                 east_asian_font: Optional[str], time_cues: bool, rate: Optional[float], force: bool,
                 roles: tuple[str, ...] = ()) -> "BuildRequest":
    """The build request for the command line's options: defaults filled in, usage mistakes refused."""
    from deckgen.build.request import BuildRequest

    display = None
    if outline is not None and outline.suffix.lower() in LECTURE_SUFFIXES:
        draft = outline.with_suffix(".yaml").name
        raise click.BadParameter(f"{str(outline)!r} is a lecture, not an outline: run `deckgen outline {outline} "
                                 f"-o {draft}` first, edit the draft, then `deckgen build {draft}`",
                                 param_hint="'OUTLINE'")
    if outline is None:
        outline = Path(DEFAULT_OUTLINE)
        if not outline.exists():
            outline = shipped_outline()
            display = DEFAULT_OUTLINE
            click.echo(f"No ./{DEFAULT_OUTLINE} here: building the shipped example outline.", err=True)
            output = output or Path("outline.pptx")
    if output is None:
        output = outline.with_suffix(".pptx")
    if output.suffix.lower() != ".pptx" and not output.is_dir():
        raise click.BadParameter(f"{str(output)!r} does not end in .pptx", param_hint="'-o' / '--output'")
    if east_asian_font is not None and not template:
        raise click.BadParameter("only applies with --template", param_hint="'--east-asian-font'")
    if roles and not template:
        raise click.BadParameter("only applies with --template", param_hint="'--role'")
    if east_asian_font is not None:
        _check_font_name(east_asian_font)
    return BuildRequest(outline, output, theme, template, east_asian_font, force, time_cues, rate, display,
                        parse_roles(roles))


MAX_FONT_NAME = 64


def _check_font_name(name: str) -> None:
    """Refuse a typeface name a theme cannot hold: empty, control characters, or absurdly long."""
    bad = next((ch for ch in name if not ch.isprintable() and ch != " "), None)
    if bad is not None:
        raise click.BadParameter(f"{name!r} holds the control character U+{ord(bad):04X}; give a font name such as 微软雅黑",
                                 param_hint="'--east-asian-font'")
    if not name.strip() or len(name) > MAX_FONT_NAME:
        raise click.BadParameter(f"give a font name of 1 to {MAX_FONT_NAME} characters, such as 微软雅黑",
                                 param_hint="'--east-asian-font'")


@click.command()
@click.argument("outline", required=False, type=click.Path(dir_okay=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The .pptx to write (default: beside the outline, named after it).")
@click.option("--theme", metavar="NAME|PATH", help="A built-in theme name or a theme .yaml file (overrides deck.theme).")
@click.option("--template", type=click.Path(path_type=Path), metavar="FILE.pptx|.potx",
              help="Use this organisation template's master, layouts, colours and fonts.")
@click.option("--east-asian-font", metavar="NAME", help="With --template: set this East Asian (Chinese) font in its theme.")
@ROLE_OPTION
@click.option("--pdf", is_flag=True, help="Also write the deck as PDF beside it (needs LibreOffice).")
@click.option("--duration", type=MINUTES, metavar="MINUTES",
              help="Warn when reading the notes aloud takes longer, naming the longest sections.")
@click.option("--rate", type=RATE, metavar="N", help=RATE_HELP)
@click.option("--time-cues", is_flag=True, help="End each slide's notes with its reading time (〔约 2 分钟〕).")
@click.option("--watch", is_flag=True, help="Rebuild whenever the outline, theme file or template changes; Ctrl-C stops.")
@click.option("--force", is_flag=True, help="Overwrite a deck edited since deckgen wrote it (or not written by deckgen) "
              "without keeping a dated backup of it.")
def build(outline: Optional[Path], output: Optional[Path], theme: Optional[str], template: Optional[Path],
          east_asian_font: Optional[str], roles: tuple[str, ...], pdf: bool, duration: Optional[float], rate: Optional[float],
          time_cues: bool, watch: bool, force: bool) -> None:
    """Build the deck for OUTLINE, a YAML outline (default: ./outline.yaml, else the shipped example).

    For your own lecture, draft the outline first: `deckgen outline LECTURE.docx -o outline.yaml`."""
    from deckgen.build.pipeline import build as run_build
    from deckgen.build.planning import start_planning
    from deckgen.cli.early import take

    request = make_request(outline, output, theme, template, east_asian_font, time_cues, rate, force, roles)

    def once() -> None:
        # a copy of the process plans while this one imports the renderer and reads the outline too (started
        # before the status line's thread: a copy is made with no other thread running)
        with collecting_less(lambda: take(request) or start_planning(request)) as planning, \
                status(f"Building {request.outline.name}"):  # status: on a terminal only
            result = run_build(request, planning)
        warn(result.warnings)
        click.echo(f"Wrote {result.output} ({result.slides} slides)")
        after_build(result, pdf=pdf, duration=duration, rate=rate, force=force)

    if watch:
        watch_build(once, request.outline, theme, template)
    else:
        once()


@click.command()
def themes() -> None:
    """List the built-in themes (`deckgen build --theme NAME`); the default is marked."""
    from deckgen.theme.model import builtin_themes, load_theme

    from deckgen.theme.model import DEFAULT_THEME

    for name in builtin_themes():
        shown = f"{name} (default)" if name == DEFAULT_THEME else name
        click.echo(f"{shown:<18} {load_theme(name).description}")


@click.group()
def template() -> None:
    """Work with an organisation's PowerPoint template."""


@template.command("inspect")
@click.argument("path", type=click.Path(path_type=Path))
@ROLE_OPTION
@click.option("--sheet", type=click.Path(path_type=Path), metavar="FILE.png",
              help="Also write a contact sheet of the layouts and sample slides, each labelled with its role "
                   "(needs LibreOffice).")
def template_inspect(path: Path, roles: tuple[str, ...], sheet: Optional[Path]) -> None:
    """Show PATH's masters, layouts and placeholders, which layout (or sample slide) each slide role
    uses and why."""
    from deckgen.render.describe import describe_template

    wanted = dict(parse_roles(roles)) or None
    click.echo(describe_template(path, wanted), nl=False)
    if sheet is not None:
        import tempfile

        from deckgen.package.write import check_target, write_atomic
        from deckgen.present.preview import make_preview
        from deckgen.render.describe import layout_deck

        check_target(sheet)
        with tempfile.TemporaryDirectory(prefix="deckgen-layouts-") as tmp:
            deck = Path(tmp) / "layouts.pptx"
            captions = layout_deck(path, deck, wanted)
            with status(f"Drawing the layouts of {path.name} with LibreOffice"):
                done = make_preview(deck, Path(tmp) / "preview", width=480, captions=captions)
            data = done.sheet.read_bytes()
        write_atomic(sheet, lambda fh: fh.write(data))
        click.echo(f"Wrote {sheet}: the template's sample slides and layouts, each with the role it serves")
