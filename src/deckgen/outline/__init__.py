"""The outline stage: the model of a lecture deck, YAML loading with source positions, validation."""
from __future__ import annotations
