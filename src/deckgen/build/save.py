"""Save a rendered deck: check its package, stamp its fingerprint, keep an edited deck aside, write atomically."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional

from deckgen.diagnostics import Diagnostic
from deckgen.package.parallel import Forked, Task

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from deckgen.package.deflater import Deflater
    from deckgen.package.fingerprint import DeckState


def package_problems(order: list[str], members: dict[str, bytes]) -> list[str]:
    """The structure problems of a package about to be written, from its members (name → bytes, in zip order):
    part names, content types, relationships, `notesMasterIdLst`. (The zip around them is
    `deckgen.package.zipwrite`'s, which writes `zipfile`'s bytes.)"""
    from deckgen.package.check import check_package
    from deckgen.package.zipread import MAX_DECK_PARTS, LimitExceeded, Package

    try:
        return check_package(Package.of_members(order, members, MAX_DECK_PARTS), structure_only=True,
                             suffix=".pptx").problems
    except LimitExceeded as exc:
        return [str(exc)]


def stamp_and_check(order: list[str], members: dict[str, bytes],
                    record: Optional[Mapping[str, str]]) -> tuple[list[str], dict[str, bytes], list[str]]:
    """The package of `members` stamped with its fingerprint (`stamp_members`, `record` beside it) and checked
    (`package_problems`): its member order, the members the stamp changed or added, and the problems. `members`
    itself is left as it was."""
    from deckgen.package.fingerprint import stamp_members

    data = dict(members)
    order, _ = stamp_members(data, order, record)
    changed = {name: body for name, body in data.items() if members.get(name) is not body}
    return order, changed, package_problems(order, data)


# From this many members (a deck of about 100 slides) the stamp and the package check run in a copy of the
# process while this one deflates the members: making the copy costs a few milliseconds. (In a thread, the
# check only took turns with the zip's threads and made the whole slower: BENCHMARKS.md, seventh round.)
FORKED_STAMP_MEMBERS = 400


def save_deck(prs: "PresentationT", output: Path, force: bool = False,
              record: Optional[Mapping[str, str]] = None, outline: Optional[Path] = None,
              deflater: Optional["Deflater"] = None, found: Optional["DeckState"] = None) -> list[Diagnostic]:
    """Write `prs` to `output` atomically, with its fingerprint in the custom properties; return warnings.

    Unless `force`, a deck already at `output` whose fingerprint does not match its content (edited in
    PowerPoint since deckgen wrote it), or that has none (deckgen did not write it), or that is open in
    PowerPoint or LibreOffice (their lock file is beside it: edits may be unsaved), is first kept as
    `NAME.YYYY-MM-DD-HHMM.pptx` beside it (its modification time; never over another backup). A symbolic
    link is written through: the file it points to is kept and replaced, the link stays. `record`
    (custom properties: the outline the deck is built from, for `deckgen pull`) is written beside the
    fingerprint. For an edited deck, the warning says whether its edits are in `outline` (the outline
    being built) or how to pull them. `deflater` holds members deflated already while the deck was rendered;
    `found` is what was at `output` (`fingerprint.state`) when read beforehand (else it is read here).
    """
    from deckgen.errors import PackageError
    from deckgen.package.fingerprint import stamp_parts, state
    from deckgen.package.write import keep_aside, lock_files, write_atomic
    from deckgen.package.zipwrite import deflate_members, fits_plain_zip, write_zip
    from deckgen.render.package import package_members

    order, members = package_members(prs)
    stamped = stamp_parts(members)
    beside = deflater is not None and deflater.serving
    if beside:  # the copy that deflated the slides while they were rendered deflates the rest too
        deflater.add_rest([m for m in order if m not in stamped], members)  # type: ignore[union-attr]
    # …while this process stamps the fingerprint and checks the package; else, for a big deck, a copy of this
    # process stamps and checks on another core while this one deflates the members the stamp leaves alone;
    # both while a thread reads the old deck's fingerprint, unless the caller read it beforehand (zlib and
    # hashlib let it run). Nothing is written unless the check passes
    stamping = Forked(stamp_and_check, order, members, record,
                      fork=not beside and len(order) >= FORKED_STAMP_MEMBERS)
    try:
        old = Task(state, output) if found is None else None
        if beside:
            result = stamping.result()
            packed = deflater.take(members)  # type: ignore[union-attr]
        else:
            packed = deflate_members([m for m in order if m not in stamped], members, workers=1) \
                if stamping.forked and fits_plain_zip(order, members) else {}
            result = stamping.result()
        order, changed, problems = result
        found = old.result() if old is not None else found
    finally:
        stamping.close()
        if deflater is not None:
            deflater.close()
    if problems:
        raise PackageError(problems)
    members.update(changed)
    written = io.BytesIO()
    write_zip(written, order, members, packed={m: p for m, p in packed.items() if m not in changed})
    locks = lock_files(output) if found.kind != "missing" else []
    unpulled = _unpulled(output, outline) if found.kind == "edited" and not force else None
    keep = found.kind in ("edited", "foreign") or bool(locks)
    backup = keep_aside(output) if keep and not force else None
    try:
        write_atomic(output, lambda fh: fh.write(written.getvalue()))
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
