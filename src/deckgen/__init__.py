"""deckgen: turn a lecture outline into a themed, editable 16:9 PowerPoint deck."""
from __future__ import annotations

__version__ = "0.1.0"
