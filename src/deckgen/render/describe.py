"""Describe a template for `deckgen template inspect`: layouts, placeholders, roles, fonts."""
from __future__ import annotations

from pathlib import Path


def describe_template(path: Path) -> str:
    """A readable report of what the template at `path` offers and what deckgen will use."""
    from deckgen.render.template import inspect, is_16_9, open_template, reading

    prs = open_template(path)
    with reading(path):
        info = inspect(prs)
    width, height = info.size
    lines = [f"{path}: {width}×{height} EMU ({'16:9' if is_16_9(width, height) else 'not 16:9'}), "
             f"{len(info.layouts)} layouts, {info.slides} slides (removed when building)"]
    major, minor = info.east_asian
    lines.append(f"East Asian theme fonts: major {major or '(none)'}, minor {minor or '(none)'}")
    lines.append("")
    lines.append("Layouts:")
    for name, kind, placeholders in info.layouts:
        lines.append(f"  {name} [{kind}]")
        for ph in placeholders:
            lines.append(f"      {ph}")
    lines.append("")
    lines.append("Roles:")
    for choice in info.roles:
        used = choice.layout.name if choice.layout is not None else "MISSING"
        lines.append(f"  {choice.role:<10} → {used}  ({choice.via})")
    if info.missing:
        lines.append("")
        lines.append(f"Missing: {', '.join(info.missing)}")
    return "\n".join(lines) + "\n"
