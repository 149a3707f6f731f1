"""A readable text dump of a plan, for golden tests: one line per slide, one per text paragraph."""
from __future__ import annotations

from deckgen.plan.model import DeckPlan


def dump(deck: DeckPlan) -> str:
    """The plan as text: deck line, sections, then each slide with its fitted texts and notes."""
    footer = f" footer@{deck.footer.size:g}" if deck.footer else ""
    lines = [f"deck: {deck.title!r} lang={deck.language} theme={deck.theme}{footer}",
             f"sections: {' | '.join(deck.sections)}"]
    for n, s in enumerate(deck.slides, 1):
        lines.append(f"{n:>3} {s.role.value:<9} [{s.section}] {s.title.text!r} @{s.title.size:g}  <{s.source}>")
        for name, t in s.texts:
            for p in t.paragraphs:
                lines.append(f"      {name}@{t.size:g}: {p}")
        if s.notes:
            first = s.notes.strip().splitlines()[0] if s.notes.strip() else ""
            lines.append(f"      notes: {len(s.notes)} chars: {first[:24]}…")
    return "\n".join(lines) + "\n"
