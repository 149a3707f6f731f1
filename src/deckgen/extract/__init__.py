"""Draft an outline from a lecture's own text (.txt, .docx, .md): read, find the structure, write YAML."""
from __future__ import annotations
