"""`deckgen pull` as one call: read the deck and its outline, match, write the outline (backup first), report."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Optional

from deckgen.diagnostics import Diagnostic, format_path
from deckgen.errors import ContentError
from deckgen.outline.typed import record
from deckgen.package.slideid import OUTLINE_HASH_PROPERTY, OUTLINE_PROPERTY, file_hash
from deckgen.package.slidetext import DeckSlides, read_slides
from deckgen.pull.match import Change, Matched, match
from deckgen.pull.tree import assemble, moves, new_paths, settle_labels


@record
class Pulled:
    """What a pull did (or, with `dry_run`, would do): the outline, the change lines slide by slide, the
    warnings, the backup of the previous outline (None when nothing was written)."""

    deck: Path
    outline: Path
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backup: Optional[Path] = None
    written: bool = False
    exact: bool = True
    stale: int = 0  # entries edited in the deck that are not pulled, their outline entry having changed too

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _refuse(deck: Path, message: str) -> ContentError:
    return ContentError([Diagnostic(message, str(deck))])


def recorded_outline(deck: Path, slides: DeckSlides) -> Optional[Path]:
    """The outline the deck records it was built from (relative to the deck's folder), if it records one."""
    where = slides.properties.get(OUTLINE_PROPERTY)
    if not where or not where.lower().endswith((".yaml", ".yml")):
        return None
    return deck.parent / where


def plan_pull(deck: Path, outline: Optional[Path] = None, force: bool = False,
              edit: bool = True) -> tuple[Pulled, Optional[str]]:
    """Read `deck` against `outline` (default: the one it records); return the report and the new outline
    text (None when nothing changes, or without `edit`). Raises `ContentError` for a deck deckgen did not
    build, or built from another outline (unless `force`), and for an outline that does not load."""
    from deckgen.outline.read import read_outline

    slides = read_slides(deck)
    keyed = any(s.key is not None for s in slides.slides)
    recorded = recorded_outline(deck, slides)
    if not keyed and not force:
        raise _refuse(deck, "this deck was not built by deckgen (its slides carry no deckgen identifiers), so its "
                            "slides cannot be matched to an outline; --force pulls every slide as a new entry")
    if outline is None:
        if recorded is None:
            raise _refuse(deck, "the deck does not record the outline it was built from; name it: "
                                "deckgen pull DECK.pptx OUTLINE.yaml")
        if not recorded.exists():
            raise _refuse(deck, f"the deck was built from {str(recorded)!r}, which is not there; name the outline: "
                                "deckgen pull DECK.pptx OUTLINE.yaml")
        outline = recorded
    if _shipped(outline):
        raise _refuse(deck, f"the deck was built from deckgen's shipped example outline ({outline.resolve()}), which "
                            f"pull does not change; copy it beside the deck as outline.yaml, then: deckgen pull {deck} "
                            f"{deck.with_name('outline.yaml')}")
    file = read_outline(outline)
    raw = outline.read_bytes()
    same = slides.properties.get(OUTLINE_HASH_PROPERTY) == file_hash(raw)
    exact = same or force
    matched = match(file.outline, slides.slides, exact)
    if not exact and matched.identified and matched.located * 2 < matched.identified:
        same_file = recorded is not None and recorded.exists() and recorded.resolve() == outline.resolve()
        built = slides.properties.get(OUTLINE_PROPERTY) or "another outline"
        why = (f"{str(outline)!r} has changed so much since the deck was built from it:" if same_file else
               f"the deck was built from another outline ({built}), not {str(outline)!r}:")
        raise _refuse(deck, f"{why} its slides find only {matched.located} of their {matched.identified} entries "
                            "in it; --force pulls it anyway, matching slides to entries by their place in the "
                            "outline the deck was built from")
    report = Pulled(deck, outline, exact=exact, stale=matched.stale)
    text = _edit(matched, raw, report, file.outline.deck.is_cjk, edit)
    return report, text


def _shipped(outline: Path) -> bool:
    """Whether `outline` is the example shipped inside deckgen (never edited in place)."""
    from importlib import resources

    try:
        return outline.resolve().parent == Path(str(resources.files("deckgen.examples"))).resolve()
    except OSError:
        return False


def _edit(matched: Matched, raw: bytes, report: Pulled, cjk: bool, edit: bool = True) -> Optional[str]:
    from deckgen.pull import yamledit

    tree = assemble(matched.items)
    settle_labels(tree, cjk)
    paths = new_paths(tree)
    for change in matched.changes:
        if change.item is not None and id(change.item) in paths:
            change.where = f"{format_path(paths[id(change.item)])} (new)"
    report.changes = sorted(matched.changes + moves(tree), key=lambda c: (c.slide is None, c.slide or 0))
    report.warnings = list(matched.warnings)
    if not tree.sections:
        raise ContentError([Diagnostic("no section is left in the deck (an outline needs at least one); "
                                       "nothing written", str(report.deck))])
    if not report.changes or not edit:
        return None
    doc = yamledit.load(raw)
    yamledit.apply(doc, tree, matched.deck)
    text = doc.text()
    if not doc.exact:
        report.warnings.append(f"{report.outline}: its indentation is irregular; ruamel.yaml wrote it evenly")
    _check(text, report.outline)
    return text


def _check(text: str, outline: Path) -> None:
    """Refuse to write an outline deckgen would not read back (a bug in pull, never the user's)."""
    from deckgen.outline.load import parse_yaml
    from deckgen.outline.validate import validate

    try:
        validate(parse_yaml(text.removeprefix("\ufeff"), str(outline)))
    except ContentError as exc:
        raise ContentError([Diagnostic(f"pull made an outline that does not load, so nothing is written: {p}")
                            for p in exc.problems]) from None


def pull(deck: Path, outline: Optional[Path] = None, *, force: bool = False, dry_run: bool = False) -> Pulled:
    """Pull the edits of `deck` into `outline` (default: the outline the deck records), in place: the previous
    outline is kept as a dated backup beside it and the new one written atomically. With `dry_run`, only
    report."""
    from deckgen.package.write import check_target, keep_aside, write_text_atomic

    report, text = plan_pull(deck, outline, force)
    if text is None or dry_run:
        return report
    check_target(report.outline)
    report.backup = keep_aside(report.outline)
    try:
        write_text_atomic(report.outline, text)
    except BaseException:
        report.backup.unlink(missing_ok=True)
        raise
    report.written = True
    return report


def unpulled(deck: Path, outline: Path) -> Optional[int]:
    """How many edits of `deck` are not in `outline`: the changes `deckgen pull deck outline` would make and
    the edited entries it cannot take (0: the deck's edits are in the outline), or None when it cannot tell
    (a deck deckgen did not build, another outline, an unreadable file)."""
    try:
        report, _ = plan_pull(deck, outline, edit=False)
    except (ContentError, OSError):
        return None
    return len(report.changes) + report.stale
