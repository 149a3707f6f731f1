"""A build's plan made in a copy of the process, on another core, while this one imports the renderer: the copy
reads the outline and hands it over, plans, then writes and deflates the slides as they are added, and
computes the deck's reading time."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

from deckgen.build.request import BuildRequest

if TYPE_CHECKING:  # (this module is imported before anything else a build needs: it imports little)
    from deckgen.build.pipeline import Read
    from deckgen.diagnostics import Diagnostic
    from deckgen.package.deflater import Deflater
    from deckgen.package.parallel import Forked
    from deckgen.plan.model import DeckPlan
    from deckgen.present.timing import Timing

    Planned = tuple[DeckPlan, list[Diagnostic], str]  # the plan, its warnings, the digest of the text planned


class Planning:
    """A build's plan under way in a copy of the process (`start_planning`). `read()` is the outline as the copy
    read it (`Read`), `result()` the plan, its warnings and the digest of the text planned; the copy then writes
    the prepared slides' parts from the recipes handed to `deflater` and deflates them with the rest, and
    computes the deck's reading time, `after()`."""

    def __init__(self, copy: "Forked[Read]", deflater: "Deflater") -> None:
        self.copy, self.deflater = copy, deflater

    @property
    def forked(self) -> bool:
        """Whether a copy plans (else `read()` and `result()` read and plan here)."""
        return self.copy.forked

    def read(self) -> "Read":
        return self.copy.result()

    def result(self) -> "Planned":
        return self.copy.value(1)  # type: ignore[no-any-return]

    def after(self) -> "Timing":
        """The deck's reading time (once nothing more is handed to the deflater: the copy deflates first)."""
        self.deflater.finish()
        return self.copy.after()  # type: ignore[no-any-return]

    def close(self) -> None:
        """End the copy if it still runs (the build gave up on it, or ended early)."""
        self.copy.close()
        self.deflater.close()


_READ: dict[str, object] = {}  # in the copy: the outline file `_read` read, by digest, for `_plan`


def _read(request: BuildRequest, parent: int) -> "Read":
    """The outline of the build as read in the copy (`read_on_builtin`), kept there for its plan; the copy's
    collector tuned as a build's is (`deckgen.cli.build.collecting_less`: a copy started before the command
    line was read is not)."""
    import os

    if os.getpid() != parent:
        import gc

        gc.freeze()
        gc.set_threshold(50_000, 20, 20)
    from deckgen.build.pipeline import Read, read_on_builtin

    read = read_on_builtin(request)
    file, theme, digest = read
    _READ[digest] = read
    return Read(digest, file.outline, file.warnings, theme)


def _plan(request: BuildRequest, read: "Read") -> "Planned":
    """The plan of the outline `_read` read (read again where it is not kept: computed here, not in a copy)."""
    from deckgen.build.pipeline import plan_on_builtin

    return plan_on_builtin(request, _READ.pop(read.digest, None))  # type: ignore[arg-type]


def start_planning(request: BuildRequest) -> Optional[Planning]:
    """In a fresh process, read and plan a build on the built-in master in a copy of the process on another core
    (`plan_on_builtin`), while this one imports python-pptx and the renderer (a tenth of a second) and opens the
    master with the outline the copy hands over; `build` takes the outline and the plan when the copy read the
    text it reads (an outline saved again in between is read and planned again). The copy then writes the
    prepared slides' parts and deflates them with the rest as they are rendered (`Deflater`), and computes the
    deck's reading time (`Built.timing`). None where that gains nothing: on a template (the plan needs its
    layouts), or when the renderer is imported already (a second build of `--watch`, the tests)."""
    if request.template is not None or "pptx" in sys.modules:
        return None
    import os

    from deckgen.package.deflater import Deflater
    from deckgen.package.parallel import Forked

    deflater = Deflater()

    def beside_render(planned: "Planned") -> "Timing":
        from deckgen.present.timing import deck_timing
        from deckgen.render.slidexml import SlideWriter  # (no python-pptx)

        deflater.listen()  # from now on the renderer may hand over slides and recipes
        timing = deck_timing(planned[0], request.rate)  # (while the renderer takes the plan in)
        deflater.serve(SlideWriter(planned[0]).make)  # until the deck is saved
        return timing

    copy = Forked(_read, request, os.getpid(), then=(lambda read: _plan(request, read), beside_render))
    deflater.forked(copy.forked)
    return Planning(copy, deflater)
