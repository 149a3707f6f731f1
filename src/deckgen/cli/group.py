"""The `deckgen` command group: each command parses options, calls one function, prints."""
from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

import click

from deckgen import __version__

# Signals that end deckgen as Ctrl-C does: the work stops where it is, temporary files and folders are removed,
# LibreOffice is ended, and the previous output stays as it was.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: handled like Ctrl-C (every `finally` runs), so nothing is left behind."""


def _stop(signum: int, frame: Any) -> None:
    raise Terminated(signal.Signals(signum).name)


def _handle_stop_signals(ctx: click.Context) -> None:
    """Turn SIGTERM and SIGHUP into `Terminated` while the command runs; restore the old handlers after."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = {sig: signal.signal(sig, _stop) for sig in STOP_SIGNALS}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    ctx.call_on_close(restore)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(__version__, prog_name="deckgen")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn your lecture (.docx, .txt, .md) into a themed, editable 16:9 PowerPoint deck.

    \b
    Start from your lecture:
      deckgen outline my-lecture.docx -o outline.yaml   draft the outline (YAML)
      (edit outline.yaml: titles, bullets; the notes hold the lecture)
      deckgen build outline.yaml                        write outline.pptx
      deckgen preview outline.pptx                      look at every slide (PNG)
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)
    _handle_stop_signals(ctx)
    from deckgen.cli.lazy import defer

    defer()  # before a command imports python-pptx


def _register() -> None:
    # light modules: their heavy imports happen inside the commands
    from deckgen.cli.build import build, template, themes
    from deckgen.cli.outline import check, outline, schema
    from deckgen.cli.present import handout, preview
    from deckgen.cli.pull import pull

    for command in (build, themes, template, outline, check, schema, handout, preview, pull):
        main.add_command(command)


_register()


def run() -> None:
    """The `deckgen` program (console script and `python -m deckgen`): the command group run as click runs
    it, then the process ends at once with its exit status. Everything a command does is done and closed by
    then (files saved atomically, LibreOffice ended, temporary files removed in `finally`), so the
    interpreter's teardown — freeing every object of a build one by one, 0.2 s after a 1000-slide deck
    (BENCHMARKS.md) — is skipped. An unexpected exception is not caught here: Python prints it as usual."""
    try:
        main(prog_name="deckgen")
    except SystemExit as stop:
        code = stop.code
        if isinstance(code, str):
            sys.stderr.write(code + "\n")
            code = 1
        status = 0 if code is None else int(code)
    else:  # pragma: no cover - click's standalone mode always ends with SystemExit
        status = 0
    from deckgen.cli.early import end

    end()  # a plan started for a command line click refused is not left running
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`deckgen … | head`): nothing more can be written
            pass
    os._exit(status)

if __name__ == "__main__":  # pragma: no cover
    run()
