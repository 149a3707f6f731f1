"""Packages on disk: one guarded zip reader, the namespaces, package checks, fingerprints, deck reading, atomic writes."""
from __future__ import annotations
