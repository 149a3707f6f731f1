"""The `deckgen outline` and `deckgen check` commands: draft an outline from a lecture, check an outline or deck."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from deckgen.cli.present import warn

if TYPE_CHECKING:
    from deckgen.diagnostics import Diagnostic

DEFAULT_OUTPUT = "outline.yaml"
MAX_NOTES = 10
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm")


@click.command()
@click.argument("lecture", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help=f"The outline to write (default: ./{DEFAULT_OUTPUT}).")
@click.option("--force", is_flag=True, help="Overwrite the output if it exists (it may hold your edits).")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "docx"]), default=None,
              help="Read LECTURE as this format, whatever its name (a .txt holding Markdown is read as Markdown).")
@click.option("--renumber", is_flag=True, help="Instead: count the labels of the outline given as LECTURE 1, 2, 3… "
              "again, in place (after deleting or moving entries); the previous outline is kept as a dated backup.")
def outline(lecture: Path, output: Optional[Path], force: bool, fmt: Optional[str], renumber: bool) -> None:
    """Draft an outline (YAML) from your lecture, LECTURE (.docx, .txt or .md): the first step.

    Headings, points, opening and closing are found in the text; every word of the lecture goes
    into the speaker notes. Bullets are drafts to edit. It prints the slides with their reading
    times and warns about what to check. Then run `deckgen build OUTPUT`."""
    from deckgen.diagnostics import Diagnostic
    from deckgen.errors import ContentError, OutputError
    from deckgen.extract.pipeline import extract
    from deckgen.package.write import check_target, write_text_atomic

    suffix = lecture.suffix.lower()
    if renumber:
        _renumber(lecture)
        return
    if fmt is None and suffix in (".yaml", ".yml"):
        raise ContentError([Diagnostic(f"this is an outline already (YAML), not a lecture; build it with `deckgen build "
                                       f"{lecture}`, or check it with `deckgen check {lecture}`", str(lecture))])
    if fmt is None and suffix in DECK_SUFFIXES:
        raise ContentError([Diagnostic(f"this is a PowerPoint deck, not a lecture; to bring its edits into an outline, "
                                       f"run `deckgen pull {lecture}`", str(lecture))])
    output = output or Path(DEFAULT_OUTPUT)
    if output.suffix.lower() not in (".yaml", ".yml") and not output.is_dir():
        raise click.BadParameter(f"{str(output)!r} does not end in .yaml", param_hint="'-o' / '--output'")
    if lecture.exists() and output.exists() and os.path.samefile(output, lecture):
        raise OutputError(f"the output {str(output)!r} is the lecture itself; choose another name with -o")
    check_target(output)
    if output.exists() and not force:
        raise OutputError(f"{str(output)!r} already exists and may hold your edits; "
                          "add --force to overwrite it, or choose another file with -o")
    result = extract(lecture, str(lecture), fmt, (output if output.is_dir() else output.parent).resolve())
    outline_, deck, loaded = _buildable(result.yaml, str(lecture), str(output))
    write_text_atomic(output, result.yaml)
    for line in result.summary():
        click.echo(line)
    from deckgen.present.draft import draft_warnings, slide_tree

    for line in slide_tree(deck):
        click.echo(line)
    warn(result.warnings)
    checks = result.cut_titles(loaded) + draft_warnings(outline_, deck, loaded)
    warn(checks)
    click.echo(f"Wrote {output}: {'check the warnings above and ' if checks else ''}edit the drafted bullets, then run "
               f"`deckgen build {output}` (`deckgen check {output}` checks it again after your edits)")


def _renumber(path: Path) -> None:
    """`deckgen outline --renumber OUTLINE`: the labels counted again in place, the previous file kept aside."""
    from deckgen.outline.read import read_outline
    from deckgen.package.write import keep_aside, write_text_atomic
    from deckgen.pull.renumber import renumber

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter(f"{str(path)!r} is not an outline (.yaml); --renumber renumbers an outline's labels",
                                 param_hint="'LECTURE'")
    read_outline(path, str(path))  # a valid outline only: its mistakes are reported as a build reports them
    doc, changes = renumber(path.read_bytes())
    if not changes:
        click.echo(f"{path}: the labels count on without gaps; nothing to change")
        return
    backup = keep_aside(path)
    write_text_atomic(path, doc.text())
    click.echo(f"Renumbered {path} (the previous outline is kept as {backup.name}):")
    for change in changes:
        click.echo(f"  {change.old}{change.title} → {change.new}{change.title}")


def _buildable(text: str, lecture: str, shown: str) -> tuple:
    """The drafted outline, its plan and its positions (as the file `shown`); refuse (`ContentError` naming the
    lecture) one that `deckgen build` would refuse: larger than an outline file may be, beyond the outline's
    limits, or giving more slides than one deck holds."""
    from deckgen.diagnostics import Diagnostic
    from deckgen.errors import ContentError
    from deckgen.build.pipeline import slide_limit
    from deckgen.outline.load import MAX_BYTES, parse_yaml
    from deckgen.outline.validate import validate
    from deckgen.plan.kinds import BUILTIN_FRAMES
    from deckgen.plan.planner import plan
    from deckgen.theme.model import load_theme

    size = len(text.encode("utf-8"))
    hint = "split the lecture into several files, a part per deck"
    if size > MAX_BYTES:
        raise ContentError([Diagnostic(f"the drafted outline would be {size / 2**20:.1f} MB, more than the "
                                       f"{MAX_BYTES >> 20} MB an outline may be; {hint}", lecture)])
    try:
        loaded = parse_yaml(text, shown)
        outline_, _ = validate(loaded)
        deck, _ = plan(outline_, load_theme(None), BUILTIN_FRAMES, loaded)
        slide_limit(deck, "the drafted outline")
    except ContentError as exc:
        raise ContentError([Diagnostic(f"{exc.problems[0].message.split('; ')[0]}; {hint}", lecture)]) from None
    return outline_, deck, loaded


def _pptx_notes(path: Path) -> list[tuple[tuple, str]]:
    """The notes of each slide of a saved deck, read without python-pptx (hidden slides skipped)."""
    from deckgen.package.deck import read_deck

    return [((f"slide {s.number}",), s.notes) for s in read_deck(path).slides if s.notes]


def _coverage(source: Path, notes: list, shown: str, where=None) -> list[Diagnostic]:
    """Compare the lecture at `source` with `notes`; print the figure and return the problems."""
    from deckgen.diagnostics import Diagnostic
    from deckgen.extract.coverage import measure, snippet, split, split_notes
    from deckgen.extract.sourcecheck import source_paragraphs

    result = measure(split(source_paragraphs(source, str(source))), split_notes(notes))
    click.echo(f"Coverage of {source}: {result.percent:.1f} % of {result.total} sentences in order "
               f"({len(result.missing)} missing, {len(result.moved)} out of order, "
               f"{len(result.duplicated)} present twice, {len(result.extra)} not in the lecture)")

    def at(path: tuple, message: str) -> Diagnostic:
        line, col = where(path) if where else (None, None)
        return Diagnostic(message, shown, line, col, path)

    problems = [Diagnostic(f"missing from the notes: {snippet(s.text)}", str(source), s.line) for s in result.missing]
    problems += [at(n.path, f"out of order: {snippet(n.text)} (lecture line {s.line})") for s, n in result.moved]
    problems += [at(s.path, f"present twice in the notes: {snippet(s.text)}") for s in result.duplicated]
    problems += [at(s.path, f"not in the lecture: {snippet(s.text)}") for s in result.extra]
    return problems


@click.command()
@click.argument("outline", metavar="OUTLINE", type=click.Path(path_type=Path))
@click.option("--source", type=click.Path(path_type=Path), metavar="LECTURE",
              help="The lecture (.txt, .docx, .md): report its sentences missing from the notes or present "
                   "twice, and notes that are not in it.")
@click.option("--accessibility", is_flag=True,
              help="For a deck: also apply PowerPoint's Accessibility Checker rules (titles, unique titles, alt text, "
                   "reading order, table headers, WCAG AA contrast).")
def check(outline: Path, source: Optional[Path], accessibility: bool) -> None:
    """Check OUTLINE (a .yaml outline, or a built .pptx deck).

    Exits 1 on any problem; with --source, on any sentence not carried exactly once, in order; with
    --accessibility, on any slide that breaks an accessibility rule."""
    from deckgen.errors import ContentError
    if outline.suffix.lower() in DECK_SUFFIXES:
        _check_deck(outline, source, accessibility)
        return
    if accessibility:
        raise click.UsageError("--accessibility checks a built deck: give the .pptx (deckgen build writes it)")
    from deckgen.build.pipeline import plan_file
    from deckgen.extract.coverage import notes_in_order

    from deckgen.present.draft import draft_warnings

    planned = plan_file(outline, None, str(outline))
    warn(planned.warnings)
    warn(draft_warnings(planned.outline, planned.deck, planned.loaded))
    o = planned.outline
    subs = [s for sec in o.sections for s in sec.subsections]
    click.echo(f"{outline}: valid ({len(planned.deck.slides)} slides: {len(o.sections)} sections, "
               f"{len(subs)} subsections, {sum(len(s.points) for s in subs)} points)")
    if source is None:
        return
    loaded = planned.loaded
    problems = _coverage(source, notes_in_order(o), str(outline), loaded.where if loaded else None)
    if problems:
        raise ContentError(problems)


def _check_deck(deck: Path, source: Optional[Path], accessibility: bool = False) -> None:
    """Check a built deck's package, with `source` its notes against the lecture, with `accessibility`
    its slides against PowerPoint's accessibility rules."""
    from deckgen.diagnostics import Diagnostic
    from deckgen.errors import ContentError
    from deckgen.package.files import file_problem

    why = file_problem(deck)
    if why:
        raise ContentError([Diagnostic(f"file {str(deck)!r} {why}", str(deck))])
    from deckgen.package.check import check_package, deckgen_writes, find_schemas
    from deckgen.package.fingerprint import state

    schemas, _ = find_schemas()
    # The ISO schemas judge only XML deckgen wrote: the parts it writes, in a deck it wrote and nobody changed.
    # Anything PowerPoint (or a template) wrote is judged by PowerPoint's own rules, which decide.
    ours = schemas is not None and state(deck).kind == "ours"
    report = check_package(deck, schemas, schema_strict=deckgen_writes if ours else (lambda name: False))
    warn([f"{deck}: ISO schema (PowerPoint accepts it): {note}" for note in report.schema_notes[:MAX_NOTES]])
    if len(report.schema_notes) > MAX_NOTES:
        warn([f"{deck}: … and {len(report.schema_notes) - MAX_NOTES} more ISO-schema findings PowerPoint accepts"])
    problems = [Diagnostic(str(p), str(deck)) for p in report.problems]
    if not problems:
        checked = ["package valid"]
        if report.powerpoint_checked:
            checked.append("PowerPoint's rules pass (openxml-audit)")
        if report.schema_checked and report.schema_notes:
            checked.append(f"{report.parts_checked} parts checked against the ISO schemas ({len(report.schema_notes)} "
                           "findings PowerPoint accepts, shown above)")
        elif report.schema_checked:
            checked.append(f"{report.parts_checked} parts valid against the ISO schemas")
        click.echo(f"{deck}: {', '.join(checked)}")
    if source is not None and report.opened:  # a refused package (a zip bomb?) is not read for its notes either
        problems += _coverage(source, _pptx_notes(deck), str(deck))
    if accessibility and report.opened:
        from deckgen.package.accessibility import check_accessibility

        found = check_accessibility(deck)
        problems += [Diagnostic(str(v), str(deck)) for v in found]
        if not found:
            click.echo(f"{deck}: accessible (every slide titled, titles unique and first in reading order, alt text, "
                       "table headers, WCAG AA contrast)")
    if problems:
        raise ContentError(problems)


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the schema to this file (default: print it).")
def schema(output: Optional[Path]) -> None:
    """Print the outline format as JSON Schema, for editors that complete and check outline files.

    VS Code (YAML extension): save it as outline.schema.json and start the outline with the line
    `# yaml-language-server: $schema=outline.schema.json`."""
    import json

    from deckgen.outline.schema import outline_schema

    text = json.dumps(outline_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from deckgen.package.write import check_target, write_text_atomic

    check_target(output)
    write_text_atomic(output, text)
    click.echo(f"Wrote {output}")
