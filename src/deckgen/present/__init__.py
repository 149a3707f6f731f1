"""Presenting: LibreOffice, slide pictures (pdfium), previews, the handout, reading time, watch mode, fonts, progress."""
from __future__ import annotations
