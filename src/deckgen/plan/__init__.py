"""The plan stage (pure, no pptx): the table of slide kinds, the 16:9 grid, the planner and its dump."""
from __future__ import annotations
