"""The text engine: scripts, metrics, one line breaker, fitting, numerals and text cleaning."""
from __future__ import annotations
