"""Entry point for `python -m deckgen`."""
from __future__ import annotations

from deckgen.cli import run

if __name__ == "__main__":
    run()
