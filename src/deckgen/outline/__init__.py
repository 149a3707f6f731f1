"""The outline stage: the model of a lecture deck, YAML loading with source positions, validation."""
from __future__ import annotations

from deckgen.text.clean import lend_yaml_its_pattern

lend_yaml_its_pattern()  # before any outline module imports yaml
