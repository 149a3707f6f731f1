"""The `deckgen` program: `run` prints the top-level help and version itself and hands every command to the group."""
from __future__ import annotations

import os
import sys

# `deckgen`, `deckgen -h`, `deckgen --help` print the command group's help, which `cli/help.txt` holds as click
# renders it at full width (tests/test_cli.py keeps the two equal); `--version` prints the version. Starting
# Python is most of their time: importing click would double it, so neither imports it. Click's help differs
# between its versions (8.5 writes `[COMMAND]`, 8.4 `COMMAND`): help.txt's first line names the click version that
# rendered it, and with any other click installed the help goes through click.
HELP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "help.txt")
HELP_WIDTH = 80  # click wraps help to the terminal, at most 80 columns: help.txt is that width
RENDERED_BY = "rendered by click "  # help.txt's first line: `rendered by click 8.5.1`


def click_version() -> str | None:
    """The installed click's version, read from its `click-X.Y.Z.dist-info` folder beside the package without
    importing click or importlib.metadata (None when not found that way)."""
    for folder in sys.path:
        try:
            if not os.path.isdir(os.path.join(folder or ".", "click")):
                continue
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("click-") and name.endswith(".dist-info"):
                return name[len("click-"):-len(".dist-info")]
        return None
    return None


def stored_help(path: str, version: str | None) -> str | None:
    """The help stored at `path` when click `version` rendered it, else None."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
            text = f.read()
    except OSError:
        return None
    if version is None or first.rstrip("\n") != RENDERED_BY + version:
        return None
    return text


def _columns() -> int:
    """The terminal's width as click reads it (`shutil.get_terminal_size`: $COLUMNS, the terminal, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _at_once(args: list[str]) -> str | None:
    """What `args` print without the command group, or None when they need it."""
    if args == ["--version"]:
        from deckgen import __version__

        return f"deckgen, version {__version__}\n"
    if args in ([], ["-h"], ["--help"]) and _columns() >= HELP_WIDTH:
        return stored_help(HELP, click_version())
    return None


def run() -> None:
    """The `deckgen` program (console script and `python -m deckgen`): help and version at once, anything else
    through the command group (`group.run`)."""
    text = _at_once(sys.argv[1:])
    if text is None:
        from deckgen.cli.early import start

        start(sys.argv[1:])  # a plain `deckgen build OUTLINE`: its plan starts now, in a copy of the process
        from deckgen.cli.group import run as commands

        commands()
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError:  # a closed pipe (`deckgen --help | head -1`): nothing more can be written
        pass
    os._exit(0)


def __getattr__(name: str) -> object:
    """`deckgen.cli.main` (the command group) and the rest of `group`, imported on first use."""
    if name.startswith("__") or name == "group":
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module("deckgen.cli.group"), name)
