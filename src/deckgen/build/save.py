"""Save a rendered deck: check its package, stamp its fingerprint, keep an edited deck aside, write atomically."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.package.parallel import Task

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT


def verify_package(order: list[str], members: dict[str, bytes]) -> None:
    """Check the structure of a package about to be written, from its members (name → bytes, in zip order):
    part names, content types, relationships, `notesMasterIdLst`; raise `PackageError`, so nothing is
    written, if deckgen produced a broken one. (The zip around them is `deckgen.package.zipwrite`'s, which
    writes `zipfile`'s bytes.)"""
    from deckgen.errors import PackageError
    from deckgen.package.check import check_package
    from deckgen.package.zipread import MAX_DECK_PARTS, LimitExceeded, Package

    try:
        problems = check_package(Package.of_members(order, members, MAX_DECK_PARTS), structure_only=True,
                                 suffix=".pptx").problems
    except LimitExceeded as exc:
        problems = [str(exc)]
    if problems:
        raise PackageError(problems)


def save_deck(prs: "PresentationT", output: Path, force: bool = False,
              record: Optional[Mapping[str, str]] = None, outline: Optional[Path] = None) -> list[Diagnostic]:
    """Write `prs` to `output` atomically, with its fingerprint in the custom properties; return warnings.

    Unless `force`, a deck already at `output` whose fingerprint does not match its content (edited in
    PowerPoint since deckgen wrote it), or that has none (deckgen did not write it), or that is open in
    PowerPoint or LibreOffice (their lock file is beside it: edits may be unsaved), is first kept as
    `NAME.YYYY-MM-DD-HHMM.pptx` beside it (its modification time; never over another backup). A symbolic
    link is written through: the file it points to is kept and replaced, the link stays. `record`
    (custom properties: the outline the deck is built from, for `deckgen pull`) is written beside the
    fingerprint. For an edited deck, the warning says whether its edits are in `outline` (the outline
    being built) or how to pull them.
    """
    from deckgen.package.fingerprint import stamp_members, state, write_members
    from deckgen.package.write import keep_aside, lock_files, write_atomic
    from deckgen.render.package import package_members

    order, members = package_members(prs)
    order, _ = stamp_members(members, order, record)
    stamped = io.BytesIO()
    # packing the new deck and reading the old one's fingerprint run beside the package check (zlib and
    # hashlib let other threads run); nothing is written unless the check passes
    packed = Task(write_members, stamped, order, members)
    old = Task(state, output)
    try:
        verify_package(order, members)
    finally:
        packed.result()
        found = old.result()
    locks = lock_files(output) if found.kind != "missing" else []
    unpulled = _unpulled(output, outline) if found.kind == "edited" and not force else None
    keep = found.kind in ("edited", "foreign") or bool(locks)
    backup = keep_aside(output) if keep and not force else None
    try:
        write_atomic(output, lambda fh: fh.write(stamped.getvalue()))
    except BaseException:
        try:
            if backup is not None and os.path.samefile(output, backup):
                backup.unlink()  # the old deck is still in place (a hard link to it): no backup needed
        except OSError:
            pass
        raise
    out = []
    if locks:
        program = "PowerPoint" if locks[0].name.startswith("~$") else "LibreOffice"
        kept = f"kept the deck as it was on disk as {backup}" if backup else "replaced it (--force)"
        out.append(Diagnostic(f"{output} is open in {program} (lock file {locks[0].name}): {kept}; the deck open there "
                              "is the old one: save any edits there under another name, then open the new deck"))
    if backup is None or (locks and found.kind != "edited"):
        return out
    if found.kind != "edited":
        return [Diagnostic(f"{output} was not written by deckgen (or by a version without fingerprints): kept it as "
                           f"{backup}; --force overwrites without a backup")]
    why = "was changed after deckgen wrote it (edited in PowerPoint?)"
    if unpulled == 0:
        return out + [Diagnostic(f"{output} {why}; its titles, bullets and notes are in {outline} (pulled): kept it as "
                                 f"{backup} for anything else (pictures, formatting); --force overwrites without a backup")]
    if unpulled:
        return out + [Diagnostic(f"{output} {why} and holds {unpulled} edit{'s' if unpulled != 1 else ''} that "
                                 f"{'are' if unpulled != 1 else 'is'} not in {outline}: kept it as {backup}; "
                                 f"`deckgen pull {backup} {outline}` brings them into the outline (then build again "
                                 "to have them in the new deck)")]
    pull = f"`deckgen pull {backup} {outline}`" if outline else f"`deckgen pull {backup} OUTLINE`"
    return out + [Diagnostic(f"{output} {why}: kept it as {backup}; its edits are not in the new deck: {pull} "
                             "brings its titles, bullets and notes into the outline, then build again; --force "
                             "overwrites without a backup")]


def _unpulled(deck: Path, outline: Optional[Path]) -> Optional[int]:
    """How many edits `deckgen pull` would bring from `deck` into `outline` (None: it cannot tell)."""
    if outline is None:
        return None
    from deckgen.pull.run import unpulled

    return unpulled(deck, outline)
