"""The `deckgen` command line: the command group; each command parses options, calls one function, prints."""
from __future__ import annotations

import sys

import click

from deckgen import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """Turn a lecture outline (YAML) into a themed, editable 16:9 PowerPoint deck."""


def _register() -> None:
    # light modules: their heavy imports happen inside the commands
    from deckgen.cli.build import build, template, themes
    from deckgen.cli.outline import check, outline, schema
    from deckgen.cli.present import handout, preview
    from deckgen.cli.pull import pull

    for command in (build, themes, template, outline, check, schema, handout, preview, pull):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
