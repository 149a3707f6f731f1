"""A readable text dump of a plan, for golden tests: one line per slide, one per text paragraph."""
from __future__ import annotations

from deckgen.plan.model import Blocks, ChartPlan, CodePlan, DeckPlan, Payload, PicturePlan, TablePlan


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
        if s.payload is not None:
            lines += [f"      {line}" for line in _payload(s.payload)]
        if s.notes:
            first = s.notes.strip().splitlines()[0] if s.notes.strip() else ""
            lines.append(f"      notes: {len(s.notes)} chars: {first[:24]}…")
    return "\n".join(lines) + "\n"


def _payload(payload: Payload) -> list[str]:
    """What a slide draws beyond its placeholders, one line per shape, row or series."""
    if isinstance(payload, Blocks):
        return [f"{b.name.lower()}: " + " / ".join(" + ".join(f"{r.text}@{r.size:g}" for r in runs) for runs in b.paragraphs)
                for b in payload.items]
    if isinstance(payload, ChartPlan):
        unit = f" unit={payload.unit}" if payload.unit else ""
        out = [f"chart {payload.type}{unit} @{payload.size:g}{' labels' if payload.labels else ''}: {' | '.join(payload.categories)}"]
        out += [f"  {name} ({color}): {' | '.join(f'{v:g}' for v in values)}" for (name, values), color in
                zip(payload.series, payload.colors)]
        return out + [f"  alt: {payload.alt}"]
    if isinstance(payload, TablePlan):
        out = [f"table @{payload.size:g}: {' | '.join(payload.header)}"]
        out += [f"  {' | '.join(row)}" for row in payload.rows]
        return out + [f"  alt: {payload.alt}"]
    if isinstance(payload, CodePlan):
        return [f"code @{payload.size:g}: {len(payload.lines)} lines"] + [f"  | {line}" for line in payload.lines]
    assert isinstance(payload, PicturePlan)
    out = [f"picture {payload.shown} alt: {payload.alt}"]
    return out + [f"{b.name.lower()}: " + " / ".join(" + ".join(f"{r.text}@{r.size:g}" for r in runs) for runs in b.paragraphs)
                  for b in payload.beside]
