"""`deckgen pull`: a deck's titles, bullets, notes and slide order, edited in PowerPoint, back into its outline."""
from __future__ import annotations
