"""A build's plan started as the program starts, before the command line is parsed: for a command line as
plain as `deckgen build talk.yaml -o talk.pptx`, the copy of the process that plans (`start_planning`) is made
while this one has still to import click and read the command line, and the build takes its plan when the
request it parses is the very request guessed here (else the copy is ended and the build goes as always)."""
from __future__ import annotations

import atexit
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

if TYPE_CHECKING:
    from deckgen.build.planning import Planning
    from deckgen.build.request import BuildRequest

_STARTED: list[tuple["BuildRequest", "Planning"]] = []  # the request guessed and its plan under way
_VALUED = {"-o": "output", "--output": "output", "--theme": "theme", "--duration": None}  # (None: not in the request)
_FLAGS = {"--force": "force", "--time-cues": "time_cues", "--pdf": None}
_OUTLINES = (".yaml", ".yml")


def guess(args: Sequence[str]) -> Optional["BuildRequest"]:
    """The request of `deckgen ARGS` when ARGS are `build`, an outline and only options this knows (`-o`,
    `--output`, `--theme`, `--force`, `--time-cues`, `--pdf`, `--duration`), as `make_request` would make it
    for them; None for anything else (another command, `--template`, `--rate`, help, no outline…)."""
    if not args or args[0] != "build":
        return None
    given: dict[str, object] = {}
    outline: Optional[str] = None
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg.startswith("--") and "=" in arg:  # --output=talk.pptx
            name, value = arg.split("=", 1)
            if name not in _VALUED:
                return None
        elif arg in _VALUED and rest:  # -o talk.pptx
            name, value = arg, rest.pop(0)
        elif arg.startswith("-o") and len(arg) > 2:  # -otalk.pptx
            name, value = "-o", arg[2:]
        elif arg in _FLAGS:
            if _FLAGS[arg]:
                given[_FLAGS[arg]] = True  # type: ignore[index]
            continue
        elif not arg.startswith("-") and outline is None:
            outline = arg
            continue
        else:
            return None
        if _VALUED[name]:
            given[_VALUED[name]] = value  # type: ignore[index]
    if outline is None or not outline.lower().endswith(_OUTLINES):
        return None
    output = Path(str(given.pop("output"))) if "output" in given else Path(outline).with_suffix(".pptx")
    if output.suffix.lower() != ".pptx":
        return None
    from deckgen.build.request import BuildRequest

    return BuildRequest(Path(outline), output, theme=given.get("theme"), force=bool(given.get("force")),  # type: ignore[arg-type]
                        time_cues=bool(given.get("time_cues")))


def start(args: Sequence[str]) -> None:
    """Start planning the build `deckgen ARGS` asks for, when `guess` knows it (and it plans in a copy)."""
    request = guess(args)
    if request is None:
        return
    from deckgen.build.planning import start_planning

    planning = start_planning(request)
    if planning is not None:
        _STARTED.append((request, planning))
        atexit.register(end)  # a command line click refuses: the copy ends with the program


def end() -> None:
    """End the copy of a plan started and not taken (the program ends at once: `group.run`)."""
    while _STARTED:
        _STARTED.pop()[1].close()


def take(request: "BuildRequest") -> Optional["Planning"]:
    """The plan started for `request` (once), else None; a plan started for another request is ended."""
    if not _STARTED:
        return None
    guessed, planning = _STARTED.pop()
    if guessed == request:
        return planning
    planning.close()
    return None
