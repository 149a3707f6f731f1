"""Describe a template for `deckgen template inspect`: masters, layouts, placeholders, the layout of each role and why."""
from __future__ import annotations

from pathlib import Path
from typing import Optional


def describe_template(path: Path, wanted: Optional[dict[str, str]] = None) -> str:
    """A readable report of what the template at `path` offers and what deckgen will use."""
    from deckgen.render.template import inspect, is_16_9, open_template, reading

    from deckgen.render.cloning import sample_slots
    from deckgen.render.roles import bare_roles

    prs = open_template(path)
    with reading(path):
        info = inspect(prs, wanted)
        samples = sample_slots(prs, (prs.slide_width / 12700, prs.slide_height / 12700), wanted or {},
                               bare=bare_roles(info.roles))
    width, height = info.size
    lines = [f"{path}: {width}×{height} EMU ({'16:9' if is_16_9(width, height) else 'not 16:9'}), "
             f"{info.masters} master{'s' if info.masters != 1 else ''}, {len(info.layouts)} layouts, "
             f"{info.slides} slides (removed when building)"]
    from deckgen.render.template import east_asian_capable

    major, minor = (face if east_asian_capable(face) else f"{face} (no Chinese glyphs)" if face else "(none)"
                    for face in info.east_asian)
    lines.append(f"East Asian theme fonts: major {major}, minor {minor}")
    lines.append("")
    lines.append("Layouts (number, name [type]):")
    master = -1
    for n, lo in enumerate(info.layouts, 1):
        if lo.master != master:
            master = lo.master
            lines.append(f"  master {master + 1}:")
        used = f", {lo.used_by} sample slide{'s' if lo.used_by != 1 else ''}" if lo.used_by else ""
        decor = f", {lo.decorations} decoration{'s' if lo.decorations != 1 else ''}" if lo.decorations else ""
        lines.append(f"  {n:>3}. {lo.name} [{lo.type}]{decor}{used}")
        for ph in lo.placeholders:
            lines.append(f"         {ph.type}#{ph.idx} {ph.name!r}")
    lines.append("")
    lines.append("Roles:")
    for choice in info.roles:
        if choice.role in samples:
            lines.append(f"  {choice.role:<10} → sample slide {samples[choice.role].sample_number}  (the design is on the "
                         "sample slides: copied, the lecture's text in its text boxes)")
            continue
        used = choice.layout.name if choice.layout is not None else "MISSING"
        why = f": {choice.why}" if choice.why else ""
        lines.append(f"  {choice.role:<10} → {used}  ({choice.via}{why})")
    if info.missing:
        lines.append("")
        lines.append(f"Missing: {', '.join(info.missing)}")
    return "\n".join(lines) + "\n"


def layout_deck(path: Path, out: Path, wanted: Optional[dict[str, str]] = None) -> list[str]:
    """Save to `out` a deck showing the template at `path` as deckgen sees it: its sample slides as they are,
    then one slide per layout with its number and name in its title; return one caption per slide (the
    role each sample slide or layout serves)."""
    from deckgen.render import oxml
    from deckgen.render.factory import SlideFactory
    from deckgen.render.pptx_api import element
    from deckgen.render.sampleroles import classify
    from deckgen.render.samples import read_samples
    from deckgen.render.template import inspect, open_template, reading

    prs = open_template(path)
    with reading(path):
        info = inspect(prs, wanted)
        samples = read_samples(prs)
        classify(samples)
        captions = [f"sample {s.index + 1}: {s.role.value if s.role else 'not used'}{' (hidden)' if s.hidden else ''}"
                    for s in samples]
        for s in samples:  # shown, so that every sample has its picture (LibreOffice leaves hidden slides out)
            if s.hidden:
                element(s.slide).attrib.pop("show", None)
        serves: dict[int, list[str]] = {}
        for choice in info.roles:
            if choice.layout is not None:
                serves.setdefault(id(choice.layout.part), []).append(choice.role)
        factory = SlideFactory(prs)
        for n, lo in enumerate(info.layouts, 1):
            slide = factory.add_slide(lo.layout)
            roles = serves.get(id(lo.layout.part), [])
            caption = f"layout {n}: {lo.name}" + (f" → {', '.join(roles)}" if roles else "")
            title = next((sp for (kind, _), sp in slide.placeholders.items() if kind in ("title", "ctrTitle")), None)
            if title is not None:
                oxml.set_paragraphs(title.find(oxml.qn("p:txBody")), [caption], "en-US")
            captions.append(caption)
        prs.save(str(out))
    return captions
