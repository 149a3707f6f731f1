"""Packages on disk: one guarded zip reader, package checks, fingerprints, deck reading, atomic writes."""
from __future__ import annotations
