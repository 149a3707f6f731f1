"""The example lecture shipped with deckgen (lecture.txt) and its hand-written outline (outline.yaml)."""
from __future__ import annotations
