"""Themes as data: the theme model, WCAG contrast, built-in and user theme files."""
from __future__ import annotations
