"""Render a `DeckPlan` into a python-pptx `Presentation`: the only package that imports pptx.

Its modules are imported on first use: `from deckgen.render import render` imports python-pptx, while the
helpers that write XML as text (`deckgen.render.paragraphs`, `deckgen.render.slidexml`) do not, so a copy of
the process that planned the deck writes its prepared slides without python-pptx (`deckgen.render.prepared`)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deckgen.render.deck import render
    from deckgen.render.target import Target, builtin_target, template_target

_WHERE = {"Target": "target", "builtin_target": "target", "template_target": "target", "render": "deck"}
__all__ = ["Target", "builtin_target", "render", "template_target"]


def __getattr__(name: str) -> Any:
    """`Target`, `builtin_target`, `template_target`, `render`…: from the module that holds them, imported now."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
