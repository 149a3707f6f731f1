"""Modules python-pptx imports at its start but few builds use, made to load on their first use instead."""
from __future__ import annotations

import importlib
import sys
from importlib.machinery import ModuleSpec
import threading
from types import ModuleType
from typing import Any

# python-pptx escapes XML with `xml.sax.saxutils`, whose `import urllib.request` brings in http.client, email
# and ssl (about 30 ms) for a function deckgen never calls; its image and text parts import Pillow (about
# 20 ms), which only a deck with pictures or a template with page pictures needs. A stand-in takes each one's
# place in `sys.modules` and loads the module on the first attribute anyone reads from it, then hands every
# attribute on to it, so nothing that uses them changes. (`importlib.util.LazyLoader` cannot do
# this on Python 3.11: the import statement itself reads `__spec__`, which loads the module.)
DEFERRED = ("urllib.request", "PIL.Image")
_LOCK = threading.RLock()  # the build's threads may reach for one at once


class Deferred(ModuleType):
    """A module not run yet: reading an attribute from it runs the real module (once) and reads it there, so
    whoever holds the stand-in sees the module's own, current objects."""

    def __getattr__(self, attr: str) -> Any:
        real = _load(self)
        return getattr(real, attr)


def _load(standin: Deferred) -> ModuleType:
    name = standin.__name__
    with _LOCK:
        if sys.modules.get(name) is standin:
            del sys.modules[name]
            importlib.import_module(name)  # binds the real module to its package, as any import does
        return sys.modules[name]


def defer(names: tuple[str, ...] = DEFERRED) -> list[str]:
    """Put a stand-in in `sys.modules` for each of `names` not imported yet; returns the names deferred.

    Only the parent package is imported now (the stand-in is bound to it as the import system would)."""
    done = []
    for name in names:
        if name in sys.modules:
            continue
        standin = Deferred(name)
        standin.__spec__ = ModuleSpec(name, None)  # found as imported; `_load` finds the real one
        parent, _, child = name.rpartition(".")
        if parent:
            try:
                package = importlib.import_module(parent)
            except ImportError:
                continue
            setattr(package, child, standin)
        sys.modules[name] = standin
        done.append(name)
    return done


def is_loaded(name: str) -> bool:
    """Whether the module `name` has run (a deferred one has not until an attribute is read from it)."""
    return name in sys.modules and not isinstance(sys.modules[name], Deferred)
